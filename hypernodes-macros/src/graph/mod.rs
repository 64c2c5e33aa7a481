//! The last hop of `graph!`: parse every forwarded signature, check the wiring, emit the graph.

//!
//! The passes, as in thiserror (`ast` → `valid` → `expand`): parse (`Collected`, here) →
//! check and plan the wiring (`wiring`) → analyse each step (`analysis`) → emit (`emit`,
//! one file per part of the output; stubs beside wiring errors).

mod analysis;
mod attrs;
mod compose;
mod duplicate;
mod emit;
pub(crate) mod entry;
mod groups;
mod header;
mod unwired;
mod wiring;

use crate::errors::Errors;
use crate::signature::{Input, Signature};
use header::Header;
use proc_macro2::Ident;
use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{braced, bracketed, Path};

/// One listed node or graph, as the last hop receives it.
pub(crate) struct Entry {
    /// The path as the user wrote it in the list; its spans point at the user's tokens.
    pub path: Path,
    /// The entry as the outer graph wires it: its `as` name, inputs and outputs under
    /// outer names (see `compose`).
    pub signature: Signature,
    /// The entry's own signature, as its function or graph declares it.
    pub inner: Signature,
    /// Per input: the value written in the list that binds it, if any.
    pub bound: Vec<Option<compose::Bound>>,
    /// Per output: whether the outer graph sees it (`..` drops the unlisted ones).
    pub exported: Vec<bool>,
    /// Where renamed values were written (outer name, span), for wiring errors.
    pub renamed_at: Vec<(String, proc_macro2::Span)>,
    /// Where the `as` name was written.
    pub rename: Option<Ident>,
    /// Per input: whether the entry maps over it (`each(..)`); its outputs are then lists.
    pub mapped: Vec<bool>,
    /// The mapped inputs in the order the input block lists them.
    pub mapped_order: Vec<usize>,
    /// `#[map(product)]`.
    pub product: bool,
}

impl Entry {
    /// The inputs the outer graph wires by name: all but the bound ones.
    pub(crate) fn wired_inputs(&self) -> impl Iterator<Item = (usize, &Input)> + '_ {
        self.signature
            .inputs
            .iter()
            .enumerate()
            .filter(|(index, _)| self.bound[*index].is_none())
    }

    /// The outputs the outer graph sees: all but those `..` drops.
    pub(crate) fn exported_outputs(&self) -> impl Iterator<Item = (usize, &Ident)> + '_ {
        self.signature
            .outputs
            .iter()
            .enumerate()
            .filter(|(index, _)| self.exported[*index])
    }

    /// Whether the entry runs once per item of outer lists.
    pub(crate) fn is_mapped(&self) -> bool {
        self.mapped.contains(&true)
    }

    /// Whether the list renames, binds or maps anything of this entry.
    pub(crate) fn is_composed(&self) -> bool {
        self.signature.name != self.inner.name
            || self.is_mapped()
            || self.bound.iter().any(Option::is_some)
            || self.exported.iter().any(|e| !e)
            || self
                .signature
                .inputs
                .iter()
                .zip(&self.inner.inputs)
                .any(|(o, i)| o.name != i.name)
            || self.signature.outputs != self.inner.outputs
    }

    /// Where the `as` name was written, if the entry is renamed.
    pub(crate) fn compose_rename_span(&self) -> Option<proc_macro2::Span> {
        self.rename.as_ref().map(Ident::span)
    }

    /// Where the outer name `value` was written, if the list renamed something to it.
    pub(crate) fn renamed_span(&self, value: &str) -> Option<proc_macro2::Span> {
        self.renamed_at
            .iter()
            .find(|(name, _)| name == value)
            .map(|(_, span)| *span)
    }
}

struct Collected {
    header: Header,
    entries: Vec<Entry>,
    /// Errors in the entries' compositions (unknown inner names, ...).
    errors: Errors,
}

impl Parse for Collected {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let content;
        bracketed!(content in input);
        let header: Header = content.parse()?;
        let content;
        bracketed!(content in input);
        let mut entries = Vec::new();
        let mut errors = Errors::default();
        while !content.is_empty() {
            let entry;
            braced!(entry in content);
            let path;
            bracketed!(path in entry);
            let path = crate::hop::item_path(path.parse()?);
            let inner: Signature = entry.parse()?;
            let spec = header
                .compose
                .get(entries.len())
                .cloned()
                .unwrap_or_default();
            let applied = compose::apply(&inner, &spec, &mut errors);
            entries.push(Entry {
                path,
                signature: applied.signature,
                inner,
                bound: applied.bound,
                exported: applied.exported,
                renamed_at: applied.spans,
                rename: spec.rename.clone(),
                mapped: applied.mapped,
                mapped_order: applied.mapped_order,
                product: applied.product,
            });
        }
        Ok(Collected {
            header,
            entries,
            errors,
        })
    }
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let collected: Collected = match syn::parse2(input) {
        Ok(collected) => collected,
        Err(error) => return error.to_compile_error(),
    };
    let (header, entries) = (&collected.header, &collected.entries);
    let (plan, wired) = wiring::plan_best_effort(header, entries);
    let mut errors = collected.errors;
    unwired::check_declared(header, entries, &plan, &mut errors);
    let checked = match (errors.finish(), wired) {
        (Ok(()), wired) => wired,
        (Err(error), Ok(())) => Err(error),
        (Err(mut error), Err(wiring)) => {
            error.combine(wiring);
            Err(error)
        }
    };
    // Beside wiring errors the schedules are stubs, so there is nothing to analyse.
    let analysis = match &checked {
        Ok(()) => analysis::analyse(entries, &plan),
        Err(_) => analysis::Analysis::default(),
    };
    let graph = emit::graph(
        &emit::Emit::new(header, entries, &plan, &analysis),
        checked.is_ok(),
    );
    let warnings = match checked {
        Ok(()) => unwired::warnings(header, entries, &plan),
        Err(_) => TokenStream::new(),
    };
    let graph = if warnings.is_empty() {
        graph
    } else {
        quote::quote! {
            #graph
            const _: () = {
                #warnings
            };
        }
    };
    let errors = checked.err().map(|e| e.to_compile_error());
    let graph = crate::tokens::relocate_call_site(graph, header.name.span());
    quote::quote!(#errors #graph)
}
