//! Emits, beside the unchanged function, its hidden node type and callback macro.

use super::NodeDef;
use crate::naming::{in_node, local, output_alias, param_alias, unique_macro_name, unraw, Locals};
use crate::tokens::{static_lifetimes, type_string};
use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};

pub(crate) fn expand(node: &NodeDef) -> TokenStream {
    let function = &node.function;
    let name = &function.sig.ident;
    let output = static_lifetimes(&node.ret.output);
    let name_str = name.to_string();
    let code_hash = code_hash(function);
    let is_async = node.signature.is_async;
    let fallible = node.signature.fallible;

    let input_ports = node.params.iter().map(|param| {
        let port = unraw(&param.input.name);
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
            let port = unraw(port);
            let written = type_string(ty);
            quote!(::hypernodes::Port { name: #port, type_name: #written, by_ref: false })
        });
    let param_aliases = node.params.iter().enumerate().map(|(index, param)| {
        let alias = param_alias(index);
        let ty = static_lifetimes(&param.ty);
        quote!(pub type #alias = #ty;)
    });
    let output_aliases = node.output_types.iter().enumerate().map(|(index, ty)| {
        let alias = output_alias(index);
        let ty = static_lifetimes(ty);
        quote!(pub type #alias = #ty;)
    });
    let mut special_aliases = Vec::new();
    if let Some((_, chunk)) = &node.specials.chunks {
        let chunk = static_lifetimes(chunk);
        let alias = in_node::chunk();
        special_aliases.push(quote!(pub type #alias = #chunk;));
    }
    if let Some((_, question, answer)) = &node.specials.interrupt {
        let question = static_lifetimes(question);
        let answer = static_lifetimes(answer);
        let (question_alias, answer_alias) = (in_node::question(), in_node::answer());
        special_aliases.push(quote! {
            pub type #question_alias = #question;
            pub type #answer_alias = #answer;
        });
    }
    // The callback goes in the module when the function's name is a standard macro's.
    let (callback, callback_in_module) = if crate::hop::in_module(name) {
        (
            TokenStream::new(),
            callback_macro(node, &in_node::callback()),
        )
    } else {
        (callback_macro(node, name), TokenStream::new())
    };
    let cache = node.signature.cache;
    let streams = node.signature.streams.is_some();
    let asks = node.signature.asks.is_some();
    let version = match &node.version {
        Some(version) => quote!(::core::option::Option::Some(#version)),
        None => quote!(::core::option::Option::None),
    };
    let cache_fns = node.signature.cache.then(|| cache_fns(node));
    let fallible_fn = node.signature.fallible.then(|| fallible_fn(node));
    let (info, node_type, output_alias) =
        (in_node::info(), in_node::node_type(), in_node::output());

    quote! {
        #function

        // A module named like the function (modules live in the type namespace, functions
        // in the value namespace) carries what `graph!` needs by path: the node's types as
        // aliases and its description. Aliases are expanded before privacy checks, so a
        // public graph may list private nodes as long as its own inputs and outputs have
        // public types. The module and the callback are public whatever the function's
        // visibility, so that listing a private function reports just that, as a call would
        // ("function `double` is private"), from the graph's call of the function.
        #[doc(hidden)]
        #[allow(non_snake_case, non_camel_case_types, unused_imports, dead_code, private_interfaces)]
        pub mod #name {
            use super::*;

            /// The node as a type, implementing `hypernodes::Node`. As visible as the
            /// module's private items, so that its `Output` may be one of them.
            pub(super) struct #node_type;

            #[automatically_derived]
            impl ::hypernodes::Node for #node_type {
                type Output = #output;
                const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
                    name: #name_str,
                    module_path: ::hypernodes::__private::defining_module(::core::module_path!()),
                    inputs: &[#(#input_ports),*],
                    outputs: &[#(#output_ports),*],
                    is_async: #is_async,
                    fallible: #fallible,
                    code_hash: [#(#code_hash),*],
                    cache: #cache,
                    streams: #streams,
                    asks: #asks,
                    version: #version,
                    subgraph: ::core::option::Option::None,
                    composition: ::core::option::Option::None,
                };
            }

            pub const #info: ::hypernodes::NodeInfo = <#node_type as ::hypernodes::Node>::INFO;
            #(#param_aliases)*
            #(#output_aliases)*
            pub type #output_alias = #output;
            #(#special_aliases)*
            #fallible_fn
            #cache_fns
            #callback_in_module
        }

        #callback
    }
}

/// For a cached node: its key, encoder and decoder, written here so that a missing serde
/// impl is reported at the node's own types.
fn cache_fns(node: &NodeDef) -> TokenStream {
    // The parameters keep their names; `builder` avoids them.
    let params: Vec<Ident> = node
        .params
        .iter()
        .map(|param| local(&param.input.name.to_string()))
        .collect();
    let builder = Locals::new(node.params.iter().map(|param| &param.input.name)).fresh("builder");
    let aliases = (0..node.params.len()).map(param_alias);
    let feeds = node.params.iter().zip(&params).map(|(param, name)| {
        let span = syn::spanned::Spanned::span(&param.written);
        if is_shared(&param.ty) {
            quote_spanned! {span=>
                ::hypernodes::__private::KeyViaShared::shared_key_input(
                    &&::hypernodes::__private::KeyInput(#name),
                    &mut #builder,
                )?;
            }
        } else {
            quote_spanned! {span=>
                (&::hypernodes::__private::KeyInput(#name)).key_input(&mut #builder)?;
            }
        }
    });
    let ret_span = match &node.function.sig.output {
        syn::ReturnType::Type(_, ty) => syn::spanned::Spanned::span(ty),
        syn::ReturnType::Default => node.function.sig.ident.span(),
    };
    let (info, output, key_fn, codec_const) = (
        in_node::info(),
        in_node::output(),
        in_node::cache_key(),
        in_node::codec(),
    );
    // Spanned at the return type, where a missing serde impl is reported.
    let output_at_return = Ident::new(&output.to_string(), ret_span);
    let codec = quote_spanned!(ret_span=> ::hypernodes::__private::codec::<#output_at_return>());
    quote! {
        // The borrow picks the byte-buffer or serde path (autoref specialisation).
        #[allow(clippy::needless_borrow)]
        pub fn #key_fn(#(#params: &#aliases),*)
            -> ::core::result::Result<::hypernodes::CacheKey, ::hypernodes::KeyError>
        {
            use ::hypernodes::__private::{KeyViaBytes as _, KeyViaSerde as _};
            static __HN_NODE_KEY: ::std::sync::OnceLock<[u8; 32]> = ::std::sync::OnceLock::new();
            let mut #builder = ::hypernodes::__private::key_builder_cached(
                &__HN_NODE_KEY,
                &#info,
                ::core::any::type_name::<#output>,
            );
            #(#feeds)*
            ::core::result::Result::Ok(#builder.finish())
        }
        pub const #codec_const: ::hypernodes::__private::Codec<#output> = #codec;
    }
}

/// The `macro_rules!` through which `graph!` reads this node's signature: it appends the
/// signature to the list it is given and calls the next entry's callback, or the last hop.
fn callback_macro(node: &NodeDef, alias: &Ident) -> TokenStream {
    let function = &node.function;
    let macro_name = unique_macro_name("node", &function.sig.ident, function);
    crate::hop::callback_macro(
        &macro_name,
        &syn::parse_quote!(pub),
        Some(alias),
        &node.signature,
    )
}

/// Whether a parameter type is `Arc<..>` or `Rc<..>` (by any path), whose `Serialize`
/// needs serde's `rc` feature.
fn is_shared(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    path.path.segments.last().is_some_and(|last| {
        (last.ident == "Arc" || last.ident == "Rc")
            && matches!(last.arguments, syn::PathArguments::AngleBracketed(_))
    })
}

/// A digest of the function's tokens: editing the body changes it.
fn code_hash(function: &syn::ItemFn) -> [u8; 32] {
    *blake3::hash(quote!(#function).to_string().as_bytes()).as_bytes()
}

/// `__hn_fallible`: the node's `Result` as executors take it. `Box<dyn Error>`, which is
/// not `Send`, keeps its message and sources in an error that is; any other error type
/// must convert into a `BoxError`, and the message for one that does not names it here,
/// at the node's return type.
fn fallible_fn(node: &NodeDef) -> TokenStream {
    let syn::ReturnType::Type(_, written) = &node.function.sig.output else {
        return TokenStream::new();
    };
    let fallible = in_node::fallible();
    let span = syn::spanned::Spanned::span(&**written);
    // Generic, not naming the node's types: a node declared inside a function body (a
    // doctest) has types its hidden module cannot name.
    if is_local_box_error(written) {
        quote_spanned! {span=>
            #[inline(always)]
            pub fn #fallible<T>(
                result: ::core::result::Result<T, ::std::boxed::Box<dyn ::std::error::Error>>,
            ) -> ::hypernodes::__private::NodeResult<T> {
                ::hypernodes::__private::fallible_local(result)
            }
        }
    } else {
        quote_spanned! {span=>
            #[inline(always)]
            pub fn #fallible<T, E: ::hypernodes::__private::NodeError>(
                result: ::core::result::Result<T, E>,
            ) -> ::hypernodes::__private::NodeResult<T> {
                ::hypernodes::__private::fallible(result)
            }
        }
    }
}

/// Whether a return type is `Result<T, Box<dyn Error>>` (any path to `Error`), with no
/// `Send` or `Sync` bound.
fn is_local_box_error(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return false;
    };
    let Some(syn::GenericArgument::Type(error)) = args.args.iter().nth(1) else {
        return false;
    };
    let text = quote!(#error).to_string().replace(' ', "");
    text.starts_with("Box<dyn")
        && text.contains("Error")
        && !text.contains("Send")
        && !text.contains("Sync")
}
