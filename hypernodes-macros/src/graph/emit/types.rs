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

/// The type of output `output` of `entry`.
pub(crate) fn output_type(entry: &Entry, output: usize) -> TokenStream {
    let path = &entry.path;
    match entry.signature.kind {
        EntryKind::Node => {
            let alias = output_alias(output);
            quote!(#path::#alias)
        }
        EntryKind::Graph => quote!(<#path as ::hypernodes::__private::Out<#output>>::Type),
    }
}

/// The entry's `NodeInfo`, as a constant expression.
pub(crate) fn node_info(entry: &Entry) -> TokenStream {
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
