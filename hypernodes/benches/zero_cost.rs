//! "Zero cost, measured": `Runner::new().run(&G, GInputs { .. })` against hand-written calls
//! of the same functions, building the same `GOutputs`, on three shapes:
//!
//! - `chain10`: ten nodes, each feeding the next;
//! - `diamond`: `a → b`, `a → c`, `(b, c) → d`;
//! - `fanin50`: fifty independent nodes on one input, then one node taking all fifty.
//!
//! Each shape is benchmarked with real work per node (groups `chain10`, `diamond`,
//! `fanin50`) and, as the worst case for any per-node overhead, with trivial nodes (groups
//! `trivial_*`); see `common/mod.rs`. Inputs go through `black_box`, so neither variant can
//! be constant-folded.
//!
//! Run with `cargo bench -p hypernodes --bench zero_cost`. Each group has a `runner` and a
//! `by_hand` id; the ratio of their medians
//! (`target/criterion/<group>/<id>/new/estimates.json`, `median.point_estimate`) is the
//! runner's overhead. On a loaded machine, medians of two benchmarks measured one after the
//! other drift apart; `--bench zero_cost_paired` interleaves the two variants instead.

mod common;

use common::{define_variants, for_each_case, real, trivial, X};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;

fn zero_cost(c: &mut Criterion) {
    macro_rules! group {
        ($group:literal => $($case:tt)*) => {{
            define_variants!($group => $($case)*);
            let mut group = c.benchmark_group($group);
            group.bench_function("runner", |b| b.iter(|| runner(black_box(X))));
            group.bench_function("by_hand", |b| b.iter(|| by_hand(black_box(X))));
            group.finish();
        }};
    }
    for_each_case!(group);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = zero_cost
}
criterion_main!(benches);
