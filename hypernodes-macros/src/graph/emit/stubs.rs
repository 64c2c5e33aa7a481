//! The fallback beside wiring errors: the graph's types are still emitted (from the
//! best-effort plan), so that uses of the graph add no errors of their own, but the
//! schedules are stubs that are never run.

use super::Emit;
use proc_macro2::TokenStream;
use quote::quote;

/// The body of `__run` and of `__run_async`'s future.
pub(crate) fn body(emit: &Emit<'_>) -> TokenStream {
    let (exec, inputs) = (emit.locals.fresh("exec"), emit.locals.fresh("inputs"));
    quote! {
        let _ = (#exec, #inputs);
        ::core::unreachable!("the graph has wiring errors")
    }
}
