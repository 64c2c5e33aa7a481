//! Type expressions for what the entries take and give, resolved by rustc through each
//! node's module of aliases or each listed graph's positional traits.

use super::super::wiring::{Plan, Source};
use super::super::Entry;
use crate::naming::{in_node, output_alias, param_alias};
use crate::signature::EntryKind;
use proc_macro2::TokenStream;
use quote::quote;

/// The type parameter `param` of `entry` takes (`T` for `T` and `&T`).
pub(crate) fn param_type(entry: &Entry, param: usize) -> TokenStream {
    let path = &entry.path;
    match entry.signature.kind {
        EntryKind::Node => {
            let alias = param_alias(param);
            quote!(#path::#alias)
        }
        EntryKind::Graph => quote!(<#path as ::hypernodes::__private::Param<#param>>::Type),
    }
}

/// The type of output `output` of `entry` in the outer graph: a `Vec` for a mapped entry.
pub(crate) fn output_type(entry: &Entry, output: usize) -> TokenStream {
    let own = own_output_type(entry, output);
    if entry.is_mapped() {
        quote!(::std::vec::Vec<#own>)
    } else {
        own
    }
}

/// The owned type an item of a mapped entry takes at `param`.
pub(crate) fn item_type(entry: &Entry, param: usize) -> TokenStream {
    let ty = param_type(entry, param);
    if entry.signature.inputs[param].by_ref {
        quote!(<#ty as ::hypernodes::__private::Owned>::Type)
    } else {
        ty
    }
}

/// The type of output `output` of one run of `entry`.
fn own_output_type(entry: &Entry, output: usize) -> TokenStream {
    let path = &entry.path;
    match entry.signature.kind {
        EntryKind::Node => {
            let alias = output_alias(output);
            quote!(#path::#alias)
        }
        EntryKind::Graph => quote!(<#path as ::hypernodes::__private::Out<#output>>::Type),
    }
}

/// The entry's `NodeInfo` as the graph lists it, as a constant expression: for an entry
/// the list renames or binds, its own with the outer names and a `Composition`.
pub(crate) fn node_info(entry: &Entry) -> TokenStream {
    let own = own_node_info(entry);
    if !entry.is_composed() {
        return own;
    }
    let name = entry.signature.name.to_string();
    let inner_inputs: Vec<String> = entry
        .inner
        .inputs
        .iter()
        .map(|i| i.name.to_string())
        .collect();
    let inner_outputs: Vec<String> = entry
        .inner
        .outputs
        .iter()
        .map(ToString::to_string)
        .collect();
    let inputs = (0..entry.signature.inputs.len()).map(|index| port(entry, Side::Input, index));
    let outputs = (0..entry.signature.outputs.len()).map(|index| port(entry, Side::Output, index));
    let bound = inner_inputs
        .iter()
        .zip(&entry.bound)
        .filter(|(_, bound)| bound.is_some())
        .map(|(name, _)| name);
    let dropped = inner_outputs
        .iter()
        .zip(&entry.exported)
        .filter(|(_, exported)| !**exported)
        .map(|(name, _)| name);
    let comes_from = entry.inner.name.to_string();
    let mapped = entry
        .mapped_order
        .iter()
        .map(|&param| entry.inner.inputs[param].name.to_string());
    let mode = match (entry.is_mapped(), entry.product) {
        (false, _) => quote!(::core::option::Option::None),
        (true, false) => quote!(::core::option::Option::Some(::hypernodes::MapMode::Zip)),
        (true, true) => quote!(::core::option::Option::Some(::hypernodes::MapMode::Product)),
    };
    // A renamed graph runs under its `as` name too: its runs report that name.
    let subgraph = match entry.signature.kind {
        EntryKind::Graph if entry.signature.name != entry.inner.name => {
            let path = &entry.path;
            quote! {
                ::core::option::Option::Some(&::hypernodes::GraphInfo {
                    name: #name,
                    ..*<#path as ::hypernodes::Graph>::GRAPH_INFO
                })
            }
        }
        _ => quote!(#own.subgraph),
    };
    quote! {
        ::hypernodes::NodeInfo {
            name: #name,
            inputs: &[#(#inputs),*],
            outputs: &[#(#outputs),*],
            subgraph: #subgraph,
            composition: ::core::option::Option::Some(&::hypernodes::Composition {
                comes_from: #comes_from,
                inner_inputs: &[#(#inner_inputs),*],
                inner_outputs: &[#(#inner_outputs),*],
                bound: &[#(#bound),*],
                dropped: &[#(#dropped),*],
                mapped: &[#(#mapped),*],
                mode: #mode,
            }),
            ..#own
        }
    }
}

/// A side of an entry: its inputs or its outputs.
#[derive(Clone, Copy)]
pub(crate) enum Side {
    Input,
    Output,
}

/// The `Port` of input or output `index` of the entry, under the outer graph's name, as
/// a constant expression.
pub(crate) fn port(entry: &Entry, side: Side, index: usize) -> TokenStream {
    let own = own_node_info(entry);
    let (outer, inner, ports) = match side {
        Side::Input => (
            &entry.signature.inputs[index].name,
            &entry.inner.inputs[index].name,
            quote!(inputs),
        ),
        Side::Output => (
            &entry.signature.outputs[index],
            &entry.inner.outputs[index],
            quote!(outputs),
        ),
    };
    if outer == inner {
        return quote!(#own.#ports[#index]);
    }
    let outer = outer.to_string();
    quote!(::hypernodes::Port { name: #outer, ..#own.#ports[#index] })
}

/// The `NodeInfo` the entry's function or graph declares.
fn own_node_info(entry: &Entry) -> TokenStream {
    let path = &entry.path;
    match entry.signature.kind {
        EntryKind::Node => {
            let info = in_node::info();
            quote!(#path::#info)
        }
        EntryKind::Graph => quote!(<#path as ::hypernodes::Node>::INFO),
    }
}

/// The type of field `index` of the graph's inputs.
pub(crate) fn input_type(entries: &[Entry], plan: &Plan, index: usize) -> TokenStream {
    let (entry, param) = plan.inputs[index].typed_by;
    if entries[entry].mapped[param] {
        let item = item_type(&entries[entry], param);
        return quote!(::std::vec::Vec<#item>);
    }
    let ty = param_type(&entries[entry], param);
    if entries[entry].signature.inputs[param].by_ref {
        // Only borrowed: store the owned form (`String` for `&str`, `Vec<T>` for `&[T]`).
        quote!(<#ty as ::hypernodes::__private::Owned>::Type)
    } else {
        ty
    }
}

/// The type of a value, from where it comes.
pub(crate) fn source_type(entries: &[Entry], plan: &Plan, source: Source) -> TokenStream {
    match source {
        Source::Input(index) => input_type(entries, plan, index),
        Source::Node { entry, output } => output_type(&entries[entry], output),
    }
}
