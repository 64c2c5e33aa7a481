//! A size-bounded `DiskCache` shared by two processes: each writes and reads entries while
//! the other's writes push the directory over its bound and evict. No read may return a
//! torn or foreign value, and the directory stays near the bound.
//!
//! The test runs this test binary twice more as workers (`worker` below, which does nothing
//! unless `HN_BOUND_DIR` is set).

use hypernodes::{Cache, CacheKey, DiskCache};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A directory for the test's cache, made by `DiskCache::new` (private to this user), removed
/// on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path = std::env::temp_dir().join(format!("hn-bound-{}-{nanos}", std::process::id()));
        DiskCache::new(&path).unwrap();
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PAYLOAD: usize = 300;
/// Entries written per worker.
const WRITES: u16 = 300;
/// About 40 entries (each payload plus an 80-byte header).
const MAX_BYTES: u64 = 40 * (PAYLOAD as u64 + 80);

fn key(worker: u8, n: u16) -> CacheKey {
    let mut bytes = [0u8; 32];
    bytes[0] = (n % 7) as u8;
    bytes[1] = worker;
    bytes[2..4].copy_from_slice(&n.to_le_bytes());
    CacheKey::from_bytes(bytes)
}

/// The value stored under `key(worker, n)`: every byte says whose it is.
fn value(worker: u8, n: u16) -> Vec<u8> {
    let mut value = vec![worker; PAYLOAD];
    value[..2].copy_from_slice(&n.to_le_bytes());
    value
}

fn cache(dir: &Path) -> DiskCache {
    DiskCache::new(dir).unwrap().with_max_bytes(MAX_BYTES)
}

/// Reads entries of both workers: each is missing or exactly what was stored.
fn check_reads(cache: &DiskCache, upto: u16) {
    for worker in [1u8, 2] {
        for n in (0..upto).step_by(13) {
            if let Some(got) = cache.get(&key(worker, n)).unwrap() {
                assert_eq!(got, value(worker, n), "entry {n} of worker {worker}");
            }
        }
    }
}

#[test]
fn worker() {
    let Some(dir) = std::env::var_os("HN_BOUND_DIR") else {
        return;
    };
    let id: u8 = std::env::var("HN_BOUND_ID").unwrap().parse().unwrap();
    let cache = cache(Path::new(&dir));
    for n in 0..WRITES {
        cache.put(&key(id, n), &value(id, n)).unwrap();
        if n % 10 == 0 {
            check_reads(&cache, n);
        }
    }
}

fn entry_bytes(dir: &Path) -> (u64, usize) {
    let (mut bytes, mut files) = (0, 0);
    for shard in std::fs::read_dir(dir).unwrap() {
        for file in std::fs::read_dir(shard.unwrap().path()).unwrap() {
            let meta = file.unwrap().metadata().unwrap();
            bytes += meta.len();
            files += 1;
        }
    }
    (bytes, files)
}

#[test]
fn two_processes_share_a_bounded_cache() {
    let dir = TempDir::new();
    let exe = std::env::current_exe().unwrap();
    let workers: Vec<_> = [1u8, 2]
        .into_iter()
        .map(|id| {
            Command::new(&exe)
                .args(["worker", "--exact", "--test-threads=1"])
                .env("HN_BOUND_DIR", dir.path())
                .env("HN_BOUND_ID", id.to_string())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut worker in workers {
        assert!(worker.wait().unwrap().success(), "a worker failed");
    }
    let (bytes, files) = entry_bytes(dir.path());
    assert!(files < 2 * WRITES as usize, "entries were evicted: {files}");
    // Each process counts its own writes between scans: the other's since its last scan
    // may come on top, never more.
    assert!(
        bytes <= 2 * MAX_BYTES,
        "{bytes} bytes left, bound {MAX_BYTES}"
    );
    // What is left is whole and right, and the latest entries of each worker survived.
    let cache = cache(dir.path());
    check_reads(&cache, WRITES);
    let latest = [1u8, 2]
        .iter()
        .filter(|&&w| cache.get(&key(w, WRITES - 1)).unwrap().is_some())
        .count();
    assert!(latest >= 1, "the most recent entries are kept");
}
