//! A cache in a directory, shared by threads and processes.

use super::{Cache, CacheError, CacheKey, CacheStats, Counters};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The first bytes of every entry: format name and version.
const MAGIC: &[u8; 8] = b"HNCACHE1";
/// Magic, key, payload length, payload checksum.
const HEADER_LEN: usize = 8 + 32 + 8 + 32;

/// Stores each entry as a file under a directory, so that later runs and other processes
/// reuse it.
///
/// - Writes are atomic: an entry is written to a temporary file in the same directory and
///   renamed into place, so readers see a whole entry or none.
/// - Every entry carries its key and a blake3 checksum of its payload; an empty,
///   truncated, corrupted or foreign file is a miss, and is replaced on the next write.
/// - Reading an entry allocates at most the entry's size.
/// - Files are created readable by their owner only (0600, directories 0700, on Unix);
///   file names are hex digests, so no key can name a path outside the directory.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("hn-doc-{}", std::process::id()));
/// let cache = hypernodes::DiskCache::new(&dir)?;
/// assert_eq!(cache.path(), dir.as_path());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), hypernodes::Error>(())
/// ```
pub struct DiskCache {
    root: PathBuf,
    counters: Counters,
}

impl DiskCache {
    /// Opens (creating it if needed) the cache directory at `path`.
    ///
    /// Fails if the path exists and is not a directory, or cannot be created.
    pub fn new(path: impl AsRef<Path>) -> Result<Self, crate::Error> {
        let root = path.as_ref().to_path_buf();
        if root.exists() && !root.is_dir() {
            return Err(crate::Error::CacheDirectory {
                path: root,
                source: io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "the path exists and is not a directory",
                ),
            });
        }
        create_private_dir(&root).map_err(|source| crate::Error::CacheDirectory {
            path: root.clone(),
            source,
        })?;
        Ok(DiskCache {
            root,
            counters: Counters::default(),
        })
    }

    /// The cache directory.
    pub fn path(&self) -> &Path {
        &self.root
    }

    fn entry_path(&self, key: &CacheKey) -> PathBuf {
        let hex = key.to_hex();
        self.root.join(&hex[..2]).join(hex)
    }

    fn read_entry(&self, key: &CacheKey, path: &Path) -> io::Result<Option<Vec<u8>>> {
        let mut file = match fs::File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        // Small entries (most) in one read, without asking the file's size first.
        let mut first = [0u8; 4096];
        let n = file.read(&mut first)?;
        let Some(declared) = first.get(40..48).filter(|_| n >= HEADER_LEN) else {
            return Ok(None);
        };
        let declared = u64::from_le_bytes(declared.try_into().unwrap());
        let total = (HEADER_LEN as u64).saturating_add(declared);
        let bytes = if total == n as u64 {
            first[..n].to_vec()
        } else if n == first.len() && total > n as u64 {
            // A large entry: allocate only what the file really holds.
            let len = file.metadata()?.len();
            if len != total {
                return Ok(None);
            }
            let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
            bytes.extend_from_slice(&first);
            file.take(len - n as u64).read_to_end(&mut bytes)?;
            bytes
        } else {
            return Ok(None);
        };
        Ok(parse_entry(key, bytes))
    }
}

/// The payload of a well-formed entry for `key`, else `None`.
fn parse_entry(key: &CacheKey, mut bytes: Vec<u8>) -> Option<Vec<u8>> {
    let header = bytes.get(..HEADER_LEN)?;
    if &header[..8] != MAGIC || &header[8..40] != key.as_bytes() {
        return None;
    }
    let declared = u64::from_le_bytes(header[40..48].try_into().ok()?);
    let checksum: [u8; 32] = header[48..80].try_into().ok()?;
    if declared != (bytes.len() - HEADER_LEN) as u64 {
        return None;
    }
    if blake3::hash(&bytes[HEADER_LEN..]).as_bytes() != &checksum {
        return None;
    }
    bytes.drain(..HEADER_LEN);
    Some(bytes)
}

fn encode_entry(key: &CacheKey, value: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER_LEN + value.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(key.as_bytes());
    bytes.extend_from_slice(&(value.len() as u64).to_le_bytes());
    bytes.extend_from_slice(blake3::hash(value).as_bytes());
    bytes.extend_from_slice(value);
    bytes
}

impl Cache for DiskCache {
    fn get(&self, key: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
        let path = self.entry_path(key);
        let found = self
            .read_entry(key, &path)
            .map_err(|source| CacheError::Io { path, source });
        self.counters.record(matches!(found, Ok(Some(_))));
        found
    }

    fn put(&self, key: &CacheKey, value: &[u8]) -> Result<(), CacheError> {
        let path = self.entry_path(key);
        let dir = path.parent().expect("entries live in a shard directory");
        let io_error = |source| CacheError::Io {
            path: path.clone(),
            source,
        };
        create_private_dir(dir).map_err(io_error)?;
        let temp = dir.join(temp_name());
        let written =
            write_private(&temp, &encode_entry(key, value)).and_then(|()| fs::rename(&temp, &path));
        if let Err(source) = written {
            let _ = fs::remove_file(&temp);
            return Err(io_error(source));
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
        for shard in fs::read_dir(&self.root).map_err(io_error)? {
            let shard = shard.map_err(io_error)?.path();
            // Only the two-hex-digit shard directories are ours.
            let ours = shard.is_dir()
                && shard
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_hexdigit()));
            if ours {
                fs::remove_dir_all(&shard).map_err(io_error)?;
            }
        }
        self.counters.reset();
        Ok(())
    }
}

impl std::fmt::Debug for DiskCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiskCache")
            .field("path", &self.root)
            .field("stats", &self.counters.snapshot())
            .finish()
    }
}

/// A name no other writer (thread or process) uses at the same time.
fn temp_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(".tmp-{}-{n}", std::process::id())
}

fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_round_trips_and_any_damage_is_a_miss() {
        let key = CacheKey::from_bytes([3; 32]);
        let other = CacheKey::from_bytes([4; 32]);
        let entry = encode_entry(&key, b"payload");
        assert_eq!(
            parse_entry(&key, entry.clone()).as_deref(),
            Some(&b"payload"[..])
        );
        assert_eq!(parse_entry(&other, entry.clone()), None, "foreign entry");
        for cut in 0..entry.len() {
            assert_eq!(
                parse_entry(&key, entry[..cut].to_vec()),
                None,
                "truncated at {cut}"
            );
        }
        for i in 0..entry.len() {
            let mut flipped = entry.clone();
            flipped[i] ^= 0x40;
            assert_eq!(parse_entry(&key, flipped), None, "flipped byte {i}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever bytes a cache file holds, reading it never panics, and only a
        /// well-formed entry for the right key yields a payload.
        #[test]
        fn random_entry_bytes_are_a_miss(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let key = CacheKey::from_bytes([9; 32]);
            let parsed = parse_entry(&key, bytes.clone());
            if let Some(payload) = parsed {
                proptest::prop_assert_eq!(encode_entry(&key, &payload), bytes);
            }
        }

        /// Real entries survive a round trip through a directory, and their payloads
        /// decode to what was stored.
        #[test]
        fn entries_round_trip_through_files(payload in proptest::collection::vec(proptest::num::u8::ANY, 0..200), seed in 0u8..255) {
            let dir = std::env::temp_dir().join(format!("hn-prop-{}-{seed}", std::process::id()));
            let cache = DiskCache::new(&dir).unwrap();
            let key = CacheKey::from_bytes([seed; 32]);
            cache.put(&key, &payload).unwrap();
            proptest::prop_assert_eq!(cache.get(&key).unwrap(), Some(payload));
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
}
