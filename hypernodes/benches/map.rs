//! What `Runner::map` costs. Criterion groups (medians in
//! `target/criterion/<group>/<id>/new/estimates.json`):
//!
//! - `map10k_trivial`: 10,000 items over two trivial nodes (`x + 1`, then `* 2`), by
//!   `Runner::new().map` (`runner_default`, rayon's global pool), by
//!   `Runner::new().with_parallelism(1).map` (`runner_sequential`) and by a plain loop
//!   calling the same functions into the same `Vec` of outputs (`plain_loop`). Each variant
//!   starts from the same borrowed slice, so building the map's input list is part of the
//!   map's cost. Target: under 0.5 ms.
//! - `map1k_cpu`: 1,000 items of about 100 µs of real work each (calibrated at start),
//!   default parallelism (`runner_default`) against `with_parallelism(1)`
//!   (`runner_sequential`), and the same work through rayon directly (`rayon_direct`: what
//!   parallelism can give on this machine now). Target: speed-up ≥ 1.7 on two cores.
//!
//! - `progress_hidden` (with `--features progress`): what a `ProgressCallback` that draws
//!   nothing (`ProgressDrawTarget::hidden()`, as when stderr is not a terminal) adds:
//!   1M trivial items (`1m_trivial/{none,hidden}`) and 2,000 items whose node maps 100
//!   items itself (`nested_2000x100/{none,hidden}`, the inner runner with the same
//!   callback). Target: `hidden` within 1.5x of `none`.
//!
//! After the criterion groups, a paired table (variants alternating, so that load from
//! other processes hits both alike) gives the same comparisons as ratios, and a table of
//! the CPU-bound map gives, per variant, the cores it actually got (CPU time / wall time):
//! on a machine shared with other work, a speed-up below 1.7 with about one core obtained
//! is the machine's load, not the runner. Under a minute:
//!
//! ```text
//! cargo bench -p hypernodes --bench map --features progress
//! ```

#[path = "common/paired.rs"]
mod paired;

use criterion::{Criterion, SamplingMode};
use hypernodes::{each, fixed, graph, node, MapMode, Runner};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[node(output_name = "y")]
fn inc(x: u64) -> u64 {
    x.wrapping_add(1)
}

#[node(output_name = "z")]
fn dbl(y: u64) -> u64 {
    y.wrapping_mul(2)
}

graph!(struct Trivial = [inc, dbl]);

/// About `rounds` dependent multiply/xorshift steps: real work that does not vectorise.
#[node(output_name = "h")]
fn spin(seed: u64, rounds: u64) -> u64 {
    let mut h = seed;
    for i in 0..rounds {
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9).wrapping_add(i);
    }
    h
}

graph!(struct Spin = [spin]);

const ITEMS: u64 = 10_000;
const CPU_ITEMS: u64 = 1_000;
/// Work per CPU-bound item.
const ITEM_NANOS: f64 = 100_000.0;

#[inline(never)]
fn map_trivial(runner: &Runner, xs: &[u64]) -> Vec<TrivialOutputs> {
    let inputs = TrivialMapInputs {
        x: each(xs.iter().copied()),
    };
    runner.map(&Trivial, inputs, MapMode::Zip).unwrap()
}

#[inline(never)]
fn plain_loop(xs: &[u64]) -> Vec<TrivialOutputs> {
    xs.iter()
        .map(|&x| {
            let y = inc(x);
            let z = dbl(y);
            TrivialOutputs { y, z }
        })
        .collect()
}

#[inline(never)]
fn map_spin(runner: &Runner, seeds: &[u64], rounds: u64) -> Vec<SpinOutputs> {
    let inputs = SpinMapInputs {
        seed: each(seeds.iter().copied()),
        rounds: fixed(rounds),
    };
    runner.map(&Spin, inputs, MapMode::Zip).unwrap()
}

/// The same work as `map_spin`, through rayon directly: what parallelism can give now.
#[inline(never)]
fn rayon_spin(seeds: &[u64], rounds: u64) -> Vec<SpinOutputs> {
    use rayon::prelude::*;
    seeds
        .par_iter()
        .map(|&seed| SpinOutputs {
            h: spin(seed, rounds),
        })
        .collect()
}

/// Rounds of `spin` that take about `ITEM_NANOS` on one thread here.
fn calibrate() -> u64 {
    let probe = 1 << 16;
    let mut best = f64::MAX;
    for _ in 0..20 {
        let start = Instant::now();
        black_box(spin(black_box(1), black_box(probe)));
        best = best.min(start.elapsed().as_nanos() as f64);
    }
    ((ITEM_NANOS / best) * probe as f64).round().max(1.0) as u64
}

fn check(xs: &[u64], default: &Runner, sequential: &Runner) {
    let expected = plain_loop(xs);
    for outputs in [map_trivial(default, xs), map_trivial(sequential, xs)] {
        assert_eq!(outputs.len(), expected.len());
        assert!(outputs
            .iter()
            .zip(&expected)
            .all(|(a, b)| (a.y, a.z) == (b.y, b.z)));
    }
}

fn map10k(c: &mut Criterion, xs: &[u64], default: &Runner, sequential: &Runner) {
    let mut group = c.benchmark_group("map10k_trivial");
    group.bench_function("runner_default", |b| {
        b.iter(|| map_trivial(default, black_box(xs)))
    });
    group.bench_function("runner_sequential", |b| {
        b.iter(|| map_trivial(sequential, black_box(xs)))
    });
    group.bench_function("plain_loop", |b| b.iter(|| plain_loop(black_box(xs))));
    group.finish();
}

fn map1k_cpu(c: &mut Criterion, seeds: &[u64], rounds: u64, default: &Runner, sequential: &Runner) {
    let mut group = c.benchmark_group("map1k_cpu");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    group.bench_function("runner_default", |b| {
        b.iter(|| map_spin(default, black_box(seeds), rounds))
    });
    group.bench_function("runner_sequential", |b| {
        b.iter(|| map_spin(sequential, black_box(seeds), rounds))
    });
    group.bench_function("rayon_direct", |b| {
        b.iter(|| rayon_spin(black_box(seeds), rounds))
    });
    group.finish();
}

fn paired_table(xs: &[u64], seeds: &[u64], rounds: u64, default: &Runner, sequential: &Runner) {
    use paired::{compare, header, row};
    header("paired (a / b, time per map)", "a", "b");
    let p = compare(
        || {
            black_box(map_trivial(default, black_box(xs)));
        },
        || {
            black_box(plain_loop(black_box(xs)));
        },
        300,
        2_000_000.0,
    );
    row("10k: default / plain_loop", &p);
    let p = compare(
        || {
            black_box(map_trivial(sequential, black_box(xs)));
        },
        || {
            black_box(plain_loop(black_box(xs)));
        },
        300,
        2_000_000.0,
    );
    row("10k: sequential / plain_loop", &p);
    cpu_table(seeds, rounds, default, sequential);
}

/// CPU time used by this process so far, all threads, in nanoseconds (Linux), so that the
/// table can show how many cores a variant actually got on a loaded machine.
fn cpu_nanos() -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// The CPU-bound map: rounds of (sequential, default, rayon directly), in rotating order;
/// per variant the median wall time and the cores it got (CPU time / wall time), and the
/// median per-round speed-up over the sequential run.
fn cpu_table(seeds: &[u64], rounds: u64, default: &Runner, sequential: &Runner) {
    type Variant<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let variants: [Variant; 3] = [
        (
            "runner_sequential",
            Box::new(|| drop(black_box(map_spin(sequential, seeds, rounds)))),
        ),
        (
            "runner_default",
            Box::new(|| drop(black_box(map_spin(default, seeds, rounds)))),
        ),
        (
            "rayon_direct",
            Box::new(|| drop(black_box(rayon_spin(seeds, rounds)))),
        ),
    ];
    const ROUNDS: usize = 12;
    let mut wall = [[0f64; ROUNDS]; 3];
    let mut cores = [[0f64; ROUNDS]; 3];
    for round in 0..ROUNDS {
        for k in 0..3 {
            let v = (round + k) % 3;
            let cpu = cpu_nanos();
            let start = Instant::now();
            (variants[v].1)();
            let elapsed = start.elapsed().as_nanos() as f64;
            wall[v][round] = elapsed;
            cores[v][round] = match (cpu, cpu_nanos()) {
                (Some(a), Some(b)) => (b - a) as f64 / elapsed,
                _ => f64::NAN,
            };
        }
    }
    let median = |values: &[f64]| {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    };
    println!("\n1k cpu-bound items, {ROUNDS} rounds: median wall, cores obtained, speed-up over sequential");
    for (v, (name, _)) in variants.iter().enumerate() {
        let speedups: Vec<f64> = (0..ROUNDS).map(|r| wall[0][r] / wall[v][r]).collect();
        println!(
            "{name:<28} {:>12} {:>8.2} cores {:>8.3}x (best {:.3}x)",
            paired::human(median(&wall[v])),
            median(&cores[v]),
            median(&speedups),
            speedups.iter().copied().fold(0.0, f64::max),
        );
    }
}

/// The hidden-progress cases: maps with no callback against maps with a
/// `ProgressCallback` that draws nothing.
#[cfg(feature = "progress")]
mod progress {
    use super::*;
    use hypernodes::callbacks::ProgressCallback;
    use indicatif::ProgressDrawTarget;
    use std::sync::OnceLock;

    pub const BIG: u64 = 1_000_000;
    const OUTER: u64 = 2_000;
    const INNER: u64 = 100;

    /// The callback the nested maps' inner runners use too, as one shared in a program.
    fn hidden() -> &'static ProgressCallback {
        static HIDDEN: OnceLock<ProgressCallback> = OnceLock::new();
        HIDDEN.get_or_init(|| ProgressCallback::with_target(ProgressDrawTarget::hidden()))
    }

    /// Maps `Trivial` over `width` items from inside an item of the outer map.
    #[node(output_name = "total")]
    fn fan(width: u64, progress: bool) -> u64 {
        let xs: Vec<u64> = (0..width).collect();
        let outs = if progress {
            let runner = Runner::new().with_callback(hidden());
            let inputs = TrivialMapInputs { x: each(xs) };
            runner.map(&Trivial, inputs, MapMode::Zip).unwrap()
        } else {
            let inputs = TrivialMapInputs { x: each(xs) };
            Runner::new().map(&Trivial, inputs, MapMode::Zip).unwrap()
        };
        outs.iter().map(|o| o.z).sum()
    }

    graph!(struct Nested = [fan]);

    #[inline(never)]
    pub fn big(progress: bool, xs: &[u64]) -> usize {
        let inputs = || TrivialMapInputs {
            x: each(xs.iter().copied()),
        };
        if progress {
            let runner = Runner::new().with_callback(hidden());
            runner.map(&Trivial, inputs(), MapMode::Zip).unwrap().len()
        } else {
            Runner::new()
                .map(&Trivial, inputs(), MapMode::Zip)
                .unwrap()
                .len()
        }
    }

    #[inline(never)]
    pub fn nested(progress: bool) -> usize {
        let inputs = NestedMapInputs {
            width: each(std::iter::repeat_n(INNER, OUTER as usize)),
            progress: fixed(progress),
        };
        if progress {
            let runner = Runner::new().with_callback(hidden());
            runner.map(&Nested, inputs, MapMode::Zip).unwrap().len()
        } else {
            Runner::new()
                .map(&Nested, inputs, MapMode::Zip)
                .unwrap()
                .len()
        }
    }

    pub fn group(c: &mut Criterion, xs: &[u64]) {
        let mut group = c.benchmark_group("progress_hidden");
        group.sample_size(10);
        for (id, progress) in [("none", false), ("hidden", true)] {
            group.bench_function(format!("1m_trivial/{id}"), |b| {
                b.iter(|| big(progress, black_box(xs)))
            });
            group.bench_function(format!("nested_2000x100/{id}"), |b| {
                b.iter(|| nested(progress))
            });
        }
        group.finish();
    }

    pub fn paired_rows(xs: &[u64]) {
        use super::paired::{compare, header, row};
        header("progress callback (a / b, time per map)", "hidden", "none");
        let p = compare(
            || {
                black_box(big(true, black_box(xs)));
            },
            || {
                black_box(big(false, black_box(xs)));
            },
            15,
            0.0,
        );
        row("1M items: hidden / none", &p);
        let p = compare(
            || {
                black_box(nested(true));
            },
            || {
                black_box(nested(false));
            },
            31,
            0.0,
        );
        row("2000x100 nested: hidden / none", &p);
    }
}

fn main() {
    let xs: Vec<u64> = (0..ITEMS).collect();
    let seeds: Vec<u64> = (0..CPU_ITEMS).collect();
    let default = Runner::new();
    let sequential = Runner::new().with_parallelism(1);
    check(&xs, &default, &sequential);
    let rounds = calibrate();

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then criterion runs
    // each benchmark once, as a check. The paired table runs only for a plain `--bench`
    // (no filter, no `--profile-time`).
    let measure = std::env::args().any(|arg| arg == "--bench");
    let run_paired = std::env::args().skip(1).all(|arg| arg == "--bench") && measure;
    if measure {
        println!(
            "spin: {rounds} rounds per item, {} threads per core-sized pool",
            rayon::current_num_threads()
        );
    }
    map10k(&mut c, &xs, &default, &sequential);
    map1k_cpu(&mut c, &seeds, rounds, &default, &sequential);
    #[cfg(feature = "progress")]
    let big: Vec<u64> = (0..progress::BIG).collect();
    #[cfg(feature = "progress")]
    progress::group(&mut c, &big);
    if run_paired {
        paired_table(&xs, &seeds, rounds, &default, &sequential);
        #[cfg(feature = "progress")]
        progress::paired_rows(&big);
    }
    c.final_summary();
}
