//! The tagged encoding of the serde data model shared by cache keys and stored entries.
//!
//! Every value starts with a one-byte tag naming its kind, so values of different kinds
//! never share an encoding (`0u64`, `""`, `[]` and `{}` all differ), and every variable
//! part is framed, so the encoding of a value is never a prefix of another's:
//!
//! | kind | encoding after the tag |
//! |------|------------------------|
//! | `bool` | none (one tag per value) |
//! | each integer width and signedness, `f32`, `f64` | little-endian bytes (floats by bits) |
//! | `char` | its scalar value as `u32` |
//! | `str`, `bytes` | length as `u64`, then the bytes |
//! | `none`, `unit` | none |
//! | `some` | the value |
//! | unit struct | name |
//! | newtype struct | name, value |
//! | seq, tuple | elements, each after [`ELEMENT`], then [`END`] |
//! | tuple struct | name, then as a tuple |
//! | map (stored) | entries, each [`ELEMENT`] key value, then [`END`] |
//! | map (hashed) | entry count as `u64`, then the sorted digests of each entry's key and value |
//! | struct | name, then each field serde writes as [`ELEMENT`] name value, then [`END`] |
//! | enum variants | enum name, index as `u32`, variant name, then the content as above |
//!
//! Names are framed like `str`. A field that serde skips writes nothing. Sequences of
//! unknown length need no count up front, and each element costs at least two bytes, so
//! decoding an entry takes time and memory proportional to its size.

pub(crate) const FALSE: u8 = 0x01;
pub(crate) const TRUE: u8 = 0x02;
pub(crate) const I8: u8 = 0x03;
pub(crate) const I16: u8 = 0x04;
pub(crate) const I32: u8 = 0x05;
pub(crate) const I64: u8 = 0x06;
pub(crate) const I128: u8 = 0x07;
pub(crate) const U8: u8 = 0x08;
pub(crate) const U16: u8 = 0x09;
pub(crate) const U32: u8 = 0x0a;
pub(crate) const U64: u8 = 0x0b;
pub(crate) const U128: u8 = 0x0c;
pub(crate) const F32: u8 = 0x0d;
pub(crate) const F64: u8 = 0x0e;
pub(crate) const CHAR: u8 = 0x0f;
pub(crate) const STR: u8 = 0x10;
pub(crate) const BYTES: u8 = 0x11;
pub(crate) const NONE: u8 = 0x12;
pub(crate) const SOME: u8 = 0x13;
pub(crate) const UNIT: u8 = 0x14;
pub(crate) const UNIT_STRUCT: u8 = 0x15;
pub(crate) const NEWTYPE_STRUCT: u8 = 0x16;
pub(crate) const SEQ: u8 = 0x17;
pub(crate) const TUPLE: u8 = 0x18;
pub(crate) const TUPLE_STRUCT: u8 = 0x19;
pub(crate) const MAP: u8 = 0x1a;
pub(crate) const STRUCT: u8 = 0x1b;
pub(crate) const UNIT_VARIANT: u8 = 0x1c;
pub(crate) const NEWTYPE_VARIANT: u8 = 0x1d;
pub(crate) const TUPLE_VARIANT: u8 = 0x1e;
pub(crate) const STRUCT_VARIANT: u8 = 0x1f;

/// Precedes each element of a sequence, tuple or stored map, and each struct field.
pub(crate) const ELEMENT: u8 = 0xe0;
/// Closes a sequence, tuple, map or struct.
pub(crate) const END: u8 = 0xe1;
/// Precedes each input of a node in its key.
pub(crate) const INPUT: u8 = 0xf0;
