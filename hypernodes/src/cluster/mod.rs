//! Maps across processes and machines: [`ClusterRunner`], on
//! [timely-dataflow](https://github.com/TimelyDataflow/timely-dataflow). Needs the
//! `cluster` feature.
//!
//! The same program runs on every process. Each learns its place from the environment
//! (or from [`Cluster::new`]); process 0 builds the inputs, every process runs a share of
//! the items with its own [`Runner`](crate::Runner), and process 0 gets the outputs in
//! input order:
//!
//! ```no_run
//! use hypernodes::cluster::{Cluster, ClusterRunner};
//! use hypernodes::{each, fixed, graph, node, DiskCache, MapMode, Runner};
//! use std::time::Duration;
//!
//! #[node(output_name = "label")]
//! fn label(text: String, unit: String) -> String {
//!     format!("{} {unit}", text.len())
//! }
//!
//! graph!(pub struct Label = [label]);
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // HYPERNODES_PROCESS=i  HYPERNODES_HOSTS=host0:port0,host1:port1,...
//!     let cluster = Cluster::from_env()?.connect_timeout(Duration::from_secs(30));
//!     let runner = ClusterRunner::new(cluster, Runner::new().with_cache(DiskCache::new("cache")?));
//!     let load = || vec!["a".to_string(), "bb".to_string()];
//!     let outs = runner.map(
//!         &Label,
//!         || LabelMapInputs { text: each(load()), unit: fixed("w".into()) },
//!         MapMode::Zip,
//!     )?;
//!     if let Some(outs) = outs {
//!         // Process 0: every output, in input order.
//!         for out in outs {
//!             println!("{}", out.label);
//!         }
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # What crosses between processes
//! Each item's inputs go from process 0 to the process that runs it, and its outputs come
//! back, encoded with serde (the same strict encoding as [`DiskCache`](crate::DiskCache)).
//! So every field of the graph's `{Name}Inputs` and `{Name}Outputs` must be `Serialize`
//! and `Deserialize`; `graph!` provides the rest, and a field that is not is a compile
//! error at the `map` call that names its type. Item `i` runs on process `i % n`.
//! A value given with [`shared`](crate::shared) is read by every item of a process without
//! a clone, but it is sent with each item to the process that runs it.
//!
//! In debug builds, add `[profile.dev.package.blake3] opt-level = 3` to your workspace's
//! `Cargo.toml`: the handshake hashes the executable, which an unoptimized blake3 takes
//! about a second for on a debug binary of tens of megabytes.
//!
//! Each process runs its share as one map of its wrapped `Runner`: its cache, callbacks
//! (progress bars included, showing that process's share) and parallelism apply. With a
//! [`DiskCache`](crate::DiskCache) on a directory every process shares, re-running a map
//! that failed recomputes only what is missing.
//!
//! # Launching
//! Every process needs the same binary, the same `HYPERNODES_HOSTS` (every process's
//! `host:port`, in order) and its own `HYPERNODES_PROCESS` (its position in that list, from
//! 0). Process `i` listens on the port of entry `i`; the others must be able to reach it.
//! Processes may start in any order within the connect timeout.
//!
//! **By hand**, three processes on one machine:
//! ```sh
//! export HYPERNODES_HOSTS=127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002
//! HYPERNODES_PROCESS=1 ./my-pipeline &
//! HYPERNODES_PROCESS=2 ./my-pipeline &
//! HYPERNODES_PROCESS=0 ./my-pipeline > results.txt
//! ```
//! On several machines, list their addresses instead (`10.0.0.1:7000,10.0.0.2:7000,...`)
//! and start process `i` on machine `i`.
//!
//! **With Slurm** (`srun` starts one task per node; `SLURM_PROCID` is the task's index):
//! ```sh
//! #!/bin/bash
//! #SBATCH --nodes=4 --ntasks-per-node=1
//! export HYPERNODES_HOSTS=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | sed 's/$/:7000/' | paste -sd,)
//! srun bash -c 'HYPERNODES_PROCESS=$SLURM_PROCID exec ./my-pipeline'
//! ```
//!
//! **On Kubernetes**, a StatefulSet gives each pod a stable name (`pipeline-0`,
//! `pipeline-1`, ...) and a headless Service gives each a DNS name; the pod's ordinal is
//! its process index:
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata: { name: pipeline }
//! spec: { clusterIP: None, selector: { app: pipeline }, ports: [{ port: 7000 }] }
//! ---
//! apiVersion: apps/v1
//! kind: StatefulSet
//! metadata: { name: pipeline }
//! spec:
//!   serviceName: pipeline
//!   replicas: 3
//!   podManagementPolicy: Parallel
//!   selector: { matchLabels: { app: pipeline } }
//!   template:
//!     metadata: { labels: { app: pipeline } }
//!     spec:
//!       containers:
//!         - name: pipeline
//!           image: registry.example/my-pipeline:1.0
//!           command: ["sh", "-c", "HYPERNODES_PROCESS=${HOSTNAME##*-} exec /my-pipeline"]
//!           env:
//!             - name: HYPERNODES_HOSTS
//!               value: pipeline-0.pipeline:7000,pipeline-1.pipeline:7000,pipeline-2.pipeline:7000
//!           ports: [{ containerPort: 7000 }]
//! ```
//! (`podManagementPolicy: Parallel` starts the pods together; names that do not resolve
//! yet are retried until the connect timeout.)
//!
//! # Checks and faults
//! - **Handshake**: when a map starts, each pair of processes checks that both run the
//!   same executable (a digest of the binary), map the same graph (its structure and
//!   value types) and were given the same host list; otherwise both fail with
//!   [`ClusterError::Mismatch`] naming the other process.
//! - **A process that never connects** is a [`ClusterError::Timeout`] on every process that
//!   is there, after [`Cluster::connect_timeout`].
//! - **A process lost during the map** (it crashed, was killed, or the network failed) is a
//!   [`ClusterError::PeerLost`] naming it, on every process that is left, as soon as its
//!   connection breaks; each process stops starting items then.
//! - **A failing or panicking item** does not stop the others: `map` returns the first
//!   failing item's error ([`Error::MapItem`](crate::Error::MapItem)) once all have run,
//!   `map_results` that item's `Err`.
//!
//! # Quiet
//! Nothing is printed on stdout. Connection progress is logged with `tracing` under the
//! target `hypernodes::cluster`. timely's connection threads panic when a connection
//! breaks; once a cluster map has connected, those panics (already reported as
//! [`ClusterError::PeerLost`]) go to `tracing` instead of the panic hook: the crate
//! installs a panic hook once that forwards every other panic to the hook before it.
//!
//! # Compared with Python hypernodes
//! `DaskRunner` and `DaftRunner` ship pickled functions to a scheduler; here every process
//! runs the same compiled program, so nothing but values crosses the network and there is
//! no scheduler to run. Items are assigned round robin rather than by a scheduler.

mod config;
mod engine;
mod error;
mod mesh;
mod runner;
mod watch;
mod wire;

pub use config::{Cluster, HOSTS_VARIABLE, PROCESS_VARIABLE};
pub use error::ClusterError;
pub use runner::{ClusterGraph, ClusterRunner, Wire};
