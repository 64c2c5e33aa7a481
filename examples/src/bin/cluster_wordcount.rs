//! The main example's per-document graph, [`AnalyzeDocument`], mapped over the bundled
//! corpus by a `ClusterRunner` on several local processes; process 0 then reduces the
//! results with [`Corpus`] and prints the same report as `wordcount`.
//!
//! ```sh
//! cargo run -p hypernodes-examples --bin cluster_wordcount                  # 3 processes
//! cargo run -p hypernodes-examples --bin cluster_wordcount -- --processes 2 --no-cache
//! ```
//!
//! With no `HYPERNODES_HOSTS` in the environment, it starts the other processes itself
//! (copies of this binary on free loopback ports, with `HYPERNODES_PROCESS` and
//! `HYPERNODES_HOSTS` set) and acts as process 0. Started with those variables (by hand,
//! `srun`, Kubernetes: see the `hypernodes::cluster` docs), it is one process of a
//! cluster. Every process uses the same `DiskCache` directory as `wordcount`, so a second
//! run is served from the cache.

#[path = "../local_cluster.rs"]
mod local_cluster;
#[allow(dead_code)]
#[path = "wordcount.rs"]
mod wordcount;

use hypernodes::cluster::{Cluster, ClusterRunner, HOSTS_VARIABLE};
use hypernodes::{each, fixed, Cache, DiskCache, MapMode, NoCache, Runner};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use wordcount::{
    bundled_data_dir, cache_dir, load_corpus, AnalyzeDocument, AnalyzeDocumentMapInputs, Corpus,
    CorpusInputs, Settings,
};

struct Args {
    processes: usize,
    cache: bool,
    data_dir: PathBuf,
}

const USAGE: &str = "usage: cluster_wordcount [DATA_DIR] [--processes N] [--no-cache]";

fn parse_args() -> Result<Args, String> {
    let mut parsed = Args {
        processes: 3,
        cache: true,
        data_dir: bundled_data_dir(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-cache" => parsed.cache = false,
            "--processes" => {
                let value = args.next().ok_or("--processes needs a number")?;
                parsed.processes = value.parse().ok().filter(|&n| n >= 1).ok_or(format!(
                    "--processes: `{value}` is not a number of processes"
                ))?;
            }
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option `{flag}`\n{USAGE}"))
            }
            dir => parsed.data_dir = PathBuf::from(dir),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let (cluster, children) = match join_or_start(&args) {
        Ok(started) => started,
        Err(error) => {
            eprintln!("error: {}", hypernodes::Report::new(&*error));
            return ExitCode::FAILURE;
        }
    };
    let result = if !args.cache {
        run(&args, cluster, NoCache)
    } else {
        match DiskCache::new(cache_dir()) {
            Ok(cache) => run(&args, cluster, cache),
            Err(error) => {
                eprintln!("warning: {}; running without a cache", error.report());
                run(&args, cluster, NoCache)
            }
        }
    };
    let mut failed = result
        .map_err(|error| eprintln!("error: {}", hypernodes::Report::new(&*error)))
        .is_err();
    for (index, mut child) in children {
        match child.wait() {
            Ok(status) if status.success() => {}
            Ok(status) => {
                eprintln!("process {index} exited with {status}");
                failed = true;
            }
            Err(error) => {
                eprintln!("cannot wait for process {index}: {error}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The cluster from the environment; or, without one, a new cluster of
/// `args.processes` local processes: the others are started here, this is process 0.
fn join_or_start(
    args: &Args,
) -> Result<(Cluster, local_cluster::Started), Box<dyn std::error::Error>> {
    if std::env::var_os(HOSTS_VARIABLE).is_some() {
        return Ok((Cluster::from_env()?, Vec::new()));
    }
    let (cluster, children) = local_cluster::start(
        args.processes,
        std::env::args_os().skip(1).collect::<Vec<_>>(),
    )?;
    Ok((cluster.connect_timeout(Duration::from_secs(30)), children))
}

fn run<K: Cache>(
    args: &Args,
    cluster: Cluster,
    cache: K,
) -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let processes = cluster.processes();
    let settings = Settings::default();
    // Only process 0 reads the corpus: the map sends each document where it runs.
    let documents = if cluster.index() == 0 {
        load_corpus(&args.data_dir)?
    } else {
        Vec::new()
    };
    let names = documents.iter().map(|doc| doc.name.clone()).collect();
    let runner = ClusterRunner::new(cluster, Runner::new().with_cache(cache));
    let analyzed = runner.map(
        &AnalyzeDocument,
        || AnalyzeDocumentMapInputs {
            document: each(documents),
            shuffles: fixed(settings.shuffles),
        },
        MapMode::Zip,
    )?;
    // Processes other than 0 served their share; process 0 has every result.
    let Some(analyzed) = analyzed else {
        return Ok(());
    };
    let (document_frequencies, document_growth) = analyzed
        .into_iter()
        .map(|doc| (doc.frequencies, doc.growth))
        .unzip();
    let corpus = Runner::new().run(
        &Corpus,
        CorpusInputs {
            data_dir: args.data_dir.clone(),
            document_names: names,
            document_frequencies,
            document_growth,
            top_n: settings.top_n,
        },
    )?;
    print!("{}", corpus.report);
    println!();
    println!(
        "mapped over {processes} processes; finished in {:.1?}",
        start.elapsed()
    );
    Ok(())
}
