//! A strict serde `Deserializer` for stored entries in the [tagged encoding](super::tags).
//!
//! Strict so that an entry written for an older definition of a type is an error (the
//! runner then treats it as a miss) rather than a wrong value: each `deserialize_*` call
//! accepts only its own tag (`deserialize_u32` on a stored `u64` fails), structs and enums
//! check their names, stored fields must come in the order the type declares them (skipped
//! ones may be absent), and a variant's name must match its index. `deserialize_any`
//! dispatches on the stored tag, so self-describing types (`serde_json::Value`, untagged
//! and internally tagged enums, `#[serde(flatten)]`) decode too.
//!
//! Bounded by the entry: a claimed length is checked against the bytes left before use,
//! each element costs at least two bytes and no length is announced to serde (so nothing
//! is preallocated), and nesting is limited to [`MAX_DEPTH`] levels.

use super::tags;
use serde::de::{self, Visitor};
use std::fmt;

mod access;

use access::{Elements, Entries, Fields, Variant, VariantAsMap};

/// How deeply values may nest, so that a crafted entry cannot exhaust the stack.
pub(crate) const MAX_DEPTH: usize = 128;

/// An entry that is not a valid encoding of the requested type.
#[derive(Debug)]
pub(crate) struct DecodeError(String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, DecodeError>;

fn error(msg: impl fmt::Display) -> DecodeError {
    DecodeError(msg.to_string())
}

/// Reads one value from the front of `input`.
pub(crate) struct Decoder<'de> {
    input: &'de [u8],
    depth: usize,
}

impl<'de> Decoder<'de> {
    pub(crate) fn new(input: &'de [u8]) -> Self {
        Decoder { input, depth: 0 }
    }

    /// Whether every byte was read.
    pub(crate) fn is_done(&self) -> bool {
        self.input.is_empty()
    }

    fn byte(&mut self) -> Result<u8> {
        let (&first, rest) = self
            .input
            .split_first()
            .ok_or_else(|| error("the entry ends in the middle of a value"))?;
        self.input = rest;
        Ok(first)
    }

    fn take(&mut self, len: usize) -> Result<&'de [u8]> {
        if len > self.input.len() {
            return Err(error(format_args!(
                "a length of {len} exceeds the {} bytes left in the entry",
                self.input.len()
            )));
        }
        let (taken, rest) = self.input.split_at(len);
        self.input = rest;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N)?);
        Ok(array)
    }

    /// Framed bytes: a `u64` length, then that many bytes.
    fn framed(&mut self) -> Result<&'de [u8]> {
        let len = u64::from_le_bytes(self.array()?);
        self.take(usize::try_from(len).unwrap_or(usize::MAX))
    }

    fn str(&mut self) -> Result<&'de str> {
        std::str::from_utf8(self.framed()?).map_err(|e| error(format_args!("invalid UTF-8: {e}")))
    }

    fn char(&mut self) -> Result<char> {
        let scalar = u32::from_le_bytes(self.array()?);
        char::from_u32(scalar).ok_or_else(|| error(format_args!("{scalar:#x} is not a char")))
    }

    fn expect(&mut self, expected: u8) -> Result<()> {
        let found = self.byte()?;
        if found == expected {
            Ok(())
        } else {
            Err(mismatch(expected, found))
        }
    }

    fn expect_name(&mut self, what: &str, expected: &str) -> Result<()> {
        let found = self.str()?;
        if found == expected {
            Ok(())
        } else {
            Err(error(format_args!(
                "expected {what} `{expected}`, the entry has `{found}`"
            )))
        }
    }

    /// Runs `f` one level deeper.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return Err(error(format_args!(
                "values nest more than {MAX_DEPTH} levels"
            )));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Elements up to [`END`], as a sequence; all must be read.
    fn elements<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.nested(|de| {
            let mut access = Elements { de, done: false };
            let value = visitor.visit_seq(&mut access)?;
            access.finish()?;
            Ok(value)
        })
    }

    /// Entries up to [`END`], as a map; all must be read.
    fn entries<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.nested(|de| {
            let mut access = Entries { de, done: false };
            let value = visitor.visit_map(&mut access)?;
            access.finish()?;
            Ok(value)
        })
    }

    /// Struct fields up to [`END`], as a map keyed by field name; when `declared` is
    /// given, the stored names must appear in its order.
    fn fields<V: Visitor<'de>>(
        &mut self,
        declared: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value> {
        self.nested(|de| {
            let mut access = Fields {
                de,
                declared,
                next: 0,
                done: false,
            };
            let value = visitor.visit_map(&mut access)?;
            access.finish()?;
            Ok(value)
        })
    }

    /// After a variant tag: the enum name (checked against `name` if given), the index and
    /// the variant name.
    fn variant_header(&mut self, name: Option<&str>) -> Result<(u32, &'de str)> {
        match name {
            Some(name) => self.expect_name("enum", name)?,
            None => {
                self.str()?;
            }
        }
        let index = u32::from_le_bytes(self.array()?);
        let variant = self.str()?;
        Ok((index, variant))
    }
}

fn tag_name(tag: u8) -> &'static str {
    match tag {
        tags::FALSE | tags::TRUE => "a bool",
        tags::I8 => "an i8",
        tags::I16 => "an i16",
        tags::I32 => "an i32",
        tags::I64 => "an i64",
        tags::I128 => "an i128",
        tags::U8 => "a u8",
        tags::U16 => "a u16",
        tags::U32 => "a u32",
        tags::U64 => "a u64",
        tags::U128 => "a u128",
        tags::F32 => "an f32",
        tags::F64 => "an f64",
        tags::CHAR => "a char",
        tags::STR => "a string",
        tags::BYTES => "bytes",
        tags::NONE | tags::SOME => "an option",
        tags::UNIT => "a unit",
        tags::UNIT_STRUCT => "a unit struct",
        tags::NEWTYPE_STRUCT => "a newtype struct",
        tags::SEQ => "a sequence",
        tags::TUPLE => "a tuple",
        tags::TUPLE_STRUCT => "a tuple struct",
        tags::MAP => "a map",
        tags::STRUCT => "a struct",
        tags::UNIT_VARIANT => "a unit variant",
        tags::NEWTYPE_VARIANT => "a newtype variant",
        tags::TUPLE_VARIANT => "a tuple variant",
        tags::STRUCT_VARIANT => "a struct variant",
        _ => "an unknown tag",
    }
}

fn mismatch(expected: u8, found: u8) -> DecodeError {
    error(format_args!(
        "expected {}, the entry has {} (tag {found:#04x})",
        tag_name(expected),
        tag_name(found)
    ))
}

macro_rules! decode_le {
    ($($method:ident => $visit:ident: $ty:ty = $tag:expr),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.expect($tag)?;
            visitor.$visit(<$ty>::from_le_bytes(self.array()?))
        })*
    };
}

impl<'de> de::Deserializer<'de> for &mut Decoder<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            tags::FALSE => visitor.visit_bool(false),
            tags::TRUE => visitor.visit_bool(true),
            tags::I8 => visitor.visit_i8(i8::from_le_bytes(self.array()?)),
            tags::I16 => visitor.visit_i16(i16::from_le_bytes(self.array()?)),
            tags::I32 => visitor.visit_i32(i32::from_le_bytes(self.array()?)),
            tags::I64 => visitor.visit_i64(i64::from_le_bytes(self.array()?)),
            tags::I128 => visitor.visit_i128(i128::from_le_bytes(self.array()?)),
            tags::U8 => visitor.visit_u8(u8::from_le_bytes(self.array()?)),
            tags::U16 => visitor.visit_u16(u16::from_le_bytes(self.array()?)),
            tags::U32 => visitor.visit_u32(u32::from_le_bytes(self.array()?)),
            tags::U64 => visitor.visit_u64(u64::from_le_bytes(self.array()?)),
            tags::U128 => visitor.visit_u128(u128::from_le_bytes(self.array()?)),
            tags::F32 => visitor.visit_f32(f32::from_le_bytes(self.array()?)),
            tags::F64 => visitor.visit_f64(f64::from_le_bytes(self.array()?)),
            tags::CHAR => visitor.visit_char(self.char()?),
            tags::STR => visitor.visit_borrowed_str(self.str()?),
            tags::BYTES => visitor.visit_borrowed_bytes(self.framed()?),
            tags::NONE => visitor.visit_none(),
            tags::SOME => self.nested(|de| visitor.visit_some(de)),
            tags::UNIT => visitor.visit_unit(),
            tags::UNIT_STRUCT => {
                self.str()?;
                visitor.visit_unit()
            }
            tags::NEWTYPE_STRUCT => {
                self.str()?;
                self.nested(|de| visitor.visit_newtype_struct(de))
            }
            tags::SEQ | tags::TUPLE => self.elements(visitor),
            tags::TUPLE_STRUCT => {
                self.str()?;
                self.elements(visitor)
            }
            tags::MAP => self.entries(visitor),
            tags::STRUCT => {
                self.str()?;
                self.fields(None, visitor)
            }
            // Variants read without their type (for example inside an untagged enum) look
            // as serde's self-describing formats show them: a unit variant as its name, the
            // others as a map from their name to their content.
            tags::UNIT_VARIANT => visitor.visit_borrowed_str(self.variant_header(None)?.1),
            tag @ (tags::NEWTYPE_VARIANT | tags::TUPLE_VARIANT | tags::STRUCT_VARIANT) => {
                let (_, variant) = self.variant_header(None)?;
                self.nested(|de| {
                    visitor.visit_map(VariantAsMap {
                        de,
                        tag,
                        variant: Some(variant),
                    })
                })
            }
            tag => Err(error(format_args!("unknown tag {tag:#04x} in the entry"))),
        }
    }

    decode_le!(
        deserialize_i8 => visit_i8: i8 = tags::I8,
        deserialize_i16 => visit_i16: i16 = tags::I16,
        deserialize_i32 => visit_i32: i32 = tags::I32,
        deserialize_i64 => visit_i64: i64 = tags::I64,
        deserialize_i128 => visit_i128: i128 = tags::I128,
        deserialize_u8 => visit_u8: u8 = tags::U8,
        deserialize_u16 => visit_u16: u16 = tags::U16,
        deserialize_u32 => visit_u32: u32 = tags::U32,
        deserialize_u64 => visit_u64: u64 = tags::U64,
        deserialize_u128 => visit_u128: u128 = tags::U128,
        deserialize_f32 => visit_f32: f32 = tags::F32,
        deserialize_f64 => visit_f64: f64 = tags::F64,
    );

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            tags::FALSE => visitor.visit_bool(false),
            tags::TRUE => visitor.visit_bool(true),
            found => Err(mismatch(tags::TRUE, found)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(tags::CHAR)?;
        visitor.visit_char(self.char()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(tags::STR)?;
        visitor.visit_borrowed_str(self.str()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(tags::BYTES)?;
        visitor.visit_borrowed_bytes(self.framed()?)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            tags::NONE => visitor.visit_none(),
            tags::SOME => self.nested(|de| visitor.visit_some(de)),
            found => Err(mismatch(tags::SOME, found)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(tags::UNIT)?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(tags::UNIT_STRUCT)?;
        self.expect_name("unit struct", name)?;
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(tags::NEWTYPE_STRUCT)?;
        self.expect_name("newtype struct", name)?;
        self.nested(|de| visitor.visit_newtype_struct(de))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(tags::SEQ)?;
        self.elements(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.expect(tags::TUPLE)?;
        self.elements(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(tags::TUPLE_STRUCT)?;
        self.expect_name("tuple struct", name)?;
        self.elements(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(tags::MAP)?;
        self.entries(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(tags::STRUCT)?;
        self.expect_name("struct", name)?;
        self.fields(Some(fields), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let tag = self.byte()?;
        if !matches!(
            tag,
            tags::UNIT_VARIANT | tags::NEWTYPE_VARIANT | tags::TUPLE_VARIANT | tags::STRUCT_VARIANT
        ) {
            return Err(error(format_args!(
                "expected a variant of `{name}`, the entry has {}",
                tag_name(tag)
            )));
        }
        let (index, variant) = self.variant_header(Some(name))?;
        let declared = usize::try_from(index)
            .ok()
            .and_then(|index| variants.get(index));
        if declared != Some(&variant) {
            return Err(error(format_args!(
                "variant `{variant}` of `{name}` is stored at index {index}, where the type has {}",
                declared.map_or("none".to_string(), |d| format!("`{d}`"))
            )));
        }
        self.nested(|de| visitor.visit_enum(Variant { de, tag, variant }))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}
