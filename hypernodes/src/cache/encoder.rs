//! One serde `Serializer` for the [tagged encoding](super::tags), writing either into a
//! hasher (cache keys) or into a buffer (stored entries), so keys and entries can never
//! disagree about what a value is.

use super::tags::{self, ELEMENT, END};
use serde::ser::{self, Serialize};
use std::fmt;

/// Where encoded bytes go.
pub(crate) trait Write {
    /// Whether maps are written as their sorted entry digests (a key must not depend on a
    /// `HashMap`'s iteration order) rather than entry by entry (a stored value must decode).
    const HASHED_MAPS: bool;

    fn write(&mut self, bytes: &[u8]);
}

impl Write for Vec<u8> {
    const HASHED_MAPS: bool = false;

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl Write for blake3::Hasher {
    const HASHED_MAPS: bool = true;

    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

/// Buffers the small writes serde makes (often a few bytes each) ahead of the hasher, whose
/// every `update` call has a fixed cost. Flushed on drop.
pub(crate) struct HashSink<'h> {
    hasher: &'h mut blake3::Hasher,
    len: usize,
    buf: [u8; 512],
}

impl<'h> HashSink<'h> {
    pub(crate) fn new(hasher: &'h mut blake3::Hasher) -> Self {
        HashSink {
            hasher,
            len: 0,
            buf: [0; 512],
        }
    }
}

impl Write for HashSink<'_> {
    const HASHED_MAPS: bool = true;

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
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

impl Drop for HashSink<'_> {
    fn drop(&mut self) {
        self.hasher.update(&self.buf[..self.len]);
    }
}

/// Writes `tag`, then `bytes` framed by their length.
#[inline]
pub(crate) fn write_framed(out: &mut impl Write, tag: u8, bytes: &[u8]) {
    let mut head = [0; 9];
    head[0] = tag;
    head[1..].copy_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.write(&head);
    out.write(bytes);
}

/// Writes a name (of a type, field or variant) framed by its length, without a tag: its
/// place in the encoding already says it is a name.
#[inline]
fn write_name(out: &mut impl Write, name: &str) {
    out.write(&(name.len() as u64).to_le_bytes());
    out.write(name.as_bytes());
}

/// A value's `Serialize` impl failed (or misused serde), so it cannot be encoded.
#[derive(Debug)]
pub(crate) struct EncodeError(pub(crate) String);

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

impl ser::Error for EncodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        EncodeError(msg.to_string())
    }
}

/// The serializer: `value.serialize(&mut Encoder { out })`.
pub(crate) struct Encoder<W> {
    pub(crate) out: W,
}

impl<W: Write> Encoder<W> {
    #[inline]
    fn tag(&mut self, tag: u8) {
        self.out.write(&[tag]);
    }

    /// A variant's tag, enum name, index and name.
    fn variant(&mut self, tag: u8, name: &str, index: u32, variant: &str) {
        self.tag(tag);
        write_name(&mut self.out, name);
        self.out.write(&index.to_le_bytes());
        write_name(&mut self.out, variant);
    }
}

macro_rules! encode_le {
    ($($method:ident: $ty:ty => $tag:expr),* $(,)?) => {
        $(#[inline]
        fn $method(self, v: $ty) -> Result<(), EncodeError> {
            const N: usize = std::mem::size_of::<$ty>();
            let mut bytes = [0; 1 + N];
            bytes[0] = $tag;
            bytes[1..].copy_from_slice(&v.to_le_bytes());
            self.out.write(&bytes);
            Ok(())
        })*
    };
}

impl<'a, W: Write> ser::Serializer for &'a mut Encoder<W> {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Map<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    encode_le!(
        serialize_i8: i8 => tags::I8, serialize_i16: i16 => tags::I16,
        serialize_i32: i32 => tags::I32, serialize_i64: i64 => tags::I64,
        serialize_i128: i128 => tags::I128, serialize_u8: u8 => tags::U8,
        serialize_u16: u16 => tags::U16, serialize_u32: u32 => tags::U32,
        serialize_u64: u64 => tags::U64, serialize_u128: u128 => tags::U128,
        serialize_f32: f32 => tags::F32, serialize_f64: f64 => tags::F64,
    );

    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.tag(if v { tags::TRUE } else { tags::FALSE });
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.tag(tags::CHAR);
        self.out.write(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        write_framed(&mut self.out, tags::STR, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), EncodeError> {
        write_framed(&mut self.out, tags::BYTES, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), EncodeError> {
        self.tag(tags::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        self.tag(tags::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EncodeError> {
        self.tag(tags::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), EncodeError> {
        self.tag(tags::UNIT_STRUCT);
        write_name(&mut self.out, name);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<(), EncodeError> {
        self.variant(tags::UNIT_VARIANT, name, index, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.tag(tags::NEWTYPE_STRUCT);
        write_name(&mut self.out, name);
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.variant(tags::NEWTYPE_VARIANT, name, index, variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, W>, EncodeError> {
        // No length up front: elements are framed one by one, so a wrong or missing
        // length hint cannot make two sequences encode alike.
        self.tag(tags::SEQ);
        Ok(Compound { encoder: self })
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a, W>, EncodeError> {
        self.tag(tags::TUPLE);
        Ok(Compound { encoder: self })
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Compound<'a, W>, EncodeError> {
        self.tag(tags::TUPLE_STRUCT);
        write_name(&mut self.out, name);
        Ok(Compound { encoder: self })
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, W>, EncodeError> {
        self.variant(tags::TUPLE_VARIANT, name, index, variant);
        Ok(Compound { encoder: self })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'a, W>, EncodeError> {
        self.tag(tags::MAP);
        Ok(Map {
            encoder: self,
            entries: Vec::new(),
            current: None,
        })
    }
    fn serialize_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Compound<'a, W>, EncodeError> {
        self.tag(tags::STRUCT);
        write_name(&mut self.out, name);
        Ok(Compound { encoder: self })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, W>, EncodeError> {
        self.variant(tags::STRUCT_VARIANT, name, index, variant);
        Ok(Compound { encoder: self })
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}

/// A sequence, tuple or struct being written: each element or field after [`ELEMENT`],
/// then [`END`].
pub(crate) struct Compound<'a, W> {
    encoder: &'a mut Encoder<W>,
}

impl<W: Write> Compound<'_, W> {
    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.encoder.tag(ELEMENT);
        value.serialize(&mut *self.encoder)
    }

    #[inline]
    fn field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.encoder.tag(ELEMENT);
        write_name(&mut self.encoder.out, name);
        value.serialize(&mut *self.encoder)
    }

    #[inline]
    fn finish(self) -> Result<(), EncodeError> {
        self.encoder.tag(END);
        Ok(())
    }
}

macro_rules! compound_elements {
    ($($trait:ident :: $method:ident),* $(,)?) => {
        $(impl<W: Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = EncodeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
                self.element(value)
            }
            fn end(self) -> Result<(), EncodeError> {
                self.finish()
            }
        })*
    };
}
compound_elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

// A field serde skips (`skip_serializing_if`) writes nothing: the next field present is
// written with its own name, so it cannot be mistaken for the skipped one.
macro_rules! compound_fields {
    ($($trait:ident),* $(,)?) => {
        $(impl<W: Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = EncodeError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), EncodeError> {
                self.field(name, value)
            }
            fn end(self) -> Result<(), EncodeError> {
                self.finish()
            }
        })*
    };
}
compound_fields!(SerializeStruct, SerializeStructVariant);

/// A map being written. Stored: entry by entry, each after [`ELEMENT`], then [`END`].
/// Hashed: each entry gets its own digest, and the count and sorted digests are written at
/// the end, so iteration order does not matter.
pub(crate) struct Map<'a, W> {
    encoder: &'a mut Encoder<W>,
    entries: Vec<[u8; 32]>,
    current: Option<blake3::Hasher>,
}

impl<W: Write> ser::SerializeMap for Map<'_, W> {
    type Ok = ();
    type Error = EncodeError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        if W::HASHED_MAPS {
            let mut hasher = blake3::Hasher::new();
            key.serialize(&mut Encoder {
                out: HashSink::new(&mut hasher),
            })?;
            self.current = Some(hasher);
            Ok(())
        } else {
            self.encoder.tag(ELEMENT);
            key.serialize(&mut *self.encoder)
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        if W::HASHED_MAPS {
            let mut hasher = self
                .current
                .take()
                .ok_or_else(|| EncodeError("a map value without a key".into()))?;
            value.serialize(&mut Encoder {
                out: HashSink::new(&mut hasher),
            })?;
            self.entries.push(*hasher.finalize().as_bytes());
            Ok(())
        } else {
            value.serialize(&mut *self.encoder)
        }
    }

    fn end(mut self) -> Result<(), EncodeError> {
        if W::HASHED_MAPS {
            if self.current.is_some() {
                return Err(EncodeError("a map key without a value".into()));
            }
            self.entries.sort_unstable();
            let out = &mut self.encoder.out;
            out.write(&(self.entries.len() as u64).to_le_bytes());
            for entry in &self.entries {
                out.write(entry);
            }
        } else {
            self.encoder.tag(END);
        }
        Ok(())
    }
}
