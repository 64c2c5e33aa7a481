//! The two front ends of a graph declaration, `graph!(pub struct G = [..]);` and
//! `#[graph_of([..])] pub struct G;`: each parses its own shape into one `GraphDef` and
//! starts the same callback chain (see `crate::hop`).

use super::header::{Body, GraphDef};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Fields, ItemStruct};

/// `graph!(...)`.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<GraphDef>(input) {
        Ok(graph) => start(&graph),
        Err(error) => error.to_compile_error(),
    }
}

/// `#[graph_of(...)]` on `item`: the same graph, declared as an item so that tools which
/// keep only items (an evcxr notebook cell) keep it.
pub(crate) fn expand_attribute(args: TokenStream, item: TokenStream) -> TokenStream {
    let item: ItemStruct = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(_) => {
            let error = syn::Error::new_spanned(
                &item,
                "#[graph_of] goes on a unit struct, as in `#[graph_of([node_a, node_b])] pub struct Pipeline;`",
            )
            .to_compile_error();
            // Keep the item, so that its uses add no "cannot find" errors.
            return quote!(#error #item);
        }
    };
    if let Err(error) = check_unit_struct(&item) {
        let error = error.to_compile_error();
        return quote!(#error #item);
    }
    let parser =
        |input: syn::parse::ParseStream| Body::parse_with(input, "#[graph_of([node_a, node_b])]");
    let body = match syn::parse::Parser::parse2(parser, args) {
        Ok(body) => body,
        Err(error) => return error.to_compile_error(),
    };
    let attrs = match super::attrs::GraphAttrs::split(item.attrs) {
        Ok(attrs) => attrs,
        Err(error) => {
            // Keep the struct, so that its uses add no "cannot find" errors.
            let (error, vis, name) = (error.to_compile_error(), item.vis, item.ident);
            return quote!(#error #vis struct #name;);
        }
    };
    start(&body.into_graph(attrs, item.vis, item.ident))
}

/// The struct becomes the graph value, so it carries nothing of its own.
fn check_unit_struct(item: &ItemStruct) -> syn::Result<()> {
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        return Err(syn::Error::new_spanned(
            &item.generics,
            format!(
                "graph `{}` cannot be generic: its nodes fix every type, so write `pub struct {};`",
                item.ident, item.ident
            ),
        ));
    }
    if !matches!(item.fields, Fields::Unit) {
        return Err(syn::Error::new_spanned(
            &item.fields,
            format!(
                "#[graph_of] makes `{}` the graph itself, which holds no data: write `pub struct {};` (the graph's inputs become fields of the generated `{}Inputs`)",
                item.ident, item.ident, item.ident
            ),
        ));
    }
    Ok(())
}

/// Calls the first entry's callback macro with the rest of the list.
fn start(graph: &GraphDef) -> TokenStream {
    // A second declaration of the graph in its module is that one error, and nothing else.
    if let Some(error) = super::duplicate::declared_before(&graph.header.name) {
        return error.to_compile_error();
    }
    let Some(first) = graph.entries.first() else {
        return syn::Error::new(
            graph.bracket,
            format!(
                "graph `{}` lists no nodes; list the nodes to wire, as in `[node_a, node_b]`",
                graph.header.name
            ),
        )
        .to_compile_error();
    };
    if let Some(itself) = graph
        .entries
        .iter()
        .find(|entry| entry.is_ident(&graph.header.name))
    {
        return syn::Error::new_spanned(
            itself,
            format!(
                "graph `{}` lists itself; a graph can list nodes and other graphs, not itself",
                graph.header.name
            ),
        )
        .to_compile_error();
    }
    let header = &graph.header;
    let first = crate::hop::callback_path(first);
    let entries = graph.entries.iter().map(crate::hop::callback_path);
    quote! {
        #first! { [#header] [] #([#entries])* }
    }
}
