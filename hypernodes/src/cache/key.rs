//! Cache keys: blake3 over a node's identity and its input values, streamed through serde.

use crate::NodeInfo;
use serde::ser::{self, Serialize};
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

/// Builds a [`CacheKey`]: the node's code hash, its `version`, the output type's identity,
/// then each input value in parameter order.
///
/// Values are fed to the hasher through serde, without an intermediate buffer. The
/// encoding is deterministic for a given type: integers little-endian, strings and
/// sequences length-prefixed, enum variants by index. Maps hash in an order-independent
/// way (each entry is hashed alone and the sorted entry digests are fed), so a `HashMap`
/// gives the same key in every process. Serde cannot tell a `HashSet` from a sequence: a
/// `HashSet` input hashes in its iteration order, which differs between processes, so
/// it misses (never hits a wrong entry); use a `BTreeSet` or a sorted `Vec` instead.
pub struct KeyBuilder {
    hasher: blake3::Hasher,
}

impl KeyBuilder {
    /// Starts the key of one call of `node`, whose output type is `output_type`.
    pub fn new(node: &NodeInfo, output_type: &str) -> Self {
        Self::with_node_key(&node_key(node, output_type))
    }

    /// Starts a key from a digest of the node's identity (code hash, name, version, output
    /// type), computed once per node.
    pub fn with_node_key(node_key: &[u8; 32]) -> Self {
        KeyBuilder {
            hasher: blake3::Hasher::new_keyed(node_key),
        }
    }

    /// Feeds one input value through serde.
    pub fn input<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), KeyError> {
        value.serialize(&mut HashSerializer {
            hasher: Sink::new(&mut self.hasher),
        })
    }

    /// Feeds one input that is a byte buffer or string, without serde's per-element cost.
    pub fn input_bytes(&mut self, bytes: &[u8]) {
        write_bytes(&mut self.hasher, bytes);
    }

    /// The finished key.
    pub fn finish(self) -> CacheKey {
        CacheKey(*self.hasher.finalize().as_bytes())
    }
}

/// A node's identity as a digest: computed once per node, then keys its calls' hashes.
pub fn node_key(node: &NodeInfo, output_type: &str) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"hypernodes/cache-key/2\0");
    hasher.update(&node.code_hash);
    write_str(&mut hasher, node.name);
    match node.version {
        Some(version) => {
            hasher.update(&[1]);
            write_str(&mut hasher, version);
        }
        None => {
            hasher.update(&[0]);
        }
    }
    write_str(&mut hasher, output_type);
    *hasher.finalize().as_bytes()
}

/// Where key bytes go: the hasher, or a [`Sink`] in front of it.
trait Feed {
    fn update(&mut self, bytes: &[u8]);
}

impl Feed for blake3::Hasher {
    fn update(&mut self, bytes: &[u8]) {
        blake3::Hasher::update(self, bytes);
    }
}

/// Buffers the small writes serde makes (often a few bytes each) ahead of the hasher, whose
/// every `update` call has a fixed cost. Flushed on drop.
struct Sink<'h> {
    hasher: &'h mut blake3::Hasher,
    len: usize,
    buf: [u8; 512],
}

impl<'h> Sink<'h> {
    fn new(hasher: &'h mut blake3::Hasher) -> Self {
        Sink {
            hasher,
            len: 0,
            buf: [0; 512],
        }
    }
}

impl Feed for Sink<'_> {
    #[inline]
    fn update(&mut self, bytes: &[u8]) {
        if bytes.len() <= self.buf.len() - self.len {
            self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            self.hasher.update(&self.buf[..self.len]);
            self.len = 0;
            if bytes.len() >= self.buf.len() {
                self.hasher.update(bytes);
            } else {
                self.buf[..bytes.len()].copy_from_slice(bytes);
                self.len = bytes.len();
            }
        }
    }
}

impl Drop for Sink<'_> {
    fn drop(&mut self) {
        self.hasher.update(&self.buf[..self.len]);
    }
}

fn write_len(hasher: &mut impl Feed, len: usize) {
    hasher.update(&(len as u64).to_le_bytes());
}

fn write_bytes(hasher: &mut impl Feed, bytes: &[u8]) {
    write_len(hasher, bytes.len());
    // Large buffers: blake3's multithread-free SIMD path handles them in one call.
    hasher.update(bytes);
}

fn write_str(hasher: &mut impl Feed, text: &str) {
    write_bytes(hasher, text.as_bytes());
}

/// A value's `Serialize` impl failed, so no key could be computed; the node runs uncached.
#[derive(Debug, thiserror::Error)]
#[error("cannot hash an input for the cache key: {0}")]
pub struct KeyError(String);

impl ser::Error for KeyError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        KeyError(msg.to_string())
    }
}

/// A serde serializer whose output is the hasher's input.
struct HashSerializer<'h> {
    hasher: Sink<'h>,
}

macro_rules! hash_le {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), KeyError> {
            self.hasher.update(&v.to_le_bytes());
            Ok(())
        })*
    };
}

impl<'a, 'h> ser::Serializer for &'a mut HashSerializer<'h> {
    type Ok = ();
    type Error = KeyError;
    type SerializeSeq = Seq<'a, 'h>;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Map<'a, 'h>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    hash_le!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_f32: f32, serialize_f64: f64,
    );

    fn serialize_bool(self, v: bool) -> Result<(), KeyError> {
        self.hasher.update(&[v as u8]);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), KeyError> {
        self.hasher.update(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), KeyError> {
        write_str(&mut self.hasher, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), KeyError> {
        write_bytes(&mut self.hasher, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), KeyError> {
        self.hasher.update(&[0]);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), KeyError> {
        self.hasher.update(&[1]);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), KeyError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), KeyError> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
    ) -> Result<(), KeyError> {
        self.serialize_u32(index)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), KeyError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), KeyError> {
        self.hasher.update(&index.to_le_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a, 'h>, KeyError> {
        // A known length is written first; an unknown one is counted and written last.
        if let Some(len) = len {
            write_len(&mut self.hasher, len);
        }
        Ok(Seq {
            serializer: self,
            counted: if len.is_some() { None } else { Some(0) },
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, KeyError> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, KeyError> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, KeyError> {
        self.hasher.update(&index.to_le_bytes());
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'a, 'h>, KeyError> {
        Ok(Map {
            serializer: self,
            entries: Vec::new(),
            current: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, KeyError> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, KeyError> {
        self.hasher.update(&index.to_le_bytes());
        Ok(self)
    }
}

/// A sequence being hashed.
pub struct Seq<'a, 'h> {
    serializer: &'a mut HashSerializer<'h>,
    /// Elements seen, when the length was not known up front.
    counted: Option<usize>,
}

impl ser::SerializeSeq for Seq<'_, '_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), KeyError> {
        if let Some(count) = &mut self.counted {
            *count += 1;
        }
        value.serialize(&mut *self.serializer)
    }
    fn end(self) -> Result<(), KeyError> {
        if let Some(count) = self.counted {
            write_len(&mut self.serializer.hasher, count);
        }
        Ok(())
    }
}

macro_rules! forward_compound {
    ($($trait:ident :: $method:ident),* $(,)?) => {
        $(impl ser::$trait for &mut HashSerializer<'_> {
            type Ok = ();
            type Error = KeyError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), KeyError> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), KeyError> {
                Ok(())
            }
        })*
    };
}
forward_compound!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl ser::SerializeStruct for &mut HashSerializer<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), KeyError> {
        value.serialize(&mut **self)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), KeyError> {
        // A skipped field must not hash like the next one present.
        write_str(&mut self.hasher, key);
        Ok(())
    }
    fn end(self) -> Result<(), KeyError> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut HashSerializer<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), KeyError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), KeyError> {
        Ok(())
    }
}

/// A map being hashed: each entry gets its own digest; the sorted digests are fed at the
/// end, so iteration order does not matter.
pub struct Map<'a, 'h> {
    serializer: &'a mut HashSerializer<'h>,
    entries: Vec<[u8; 32]>,
    current: Option<blake3::Hasher>,
}

impl ser::SerializeMap for Map<'_, '_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), KeyError> {
        let mut hasher = blake3::Hasher::new();
        key.serialize(&mut HashSerializer {
            hasher: Sink::new(&mut hasher),
        })?;
        self.current = Some(hasher);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), KeyError> {
        let mut hasher = self
            .current
            .take()
            .ok_or_else(|| <KeyError as ser::Error>::custom("map value without a key"))?;
        value.serialize(&mut HashSerializer {
            hasher: Sink::new(&mut hasher),
        })?;
        self.entries.push(*hasher.finalize().as_bytes());
        Ok(())
    }
    fn end(mut self) -> Result<(), KeyError> {
        self.entries.sort_unstable();
        write_len(&mut self.serializer.hasher, self.entries.len());
        for entry in &self.entries {
            self.serializer.hasher.update(entry);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    const INFO: NodeInfo = NodeInfo {
        name: "n",
        module_path: "m",
        inputs: &[],
        outputs: &[],
        is_async: false,
        fallible: false,
        code_hash: [7; 32],
        subgraph: None,
        cache: true,
        version: None,
    };

    fn key_of<T: Serialize + ?Sized>(value: &T) -> CacheKey {
        let mut builder = KeyBuilder::new(&INFO, "u64");
        builder.input(value).unwrap();
        builder.finish()
    }

    #[test]
    fn equal_values_give_equal_keys_and_different_values_different_keys() {
        assert_eq!(key_of(&vec![1u32, 2, 3]), key_of(&vec![1u32, 2, 3]));
        assert_ne!(key_of(&vec![1u32, 2, 3]), key_of(&vec![1u32, 2, 4]));
        assert_ne!(
            key_of(&("ab", "c")),
            key_of(&("a", "bc")),
            "strings are length-prefixed"
        );
        assert_ne!(key_of(&Some(0u8)), key_of(&None::<u8>));
    }

    #[test]
    fn maps_hash_independently_of_iteration_order() {
        let pairs: Vec<(String, u32)> = (0..200).map(|i| (format!("k{i}"), i)).collect();
        let forward: HashMap<_, _> = pairs.iter().cloned().collect();
        let mut backward = HashMap::with_capacity(1000);
        backward.extend(pairs.iter().rev().cloned());
        let sorted: BTreeMap<_, _> = pairs.iter().cloned().collect();
        assert_eq!(key_of(&forward), key_of(&backward));
        assert_eq!(key_of(&forward), key_of(&sorted));
    }

    #[test]
    fn node_identity_is_part_of_the_key() {
        let base = KeyBuilder::new(&INFO, "u64").finish();
        let versioned = NodeInfo {
            version: Some("2"),
            ..INFO
        };
        assert_ne!(base, KeyBuilder::new(&versioned, "u64").finish());
        assert_ne!(base, KeyBuilder::new(&INFO, "u32").finish());
        let edited = NodeInfo {
            code_hash: [8; 32],
            ..INFO
        };
        assert_ne!(base, KeyBuilder::new(&edited, "u64").finish());
    }
}
