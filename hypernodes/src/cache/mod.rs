//! Caching node outputs by content: the [`Cache`] trait, [`MemoryCache`] and [`DiskCache`].
//!
//! A node opts in with `#[node(output_name = "...", cache)]`; the cache itself lives on the
//! runner (`Runner::new().with_cache(..)`). See [`KeyBuilder`] for what the key covers.

mod codec;
mod decoder;
mod disk;
mod encoder;
mod key;
mod memory;
pub(crate) mod node;
mod tags;

pub use disk::DiskCache;
pub use key::{node_key, CacheKey, KeyBuilder, KeyError};
pub use memory::MemoryCache;

pub(crate) use codec::{decode, encode};

use std::sync::atomic::{AtomicU64, Ordering};

/// A store of encoded node outputs by [`CacheKey`].
///
/// Implementations must be safe to share between threads. A failing cache never fails a
/// run: the runner reports the [`CacheError`] to callbacks and runs the node.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a cache",
    label = "expected a cache here",
    note = "use `hypernodes::MemoryCache::new()` or `hypernodes::DiskCache::new(path)?`, or implement `hypernodes::Cache` for `{Self}`"
)]
pub trait Cache: Send + Sync {
    /// Whether lookups can ever hit; `false` only for [`NoCache`], so that runners skip
    /// hashing inputs when no cache is set.
    #[doc(hidden)]
    const ENABLED: bool = true;

    /// The bytes stored under `key`, or `None` on a miss. An entry that is damaged or
    /// unreadable as an entry of this cache is a miss, not an error.
    fn get(&self, key: &CacheKey) -> Result<Option<Vec<u8>>, CacheError>;

    /// Decodes the bytes stored under `key` with `decode`; by default through
    /// [`get`](Cache::get). A cache holding entries in memory overrides it to decode in place.
    #[doc(hidden)]
    fn get_decoded<T>(
        &self,
        key: &CacheKey,
        decode: fn(&[u8]) -> Result<T, CacheError>,
    ) -> Result<Option<Result<T, CacheError>>, CacheError> {
        Ok(self.get(key)?.map(|bytes| decode(&bytes)))
    }

    /// Stores `value` under `key`, replacing any entry.
    fn put(&self, key: &CacheKey, value: &[u8]) -> Result<(), CacheError>;

    /// Hits and misses so far.
    fn stats(&self) -> CacheStats;

    /// Removes every entry.
    fn clear(&self) -> Result<(), CacheError>;
}

/// A cache behind a reference or an `Arc` is the same cache, shared.
macro_rules! forward_cache {
    ($($pointer:ty),*) => {$(
        impl<C: Cache + ?Sized> Cache for $pointer {
            const ENABLED: bool = C::ENABLED;
            fn get(&self, key: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
                (**self).get(key)
            }
            fn get_decoded<T>(
                &self,
                key: &CacheKey,
                decode: fn(&[u8]) -> Result<T, CacheError>,
            ) -> Result<Option<Result<T, CacheError>>, CacheError> {
                (**self).get_decoded(key, decode)
            }
            fn put(&self, key: &CacheKey, value: &[u8]) -> Result<(), CacheError> {
                (**self).put(key, value)
            }
            fn stats(&self) -> CacheStats {
                (**self).stats()
            }
            fn clear(&self) -> Result<(), CacheError> {
                (**self).clear()
            }
        }
    )*};
}
forward_cache!(&C, std::sync::Arc<C>);

/// A cache that may be absent (`None` caches nothing), so that a flag can turn caching
/// off without a second runner type.
impl<C: Cache> Cache for Option<C> {
    fn get(&self, key: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
        match self {
            Some(cache) => cache.get(key),
            None => Ok(None),
        }
    }
    fn get_decoded<T>(
        &self,
        key: &CacheKey,
        decode: fn(&[u8]) -> Result<T, CacheError>,
    ) -> Result<Option<Result<T, CacheError>>, CacheError> {
        match self {
            Some(cache) => cache.get_decoded(key, decode),
            None => Ok(None),
        }
    }
    fn put(&self, key: &CacheKey, value: &[u8]) -> Result<(), CacheError> {
        match self {
            Some(cache) => cache.put(key, value),
            None => Ok(()),
        }
    }
    fn stats(&self) -> CacheStats {
        self.as_ref().map(Cache::stats).unwrap_or_default()
    }
    fn clear(&self) -> Result<(), CacheError> {
        self.as_ref().map_or(Ok(()), Cache::clear)
    }
}

/// The runner's cache when none is set: cached nodes always run.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoCache;

impl Cache for NoCache {
    const ENABLED: bool = false;
    fn get(&self, _: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
        Ok(None)
    }
    fn put(&self, _: &CacheKey, _: &[u8]) -> Result<(), CacheError> {
        Ok(())
    }
    fn stats(&self) -> CacheStats {
        CacheStats::default()
    }
    fn clear(&self) -> Result<(), CacheError> {
        Ok(())
    }
}

/// Counts of lookups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Lookups that found a valid entry.
    pub hits: u64,
    /// Lookups that found nothing usable.
    pub misses: u64,
}

/// Thread-safe hit/miss counters shared by the caches.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Counters {
    pub(crate) fn record(&self, hit: bool) {
        let counter = if hit { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn reset(&self) {
        self.hits.store(0, Ordering::Relaxed);
        self.misses.store(0, Ordering::Relaxed);
    }
}

/// A cache operation that failed. Runs go on: the node is computed instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CacheError {
    /// The cache's storage failed (I/O error, permissions, full disk).
    #[error("cache I/O error on {}", path.display())]
    Io {
        /// The file or directory involved.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A value could not be encoded or decoded with serde.
    #[error("cannot encode or decode a cached value: {0}")]
    Codec(String),
    /// A directory inside a [`DiskCache`] (a shard directory) is one the cache does not
    /// trust, so nothing was read or written through it.
    #[error("cannot use cache directory {}{}", path.display(), source.advice(path))]
    Directory {
        /// The directory.
        path: std::path::PathBuf,
        /// Why the cache refuses it.
        #[source]
        source: crate::error::DirectoryProblem,
    },
    /// A value is larger than the cache's bound on an entry's size, so it was not stored.
    #[error("a value of {size} bytes is larger than the cache's bound of {max} bytes per entry (see `DiskCache::with_max_entry_size`)")]
    TooLarge {
        /// The value's size in bytes.
        size: u64,
        /// The cache's bound.
        max: u64,
    },
    /// An input could not be hashed into a key.
    #[error(transparent)]
    Key(#[from] KeyError),
}
