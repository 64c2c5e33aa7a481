//! [`ClusterError`]: why a cluster map could not run.

use std::time::Duration;

/// Why a [`ClusterRunner`](super::ClusterRunner) map could not run across the processes.
/// Inside [`Error::Cluster`](crate::Error::Cluster) when a map returns it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClusterError {
    /// `HYPERNODES_PROCESS` or `HYPERNODES_HOSTS` is missing or malformed.
    #[error("cannot read the cluster from the environment: `{variable}`: {problem}")]
    Environment {
        /// The variable at fault.
        variable: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// The host list or the process index is unusable.
    #[error("invalid cluster: {problem}")]
    Hosts {
        /// What is wrong.
        problem: String,
    },
    /// This process could not listen on its own `host:port`.
    #[error("process {process} cannot listen on {host}")]
    Listen {
        /// This process's index.
        process: usize,
        /// Its `host:port`.
        host: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A process did not connect in time: it is not running, not reachable, or slow to
    /// start. Every process that is there reports it.
    #[error("process {process} ({host}) did not connect within {waited:?}; is it running, with the same HYPERNODES_HOSTS?")]
    Timeout {
        /// The missing process.
        process: usize,
        /// Its `host:port`.
        host: String,
        /// How long this process waited ([`Cluster::connect_timeout`](super::Cluster::connect_timeout)).
        waited: Duration,
    },
    /// A process runs another graph, another build of the program, or a different host
    /// list: the processes refuse to work together.
    #[error("process {process} ({host}) does not match this one: {difference}")]
    Mismatch {
        /// The other process.
        process: usize,
        /// Its `host:port`.
        host: String,
        /// What differs.
        difference: String,
    },
    /// Something that is not a hypernodes process of this cluster answered, or the
    /// connection failed while connecting.
    #[error("cannot connect with process {process} ({host}): {problem}")]
    Connect {
        /// The other process.
        process: usize,
        /// Its `host:port`.
        host: String,
        /// What went wrong.
        problem: String,
    },
    /// The connection to a process was lost during the map: it exited, crashed or was
    /// killed, or the network failed.
    #[error("lost process {process} ({host}) during the map; it exited or the connection failed")]
    PeerLost {
        /// The lost process.
        process: usize,
        /// Its `host:port`.
        host: String,
    },
    /// An item's inputs or outputs could not cross between processes.
    #[error("cannot send item {index} between processes: {problem}")]
    Wire {
        /// The item's position in the map's input order.
        index: usize,
        /// What failed (serde's message).
        problem: String,
    },
    /// An item failed on another process in a way that is not a node's error or panic
    /// (for example a question no handler answered there).
    #[error("an item failed on process {process}")]
    Item {
        /// The process that ran the item.
        process: usize,
        /// The error there, as text.
        #[source]
        source: crate::ErrorText,
    },
    /// The dataflow engine failed (a bug; please report it).
    #[error("the cluster engine failed: {message}")]
    Engine {
        /// What it said.
        message: String,
    },
}
