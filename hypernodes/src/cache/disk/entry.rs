//! The format of an entry file: a fixed-size header (magic, key, payload length, payload
//! checksum), then the payload.
//!
//! The header comes first and has a fixed size so that a reader can check that a file is an
//! entry for its key, and that its length is plausible, before it allocates for the payload.

use super::super::CacheKey;

/// The first bytes of every entry: format name and version.
const MAGIC: &[u8; 8] = b"HNCACHE1";
/// Magic, key, payload length, payload checksum.
pub(super) const HEADER_LEN: usize = 8 + 32 + 8 + 32;

/// What an entry's header says about its payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Header {
    /// The payload's length in bytes.
    pub(super) payload_len: u64,
    checksum: [u8; 32],
}

impl Header {
    /// The header of an entry for `key`, or `None` when the bytes are not an entry header
    /// or belong to another key.
    pub(super) fn parse(key: &CacheKey, bytes: &[u8; HEADER_LEN]) -> Option<Header> {
        if &bytes[..8] != MAGIC || &bytes[8..40] != key.as_bytes() {
            return None;
        }
        Some(Header {
            payload_len: u64::from_le_bytes(bytes[40..48].try_into().ok()?),
            checksum: bytes[48..80].try_into().ok()?,
        })
    }

    /// Whether `payload` is the payload this header describes.
    pub(super) fn matches(&self, payload: &[u8]) -> bool {
        payload.len() as u64 == self.payload_len
            && blake3::hash(payload).as_bytes() == &self.checksum
    }
}

/// The payload of a well-formed entry for `key`, else `None`.
pub(super) fn parse_entry<'a>(key: &CacheKey, bytes: &'a [u8]) -> Option<&'a [u8]> {
    let header = Header::parse(key, bytes.get(..HEADER_LEN)?.try_into().ok()?)?;
    let payload = &bytes[HEADER_LEN..];
    header.matches(payload).then_some(payload)
}

/// The whole entry file for `value` under `key`.
pub(super) fn encode_entry(key: &CacheKey, value: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER_LEN + value.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(key.as_bytes());
    bytes.extend_from_slice(&(value.len() as u64).to_le_bytes());
    bytes.extend_from_slice(blake3::hash(value).as_bytes());
    bytes.extend_from_slice(value);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_round_trips_and_any_damage_is_a_miss() {
        let key = CacheKey::from_bytes([3; 32]);
        let other = CacheKey::from_bytes([4; 32]);
        let entry = encode_entry(&key, b"payload");
        assert_eq!(parse_entry(&key, &entry), Some(&b"payload"[..]));
        assert_eq!(parse_entry(&other, &entry), None, "foreign entry");
        for cut in 0..entry.len() {
            assert_eq!(parse_entry(&key, &entry[..cut]), None, "truncated at {cut}");
        }
        for i in 0..entry.len() {
            let mut flipped = entry.clone();
            flipped[i] ^= 0x40;
            assert_eq!(parse_entry(&key, &flipped), None, "flipped byte {i}");
        }
    }

    #[test]
    fn the_header_alone_gives_the_payload_length() {
        let key = CacheKey::from_bytes([5; 32]);
        let entry = encode_entry(&key, &[7; 1000]);
        let header = Header::parse(&key, entry[..HEADER_LEN].try_into().unwrap()).unwrap();
        assert_eq!(header.payload_len, 1000);
        assert!(header.matches(&entry[HEADER_LEN..]));
        assert!(!header.matches(&entry[HEADER_LEN + 1..]));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever bytes a cache file holds, reading it never panics, and only a
        /// well-formed entry for the right key yields a payload.
        #[test]
        fn random_entry_bytes_are_a_miss(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let key = CacheKey::from_bytes([9; 32]);
            if let Some(payload) = parse_entry(&key, &bytes) {
                proptest::prop_assert_eq!(encode_entry(&key, payload), bytes);
            }
        }
    }
}
