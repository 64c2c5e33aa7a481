//! The signature a node or graph forwards to `graph!` through its callback macro.
//!
//! `#[node]` and `graph!` write it; the last hop of `graph!` reads it back. Keeping both
//! directions in one module keeps the format in one place. Types never travel this way as
//! code: they are resolved by rustc through the node's aliases. Only their text does
//! ([`TypeText`]), for the generated docs.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::parse::{Parse, ParseStream};
use syn::{braced, bracketed, Ident, LitBool, Token};

/// Whether the entry is a function node or a whole graph used as a node.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Node,
    Graph,
}

#[derive(Clone)]
pub(crate) struct Input {
    pub name: Ident,
    /// The parameter is `&T`: the value is lent, not moved or cloned.
    pub by_ref: bool,
    /// Where the parameter is written (its name arrives normalized, without it): where
    /// rustc reports what the graph's inputs struct needs of its type.
    pub span: Span,
}

#[derive(Clone)]
pub(crate) struct Signature {
    pub kind: EntryKind,
    pub name: Ident,
    pub is_async: bool,
    pub fallible: bool,
    /// The node opted into caching.
    pub cache: bool,
    /// A plain node marked `blocking`: `AsyncRunner` runs it on a thread pool.
    pub blocking: bool,
    pub inputs: Vec<Input>,
    pub outputs: Vec<Ident>,
    /// Where each output is named, as `Input::span`.
    pub output_spans: Vec<Span>,
    /// For a node whose return type is taken whole as its output though it may be a
    /// `Result` alias (`Fallible<T>`): that type as written.
    pub whole: Option<String>,
    /// For a node, the position among its parameters of its `Chunks` parameter; for a
    /// graph, `Some(0)` when a node it runs streams.
    pub streams: Option<usize>,
    /// As `streams`, for an `Interrupt` parameter.
    pub asks: Option<usize>,
    /// For a node, the position of its `Stop` parameter (`None` for a graph: the runner
    /// reaches its nodes itself).
    pub stops: Option<usize>,
    /// The types as the user wrote them, for docs.
    pub types: TypeText,
}

/// The types of an entry's ports as written (`Vec<String>`, `&str`), read only by the
/// generated docs. One string literal on the wire, so that a big graph's callback chain,
/// which carries every signature through every hop, grows by one token per entry.
#[derive(Clone, Default)]
pub(crate) struct TypeText {
    /// Per input, as the parameter is written (`&str` for a borrowed one).
    pub inputs: Vec<String>,
    /// Per output.
    pub outputs: Vec<String>,
    /// A node's `Chunks` item type, `Interrupt` question and answer types.
    pub chunk: Option<String>,
    pub question: Option<String>,
    pub answer: Option<String>,
}

impl TypeText {
    /// One line per part, list items separated by tabs (neither occurs in a type's text).
    fn encode(&self) -> String {
        let optional = |text: &Option<String>| text.clone().unwrap_or_default();
        [
            self.inputs.join("\t"),
            self.outputs.join("\t"),
            optional(&self.chunk),
            optional(&self.question),
            optional(&self.answer),
        ]
        .join("\n")
    }

    fn decode(text: &str) -> Self {
        let mut lines = text.split('\n');
        let mut list = || -> Vec<String> {
            match lines.next() {
                Some("") | None => Vec::new(),
                Some(line) => line.split('\t').map(str::to_owned).collect(),
            }
        };
        let (inputs, outputs) = (list(), list());
        let mut optional = || {
            lines
                .next()
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
        };
        let (chunk, question, answer) = (optional(), optional(), optional());
        TypeText {
            inputs,
            outputs,
            chunk,
            question,
            answer,
        }
    }
}

impl ToTokens for Signature {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let kind = match self.kind {
            EntryKind::Node => quote!(node),
            EntryKind::Graph => quote!(graph),
        };
        let name = &self.name;
        let is_async = self.is_async;
        let fallible = self.fallible;
        let cache = self.cache;
        let blocking = self.blocking;
        let inputs = self.inputs.iter().map(|input| {
            let name = &input.name;
            if input.by_ref {
                quote!(#name: ref)
            } else {
                quote!(#name: value)
            }
        });
        let outputs = &self.outputs;
        let streams = self.streams.iter();
        let asks = self.asks.iter();
        // `@3` only when there is one, so that most signatures read as before.
        let stops = self.stops.iter();
        // Only when there is one, so that most signatures read as before.
        let whole = self.whole.as_ref().map(|whole| quote!([#whole]));
        let types = self.types.encode();
        tokens.extend(quote! {
            #kind #name { #is_async #fallible #cache #blocking [#(#inputs),*] [#(#outputs),*] [#(#streams)*] [#(#asks)*] #(@ #stops)* #whole #types }
        });
    }
}

mod kw {
    syn::custom_keyword!(node);
    syn::custom_keyword!(graph);
    syn::custom_keyword!(value);
}

impl Parse for Signature {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let kind = if input.peek(kw::node) {
            input.parse::<kw::node>()?;
            EntryKind::Node
        } else {
            input.parse::<kw::graph>()?;
            EntryKind::Graph
        };
        let name = normalize(&input.parse::<Ident>()?);
        let body;
        braced!(body in input);
        let is_async = body.parse::<LitBool>()?.value;
        let fallible = body.parse::<LitBool>()?.value;
        let cache = body.parse::<LitBool>()?.value;
        let blocking = body.parse::<LitBool>()?.value;
        let list;
        bracketed!(list in body);
        let mut inputs = Vec::new();
        while !list.is_empty() {
            let written = list.parse::<Ident>()?;
            let (name, span) = (normalize(&written), written.span());
            list.parse::<Token![:]>()?;
            let by_ref = if list.peek(Token![ref]) {
                list.parse::<Token![ref]>()?;
                true
            } else {
                list.parse::<kw::value>()?;
                false
            };
            inputs.push(Input { name, by_ref, span });
            if !list.is_empty() {
                list.parse::<Token![,]>()?;
            }
        }
        let list;
        bracketed!(list in body);
        let written = list.parse_terminated(Ident::parse, Token![,])?;
        let outputs = written.iter().map(normalize).collect();
        let output_spans = written.iter().map(Ident::span).collect();
        let streams = optional_index(&body)?;
        let asks = optional_index(&body)?;
        let stops = if body.peek(Token![@]) {
            body.parse::<Token![@]>()?;
            Some(body.parse::<syn::LitInt>()?.base10_parse()?)
        } else {
            None
        };
        let whole = if body.peek(syn::token::Bracket) {
            let list;
            bracketed!(list in body);
            Some(list.parse::<syn::LitStr>()?.value())
        } else {
            None
        };
        // Absent in hand-written signatures (expansion tests): docs then say `_`.
        let types = match body.is_empty() {
            true => TypeText::default(),
            false => TypeText::decode(&body.parse::<syn::LitStr>()?.value()),
        };
        Ok(Signature {
            kind,
            name,
            is_async,
            fallible,
            cache,
            blocking,
            inputs,
            outputs,
            output_spans,
            whole,
            streams,
            asks,
            stops,
            types,
        })
    }
}

/// `[]` or `[3]`.
fn optional_index(input: ParseStream) -> syn::Result<Option<usize>> {
    let list;
    bracketed!(list in input);
    if list.is_empty() {
        return Ok(None);
    }
    Ok(Some(list.parse::<syn::LitInt>()?.base10_parse()?))
}

/// Names arrive through `macro_rules!` hops, each with its own hygiene; the graph code
/// binds and reads them as one set of locals and fields, so they are rebuilt at one site.
pub(crate) fn normalize(ident: &Ident) -> Ident {
    crate::naming::ident_at(&ident.to_string(), Span::call_site())
}
