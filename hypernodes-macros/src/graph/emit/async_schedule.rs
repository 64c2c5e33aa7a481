//! Emits `Graph::__run_async`: one future per step, polled together, so that a step
//! starts as soon as its own inputs are ready. Values live in a struct of `Slot`s; each
//! step's future is returned by a method of its own, so that rustc type-checks each on
//! its own (one body holding every future made type-checking superlinear in the steps).

use super::step::{self, ArgForms, Drive};
use super::sync_schedule::share;
use super::types::{input_type, output_type};
use super::Emit;
use crate::graph::analysis::{Pass, Step};
use crate::graph::wiring::Source;
use crate::naming::{in_node, slots_struct, step_method, value_local};
use crate::signature::EntryKind;
use proc_macro2::TokenStream;
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
    let inputs_name = &emit.names.inputs;
    let fields: Vec<_> = emit.plan.inputs.iter().map(|input| &input.name).collect();
    let values = fields.iter().map(|field| value_local(field));
    let slots_name = slots_struct(&emit.header.name);
    // One slot per value used or returned: inputs filled, outputs empty until produced.
    let slot_inits = emit.analysis.values.iter().map(|value| {
        let (name, shares) = (&value.name, value.shares);
        match value.source {
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
    quote! {
        let #inputs_name { #(#fields: #values,)* } = #inputs;
        let #slots = #slots_name { #(#slot_inits,)* };
        {
            #(
                let #tasks = ::core::pin::pin!(#slots.#methods(#exec));
                let mut #tasks = __hn::Task::new(#tasks);
            )*
            __hn::join_tasks!(#(#tasks),*).await?;
        }
        #(#releases)*
        ::core::result::Result::Ok(#outputs_name { #(#outputs: #slots.#outputs.into_value(),)* })
    }
}

/// The method returning the future of one step: waits for its inputs, runs the entry
/// through the executor, and fills the slots of the outputs it keeps.
fn step_fn(emit: &Emit<'_>, step: &Step) -> TokenStream {
    let locals = &emit.locals;
    let (exec, node, key, lease) = (
        locals.fresh("exec"),
        locals.fresh("node"),
        locals.fresh("key"),
        locals.fresh("lease"),
    );
    let fetch = step.args.iter().map(|arg| {
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
    let (args, key_args) = step::args(emit, step, |arg, value| match arg.pass {
        Pass::Borrow => ArgForms {
            passed: quote!(&*#value),
            borrowed: quote!(&*#value),
        },
        Pass::Move | Pass::Clone => ArgForms {
            passed: value.clone(),
            borrowed: quote!(&#value),
        },
    });
    let (key_fn, codec) = (in_node::cache_key(), in_node::codec());
    let (bound, keep) = step::kept(emit, step);
    let position = step.position;
    let entry = &emit.entries[step.entry];
    let path = &entry.path;
    let graph = &emit.header.name;
    let run = match entry.signature.kind {
        EntryKind::Graph => quote! {
            __hn::AsyncExecutor::graph(#exec, #position, &#path, <#path as __hn::NestedGraph>::inputs((#(#args,)*)), #keep).await?
        },
        EntryKind::Node => {
            let channel = quote!(__hn::AsyncExecutor::channel(#exec, #node, #position));
            let call = step::node_call(emit, step, args, channel, Drive::Await);
            let run = if entry.signature.cache {
                quote! {{
                    let #key = __hn::AsyncExecutor::cache_key(#exec, #node, || #path::#key_fn(#(#key_args),*));
                    __hn::AsyncExecutor::cached_node(#exec, #node, #key, &#path::#codec, async { #call }, #keep).await?
                }}
            } else {
                quote!(__hn::AsyncExecutor::node(#exec, #node, async { #call }, #keep).await?)
            };
            quote! {{
                let #node = &<#graph as ::hypernodes::Graph>::GRAPH_INFO.nodes[#position];
                #run
            }}
        }
    };
    let publish = step.kept.iter().flatten().map(|value| {
        let local = value_local(value);
        quote!(self.#value.set(#local);)
    });
    let method = step_method(position, &entry.signature.name);
    quote! {
        fn #method<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            #exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<(), ::hypernodes::Error>,
        > + 'run {
            async move {
                #(#fetch)*
                let #bound = #run;
                #(#publish)*
                ::core::result::Result::Ok(())
            }
        }
    }
}
