//! `graph!` itself: parses the user's list and starts the callback chain (see `crate::hop`).

use super::header::GraphDef;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let graph: GraphDef = match syn::parse2(input) {
        Ok(graph) => graph,
        Err(error) => return error.to_compile_error(),
    };
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
    let header = &graph.header;
    let entries = &graph.entries;
    quote! {
        #first! { [#header] [] #([#entries])* }
    }
}
