//! Emits, beside the unchanged function, its hidden node type and callback macro.

use super::NodeDef;
use crate::tokens::{static_lifetimes, type_string};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

pub(crate) fn expand(node: &NodeDef) -> TokenStream {
    let function = &node.function;
    let name = &function.sig.ident;
    let output = static_lifetimes(&node.ret.output);
    let name_str = name.to_string();
    let code_hash = code_hash(function);
    let is_async = node.signature.is_async;
    let fallible = node.signature.fallible;

    let input_ports = node.params.iter().map(|param| {
        let port = param.input.name.to_string();
        let written = type_string(&param.written);
        let by_ref = param.input.by_ref;
        quote!(::hypernodes::Port { name: #port, type_name: #written, by_ref: #by_ref })
    });
    let output_ports = node
        .signature
        .outputs
        .iter()
        .zip(&node.output_types)
        .map(|(port, ty)| {
            let port = port.to_string();
            let written = type_string(ty);
            quote!(::hypernodes::Port { name: #port, type_name: #written, by_ref: false })
        });
    let param_impls = node.params.iter().enumerate().map(|(index, param)| {
        let ty = static_lifetimes(&param.ty);
        quote! {
            #[automatically_derived]
            impl ::hypernodes::__private::Param<#index> for #name {
                type Type = #ty;
            }
        }
    });
    let output_impls = node.output_types.iter().enumerate().map(|(index, ty)| {
        let ty = static_lifetimes(ty);
        quote! {
            #[automatically_derived]
            impl ::hypernodes::__private::Out<#index> for #name {
                type Type = #ty;
            }
        }
    });
    let callback = callback_macro(node);

    quote! {
        #function

        // `pub` whatever the function's visibility: a public graph names this type in its
        // public interface (through projections), which a private type may not appear in.
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        pub struct #name {}

        const _: () = {
            #[automatically_derived]
            impl ::hypernodes::Node for #name {
                type Output = #output;
                const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
                    name: #name_str,
                    module_path: ::core::module_path!(),
                    inputs: &[#(#input_ports),*],
                    outputs: &[#(#output_ports),*],
                    is_async: #is_async,
                    fallible: #fallible,
                    code_hash: [#(#code_hash),*],
                    subgraph: ::core::option::Option::None,
                };
            }
            #(#param_impls)*
            #(#output_impls)*
        };

        #callback
    }
}

/// The `macro_rules!` through which `graph!` reads this node's signature: it appends the
/// signature to the list it is given and calls the next entry's callback, or the last hop.
fn callback_macro(node: &NodeDef) -> TokenStream {
    let function = &node.function;
    let macro_name = unique_macro_name("node", &function.sig.ident, function);
    crate::hop::callback_macro(&macro_name, &function.vis, &function.sig.ident, &node.signature)
}

/// A name no other node of the crate has: `#[macro_export]` puts every callback at the
/// crate root, so two nodes called `double` in different modules must not collide.
pub(crate) fn unique_macro_name(kind: &str, name: &Ident, item: &impl quote::ToTokens) -> Ident {
    let site = proc_macro::Span::call_site();
    let mut hasher = blake3::Hasher::new();
    hasher.update(site.file().as_bytes());
    hasher.update(&site.line().to_le_bytes());
    hasher.update(&site.column().to_le_bytes());
    hasher.update(item.to_token_stream().to_string().as_bytes());
    let hash = hasher.finalize().to_hex();
    format_ident!("__hn_{}_{}_{}", kind, name, &hash[..16], span = Span::call_site())
}

/// A digest of the function's tokens: editing the body changes it.
fn code_hash(function: &syn::ItemFn) -> [u8; 32] {
    *blake3::hash(quote!(#function).to_string().as_bytes()).as_bytes()
}
