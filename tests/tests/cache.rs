//! Caching through the public API: hits skip calls, changes recompute, damage is a miss,
//! a failing cache never fails the run.

use hypernodes::callbacks::{Callback, NodeContext};
use hypernodes::{
    graph, node, Cache, CacheError, CacheKey, CacheStats, DiskCache, MemoryCache, Report, Runner,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Serialises the tests of this file: they count calls in shared statics.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    // One failed test must not fail the others through a poisoned lock.
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

static EMBED_CALLS: AtomicUsize = AtomicUsize::new(0);
static SCORE_CALLS: AtomicUsize = AtomicUsize::new(0);
static LABEL_CALLS: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "embedding", cache)]
fn embed(text: &str) -> Vec<f32> {
    EMBED_CALLS.fetch_add(1, Ordering::SeqCst);
    // Only the length matters: texts of equal length embed equally.
    vec![text.len() as f32; 4]
}

#[node(output_name = "score", cache)]
fn score(embedding: &[f32], weights: HashMap<String, f32>) -> f32 {
    SCORE_CALLS.fetch_add(1, Ordering::SeqCst);
    embedding.iter().sum::<f32>() * weights.values().sum::<f32>()
}

#[node(output_name = "label")]
fn label(score: f32) -> String {
    LABEL_CALLS.fetch_add(1, Ordering::SeqCst);
    format!("{score:.1}")
}

graph!(struct Scoring = [embed, score, label]);

fn inputs(text: &str) -> ScoringInputs {
    ScoringInputs {
        text: text.to_owned(),
        weights: HashMap::from([("a".to_owned(), 1.0), ("b".to_owned(), 0.5)]),
    }
}

fn calls() -> [usize; 3] {
    [&EMBED_CALLS, &SCORE_CALLS, &LABEL_CALLS].map(|c| c.load(Ordering::SeqCst))
}

fn delta(before: [usize; 3]) -> [usize; 3] {
    let now = calls();
    [now[0] - before[0], now[1] - before[1], now[2] - before[2]]
}

#[test]
fn same_inputs_skip_cached_nodes_and_changed_inputs_recompute() {
    let _serial = serial();
    let cache = MemoryCache::new();
    let runner = Runner::new().with_cache(&cache);

    let before = calls();
    let first = runner.run(&Scoring, inputs("hello")).unwrap();
    assert_eq!(delta(before), [1, 1, 1]);

    let before = calls();
    let again = runner.run(&Scoring, inputs("hello")).unwrap();
    assert_eq!(
        delta(before),
        [0, 0, 1],
        "cached nodes are not called; uncached ones always run"
    );
    assert_eq!(
        (again.embedding, again.score, again.label),
        (first.embedding, first.score, first.label)
    );

    let before = calls();
    runner.run(&Scoring, inputs("goodbye")).unwrap();
    assert_eq!(delta(before), [1, 1, 1]);
    assert_eq!(cache.stats(), CacheStats { hits: 2, misses: 4 });
}

#[test]
fn downstream_nodes_are_keyed_by_values_not_by_upstream_changes() {
    let _serial = serial();
    let runner = Runner::new().with_cache(MemoryCache::new());
    runner.run(&Scoring, inputs("abc")).unwrap();
    let before = calls();
    // A different text of the same length yields the same embedding: `score` hits.
    runner.run(&Scoring, inputs("xyz")).unwrap();
    assert_eq!(delta(before), [1, 0, 1]);
}

#[test]
fn hash_map_inputs_hit_whatever_their_iteration_order() {
    let _serial = serial();
    let runner = Runner::new().with_cache(MemoryCache::new());
    let mut small = inputs("map");
    small.weights = (0..100).map(|i| (format!("w{i}"), 1.0)).collect();
    runner.run(&Scoring, small).unwrap();
    let mut reordered = inputs("map");
    let mut weights = HashMap::with_capacity(4096);
    weights.extend((0..100).rev().map(|i| (format!("w{i}"), 1.0)));
    reordered.weights = weights;
    let before = calls();
    runner.run(&Scoring, reordered).unwrap();
    assert_eq!(delta(before), [0, 0, 1]);
}

/// Counts `on_node_cached` and `on_cache_error`.
#[derive(Default)]
struct CacheEvents {
    cached: Mutex<Vec<&'static str>>,
    errors: Mutex<Vec<String>>,
}

impl Callback for CacheEvents {
    fn on_node_cached(&self, node: &NodeContext) {
        self.cached.lock().unwrap().push(node.node.name);
    }
    fn on_cache_error(&self, node: &NodeContext, error: &CacheError) {
        self.errors
            .lock()
            .unwrap()
            .push(format!("{}: {}", node.node.name, Report::new(error)));
    }
}

#[test]
fn hits_are_reported_to_callbacks() {
    let _serial = serial();
    let runner = Runner::new()
        .with_cache(MemoryCache::new())
        .with_callback(CacheEvents::default());
    runner.run(&Scoring, inputs("events")).unwrap();
    runner.run(&Scoring, inputs("events")).unwrap();
    assert_eq!(
        *runner.callbacks().1.cached.lock().unwrap(),
        ["embed", "score"]
    );
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hypernodes-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn entry_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for shard in std::fs::read_dir(dir).unwrap() {
        let shard = shard.unwrap().path();
        if shard.is_dir() {
            files.extend(
                std::fs::read_dir(&shard)
                    .unwrap()
                    .map(|e| e.unwrap().path()),
            );
        }
    }
    files
}

#[test]
fn a_new_disk_cache_on_the_same_directory_hits() {
    let _serial = serial();
    let dir = temp_dir("reopen");
    Runner::new()
        .with_cache(DiskCache::new(&dir).unwrap())
        .run(&Scoring, inputs("persist"))
        .unwrap();
    let before = calls();
    let reopened = DiskCache::new(&dir).unwrap();
    Runner::new()
        .with_cache(&reopened)
        .run(&Scoring, inputs("persist"))
        .unwrap();
    assert_eq!(delta(before), [0, 0, 1]);
    assert_eq!(reopened.stats(), CacheStats { hits: 2, misses: 0 });
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Set in a child process: run the graph on this cache directory and print the calls.
const CHILD_DIR: &str = "HYPERNODES_TEST_CHILD_CACHE_DIR";

#[test]
fn child_process_entry_point() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    Runner::new()
        .with_cache(DiskCache::new(dir).unwrap())
        .run(&Scoring, inputs("processes"))
        .unwrap();
    println!("child-calls={:?}", calls());
}

#[test]
fn another_process_hits_entries_this_one_wrote() {
    let _serial = serial();
    let dir = temp_dir("processes");
    Runner::new()
        .with_cache(DiskCache::new(&dir).unwrap())
        .run(&Scoring, inputs("processes"))
        .unwrap();
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_process_entry_point",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, &dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("child-calls=[0, 0, 1]"),
        "child recomputed: {stdout}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn several_processes_share_one_directory_at_once() {
    let _serial = serial();
    let dir = temp_dir("concurrent-processes");
    DiskCache::new(&dir).unwrap();
    // Four processes race to compute and store the same entries.
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "child_process_entry_point",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD_DIR, &dir)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        assert!(String::from_utf8_lossy(&output.stdout).contains("child-calls="));
    }
    let files = entry_files(&dir);
    assert_eq!(
        files.len(),
        2,
        "one entry per cached node, no temporary files left: {files:?}"
    );
    let before = calls();
    let out = Runner::new()
        .with_cache(DiskCache::new(&dir).unwrap())
        .run(&Scoring, inputs("processes"))
        .unwrap();
    assert_eq!(
        delta(before),
        [0, 0, 1],
        "entries written concurrently are valid"
    );
    assert_eq!(out.embedding, vec![9.0; 4]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn damaged_entries_are_misses_and_are_rewritten() {
    let _serial = serial();
    let dir = temp_dir("damage");
    let good = Runner::new()
        .with_cache(DiskCache::new(&dir).unwrap())
        .run(&Scoring, inputs("damage"))
        .unwrap();
    let files = entry_files(&dir);
    assert_eq!(files.len(), 2);
    type Damage = fn(&[u8]) -> Vec<u8>;
    let damages: [Damage; 4] = [
        |_| Vec::new(),
        |bytes| bytes[..bytes.len() - 3].to_vec(),
        |bytes| bytes.iter().map(|b| b ^ 0x5a).collect(),
        |bytes| {
            let mut foreign = bytes.to_vec();
            foreign[12] ^= 1; // the key stored inside no longer matches the file name
            foreign
        },
    ];
    for damage in damages {
        for file in &files {
            let bytes = std::fs::read(file).unwrap();
            std::fs::write(file, damage(&bytes)).unwrap();
        }
        let before = calls();
        let out = Runner::new()
            .with_cache(DiskCache::new(&dir).unwrap())
            .run(&Scoring, inputs("damage"))
            .unwrap();
        assert_eq!(delta(before), [1, 1, 1], "a damaged entry must be a miss");
        assert_eq!(out.score, good.score);
        let before = calls();
        Runner::new()
            .with_cache(DiskCache::new(&dir).unwrap())
            .run(&Scoring, inputs("damage"))
            .unwrap();
        assert_eq!(
            delta(before),
            [0, 0, 1],
            "the entry must have been rewritten"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A cache whose storage always fails.
struct Broken;
impl Cache for Broken {
    fn get(&self, _: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
        Err(CacheError::Io {
            path: "/broken".into(),
            source: std::io::Error::other("disk on fire"),
        })
    }
    fn put(&self, _: &CacheKey, _: &[u8]) -> Result<(), CacheError> {
        Err(CacheError::Io {
            path: "/broken".into(),
            source: std::io::Error::other("disk full"),
        })
    }
    fn stats(&self) -> CacheStats {
        CacheStats::default()
    }
    fn clear(&self) -> Result<(), CacheError> {
        Ok(())
    }
}

#[test]
fn a_failing_cache_never_fails_the_run_and_is_reported() {
    let _serial = serial();
    let runner = Runner::new()
        .with_cache(Broken)
        .with_callback(CacheEvents::default());
    let out = runner.run(&Scoring, inputs("broken")).unwrap();
    assert_eq!(out.label, "36.0");
    let errors = runner.callbacks().1.errors.lock().unwrap().clone();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(
        errors[0].starts_with("embed: ") && errors[0].contains("disk on fire"),
        "{errors:?}"
    );
}

#[test]
fn an_unwritable_disk_cache_is_reported_not_fatal() {
    let _serial = serial();
    let dir = temp_dir("unwritable");
    let cache = DiskCache::new(&dir).unwrap();
    // Every shard directory name is taken by a file, so no entry can be written (even
    // as root, unlike permission bits).
    for i in 0..=255u8 {
        std::fs::write(dir.join(format!("{i:02x}")), b"in the way").unwrap();
    }
    let runner = Runner::new()
        .with_cache(&cache)
        .with_callback(CacheEvents::default());
    runner.run(&Scoring, inputs("unwritable")).unwrap();
    // Each cached node: the lookup fails (a shard is not a directory), then the store.
    let errors = runner.callbacks().1.errors.lock().unwrap().clone();
    assert_eq!(errors.len(), 4, "{errors:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_is_not_a_cache_directory() {
    let path = temp_dir("file");
    std::fs::write(&path, b"not a directory").unwrap();
    let error = DiskCache::new(&path).unwrap_err();
    assert!(
        matches!(error, hypernodes::Error::CacheDirectory { .. }),
        "{error:?}"
    );
    assert!(
        error.report().to_string().contains("not a directory"),
        "{error}"
    );
    std::fs::remove_file(&path).unwrap();
}

#[cfg(unix)]
#[test]
fn entries_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let _serial = serial();
    let dir = temp_dir("modes");
    Runner::new()
        .with_cache(DiskCache::new(&dir).unwrap())
        .run(&Scoring, inputs("modes"))
        .unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    for file in entry_files(&dir) {
        assert_eq!(mode(&file), 0o600, "{file:?}");
        assert_eq!(mode(file.parent().unwrap()), 0o700);
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()),
            "{name}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn threads_share_one_directory() {
    let _serial = serial();
    let dir = temp_dir("threads");
    let cache = DiskCache::new(&dir).unwrap();
    std::thread::scope(|scope| {
        for thread in 0..8 {
            let cache = &cache;
            scope.spawn(move || {
                let runner = Runner::new().with_cache(cache);
                for round in 0..20 {
                    let text = "x".repeat((thread + round) % 5 + 1);
                    let out = runner.run(&Scoring, inputs(&text)).unwrap();
                    assert_eq!(out.embedding, vec![text.len() as f32; 4]);
                }
            });
        }
    });
    assert!(entry_files(&dir)
        .iter()
        .all(|f| !f.to_str().unwrap().contains(".tmp-")));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn clear_empties_the_caches() {
    let _serial = serial();
    let dir = temp_dir("clear");
    let disk = DiskCache::new(&dir).unwrap();
    let memory = MemoryCache::new();
    Runner::new()
        .with_cache(&disk)
        .run(&Scoring, inputs("clear"))
        .unwrap();
    Runner::new()
        .with_cache(&memory)
        .run(&Scoring, inputs("clear"))
        .unwrap();
    assert_eq!(memory.len(), 2);
    disk.clear().unwrap();
    memory.clear().unwrap();
    assert!(entry_files(&dir).is_empty());
    assert!(memory.is_empty());
    assert_eq!(disk.stats(), CacheStats::default());
    let before = calls();
    Runner::new()
        .with_cache(&disk)
        .run(&Scoring, inputs("clear"))
        .unwrap();
    assert_eq!(delta(before), [1, 1, 1]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bounded_memory_cache_evicts_the_least_recently_used() {
    let _serial = serial();
    let cache = MemoryCache::with_capacity(2);
    let runner = Runner::new().with_cache(&cache);
    runner.run(&Scoring, inputs("one")).unwrap();
    runner.run(&Scoring, inputs("three")).unwrap();
    assert_eq!(cache.len(), 2);
    let before = calls();
    runner.run(&Scoring, inputs("one")).unwrap();
    assert_eq!(
        delta(before),
        [1, 1, 1],
        "entries of the first run were evicted"
    );
}

#[test]
fn an_optional_cache_caches_only_when_present() {
    let _serial = serial();
    let runner = Runner::new().with_cache(None::<MemoryCache>);
    runner.run(&Scoring, inputs("optional")).unwrap();
    let before = calls();
    runner.run(&Scoring, inputs("optional")).unwrap();
    assert_eq!(delta(before), [1, 1, 1]);
    let runner = Runner::new().with_cache(Some(MemoryCache::new()));
    runner.run(&Scoring, inputs("optional")).unwrap();
    let before = calls();
    runner.run(&Scoring, inputs("optional")).unwrap();
    assert_eq!(delta(before), [0, 0, 1]);
}
