//! What both schedules emit alike for a step: its arguments through their edge checks,
//! the call of its function, and what it keeps of its outputs.

use super::edges::feed;
use super::types::param_type;
use super::Emit;
use crate::graph::analysis::{Arg, Step};
use crate::naming::value_local;
use crate::signature::EntryKind;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

/// How a schedule writes one argument: the expression passed, and a borrow of it for a
/// cached node's key.
pub(crate) struct ArgForms {
    pub passed: TokenStream,
    pub borrowed: TokenStream,
}

/// The step's arguments in parameter order, each through its edge check.
pub(crate) fn args(
    emit: &Emit<'_>,
    step: &Step,
    form: impl Fn(&Arg, TokenStream) -> ArgForms,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let entry = &emit.entries[step.entry];
    let mut passed = Vec::new();
    let mut keys = Vec::new();
    for (arg, input) in step.args.iter().zip(&entry.signature.inputs) {
        let local = value_local(&arg.value);
        let forms = form(arg, quote!(#local));
        let edge = arg.edge.map(|edge| &emit.analysis.edges[edge]);
        match edge {
            Some(edge) => {
                passed.push(feed(emit, edge, forms.passed));
                // A borrowed parameter is keyed by what the node sees (`&str` of a `String`).
                keys.push(if input.by_ref {
                    feed(emit, edge, forms.borrowed)
                } else {
                    forms.borrowed
                });
            }
            None => {
                passed.push(forms.passed);
                keys.push(forms.borrowed);
            }
        }
    }
    (passed, keys)
}

/// How the schedule drives a node's function: `block_on` in the synchronous schedule,
/// `.await` in the async one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Drive {
    Block,
    Await,
}

/// The call of a node's function with `args`, its `Chunks`/`Interrupt` parameter made
/// from `channel`, as a `Result<_, BoxError>`.
pub(crate) fn node_call(
    emit: &Emit<'_>,
    step: &Step,
    mut args: Vec<TokenStream>,
    channel: TokenStream,
    drive: Drive,
) -> TokenStream {
    let entry = &emit.entries[step.entry];
    let signature = &entry.signature;
    let mut specials: Vec<(usize, TokenStream)> = Vec::new();
    if let Some(at) = signature.streams {
        specials.push((at, quote!(::hypernodes::Chunks::__new(#channel))));
    }
    if let Some(at) = signature.asks {
        specials.push((at, quote!(::hypernodes::Interrupt::__new(#channel))));
    }
    if let Some(at) = signature.stops {
        specials.push((at, quote!(::hypernodes::Stop::__new(#channel))));
    }
    specials.sort_by_key(|(at, _)| *at);
    for (at, special) in specials {
        args.insert(at, special);
    }
    let path = &entry.path;
    let span = path.span();
    let call = quote_spanned!(span=> #path(#(#args),*));
    let call = match (signature.is_async, drive) {
        (false, _) => call,
        (true, Drive::Block) => quote!(__hn::block_on(#call)),
        (true, Drive::Await) => quote!(#call.await),
    };
    if signature.fallible {
        let fallible = crate::naming::in_node::fallible();
        quote!(#path::#fallible(#call))
    } else {
        quote!(__hn::infallible(#call))
    }
}

/// Whether the node has a `Chunks`, `Interrupt` or `Stop` parameter (its call needs the
/// executor).
pub(crate) fn needs_channel(emit: &Emit<'_>, step: &Step) -> bool {
    let signature = &emit.entries[step.entry].signature;
    signature.streams.is_some() || signature.asks.is_some() || signature.stops.is_some()
}

/// What the step binds, and the `keep` that turns its outputs into it; outputs nobody
/// uses are dropped inside `keep`, within the step.
pub(crate) fn kept(emit: &Emit<'_>, step: &Step) -> (TokenStream, TokenStream) {
    let kept: Vec<_> = step.kept.iter().flatten().map(value_local).collect();
    let bound = match kept.as_slice() {
        [one] => quote!(#one),
        many => quote!((#(#many),*)),
    };
    let entry = &emit.entries[step.entry];
    match entry.signature.kind {
        EntryKind::Node => {
            if kept.len() == step.kept.len() {
                return (bound, quote!(__hn::keep_all));
            }
            let outputs = step.kept.iter().map(|kept| match kept {
                Some(value) => {
                    let local = value_local(value);
                    quote!(#local)
                }
                None => quote!(_),
            });
            let outputs = match step.kept.len() {
                1 => quote!(#(#outputs)*),
                _ => quote!((#(#outputs),*)),
            };
            (bound.clone(), quote!(|#outputs| #bound))
        }
        EntryKind::Graph => {
            let outputs = emit.locals.fresh("outputs");
            // The listed graph's outputs struct has its own field names.
            let fields = step
                .kept
                .iter()
                .zip(&entry.inner.outputs)
                .filter_map(|(kept, inner)| kept.as_ref().map(|_| inner));
            let taken = match kept.len() {
                1 => quote!(#(#outputs.#fields)*),
                _ => quote!((#(#outputs.#fields),*)),
            };
            (bound, quote!(|#outputs| #taken))
        }
    }
}

/// The locals a step makes from the values its list entry binds, each once per run of
/// the step, typed as the parameter takes it (owned, for a `&T` parameter).
pub(crate) fn bound_locals(emit: &Emit<'_>, step: &Step) -> TokenStream {
    let entry = &emit.entries[step.entry];
    let lets = step
        .args
        .iter()
        .enumerate()
        .filter(|(_, arg)| arg.bound)
        .map(|(param, arg)| {
            let bound = entry.bound[param]
                .as_ref()
                .expect("a bound argument has a value");
            let local = value_local(&arg.value);
            let ty = param_type(entry, param);
            let ty = if entry.signature.inputs[param].by_ref {
                quote!(<#ty as ::hypernodes::__private::Owned>::Type)
            } else {
                ty
            };
            let expr = &bound.expr;
            let span = expr.span();
            let value = if bound.is_str {
                quote_spanned!(span=> ::core::convert::From::from(#expr))
            } else {
                quote!(#expr)
            };
            quote!(let #local: #ty = #value;)
        });
    quote!(#(#lets)*)
}
