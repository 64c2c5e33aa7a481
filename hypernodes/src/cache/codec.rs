//! How values are stored: postcard, a compact and deterministic serde format, decoded
//! through [`Bounded`](super::bounded::Bounded) so that decoding stays proportional to the
//! entry's size.

use super::bounded::Bounded;
use super::CacheError;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CacheError> {
    postcard::to_allocvec(value).map_err(|e| CacheError::Codec(e.to_string()))
}

/// Decodes a whole entry; trailing bytes mean the entry is not what we wrote.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CacheError> {
    let mut deserializer = postcard::Deserializer::from_bytes(bytes);
    let value = T::deserialize(Bounded {
        inner: &mut deserializer,
        budget: bytes.len(),
    })
    .map_err(|e| CacheError::Codec(e.to_string()))?;
    match deserializer.finalize() {
        Ok([]) => Ok(value),
        Ok(_) => Err(CacheError::Codec("trailing bytes after the value".into())),
        Err(e) => Err(CacheError::Codec(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn values_round_trip() {
        let value: (Vec<String>, BTreeMap<u8, Option<f64>>, [u16; 3]) = (
            vec!["a".into(), "bc".into()],
            BTreeMap::from([(1, Some(0.5)), (2, None)]),
            [1, 2, 3],
        );
        let bytes = encode(&value).unwrap();
        assert_eq!(
            decode::<(Vec<String>, BTreeMap<u8, Option<f64>>, [u16; 3])>(&bytes).unwrap(),
            value
        );
    }

    #[test]
    fn claimed_lengths_beyond_the_entry_are_rejected() {
        // A varint length of 2^62 elements, then nothing.
        let crafted = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40];
        assert!(decode::<Vec<u64>>(&crafted).is_err());
        assert!(
            decode::<Vec<()>>(&crafted).is_err(),
            "zero-sized elements must not loop"
        );
        assert!(decode::<String>(&crafted).is_err());
        assert!(decode::<BTreeMap<(), ()>>(&crafted).is_err());
    }

    #[test]
    fn trailing_bytes_are_rejected() {
        let mut bytes = encode(&7u32).unwrap();
        bytes.push(0);
        assert!(decode::<u32>(&bytes).is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Decoding arbitrary bytes as any of these types returns a value or an error:
        /// it never panics, hangs or allocates by a claimed length.
        #[test]
        fn random_payloads_decode_or_fail_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = decode::<Vec<u64>>(&bytes);
            let _ = decode::<Vec<()>>(&bytes);
            let _ = decode::<Vec<Vec<String>>>(&bytes);
            let _ = decode::<BTreeMap<String, Vec<u8>>>(&bytes);
            let _ = decode::<(Option<i64>, String, f64)>(&bytes);
            let _ = decode::<std::collections::HashMap<u32, (u8, bool)>>(&bytes);
        }

        /// Encoded values decode to themselves.
        #[test]
        fn encoded_values_round_trip(value in proptest::collection::vec((proptest::num::i64::ANY, ".{0,8}"), 0..20)) {
            let bytes = encode(&value).unwrap();
            proptest::prop_assert_eq!(decode::<Vec<(i64, String)>>(&bytes).unwrap(), value);
        }
    }
}
