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
    /// `output_name = (..)`: a tuple, even of one element.
    pub tuple: bool,
}

const EXPECTED: &str = "expected `output_name = \"name\"` or `output_name = (\"a\", \"b\")`";

pub(crate) fn parse(args: TokenStream, errors: &mut Errors) -> Option<NodeArgs> {
    let metas = match Punctuated::<Meta, Token![,]>::parse_terminated.parse2(args.clone()) {
        Ok(metas) => metas,
        Err(error) => {
            errors.push(syn::Error::new(error.span(), format!("{error}; {EXPECTED}")));
            return None;
        }
    };
    let mut found = None;
    for meta in &metas {
        let Some(key) = meta.path().get_ident() else {
            errors.at(meta.path(), format!("unknown argument; {EXPECTED}"));
            continue;
        };
        if key != "output_name" {
            errors.at(
                key,
                format!("unknown argument `{key}`; the only argument is `output_name`"),
            );
            continue;
        }
        if found.is_some() {
            errors.at(key, "`output_name` is given twice");
            continue;
        }
        match meta {
            Meta::NameValue(nv) => found = output_names(&nv.value, errors),
            _ => errors.at(meta, EXPECTED),
        }
    }
    match found {
        Some((outputs, tuple)) => Some(NodeArgs {
            outputs,
            tuple,
        }),
        None if errors.is_empty() => {
            let span = if args.is_empty() {
                Span::call_site()
            } else {
                syn::spanned::Spanned::span(&args)
            };
            errors.at_span(
                span,
                format!("missing `output_name`: a node must name its output, as in `#[node(output_name = \"doubled\")]`"),
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
                    errors.at(name, format!("output `{ident}` is named twice"));
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
        other => {
            errors.at(other, EXPECTED);
            None
        }
    }
}

/// An output name becomes a struct field and is matched against parameter names, so it
/// must be a plain identifier.
fn output_ident(name: &LitStr, errors: &mut Errors) -> Option<Ident> {
    let text = name.value();
    match syn::parse_str::<Ident>(&text) {
        Ok(_) if !text.starts_with("r#") && !text.starts_with("__hn_") => {
            Some(Ident::new(&text, name.span()))
        }
        _ => {
            errors.at(
                name,
                format!("output name `{text}` is not a valid Rust identifier (it becomes a field of the graph's outputs)"),
            );
            None
        }
    }
}
