//! How values are stored: the [tagged encoding](super::tags), self-describing and decoded
//! strictly (see [`decoder`](super::decoder)), so that an entry written for an older
//! definition of the output type is an error (a miss), never a wrong value.

use super::decoder::Decoder;
use super::encoder::{EncodeError, Encoder};
use super::CacheError;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CacheError> {
    let mut encoder = Encoder { out: Vec::new() };
    value
        .serialize(&mut encoder)
        .map_err(|EncodeError(message)| CacheError::Codec(message))?;
    Ok(encoder.out)
}

/// Decodes a whole entry; trailing bytes mean the entry is not what we wrote.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CacheError> {
    let mut decoder = Decoder::new(bytes);
    let value = T::deserialize(&mut decoder).map_err(|e| CacheError::Codec(e.to_string()))?;
    if decoder.is_done() {
        Ok(value)
    } else {
        Err(CacheError::Codec("trailing bytes after the value".into()))
    }
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
