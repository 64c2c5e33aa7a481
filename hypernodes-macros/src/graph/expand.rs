//! Emits a checked graph: the graph type, its `Inputs`/`Outputs` structs, its static
//! metadata, and the schedule as straight-line code generic over the runner.

use super::header::Header;
use super::wiring::{Plan, Source};
use super::Entry;
use crate::node::expand::{output_alias, param_alias, unique_macro_name};
use crate::signature::{Input, Kind, Signature};
use crate::tokens::respan;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// The local a value is bound to inside the schedule.
fn var(name: &Ident) -> Ident {
    format_ident!("__hn_v_{}", name, span = Span::call_site())
}

fn param_type(entry: &Entry, param: usize) -> TokenStream {
    let path = &entry.path;
    match entry.signature.kind {
        Kind::Node => {
            let alias = param_alias(param);
            quote!(#path::#alias)
        }
        Kind::Graph => quote!(<#path as ::hypernodes::__private::Param<#param>>::Type),
    }
}

fn output_type(entry: &Entry, output: usize) -> TokenStream {
    let path = &entry.path;
    match entry.signature.kind {
        Kind::Node => {
            let alias = output_alias(output);
            quote!(#path::#alias)
        }
        Kind::Graph => quote!(<#path as ::hypernodes::__private::Out<#output>>::Type),
    }
}

/// The entry's `NodeInfo`, as a constant expression.
fn node_info(entry: &Entry) -> TokenStream {
    let path = &entry.path;
    match entry.signature.kind {
        Kind::Node => quote!(#path::__HN_INFO),
        Kind::Graph => quote!(<#path as ::hypernodes::Node>::INFO),
    }
}

/// The type of field `index` of the graph's inputs.
fn input_type(entries: &[Entry], plan: &Plan, index: usize) -> TokenStream {
    let (entry, param) = plan.inputs[index].typed_by;
    let ty = param_type(&entries[entry], param);
    if entries[entry].signature.inputs[param].by_ref {
        // Only borrowed: store the owned form (`String` for `&str`, `Vec<T>` for `&[T]`).
        quote!(<#ty as ::hypernodes::__private::Owned>::Type)
    } else {
        ty
    }
}

fn source_type(entries: &[Entry], plan: &Plan, source: Source) -> TokenStream {
    match source {
        Source::Input(index) => input_type(entries, plan, index),
        Source::Node { entry, output } => output_type(&entries[entry], output),
    }
}

/// `wired` is false when the wiring has errors (already reported): the types are emitted
/// from the best-effort plan, so uses of the graph add no errors, but no schedule.
pub(crate) fn expand(header: &Header, entries: &[Entry], plan: &Plan, wired: bool) -> TokenStream {
    let Header {
        attrs, vis, name, ..
    } = header;
    let name_str = name.to_string();
    let inputs_name = format_ident!("{}Inputs", name);
    let outputs_name = format_ident!("{}Outputs", name);

    // Inputs and outputs structs.
    let input_fields = plan.inputs.iter().enumerate().map(|(index, input)| {
        let ty = input_type(entries, plan, index);
        let field = &input.name;
        let users = users_of(entries, plan, &input.name.to_string());
        let doc = format!("Fed to {users}.");
        quote!(#[doc = #doc] #vis #field: #ty)
    });
    let output_fields = plan.outputs.iter().map(|(field, source)| {
        let ty = source_type(entries, plan, *source);
        let Source::Node { entry, .. } = source else {
            unreachable!("outputs come from nodes")
        };
        let doc = format!("Produced by `{}`.", entries[*entry].signature.name);
        quote!(#[doc = #doc] #vis #field: #ty)
    });

    // Static metadata.
    let node_infos = plan.order.iter().map(|&e| node_info(&entries[e]));
    let input_ports = plan.inputs.iter().map(|input| {
        let (entry, param) = input.typed_by;
        let info = node_info(&entries[entry]);
        quote!(#info.inputs[#param])
    });
    let output_ports = plan.outputs.iter().map(|(_, source)| {
        let Source::Node { entry, output } = *source else {
            unreachable!("outputs come from nodes")
        };
        let info = node_info(&entries[entry]);
        quote!(#info.outputs[#output])
    });
    let position = |entry: usize| {
        plan.order
            .iter()
            .position(|&e| e == entry)
            .expect("scheduled")
    };
    let edges = plan.order.iter().flat_map(|&consumer| {
        let to = position(consumer);
        entries[consumer]
            .signature
            .inputs
            .iter()
            .map(move |input| (to, input))
    });
    let edges: Vec<TokenStream> = edges
        .map(|(to, input)| {
            let value = input.name.to_string();
            let from = match plan.sources[&value] {
                Source::Input(_) => quote!(::hypernodes::Endpoint::Input),
                Source::Node { entry, .. } => {
                    let from = position(entry);
                    quote!(::hypernodes::Endpoint::Node(#from))
                }
            };
            quote!(::hypernodes::Edge { value: #value, from: #from, to: #to })
        })
        .collect();

    let Schedules {
        edge_traits,
        sync_body,
        async_items,
        async_body,
    } = if wired {
        schedule(entries, plan, name, &inputs_name, &outputs_name)
    } else {
        // Only emitted beside a compile error, so never run.
        let unreachable = quote! {
            let _ = (__hn_exec, __hn_inputs);
            ::core::unreachable!("the graph has wiring errors")
        };
        Schedules {
            edge_traits: Vec::new(),
            async_items: TokenStream::new(),
            sync_body: unreachable.clone(),
            async_body: quote!(let _ = __hn_scope; #unreachable),
        }
    };
    let nested = nested_impl(entries, plan, name, &inputs_name);
    let signature = Signature {
        kind: Kind::Graph,
        name: name.clone(),
        is_async: false,
        fallible: false,
        cache: false,
        inputs: plan
            .inputs
            .iter()
            .map(|input| Input {
                name: input.name.clone(),
                by_ref: false,
            })
            .collect(),
        outputs: plan.outputs.iter().map(|(name, _)| name.clone()).collect(),
        streams: super::interact::any(entries, plan, true).then_some(0),
        asks: super::interact::any(entries, plan, false).then_some(0),
    };
    let super::interact::Interaction {
        items: interaction_items,
        chunk: chunk_type,
        question: question_type,
        answer: answer_type,
        functions: interaction_fns,
    } = super::interact::expand(header, entries, plan);
    let macro_name = unique_macro_name("graph", name, &quote!(#header));
    let callback = crate::hop::callback_macro(&macro_name, vis, name, &signature);
    let input_names: Vec<&Ident> = plan.inputs.iter().map(|input| &input.name).collect();
    let output_names: Vec<&Ident> = plan.outputs.iter().map(|(name, _)| name).collect();
    let inputs_debug = debug_impl(&inputs_name, &input_names);
    let outputs_debug = debug_impl(&outputs_name, &output_names);
    let map_inputs_name = format_ident!("{}MapInputs", name);
    let map_fields = plan.inputs.iter().enumerate().map(|(index, input)| {
        let ty = input_type(entries, plan, index);
        let field = &input.name;
        let doc = format!("`hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to {}.", users_of(entries, plan, &input.name.to_string()));
        quote!(#[doc = #doc] #vis #field: ::hypernodes::Over<#ty>)
    });
    let map_inputs_doc = format!("Inputs of graph [`{name}`] for a map: each field maps over several values or gives one to every item.");
    let map_items = map_items_fn(entries, plan, &inputs_name, &map_inputs_name);
    let map_inputs_debug = debug_impl(&map_inputs_name, &input_names);
    let inputs_doc =
        format!("Inputs of graph [`{name}`]: each parameter that no node of the graph produces.");
    let outputs_doc = format!("Outputs of graph [`{name}`], as returned by a runner.");

    quote! {
        #(#attrs)*
        #[derive(Clone, Copy, Debug, Default)]
        #vis struct #name;

        #[doc = #inputs_doc]
        #[allow(dead_code)]
        #vis struct #inputs_name {
            #(#input_fields,)*
        }

        #[doc = #outputs_doc]
        #[allow(dead_code)]
        #vis struct #outputs_name {
            #(#output_fields,)*
        }

        #[doc = #map_inputs_doc]
        #[allow(dead_code)]
        #vis struct #map_inputs_name {
            #(#map_fields,)*
        }

        #interaction_items

        const _: () = {
            #(#edge_traits)*
            #async_items
            #inputs_debug
            #outputs_debug
            #map_inputs_debug

            #[automatically_derived]
            impl ::hypernodes::Node for #name {
                type Output = #outputs_name;
                const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
                    name: #name_str,
                    module_path: ::core::module_path!(),
                    inputs: <Self as ::hypernodes::Graph>::GRAPH_INFO.inputs,
                    outputs: <Self as ::hypernodes::Graph>::GRAPH_INFO.outputs,
                    is_async: false,
                    fallible: false,
                    code_hash: [0; 32],
                    cache: false,
                    version: ::core::option::Option::None,
                    subgraph: ::core::option::Option::Some(<Self as ::hypernodes::Graph>::GRAPH_INFO),
                };
            }

            #[automatically_derived]
            impl ::hypernodes::Graph for #name {
                type Inputs = #inputs_name;
                type Outputs = #outputs_name;
                type MapInputs = #map_inputs_name;
                type Chunk = #chunk_type;
                type Question = #question_type;
                type Answer = #answer_type;
                const GRAPH_INFO: &'static ::hypernodes::GraphInfo = &::hypernodes::GraphInfo {
                    name: #name_str,
                    module_path: ::core::module_path!(),
                    nodes: &[#(#node_infos),*],
                    inputs: &[#(#input_ports),*],
                    outputs: &[#(#output_ports),*],
                    edges: &[#(#edges),*],
                };

                #map_items
                #interaction_fns

                #[allow(clippy::all, unused_braces)]
                fn __run<__HnExec: ::hypernodes::__private::Exec>(
                    &self,
                    __hn_exec: &mut __HnExec,
                    __hn_inputs: #inputs_name,
                ) -> ::core::result::Result<#outputs_name, ::hypernodes::Error> {
                    #sync_body
                }

                #[allow(clippy::all, unused_braces, unused_mut)]
                fn __run_async<'__hn_a, __HnExec: ::hypernodes::__private::AsyncExec>(
                    &'__hn_a self,
                    __hn_exec: &'__hn_a __HnExec,
                    __hn_scope: ::hypernodes::__private::Scope,
                    __hn_inputs: #inputs_name,
                ) -> impl ::core::future::Future<
                    Output = ::core::result::Result<#outputs_name, ::hypernodes::Error>,
                > + '__hn_a {
                    async move {
                        #async_body
                    }
                }
            }

            #nested
        };

        #callback
    }
}

/// Expands `{Name}MapInputs` into one `{Name}Inputs` per item.
fn map_items_fn(
    entries: &[Entry],
    plan: &Plan,
    inputs_name: &Ident,
    map_inputs_name: &Ident,
) -> TokenStream {
    let fields: Vec<&Ident> = plan.inputs.iter().map(|input| &input.name).collect();
    let vars: Vec<Ident> = fields.iter().map(|f| var(f)).collect();
    let columns: Vec<Ident> = fields
        .iter()
        .map(|f| format_ident!("__hn_c_{}", f))
        .collect();
    let names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    let names2 = &names;
    let indices = 0..fields.len();
    let types: Vec<TokenStream> = (0..fields.len())
        .map(|index| input_type(entries, plan, index))
        .collect();
    quote! {
        fn __map_items(
            __hn_inputs: #map_inputs_name,
            __hn_mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<#inputs_name>, ::hypernodes::Error> {
            let #map_inputs_name { #(#fields: #vars,)* } = __hn_inputs;
            let __hn_shape = ::hypernodes::__private::MapShape::new(
                &[#((#names, #vars.mapped_len())),*],
                __hn_mode,
            )?;
            #[allow(unused_imports)]
            use ::hypernodes::__private::{ProbeClone as _, ProbeNoClone as _};
            #(let mut #columns = ::hypernodes::__private::Column::new(
                #vars,
                &__hn_shape,
                #indices,
                #names2,
                (&::hypernodes::__private::CloneProbe::<#types>::new()).cloner(),
            )?;)*
            ::core::result::Result::Ok(
                (0..__hn_shape.len())
                    .map(|__hn_item| {
                        let _ = __hn_item;
                        #inputs_name { #(#fields: #columns.value(__hn_item),)* }
                    })
                    .collect(),
            )
        }
    }
}

/// `Debug` for a generated struct, showing `..` for fields whose type is not `Debug`.
fn debug_impl(name: &Ident, fields: &[&Ident]) -> TokenStream {
    let name_str = name.to_string();
    let field_strs = fields.iter().map(|f| f.to_string());
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #[allow(unused_imports)]
                use ::hypernodes::__private::{FieldOpaque as _, FieldViaDebug as _};
                f.debug_struct(#name_str)
                    #(.field(#field_strs, (&::hypernodes::__private::DebugField(&self.#fields)).field_debug()))*
                    .finish()
            }
        }
    }
}

/// "node `a`" or "nodes `a` and `b`": who consumes a value, for docs.
fn users_of(entries: &[Entry], plan: &Plan, value: &str) -> String {
    let users: Vec<String> = plan
        .order
        .iter()
        .filter(|&&e| entries[e].signature.inputs.iter().any(|i| i.name == value))
        .map(|&e| format!("`{}`", entries[e].signature.name))
        .collect();
    match users.as_slice() {
        [one] => format!("node {one}"),
        [init @ .., last] => format!("nodes {} and {last}", init.join(", ")),
        [] => "no node".to_owned(),
    }
}

/// How one parameter gets its value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum UseKind {
    /// `&T`: lent.
    Borrow,
    /// The value's last use, by value: moved in.
    Move,
    /// By value, but needed afterwards: cloned.
    Copy,
}

/// The generated code of a graph's schedules.
struct Schedules {
    /// Edge type checks, shared by both schedules (so a mismatch is reported once).
    edge_traits: Vec<TokenStream>,
    /// The body of `__run`: straight-line calls.
    sync_body: TokenStream,
    /// The async schedule's values (a struct of slots) and one method per node returning
    /// its future. Separate items, so that each node's future is type-checked on its own:
    /// one body holding every node's future made type-checking superlinear in the nodes.
    async_items: TokenStream,
    /// The body of the future `__run_async` returns: polls the node futures together.
    async_body: TokenStream,
}

fn schedule(
    entries: &[Entry],
    plan: &Plan,
    graph_name: &Ident,
    inputs_name: &Ident,
    outputs_name: &Ident,
) -> Schedules {
    let mut uses: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
    for &entry in &plan.order {
        for (param, input) in entries[entry].signature.inputs.iter().enumerate() {
            uses.entry(input.name.to_string())
                .or_default()
                .push((entry, param));
        }
    }
    let is_output = |value: &str| plan.outputs.iter().any(|(name, _)| name == value);
    // Per value, how many uses remain; a by-value use that is the last takes the value.
    let mut remaining: std::collections::HashMap<String, usize> = uses
        .iter()
        .map(|(value, uses)| (value.clone(), uses.len()))
        .collect();
    // Per value, how many uses lend or clone it (all but its owner): an async slot's count.
    let mut shared_uses: std::collections::HashMap<String, usize> = Default::default();

    let mut edge_traits = Vec::new();
    let mut trait_names = std::collections::HashSet::new();
    let mut first_clone: std::collections::HashMap<String, Span> = Default::default();
    let mut steps = Vec::new();
    let mut tasks = Vec::new();
    let mut steps_async = Vec::new();
    let bind_inputs = plan.inputs.iter().map(|input| {
        let field = &input.name;
        let var = var(&input.name);
        quote!(#field: #var)
    });
    let bind_inputs = quote! {
        let #inputs_name { #(#bind_inputs,)* } = __hn_inputs;
    };

    for (position, &entry_index) in plan.order.iter().enumerate() {
        let entry = &entries[entry_index];
        let span = entry.path.span();
        let mut args = Vec::new();
        let mut async_args = Vec::new();
        let mut async_fetch = Vec::new();
        // What a cached node's key is computed from: a borrow of each argument.
        let mut key_args = Vec::new();
        let mut async_key_args = Vec::new();
        for (param, input) in entry.signature.inputs.iter().enumerate() {
            let value = input.name.to_string();
            let left = remaining.get_mut(&value).expect("counted");
            *left -= 1;
            let last = *left == 0 && !is_output(&value);
            let var = var(&input.name);
            let slot = slot_var(&input.name);
            let local = format_ident!("__hn_a{}", param);
            let source = plan.sources[&value];
            let kind = if input.by_ref {
                UseKind::Borrow
            } else if last {
                UseKind::Move
            } else {
                UseKind::Copy
            };
            if kind != UseKind::Move {
                *shared_uses.entry(value.clone()).or_default() += 1;
            }
            let (value_expr, async_value_expr) = match kind {
                UseKind::Borrow => {
                    async_fetch.push(quote!(let #local = #slot.lease().await;));
                    (quote!(&#var), quote!(&*#local))
                }
                UseKind::Move => {
                    async_fetch.push(quote!(let #local = #slot.take().await;));
                    (quote!(#var), quote!(#local))
                }
                UseKind::Copy => {
                    // Every clone of one value is spanned at its first cloning consumer: a
                    // missing `Clone` is then one error (rustc merges identical ones), at the
                    // user's token.
                    let clone_span = *first_clone.entry(value.clone()).or_insert(span);
                    let source_ty = source_type(entries, plan, source);
                    let share = respan(
                        quote!(<#source_ty as ::hypernodes::__private::SharedValue>::share),
                        clone_span,
                    );
                    async_fetch.push(quote! {
                        let #local = {
                            let __hn_lease = #slot.lease().await;
                            #share(&*__hn_lease)
                        };
                    });
                    (quote!(#share(&#var)), quote!(#local))
                }
            };
            let typed_here = matches!(source, Source::Input(i) if plan.inputs[i].typed_by == (entry_index, param));
            if typed_here {
                args.push(value_expr);
                async_args.push(async_value_expr);
                key_args.push(quote!(&#var));
                async_key_args.push(if input.by_ref {
                    quote!(&*#local)
                } else {
                    quote!(&#local)
                });
                continue;
            }
            // Named after the edge, as rustc shows the name in its help line; two entries
            // may share a function name (`a::parse`, `b::parse`), hence the count.
            let mut trait_name = format_ident!(
                "{}_takes_{}",
                entry.signature.name,
                input.name,
                span = Span::call_site()
            );
            if !trait_names.insert(trait_name.to_string()) {
                trait_name = format_ident!(
                    "{}_{}",
                    trait_name,
                    trait_names.len(),
                    span = Span::call_site()
                );
                trait_names.insert(trait_name.to_string());
            }
            edge_traits.push(edge_trait(
                &trait_name,
                entries,
                plan,
                entry,
                input,
                source,
                span,
            ));
            let source_ty = source_type(entries, plan, source);
            let param_ty = param_type(entry, param);
            let check = respan(
                quote!(<#source_ty as #trait_name<#param_ty>>::__hn_feed),
                span,
            );
            args.push(quote!(#check(#value_expr)));
            async_args.push(quote!(#check(#async_value_expr)));
            if input.by_ref {
                key_args.push(quote!(#check(&#var)));
                async_key_args.push(quote!(#check(&*#local)));
            } else {
                key_args.push(quote!(&#var));
                async_key_args.push(quote!(&#local));
            }
        }
        let kept: Vec<Option<&Ident>> = entry
            .signature
            .outputs
            .iter()
            .map(|output| {
                let value = output.to_string();
                (uses.contains_key(&value) || is_output(&value)).then_some(output)
            })
            .collect();
        let bindings: Vec<TokenStream> = kept
            .iter()
            .map(|output| match output {
                Some(output) => {
                    let var = var(output);
                    quote!(#var)
                }
                None => quote!(_),
            })
            .collect();
        // A nested graph returns its outputs as a tuple, even a tuple of one.
        let pattern = if bindings.len() == 1 && entry.signature.kind == Kind::Node {
            bindings[0].clone()
        } else {
            quote!((#(#bindings,)*))
        };
        let publish = kept.iter().flatten().map(|output| {
            let var = var(output);
            let slot = slot_var(output);
            quote!(#slot.set(#var);)
        });
        let path = &entry.path;
        let info = quote!(&<#graph_name as ::hypernodes::Graph>::GRAPH_INFO.nodes[#position]);
        if entry.signature.kind == Kind::Node {
            // `Chunks` and `Interrupt` parameters, at their places among the wired ones.
            let mut specials: Vec<(usize, TokenStream)> = Vec::new();
            if let Some(at) = entry.signature.streams {
                specials.push((at, quote!(::hypernodes::Chunks::__new)));
            }
            if let Some(at) = entry.signature.asks {
                specials.push((at, quote!(::hypernodes::Interrupt::__new)));
            }
            specials.sort_by_key(|(at, _)| *at);
            for (at, new) in specials {
                args.insert(
                    at,
                    quote!(#new(::hypernodes::__private::Exec::channel(__hn_exec, #info, #position))),
                );
                async_args.insert(
                    at,
                    quote!(#new(::hypernodes::__private::AsyncExec::channel(__hn_exec, &__hn_scope, #info, #position))),
                );
            }
        }
        let (call, async_call) = match entry.signature.kind {
            Kind::Node => {
                let direct = quote_spanned!(span=> #path(#(#args),*));
                let async_direct = quote_spanned!(span=> #path(#(#async_args),*));
                let wrap = if entry.signature.fallible {
                    quote!(::hypernodes::__private::fallible)
                } else {
                    quote!(::hypernodes::__private::infallible)
                };
                let (sync_call, async_result) = if entry.signature.is_async {
                    (
                        quote!(#wrap(::hypernodes::__private::block_on(#direct))),
                        quote!(::hypernodes::__private::catch_async(async { #wrap(#async_direct.await) }).await),
                    )
                } else {
                    (
                        quote!(#wrap(#direct)),
                        quote!(::hypernodes::__private::catch(|| #wrap(#async_direct))),
                    )
                };
                let async_run = quote! {{
                    let __hn_start = ::hypernodes::__private::AsyncExec::enter(__hn_exec, &__hn_scope, #info);
                    let __hn_result = #async_result;
                    ::hypernodes::__private::AsyncExec::leave(__hn_exec, &__hn_scope, #info, __hn_start, __hn_result)?
                }};
                if entry.signature.cache {
                    (
                        quote! {{
                            let __hn_key = __hn_exec.cache_key(|| #path::__hn_cache_key(#(#key_args),*));
                            __hn_exec.cached_node(#info, __hn_key, #path::__HN_CODEC, || #sync_call)?
                        }},
                        quote! {{
                            let __hn_key = ::hypernodes::__private::AsyncExec::cache_key(
                                __hn_exec,
                                &__hn_scope,
                                #info,
                                || #path::__hn_cache_key(#(#async_key_args),*),
                            );
                            match ::hypernodes::__private::AsyncExec::cache_lookup(
                                __hn_exec, &__hn_scope, #info, __hn_key.as_ref(), &#path::__HN_CODEC,
                            ) {
                                ::core::option::Option::Some(__hn_value) => __hn_value,
                                ::core::option::Option::None => {
                                    let __hn_value = #async_run;
                                    ::hypernodes::__private::AsyncExec::cache_store(
                                        __hn_exec, &__hn_scope, #info, __hn_key, &#path::__HN_CODEC, &__hn_value,
                                    );
                                    __hn_value
                                }
                            }
                        }},
                    )
                } else {
                    // The function is called right here, not in a closure, so that it
                    // inlines exactly as a hand-written call would.
                    (
                        quote! {{
                            let __hn_start = ::hypernodes::__private::Exec::enter(__hn_exec, #info);
                            let __hn_result = #sync_call;
                            ::hypernodes::__private::Exec::leave(__hn_exec, #info, __hn_start, __hn_result)?
                        }},
                        async_run,
                    )
                }
            }
            Kind::Graph => (
                quote! {
                    ::hypernodes::__private::NestedGraph::run_nested(&#path, __hn_exec, #position, (#(#args,)*))?
                },
                quote! {
                    ::hypernodes::__private::NestedGraph::run_nested_async(&#path, __hn_exec, __hn_scope.clone(), #position, (#(#async_args,)*)).await?
                },
            ),
        };
        steps.push(quote!(let #pattern = #call;));
        let task = format_ident!("__hn_t{}", position);
        let step = format_ident!("__hn_node_{}", position);
        let mut task_slots: Vec<Ident> = entry
            .signature
            .inputs
            .iter()
            .map(|input| slot_var(&input.name))
            .collect();
        task_slots.extend(kept.iter().flatten().map(|output| slot_var(output)));
        steps_async.push(quote! {
            #[allow(clippy::all, unused_braces, unused_mut, non_snake_case)]
            fn #step<'__hn_a, __HnExec: ::hypernodes::__private::AsyncExec>(
                &'__hn_a self,
                __hn_exec: &'__hn_a __HnExec,
                __hn_scope: ::hypernodes::__private::Scope,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<(), ::hypernodes::Error>,
            > + '__hn_a {
                async move {
                    #(let #task_slots = &self.#task_slots;)*
                    #(#async_fetch)*
                    let #pattern = #async_call;
                    #(#publish)*
                    ::core::result::Result::Ok(())
                }
            }
        });
        tasks.push((
            task.clone(),
            quote! {
                let #task = ::core::pin::pin!(__hn_slots.#step(__hn_exec, __hn_scope.clone()));
                let mut #task = ::hypernodes::__private::Task::new(#task);
            },
        ));
    }
    let output_fields = plan.outputs.iter().map(|(name, _)| {
        let var = var(name);
        quote!(#name: #var)
    });
    let async_output_fields = plan.outputs.iter().map(|(name, _)| {
        let slot = slot_var(name);
        quote!(#name: __hn_slots.#slot.take().await)
    });
    // Nodes the selected outputs do not need are listed but never called; mention them so
    // that a private function used only here does not warn as dead code.
    let pruned = entries
        .iter()
        .enumerate()
        .filter(|(index, entry)| entry.signature.kind == Kind::Node && !plan.order.contains(index))
        .map(|(_, entry)| {
            let path = &entry.path;
            quote!(let _ = #path;)
        });
    // One slot per value that is used or returned: inputs filled, node outputs empty.
    let input_slots = plan.inputs.iter().enumerate().map(|(index, input)| {
        let slot = slot_var(&input.name);
        let var = var(&input.name);
        let shared = shared_uses
            .get(&input.name.to_string())
            .copied()
            .unwrap_or(0);
        let ty = input_type(entries, plan, index);
        (
            quote!(#slot: ::hypernodes::__private::Slot<#ty>),
            quote!(#slot: ::hypernodes::__private::Slot::filled(#var, #shared)),
        )
    });
    let (uses, shared_uses) = (&uses, &shared_uses);
    let produced_slots = plan.order.iter().flat_map(|&entry| {
        entries[entry]
            .signature
            .outputs
            .iter()
            .enumerate()
            .filter_map(move |(index, output)| {
                let value = output.to_string();
                (uses.contains_key(&value) || is_output(&value)).then(|| {
                    let slot = slot_var(output);
                    let shared = shared_uses.get(&value).copied().unwrap_or(0);
                    let ty = output_type(&entries[entry], index);
                    (
                        quote!(#slot: ::hypernodes::__private::Slot<#ty>),
                        quote!(#slot: ::hypernodes::__private::Slot::new(#shared)),
                    )
                })
            })
    });
    let (slot_fields, slot_inits): (Vec<TokenStream>, Vec<TokenStream>) =
        input_slots.chain(produced_slots).unzip();
    let task_defs = tasks.iter().map(|(_, def)| def);
    let task_names: Vec<&Ident> = tasks.iter().map(|(name, _)| name).collect();
    Schedules {
        edge_traits,
        sync_body: quote! {
            #(#pruned)*
            #bind_inputs
            #(#steps)*
            ::core::result::Result::Ok(#outputs_name { #(#output_fields,)* })
        },
        async_items: quote! {
            #[allow(non_camel_case_types, non_snake_case)]
            struct __HnSlots {
                #(#slot_fields,)*
            }
            impl __HnSlots {
                #(#steps_async)*
            }
        },
        async_body: quote! {
            #bind_inputs
            let __hn_slots = __HnSlots { #(#slot_inits,)* };
            {
            #(#task_defs)*
            ::core::future::poll_fn(|__hn_cx| {
                #(
                    if let ::core::option::Option::Some(__hn_error) = #task_names.poll_once(__hn_cx) {
                        return ::core::task::Poll::Ready(::core::result::Result::Err(__hn_error));
                    }
                )*
                if true #(&& #task_names.is_done())* {
                    ::core::task::Poll::Ready(::core::result::Result::Ok(()))
                } else {
                    ::core::task::Poll::Pending
                }
            })
            .await?;
            }
            ::core::result::Result::Ok(#outputs_name { #(#async_output_fields,)* })
        },
    }
}

/// The async schedule's slot for a value.
fn slot_var(name: &Ident) -> Ident {
    format_ident!("__hn_s_{}", name, span = Span::call_site())
}

/// A trait that holds exactly when a value's type fits the parameter it feeds, whose
/// `on_unimplemented` message names both ends of the edge.
fn edge_trait(
    trait_name: &Ident,
    entries: &[Entry],
    plan: &Plan,
    consumer: &Entry,
    input: &Input,
    source: Source,
    span: Span,
) -> TokenStream {
    let consumer_name = &consumer.signature.name;
    let value = &input.name;
    let origin = match source {
        Source::Input(index) => {
            let (entry, _) = plan.inputs[index].typed_by;
            format!(
                "graph input `{value}` has type `{{Self}}` (the type node `{}` takes)",
                entries[entry].signature.name
            )
        }
        Source::Node { entry, .. } => {
            format!(
                "node `{}` produces `{value}: {{Self}}`",
                entries[entry].signature.name
            )
        }
    };
    let (wanted, note) = if input.by_ref {
        (
            format!("node `{consumer_name}` takes `{value}: &{{T}}`, but {origin}"),
            "a `&T` parameter accepts any value that borrows as `T`, such as `String` for `&str` or `Vec<T>` for `&[T]`",
        )
    } else {
        (
            format!("node `{consumer_name}` takes `{value}: {{T}}`, but {origin}"),
            "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them",
        )
    };
    let label = format!("`{value}` has the wrong type for node `{consumer_name}`");
    // Spanned at the consumer: rustc's "required for `String` to implement ..." note
    // points at this impl.
    let impl_ = respan(
        quote! {
                impl<T: ?::core::marker::Sized, O: ?::core::marker::Sized + ::core::borrow::Borrow<T>> #trait_name<T> for O {
                    #[inline(always)]
                    fn __hn_feed(&self) -> &T {
                        ::core::borrow::Borrow::borrow(self)
                    }
                }
        },
        span,
    );
    if input.by_ref {
        quote! {
            #[diagnostic::on_unimplemented(message = #wanted, label = #label, note = #note)]
            #[allow(non_camel_case_types)]
            trait #trait_name<T: ?::core::marker::Sized> {
                fn __hn_feed(&self) -> &T;
            }
            #impl_
        }
    } else {
        quote! {
            #[diagnostic::on_unimplemented(message = #wanted, label = #label, note = #note)]
            #[allow(non_camel_case_types)]
            trait #trait_name<T> {
                fn __hn_feed(self) -> T;
            }
            impl<T> #trait_name<T> for T {
                #[inline(always)]
                fn __hn_feed(self) -> T {
                    self
                }
            }
        }
    }
}

/// Lets this graph be an entry of another: its inputs and outputs as positional types.
fn nested_impl(entries: &[Entry], plan: &Plan, name: &Ident, inputs_name: &Ident) -> TokenStream {
    let input_types: Vec<TokenStream> = (0..plan.inputs.len())
        .map(|index| input_type(entries, plan, index))
        .collect();
    let output_types: Vec<TokenStream> = plan
        .outputs
        .iter()
        .map(|(_, source)| source_type(entries, plan, *source))
        .collect();
    let param_impls = input_types.iter().enumerate().map(|(index, ty)| {
        quote! {
            #[automatically_derived]
            impl ::hypernodes::__private::Param<#index> for #name { type Type = #ty; }
        }
    });
    let out_impls = output_types.iter().enumerate().map(|(index, ty)| {
        quote! {
            #[automatically_derived]
            impl ::hypernodes::__private::Out<#index> for #name { type Type = #ty; }
        }
    });
    let input_vars: Vec<Ident> = plan.inputs.iter().map(|input| var(&input.name)).collect();
    let input_fields = plan.inputs.iter().map(|input| &input.name);
    let output_fields = plan.outputs.iter().map(|(name, _)| name);
    let input_fields2 = input_fields.clone();
    let output_fields2 = output_fields.clone();
    quote! {
        #(#param_impls)*
        #(#out_impls)*
        #[automatically_derived]
        impl ::hypernodes::__private::NestedGraph for #name {
            type Args = (#(#input_types,)*);
            type Rets = (#(#output_types,)*);
            fn run_nested<__HnExec: ::hypernodes::__private::Exec>(
                &self,
                __hn_exec: &mut __HnExec,
                __hn_position: usize,
                (#(#input_vars,)*): Self::Args,
            ) -> ::core::result::Result<Self::Rets, ::hypernodes::Error> {
                let __hn_outputs = __hn_exec.graph(::core::option::Option::Some(__hn_position), self, #inputs_name { #(#input_fields: #input_vars,)* })?;
                ::core::result::Result::Ok((#(__hn_outputs.#output_fields,)*))
            }
            fn run_nested_async<'__hn_a, __HnExec: ::hypernodes::__private::AsyncExec>(
                &'__hn_a self,
                __hn_exec: &'__hn_a __HnExec,
                __hn_scope: ::hypernodes::__private::Scope,
                __hn_position: usize,
                (#(#input_vars,)*): Self::Args,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<Self::Rets, ::hypernodes::Error>,
            > + '__hn_a {
                async move {
                    let __hn_scope = __hn_scope.nested(<Self as ::hypernodes::Graph>::GRAPH_INFO, __hn_position);
                    let __hn_start = ::hypernodes::__private::AsyncExec::graph_start(__hn_exec, &__hn_scope);
                    let __hn_result = <Self as ::hypernodes::Graph>::__run_async(
                        self,
                        __hn_exec,
                        __hn_scope.clone(),
                        #inputs_name { #(#input_fields2: #input_vars,)* },
                    )
                    .await;
                    ::hypernodes::__private::AsyncExec::graph_end(
                        __hn_exec,
                        &__hn_scope,
                        __hn_start,
                        __hn_result.as_ref().map(|_| ()),
                    );
                    let __hn_outputs = __hn_result?;
                    ::core::result::Result::Ok((#(__hn_outputs.#output_fields2,)*))
                }
            }
        }
    }
}
