//! How the decoder hands collections, structs and enums to serde's visitors: element by
//! element up to the stored end marker, checking that the type reads everything stored.

use super::super::tags::{self, ELEMENT, END};
use super::{error, mismatch, DecodeError, Decoder, Result};
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};
/// Reads the [`ELEMENT`] or [`END`] marker before the next element; `Ok(false)` at the end.
pub(super) fn next_marker(de: &mut Decoder<'_>, done: &mut bool) -> Result<bool> {
    if *done {
        return Ok(false);
    }
    match de.byte()? {
        ELEMENT => Ok(true),
        END => {
            *done = true;
            Ok(false)
        }
        found => Err(error(format_args!(
            "expected an element or the end of a collection, the entry has byte {found:#04x}"
        ))),
    }
}

/// After the type's visitor returned: it must have read every stored element, or the entry
/// holds more than the type has (an older definition with more fields or elements).
pub(super) fn finish_marker(de: &mut Decoder<'_>, done: bool) -> Result<()> {
    if done || de.byte()? == END {
        Ok(())
    } else {
        Err(error("the entry has more elements than the type reads"))
    }
}

pub(super) struct Elements<'a, 'de> {
    pub(super) de: &'a mut Decoder<'de>,
    pub(super) done: bool,
}

impl Elements<'_, '_> {
    pub(super) fn finish(self) -> Result<()> {
        finish_marker(self.de, self.done)
    }
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if next_marker(self.de, &mut self.done)? {
            seed.deserialize(&mut *self.de).map(Some)
        } else {
            Ok(None)
        }
    }
}

pub(super) struct Entries<'a, 'de> {
    pub(super) de: &'a mut Decoder<'de>,
    pub(super) done: bool,
}

impl Entries<'_, '_> {
    pub(super) fn finish(self) -> Result<()> {
        finish_marker(self.de, self.done)
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if next_marker(self.de, &mut self.done)? {
            seed.deserialize(&mut *self.de).map(Some)
        } else {
            Ok(None)
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value> {
        seed.deserialize(&mut *self.de)
    }
}

pub(super) struct Fields<'a, 'de> {
    pub(super) de: &'a mut Decoder<'de>,
    pub(super) declared: Option<&'static [&'static str]>,
    /// Where in `declared` the next stored field may start.
    pub(super) next: usize,
    pub(super) done: bool,
}

impl Fields<'_, '_> {
    pub(super) fn finish(self) -> Result<()> {
        finish_marker(self.de, self.done)
    }
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !next_marker(self.de, &mut self.done)? {
            return Ok(None);
        }
        let name = self.de.str()?;
        if let Some(declared) = self.declared {
            let rest = declared.get(self.next..).unwrap_or_default();
            match rest.iter().position(|field| *field == name) {
                Some(offset) => self.next += offset + 1,
                None => {
                    return Err(error(format_args!(
                        "stored field `{name}` is not declared, or not in this order: {declared:?}"
                    )))
                }
            }
        }
        seed.deserialize(BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value> {
        seed.deserialize(&mut *self.de)
    }
}

/// A variant being read by its enum's `Deserialize` impl.
pub(super) struct Variant<'a, 'de> {
    pub(super) de: &'a mut Decoder<'de>,
    pub(super) tag: u8,
    pub(super) variant: &'de str,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = DecodeError;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self)> {
        let value = seed.deserialize(BorrowedStrDeserializer::new(self.variant))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = DecodeError;

    fn unit_variant(self) -> Result<()> {
        check_variant_kind(tags::UNIT_VARIANT, self.tag)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        check_variant_kind(tags::NEWTYPE_VARIANT, self.tag)?;
        seed.deserialize(self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        check_variant_kind(tags::TUPLE_VARIANT, self.tag)?;
        self.de.elements(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        check_variant_kind(tags::STRUCT_VARIANT, self.tag)?;
        self.de.fields(Some(fields), visitor)
    }
}

pub(super) fn check_variant_kind(expected: u8, found: u8) -> Result<()> {
    if expected == found {
        Ok(())
    } else {
        Err(mismatch(expected, found))
    }
}

/// A non-unit variant read without its type: a map of one entry, from the variant's name to
/// its content.
pub(super) struct VariantAsMap<'a, 'de> {
    pub(super) de: &'a mut Decoder<'de>,
    pub(super) tag: u8,
    pub(super) variant: Option<&'de str>,
}

impl<'de> de::MapAccess<'de> for VariantAsMap<'_, 'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.variant.take() {
            Some(variant) => seed
                .deserialize(BorrowedStrDeserializer::new(variant))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value> {
        match self.tag {
            tags::NEWTYPE_VARIANT => seed.deserialize(&mut *self.de),
            tag => seed.deserialize(VariantContent { de: self.de, tag }),
        }
    }
}

/// The elements of a tuple variant or the fields of a struct variant, as a sequence or map.
pub(super) struct VariantContent<'a, 'de> {
    pub(super) de: &'a mut Decoder<'de>,
    pub(super) tag: u8,
}

impl<'de> de::Deserializer<'de> for VariantContent<'_, 'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.tag == tags::TUPLE_VARIANT {
            self.de.elements(visitor)
        } else {
            self.de.fields(None, visitor)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}
