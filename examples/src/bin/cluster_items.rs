//! A small cluster map that misbehaves on request: what `tests/cluster.rs` starts, several
//! times, to check `ClusterRunner` across real processes. Also a template for a program of
//! your own: it reads its place from `HYPERNODES_PROCESS` and `HYPERNODES_HOSTS`.
//!
//! ```sh
//! export HYPERNODES_HOSTS=127.0.0.1:7000,127.0.0.1:7001
//! HYPERNODES_PROCESS=1 cargo run -p hypernodes-examples --bin cluster_items -- --items 20 &
//! HYPERNODES_PROCESS=0 cargo run -p hypernodes-examples --bin cluster_items -- --items 20
//! ```
//!
//! Process 0 prints `index: square` per item (or `index: error: ...` with `--results`);
//! the others print `none`. Flags: `--items N`, `--fail K` (item K's node returns `Err`),
//! `--panic K` (item K's node panics), `--sleep-ms M` (each item sleeps), `--graph other`
//! (map another graph: a handshake mismatch), `--record FILE` (append each item run here
//! to FILE), `--results` (`map_results` instead of `map`), `--connect-timeout-ms T`,
//! `--busy-ms M` (each item spins on the CPU), `--threads T` (the wrapped runner's
//! parallelism), `--cache DIR` (a `DiskCache` every process shares).

use hypernodes::cluster::{Cluster, ClusterRunner};
use hypernodes::{each, graph, node, Cache, DiskCache, MapMode, Runner};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How items misbehave: set once from the flags, read by the nodes (not an input, so
/// that it is not part of the cache key: a re-run without `--fail` hits the entries the
/// failed run stored).
#[derive(Clone, Debug, Default)]
pub struct Behaviour {
    fail: Option<u64>,
    panic: Option<u64>,
    sleep_ms: u64,
    busy_ms: u64,
    record: Option<PathBuf>,
}

static BEHAVIOUR: OnceLock<Behaviour> = OnceLock::new();

/// Why an item failed on request.
#[derive(Debug)]
pub struct Refused(u64);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "item {} was asked to fail", self.0)
    }
}

impl std::error::Error for Refused {}

/// Squares `item`, misbehaving as asked; cached, so a re-run with a `DiskCache` computes
/// only what the last run did not store.
#[node(output_name = "square", cache)]
fn square(item: u64) -> Result<u64, Refused> {
    let behaviour = BEHAVIOUR.get_or_init(Behaviour::default);
    if let Some(record) = &behaviour.record {
        let process = std::env::var("HYPERNODES_PROCESS").unwrap_or_default();
        let line = format!("{process} {item}\n");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(record);
        if let Ok(mut file) = file {
            let _ = file.write_all(line.as_bytes());
        }
    }
    std::thread::sleep(Duration::from_millis(behaviour.sleep_ms));
    let start = Instant::now();
    let mut spin = item;
    while start.elapsed() < Duration::from_millis(behaviour.busy_ms) {
        spin = std::hint::black_box(spin.wrapping_mul(6364136223846793005).wrapping_add(1));
    }
    std::hint::black_box(spin);
    if behaviour.panic == Some(item) {
        panic!("item {item} was asked to panic");
    }
    if behaviour.fail == Some(item) {
        return Err(Refused(item));
    }
    Ok(item * item)
}

graph!(
    /// The graph every process maps.
    pub struct Squares = [square]
);

#[node(output_name = "cube")]
fn cube(item: u64) -> u64 {
    item * item * item
}

graph!(
    /// Another graph, for `--graph other`: a process mapping it does not match.
    pub struct Cubes = [cube]
);

struct Args {
    items: u64,
    behaviour: Behaviour,
    other_graph: bool,
    results: bool,
    connect_timeout: Option<Duration>,
    threads: Option<usize>,
    cache: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        items: 10,
        behaviour: Behaviour::default(),
        other_graph: false,
        results: false,
        connect_timeout: None,
        threads: None,
        cache: None,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(flag) = iter.next() {
        let mut value = || iter.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |text: String| {
            text.parse::<u64>()
                .map_err(|_| format!("`{text}` is not a number"))
        };
        match flag.as_str() {
            "--items" => args.items = number(value()?)?,
            "--fail" => args.behaviour.fail = Some(number(value()?)?),
            "--panic" => args.behaviour.panic = Some(number(value()?)?),
            "--sleep-ms" => args.behaviour.sleep_ms = number(value()?)?,
            "--busy-ms" => args.behaviour.busy_ms = number(value()?)?,
            "--record" => args.behaviour.record = Some(PathBuf::from(value()?)),
            "--graph" => args.other_graph = value()? == "other",
            "--results" => args.results = true,
            "--connect-timeout-ms" => {
                args.connect_timeout = Some(Duration::from_millis(number(value()?)?))
            }
            "--threads" => args.threads = Some(number(value()?)? as usize),
            "--cache" => args.cache = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", hypernodes::Report::new(&*error));
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let mut cluster = Cluster::from_env()?;
    if let Some(timeout) = args.connect_timeout {
        cluster = cluster.connect_timeout(timeout);
    }
    let _ = BEHAVIOUR.set(args.behaviour.clone());
    let runner = Runner::new().with_parallelism(args.threads.unwrap_or(0));
    match &args.cache {
        Some(dir) => map(
            &args,
            ClusterRunner::new(cluster, runner.with_cache(DiskCache::new(dir)?)),
        ),
        None => map(&args, ClusterRunner::new(cluster, runner)),
    }
}

fn map<K: Cache + Sync>(
    args: &Args,
    runner: ClusterRunner<(), K>,
) -> Result<(), Box<dyn std::error::Error>> {
    let items = || (0..args.items).collect::<Vec<u64>>();
    let mut out = std::io::stdout().lock();
    if args.other_graph {
        let cubes = runner.map(
            &Cubes,
            || CubesMapInputs {
                item: each(items()),
            },
            MapMode::Zip,
        )?;
        writeln!(out, "{}", if cubes.is_some() { "cubes" } else { "none" })?;
        return Ok(());
    }
    let inputs = || SquaresMapInputs {
        item: each(items()),
    };
    if args.results {
        match runner.map_results(&Squares, inputs, MapMode::Zip)? {
            Some(results) => {
                for (index, result) in results.into_iter().enumerate() {
                    match result {
                        Ok(outputs) => writeln!(out, "{index}: {}", outputs.square)?,
                        Err(error) => writeln!(out, "{index}: error: {}", error.report())?,
                    }
                }
            }
            None => writeln!(out, "none")?,
        }
        return Ok(());
    }
    match runner.map(&Squares, inputs, MapMode::Zip)? {
        Some(outputs) => {
            for (index, outputs) in outputs.into_iter().enumerate() {
                writeln!(out, "{index}: {}", outputs.square)?;
            }
        }
        None => writeln!(out, "none")?,
    }
    Ok(())
}
