//! An in-process cache.

use super::{Cache, CacheError, CacheKey, CacheStats, Counters};
use std::hash::{BuildHasherDefault, Hasher};
use std::num::NonZeroUsize;
use std::sync::Mutex;

/// Keeps encoded outputs in memory, optionally bounded to a number of entries with
/// least-recently-used eviction. Cheap to share by reference (`with_cache(&cache)`) or
/// through an `Arc`.
///
/// ```
/// use hypernodes::MemoryCache;
///
/// let unbounded = MemoryCache::new();
/// let bounded = MemoryCache::with_capacity(10_000);
/// # let _ = (unbounded, bounded);
/// ```
pub struct MemoryCache {
    entries: Mutex<lru::LruCache<CacheKey, Vec<u8>, BuildHasherDefault<KeyHasher>>>,
    counters: Counters,
}

impl MemoryCache {
    /// An unbounded cache.
    pub fn new() -> Self {
        Self::build(lru::LruCache::unbounded_with_hasher(Default::default()))
    }

    /// A cache keeping at most `entries` entries (at least one), evicting the least
    /// recently used.
    pub fn with_capacity(entries: usize) -> Self {
        let capacity = NonZeroUsize::new(entries).unwrap_or(NonZeroUsize::MIN);
        Self::build(lru::LruCache::with_hasher(capacity, Default::default()))
    }

    fn build(entries: lru::LruCache<CacheKey, Vec<u8>, BuildHasherDefault<KeyHasher>>) -> Self {
        MemoryCache {
            entries: Mutex::new(entries),
            counters: Counters::default(),
        }
    }

    /// How many entries are stored.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no entry is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, lru::LruCache<CacheKey, Vec<u8>, BuildHasherDefault<KeyHasher>>>
    {
        // A panic while holding the lock cannot leave the map inconsistent (every update
        // is a single call), so a poisoned lock is still usable.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Default for MemoryCache {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for MemoryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryCache")
            .field("entries", &self.len())
            .field("stats", &self.counters.snapshot())
            .finish()
    }
}

impl Cache for MemoryCache {
    fn get(&self, key: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
        let found = self.lock().get(key).cloned();
        self.counters.record(found.is_some());
        Ok(found)
    }

    fn get_decoded<T>(
        &self,
        key: &CacheKey,
        decode: fn(&[u8]) -> Result<T, CacheError>,
    ) -> Result<Option<Result<T, CacheError>>, CacheError> {
        let found = self.lock().get(key).map(|bytes| decode(bytes));
        self.counters.record(found.is_some());
        Ok(found)
    }

    fn put(&self, key: &CacheKey, value: &[u8]) -> Result<(), CacheError> {
        self.lock().put(*key, value.to_vec());
        Ok(())
    }

    fn stats(&self) -> CacheStats {
        self.counters.snapshot()
    }

    fn clear(&self) -> Result<(), CacheError> {
        self.lock().clear();
        self.counters.reset();
        Ok(())
    }
}

/// Keys are already uniform digests: hashing them again would only cost time.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 ^= u64::from_le_bytes(word);
        }
    }
}
