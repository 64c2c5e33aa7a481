//! What caching costs. Criterion groups (medians in
//! `target/criterion/<group>/<id>/new/estimates.json`):
//!
//! - `memory_hit`: one cached node (`u64 -> u64`) that hits a `MemoryCache` on every run
//!   (`cached_hit`), against the same node without `cache` (`uncached`). Target: a hit
//!   costs ≤ 300 ns.
//! - `disk_hit_chain10`: ten cached nodes in a chain, all hitting a warm `DiskCache`
//!   (`cached_hit`; `memory_hit` is the same graph on a `MemoryCache`). Target: ≤ 50 µs.
//!   The paired table also reads the same ten entry files raw (`std::fs::read`), the floor
//!   of a disk hit, as `disk10: disk / raw fs::read` (goal: ≤ 1.2).
//! - `hash_64mib`: the cache key of one 64 MiB `Vec<u8>` input, through the byte path that
//!   generated code uses for `Vec<u8>`/`String` (`key_input_bytes`) and through serde
//!   (`key_input_serde_4mib`: a 4 MiB prefix, since serde feeds a `[u8]` to the hasher as a
//!   sequence, element by element; compare throughputs), against `blake3::hash` of the same bytes (`blake3`). Target:
//!   `blake3 / key_input_bytes` ≥ 0.5. Also end to end: a run of a cached node taking
//!   the buffer, hitting a `MemoryCache` (`node_hit`: key + lookup, the node is not called),
//!   and the same run with no cache (`node_no_cache`: no key is computed, the node runs;
//!   both pay for dropping the buffer). The key's share of a run is
//!   `node_hit - node_no_cache`.
//! - `no_cached_nodes_chain10`: ten trivial uncached nodes, by `Runner::new()` (`runner`)
//!   and by a runner with a `MemoryCache` (`runner_with_cache`, runner built once;
//!   `runner_with_cache_built_per_run` builds the `MemoryCache` in every run). Target:
//!   ratio ~1.0.
//!
//! After the criterion groups, a paired table (variants alternating in short batches, so
//! that load from other processes cancels out) gives the same comparisons as ratios.
//! About a minute:
//!
//! ```text
//! cargo bench -p hypernodes --bench cache
//! ```

#[path = "common/paired.rs"]
mod paired;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use hypernodes::{graph, node, Cache, DiskCache, KeyBuilder, MemoryCache, NodeInfo, Runner};
use std::hint::black_box;
use std::time::Duration;

/// One cached node.
mod one_cached {
    use hypernodes::{graph, node};

    #[node(output_name = "y", cache)]
    pub fn f(x: u64) -> u64 {
        x.wrapping_mul(3) ^ 7
    }
    graph!(pub struct OneCached = [f]);
}

/// The same node without `cache`.
mod one_plain {
    use hypernodes::{graph, node};

    #[node(output_name = "y")]
    pub fn f(x: u64) -> u64 {
        x.wrapping_mul(3) ^ 7
    }
    graph!(pub struct OnePlain = [f]);
}

/// Ten nodes in a chain, `$($attr)*` on every one.
macro_rules! chain {
    ($module:ident, $graph:ident, $($attr:ident)?) => {
        pub mod $module {
            use hypernodes::{graph, node};

            #[node(output_name = "s1" $(, $attr)?)]
            pub fn n0(x: u64) -> u64 { x.wrapping_add(1) }
            #[node(output_name = "s2" $(, $attr)?)]
            pub fn n1(s1: u64) -> u64 { s1.wrapping_add(2) }
            #[node(output_name = "s3" $(, $attr)?)]
            pub fn n2(s2: u64) -> u64 { s2.wrapping_add(3) }
            #[node(output_name = "s4" $(, $attr)?)]
            pub fn n3(s3: u64) -> u64 { s3.wrapping_add(4) }
            #[node(output_name = "s5" $(, $attr)?)]
            pub fn n4(s4: u64) -> u64 { s4.wrapping_add(5) }
            #[node(output_name = "s6" $(, $attr)?)]
            pub fn n5(s5: u64) -> u64 { s5.wrapping_add(6) }
            #[node(output_name = "s7" $(, $attr)?)]
            pub fn n6(s6: u64) -> u64 { s6.wrapping_add(7) }
            #[node(output_name = "s8" $(, $attr)?)]
            pub fn n7(s7: u64) -> u64 { s7.wrapping_add(8) }
            #[node(output_name = "s9" $(, $attr)?)]
            pub fn n8(s8: u64) -> u64 { s8.wrapping_add(9) }
            #[node(output_name = "s10" $(, $attr)?)]
            pub fn n9(s9: u64) -> u64 { s9.wrapping_add(10) }

            graph!(pub struct $graph = [n0, n1, n2, n3, n4, n5, n6, n7, n8, n9]);
        }
    };
}
chain!(cached_chain, CachedChain, cache);
chain!(plain_chain, PlainChain,);

/// A cached node taking a large buffer.
#[node(output_name = "n", cache)]
fn buffer_len(data: Vec<u8>) -> u64 {
    data.len() as u64
}
graph!(struct Buffer = [buffer_len]);

use cached_chain::{CachedChain, CachedChainInputs};
use one_cached::{OneCached, OneCachedInputs};
use one_plain::{OnePlain, OnePlainInputs};
use plain_chain::{PlainChain, PlainChainInputs};

const X: u64 = 0x0123_4567_89ab_cdef;
const MIB64: usize = 64 << 20;
const SERDE_LEN: usize = 4 << 20;

/// The 64 MiB input (made once, when first needed): pseudo-random bytes.
fn big_input() -> &'static Vec<u8> {
    static DATA: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        (0..MIB64)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect()
    })
}

// The variants as opaque calls, so that inlining into the measuring loop differs for none.

#[inline(never)]
fn one_cached_run(runner: &Runner<(), &MemoryCache>, x: u64) -> u64 {
    runner.run(&OneCached, OneCachedInputs { x }).unwrap().y
}

#[inline(never)]
fn one_plain_run(runner: &Runner, x: u64) -> u64 {
    runner.run(&OnePlain, OnePlainInputs { x }).unwrap().y
}

#[inline(never)]
fn chain_cached_run<K: Cache>(runner: &Runner<(), K>, x: u64) -> u64 {
    runner
        .run(&CachedChain, CachedChainInputs { x })
        .unwrap()
        .s10
}

#[inline(never)]
fn plain_chain_run(runner: &Runner, x: u64) -> u64 {
    runner.run(&PlainChain, PlainChainInputs { x }).unwrap().s10
}

#[inline(never)]
fn plain_chain_run_cache(runner: &Runner<(), MemoryCache>, x: u64) -> u64 {
    runner.run(&PlainChain, PlainChainInputs { x }).unwrap().s10
}

#[inline(never)]
fn plain_chain_run_cache_built_per_run(x: u64) -> u64 {
    Runner::new()
        .with_cache(MemoryCache::new())
        .run(&PlainChain, PlainChainInputs { x })
        .unwrap()
        .s10
}

const INFO: &NodeInfo = &buffer_len::__HN_INFO;

#[inline(never)]
fn key_bytes(data: &[u8]) -> hypernodes::CacheKey {
    let mut builder = KeyBuilder::new(INFO, "u64");
    builder.input_bytes(data);
    builder.finish()
}

#[inline(never)]
fn key_serde(data: &[u8]) -> hypernodes::CacheKey {
    let mut builder = KeyBuilder::new(INFO, "u64");
    builder.input(data).unwrap();
    builder.finish()
}

/// The key of `data` serialized as serde bytes (as `serde_bytes` does), which the byte path
/// must match.
fn key_serde_bytes(data: &[u8]) -> hypernodes::CacheKey {
    struct Bytes<'a>(&'a [u8]);
    impl serde::Serialize for Bytes<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }
    let mut builder = KeyBuilder::new(INFO, "u64");
    builder.input(&Bytes(data)).unwrap();
    builder.finish()
}

/// A fresh directory for a `DiskCache`, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(label: &str) -> Self {
        let path = std::env::temp_dir().join(format!("hn-bench-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every regular file under `dir` (the entries of a `DiskCache`, in their shards).
fn entry_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for item in std::fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            files.extend(entry_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn memory_hit(c: &mut Criterion) {
    let cache = MemoryCache::new();
    let cached = Runner::new().with_cache(&cache);
    let plain = Runner::new();
    assert_eq!(one_cached_run(&cached, X), one_plain_run(&plain, X));
    let mut group = c.benchmark_group("memory_hit");
    group.bench_function("cached_hit", |b| {
        b.iter(|| one_cached_run(&cached, black_box(X)))
    });
    group.bench_function("uncached", |b| {
        b.iter(|| one_plain_run(&plain, black_box(X)))
    });
    group.finish();
    let stats = cache.stats();
    assert_eq!(stats.misses, 1, "every timed run must hit: {stats:?}");
}

fn disk_hit(c: &mut Criterion) {
    let dir = TempDir::new("disk");
    let disk = DiskCache::new(&dir.0).unwrap();
    let memory = MemoryCache::new();
    let on_disk = Runner::new().with_cache(&disk);
    let in_memory = Runner::new().with_cache(&memory);
    assert_eq!(
        chain_cached_run(&on_disk, X),
        chain_cached_run(&in_memory, X)
    );
    let mut group = c.benchmark_group("disk_hit_chain10");
    group.bench_function("cached_hit", |b| {
        b.iter(|| chain_cached_run(&on_disk, black_box(X)))
    });
    group.bench_function("memory_hit", |b| {
        b.iter(|| chain_cached_run(&in_memory, black_box(X)))
    });
    group.finish();
    assert_eq!(
        disk.stats().misses,
        10,
        "every timed run must hit: {:?}",
        disk.stats()
    );
    assert_eq!(
        memory.stats().misses,
        10,
        "every timed run must hit: {:?}",
        memory.stats()
    );
}

fn hash_64mib(c: &mut Criterion) {
    // Everything here is set up inside the benchmarks' closures, which criterion calls only
    // for the benchmarks selected, so that a filtered run does not make 64 MiB buffers.
    let mut group = c.benchmark_group("hash_64mib");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Bytes(MIB64 as u64));
    group.bench_function("blake3", |b| {
        let data = big_input();
        b.iter(|| blake3::hash(black_box(data)))
    });
    group.bench_function("key_input_bytes", |b| {
        let data = big_input();
        b.iter(|| key_bytes(black_box(data)))
    });
    // The serde path hashes byte by byte, so it gets a 4 MiB prefix.
    group.throughput(Throughput::Bytes(SERDE_LEN as u64));
    group.bench_function("key_input_serde_4mib", |b| {
        let prefix = &big_input()[..SERDE_LEN];
        assert_eq!(
            key_bytes(prefix),
            key_serde_bytes(prefix),
            "the byte path must write what serde writes for bytes"
        );
        b.iter(|| key_serde(black_box(prefix)))
    });
    group.throughput(Throughput::Bytes(MIB64 as u64));

    let cache = MemoryCache::new();
    let with_cache = Runner::new().with_cache(&cache);
    let no_cache = Runner::new();
    // Each run takes its own copy of the buffer, made outside the timing.
    group.bench_function("node_hit", |b| {
        let data = big_input();
        if cache.is_empty() {
            with_cache
                .run(&Buffer, BufferInputs { data: data.clone() })
                .unwrap();
        }
        b.iter_batched(
            || data.clone(),
            |data| with_cache.run(&Buffer, BufferInputs { data }).unwrap().n,
            BatchSize::PerIteration,
        )
    });
    group.bench_function("node_no_cache", |b| {
        let data = big_input();
        b.iter_batched(
            || data.clone(),
            |data| no_cache.run(&Buffer, BufferInputs { data }).unwrap().n,
            BatchSize::PerIteration,
        )
    });
    group.finish();
    assert!(
        cache.stats().misses <= 1,
        "every timed run must hit: {:?}",
        cache.stats()
    );
}

fn no_cached_nodes(c: &mut Criterion) {
    let plain = Runner::new();
    let with_cache = Runner::new().with_cache(MemoryCache::new());
    assert_eq!(
        plain_chain_run(&plain, X),
        plain_chain_run_cache(&with_cache, X)
    );
    let mut group = c.benchmark_group("no_cached_nodes_chain10");
    group.bench_function("runner", |b| {
        b.iter(|| plain_chain_run(&plain, black_box(X)))
    });
    group.bench_function("runner_with_cache", |b| {
        b.iter(|| plain_chain_run_cache(&with_cache, black_box(X)))
    });
    group.bench_function("runner_with_cache_built_per_run", |b| {
        b.iter(|| plain_chain_run_cache_built_per_run(black_box(X)))
    });
    group.finish();
    assert!(with_cache.cache().is_empty());
}

/// The same comparisons, interleaved.
fn paired_table() {
    let data = big_input();
    use paired::{compare, header, row};
    header("paired (a / b, ns per run)", "a", "b");

    let cache = MemoryCache::new();
    let cached = Runner::new().with_cache(&cache);
    let plain = Runner::new();
    let p = compare(
        || {
            black_box(one_cached_run(&cached, black_box(X)));
        },
        || {
            black_box(one_plain_run(&plain, black_box(X)));
        },
        1000,
        20_000.0,
    );
    row("memory_hit: hit / uncached", &p);

    let dir = TempDir::new("disk-paired");
    let disk = DiskCache::new(&dir.0).unwrap();
    let on_disk = Runner::new().with_cache(&disk);
    let memory = MemoryCache::new();
    let in_memory = Runner::new().with_cache(&memory);
    chain_cached_run(&on_disk, X);
    chain_cached_run(&in_memory, X);
    let p = compare(
        || {
            black_box(chain_cached_run(&on_disk, black_box(X)));
        },
        || {
            black_box(chain_cached_run(&in_memory, black_box(X)));
        },
        1000,
        200_000.0,
    );
    row("disk10: disk / memory", &p);
    // The floor: the same ten entry files read raw, as a hit must at least read them.
    let entries = entry_files(&dir.0);
    assert_eq!(entries.len(), 10, "one file per cached node: {entries:?}");
    let p = compare(
        || {
            black_box(chain_cached_run(&on_disk, black_box(X)));
        },
        || {
            for entry in &entries {
                black_box(std::fs::read(entry).unwrap());
            }
        },
        1000,
        200_000.0,
    );
    row("disk10: disk / raw fs::read", &p);

    let p = compare(
        || {
            black_box(blake3::hash(black_box(data)));
        },
        || {
            black_box(key_bytes(black_box(data)));
        },
        30,
        1.0,
    );
    row("64MiB: blake3 / key_bytes", &p);

    let with_cache = Runner::new().with_cache(MemoryCache::new());
    let p = compare(
        || {
            black_box(plain_chain_run(&plain, black_box(X)));
        },
        || {
            black_box(plain_chain_run_cache(&with_cache, black_box(X)));
        },
        2000,
        20_000.0,
    );
    row("chain10: plain / with_cache", &p);
    let p = compare(
        || {
            black_box(plain_chain_run(&plain, black_box(X)));
        },
        || {
            black_box(plain_chain_run_cache_built_per_run(black_box(X)));
        },
        2000,
        20_000.0,
    );
    row("chain10: plain / built_per_run", &p);
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    memory_hit(&mut c);
    disk_hit(&mut c);
    hash_64mib(&mut c);
    no_cached_nodes(&mut c);
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then criterion runs
    // each benchmark once, as a check. The paired table runs only for a plain `--bench`
    // (no filter, no `--profile-time`).
    if std::env::args().skip(1).all(|arg| arg == "--bench")
        && std::env::args().any(|arg| arg == "--bench")
    {
        paired_table();
    }
    c.final_summary();
}
