//! The last hop of `graph!`: parse every forwarded signature, check the wiring, emit the graph.

//!
//! The passes, as in thiserror (`ast` → `valid` → `expand`): parse (`Collected`, here) →
//! check and plan the wiring (`wiring`) → analyse each step (`analysis`) → emit (`emit`,
//! one file per part of the output; stubs beside wiring errors).

mod analysis;
mod emit;
pub(crate) mod entry;
mod header;
mod wiring;

use crate::signature::Signature;
use header::Header;
use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{braced, bracketed, Path};

/// One listed node or graph, as the last hop receives it.
pub(crate) struct Entry {
    /// The path as the user wrote it in the list; its spans point at the user's tokens.
    pub path: Path,
    pub signature: Signature,
}

struct Collected {
    header: Header,
    entries: Vec<Entry>,
}

impl Parse for Collected {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let content;
        bracketed!(content in input);
        let header: Header = content.parse()?;
        let content;
        bracketed!(content in input);
        let mut entries = Vec::new();
        while !content.is_empty() {
            let entry;
            braced!(entry in content);
            let path;
            bracketed!(path in entry);
            let path: Path = path.parse()?;
            let signature: Signature = entry.parse()?;
            entries.push(Entry { path, signature });
        }
        Ok(Collected { header, entries })
    }
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let collected: Collected = match syn::parse2(input) {
        Ok(collected) => collected,
        Err(error) => return error.to_compile_error(),
    };
    let (header, entries) = (&collected.header, &collected.entries);
    let (plan, checked) = wiring::plan_best_effort(header, entries);
    // Beside wiring errors the schedules are stubs, so there is nothing to analyse.
    let analysis = match checked {
        Ok(()) => analysis::analyse(entries, &plan),
        Err(_) => analysis::Analysis::default(),
    };
    let graph = emit::graph(
        &emit::Emit::new(header, entries, &plan, &analysis),
        checked.is_ok(),
    );
    let errors = checked.err().map(|e| e.to_compile_error());
    quote::quote!(#errors #graph)
}
