//! An optional bound on a cache directory's total size, kept by evicting the least recently
//! used entries.
//!
//! Recency is an entry file's modification time: a write sets it, and a hit moves it
//! forward (at most once per [`TOUCH_AFTER`], so that a hot entry costs no syscall per hit).
//! Files are the only shared state, so any number of threads and processes can share one
//! bounded directory:
//!
//! - only whole entries (their final, 64-hex-digit names) are ever evicted: a temporary file
//!   another process is still writing is never touched;
//! - an entry is removed by unlinking it, so a reader that has it open reads it whole
//!   (and a reader that comes later misses); nothing is ever rewritten in place;
//! - each process counts its own writes from one scan of the directory and scans again
//!   when its count passes the bound, so the directory may exceed the bound by what other
//!   processes wrote since its last scan, until one of them next scans.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// A hit moves an entry's time forward only if it is older than this.
pub(super) const TOUCH_AFTER: Duration = Duration::from_secs(1);

/// An eviction frees down to this share of the bound, so that scans are not made on
/// every write once the directory is full.
const EVICT_TO_PERCENT: u64 = 90;

/// The bound and what this process believes the directory holds.
#[derive(Debug)]
pub(super) struct SizeBound {
    max_bytes: u64,
    /// Bytes stored, as of the last scan plus this process's writes since; `None` before
    /// the first scan.
    stored: Mutex<Option<u64>>,
}

/// One entry file found by a scan.
struct Found {
    modified: SystemTime,
    bytes: u64,
    path: PathBuf,
}

impl SizeBound {
    pub(super) fn new(max_bytes: u64) -> Self {
        SizeBound {
            max_bytes,
            stored: Mutex::new(None),
        }
    }

    pub(super) fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Forgets the count (the directory was cleared): the next write scans again.
    pub(super) fn reset(&self) {
        *self.stored.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Accounts for an entry file of `bytes` just written under `root`, and evicts the
    /// least recently used entries if the directory is then over the bound.
    pub(super) fn after_write(&self, root: &Path, bytes: u64) {
        // A poisoned count is only a number: keep using it.
        let mut stored = self.stored.lock().unwrap_or_else(|p| p.into_inner());
        let total = match *stored {
            Some(total) => total.saturating_add(bytes),
            None => scan(root).iter().map(|found| found.bytes).sum(),
        };
        *stored = Some(if total <= self.max_bytes {
            total
        } else {
            self.evict(root)
        });
    }

    /// Removes the oldest entries until the directory is under the eviction target; the
    /// bytes that remain.
    fn evict(&self, root: &Path) -> u64 {
        let mut entries = scan(root);
        let mut total: u64 = entries.iter().map(|found| found.bytes).sum();
        if total <= self.max_bytes {
            return total;
        }
        let target = self.max_bytes / 100 * EVICT_TO_PERCENT;
        entries.sort_by_key(|found| found.modified);
        for found in entries {
            if total <= target {
                break;
            }
            // Gone already (another process evicted it): the bytes are freed all the same.
            // Any other failure (an open file on some platforms) leaves it for a later scan.
            match fs::remove_file(&found.path) {
                Ok(()) => total -= found.bytes,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => total -= found.bytes,
                Err(_) => {}
            }
        }
        total
    }
}

/// Whether `name` is a name this cache gives: `digits` lowercase hex digits.
fn is_hex_name(name: &std::ffi::OsStr, digits: usize) -> bool {
    name.to_str().is_some_and(|name| {
        name.len() == digits && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Every entry file under `root`: regular files with an entry's name in a shard directory
/// (links and temporary files are not entries). Unreadable parts are skipped.
fn scan(root: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    let Ok(shards) = fs::read_dir(root) else {
        return found;
    };
    for shard in shards.flatten() {
        let is_dir = shard.file_type().is_ok_and(|kind| kind.is_dir());
        if !is_dir || !is_hex_name(&shard.file_name(), 2) {
            continue;
        }
        let Ok(files) = fs::read_dir(shard.path()) else {
            continue;
        };
        for file in files.flatten() {
            if !is_hex_name(&file.file_name(), 64) {
                continue;
            }
            // `DirEntry::metadata` does not follow links.
            let Ok(meta) = file.metadata() else { continue };
            if meta.is_file() {
                found.push(Found {
                    modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    bytes: meta.len(),
                    path: file.path(),
                });
            }
        }
    }
    found
}

/// Moves an entry's time forward after a hit, if it is older than [`TOUCH_AFTER`]. Best
/// effort: a file this user may not retime (a group cache's entry another member wrote)
/// keeps its time.
pub(super) fn touch(file: &fs::File, meta: &fs::Metadata) {
    let now = SystemTime::now();
    let stale = meta
        .modified()
        .map_or(true, |modified| modified + TOUCH_AFTER < now);
    if stale {
        let _ = file.set_modified(now);
    }
}

#[cfg(test)]
mod tests {
    use super::super::entry::HEADER_LEN;
    use super::super::DiskCache;
    use crate::{Cache, CacheKey};
    use std::time::{Duration, SystemTime};

    const PAYLOAD: usize = 100;
    const ENTRY: u64 = (HEADER_LEN + PAYLOAD) as u64;

    fn key(n: u8) -> CacheKey {
        CacheKey::from_bytes([n; 32])
    }

    fn value(n: u8) -> Vec<u8> {
        vec![n; PAYLOAD]
    }

    fn age(cache: &DiskCache, n: u8, seconds: u64) {
        let file = std::fs::File::options()
            .write(true)
            .open(cache.entry_path(&key(n)))
            .unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(seconds))
            .unwrap();
    }

    fn stored_bytes(dir: &std::path::Path) -> u64 {
        super::scan(dir).iter().map(|found| found.bytes).sum()
    }

    #[test]
    fn a_write_over_the_bound_evicts_the_least_recently_used_entries() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::new(dir.path())
            .unwrap()
            .with_max_bytes(3 * ENTRY);
        for n in 1..=3 {
            cache.put(&key(n), &value(n)).unwrap();
        }
        age(&cache, 1, 300);
        age(&cache, 2, 200);
        age(&cache, 3, 100);
        // Someone else's temporary file, old and large: never evicted.
        let shard = cache.entry_path(&key(1)).parent().unwrap().to_path_buf();
        let temp = shard.join(".tmp-another-writer");
        std::fs::write(&temp, vec![0u8; 4 * ENTRY as usize]).unwrap();
        // A hit makes entry 1 the most recently used of the three.
        assert_eq!(cache.get(&key(1)).unwrap(), Some(value(1)));
        cache.put(&key(4), &value(4)).unwrap();
        assert_eq!(cache.get(&key(2)).unwrap(), None, "least recently used");
        assert_eq!(cache.get(&key(3)).unwrap(), None, "evicted down to 90%");
        assert_eq!(cache.get(&key(1)).unwrap(), Some(value(1)), "hit recently");
        assert_eq!(cache.get(&key(4)).unwrap(), Some(value(4)), "just written");
        assert!(temp.exists(), "a temporary file is not an entry");
        assert!(stored_bytes(&cache.root) <= 3 * ENTRY);
    }

    #[test]
    fn an_unbounded_cache_keeps_everything() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::new(dir.path()).unwrap();
        assert_eq!(cache.max_bytes(), None);
        for n in 0..20 {
            cache.put(&key(n), &value(n)).unwrap();
        }
        assert_eq!(stored_bytes(&cache.root), 20 * ENTRY);
    }

    #[test]
    fn threads_sharing_a_bounded_cache_read_only_whole_right_entries() {
        let dir = tempfile::tempdir().unwrap();
        let max = 12 * ENTRY;
        let cache = DiskCache::new(dir.path()).unwrap().with_max_bytes(max);
        std::thread::scope(|scope| {
            for thread in 0..4u8 {
                let cache = &cache;
                scope.spawn(move || {
                    for round in 0..60u8 {
                        let n = thread * 60 + round;
                        cache.put(&key(n), &value(n)).unwrap();
                        for earlier in [n, n / 2, n.wrapping_sub(7)] {
                            let got = cache.get(&key(earlier)).unwrap();
                            assert!(got.is_none() || got == Some(value(earlier)));
                        }
                    }
                });
            }
        });
        let stored = stored_bytes(&cache.root);
        assert!(stored <= max, "{stored} bytes stored, bound {max}");
        assert!(stored > 0);
    }
}
