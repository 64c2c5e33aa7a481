//! Emits `Graph::__run`: the steps as straight-line calls through an `Executor`, values
//! in locals, each moved into its last consumer.

use super::mapped;
use super::step::{self, ArgForms, Drive};
use super::types::source_type;
use super::Emit;
use crate::graph::analysis::{Pass, Step};
use crate::graph::wiring::Source;
use crate::naming::{in_node, value_local};
use crate::signature::EntryKind;
use crate::tokens::respan;
use proc_macro2::TokenStream;
use quote::quote;

/// The body of `__run`, whose parameters are `exec` and `inputs` (as named in `emit.locals`).
pub(crate) fn body(emit: &Emit<'_>) -> TokenStream {
    let (inputs, nodes) = (emit.locals.fresh("inputs"), emit.locals.fresh("nodes"));
    let name = &emit.header.name;
    let fields: Vec<_> = emit.plan.inputs.iter().map(|input| &input.name).collect();
    let values = fields.iter().map(|field| value_local(field));
    let steps = emit.analysis.steps.iter().map(|step| {
        let step_tokens = self::step(emit, step);
        let releases = releases_after(emit, step.position);
        quote!(#step_tokens #releases)
    });
    let outputs_name = &emit.names.outputs;
    let outputs = emit.plan.outputs.iter().map(|(field, _)| {
        let local = value_local(field);
        quote!(#field: #local)
    });
    let pruned = pruned(emit);
    let pattern = super::fields::nest(values.map(|v| quote!(#v)).collect());
    quote! {
        #pruned
        let #pattern = #inputs;
        let #nodes = <#name as ::hypernodes::Graph>::GRAPH_INFO.nodes;
        #(#steps)*
        ::core::result::Result::Ok(#outputs_name { #(#outputs,)* })
    }
}

/// Drops the lent-only values whose last use is the step at `position`.
fn releases_after(emit: &Emit<'_>, position: usize) -> TokenStream {
    let (exec, nodes) = (emit.locals.fresh("exec"), emit.locals.fresh("nodes"));
    let releases = emit
        .analysis
        .releases
        .iter()
        .filter(|release| release.after == position)
        .map(|release| {
            let (value, producer) = (value_local(&release.value), release.producer);
            quote!(__hn::Executor::release(#exec, &#nodes[#producer], #value);)
        });
    quote!(#(#releases)*)
}

/// Entries the selected outputs do not need are listed but never called; mention them so
/// that a private function used only here does not warn as dead code.
pub(crate) fn pruned(emit: &Emit<'_>) -> TokenStream {
    let pruned = emit
        .entries
        .iter()
        .enumerate()
        .filter(|(index, entry)| {
            entry.signature.kind == EntryKind::Node && !emit.plan.order.contains(index)
        })
        .map(|(_, entry)| &entry.path);
    quote!(#(let _ = #pruned;)*)
}

/// `<T as SharedValue>::share`, spanned at the first consumer that clones the value, so
/// that a missing `Clone` is one error at the user's token.
pub(crate) fn share(emit: &Emit<'_>, source: Source, span: proc_macro2::Span) -> TokenStream {
    let ty = source_type(emit.entries, emit.plan, source);
    respan(
        quote!(<#ty as ::hypernodes::__private::SharedValue>::share),
        span,
    )
}

fn step(emit: &Emit<'_>, step: &Step) -> TokenStream {
    let bound_locals = step::bound_locals(emit, step);
    if emit.entries[step.entry].is_mapped() {
        let mapped = mapped::sync_step(emit, step);
        return quote!(#bound_locals #mapped);
    }
    let (args, key_args) = step::args(emit, step, |arg, value| {
        // An input every use lends is a `LentInput`: lend what it holds.
        let lent = !arg.bound && emit.is_lent_input(&arg.value);
        let borrowed = if lent {
            quote!(&*#value)
        } else {
            quote!(&#value)
        };
        let passed = match arg.pass {
            Pass::Borrow => borrowed.clone(),
            Pass::Move => value.clone(),
            Pass::Clone => {
                let source = emit.plan.sources[&arg.value.to_string()];
                let share = share(emit, source, arg.clone_span);
                quote!(#share(&#value))
            }
        };
        ArgForms { passed, borrowed }
    });
    let (bound, keep) = step::kept(emit, step);
    let run = run(emit, step, args, key_args, keep);
    quote!(#bound_locals let #bound = #run?;)
}

/// The expression that runs the step's entry once through the executor, with `args`,
/// as a `Result` of what `keep` returns.
pub(crate) fn run(
    emit: &Emit<'_>,
    step: &Step,
    args: Vec<TokenStream>,
    key_args: Vec<TokenStream>,
    keep: TokenStream,
) -> TokenStream {
    let locals = &emit.locals;
    let (exec, nodes, node, key) = (
        locals.fresh("exec"),
        locals.fresh("nodes"),
        locals.fresh("node"),
        locals.fresh("key"),
    );
    let (key_fn, codec) = (in_node::cache_key(), in_node::codec());
    let position = step.position;
    let entry = &emit.entries[step.entry];
    let path = &entry.path;
    match entry.signature.kind {
        EntryKind::Graph => quote! {
            __hn::Executor::graph(#exec, #position, &#path, <#path as __hn::NestedGraph>::inputs((#(#args,)*)), #keep)
        },
        EntryKind::Node if entry.signature.cache => {
            let call = step::node_call(emit, step, args, TokenStream::new(), Drive::Block);
            quote! {{
                let #node = &#nodes[#position];
                let #key = __hn::Executor::cache_key(#exec, #node, || #path::#key_fn(#(#key_args),*));
                __hn::Executor::cached_node(#exec, #node, #key, &#path::#codec, |_| #call, #keep)
            }}
        }
        EntryKind::Node if step::needs_channel(emit, step) => {
            let channel = quote!(__hn::Executor::channel(#exec, #node, #position));
            let call = step::node_call(emit, step, args, channel, Drive::Block);
            quote! {{
                let #node = &#nodes[#position];
                __hn::Executor::node(#exec, #node, |#exec| #call, #keep)
            }}
        }
        EntryKind::Node => {
            let call = step::node_call(emit, step, args, TokenStream::new(), Drive::Block);
            quote!(__hn::Executor::node(#exec, &#nodes[#position], |_| #call, #keep))
        }
    }
}
