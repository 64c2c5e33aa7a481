//! Small token utilities shared by both macros.

use proc_macro2::{Group, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// A type as written, compact, for metadata and messages: `Vec<String>`, `&str`.
pub(crate) fn type_string(ty: &impl ToTokens) -> String {
    let raw = ty.to_token_stream().to_string();
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if (word(before) && word(after)) || before == Some(',') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A parameter or output type made usable as an associated type outside the function:
/// every lifetime, named or elided, becomes `'static`.
pub(crate) fn static_lifetimes(ty: &impl ToTokens) -> TokenStream {
    rewrite(ty.to_token_stream())
}

fn rewrite(tokens: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(tt) = iter.next() {
        match tt {
            TokenTree::Punct(p) if p.as_char() == '\'' => {
                // A lifetime: `'` followed by its name.
                iter.next();
                out.extend(static_lifetime(p.span()));
            }
            TokenTree::Punct(p) if p.as_char() == '&' => {
                let named =
                    matches!(iter.peek(), Some(TokenTree::Punct(next)) if next.as_char() == '\'');
                out.extend(Some(TokenTree::Punct(p.clone())));
                if !named {
                    out.extend(static_lifetime(p.span()));
                }
            }
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), rewrite(g.stream()));
                group.set_span(g.span());
                out.extend(Some(TokenTree::Group(group)));
            }
            other => out.extend(Some(other)),
        }
    }
    out
}

fn static_lifetime(span: Span) -> TokenStream {
    let mut apostrophe = Punct::new('\'', Spacing::Joint);
    apostrophe.set_span(span);
    let mut tokens = TokenStream::new();
    tokens.extend([
        TokenTree::Punct(apostrophe),
        TokenTree::Ident(proc_macro2::Ident::new("static", span)),
    ]);
    tokens
}

/// Whether `ident` occurs anywhere in the tokens, groups included.
pub(crate) fn contains_ident(tokens: &impl ToTokens, ident: &str) -> bool {
    fn walk(tokens: TokenStream, ident: &str) -> bool {
        tokens.into_iter().any(|tt| match tt {
            TokenTree::Ident(i) => i == ident,
            TokenTree::Group(g) => walk(g.stream(), ident),
            _ => false,
        })
    }
    walk(tokens.to_token_stream(), ident)
}

/// The same tokens, all pointing at `span`: a generated expression that may fail to
/// type-check is reported at the user's tokens instead of the whole macro invocation.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                TokenTree::Group(group)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

/// `tokens` with every token spanned at the macro's call site moved to `at`'s location,
/// keeping the call site's hygiene. The last hop of `graph!` is called from a node's
/// callback macro, so its call site is that node's `#[node]`; what the graph generates
/// belongs to the graph's name instead.
pub(crate) fn relocate_call_site(tokens: TokenStream, at: Span) -> TokenStream {
    let call_site = Span::call_site();
    // Spans have no equality; their debug form (`#id bytes(start..end)`) tells them apart.
    let key = format!("{call_site:?}");
    let to = call_site.located_at(at);
    relocate(tokens, &key, to)
}

fn relocate(tokens: TokenStream, key: &str, to: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), relocate(g.stream(), key, to));
                group.set_span(if format!("{:?}", g.span()) == key {
                    to
                } else {
                    g.span()
                });
                TokenTree::Group(group)
            }
            mut other => {
                if format!("{:?}", other.span()) == key {
                    other.set_span(to);
                }
                other
            }
        })
        .collect()
}
