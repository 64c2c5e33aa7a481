//! What a mapped list entry (`Trivial { x: each(xs) }` in a `graph!` list) costs against
//! `Runner::map` of the same inner graph over the same items. Target (issue 10): at most
//! 1.2x.
//!
//! - `nested_map10k`: 10,000 items through two trivial nodes, by `Runner::map` of the
//!   inner graph (`runner_map`) and by running the outer graph that maps it
//!   (`nested_each`), both with the default parallelism and with `with_parallelism(1)`.
//!
//! After the criterion group, a paired table (variants alternating) gives the ratios
//! `nested_each / runner_map`:
//!
//! ```text
//! cargo bench -p hypernodes --bench nested_map
//! ```

#[path = "common/paired.rs"]
mod paired;

use criterion::Criterion;
use hypernodes::{each, graph, node, MapMode, Runner};
use std::hint::black_box;
use std::time::Duration;

#[node(output_name = "y")]
fn inc(x: u64) -> u64 {
    x.wrapping_add(1)
}

#[node(output_name = "z")]
fn dbl(y: u64) -> u64 {
    y.wrapping_mul(2)
}

graph!(struct Trivial = [inc, dbl]);
graph!(struct Nested = [Trivial { x: each(xs) }]);

const ITEMS: u64 = 10_000;

/// Both variants start from the same borrowed slice and return every output, in order.
#[inline(never)]
fn runner_map(runner: &Runner, xs: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let inputs = TrivialMapInputs {
        x: each(xs.iter().copied()),
    };
    runner
        .map(&Trivial, inputs, MapMode::Zip)
        .unwrap()
        .into_iter()
        .map(|out| (out.y, out.z))
        .unzip()
}

#[inline(never)]
fn nested_each(runner: &Runner, xs: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let out = runner
        .run(&Nested, NestedInputs { xs: xs.to_vec() })
        .unwrap();
    (out.y, out.z)
}

fn main() {
    let xs: Vec<u64> = (0..ITEMS).collect();
    let default = Runner::new();
    let sequential = Runner::new().with_parallelism(1);
    assert_eq!(nested_each(&default, &xs), runner_map(&default, &xs));

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let measure = std::env::args().any(|arg| arg == "--bench");
    let run_paired = std::env::args().skip(1).all(|arg| arg == "--bench") && measure;
    let mut group = c.benchmark_group("nested_map10k");
    for (name, runner) in [("default", &default), ("sequential", &sequential)] {
        group.bench_function(format!("runner_map/{name}"), |b| {
            b.iter(|| black_box(runner_map(runner, black_box(&xs))))
        });
        group.bench_function(format!("nested_each/{name}"), |b| {
            b.iter(|| black_box(nested_each(runner, black_box(&xs))))
        });
    }
    group.finish();
    if run_paired {
        use paired::{compare, header, row};
        header("paired (a = nested_each, b = runner_map)", "a", "b");
        for (name, runner) in [("default", &default), ("sequential", &sequential)] {
            let p = compare(
                || {
                    black_box(nested_each(runner, black_box(&xs)));
                },
                || {
                    black_box(runner_map(runner, black_box(&xs)));
                },
                200,
                2_000_000.0,
            );
            row(&format!("10k: {name}"), &p);
        }
    }
    c.final_summary();
}
