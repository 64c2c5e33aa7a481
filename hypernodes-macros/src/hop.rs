//! The callback-macro chain that carries signatures from nodes to `graph!`.
//!
//! `graph!(pub struct G = [a, b::c])` expands to
//! `a! { [header] [] [a] [b::c] }`. Each callback appends `{ [its path] its signature }` to the
//! second bracket and calls the next path with the rest; the last one calls
//! `::hypernodes::__private::graph_impl!`, which sees every signature at once. That is one
//! level of macro recursion per entry.

use crate::signature::Signature;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::{Path, Visibility};

/// A `#[macro_export]`ed callback named `macro_name`, re-exported as `alias` with the
/// item's visibility, so that the item's own path (`stages::double`) names it. Without
/// `alias` (see [`in_module`]), the caller re-exports it from its hidden module.
pub(crate) fn callback_macro(
    macro_name: &Ident,
    vis: &Visibility,
    alias: Option<&Ident>,
    signature: &Signature,
) -> TokenStream {
    let alias = alias.map(|alias| {
        quote! {
            #[doc(hidden)]
            #[allow(unused_imports)]
            #vis use #macro_name as #alias;
        }
    });
    quote! {
        #[doc(hidden)]
        #[macro_export]
        #[allow(non_local_definitions)]
        macro_rules! #macro_name {
            ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*]) => {
                ::hypernodes::__private::graph_impl! {
                    [$($header)*] [$($done)* { [$($me)*] #signature }]
                }
            };
            ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*] [$($next:tt)*] $($rest:tt)*) => {
                $($next)*! {
                    [$($header)*] [$($done)* { [$($me)*] #signature }] [$($next)*] $($rest)*
                }
            };
        }
        #alias
    }
}

/// Whether an item named `name` keeps its callback in its hidden module (as
/// `name::__hn_callback`) instead of under its own name: a macro named `format`, `vec` or
/// `write` in a module would make every use of the standard macro there ambiguous.
pub(crate) fn in_module(name: &Ident) -> bool {
    let name = syn::ext::IdentExt::unraw(name).to_string();
    STD_MACROS.contains(&name.as_str())
}

/// The path the chain calls for a listed item: the item's own path, or its hidden
/// module's callback (see [`in_module`]).
pub(crate) fn callback_path(path: &Path) -> Path {
    let mut path = path.clone();
    if path
        .segments
        .last()
        .is_some_and(|last| in_module(&last.ident))
    {
        path.segments
            .push(crate::naming::in_node::callback().into());
    }
    path
}

/// The listed item's own path, from the path the chain called (the inverse of
/// [`callback_path`]).
pub(crate) fn item_path(mut path: Path) -> Path {
    if path
        .segments
        .last()
        .is_some_and(|last| last.ident == crate::naming::in_node::callback())
    {
        path.segments.pop();
        path.segments.pop_punct();
    }
    path
}

/// The macros of the standard prelude, which an item's alias must not shadow.
const STD_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "cfg",
    "column",
    "compile_error",
    "concat",
    "dbg",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "env",
    "eprint",
    "eprintln",
    "file",
    "format",
    "format_args",
    "include",
    "include_bytes",
    "include_str",
    "line",
    "matches",
    "module_path",
    "option_env",
    "panic",
    "print",
    "println",
    "stringify",
    "thread_local",
    "todo",
    "unimplemented",
    "unreachable",
    "vec",
    "write",
    "writeln",
];
