//! `DiskCache` against hostile files and other local users: directories others can write,
//! links, huge sparse entries, FIFOs, and writers whose temporary names would clash.
//!
//! Tests that need root (to give a directory to another user) print a line and return when
//! not run as root.
#![cfg(unix)]

use hypernodes::{Cache, CacheError, CacheKey, DirectoryProblem, DiskCache, Error};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A fresh directory, made exclusively (never one someone else prepared), removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir()
                .join(format!("hn-hardening-{}-{nanos}-{n}", std::process::id()));
            let mut builder = fs::DirBuilder::new();
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            match builder.create(&path) {
                Ok(()) => return TempDir(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => panic!("cannot create a temporary directory: {e}"),
            }
        }
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// A directory inside this one, with `mode`.
    fn subdir(&self, name: &str, mode: u32) -> PathBuf {
        let dir = self.0.join(name);
        fs::create_dir(&dir).unwrap();
        chmod(&dir, mode);
        dir
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().mode() & 0o7777
}

/// The effective user: the owner of a directory this process just created.
fn running_as_root() -> bool {
    let probe = TempDir::new();
    fs::metadata(probe.path()).unwrap().uid() == 0
}

/// A uid that is not ours (nor root's).
const OTHER_UID: u32 = 54_321;

fn key(first: u8, rest: u8) -> CacheKey {
    let mut bytes = [rest; 32];
    bytes[0] = first;
    CacheKey::from_bytes(bytes)
}

/// A key in shard `first`, distinct for each `(thread, item)`.
fn thread_key(first: u8, thread: u8, item: u8) -> CacheKey {
    let mut bytes = [0; 32];
    bytes[..3].copy_from_slice(&[first, thread, item]);
    CacheKey::from_bytes(bytes)
}

fn shard_of(root: &Path, key: &CacheKey) -> PathBuf {
    root.join(&key.to_hex()[..2])
}

fn entry_of(root: &Path, key: &CacheKey) -> PathBuf {
    shard_of(root, key).join(key.to_hex())
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_world_writable_directory_is_refused_and_left_as_it_was() {
    let temp = TempDir::new();
    let dir = temp.subdir("cache", 0o777);
    let error = DiskCache::new(&dir).unwrap_err();
    assert!(
        matches!(
            error,
            Error::CacheDirectory {
                source: DirectoryProblem::Writable { mode: 0o777 },
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.report().to_string();
    assert!(message.contains("mode 0777"), "{message}");
    assert!(message.contains("every user"), "{message}");
    assert!(
        message.contains(&format!("chmod o-w {}", dir.display())),
        "{message}"
    );
    assert_eq!(
        mode(&dir),
        0o777,
        "the directory is not changed behind the user's back"
    );
}

#[test]
fn a_group_writable_directory_is_refused_unless_the_group_shares_it() {
    let temp = TempDir::new();
    let dir = temp.subdir("cache", 0o770);
    let error = DiskCache::new(&dir).unwrap_err();
    let message = error.report().to_string();
    assert!(
        matches!(
            error,
            Error::CacheDirectory {
                source: DirectoryProblem::Writable { mode: 0o770 },
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        message.contains(&format!("chmod 700 {}", dir.display()))
            && message.contains("shared_by_group"),
        "{message}"
    );

    chmod(&dir, 0o2770);
    let shared = DiskCache::shared_by_group(&dir).unwrap();
    let k = key(0x5e, 1);
    shared.put(&k, b"team value").unwrap();
    assert_eq!(shared.get(&k).unwrap().as_deref(), Some(&b"team value"[..]));
    let reopened = DiskCache::shared_by_group(&dir).unwrap();
    assert_eq!(
        reopened.get(&k).unwrap().as_deref(),
        Some(&b"team value"[..])
    );
    assert_eq!(mode(&shard_of(&dir, &k)), 0o2770, "shards keep the group");
    assert_eq!(
        mode(&entry_of(&dir, &k)),
        0o640,
        "members read, never write, entries"
    );
}

#[test]
fn a_world_writable_directory_is_refused_even_when_shared_by_a_group() {
    let temp = TempDir::new();
    for dir_mode in [0o777, 0o2777, 0o1777] {
        let dir = temp.subdir(&format!("cache-{dir_mode:o}"), dir_mode);
        let error = DiskCache::shared_by_group(&dir).unwrap_err();
        assert!(
            matches!(
                error,
                Error::CacheDirectory {
                    source: DirectoryProblem::Writable { .. },
                    ..
                }
            ),
            "{dir_mode:o}: {error:?}"
        );
        assert!(error.to_string().contains("chmod o-w"), "{error}");
    }
}

#[test]
fn a_directory_owned_by_another_user_is_refused_unless_shared_by_its_group() {
    if !running_as_root() {
        println!("skipped: giving a directory to another user needs root");
        return;
    }
    let temp = TempDir::new();
    let dir = temp.subdir("cache", 0o700);
    std::os::unix::fs::chown(&dir, Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    let error = DiskCache::new(&dir).unwrap_err();
    assert!(
        matches!(
            error,
            Error::CacheDirectory {
                source: DirectoryProblem::NotOwned {
                    owner: OTHER_UID,
                    user: 0
                },
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.report().to_string();
    assert!(
        message.contains("owned by uid 54321") && message.contains("directory of your own"),
        "{message}"
    );

    // A team's directory: another user's, writable by the group.
    chmod(&dir, 0o2770);
    let shared = DiskCache::shared_by_group(&dir).unwrap();
    let k = key(0x11, 2);
    shared.put(&k, b"from a teammate").unwrap();
    assert_eq!(
        shared.get(&k).unwrap().as_deref(),
        Some(&b"from a teammate"[..])
    );
}

#[test]
fn a_shard_directory_others_can_write_is_refused() {
    let temp = TempDir::new();
    let cache = DiskCache::new(temp.path()).unwrap();
    let k = key(0xab, 3);
    let shard = temp.subdir(&k.to_hex()[..2], 0o770);
    // A forged entry another user could have put there.
    let forged = TempDir::new();
    DiskCache::new(forged.path())
        .unwrap()
        .put(&k, b"forged")
        .unwrap();
    fs::copy(entry_of(forged.path(), &k), shard.join(k.to_hex())).unwrap();

    let looked_up = cache.get(&k);
    assert!(
        matches!(
            looked_up,
            Err(CacheError::Directory {
                source: DirectoryProblem::Writable { mode: 0o770 },
                ..
            })
        ),
        "{looked_up:?}"
    );
    let stored = cache.put(&k, b"mine");
    assert!(
        matches!(stored, Err(CacheError::Directory { .. })),
        "{stored:?}"
    );
    assert!(stored.unwrap_err().to_string().contains("chmod 700"));
    assert_eq!(names_in(&shard), [k.to_hex()], "nothing written there");
    assert_eq!(cache.stats().hits, 0);
}

#[test]
fn a_shard_directory_owned_by_another_user_is_refused() {
    if !running_as_root() {
        println!("skipped: giving a directory to another user needs root");
        return;
    }
    let temp = TempDir::new();
    let cache = DiskCache::new(temp.path()).unwrap();
    let k = key(0xcd, 4);
    let shard = temp.subdir(&k.to_hex()[..2], 0o700);
    std::os::unix::fs::chown(&shard, Some(OTHER_UID), None).unwrap();
    assert!(matches!(
        cache.get(&k),
        Err(CacheError::Directory {
            source: DirectoryProblem::NotOwned { .. },
            ..
        })
    ));
    assert!(cache.put(&k, b"mine").is_err());
    assert!(names_in(&shard).is_empty());
}

#[test]
fn a_linked_shard_directory_is_a_miss_and_nothing_is_written_through_it() {
    let temp = TempDir::new();
    let outside = TempDir::new();
    let k = key(0x42, 5);
    // A valid entry for the key, outside the cache.
    DiskCache::new(outside.path())
        .unwrap()
        .put(&k, b"outside")
        .unwrap();
    let target = shard_of(outside.path(), &k);
    let before = fs::read(entry_of(outside.path(), &k)).unwrap();

    let cache = DiskCache::new(temp.path()).unwrap();
    std::os::unix::fs::symlink(&target, shard_of(temp.path(), &k)).unwrap();
    assert_eq!(cache.get(&k).unwrap(), None, "a linked shard is a miss");
    let stored = cache.put(&k, b"inside");
    assert!(
        matches!(
            stored,
            Err(CacheError::Directory {
                source: DirectoryProblem::Symlink,
                ..
            })
        ),
        "{stored:?}"
    );
    assert_eq!(names_in(&target), [k.to_hex()], "nothing new outside");
    assert_eq!(fs::read(entry_of(outside.path(), &k)).unwrap(), before);

    // A link to an empty directory stays empty.
    let empty = TempDir::new();
    let k2 = key(0x43, 5);
    std::os::unix::fs::symlink(empty.path(), shard_of(temp.path(), &k2)).unwrap();
    assert!(cache.put(&k2, b"inside").is_err());
    assert!(names_in(empty.path()).is_empty());
    assert_eq!(cache.get(&k2).unwrap(), None);

    // `clear` removes the links, not what they point to.
    cache.clear().unwrap();
    assert!(names_in(temp.path()).is_empty());
    assert_eq!(names_in(&target), [k.to_hex()]);
}

#[test]
fn a_linked_entry_is_a_miss_and_a_store_replaces_the_link() {
    let temp = TempDir::new();
    let outside = TempDir::new();
    let k = key(0x77, 6);
    DiskCache::new(outside.path())
        .unwrap()
        .put(&k, b"outside")
        .unwrap();
    let target = entry_of(outside.path(), &k);
    let before = fs::read(&target).unwrap();

    let cache = DiskCache::new(temp.path()).unwrap();
    cache.put(&key(0x77, 7), b"makes the shard").unwrap();
    std::os::unix::fs::symlink(&target, entry_of(temp.path(), &k)).unwrap();
    assert_eq!(cache.get(&k).unwrap(), None, "a linked entry is a miss");

    cache.put(&k, b"inside").unwrap();
    assert_eq!(fs::read(&target).unwrap(), before, "not written through");
    assert!(fs::symlink_metadata(entry_of(temp.path(), &k))
        .unwrap()
        .is_file());
    assert_eq!(cache.get(&k).unwrap().as_deref(), Some(&b"inside"[..]));
}

#[test]
fn a_sparse_entry_claiming_64_gib_is_a_miss_without_allocating_it() {
    let temp = TempDir::new();
    let cache = DiskCache::new(temp.path()).unwrap();
    let k = key(0x99, 8);
    cache.put(&k, b"small").unwrap();
    let path = entry_of(temp.path(), &k);
    // The header's magic and key stay right; its length (bytes 40..48, after the magic and
    // the key) claims what the sparse file's size really is.
    const SIZE: u64 = 64 << 30;
    const HEADER_LEN: u64 = 80;
    let mut bytes = fs::read(&path).unwrap();
    bytes[40..48].copy_from_slice(&(SIZE - HEADER_LEN).to_le_bytes());
    fs::write(&path, &bytes[..HEADER_LEN as usize]).unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(SIZE)
        .unwrap();
    // Were the claimed length allocated, the process would abort here.
    assert_eq!(cache.get(&k).unwrap(), None);
    // The same from a cache whose bound lets the header's claim through to the size check.
    let lenient = DiskCache::new(temp.path())
        .unwrap()
        .with_max_entry_size(SIZE);
    let mut lying = bytes.clone();
    lying[40..48].copy_from_slice(&(SIZE * 2).to_le_bytes());
    fs::write(&path, &lying[..HEADER_LEN as usize]).unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(SIZE)
        .unwrap();
    assert_eq!(lenient.get(&k).unwrap(), None, "a length beyond the file");
}

#[test]
fn an_entry_over_the_bound_is_a_miss_and_is_not_stored() {
    let temp = TempDir::new();
    let k = key(0x12, 9);
    DiskCache::new(temp.path())
        .unwrap()
        .put(&k, &[1; 100])
        .unwrap();
    let bounded = DiskCache::new(temp.path()).unwrap().with_max_entry_size(99);
    assert_eq!(bounded.max_entry_size(), 99);
    assert_eq!(bounded.get(&k).unwrap(), None);
    let error = bounded.put(&k, &[2; 100]).unwrap_err();
    assert!(
        matches!(error, CacheError::TooLarge { size: 100, max: 99 }),
        "{error:?}"
    );
    assert!(error.to_string().contains("with_max_entry_size"), "{error}");
    assert_eq!(
        DiskCache::new(temp.path()).unwrap().get(&k).unwrap(),
        Some(vec![1; 100]),
        "the entry there was left alone"
    );
    assert_eq!(
        DiskCache::new(temp.path()).unwrap().max_entry_size(),
        DiskCache::DEFAULT_MAX_ENTRY_SIZE
    );
}

#[test]
fn a_fifo_at_an_entry_path_is_a_miss_and_does_not_block() {
    let temp = TempDir::new();
    let cache = DiskCache::new(temp.path()).unwrap();
    let k = key(0x3f, 10);
    cache.put(&k, b"value").unwrap();
    let path = entry_of(temp.path(), &k);
    fs::remove_file(&path).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &fs::symlink_metadata(&path).unwrap().file_type()
    ));
    let (sender, receiver) = std::sync::mpsc::channel();
    let root = temp.path().to_path_buf();
    std::thread::spawn(move || {
        let cache = DiskCache::new(root).unwrap();
        let _ = sender.send(cache.get(&k).map_err(|e| e.to_string()));
    });
    let found = receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("a lookup on a FIFO blocked");
    assert_eq!(found, Ok(None));
}

#[test]
fn files_of_other_writers_at_pid_based_names_are_never_touched() {
    let temp = TempDir::new();
    let cache = DiskCache::new(temp.path()).unwrap();
    let k = key(0x21, 11);
    cache.put(&k, b"first").unwrap();
    let shard = shard_of(temp.path(), &k);
    // What a writer in another PID namespace, with our pid, would have named its files.
    let pid = std::process::id();
    let theirs: Vec<PathBuf> = (0..2000)
        .map(|n| shard.join(format!(".tmp-{pid}-{n}")))
        .collect();
    for path in &theirs {
        fs::write(path, b"theirs").unwrap();
    }
    for round in 0..20u8 {
        cache.put(&k, &[round; 10]).unwrap();
        cache.put(&key(0x21, 100 + round), b"other").unwrap();
    }
    assert_eq!(cache.get(&k).unwrap(), Some(vec![19; 10]));
    for path in &theirs {
        assert_eq!(fs::read(path).unwrap(), b"theirs", "{path:?}");
    }
}

#[test]
fn concurrent_stores_of_distinct_keys_all_land() {
    let temp = TempDir::new();
    let cache = DiskCache::new(temp.path()).unwrap();
    std::thread::scope(|scope| {
        for thread in 0..8u8 {
            let cache = &cache;
            scope.spawn(move || {
                for i in 0..64u8 {
                    // Few shards, so that writers share directories.
                    cache
                        .put(&thread_key(i % 4, thread, i), &[thread, i])
                        .unwrap();
                }
            });
        }
    });
    for thread in 0..8u8 {
        for i in 0..64u8 {
            assert_eq!(
                cache.get(&thread_key(i % 4, thread, i)).unwrap(),
                Some(vec![thread, i])
            );
        }
    }
    let files: usize = names_in(temp.path())
        .iter()
        .map(|shard| {
            let names = names_in(&temp.path().join(shard));
            assert!(names.iter().all(|n| !n.starts_with(".tmp-")), "{names:?}");
            names.len()
        })
        .sum();
    assert_eq!(files, 8 * 64);
}
