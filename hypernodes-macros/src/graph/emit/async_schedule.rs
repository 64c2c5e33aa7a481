//! Emits `Graph::__run_async`: one future per step, polled together, so that a step
//! starts as soon as its own inputs are ready. Values live in a struct of `Slot`s; each
//! step's future is returned by a method of its own, so that rustc type-checks each on
//! its own (one body holding every future made type-checking superlinear in the steps).

use super::mapped;
use super::step::{self, ArgForms, Drive};
use super::sync_schedule::share;
use super::types::{input_type, output_type};
use super::Emit;
use crate::graph::analysis::{Pass, Step, Value};
use crate::graph::groups::never_waits;
use crate::graph::wiring::Source;
use crate::naming::{in_node, slots_struct, step_method, value_local};
use crate::signature::EntryKind;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The slots struct and its group methods.
pub(crate) fn items(emit: &Emit<'_>) -> TokenStream {
    let slots = slots_struct(&emit.header.name);
    let fields = slotted(emit).map(|value| {
        let name = &value.name;
        let ty = match value.source {
            Source::Input(index) => input_type(emit.entries, emit.plan, index),
            Source::Node { entry, output } => output_type(&emit.entries[entry], output),
        };
        let slot = slot_type(emit, value);
        quote!(#name: #slot<#ty>)
    });
    // One group runs in the run's own future (see `body`): no method.
    let count = emit.analysis.groups.members.len();
    let groups = (0..count)
        .filter(|_| count > 1)
        .map(|group| group_fn(emit, group));
    quote! {
        #[allow(non_camel_case_types, non_snake_case)]
        struct #slots {
            #(#fields,)*
        }

        #[allow(clippy::all, non_snake_case, unused_braces)]
        impl #slots {
            #(#groups)*
        }
    }
}

/// `SharedSlot` for a value lent beyond the schedule's futures (a graph input the items of
/// a map share, or a value a `blocking` node borrows on another thread), else `Slot`.
fn slot_type(emit: &Emit<'_>, value: &Value) -> TokenStream {
    let lent_input = matches!(value.source, Source::Input(index) if emit.lent(index));
    let lent_to_blocking = emit.analysis.steps.iter().any(|step| {
        emit.entries[step.entry].signature.blocking
            && step
                .args
                .iter()
                .any(|arg| !arg.bound && arg.pass == Pass::Borrow && arg.value == value.name)
    });
    if lent_input || lent_to_blocking {
        quote!(__hn::SharedSlot)
    } else {
        quote!(__hn::Slot)
    }
}

/// The values that live in slots (see `Groups::slotted`).
fn slotted<'e>(emit: &'e Emit<'_>) -> impl Iterator<Item = &'e Value> {
    let groups = &emit.analysis.groups;
    emit.analysis
        .values
        .iter()
        .filter(|value| groups.is_slotted(&value.name))
}

/// The body of the future `__run_async` returns.
pub(crate) fn body(emit: &Emit<'_>) -> TokenStream {
    let locals = &emit.locals;
    let (inputs, slots) = (locals.fresh("inputs"), locals.fresh("slots"));
    let values = emit.plan.inputs.iter().map(|input| {
        let local = value_local(&input.name);
        quote!(#local)
    });
    let pattern = super::fields::nest(values.collect());
    let slots_name = slots_struct(&emit.header.name);
    // One slot per value another group reads: inputs filled, the others empty until made.
    let slot_inits = slotted(emit).map(|value| {
        let (name, shares) = (&value.name, value.shares);
        let slot = slot_type(emit, value);
        match value.source {
            Source::Input(index) if emit.lent(index) => {
                let local = value_local(name);
                quote!(#name: #slot::filled_lent(#local, #shares))
            }
            Source::Input(_) => {
                let local = value_local(name);
                quote!(#name: #slot::filled(#local, #shares))
            }
            Source::Node { .. } => quote!(#name: #slot::new(#shares)),
        }
    });
    let run = if emit.analysis.groups.members.len() == 1 {
        // One group: its steps are the run's own, with no future or join of their own, and
        // its values go straight into the outputs.
        let block = group_block(emit, 0, &quote!(#slots), End::Run);
        quote!(let _ = &#slots; #block)
    } else {
        join_groups(emit, &slots)
    };
    quote! {
        let #pattern = #inputs;
        let #slots = #slots_name { #(#slot_inits,)* };
        #run
    }
}

/// Runs every group's future together, then builds the outputs from what each group
/// returned and from the slots (or, if a group failed, the partial outputs).
fn join_groups(emit: &Emit<'_>, slots: &Ident) -> TokenStream {
    let locals = &emit.locals;
    let groups = &emit.analysis.groups;
    let exec = locals.fresh("exec");
    // One task per group, named after its first step.
    let heads: Vec<&Step> = groups
        .members
        .iter()
        .map(|members| &emit.analysis.steps[members[0]])
        .collect();
    let tasks: Vec<_> = heads
        .iter()
        .map(|step| locals.fresh(&format!("task_{}", step.position)))
        .collect();
    let methods = heads
        .iter()
        .map(|step| step_method(step.position, &emit.entries[step.entry].signature.name));
    // The inputs each group alone uses, given by value.
    let given = groups.inputs.iter().map(|inputs| {
        let locals = inputs
            .iter()
            .map(|&index| value_local(&emit.plan.inputs[index].name));
        quote!(#(#locals),*)
    });
    let graph = &emit.header.name;
    let releases = emit
        .analysis
        .releases
        .iter()
        .filter(|release| !groups.is_own(&release.value))
        .map(|release| {
            let (value, producer) = (&release.value, release.producer);
            quote! {
                __hn::AsyncExecutor::release(
                    #exec,
                    &<#graph as ::hypernodes::Graph>::GRAPH_INFO.nodes[#producer],
                    #slots.#value,
                )?;
            }
        });
    let (joined, error) = (locals.fresh("joined"), locals.fresh("error"));
    // What each group returned (see `group_fn`), and each output, from its group or slot.
    let returned: Vec<Ident> = tasks
        .iter()
        .map(|task| locals.fresh(&format!("{task}_returned")))
        .collect();
    let returned_patterns = returned
        .iter()
        .zip(&groups.returned)
        .map(|(local, values)| {
            if values.is_empty() {
                quote!(_)
            } else {
                quote!(mut #local)
            }
        });
    let outputs: Vec<&Ident> = emit.plan.outputs.iter().map(|(name, _)| name).collect();
    // Each output if it was made: from its group, or from its slot.
    let made = |name: &Ident| match groups.returned_by(name) {
        Some((group, index)) => {
            let (returned, index) = (&returned[group], syn::Index::from(index));
            quote!(#returned.as_mut().and_then(|returned| returned.#index.take()))
        }
        None => quote!(#slots.#name.into_option()),
    };
    let partial_values = outputs.iter().map(|name| made(name));
    let output_values = outputs.iter().map(|name| match groups.returned_by(name) {
        Some(_) => {
            let value = made(name);
            quote!(__hn::made(#value))
        }
        None => quote!(#slots.#name.into_value()),
    });
    let (outputs_name, partial_name) = (&emit.names.outputs, &emit.names.partial);
    quote! {
        let (#joined, #(#returned_patterns,)*) = {
            #(
                let #tasks = ::core::pin::pin!(#slots.#methods(#exec, #given));
                let mut #tasks = __hn::Task::new(#tasks);
            )*
            let #joined = __hn::join_tasks!(#(#tasks),*).await;
            (#joined, #(#tasks.into_returned(),)*)
        };
        if let ::core::result::Result::Err(#error) = #joined {
            return ::core::result::Result::Err(__hn::Halt::new(#error, move || #partial_name {
                #(#outputs: #partial_values,)*
            }));
        }
        #(#releases)*
        ::core::result::Result::Ok(#outputs_name { #(#outputs: #output_values,)* })
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
    let shared = quote!(#(let #lent = __hn::SharedLease::shared(&#lent);)*);
    let call = quote! {
        __hn::blocking(move || {
            let result = #call;
            ::core::mem::drop((#(#lent,)*));
            result
        })
    };
    (shared, call)
}

/// How one step runs inside its group's future: the statements that fetch its inputs, and
/// the expression that runs it (awaiting what it must), whose `Ok` is what it keeps
/// (`step::kept`'s pattern).
fn step_body(emit: &Emit<'_>, step: &Step, slots: &TokenStream) -> (TokenStream, TokenStream) {
    if emit.entries[step.entry].is_mapped() {
        return mapped::async_step_body(emit, step, slots);
    }
    let groups = &emit.analysis.groups;
    let fetch = fetch(emit, step, slots);
    let (args, key_args) = step::args(emit, step, |arg, value| {
        // A bound value, or one local to the group: the future's own local.
        if arg.bound || groups.is_own(&arg.value) {
            let passed = match arg.pass {
                Pass::Borrow => quote!(&#value),
                Pass::Move => value.clone(),
                Pass::Clone => {
                    let source = emit.plan.sources[&arg.value.to_string()];
                    let share = share(emit, source, arg.clone_span);
                    quote!(#share(&#value))
                }
            };
            return ArgForms {
                passed,
                borrowed: quote!(&#value),
            };
        }
        match arg.pass {
            Pass::Borrow => ArgForms {
                passed: quote!(&*#value),
                borrowed: quote!(&*#value),
            },
            Pass::Move | Pass::Clone => ArgForms {
                passed: value.clone(),
                borrowed: quote!(&#value),
            },
        }
    });
    let (_, keep) = step::kept(emit, step);
    let entry = &emit.entries[step.entry];
    if never_waits(entry) && !entry.signature.cache {
        return (fetch, run_now(emit, step, args, keep));
    }
    let run = run(emit, step, args, key_args, keep);
    (fetch, quote!(#run.await))
}

/// A plain node's run, called at once through `AsyncExecutor::node_now` (no future of its
/// own), or awaited through `AsyncExecutor::node` when the executor says so.
fn run_now(emit: &Emit<'_>, step: &Step, args: Vec<TokenStream>, keep: TokenStream) -> TokenStream {
    let locals = &emit.locals;
    let (exec, node, call, keep_local, result) = (
        locals.fresh("exec"),
        locals.fresh("node"),
        locals.fresh("call"),
        locals.fresh("keep"),
        locals.fresh("result"),
    );
    let graph = &emit.header.name;
    let position = step.position;
    let called = step::node_call(emit, step, args, TokenStream::new(), Drive::Await);
    quote! {{
        let #node = &<#graph as ::hypernodes::Graph>::GRAPH_INFO.nodes[#position];
        match __hn::AsyncExecutor::node_now(#exec, #node, || #called, #keep) {
            ::core::result::Result::Ok(#result) => #result,
            // Boxed: this path is rare (a stopped run), and the future's state would
            // otherwise make the group's future as large as every such state.
            ::core::result::Result::Err((#call, #keep_local)) => {
                ::std::boxed::Box::pin(
                    __hn::AsyncExecutor::node(#exec, #node, async move { #call() }, #keep_local),
                ).await
            }
        }
    }}
}

/// The step's bound values, and the values it waits for: leased, taken, or cloned.
pub(crate) fn fetch(emit: &Emit<'_>, step: &Step, slots: &TokenStream) -> TokenStream {
    let lease = emit.locals.fresh("lease");
    let groups = &emit.analysis.groups;
    let from_slots = step
        .args
        .iter()
        .filter(|arg| !arg.bound && !groups.is_own(&arg.value));
    let fetch = from_slots.map(|arg| {
        let (slot, local) = (&arg.value, value_local(&arg.value));
        match arg.pass {
            Pass::Borrow => quote!(let #local = #slots.#slot.lease().await;),
            Pass::Move => quote!(let #local = #slots.#slot.take().await;),
            Pass::Clone => {
                let source = emit.plan.sources[&arg.value.to_string()];
                let share = share(emit, source, arg.clone_span);
                quote!(let #local = { let #lease = #slots.#slot.lease().await; #share(&*#lease) };)
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

/// The method returning the future of one group (see `group_block`).
fn group_fn(emit: &Emit<'_>, group: usize) -> TokenStream {
    let exec = emit.locals.fresh("exec");
    let types = emit.analysis.groups.returned[group]
        .iter()
        .map(|(value, producer)| {
            let step = &emit.analysis.steps[*producer];
            let output = step
                .kept
                .iter()
                .position(|kept| kept.as_ref() == Some(value))
                .expect("a returned value is one of its producer's outputs");
            let ty = output_type(&emit.entries[step.entry], output);
            quote!(::core::option::Option<#ty>)
        });
    let given = emit.analysis.groups.inputs[group].iter().map(|&index| {
        let local = value_local(&emit.plan.inputs[index].name);
        let ty = input_type(emit.entries, emit.plan, index);
        quote!(#local: #ty)
    });
    let members = &emit.analysis.groups.members[group];
    let head = &emit.analysis.steps[members[0]];
    let method = step_method(head.position, &emit.entries[head.entry].signature.name);
    let block = group_block(emit, group, &quote!(self), End::Method);
    quote! {
        fn #method<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            #exec: &'run __HnExec,
            #(#given,)*
        ) -> impl ::core::future::Future<
            Output = (::core::result::Result<(), ::hypernodes::Error>, (#(#types,)*)),
        > + 'run {
            async move { #block }
        }
    }
}

/// How a group's code ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// In a method of its own: the block's value is the group's result and the returned
    /// values it owns, each `Some` once made (a group that fails still gives what it made,
    /// for a stopped run's partial outputs).
    Method,
    /// As the whole run (the graph's only group): returns the outputs, or the error with
    /// the partial outputs made so far.
    Run,
}

/// One group's steps: runs them in order, each in a block of its own (so the leases it
/// took end with it), sets the slot (in `slots`) of each value others read as soon as it
/// is made, and drops the group's lent-only values after their last use. See [`End`] for
/// what it gives.
fn group_block(emit: &Emit<'_>, group: usize, slots: &TokenStream, end: End) -> TokenStream {
    let members = &emit.analysis.groups.members[group];
    let returned = &emit.analysis.groups.returned[group];
    let (exec, kept, error) = (
        emit.locals.fresh("exec"),
        emit.locals.fresh("kept"),
        emit.locals.fresh("error"),
    );
    let groups = &emit.analysis.groups;
    let graph = &emit.header.name;
    // A returned value once every step before `position` has run: `Some` if made by then.
    let made_by = |value: &Ident, position: usize| {
        let made = returned
            .iter()
            .any(|(returned, producer)| returned == value && *producer < position);
        let local = value_local(value);
        if made {
            quote!(::core::option::Option::Some(#local))
        } else {
            quote!(::core::option::Option::None)
        }
    };
    // What the group returns once every step before `position` has run.
    let made_before = |position: usize| {
        let values = returned.iter().map(|(value, _)| made_by(value, position));
        quote!((#(#values,)*))
    };
    // The outputs of a run that is this group alone, with those made before `position`.
    let outputs_before = |position: usize| {
        let outputs = emit.plan.outputs.iter().map(|(name, _)| {
            let value = made_by(name, position);
            quote!(#name: #value)
        });
        let partial = &emit.names.partial;
        quote!(#partial { #(#outputs,)* })
    };
    let fail = |position: usize| match end {
        End::Method => {
            let made = made_before(position);
            quote!(break 'group (::core::result::Result::Err(#error), #made);)
        }
        End::Run => {
            let partial = outputs_before(position);
            quote! {
                return ::core::result::Result::Err(__hn::Halt::new(#error, move || #partial));
            }
        }
    };
    let steps = members.iter().map(|&position| {
        let step = &emit.analysis.steps[position];
        let (fetch, run) = step_body(emit, step, slots);
        let (bound, _) = step::kept(emit, step);
        let failed = fail(position);
        let publish = step
            .kept
            .iter()
            .flatten()
            .filter(|value| groups.is_slotted(value))
            .map(|value| {
                let local = value_local(value);
                quote!(#slots.#value.set(#local);)
            });
        let failed_after = fail(position + 1);
        let releases = emit
            .analysis
            .releases
            .iter()
            .filter(|release| release.after == position && groups.is_own(&release.value))
            .map(|release| {
                let (local, producer) = (value_local(&release.value), release.producer);
                quote! {
                    if let ::core::result::Result::Err(#error) = __hn::AsyncExecutor::release(
                        #exec,
                        &<#graph as ::hypernodes::Graph>::GRAPH_INFO.nodes[#producer],
                        #local,
                    ) {
                        #failed_after
                    }
                }
            });
        quote! {
            let #bound = {
                #fetch
                match #run {
                    ::core::result::Result::Ok(#kept) => #kept,
                    ::core::result::Result::Err(#error) => { #failed }
                }
            };
            #(#publish)*
            #(#releases)*
        }
    });
    match end {
        End::Method => {
            let made = made_before(usize::MAX);
            quote! {
                'group: {
                    #(#steps)*
                    (::core::result::Result::Ok(()), #made)
                }
            }
        }
        End::Run => {
            let outputs_name = &emit.names.outputs;
            let outputs = emit.plan.outputs.iter().map(|(name, _)| {
                let local = value_local(name);
                quote!(#name: #local)
            });
            quote! {
                #(#steps)*
                ::core::result::Result::Ok(#outputs_name { #(#outputs,)* })
            }
        }
    }
}
