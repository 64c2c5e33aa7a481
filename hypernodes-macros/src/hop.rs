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
use syn::Visibility;

/// A `#[macro_export]`ed callback named `macro_name`, re-exported as `alias` with the
/// item's visibility, so that the item's own path (`stages::double`) names it.
pub(crate) fn callback_macro(
    macro_name: &Ident,
    vis: &Visibility,
    alias: &Ident,
    signature: &Signature,
) -> TokenStream {
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
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #macro_name as #alias;
    }
}
