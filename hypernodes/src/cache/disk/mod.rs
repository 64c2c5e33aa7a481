//! A cache in a directory, shared by threads and processes, that files planted by others
//! cannot subvert.

mod bound;
mod entry;
mod file;
mod trust;

use super::{Cache, CacheError, CacheKey, CacheStats, Counters};
use crate::error::DirectoryProblem;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use trust::Sharing;

/// Stores each entry as a file under a directory, so that later runs and other processes
/// reuse it.
///
/// - **Trusted directories only**: whoever can write to the directory can make the cache
///   return values of their choosing, so [`new`](DiskCache::new) refuses a directory that
///   another user owns or that its group or others can write, and the cache refuses such a
///   shard directory inside it ([`DiskCache::shared_by_group`] is for a group that shares a
///   cache on purpose). On Unix, files are created `0600` and directories `0700`.
/// - **No links, no special files**: links inside the directory are never followed (a linked
///   shard directory or entry is a miss, and nothing is written through it); an entry must
///   be a regular file, so a FIFO is a miss rather than a lookup that blocks.
/// - **Atomic writes**: an entry is written to a temporary file in the same directory, under a
///   random name created exclusively, and renamed into place, so readers see a whole entry
///   or none, and writers never clash, even across PID namespaces.
/// - **Checked entries**: every entry carries its key and a blake3 checksum of its payload;
///   an empty, truncated, corrupted or foreign file is a miss, and is replaced on the next
///   write. The header and the file's real size are checked against
///   [`max_entry_size`](DiskCache::with_max_entry_size) before anything is allocated.
/// - File names are hex digests, so no key can name a path outside the directory.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let cache = hypernodes::DiskCache::new(dir.path())?;
/// assert_eq!(cache.path(), dir.path());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct DiskCache {
    /// The directory as given.
    path: PathBuf,
    /// The directory the path named when the cache was opened and checked.
    root: PathBuf,
    sharing: Sharing,
    max_entry_size: u64,
    /// Shard directories found trustworthy by this cache, so that a hit costs no extra
    /// `lstat`: nobody the cache does not trust can replace a shard in a trusted root.
    trusted_shards: ShardSet,
    counters: Counters,
    /// The optional bound on the directory's total size ([`DiskCache::with_max_bytes`]).
    bound: Option<bound::SizeBound>,
}

impl DiskCache {
    /// The default bound on an entry's payload: 256 MiB. A larger value is not stored, and a
    /// larger file is a miss, so that no file can make a lookup allocate more.
    pub const DEFAULT_MAX_ENTRY_SIZE: u64 = 256 << 20;

    /// Opens (creating it if needed) a cache directory private to the current user.
    ///
    /// Fails ([`Error::CacheDirectory`](crate::Error::CacheDirectory), saying why and what to
    /// do) if the path exists and is not a directory, cannot be created, or, on Unix, is not
    /// owned by the current (effective) user or can be written by its group or by others:
    /// another user could then replace its entries. A link to a directory is accepted for
    /// the directory itself (the directory it points to is checked); links inside it are
    /// not. On other platforms, only that it is a directory is checked (access control lists
    /// are not inspected).
    pub fn new(path: impl AsRef<Path>) -> Result<Self, crate::Error> {
        Self::open(path.as_ref(), Sharing::private())
    }

    /// Opens (creating it if needed) a cache directory that a Unix group shares on purpose.
    ///
    /// **Trust model: every member of the directory's group, and its owner, can write
    /// entries that all the others will read and use as node outputs.** Use it only for a
    /// group whose members you trust with that.
    ///
    /// The directory may belong to another user and be writable by its group, but never by
    /// others (`chmod o-w` it, else this fails with
    /// [`Error::CacheDirectory`](crate::Error::CacheDirectory)). The cache creates
    /// directories `2770` (setgid, so that they keep the group) and entries `0640` (members
    /// replace entries by renaming, never by writing into them), whatever the umask. Give the
    /// directory the group, and setgid, before the team uses it:
    /// `mkdir DIR && chgrp TEAM DIR && chmod 2770 DIR`.
    ///
    /// ```
    /// # let team = tempfile::tempdir()?;
    /// # let dir = team.path().join("cache");
    /// let cache = hypernodes::DiskCache::shared_by_group(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shared_by_group(path: impl AsRef<Path>) -> Result<Self, crate::Error> {
        Self::open(path.as_ref(), Sharing::Group)
    }

    fn open(path: &Path, sharing: Sharing) -> Result<Self, crate::Error> {
        let refuse = |source| crate::Error::CacheDirectory {
            path: path.to_path_buf(),
            source,
        };
        sharing.open_root(path).map_err(refuse)?;
        // Later lookups use the directory checked now, even if a link on the way changes.
        let root = fs::canonicalize(path).map_err(|e| refuse(e.into()))?;
        Ok(DiskCache {
            path: path.to_path_buf(),
            root,
            sharing,
            max_entry_size: Self::DEFAULT_MAX_ENTRY_SIZE,
            trusted_shards: ShardSet::default(),
            counters: Counters::default(),
            bound: None,
        })
    }

    /// Sets the bound on an entry's payload, in bytes
    /// (default [`DEFAULT_MAX_ENTRY_SIZE`](Self::DEFAULT_MAX_ENTRY_SIZE)). `put` of a larger
    /// value returns [`CacheError::TooLarge`] and stores nothing; a larger entry file is a
    /// miss. A lookup never allocates more than this.
    pub fn with_max_entry_size(mut self, bytes: u64) -> Self {
        self.max_entry_size = bytes;
        self
    }

    /// The bound on an entry's payload, in bytes.
    pub fn max_entry_size(&self) -> u64 {
        self.max_entry_size
    }

    /// Bounds the directory's total size (entry files, in bytes): when a write takes it
    /// over `bytes`, the least recently used entries (by write or hit) are removed until it
    /// holds about nine tenths of the bound. Unbounded by default.
    ///
    /// Safe with several threads and processes on one directory: only whole entries are
    /// removed (never a temporary file another writer is filling), a reader that has an
    /// entry open still reads all of it, and every entry read is checked, so an eviction
    /// can only turn a hit into a miss. Each process counts its own writes between scans of
    /// the directory, so with several writers the directory may pass the bound by what the
    /// others wrote since a process last scanned. A hit moves an entry's time forward at
    /// most once a second, so hot entries cost no extra system call.
    ///
    /// ```
    /// use hypernodes::{Cache, CacheKey, DiskCache};
    /// let dir = tempfile::tempdir()?;
    /// let cache = DiskCache::new(dir.path())?.with_max_bytes(64 << 20);
    /// assert_eq!(cache.max_bytes(), Some(64 << 20));
    /// cache.put(&CacheKey::from_bytes([1; 32]), b"value")?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_max_bytes(mut self, bytes: u64) -> Self {
        self.bound = Some(bound::SizeBound::new(bytes));
        self
    }

    /// The bound on the directory's total size, if any ([`with_max_bytes`](Self::with_max_bytes)).
    pub fn max_bytes(&self) -> Option<u64> {
        self.bound.as_ref().map(bound::SizeBound::max_bytes)
    }

    /// The cache directory, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key's entry file, `root/ab/abcd…` (its parent is the key's shard directory):
    /// built in one allocation, since a hit pays for it on every lookup.
    fn entry_path(&self, key: &CacheKey) -> PathBuf {
        let hex = blake3::Hash::from_bytes(*key.as_bytes()).to_hex();
        let mut path = PathBuf::with_capacity(self.root.as_os_str().len() + 4 + hex.len());
        path.push(&self.root);
        path.push(&hex[..2]);
        path.push(hex.as_str());
        path
    }

    /// The key's shard directory and entry file.
    fn paths(&self, key: &CacheKey) -> (PathBuf, PathBuf) {
        let entry = self.entry_path(key);
        let shard = entry
            .parent()
            .expect("an entry lives in a shard")
            .to_path_buf();
        (shard, entry)
    }

    /// Whether the lookup may go through the key's shard directory: `Ok(false)` when it does
    /// not exist or is a link (a miss), an error when it is not a directory the cache trusts.
    fn shard_readable(&self, key: &CacheKey, entry: &Path) -> Result<bool, CacheError> {
        let index = key.as_bytes()[0];
        if self.trusted_shards.contains(index) {
            return Ok(true);
        }
        let shard = entry.parent().expect("an entry lives in a shard");
        let meta = match fs::symlink_metadata(shard) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(source) => {
                return Err(CacheError::Io {
                    path: shard.to_path_buf(),
                    source,
                })
            }
        };
        match self.sharing.check_dir(&meta) {
            Ok(()) => {
                self.trusted_shards.insert(index);
                Ok(true)
            }
            Err(DirectoryProblem::Symlink) => Ok(false),
            Err(source) => Err(CacheError::Directory {
                path: shard.to_path_buf(),
                source,
            }),
        }
    }
}

impl Cache for DiskCache {
    fn get(&self, key: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
        let path = self.entry_path(key);
        let found = match self.shard_readable(key, &path) {
            Ok(true) => file::read_entry(
                &path,
                key,
                self.sharing,
                self.max_entry_size,
                self.bound.is_some(),
            )
            .map_err(|source| CacheError::Io { path, source }),
            Ok(false) => Ok(None),
            Err(e) => Err(e),
        };
        self.counters.record(matches!(found, Ok(Some(_))));
        found
    }

    fn put(&self, key: &CacheKey, value: &[u8]) -> Result<(), CacheError> {
        let size = value.len() as u64;
        if size > self.max_entry_size {
            return Err(CacheError::TooLarge {
                size,
                max: self.max_entry_size,
            });
        }
        let (shard, path) = self.paths(key);
        self.sharing
            .ensure_shard(&shard)
            .map_err(|source| CacheError::Directory {
                path: shard.clone(),
                source,
            })?;
        self.trusted_shards.insert(key.as_bytes()[0]);
        file::write_entry(&path, key, value, self.sharing)
            .map_err(|source| CacheError::Io { path, source })?;
        if let Some(bound) = &self.bound {
            bound.after_write(&self.root, entry::HEADER_LEN as u64 + size);
        }
        Ok(())
    }

    fn stats(&self) -> CacheStats {
        self.counters.snapshot()
    }

    fn clear(&self) -> Result<(), CacheError> {
        let io_error = |source| CacheError::Io {
            path: self.root.clone(),
            source,
        };
        self.trusted_shards.clear();
        if let Some(bound) = &self.bound {
            bound.reset();
        }
        for shard in fs::read_dir(&self.root).map_err(io_error)? {
            let shard = shard.map_err(io_error)?;
            // Only the two-hex-digit shard names are ours. A link there is removed, never
            // followed.
            let ours = shard
                .file_name()
                .to_str()
                .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_hexdigit()));
            let kind = shard.file_type().map_err(io_error)?;
            if ours && kind.is_dir() {
                fs::remove_dir_all(shard.path()).map_err(io_error)?;
            } else if ours && kind.is_symlink() {
                fs::remove_file(shard.path()).map_err(io_error)?;
            }
        }
        self.counters.reset();
        Ok(())
    }
}

impl std::fmt::Debug for DiskCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiskCache")
            .field("path", &self.path)
            .field("sharing", &self.sharing)
            .field("max_entry_size", &self.max_entry_size)
            .field("max_bytes", &self.max_bytes())
            .field("stats", &self.counters.snapshot())
            .finish()
    }
}

/// A set of shard indices (the first byte of a key), shared between threads.
#[derive(Debug, Default)]
struct ShardSet([AtomicU64; 4]);

impl ShardSet {
    fn contains(&self, index: u8) -> bool {
        let (word, bit) = (usize::from(index / 64), index % 64);
        self.0[word].load(Ordering::Relaxed) & (1 << bit) != 0
    }

    fn insert(&self, index: u8) {
        let (word, bit) = (usize::from(index / 64), index % 64);
        self.0[word].fetch_or(1 << bit, Ordering::Relaxed);
    }

    fn clear(&self) {
        for word in &self.0 {
            word.store(0, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Real entries survive a round trip through a directory, and their payloads
        /// decode to what was stored.
        #[test]
        fn entries_round_trip_through_files(payload in proptest::collection::vec(proptest::num::u8::ANY, 0..200), seed in 0u8..255) {
            let dir = tempfile::tempdir().unwrap();
            let cache = DiskCache::new(dir.path()).unwrap();
            let key = CacheKey::from_bytes([seed; 32]);
            cache.put(&key, &payload).unwrap();
            proptest::prop_assert_eq!(cache.get(&key).unwrap(), Some(payload));
        }
    }

    #[test]
    fn shard_sets_hold_every_index() {
        let set = ShardSet::default();
        for i in (0..=255u8).step_by(3) {
            set.insert(i);
        }
        assert!((0..=255u8).all(|i| set.contains(i) == (i % 3 == 0)));
        set.clear();
        assert!((0..=255u8).all(|i| !set.contains(i)));
    }

    #[test]
    fn a_value_over_the_bound_is_not_stored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::new(dir.path()).unwrap().with_max_entry_size(4);
        let key = CacheKey::from_bytes([7; 32]);
        assert!(matches!(
            cache.put(&key, b"12345"),
            Err(CacheError::TooLarge { size: 5, max: 4 })
        ));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        cache.put(&key, b"1234").unwrap();
        assert_eq!(cache.get(&key).unwrap().as_deref(), Some(&b"1234"[..]));
    }
}
