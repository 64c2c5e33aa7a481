//! Cache keys: blake3 over a node's identity and the [tagged encoding](super::tags) of its
//! input values, streamed through serde.

use super::encoder::{write_framed, EncodeError, Encoder, HashSink, Write};
use super::tags;
use crate::NodeInfo;
use serde::Serialize;
use std::fmt;

/// The content address of one node call: a blake3 digest.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CacheKey([u8; 32]);

impl CacheKey {
    /// A key from its digest bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        CacheKey(bytes)
    }

    /// The digest's bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The digest as 64 lowercase hex digits (what [`DiskCache`](crate::DiskCache) names
    /// its files by).
    pub fn to_hex(&self) -> String {
        blake3::Hash::from_bytes(self.0).to_hex().to_string()
    }
}

impl fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CacheKey({})", self.to_hex())
    }
}

/// The domain of the key format: changing the encoding changes it, so that entries keyed
/// by an older format are never found (they miss, and are recomputed).
const KEY_DOMAIN: &[u8] = b"hypernodes/cache-key/3\0";

/// Builds a [`CacheKey`]: blake3, keyed by a digest of the node's identity (its module path,
/// name, code hash, `version` and output type name), over each input value in parameter
/// order.
///
/// Each input is written in an injective encoding of the serde data model, straight into
/// the hasher (no intermediate buffer): every value starts with a tag for its kind (each
/// integer width and signedness, floats, `bool`, `char`, string, bytes, option, unit, each
/// kind of struct and enum variant, sequence, tuple, map), strings and names are
/// length-prefixed, sequences and tuples frame each element and mark their end, structs
/// write the name of each field serde writes (a skipped field writes nothing), and enum
/// variants write their index and name. So two values share a key only if serde describes
/// them identically: `0`, `""`, `[]` and `{}` as `serde_json::Value`s all differ.
///
/// Maps hash in an order-independent way (each entry is hashed alone and the sorted entry
/// digests are fed), so a `HashMap` gives the same key in every process. Serde cannot tell
/// a `HashSet` from a sequence: a `HashSet` input hashes in its iteration order, which
/// differs between processes, so it misses (never hits a wrong entry); use a `BTreeSet` or
/// a sorted `Vec` instead.
pub struct KeyBuilder {
    hasher: blake3::Hasher,
}

impl KeyBuilder {
    /// Starts the key of one call of `node`, whose output type is `output_type`.
    pub fn new(node: &NodeInfo, output_type: &str) -> Self {
        Self::with_node_key(&node_key(node, output_type))
    }

    /// Starts a key from a digest of the node's identity (see [`KeyBuilder`]), computed once
    /// per node.
    pub fn with_node_key(node_key: &[u8; 32]) -> Self {
        KeyBuilder {
            hasher: blake3::Hasher::new_keyed(node_key),
        }
    }

    /// Feeds one input value through serde, in the tagged encoding.
    pub fn input<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), KeyError> {
        let mut encoder = Encoder {
            out: HashSink::new(&mut self.hasher),
        };
        encoder.out.write(&[tags::INPUT]);
        value
            .serialize(&mut encoder)
            .map_err(|EncodeError(message)| KeyError(message))
    }

    /// Feeds one input that is a byte buffer or string, in one hasher update instead of
    /// serde's per-element calls.
    ///
    /// It writes what serde's `serialize_bytes` writes (the bytes tag, the length, the
    /// bytes), so it is as framed as any other input. Generated code takes this path by the
    /// parameter's static type (`String`, `str`, `Vec<u8>`, `[u8]`), so a given input of a
    /// given node always hashes the same way, and two values of it share a key only if
    /// their bytes are equal.
    pub fn input_bytes(&mut self, bytes: &[u8]) {
        self.hasher.write(&[tags::INPUT]);
        write_framed(&mut self.hasher, tags::BYTES, bytes);
    }

    /// The finished key.
    pub fn finish(self) -> CacheKey {
        CacheKey(*self.hasher.finalize().as_bytes())
    }
}

/// A node's identity as a digest: computed once per node, then keys its calls' hashes.
///
/// It covers the key format, the function's module path and name (so that identical
/// functions in different modules, which may call different helpers, never share entries),
/// its code hash, its `version` and the name of its output type. It never covers a graph's
/// entry name, so one function listed under two names shares its entries.
pub fn node_key(node: &NodeInfo, output_type: &str) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(KEY_DOMAIN);
    hasher.update(&node.code_hash);
    write_framed(&mut hasher, tags::STR, node.module_path.as_bytes());
    write_framed(&mut hasher, tags::STR, node.name.as_bytes());
    match node.version {
        Some(version) => {
            hasher.update(&[tags::SOME]);
            write_framed(&mut hasher, tags::STR, version.as_bytes());
        }
        None => {
            hasher.update(&[tags::NONE]);
        }
    }
    write_framed(&mut hasher, tags::STR, output_type.as_bytes());
    *hasher.finalize().as_bytes()
}

/// A value's `Serialize` impl failed, so no key could be computed; the node runs uncached.
#[derive(Debug, thiserror::Error)]
#[error("cannot hash an input for the cache key: {0}")]
pub struct KeyError(String);

#[cfg(test)]
#[path = "key_tests.rs"]
mod tests;
