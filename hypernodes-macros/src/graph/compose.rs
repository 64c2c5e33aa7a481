//! Composition of one listed entry: `entry as name { inner: outer } -> { inner: outer, .. }`.
//!
//! The user's list entry is parsed here (`ListEntry`); what follows its path (`Compose`)
//! travels to the last hop inside the header, so that the callback chain keeps passing
//! plain paths. There, [`apply`] turns an entry's own signature into the view the outer
//! graph wires: its `as` name, inputs and outputs under outer names, bound inputs and
//! dropped outputs marked.

use crate::errors::Errors;
use crate::signature::{normalize, Signature};
use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{braced, Attribute, Expr, Ident, Lit, Path, Token};

mod kw {
    syn::custom_keyword!(each);
}

/// How an input of the entry is fed, as written in its input block.
#[derive(Clone)]
pub(crate) enum Feed {
    /// `inner: outer`: by the outer value `outer`.
    Outer(Ident),
    /// `inner: each(outer)`: by each item of the outer list `outer`.
    Each(Ident),
    /// `inner: 512` or `inner: { expr }`: by this value, once per run.
    Bound(Expr),
}

/// One `inner: feed` of an input block.
#[derive(Clone)]
pub(crate) struct InputRename {
    pub inner: Ident,
    pub feed: Feed,
}

/// What the list says about an entry beyond its path.
#[derive(Clone, Default)]
pub(crate) struct Compose {
    /// `#[map(..)]` attributes, as written.
    pub map: Vec<Attribute>,
    /// `as name`.
    pub rename: Option<Ident>,
    /// `{ inner: feed, .. }`.
    pub inputs: Vec<InputRename>,
    /// `-> { inner: outer, .. }`.
    pub outputs: Vec<(Ident, Ident)>,
    /// The `..` ending the output block: unlisted outputs are dropped.
    pub drop_rest: Option<Token![..]>,
}

/// One entry of the user's list: its path and composition.
pub(crate) struct ListEntry {
    pub path: Path,
    pub compose: Compose,
}

impl Parse for ListEntry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let map = input.call(Attribute::parse_outer)?;
        let path: Path = input.parse()?;
        let mut compose: Compose = input.parse()?;
        compose.map = map;
        Ok(ListEntry { path, compose })
    }
}

impl Parse for Compose {
    /// What follows the path: `as name`, an input block, an output block, each optional.
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let map = input.call(Attribute::parse_outer)?;
        let rename = if input.peek(Token![as]) {
            input.parse::<Token![as]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        let mut inputs = Vec::new();
        if input.peek(syn::token::Brace) {
            let block;
            braced!(block in input);
            while !block.is_empty() {
                if block.peek(Token![..]) {
                    return Err(block.error(
                        "an input block takes no `..`: inputs not listed keep their own names",
                    ));
                }
                let inner: Ident = block.parse()?;
                block.parse::<Token![:]>()?;
                let feed = if block.peek(kw::each) && block.peek2(syn::token::Paren) {
                    block.parse::<kw::each>()?;
                    let list;
                    syn::parenthesized!(list in block);
                    Feed::Each(list.parse()?)
                } else if block.peek(Ident) && (block.peek2(Token![,]) || peek_end(&block)) {
                    Feed::Outer(block.parse()?)
                } else {
                    Feed::Bound(block.parse()?)
                };
                inputs.push(InputRename { inner, feed });
                if !block.is_empty() {
                    block.parse::<Token![,]>()?;
                }
            }
        }
        let mut outputs = Vec::new();
        let mut drop_rest = None;
        if output_block_follows(input) {
            input.parse::<Token![->]>()?;
            let block;
            braced!(block in input);
            while !block.is_empty() {
                if block.peek(Token![..]) {
                    drop_rest = Some(block.parse()?);
                    if !block.is_empty() {
                        return Err(block.error("`..` ends the output block"));
                    }
                    break;
                }
                let inner: Ident = block.parse()?;
                block.parse::<Token![:]>()?;
                let outer: Ident = block.parse()?;
                outputs.push((inner, outer));
                if !block.is_empty() {
                    block.parse::<Token![,]>()?;
                }
            }
        }
        Ok(Compose {
            map,
            rename,
            inputs,
            outputs,
            drop_rest,
        })
    }
}

/// `-> {`: an output block (the graph's own `-> [..]` comes after the list).
fn output_block_follows(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.parse::<Token![->]>().is_ok() && fork.peek(syn::token::Brace)
}

/// Whether `input` holds nothing more (the last item of a block).
fn peek_end(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.parse::<Ident>().is_ok() && fork.is_empty()
}

impl ToTokens for Compose {
    /// The same syntax the user wrote, without the path, so that one parser reads both.
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let map = &self.map;
        tokens.extend(quote!(#(#map)*));
        if let Some(rename) = &self.rename {
            tokens.extend(quote!(as #rename));
        }
        if !self.inputs.is_empty() {
            let inputs = self.inputs.iter().map(|input| {
                let inner = &input.inner;
                match &input.feed {
                    Feed::Outer(outer) => quote!(#inner: #outer),
                    Feed::Each(outer) => quote!(#inner: each(#outer)),
                    Feed::Bound(expr) => quote!(#inner: #expr),
                }
            });
            tokens.extend(quote!({ #(#inputs),* }));
        }
        if !self.outputs.is_empty() || self.drop_rest.is_some() {
            let outputs = self
                .outputs
                .iter()
                .map(|(inner, outer)| quote!(#inner: #outer));
            let rest = &self.drop_rest;
            tokens.extend(quote!(-> { #(#outputs,)* #rest }));
        }
    }
}

/// A list of compositions, one per entry, in the header: `{ [..] [..] }`.
pub(crate) fn parse_all(input: ParseStream) -> syn::Result<Vec<Compose>> {
    let list;
    braced!(list in input);
    let mut all = Vec::new();
    while !list.is_empty() {
        let one;
        syn::bracketed!(one in list);
        all.push(one.parse()?);
    }
    Ok(all)
}

/// An input of the entry fed by a value written in the list rather than by the graph.
pub(crate) struct Bound {
    pub expr: Expr,
    /// A string literal: converted with `From`, so that it also binds a `String` input.
    pub is_str: bool,
}

/// The entry as the outer graph sees it.
pub(crate) struct Applied {
    /// The entry's signature under outer names; a bound input keeps its inner name.
    pub signature: Signature,
    /// Per input: the value that binds it, if any.
    pub bound: Vec<Option<Bound>>,
    /// Per output: `false` when `..` drops it.
    pub exported: Vec<bool>,
    /// Where each renamed value was written (outer name → span), for errors.
    pub spans: Vec<(String, Span)>,
    /// Per input: whether the entry maps over it (`each(..)`).
    pub mapped: Vec<bool>,
    /// The mapped inputs in the order the block lists them (the first is outermost in a
    /// product).
    pub mapped_order: Vec<usize>,
    /// `#[map(product)]`: the cartesian product of the mapped inputs, not their zip.
    pub product: bool,
}

/// The entry's outer view; unknown inner names are reported to `errors`.
pub(crate) fn apply(inner: &Signature, compose: &Compose, errors: &mut Errors) -> Applied {
    let mut signature = inner.clone();
    let mut bound: Vec<Option<Bound>> = inner.inputs.iter().map(|_| None).collect();
    let mut spans = Vec::new();
    if let Some(rename) = &compose.rename {
        signature.name = normalize(rename);
    }
    let product = map_mode(compose, errors);
    let mut mapped = vec![false; inner.inputs.len()];
    let mut mapped_order = Vec::new();
    let input_names: Vec<String> = inner.inputs.iter().map(|i| i.name.to_string()).collect();
    let mut seen: Vec<String> = Vec::new();
    for rename in &compose.inputs {
        let key = rename.inner.to_string();
        if seen.contains(&key) {
            errors.at(&rename.inner, format!("input `{key}` is listed twice"));
            continue;
        }
        seen.push(key.clone());
        let Some(index) = input_names.iter().position(|n| *n == key) else {
            errors.at(
                &rename.inner,
                unknown("input", &key, &inner.name, &input_names),
            );
            continue;
        };
        match &rename.feed {
            Feed::Outer(outer) => {
                signature.inputs[index].name = normalize(outer);
                spans.push((outer.to_string(), outer.span()));
            }
            Feed::Each(outer) => {
                signature.inputs[index].name = normalize(outer);
                spans.push((outer.to_string(), outer.span()));
                mapped[index] = true;
                mapped_order.push(index);
            }
            Feed::Bound(expr) => {
                let is_str = matches!(expr, Expr::Lit(lit) if matches!(lit.lit, Lit::Str(_)));
                bound[index] = Some(Bound {
                    expr: expr.clone(),
                    is_str,
                });
            }
        }
    }
    let output_names: Vec<String> = inner.outputs.iter().map(|o| o.to_string()).collect();
    let mut exported = vec![compose.drop_rest.is_none(); inner.outputs.len()];
    let mut seen: Vec<String> = Vec::new();
    for (inner_name, outer) in &compose.outputs {
        let key = inner_name.to_string();
        if seen.contains(&key) {
            errors.at(inner_name, format!("output `{key}` is listed twice"));
            continue;
        }
        seen.push(key.clone());
        let Some(index) = output_names.iter().position(|n| *n == key) else {
            errors.at(
                inner_name,
                unknown("output", &key, &inner.name, &output_names),
            );
            continue;
        };
        signature.outputs[index] = normalize(outer);
        exported[index] = true;
        spans.push((outer.to_string(), outer.span()));
    }
    if !mapped.contains(&true) {
        if let Some(attr) = compose.map.first() {
            errors.at(
                attr,
                "`#[map(..)]` sets how an entry maps over lists, but no input of this entry is mapped: mark one with `each(..)`, as in `{ text: each(documents) }`",
            );
        }
    }
    Applied {
        signature,
        bound,
        exported,
        spans,
        mapped,
        mapped_order,
        product,
    }
}

/// `#[map(product)]` is `true`, `#[map(zip)]` or none `false`; anything else is reported.
fn map_mode(compose: &Compose, errors: &mut Errors) -> bool {
    let mut product = false;
    for attr in &compose.map {
        if !attr.path().is_ident("map") {
            errors.at(
                attr,
                "the only attribute of a list entry is `#[map(zip)]` or `#[map(product)]`",
            );
            continue;
        }
        match attr.parse_args::<Ident>() {
            Ok(mode) if mode == "product" => product = true,
            Ok(mode) if mode == "zip" => product = false,
            Ok(mode) => errors.at(
                &mode,
                format!("unknown map mode `{mode}`: write `#[map(zip)]` (the default: items in lockstep) or `#[map(product)]` (every combination)"),
            ),
            Err(_) => errors.at(attr, "write `#[map(zip)]` or `#[map(product)]`"),
        }
    }
    product
}

/// "`entry` has no input `x`; did you mean `y`?"
fn unknown(what: &str, name: &str, entry: &Ident, known: &[String]) -> String {
    let mut message = format!("`{entry}` has no {what} `{name}`");
    let close = known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match close {
        Some((_, suggestion)) => message.push_str(&format!("; did you mean `{suggestion}`?")),
        None if known.is_empty() => message.push_str(&format!("; it has no {what}s")),
        None => message.push_str(&format!(
            "; its {what}s are: {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    message
}

/// The user's entries as their paths (for the callback chain) and their compositions
/// (for the header), in list order.
pub(crate) fn split(entries: Punctuated<ListEntry, Token![,]>) -> (Vec<Path>, Vec<Compose>) {
    entries
        .into_iter()
        .map(|entry| (entry.path, entry.compose))
        .unzip()
}
