//! Parses the arguments of `#[node(...)]`.

use crate::errors::Errors;
use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, ExprTuple, Ident, Lit, LitStr, Meta, Token};

/// What `#[node(...)]` says.
pub(crate) struct NodeArgs {
    /// The output names; more than one means the function returns a tuple.
    pub outputs: Vec<Ident>,
    /// `output_name = (..)`: a tuple of two or more.
    pub tuple: bool,
    /// `cache`: outputs are stored in the runner's cache, keyed by the inputs.
    pub cache: bool,
    /// Where `cache` is written, for errors whose fix is to remove it.
    pub cache_span: Option<Span>,
    /// `blocking`: a plain function doing CPU work or blocking I/O, which `AsyncRunner`
    /// runs on a thread pool.
    pub blocking: bool,
    /// Where `blocking` is written, for errors whose fix is to remove it.
    pub blocking_span: Option<Span>,
    /// `fallible`: the return type is a `Result` under another name (`Fallible<T>`), whose
    /// first argument is the output.
    pub fallible: bool,
    /// `version = "..."`: part of the cache key, changed by hand when code the node calls
    /// (and so its tokens do not show) changes.
    pub version: Option<LitStr>,
}

const EXPECTED: &str = "expected `output_name = \"name\"` or `output_name = (\"a\", \"b\")`";

pub(crate) fn parse(args: TokenStream, errors: &mut Errors) -> Option<NodeArgs> {
    let metas = match Punctuated::<Meta, Token![,]>::parse_terminated.parse2(args.clone()) {
        Ok(metas) => metas,
        Err(error) => {
            errors.push(syn::Error::new(
                error.span(),
                format!("{error}; {EXPECTED}"),
            ));
            return None;
        }
    };
    let mut found = None;
    let mut cache = false;
    let mut cache_span = None;
    let mut version: Option<LitStr> = None;
    let mut blocking = None;
    let mut fallible = false;
    for meta in &metas {
        let Some(key) = meta.path().get_ident() else {
            errors.at(meta.path(), format!("unknown argument; {EXPECTED}"));
            continue;
        };
        if key == "cache" {
            match meta {
                Meta::Path(_) if !cache => {
                    cache = true;
                    cache_span = Some(key.span());
                }
                Meta::Path(_) => errors.at(key, "`cache` is given twice"),
                _ => errors.at(
                    meta,
                    "`cache` takes no value: write `#[node(output_name = \"x\", cache)]`",
                ),
            }
            continue;
        }
        if key == "blocking" {
            match meta {
                Meta::Path(_) if blocking.is_none() => blocking = Some(key.span()),
                Meta::Path(_) => errors.at(key, "`blocking` is given twice"),
                _ => errors.at(
                    meta,
                    "`blocking` takes no value: write `#[node(output_name = \"x\", blocking)]`",
                ),
            }
            continue;
        }
        if key == "fallible" {
            match meta {
                Meta::Path(_) if !fallible => fallible = true,
                Meta::Path(_) => errors.at(key, "`fallible` is given twice"),
                _ => errors.at(
                    meta,
                    "`fallible` takes no value: write `#[node(output_name = \"x\", fallible)]`",
                ),
            }
            continue;
        }
        if key == "version" {
            match meta {
                Meta::NameValue(syn::MetaNameValue {
                    value:
                        Expr::Lit(ExprLit {
                            lit: Lit::Str(text),
                            ..
                        }),
                    ..
                }) if version.is_none() => version = Some(text.clone()),
                Meta::NameValue(_) if version.is_some() => {
                    errors.at(key, "`version` is given twice")
                }
                _ => errors.at(meta, "`version` takes a string, as in `version = \"2\"`"),
            }
            continue;
        }
        if key != "output_name" {
            errors.at(
                key,
                format!("unknown argument `{key}`; #[node] takes `output_name`, `cache`, `blocking`, `fallible` and `version`, as in `#[node(output_name = \"doubled\", cache)]`"),
            );
            continue;
        }
        if found.is_some() {
            errors.at(
                key,
                "`output_name` is given twice; to name several outputs, give one tuple: `output_name = (\"a\", \"b\")`",
            );
            continue;
        }
        match meta {
            Meta::NameValue(nv) => found = output_names(&nv.value, errors),
            _ => errors.at(meta, EXPECTED),
        }
    }
    if let (Some(version), false) = (&version, cache) {
        errors.at(
            version,
            "`version` only matters for cached nodes: add `cache`, or remove `version`",
        );
    }
    match found {
        Some((outputs, tuple)) => Some(NodeArgs {
            outputs,
            tuple,
            cache,
            cache_span,
            blocking: blocking.is_some(),
            blocking_span: blocking,
            fallible,
            version,
        }),
        None if errors.is_empty() => {
            let span = if args.is_empty() {
                Span::call_site()
            } else {
                syn::spanned::Spanned::span(&args)
            };
            errors.at_span(
                span,
                "missing `output_name`: a node names its output, which is how other nodes and the graph's outputs find it, as in `#[node(output_name = \"doubled\")]`",
            );
            None
        }
        None => None,
    }
}

fn output_names(value: &Expr, errors: &mut Errors) -> Option<(Vec<Ident>, bool)> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(name),
            ..
        }) => Some((vec![output_ident(name, errors)?], false)),
        Expr::Tuple(ExprTuple { elems, .. }) if elems.len() == 1 => {
            errors.at(
                value,
                "a single output is named without a tuple: `output_name = \"name\"`",
            );
            None
        }
        Expr::Tuple(ExprTuple { elems, .. }) if !elems.is_empty() => {
            let mut names: Vec<Ident> = Vec::new();
            for elem in elems {
                let Expr::Lit(ExprLit {
                    lit: Lit::Str(name),
                    ..
                }) = elem
                else {
                    errors.at(elem, "expected a string literal naming an output");
                    return None;
                };
                let ident = output_ident(name, errors)?;
                if names.contains(&ident) {
                    errors.at(name, format!("output `{ident}` is named twice in `output_name`; each output needs a name of its own"));
                    return None;
                }
                names.push(ident);
            }
            Some((names, true))
        }
        Expr::Paren(paren) => {
            // `("a")` is just a parenthesised string; a one-element tuple is `("a",)`.
            output_names(&paren.expr, errors)
        }
        Expr::Tuple(empty) => {
            errors.at(empty, "`output_name = ()` names no output; a node has at least one, as in `output_name = \"doubled\"`");
            None
        }
        Expr::Lit(ExprLit { lit, .. }) => {
            errors.at(
                lit,
                format!(
                    "`output_name` must be a string, as in `output_name = \"doubled\"`; found `{}`",
                    quote::ToTokens::to_token_stream(lit)
                ),
            );
            None
        }
        other => {
            errors.at(other, EXPECTED);
            None
        }
    }
}

/// An output name becomes a struct field and is matched against parameter names, so it
/// must be an identifier; a keyword (`"type"`, `"final"`) becomes a raw one (`r#type`).
fn output_ident(name: &LitStr, errors: &mut Errors) -> Option<Ident> {
    let text = name.value();
    // Any identifier or keyword but those with no raw form (`self`, `crate`, `_`, ...).
    let usable = syn::parse_str::<Ident>(&text).is_ok()
        || syn::parse_str::<Ident>(&format!("r#{text}")).is_ok();
    if usable && !text.starts_with("r#") && !text.starts_with("__hn_") {
        return Some(crate::naming::ident_at(&text, name.span()));
    }
    errors.at(
        name,
        format!("output name `{text}` is not a valid Rust identifier (it becomes a field of the graph's outputs)"),
    );
    None
}
