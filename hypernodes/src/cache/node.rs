//! A cached node's side of the cache, as `#[node(.., cache)]` generates it: hashing its
//! inputs into a key and encoding its output. Written here, the serde bounds are checked
//! in the node's own module, so a missing impl is reported at the node.

use super::{CacheError, KeyBuilder, KeyError};
use crate::NodeInfo;

/// How a cached node's output is stored.
pub struct Codec<T> {
    /// Output to bytes.
    pub encode: fn(&T) -> Result<Vec<u8>, CacheError>,
    /// Bytes back to the output.
    pub decode: fn(&[u8]) -> Result<T, CacheError>,
}

/// Holds for the output of a cached node.
#[diagnostic::on_unimplemented(
    message = "a cached node's output must implement `serde::Serialize` and `serde::Deserialize`; `{Self}` does not",
    label = "the output of a node marked `cache`",
    note = "derive them with `#[derive(serde::Serialize, serde::Deserialize)]` on `{Self}`, or remove `cache` from the node"
)]
pub trait CacheableOutput: Sized {
    /// The output as stored.
    fn encode(&self) -> Result<Vec<u8>, CacheError>;
    /// The output from what was stored.
    fn decode(bytes: &[u8]) -> Result<Self, CacheError>;
}

impl<T: serde::Serialize + serde::de::DeserializeOwned> CacheableOutput for T {
    fn encode(&self) -> Result<Vec<u8>, CacheError> {
        super::encode(self)
    }
    fn decode(bytes: &[u8]) -> Result<Self, CacheError> {
        super::decode(bytes)
    }
}

/// The codec of a cached node's output; one bound, so a missing impl is one error.
pub const fn codec<T: CacheableOutput>() -> Codec<T> {
    Codec {
        encode: T::encode,
        decode: T::decode,
    }
}

/// Holds for the inputs of a cached node, which are hashed into its key.
#[diagnostic::on_unimplemented(
    message = "a cached node's inputs must implement `serde::Serialize`, which hashes them into the cache key; `{Self}` does not",
    label = "an input of a node marked `cache`",
    note = "derive it with `#[derive(serde::Serialize)]` on `{Self}`, or remove `cache` from the node"
)]
pub trait CacheKeyInput {
    /// Hashes the input into the key.
    fn feed(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>;
}

impl<T: serde::Serialize + ?Sized> CacheKeyInput for T {
    fn feed(&self, builder: &mut KeyBuilder) -> Result<(), KeyError> {
        builder.input(self)
    }
}

/// Holds for a shared input (`Arc<T>`, `Rc<T>`) of a cached node: serde implements
/// `Serialize` for them only with its `rc` feature, so that is what the message says.
#[diagnostic::on_unimplemented(
    message = "a cached node's inputs must implement `serde::Serialize`, which hashes them into the cache key; `{Self}` does not",
    label = "a shared input of a node marked `cache`",
    note = "serde implements `Serialize` for `Arc<T>` and `Rc<T>` only with its `rc` feature: enable it (`serde = {{ version = \"1\", features = [\"rc\"] }}` in Cargo.toml) and derive `serde::Serialize` on `T`, or remove `cache` from the node"
)]
pub trait SharedKeyInput {
    /// Hashes the input into the key.
    fn feed(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>;
}

impl<T: serde::Serialize + ?Sized> SharedKeyInput for T {
    fn feed(&self, builder: &mut KeyBuilder) -> Result<(), KeyError> {
        builder.input(self)
    }
}

/// A key builder for `node`, whose own part (code hash, version, output type) is hashed
/// once per process into `slot`.
pub fn key_builder_cached(
    slot: &'static std::sync::OnceLock<[u8; 32]>,
    node: &NodeInfo,
    output_type: fn() -> &'static str,
) -> KeyBuilder {
    KeyBuilder::with_node_key(slot.get_or_init(|| super::node_key(node, output_type())))
}

/// An input being fed into a cache key. Generated code calls
/// `(&KeyInput(&value)).key_input(&mut builder)`: byte buffers and strings take the
/// `KeyViaBytes` path (one hasher update), everything else goes through serde.
pub struct KeyInput<'a, T: ?Sized>(pub &'a T);

/// The byte path of [`KeyInput`].
pub trait KeyViaBytes {
    /// Hashes the bytes as they are.
    fn key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>;
}

macro_rules! key_via_bytes {
    ($($ty:ty),*) => {$(
        impl KeyViaBytes for KeyInput<'_, $ty> {
            #[inline]
            fn key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError> {
                builder.input_bytes(<$ty as AsRef<[u8]>>::as_ref(self.0));
                Ok(())
            }
        }
    )*};
}
key_via_bytes!(Vec<u8>, [u8], String, str);

/// The serde path of [`KeyInput`].
pub trait KeyViaSerde<T: ?Sized> {
    /// Hashes the value through serde.
    fn key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>
    where
        T: CacheKeyInput;
}

impl<T: ?Sized> KeyViaSerde<T> for &KeyInput<'_, T> {
    #[inline]
    fn key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>
    where
        T: CacheKeyInput,
    {
        self.0.feed(builder)
    }
}

/// The path of [`KeyInput`] for a shared input (`Arc<T>`, `Rc<T>`), whose missing
/// `Serialize` is explained by [`SharedKeyInput`].
pub trait KeyViaShared<T: ?Sized> {
    /// Hashes the value through serde.
    fn shared_key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>
    where
        T: SharedKeyInput;
}

impl<T: ?Sized> KeyViaShared<T> for &KeyInput<'_, T> {
    #[inline]
    fn shared_key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>
    where
        T: SharedKeyInput,
    {
        self.0.feed(builder)
    }
}
