//! Emits a mapped entry's step (`each(..)` in its input block), in both schedules: the
//! items made from the mapped lists (zip or product), one run of the entry per item
//! through `Executor::map`, and each output gathered into a `Vec` in item order.

use super::step::{self, ArgForms};
use super::sync_schedule::share;
use super::types::{item_type, param_type};
use super::{async_schedule, sync_schedule, Emit};
use crate::graph::analysis::{Arg, Pass, Step};
use crate::naming::value_local;
use crate::signature::EntryKind;
use crate::tokens::respan;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;

/// Which schedule a step is emitted for: their values live in locals or in leases.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Schedule {
    Sync,
    Async,
}

/// The local holding one item's element of the mapped list `arg`.
fn item_local(arg: &Arg) -> Ident {
    value_local(&format_ident!("__hn_item_{}", arg.value))
}

/// `let items = ...;`: one tuple per item, the mapped lists' elements in block order.
fn items(emit: &Emit<'_>, step: &Step, schedule: Schedule, items: &Ident) -> TokenStream {
    let entry = &emit.entries[step.entry];
    let locals = &emit.locals;
    let (shape, item) = (locals.fresh("shape"), locals.fresh("item"));
    let mode = if entry.product {
        quote!(Product)
    } else {
        quote!(Zip)
    };
    let mut lists = Vec::new();
    let mut columns = Vec::new();
    let mut names = Vec::new();
    let mut types = Vec::new();
    let mut checked = Vec::new();
    for (field, &param) in entry.mapped_order.iter().enumerate() {
        let arg = &step.args[param];
        let local = value_local(&arg.value);
        // The async schedule fetched a copy already, unless the value is its group's own.
        let own = schedule == Schedule::Sync || emit.analysis.groups.is_own(&arg.value);
        let list = match (own, arg.pass) {
            (true, Pass::Clone) => {
                let source = emit.plan.sources[&arg.value.to_string()];
                let share = share(emit, source, arg.clone_span);
                quote!(#share(&#local))
            }
            _ => quote!(#local),
        };
        let ty = item_type(entry, param);
        let span = entry
            .renamed_span(&arg.value.to_string())
            .unwrap_or_else(|| entry.path.span());
        let into_items = respan(
            quote!(<_ as ::hypernodes::__private::MappedList<#ty>>::into_items),
            span,
        );
        let list_local = locals.fresh(&format!("list_{field}"));
        checked.push(quote!(let #list_local = #into_items(#list);));
        lists.push(list_local);
        columns.push(locals.fresh(&format!("column_{field}")));
        names.push(arg.value.to_string());
        types.push(ty);
    }
    let indices = 0..lists.len();
    quote! {
        let #items = {
            #(#checked)*
            let #shape = ::hypernodes::__private::MapShape::new(
                &[#((#names, ::core::option::Option::Some(#lists.len()))),*],
                ::hypernodes::MapMode::#mode,
            )?;
            #[allow(unused_imports)]
            use ::hypernodes::__private::{ProbeClone as _, ProbeNoClone as _};
            #(let mut #columns = ::hypernodes::__private::Column::new(
                ::hypernodes::each::<_, ::hypernodes::Taken>(#lists),
                &#shape,
                #indices,
                #names,
                (&::hypernodes::__private::CloneProbe::<#types>::new()).cloner(),
            )?;)*
            (0..#shape.len())
                .map(|#item| (#(#columns.value(#item),)*))
                .collect::<::std::vec::Vec<_>>()
        };
    }
}

/// One item's arguments: its elements of the mapped lists, and the values every item
/// shares (lent, or cloned per item).
fn item_args(
    emit: &Emit<'_>,
    step: &Step,
    schedule: Schedule,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let entry = &emit.entries[step.entry];
    step::args(emit, step, |arg, value| {
        let param = step
            .args
            .iter()
            .position(|a| std::ptr::eq(a, arg))
            .expect("an argument of the step");
        let by_ref = entry.signature.inputs[param].by_ref;
        if arg.mapped {
            let item = item_local(arg);
            return if by_ref {
                ArgForms {
                    passed: quote!(&#item),
                    borrowed: quote!(&#item),
                }
            } else {
                ArgForms {
                    passed: quote!(#item),
                    borrowed: quote!(&#item),
                }
            };
        }
        // Shared by every item: `value` is the step's own (sync, bound) or a lease.
        let owned = if schedule == Schedule::Sync {
            quote!(#value)
        } else {
            quote!(*#value)
        };
        if by_ref {
            return ArgForms {
                passed: quote!(&#owned),
                borrowed: quote!(&#owned),
            };
        }
        let share = if arg.bound {
            let ty = param_type(entry, param);
            respan(
                quote!(<#ty as ::hypernodes::__private::SharedValue>::share),
                arg.clone_span,
            )
        } else {
            let source = emit.plan.sources[&arg.value.to_string()];
            share(emit, source, arg.clone_span)
        };
        ArgForms {
            passed: quote!(#share(&#owned)),
            borrowed: quote!(&#owned),
        }
    })
}

/// The item closure's pattern: the tuple of its elements, in block order.
fn item_pattern(emit: &Emit<'_>, step: &Step) -> TokenStream {
    let entry = &emit.entries[step.entry];
    let locals = entry
        .mapped_order
        .iter()
        .map(|&param| item_local(&step.args[param]));
    quote!((#(#locals,)*))
}

/// What the step binds, and the closure that turns the items' outputs into one `Vec` per
/// kept output.
fn gather(emit: &Emit<'_>, step: &Step) -> (TokenStream, TokenStream) {
    let entry = &emit.entries[step.entry];
    let (bound, _) = step::kept(emit, step);
    let outputs = emit.locals.fresh("outputs");
    let one = emit.locals.fresh("one");
    let kept: Vec<(usize, Ident)> = step
        .kept
        .iter()
        .enumerate()
        .filter_map(|(index, kept)| Some((index, value_local(kept.as_ref()?))))
        .collect();
    let lists = kept.iter().map(|(_, local)| local);
    let pushes = kept.iter().map(|(index, local)| {
        let element = match entry.signature.kind {
            EntryKind::Graph => {
                let field = &entry.inner.outputs[*index];
                quote!(#one.#field)
            }
            EntryKind::Node if step.kept.len() == 1 => quote!(#one),
            EntryKind::Node => {
                let index = syn::Index::from(*index);
                quote!(#one.#index)
            }
        };
        quote!(#local.push(#element);)
    });
    let gather = quote! {
        |#outputs: ::std::vec::Vec<_>| {
            #(let mut #lists = ::std::vec::Vec::with_capacity(#outputs.len());)*
            for #one in #outputs {
                let _ = &#one;
                #(#pushes)*
            }
            #bound
        }
    };
    (bound, gather)
}

/// The mapped step in `__run`.
pub(crate) fn sync_step(emit: &Emit<'_>, step: &Step) -> TokenStream {
    let exec = emit.locals.fresh("exec");
    let items_local = emit.locals.fresh("items");
    let items = items(emit, step, Schedule::Sync, &items_local);
    let (args, key_args) = item_args(emit, step, Schedule::Sync);
    let run = sync_schedule::run(emit, step, args, key_args, quote!(__hn::keep_all));
    let pattern = item_pattern(emit, step);
    let (bound, gather) = gather(emit, step);
    let position = step.position;
    quote! {
        #items
        let #bound = __hn::Executor::map(#exec, #position, #items_local, |#exec, #pattern| #run, #gather)?;
    }
}

/// The mapped step in `__run_async`: the statements before the run, and the run's future
/// (see `async_schedule::step_body`).
pub(crate) fn async_step_body(
    emit: &Emit<'_>,
    step: &Step,
    slots: &TokenStream,
) -> (TokenStream, TokenStream) {
    let (exec, error) = (emit.locals.fresh("exec"), emit.locals.fresh("error"));
    let fetch = async_schedule::fetch(emit, step, slots);
    let items_local = emit.locals.fresh("items");
    let items = items(emit, step, Schedule::Async, &items_local);
    let (args, key_args) = item_args(emit, step, Schedule::Async);
    let run = async_schedule::run(emit, step, args, key_args, quote!(__hn::keep_all));
    let pattern = item_pattern(emit, step);
    let (_, gather) = gather(emit, step);
    let position = step.position;
    // The item futures copy references to the shared values, not the leases themselves.
    let groups = &emit.analysis.groups;
    let shared = step.args.iter().filter(|arg| !arg.mapped).map(|arg| {
        let local = value_local(&arg.value);
        if arg.bound || groups.is_own(&arg.value) {
            quote!(let #local = &#local;)
        } else {
            quote!(let #local = &*#local;)
        }
    });
    let before = quote! {
        #fetch
        #(#shared)*
    };
    // Making the items may fail (lists of different lengths): an error of the step, which
    // the group handles as any other (no `?` in a group's code).
    let run = quote! {
        match (|| -> ::core::result::Result<_, ::hypernodes::Error> {
            #items
            ::core::result::Result::Ok(#items_local)
        })() {
            ::core::result::Result::Ok(#items_local) => {
                __hn::AsyncExecutor::map(#exec, #position, #items_local, |#exec, #pattern| async move {
                    let #exec = &#exec;
                    #run.await
                }, #gather).await
            }
            ::core::result::Result::Err(#error) => ::core::result::Result::Err(#error),
        }
    };
    (before, run)
}
