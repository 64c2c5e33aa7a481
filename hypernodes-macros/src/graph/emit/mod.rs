//! The emitters of `graph!`'s last hop: each turns the checked plan and its analysis into
//! one part of the output. This module assembles them.
//!
//! | file | emits |
//! |---|---|
//! | `docs.rs` | the generated docs: field types as written, the graph's own page |
//! | `structs.rs` | `{Name}Inputs`, `{Name}Outputs`, `{Name}MapInputs`, their `Debug`, `__map_items` |
//! | `fields.rs` | `Fields` for the outputs (the struct as a tuple); `nest`, the shape of the tuples |
//! | `info.rs` | `Node::INFO` and `Graph::GRAPH_INFO` |
//! | `edges.rs` | the edge type checks |
//! | `sync_schedule.rs` | `Graph::__run` |
//! | `async_schedule.rs` | `Graph::__run_async` and its slots |
//! | `mapped.rs` | a mapped entry's step (`each(..)`), in both schedules |
//! | `nested.rs` | what lets the graph be listed in another |
//! | `interact.rs` | the `{Name}Chunk`/`Question`/`Answer` enums |
//! | `stubs.rs` | the schedules beside wiring errors |

mod async_schedule;
mod docs;
mod edges;
mod fields;
mod info;
pub(crate) mod interact;
mod mapped;
mod nested;
mod step;
mod structs;
mod stubs;
mod sync_schedule;
mod types;

use super::analysis::Analysis;
use super::header::Header;
use super::wiring::Plan;
use super::Entry;
use crate::naming::{private_alias, unique_macro_name, Locals};
use crate::signature::{EntryKind, Input, Signature, TypeText};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The names of the generated structs.
pub(crate) struct StructNames {
    pub inputs: Ident,
    pub outputs: Ident,
    pub map_inputs: Ident,
    /// `{Name}Partial`: the outputs a stopped run finished, each an `Option`.
    pub partial: Ident,
}

/// What every emitter reads.
pub(crate) struct Emit<'a> {
    pub header: &'a Header,
    pub entries: &'a [Entry],
    pub plan: &'a Plan,
    pub analysis: &'a Analysis,
    pub names: StructNames,
    pub locals: Locals,
}

impl<'a> Emit<'a> {
    pub(crate) fn new(
        header: &'a Header,
        entries: &'a [Entry],
        plan: &'a Plan,
        analysis: &'a Analysis,
    ) -> Self {
        let name = &header.name;
        let values = analysis.values.iter().map(|value| &value.name);
        let inputs = plan.inputs.iter().map(|input| &input.name);
        Emit {
            header,
            entries,
            plan,
            analysis,
            names: StructNames {
                inputs: format_ident!("{}Inputs", name),
                outputs: format_ident!("{}Outputs", name),
                map_inputs: format_ident!("{}MapInputs", name),
                partial: format_ident!("{}Partial", name),
            },
            locals: Locals::new(values.chain(inputs)),
        }
    }
}

impl Emit<'_> {
    /// Whether graph input `index` is lent by every use (a map's items may share it).
    pub(crate) fn lent(&self, index: usize) -> bool {
        self.analysis
            .lent_inputs
            .get(index)
            .copied()
            .unwrap_or(false)
    }

    /// Whether `value` is a graph input lent by every use: a `LentInput` in `__run`.
    pub(crate) fn is_lent_input(&self, value: &Ident) -> bool {
        self.analysis.is_lent_input(self.plan, value)
    }
}

/// The whole graph. `wired` is false when the wiring has errors (already reported):
/// then the schedules are stubs.
pub(crate) fn graph(emit: &Emit<'_>, wired: bool) -> TokenStream {
    let Header {
        attrs, vis, name, ..
    } = emit.header;
    let attrs = &attrs.graph;
    let names = &emit.names;
    let (inputs_name, outputs_name, map_inputs_name, partial_name) = (
        &names.inputs,
        &names.outputs,
        &names.map_inputs,
        &names.partial,
    );
    let structs = structs::structs(emit);
    let debug_impls = structs::debug_impls(emit);
    let fields_impls = fields::fields_impls(emit);
    let map_items = structs::map_items_fn(emit);
    let (item_type, item_fn) = (structs::item_type(emit), structs::item_fn(emit));
    let node_impl = info::node_impl(emit);
    let graph_info = info::graph_info(emit);
    let nested = nested::nested_impls(emit);
    let (edge_traits, async_items, sync_body, async_body) = if wired {
        (
            edges::edge_traits(emit),
            async_schedule::items(emit),
            sync_schedule::body(emit),
            async_schedule::body(emit),
        )
    } else {
        let stub = stubs::body(emit);
        (TokenStream::new(), TokenStream::new(), stub.clone(), stub)
    };
    let interact::InteractionItems {
        items: interaction_items,
        chunk,
        question,
        answer,
        functions: interaction_fns,
    } = interact::expand(emit.header, emit.entries, emit.plan);
    let callback = callback(emit);
    let graph_doc = docs::graph_doc(emit);
    let hn = private_alias();
    let (exec, inputs) = (emit.locals.fresh("exec"), emit.locals.fresh("inputs"));
    quote! {
        #(#attrs)*
        #[doc = #graph_doc]
        #[derive(Clone, Copy, Debug, Default)]
        #vis struct #name;

        #structs
        #interaction_items

        const _: () = {
            use ::hypernodes::__private as #hn;

            #edge_traits
            #async_items
            #debug_impls
            #fields_impls
            #node_impl

            #[automatically_derived]
            impl ::hypernodes::Graph for #name {
                type Inputs = #inputs_name;
                type Outputs = #outputs_name;
                type MapInputs = #map_inputs_name;
                type Partial = #partial_name;
                type __Item = #item_type;
                type Chunk = #chunk;
                type Question = #question;
                type Answer = #answer;
                #graph_info

                #item_fn
                #map_items
                #interaction_fns

                #[allow(clippy::all, unused_braces)]
                fn __run<__HnExec: #hn::Executor>(
                    &self,
                    #exec: &mut __HnExec,
                    #inputs: Self::__Item,
                ) -> ::core::result::Result<#outputs_name, ::hypernodes::Error> {
                    #sync_body
                }

                #[allow(clippy::all, unused_braces, unused_mut)]
                #[inline]
                fn __run_async<'run, __HnExec: #hn::AsyncExecutor>(
                    &'run self,
                    #exec: &'run __HnExec,
                    #inputs: Self::__Item,
                ) -> impl ::core::future::Future<
                    Output = ::core::result::Result<#outputs_name, #hn::Halt<#partial_name>>,
                > + 'run {
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

/// The graph's own callback macro, through which another `graph!` lists it.
fn callback(emit: &Emit<'_>) -> TokenStream {
    let Header { vis, name, .. } = emit.header;
    let plan = emit.plan;
    let signature = Signature {
        kind: EntryKind::Graph,
        name: name.clone(),
        is_async: false,
        fallible: false,
        cache: false,
        blocking: false,
        inputs: plan
            .inputs
            .iter()
            .map(|input| Input {
                name: input.name.clone(),
                by_ref: false,
                span: input.name.span(),
            })
            .collect(),
        outputs: plan.outputs.iter().map(|(name, _)| name.clone()).collect(),
        output_spans: plan.outputs.iter().map(|(name, _)| name.span()).collect(),
        whole: None,
        streams: interact::any(emit.entries, plan, true).then_some(0),
        asks: interact::any(emit.entries, plan, false).then_some(0),
        stops: None,
        types: TypeText {
            inputs: (0..plan.inputs.len())
                .map(|index| docs::input_type(emit, index))
                .collect(),
            outputs: plan
                .outputs
                .iter()
                .map(|(_, source)| docs::value_type(emit, *source))
                .collect(),
            ..TypeText::default()
        },
    };
    let header = emit.header;
    let macro_name = unique_macro_name("graph", name, &quote!(#header));
    crate::hop::callback_macro(&macro_name, vis, Some(name), &signature)
}
