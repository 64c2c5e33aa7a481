//! How values are stored: postcard, a compact and deterministic serde format.

use super::CacheError;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CacheError> {
    postcard::to_allocvec(value).map_err(|e| CacheError::Codec(e.to_string()))
}

/// Decodes a whole entry; trailing bytes mean the entry is not what we wrote.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CacheError> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok(_) => Err(CacheError::Codec("trailing bytes after the value".into())),
        Err(e) => Err(CacheError::Codec(e.to_string())),
    }
}
