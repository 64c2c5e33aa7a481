//! Emits `Fields` for `{Name}Inputs` and `{Name}Outputs`: each struct as the tuple of its
//! fields, which is how generic code (the cluster runner) asks for a trait of every field.

use super::types::{input_type, source_type};
use super::Emit;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The widest tuple std and serde implement their traits for; longer lists nest.
const WIDEST: usize = 12;

/// `impl Fields` for the inputs and the outputs struct.
pub(crate) fn fields_impls(emit: &Emit<'_>) -> TokenStream {
    let inputs: Vec<(&Ident, TokenStream)> = emit
        .plan
        .inputs
        .iter()
        .enumerate()
        .map(|(index, input)| (&input.name, input_type(emit.entries, emit.plan, index)))
        .collect();
    let outputs: Vec<(&Ident, TokenStream)> = emit
        .plan
        .outputs
        .iter()
        .map(|(name, source)| (name, source_type(emit.entries, emit.plan, *source)))
        .collect();
    let inputs = fields_impl(&emit.names.inputs, &inputs);
    let outputs = fields_impl(&emit.names.outputs, &outputs);
    quote!(#inputs #outputs)
}

fn fields_impl(name: &Ident, fields: &[(&Ident, TokenStream)]) -> TokenStream {
    let names: Vec<&Ident> = fields.iter().map(|(name, _)| *name).collect();
    let types = nest(fields.iter().map(|(_, ty)| ty.clone()).collect());
    let values = nest(names.iter().map(|name| quote!(#name)).collect());
    // `()` as the last expression reads as a needless unit: with no field, say nothing.
    let returned = if names.is_empty() {
        TokenStream::new()
    } else {
        values.clone()
    };
    quote! {
        #[automatically_derived]
        impl ::hypernodes::__private::Fields for #name {
            type Tuple = #types;

            fn into_tuple(self) -> Self::Tuple {
                let #name { #(#names),* } = self;
                #returned
            }

            fn from_tuple(tuple: Self::Tuple) -> Self {
                let #values = tuple;
                #name { #(#names),* }
            }
        }
    }
}

/// `(a, b, c)`, or for more than [`WIDEST`] items, a tuple of such tuples.
fn nest(items: Vec<TokenStream>) -> TokenStream {
    if items.len() <= WIDEST {
        return quote!((#(#items,)*));
    }
    let groups = items
        .chunks(WIDEST)
        .map(|group| nest(group.to_vec()))
        .collect();
    nest(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(n: usize) -> Vec<TokenStream> {
        (0..n)
            .map(|i| quote::format_ident!("f{i}"))
            .map(|i| quote!(#i))
            .collect()
    }

    #[test]
    fn short_lists_are_flat_tuples_with_a_trailing_comma() {
        assert_eq!(nest(idents(0)).to_string(), "()");
        assert_eq!(nest(idents(1)).to_string(), "(f0 ,)");
        assert_eq!(nest(idents(12)).to_string().matches(',').count(), 12);
    }

    #[test]
    fn long_lists_nest_in_groups_of_twelve() {
        let nested = nest(idents(13)).to_string();
        assert!(nested.starts_with("(("), "{nested}");
        assert!(nested.ends_with(", (f12 ,) ,)"), "{nested}");
    }
}
