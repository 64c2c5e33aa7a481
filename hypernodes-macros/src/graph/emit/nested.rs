//! Emits what lets this graph be an entry of another: its inputs and outputs as
//! positional types (`Param<I>`, `Out<I>`), and its inputs built from a tuple.

use super::types::{input_type, source_type};
use super::Emit;
use crate::naming::value_local;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn nested_impls(emit: &Emit<'_>) -> TokenStream {
    let name = &emit.header.name;
    let inputs_name = &emit.names.inputs;
    let input_types: Vec<TokenStream> = (0..emit.plan.inputs.len())
        .map(|index| input_type(emit.entries, emit.plan, index))
        .collect();
    let output_types = emit
        .plan
        .outputs
        .iter()
        .map(|(_, source)| source_type(emit.entries, emit.plan, *source));
    let params = input_types.iter().enumerate().map(|(index, ty)| {
        quote! {
            #[automatically_derived]
            impl __hn::Param<#index> for #name { type Type = #ty; }
        }
    });
    let outs = output_types.enumerate().map(|(index, ty)| {
        quote! {
            #[automatically_derived]
            impl __hn::Out<#index> for #name { type Type = #ty; }
        }
    });
    let fields: Vec<_> = emit.plan.inputs.iter().map(|input| &input.name).collect();
    let values: Vec<_> = fields.iter().map(|field| value_local(field)).collect();
    quote! {
        #(#params)*
        #(#outs)*
        #[automatically_derived]
        impl __hn::NestedGraph for #name {
            type Args = (#(#input_types,)*);
            fn inputs((#(#values,)*): Self::Args) -> #inputs_name {
                #inputs_name { #(#fields: #values,)* }
            }
        }
    }
}
