pub fn embed(text: &str, dims: usize) -> Vec<f32> {
    text.bytes().take(dims).map(f32::from).collect()
}
#[doc(hidden)]
#[allow(
    non_snake_case,
    non_camel_case_types,
    unused_imports,
    dead_code,
    private_interfaces
)]
pub mod embed {
    use super::*;
    /// The node as a type, implementing `hypernodes::Node`. As visible as the
    /// module's private items, so that its `Output` may be one of them.
    pub(super) struct __HnNode;
    #[automatically_derived]
    impl ::hypernodes::Node for __HnNode {
        type Output = Vec<f32>;
        const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
            name: "embed",
            module_path: ::hypernodes::__private::defining_module(
                ::core::module_path!(),
            ),
            inputs: &[
                ::hypernodes::Port {
                    name: "text",
                    type_name: "&str",
                    by_ref: true,
                },
                ::hypernodes::Port {
                    name: "dims",
                    type_name: "usize",
                    by_ref: false,
                },
            ],
            outputs: &[
                ::hypernodes::Port {
                    name: "embedding",
                    type_name: "Vec<f32>",
                    by_ref: false,
                },
            ],
            is_async: false,
            fallible: false,
            code_hash: [
                217u8, 59u8, 233u8, 101u8, 49u8, 227u8, 219u8, 175u8, 65u8, 244u8, 62u8,
                201u8, 145u8, 38u8, 195u8, 254u8, 173u8, 216u8, 95u8, 236u8, 255u8, 8u8,
                38u8, 48u8, 35u8, 112u8, 222u8, 129u8, 163u8, 71u8, 154u8, 225u8,
            ],
            cache: true,
            streams: false,
            asks: false,
            version: ::core::option::Option::Some("2"),
            subgraph: ::core::option::Option::None,
            composition: ::core::option::Option::None,
        };
    }
    pub const __HN_INFO: ::hypernodes::NodeInfo = <__HnNode as ::hypernodes::Node>::INFO;
    pub type __hn_in_0 = str;
    pub type __hn_in_1 = usize;
    pub type __hn_out_0 = Vec<f32>;
    pub type __hn_output = Vec<f32>;
    #[allow(clippy::needless_borrow)]
    pub fn __hn_cache_key(
        text: &__hn_in_0,
        dims: &__hn_in_1,
    ) -> ::core::result::Result<::hypernodes::CacheKey, ::hypernodes::KeyError> {
        use ::hypernodes::__private::{KeyViaBytes as _, KeyViaSerde as _};
        static __HN_NODE_KEY: ::std::sync::OnceLock<[u8; 32]> = ::std::sync::OnceLock::new();
        let mut builder = ::hypernodes::__private::key_builder_cached(
            &__HN_NODE_KEY,
            &__HN_INFO,
            ::core::any::type_name::<__hn_output>,
        );
        (&::hypernodes::__private::KeyInput(text)).key_input(&mut builder)?;
        (&::hypernodes::__private::KeyInput(dims)).key_input(&mut builder)?;
        ::core::result::Result::Ok(builder.finish())
    }
    pub const __HN_CODEC: ::hypernodes::__private::Codec<__hn_output> = ::hypernodes::__private::codec::<
        __hn_output,
    >();
}
#[doc(hidden)]
#[macro_export]
#[allow(non_local_definitions)]
macro_rules! __hn_node_embed_d93be96531e3dbaf {
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*]) => {
        ::hypernodes::__private::graph_impl! { [$($header)*] [$($done)* { [$($me)*] node
        embed { false false true false[text : ref, dims : value] [embedding] [] []
        "&str\tusize\nVec<f32>\n\n\n" } }] }
    };
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*] [$($next:tt)*] $($rest:tt)*) => {
        $($next)* ! { [$($header)*] [$($done)* { [$($me)*] node embed { false false true
        false[text : ref, dims : value] [embedding] [] [] "&str\tusize\nVec<f32>\n\n\n" }
        }] [$($next)*] $($rest)* }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub use __hn_node_embed_d93be96531e3dbaf as embed;
