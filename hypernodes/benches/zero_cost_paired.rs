//! The zero-cost comparison of `zero_cost.rs`, measured so that load from other processes
//! cancels out: the runner and the hand-written variant run in alternating short batches,
//! and the table shows each one's fastest batch and the median of the per-round ratios.
//! Takes about half a minute:
//!
//! ```text
//! cargo bench -p hypernodes --bench zero_cost_paired
//! ```

mod common;

use common::{define_variants, for_each_case, real, trivial, X};
use std::hint::black_box;
use std::time::Instant;

/// Rounds per case; each round times one batch of each variant.
const ROUNDS: usize = 2000;
/// Target length of one batch.
const BATCH_NANOS: f64 = 20_000.0;

/// Nanoseconds per call over `n` calls of `f`.
fn time_batch<T>(f: fn(u64) -> T, n: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        black_box(f(black_box(X)));
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn compare<A, B>(group: &str, runner: fn(u64) -> A, by_hand: fn(u64) -> B) {
    // Warm up and size the batches.
    let rough = time_batch(by_hand, 1000).max(0.1);
    let n = (BATCH_NANOS / rough).clamp(1.0, 100_000.0) as u32;
    time_batch(runner, n);
    let (mut best_runner, mut best_by_hand) = (f64::MAX, f64::MAX);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        // Alternate which variant goes first, so neither always follows the other.
        let (r, h) = if round % 2 == 0 {
            let r = time_batch(runner, n);
            (r, time_batch(by_hand, n))
        } else {
            let h = time_batch(by_hand, n);
            (time_batch(runner, n), h)
        };
        best_runner = best_runner.min(r);
        best_by_hand = best_by_hand.min(h);
        ratios.push(r / h);
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "{group:<16} {best_runner:>10.2} {best_by_hand:>10.2} {:>12.3} {:>14.3}",
        best_runner / best_by_hand,
        ratios[ratios.len() / 2],
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only check.
    let measure = std::env::args().any(|arg| arg == "--bench");
    if measure {
        println!(
            "{:<16} {:>10} {:>10} {:>12} {:>14}",
            "ns per run", "runner", "by_hand", "ratio (min)", "median ratio"
        );
    }
    macro_rules! case {
        ($group:literal => $($case:tt)*) => {{
            define_variants!($group => $($case)*);
            if measure {
                compare($group, runner, by_hand);
            }
        }};
    }
    for_each_case!(case);
}
