//! The attributes written on a graph: those for the graph struct itself (docs, `cfg`,
//! derives the macro does not already provide), and `#[inputs(..)]` / `#[outputs(..)]` for
//! the generated `{Name}Inputs` / `{Name}Outputs`.
//!
//! They are split once, in the first hop (where a mistake is reported before any node
//! is looked up), and travel through the chain in the same written form.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{parenthesized, Attribute, Ident, Path, Token};

/// Traits `graph!` implements on the graph struct, so a user derive of them is skipped.
const GRAPH_PROVIDES: &[&str] = &["Clone", "Copy", "Debug", "Default"];

/// Traits `graph!` implements on the generated inputs and outputs.
const STRUCTS_PROVIDE: &[&str] = &["Debug"];

#[derive(Clone, Default)]
pub(crate) struct GraphAttrs {
    /// What goes on the graph struct (with provided derives removed).
    pub graph: Vec<Attribute>,
    /// `#[inputs(derive(..), name, ..)]`.
    pub inputs: Generated,
    /// `#[outputs(derive(..))]`.
    pub outputs: Generated,
}

/// What a graph asks of one generated struct.
#[derive(Clone, Default)]
pub(crate) struct Generated {
    /// Traits to derive on the struct.
    pub derives: Vec<Path>,
    /// Names declared as meant to be graph inputs (`#[inputs(words)]`): they are not
    /// reported as possibly unwired.
    pub names: Vec<Ident>,
}

impl GraphAttrs {
    /// Splits the attributes written before `struct`.
    pub(crate) fn split(attrs: Vec<Attribute>) -> syn::Result<Self> {
        let mut split = GraphAttrs::default();
        for attr in attrs {
            if attr.path().is_ident("derive") {
                let derives =
                    attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)?;
                let kept: Vec<Path> = derives
                    .into_iter()
                    .filter(|path| !provided(path, GRAPH_PROVIDES))
                    .collect();
                if !kept.is_empty() {
                    split.graph.push(syn::parse_quote!(#[derive(#(#kept),*)]));
                }
            } else if attr.path().is_ident("inputs") {
                parse_generated(&attr, true, &mut split.inputs)?;
            } else if attr.path().is_ident("outputs") {
                parse_generated(&attr, false, &mut split.outputs)?;
            } else {
                split.graph.push(attr);
            }
        }
        Ok(split)
    }
}

/// Whether the last segment of `path` names one of `traits`.
fn provided(path: &Path, traits: &[&str]) -> bool {
    path.segments
        .last()
        .is_some_and(|last| traits.iter().any(|t| last.ident == t))
}

/// One item of `#[inputs(..)]`: `derive(A, B)` or a name.
enum Item {
    Derive(Vec<Path>),
    Name(Ident),
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let ident = input.call(syn::ext::IdentExt::parse_any)?;
        if ident == "derive" && input.peek(syn::token::Paren) {
            let content;
            parenthesized!(content in input);
            let paths = Punctuated::<Path, Token![,]>::parse_terminated(&content)?;
            return Ok(Item::Derive(paths.into_iter().collect()));
        }
        Ok(Item::Name(ident))
    }
}

fn parse_generated(attr: &Attribute, names_allowed: bool, into: &mut Generated) -> syn::Result<()> {
    let which = if names_allowed { "inputs" } else { "outputs" };
    let usage = if names_allowed {
        "`#[inputs(derive(Clone))]` derives traits on the generated inputs struct, and `#[inputs(name)]` declares that the parameter `name` is meant to be an input of the graph"
    } else {
        "`#[outputs(derive(Clone))]` derives traits on the generated outputs struct"
    };
    let items = attr
        .parse_args_with(Punctuated::<Item, Token![,]>::parse_terminated)
        .map_err(|e| {
            syn::Error::new(e.span(), format!("unexpected `{which}` attribute: {usage}"))
        })?;
    for item in items {
        match item {
            Item::Derive(paths) => into.derives.extend(
                paths
                    .into_iter()
                    .filter(|path| !provided(path, STRUCTS_PROVIDE)),
            ),
            Item::Name(name) if names_allowed => into.names.push(name),
            Item::Name(name) => {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unexpected `{name}` in `#[outputs(..)]`: {usage}"),
                ))
            }
        }
    }
    Ok(())
}

impl ToTokens for GraphAttrs {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let graph = &self.graph;
        tokens.extend(quote!(#(#graph)*));
        let (inputs, names) = (&self.inputs.derives, &self.inputs.names);
        if !inputs.is_empty() || !names.is_empty() {
            tokens.extend(quote!(#[inputs(derive(#(#inputs),*), #(#names),*)]));
        }
        let outputs = &self.outputs.derives;
        if !outputs.is_empty() {
            tokens.extend(quote!(#[outputs(derive(#(#outputs),*))]));
        }
    }
}
