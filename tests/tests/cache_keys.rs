//! Cache keys through the public API: values that serde describes differently never share
//! an entry, nodes defined in different modules never share entries, and an entry written
//! for an older definition of the output type is a miss, not a wrong value.

use hypernodes::{
    graph, node, Cache, CacheError, CacheKey, CacheStats, DiskCache, MemoryCache, Runner,
};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Serialises the tests of this file: they count calls in a shared static.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

static DESCRIBE_CALLS: AtomicUsize = AtomicUsize::new(0);

/// Says what kind of value the request's temperature is.
#[node(output_name = "kind", cache)]
fn describe(request: Value) -> String {
    DESCRIBE_CALLS.fetch_add(1, Ordering::SeqCst);
    match &request["temperature"] {
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {s:?}"),
        other => format!("other {other}"),
    }
}

graph!(struct Describe = [describe]);

fn kind_of(runner: &Runner<(), impl Cache>, request: Value) -> String {
    runner
        .run(&Describe, DescribeInputs { request })
        .unwrap()
        .kind
}

/// The requests that collided before keys were tagged, and what each must get.
fn check_json_requests_get_their_own_entries(cache: impl Cache) {
    let runner = Runner::new().with_cache(cache);
    let before = DESCRIBE_CALLS.load(Ordering::SeqCst);
    assert_eq!(kind_of(&runner, json!({"temperature": 0})), "number 0");
    assert_eq!(kind_of(&runner, json!({"temperature": ""})), "string \"\"");
    assert_eq!(kind_of(&runner, json!({"temperature": []})), "other []");
    assert_eq!(kind_of(&runner, json!({"temperature": {}})), "other {}");
    assert_eq!(DESCRIBE_CALLS.load(Ordering::SeqCst) - before, 4);
    // And equal requests still hit.
    assert_eq!(kind_of(&runner, json!({"temperature": 0})), "number 0");
    assert_eq!(kind_of(&runner, json!({"temperature": ""})), "string \"\"");
    assert_eq!(DESCRIBE_CALLS.load(Ordering::SeqCst) - before, 4);
}

#[test]
fn json_requests_of_different_kinds_get_their_own_entries_in_memory() {
    let _serial = serial();
    let cache = MemoryCache::new();
    check_json_requests_get_their_own_entries(&cache);
    assert_eq!(cache.stats(), CacheStats { hits: 2, misses: 4 });
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hypernodes-cache-keys-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn json_requests_of_different_kinds_get_their_own_entries_on_disk() {
    let _serial = serial();
    let dir = temp_dir("json");
    let cache = DiskCache::new(&dir).unwrap();
    check_json_requests_get_their_own_entries(&cache);
    assert_eq!(cache.stats(), CacheStats { hits: 2, misses: 4 });
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Defines the same node, token for token, in each module it is expanded in; what it
/// computes depends on the module's `factor`.
macro_rules! scaling_module {
    ($module:ident, $factor:expr) => {
        mod $module {
            use hypernodes::{graph, node};

            fn factor() -> u64 {
                $factor
            }

            #[node(output_name = "scaled", cache)]
            pub fn scale(x: u64) -> u64 {
                x * factor()
            }

            graph!(pub struct Scale = [scale]);
        }
    };
}

scaling_module!(double, 2);
scaling_module!(triple, 3);

#[test]
fn identical_nodes_in_different_modules_do_not_share_entries() {
    let _serial = serial();
    let cache = MemoryCache::new();
    let runner = Runner::new().with_cache(&cache);
    let doubled = runner
        .run(&double::Scale, double::ScaleInputs { x: 10 })
        .unwrap();
    assert_eq!(doubled.scaled, 20);
    let tripled = runner
        .run(&triple::Scale, triple::ScaleInputs { x: 10 })
        .unwrap();
    assert_eq!(tripled.scaled, 30);
    assert_eq!(cache.stats(), CacheStats { hits: 0, misses: 2 });
}

/// The output type as it was defined when the entry was written, and as it is now (the
/// fields swapped places: the same name, the same field names).
mod before_edit {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    pub struct Reading {
        pub x: u32,
        pub y: u32,
    }
}

mod after_edit {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    pub struct Reading {
        pub y: u32,
        pub x: u32,
    }
}

#[node(output_name = "reading", cache)]
fn read_before(x: u32) -> before_edit::Reading {
    before_edit::Reading { x, y: 1 }
}

static READ_AFTER_CALLS: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "reading", cache)]
fn read_after(x: u32) -> after_edit::Reading {
    READ_AFTER_CALLS.fetch_add(1, Ordering::SeqCst);
    after_edit::Reading { y: 2, x }
}

graph!(struct ReadBefore = [read_before]);
graph!(struct ReadAfter = [read_after]);

/// Serves one stored entry for every key, as a cache holding an entry written by an older
/// build would for the node's key.
struct Stale {
    entry: Mutex<Option<Vec<u8>>>,
}

impl Cache for Stale {
    fn get(&self, _: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
        Ok(self.entry.lock().unwrap().clone())
    }
    fn put(&self, _: &CacheKey, value: &[u8]) -> Result<(), CacheError> {
        let mut entry = self.entry.lock().unwrap();
        if entry.is_none() {
            *entry = Some(value.to_vec());
        }
        Ok(())
    }
    fn stats(&self) -> CacheStats {
        CacheStats::default()
    }
    fn clear(&self) -> Result<(), CacheError> {
        *self.entry.lock().unwrap() = None;
        Ok(())
    }
}

#[test]
fn an_entry_of_an_older_output_type_definition_is_a_miss() {
    let _serial = serial();
    let stale = Stale {
        entry: Mutex::new(None),
    };
    let runner = Runner::new().with_cache(&stale);
    runner.run(&ReadBefore, ReadBeforeInputs { x: 7 }).unwrap();
    assert!(stale.entry.lock().unwrap().is_some());

    let before = READ_AFTER_CALLS.load(Ordering::SeqCst);
    let now = runner.run(&ReadAfter, ReadAfterInputs { x: 7 }).unwrap();
    // Read as the new definition, the old entry would give `y: 7, x: 1`.
    assert_eq!(now.reading, after_edit::Reading { y: 2, x: 7 });
    assert_eq!(READ_AFTER_CALLS.load(Ordering::SeqCst) - before, 1);
}
