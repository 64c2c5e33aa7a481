//! Measures `ClusterRunner` against `Runner` in one run, on this machine, and prints
//! ratios. Build it optimized:
//!
//! ```sh
//! cargo run --release -p hypernodes-examples --bin cluster_bench
//! ```
//!
//! - **overhead**: 10,000 trivial items, `Runner::map` against `ClusterRunner::map` on
//!   `Cluster::local()` and on 2 local processes (each map includes connecting);
//! - **speed-up**: 1,000 items of about 1 ms of CPU, one process with one thread against
//!   2 processes with one thread each;
//! - **connect**: an empty map on 3 local processes (connect, handshake, tear down).
//!
//! Process 0 starts the other processes itself (copies of this binary); each scenario
//! runs `REPS` maps and reports the median.

#[path = "../local_cluster.rs"]
mod local_cluster;

use hypernodes::cluster::{Cluster, ClusterRunner, HOSTS_VARIABLE};
use hypernodes::{each, graph, node, MapMode, Runner};
use std::time::{Duration, Instant};

const REPS: usize = 7;

#[node(output_name = "out")]
fn work(item: u64, busy_us: u64) -> u64 {
    let start = Instant::now();
    let mut x = item;
    while start.elapsed() < Duration::from_micros(busy_us) {
        x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
    }
    x
}

graph!(
    /// One item of the benchmark.
    pub struct Work = [work]
);

fn inputs(items: u64, busy_us: u64) -> WorkMapInputs {
    WorkMapInputs {
        item: each(0..items),
        busy_us: hypernodes::fixed(busy_us),
    }
}

/// The scenarios every process runs, in this order (processes must make the same maps).
const SCENARIOS: [(&str, usize, u64, u64); 4] = [
    // (name, processes, items, busy µs per item)
    ("empty", 2, 0, 0),
    ("overhead", 2, 10_000, 0),
    ("speed-up", 2, 1_000, 1_000),
    ("connect", 3, 0, 0),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var_os(HOSTS_VARIABLE).is_some() {
        // A started process: serve one scenario's maps.
        let cluster = Cluster::from_env()?;
        let scenario = std::env::args().nth(1).ok_or("missing scenario")?;
        let &(_, _, items, busy) = SCENARIOS
            .iter()
            .find(|s| s.0 == scenario)
            .ok_or("unknown scenario")?;
        let runner = ClusterRunner::new(cluster, Runner::new().with_parallelism(1));
        for _ in 0..REPS {
            runner.map(&Work, || inputs(items, busy), MapMode::Zip)?;
        }
        return Ok(());
    }
    println!("cluster_bench: medians of {REPS} maps each, measured in this run\n");
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let timed = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };

    // Baselines in this process.
    let one_thread = Runner::new().with_parallelism(1);
    let runner_trivial = median(
        (0..REPS)
            .map(|_| {
                timed(&mut || {
                    drop(
                        one_thread
                            .map(&Work, inputs(10_000, 0), MapMode::Zip)
                            .unwrap(),
                    )
                })
            })
            .collect(),
    );
    let local = ClusterRunner::new(Cluster::local(), Runner::new().with_parallelism(1));
    let local_trivial = median(
        (0..REPS)
            .map(|_| {
                timed(&mut || {
                    drop(
                        local
                            .map(&Work, || inputs(10_000, 0), MapMode::Zip)
                            .unwrap(),
                    )
                })
            })
            .collect(),
    );
    let runner_busy = median(
        (0..3)
            .map(|_| {
                timed(&mut || {
                    drop(
                        one_thread
                            .map(&Work, inputs(1_000, 1_000), MapMode::Zip)
                            .unwrap(),
                    )
                })
            })
            .collect(),
    );

    let mut cluster_times = Vec::new();
    for &(name, processes, items, busy) in &SCENARIOS {
        let (cluster, mut children) = local_cluster::start(processes, [name.into()])?;
        let runner = ClusterRunner::new(cluster, Runner::new().with_parallelism(1));
        let times: Vec<Duration> = (0..REPS)
            .map(|_| {
                timed(&mut || {
                    drop(
                        runner
                            .map(&Work, || inputs(items, busy), MapMode::Zip)
                            .unwrap(),
                    )
                })
            })
            .collect();
        for (_, child) in &mut children {
            child.wait()?;
        }
        cluster_times.push(median(times));
    }
    let [empty, cluster_trivial, cluster_busy, connect] = cluster_times[..] else {
        unreachable!("four scenarios")
    };
    let per_item = |total: Duration| total.as_secs_f64() * 1e9 / 10_000.0;
    println!("10,000 trivial items, one thread per process:");
    println!(
        "  Runner::map                         {runner_trivial:>10.2?}  ({:.0} ns/item)",
        per_item(runner_trivial)
    );
    println!("  ClusterRunner, Cluster::local()     {local_trivial:>10.2?}  ({:.0} ns/item, {:.1}x Runner)", per_item(local_trivial), local_trivial.as_secs_f64() / runner_trivial.as_secs_f64());
    println!("  ClusterRunner, 2 processes          {cluster_trivial:>10.2?}  ({:.0} ns/item, {:.1}x Runner; includes connecting)", per_item(cluster_trivial), cluster_trivial.as_secs_f64() / runner_trivial.as_secs_f64());
    println!(
        "  empty map, 2 processes              {empty:>10.2?}  (connect, handshake, teardown)"
    );
    println!(
        "  per-item overhead, 2 processes, less the empty map and Runner::map: {:.0} ns",
        per_item(cluster_trivial.saturating_sub(empty)) - per_item(runner_trivial)
    );
    println!("1,000 items of 1 ms CPU:");
    println!("  Runner::map, 1 thread               {runner_busy:>10.2?}");
    println!(
        "  ClusterRunner, 2 processes x 1      {cluster_busy:>10.2?}  (speed-up {:.2}x)",
        runner_busy.as_secs_f64() / cluster_busy.as_secs_f64()
    );
    println!("empty map on 3 processes (connect + handshake + teardown): {connect:.2?}");
    Ok(())
}
