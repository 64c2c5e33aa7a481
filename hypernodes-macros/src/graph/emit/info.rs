//! Emits a graph's static description: `Node::INFO` (a graph is a node of other graphs)
//! and `Graph::GRAPH_INFO` (its nodes in schedule order, inputs, outputs and edges).

use super::types::{node_info, port, Side};
use super::Emit;
use crate::graph::wiring::Source;
use proc_macro2::TokenStream;
use quote::quote;

/// `impl Node for {Name}`.
pub(crate) fn node_impl(emit: &Emit<'_>) -> TokenStream {
    let name = &emit.header.name;
    let name_str = name.to_string();
    let outputs = &emit.names.outputs;
    let streams = super::interact::any(emit.entries, emit.plan, true);
    let asks = super::interact::any(emit.entries, emit.plan, false);
    quote! {
        #[automatically_derived]
        impl ::hypernodes::Node for #name {
            type Output = #outputs;
            const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
                name: #name_str,
                module_path: ::core::module_path!(),
                inputs: <Self as ::hypernodes::Graph>::GRAPH_INFO.inputs,
                outputs: <Self as ::hypernodes::Graph>::GRAPH_INFO.outputs,
                is_async: false,
                fallible: false,
                code_hash: [0; 32],
                cache: false,
                streams: #streams,
                asks: #asks,
                version: ::core::option::Option::None,
                subgraph: ::core::option::Option::Some(<Self as ::hypernodes::Graph>::GRAPH_INFO),
                composition: ::core::option::Option::None,
            };
        }
    }
}

/// The `GRAPH_INFO` constant of `impl Graph for {Name}`.
pub(crate) fn graph_info(emit: &Emit<'_>) -> TokenStream {
    let Emit { entries, plan, .. } = emit;
    let name_str = emit.header.name.to_string();
    let nodes = plan.order.iter().map(|&e| node_info(&entries[e]));
    let inputs = plan.inputs.iter().map(|input| {
        let (entry, param) = input.typed_by;
        port(&entries[entry], Side::Input, param)
    });
    let outputs = plan.outputs.iter().map(|(_, source)| {
        let Source::Node { entry, output } = *source else {
            unreachable!("outputs come from nodes")
        };
        port(&entries[entry], Side::Output, output)
    });
    let position = |entry: usize| {
        plan.order
            .iter()
            .position(|&e| e == entry)
            .expect("scheduled")
    };
    let edges = plan.order.iter().enumerate().flat_map(|(to, &consumer)| {
        entries[consumer].wired_inputs().map(move |(_, input)| {
            let from = match plan.sources[&input.name.to_string()] {
                Source::Input(_) => quote!(::hypernodes::Endpoint::Input),
                Source::Node { entry, .. } => {
                    let from = position(entry);
                    quote!(::hypernodes::Endpoint::Node(#from))
                }
            };
            // As users read it: `type`, not `r#type`.
            let value = crate::naming::unraw(&input.name);
            quote!(::hypernodes::Edge { value: #value, from: #from, to: #to })
        })
    });
    quote! {
        const GRAPH_INFO: &'static ::hypernodes::GraphInfo = &::hypernodes::GraphInfo {
            name: #name_str,
            module_path: ::core::module_path!(),
            nodes: &[#(#nodes),*],
            inputs: &[#(#inputs),*],
            outputs: &[#(#outputs),*],
            edges: &[#(#edges),*],
        };
    }
}
