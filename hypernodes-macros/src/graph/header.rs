//! `graph!(#[attrs] pub struct Name = [entries] -> [selected]);`: the header part, which
//! travels unchanged through every hop to the last one.

use super::attrs::GraphAttrs;
use super::compose::{self, Compose, ListEntry};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{bracketed, Attribute, Ident, Path, Token, Visibility};

pub(crate) struct Header {
    pub attrs: GraphAttrs,
    pub vis: Visibility,
    pub name: Ident,
    /// `-> [a, b]`: only these outputs, and only the nodes they need.
    pub selected: Option<Vec<Ident>>,
    /// Per entry, what the list says beyond its path (`as`, renames), carried here
    /// so that the callback chain passes plain paths.
    pub compose: Vec<Compose>,
}

/// The whole `graph!` input as the user wrote it.
pub(crate) struct GraphDef {
    pub header: Header,
    pub entries: Vec<Path>,
    pub bracket: proc_macro2::Span,
}

impl Parse for GraphDef {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = GraphAttrs::split(input.call(Attribute::parse_outer)?)?;
        let vis: Visibility = input.parse()?;
        input.parse::<Token![struct]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected `struct`: write `graph!(pub struct Name = [node_a, node_b]);`",
            )
        })?;
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>().map_err(|e| {
            syn::Error::new(e.span(), "expected `=` followed by the list of nodes, as in `graph!(pub struct Name = [node_a, node_b]);`")
        })?;
        let body = Body::parse_with(input, "= [node_a, node_b]")?;
        if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
        }
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the graph definition"));
        }
        Ok(body.into_graph(attrs, vis, name))
    }
}

/// What follows `=` in `graph!`, and what `#[graph_of(...)]` takes: `[entries] -> [selected]`.
pub(crate) struct Body {
    entries: Vec<Path>,
    compose: Vec<Compose>,
    bracket: proc_macro2::Span,
    selected: Option<Vec<Ident>>,
}

impl Body {
    /// The whole graph definition, with the struct's attributes, visibility and name.
    pub(crate) fn into_graph(self, attrs: GraphAttrs, vis: Visibility, name: Ident) -> GraphDef {
        GraphDef {
            header: Header {
                attrs,
                vis,
                name,
                selected: self.selected,
                compose: self.compose,
            },
            entries: self.entries,
            bracket: self.bracket,
        }
    }
}

impl Body {
    /// Parses the body; `example` shows the list as the front end in use writes it.
    pub(crate) fn parse_with(input: ParseStream, example: &str) -> syn::Result<Self> {
        let (bracket, list) = brackets(
            input,
            &format!("the list of nodes in square brackets, as in `{example}`"),
        )?;
        let entries = Punctuated::<ListEntry, Token![,]>::parse_terminated(&list)?;
        let (entries, compose) = compose::split(entries);
        let selected = parse_selection(input)?;
        Ok(Body {
            entries,
            compose,
            bracket,
            selected,
        })
    }
}

fn parse_selection(input: ParseStream) -> syn::Result<Option<Vec<Ident>>> {
    if !input.peek(Token![->]) {
        return Ok(None);
    }
    input.parse::<Token![->]>()?;
    let (bracket, list) = brackets(
        input,
        "the selected outputs in square brackets, as in `-> [answer]`",
    )?;
    let names = Punctuated::<Ident, Token![,]>::parse_terminated(&list)?;
    // Selecting nothing would run nothing and return an empty struct: surely a slip.
    if names.is_empty() {
        return Err(syn::Error::new(
            bracket,
            "`-> []` selects no output, so the graph would run nothing; name the outputs to keep, as in `-> [answer]`, or remove `-> []` to keep them all",
        ));
    }
    Ok(Some(names.into_iter().collect()))
}

/// The contents of a `[...]` group, or an error that says what the brackets should hold.
fn brackets<'a>(
    input: ParseStream<'a>,
    expected: &str,
) -> syn::Result<(proc_macro2::Span, syn::parse::ParseBuffer<'a>)> {
    if !input.peek(syn::token::Bracket) {
        return Err(input.error(format!("expected {expected}")));
    }
    let list;
    let bracket = bracketed!(list in input);
    Ok((bracket.span.join(), list))
}

impl Parse for Header {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = GraphAttrs::split(input.call(Attribute::parse_outer)?)?;
        let vis: Visibility = input.parse()?;
        input.parse::<Token![struct]>()?;
        let name: Ident = input.parse()?;
        // Absent when no entry is composed (as in the expansion tests' input).
        let compose = if input.peek(syn::token::Brace) {
            compose::parse_all(input)?
        } else {
            Vec::new()
        };
        let selected = parse_selection(input)?;
        Ok(Header {
            attrs,
            vis,
            name,
            selected,
            compose,
        })
    }
}

impl ToTokens for Header {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let Header {
            attrs,
            vis,
            name,
            selected,
            compose,
        } = self;
        tokens.extend(quote!(#attrs #vis struct #name { #([#compose])* }));
        if let Some(selected) = selected {
            tokens.extend(quote!(-> [#(#selected),*]));
        }
    }
}
