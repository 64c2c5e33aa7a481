//! Emits the edge checks: per wired parameter, a trait that holds exactly when the value's
//! type fits the parameter, with a `diagnostic::on_unimplemented` message naming both
//! ends, so that a type mismatch reads as a wiring error at the user's tokens.

use super::types::{param_type, source_type};
use super::Emit;
use crate::graph::analysis::Edge;
use crate::graph::wiring::Source;
use crate::tokens::respan;
use proc_macro2::TokenStream;
use quote::quote;

/// Every edge trait of the graph (shared by both schedules, so a mismatch is reported once).
pub(crate) fn edge_traits(emit: &Emit<'_>) -> TokenStream {
    let traits = emit
        .analysis
        .edges
        .iter()
        .map(|edge| edge_trait(emit, edge));
    quote!(#(#traits)*)
}

/// How a schedule passes `value` through `edge`: `<Source as Trait<Param>>::__hn_feed(value)`.
pub(crate) fn feed(emit: &Emit<'_>, edge: &Edge, value: TokenStream) -> TokenStream {
    let source_ty = source_type(emit.entries, emit.plan, edge.source);
    let param_ty = param_type(&emit.entries[edge.entry], edge.param);
    let trait_name = &edge.trait_name;
    let check = respan(
        quote!(<#source_ty as #trait_name<#param_ty>>::__hn_feed),
        edge.span,
    );
    quote!(#check(#value))
}

/// A trait that holds exactly when a value's type fits the parameter it feeds, whose
/// `on_unimplemented` message names both ends of the edge.
fn edge_trait(emit: &Emit<'_>, edge: &Edge) -> TokenStream {
    let Edge {
        trait_name,
        source,
        span,
        ..
    } = edge;
    let (entries, plan) = (emit.entries, emit.plan);
    let consumer = &entries[edge.entry];
    let input = &consumer.signature.inputs[edge.param];
    let consumer_name = &consumer.signature.name;
    let value = &input.name;
    let origin = match *source {
        Source::Input(index) => {
            let (entry, _) = plan.inputs[index].typed_by;
            format!(
                "graph input `{value}` has type `{{Self}}` (the type node `{}` takes)",
                entries[entry].signature.name
            )
        }
        Source::Node { entry, .. } => {
            format!(
                "node `{}` produces `{value}: {{Self}}`",
                entries[entry].signature.name
            )
        }
    };
    // A producer returning `Fallible<T>` (a `Result` alias under another name) gives the
    // whole `Result`: say so, and how to declare it.
    let whole = match *source {
        Source::Node { entry, .. } => entries[entry]
            .inner
            .whole
            .as_ref()
            .map(|whole| (&entries[entry].inner, whole)),
        Source::Input(_) => None,
    };
    let origin = match whole {
        Some((producer, whole)) => format!(
            "{origin}: `{}` returns `{whole}`, which does not end in `Result`, so it is taken whole as the output",
            producer.name
        ),
        None => origin,
    };
    let (wanted, note) = if input.by_ref {
        (
            format!("node `{consumer_name}` takes `{value}: &{{T}}`, but {origin}"),
            "a `&T` parameter accepts any value that borrows as `T`, such as `String` for `&str` or `Vec<T>` for `&[T]`",
        )
    } else {
        (
            format!("node `{consumer_name}` takes `{value}: {{T}}`, but {origin}"),
            "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them",
        )
    };
    let alias_note = whole.map(|(producer, whole)| {
        let outputs: Vec<String> = producer.outputs.iter().map(|o| format!("\"{o}\"")).collect();
        let names = match outputs.as_slice() {
            [one] => one.clone(),
            many => format!("({})", many.join(", ")),
        };
        format!("if `{whole}` is a `Result` alias, declare node `{}` fallible, so that its `Ok` value is the output and an `Err` fails the run: `#[node(output_name = {names}, fallible)]`", producer.name)
    });
    let note = alias_note.as_deref().unwrap_or(note);
    let label = format!("`{value}` has the wrong type for node `{consumer_name}`");
    // Spanned at the consumer: rustc's "required for `String` to implement ..." note
    // points at this impl.
    let impl_ = respan(
        quote! {
                impl<T: ?::core::marker::Sized, O: ?::core::marker::Sized + ::core::borrow::Borrow<T>> #trait_name<T> for O {
                    #[inline(always)]
                    fn __hn_feed(&self) -> &T {
                        ::core::borrow::Borrow::borrow(self)
                    }
                }
        },
        *span,
    );
    if input.by_ref {
        quote! {
            #[diagnostic::on_unimplemented(message = #wanted, label = #label, note = #note)]
            #[allow(non_camel_case_types)]
            trait #trait_name<T: ?::core::marker::Sized> {
                fn __hn_feed(&self) -> &T;
            }
            #impl_
        }
    } else {
        quote! {
            #[diagnostic::on_unimplemented(message = #wanted, label = #label, note = #note)]
            #[allow(non_camel_case_types)]
            trait #trait_name<T> {
                fn __hn_feed(self) -> T;
            }
            impl<T> #trait_name<T> for T {
                #[inline(always)]
                fn __hn_feed(self) -> T {
                    self
                }
            }
        }
    }
}
