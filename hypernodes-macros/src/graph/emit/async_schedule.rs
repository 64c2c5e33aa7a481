//! Emits `Graph::__run_async`: one future per step, polled together, so that a step
//! starts as soon as its own inputs are ready. Values live in a struct of `Slot`s; each
//! step's future is returned by a method of its own, so that rustc type-checks each on
//! its own (one body holding every future made type-checking superlinear in the steps).

use super::mapped;
use super::step::{self, ArgForms, Drive};
use super::sync_schedule::share;
use super::types::{input_type, output_type};
use super::Emit;
use crate::graph::analysis::{Pass, Step};
use crate::graph::wiring::Source;
use crate::naming::{in_node, slots_struct, step_method, value_local};
use crate::signature::EntryKind;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The slots struct and its step methods.
pub(crate) fn items(emit: &Emit<'_>) -> TokenStream {
    let slots = slots_struct(&emit.header.name);
    let fields = emit.analysis.values.iter().map(|value| {
        let name = &value.name;
        let ty = match value.source {
            Source::Input(index) => input_type(emit.entries, emit.plan, index),
            Source::Node { entry, output } => output_type(&emit.entries[entry], output),
        };
        quote!(#name: __hn::Slot<#ty>)
    });
    let steps = emit.analysis.steps.iter().map(|step| step_fn(emit, step));
    quote! {
        #[allow(non_camel_case_types, non_snake_case)]
        struct #slots {
            #(#fields,)*
        }

        #[allow(clippy::all, non_snake_case, unused_braces)]
        impl #slots {
            #(#steps)*
        }
    }
}

/// The body of the future `__run_async` returns.
pub(crate) fn body(emit: &Emit<'_>) -> TokenStream {
    let locals = &emit.locals;
    let (exec, inputs, slots) = (
        locals.fresh("exec"),
        locals.fresh("inputs"),
        locals.fresh("slots"),
    );
    let fields: Vec<_> = emit.plan.inputs.iter().map(|input| &input.name).collect();
    let values = fields.iter().map(|field| value_local(field));
    let slots_name = slots_struct(&emit.header.name);
    // One slot per value used or returned: inputs filled, outputs empty until produced.
    let slot_inits = emit.analysis.values.iter().map(|value| {
        let (name, shares) = (&value.name, value.shares);
        match value.source {
            Source::Input(index) if emit.lent(index) => {
                let local = value_local(name);
                quote!(#name: __hn::Slot::filled_lent(#local, #shares))
            }
            Source::Input(_) => {
                let local = value_local(name);
                quote!(#name: __hn::Slot::filled(#local, #shares))
            }
            Source::Node { .. } => quote!(#name: __hn::Slot::new(#shares)),
        }
    });
    let tasks: Vec<_> = emit
        .analysis
        .steps
        .iter()
        .map(|step| locals.fresh(&format!("task_{}", step.position)))
        .collect();
    let methods = emit
        .analysis
        .steps
        .iter()
        .map(|step| step_method(step.position, &emit.entries[step.entry].signature.name));
    let outputs_name = &emit.names.outputs;
    let outputs = emit.plan.outputs.iter().map(|(name, _)| name);
    let graph = &emit.header.name;
    let releases = emit.analysis.releases.iter().map(|release| {
        let (value, producer) = (&release.value, release.producer);
        quote! {
            __hn::AsyncExecutor::release(
                #exec,
                &<#graph as ::hypernodes::Graph>::GRAPH_INFO.nodes[#producer],
                #slots.#value,
            )?;
        }
    });
    let pattern = super::fields::nest(values.map(|v| quote!(#v)).collect());
    // A stopped run keeps the outputs whose slots were filled.
    let partial_name = &emit.names.partial;
    let partial_outputs: Vec<_> = emit.plan.outputs.iter().map(|(name, _)| name).collect();
    let (joined, error) = (locals.fresh("joined"), locals.fresh("error"));
    quote! {
        let #pattern = #inputs;
        let #slots = #slots_name { #(#slot_inits,)* };
        let #joined = {
            #(
                let #tasks = ::core::pin::pin!(#slots.#methods(#exec));
                let mut #tasks = __hn::Task::new(#tasks);
            )*
            __hn::join_tasks!(#(#tasks),*).await
        };
        if let ::core::result::Result::Err(#error) = #joined {
            return ::core::result::Result::Err(__hn::Halt::new(#error, move || #partial_name {
                #(#partial_outputs: #slots.#partial_outputs.into_option(),)*
            }));
        }
        #(#releases)*
        ::core::result::Result::Ok(#outputs_name { #(#outputs: #slots.#outputs.into_value(),)* })
    }
}

/// A `blocking` node's call, moved to the blocking pool: each lent value is shared
/// (an `Arc` of the slot's value, shadowing its lease, which stays alive and so still
/// counts as a use until the step ends) so that the call owns everything it uses; the
/// shared values are dropped on the pool before the result comes back, so a later step
/// that takes the value finds it free. Returns the sharing statements and the future.
fn blocking_call(step: &Step, call: TokenStream) -> (TokenStream, TokenStream) {
    let lent: Vec<Ident> = step
        .args
        .iter()
        .filter(|arg| matches!(arg.pass, Pass::Borrow))
        .map(|arg| value_local(&arg.value))
        .collect();
    let shared = quote!(#(let #lent = __hn::Lease::shared(&#lent);)*);
    let call = quote! {
        __hn::blocking(move || {
            let result = #call;
            ::core::mem::drop((#(#lent,)*));
            result
        })
    };
    (shared, call)
}

/// The method returning the future of one step: waits for its inputs, runs the entry
/// through the executor, and fills the slots of the outputs it keeps.
fn step_fn(emit: &Emit<'_>, step: &Step) -> TokenStream {
    if emit.entries[step.entry].is_mapped() {
        return mapped::async_step_fn(emit, step);
    }
    let fetch = fetch(emit, step);
    let (args, key_args) = step::args(emit, step, |arg, value| match arg.pass {
        // A bound value is the step's own local, not a lease of a slot.
        Pass::Borrow if arg.bound => ArgForms {
            passed: quote!(&#value),
            borrowed: quote!(&#value),
        },
        Pass::Borrow => ArgForms {
            passed: quote!(&*#value),
            borrowed: quote!(&*#value),
        },
        Pass::Move | Pass::Clone => ArgForms {
            passed: value.clone(),
            borrowed: quote!(&#value),
        },
    });
    let (bound, keep) = step::kept(emit, step);
    let run = run(emit, step, args, key_args, keep);
    method(emit, step, quote!(#fetch let #bound = #run.await?;))
}

/// The step's bound values, and the values it waits for: leased, taken, or cloned.
pub(crate) fn fetch(emit: &Emit<'_>, step: &Step) -> TokenStream {
    let lease = emit.locals.fresh("lease");
    let fetch = step.args.iter().filter(|arg| !arg.bound).map(|arg| {
        let (slot, local) = (&arg.value, value_local(&arg.value));
        match arg.pass {
            Pass::Borrow => quote!(let #local = self.#slot.lease().await;),
            Pass::Move => quote!(let #local = self.#slot.take().await;),
            Pass::Clone => {
                let source = emit.plan.sources[&arg.value.to_string()];
                let share = share(emit, source, arg.clone_span);
                quote!(let #local = { let #lease = self.#slot.lease().await; #share(&*#lease) };)
            }
        }
    });
    let bound_locals = step::bound_locals(emit, step);
    quote!(#bound_locals #(#fetch)*)
}

/// The future that runs the step's entry once through the executor, with `args`, whose
/// output is a `Result` of what `keep` returns.
pub(crate) fn run(
    emit: &Emit<'_>,
    step: &Step,
    args: Vec<TokenStream>,
    key_args: Vec<TokenStream>,
    keep: TokenStream,
) -> TokenStream {
    let locals = &emit.locals;
    let (exec, node, key) = (
        locals.fresh("exec"),
        locals.fresh("node"),
        locals.fresh("key"),
    );
    let (key_fn, codec) = (in_node::cache_key(), in_node::codec());
    let position = step.position;
    let entry = &emit.entries[step.entry];
    let path = &entry.path;
    let graph = &emit.header.name;
    match entry.signature.kind {
        EntryKind::Graph => quote! {
            __hn::AsyncExecutor::graph(#exec, #position, &#path, <#path as __hn::NestedGraph>::inputs((#(#args,)*)), #keep)
        },
        EntryKind::Node => {
            let channel = quote!(__hn::AsyncExecutor::channel(#exec, #node, #position));
            let call = step::node_call(emit, step, args, channel, Drive::Await);
            let (shared, call) = if entry.signature.blocking {
                blocking_call(step, call)
            } else {
                (quote!(), quote!(async { #call }))
            };
            let run = if entry.signature.cache {
                quote! {
                    let #key = __hn::AsyncExecutor::cache_key(#exec, #node, || #path::#key_fn(#(#key_args),*));
                    __hn::AsyncExecutor::cached_node(#exec, #node, #key, &#path::#codec, #call, #keep)
                }
            } else {
                quote!(__hn::AsyncExecutor::node(#exec, #node, #call, #keep))
            };
            quote! {{
                let #node = &<#graph as ::hypernodes::Graph>::GRAPH_INFO.nodes[#position];
                #shared
                #run
            }}
        }
    }
}

/// The step's method: `body` runs it, binding what it keeps, which is then published.
pub(crate) fn method(emit: &Emit<'_>, step: &Step, body: TokenStream) -> TokenStream {
    let exec = emit.locals.fresh("exec");
    let entry = &emit.entries[step.entry];
    let publish = step.kept.iter().flatten().map(|value| {
        let local = value_local(value);
        quote!(self.#value.set(#local);)
    });
    let method = step_method(step.position, &entry.signature.name);
    quote! {
        fn #method<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            #exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<(), ::hypernodes::Error>,
        > + 'run {
            async move {
                #body
                #(#publish)*
                ::core::result::Result::Ok(())
            }
        }
    }
}
