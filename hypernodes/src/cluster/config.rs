//! [`Cluster`]: which process this is, where the others are, how long to wait for them.

use super::ClusterError;
use std::time::Duration;

/// The environment variable that gives this process's position in the host list.
pub const PROCESS_VARIABLE: &str = "HYPERNODES_PROCESS";
/// The environment variable that lists every process's `host:port`, comma-separated.
pub const HOSTS_VARIABLE: &str = "HYPERNODES_HOSTS";

/// The processes a [`ClusterRunner`](super::ClusterRunner) spreads a map over, and this
/// process's place among them.
///
/// Every process runs the same binary and gets the same host list; process `i` listens
/// on the `i`-th `host:port` and connects to the others. Process 0 builds the inputs and
/// gets the outputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    index: usize,
    hosts: Vec<String>,
    connect_timeout: Duration,
}

impl Cluster {
    /// How long [`connect_timeout`](Cluster::connect_timeout) is unless set.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(60);

    /// Process `index` of the processes at `hosts` (`"host:port"` each).
    ///
    /// ```
    /// use hypernodes::cluster::Cluster;
    ///
    /// let cluster = Cluster::new(1, ["10.0.0.1:7070", "10.0.0.2:7070"])?;
    /// assert_eq!((cluster.index(), cluster.processes()), (1, 2));
    /// # Ok::<(), hypernodes::cluster::ClusterError>(())
    /// ```
    pub fn new<S: Into<String>>(
        index: usize,
        hosts: impl IntoIterator<Item = S>,
    ) -> Result<Self, ClusterError> {
        let hosts: Vec<String> = hosts.into_iter().map(Into::into).collect();
        if hosts.is_empty() {
            return Err(ClusterError::Hosts {
                problem: "the host list is empty".into(),
            });
        }
        if let Some(host) = hosts.iter().find(|host| !looks_like_host_port(host)) {
            return Err(ClusterError::Hosts {
                problem: format!("`{host}` is not `host:port`"),
            });
        }
        if index >= hosts.len() {
            return Err(ClusterError::Hosts {
                problem: format!(
                    "process index {index} is past the end of a list of {} hosts (indices start at 0)",
                    hosts.len()
                ),
            });
        }
        Ok(Cluster {
            index,
            hosts,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
        })
    }

    /// This process alone, with no network: the map runs here, through the same path
    /// (inputs and outputs still cross the serde boundary), which makes it a cheap way to
    /// test a program meant for a cluster.
    pub fn local() -> Self {
        Cluster {
            index: 0,
            hosts: Vec::new(),
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
        }
    }

    /// The cluster described by the environment: `HYPERNODES_PROCESS` (this process's
    /// index, from 0) and `HYPERNODES_HOSTS` (`host0:port0,host1:port1,...`).
    pub fn from_env() -> Result<Self, ClusterError> {
        let read = |variable: &'static str| {
            std::env::var(variable).map_err(|error| ClusterError::Environment {
                variable,
                problem: match error {
                    std::env::VarError::NotPresent => "it is not set".into(),
                    std::env::VarError::NotUnicode(_) => "it is not valid UTF-8".into(),
                },
            })
        };
        let index = read(PROCESS_VARIABLE)?;
        let index = index
            .trim()
            .parse::<usize>()
            .map_err(|_| ClusterError::Environment {
                variable: PROCESS_VARIABLE,
                problem: format!("`{index}` is not a process index (0, 1, 2, ...)"),
            })?;
        let hosts = read(HOSTS_VARIABLE)?;
        let hosts = hosts
            .split(',')
            .map(str::trim)
            .filter(|host| !host.is_empty());
        Cluster::new(index, hosts)
    }

    /// How long to wait, when a map starts, for every other process to connect. A process
    /// that has not connected by then is an error ([`ClusterError::Timeout`]) on every
    /// process that is there.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// This process's position in the host list (0 builds the inputs and gets the outputs).
    pub fn index(&self) -> usize {
        self.index
    }

    /// How many processes take part (1 for [`Cluster::local`]).
    pub fn processes(&self) -> usize {
        self.hosts.len().max(1)
    }

    /// Every process's `host:port`, in process order (empty for [`Cluster::local`]).
    pub fn hosts(&self) -> &[String] {
        &self.hosts
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.connect_timeout
    }
}

/// `host:port` with a numeric port (the host is resolved when connecting).
fn looks_like_host_port(host: &str) -> bool {
    host.rsplit_once(':')
        .is_some_and(|(name, port)| !name.is_empty() && port.parse::<u16>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_checks_the_index_and_the_addresses() {
        assert!(Cluster::new(2, ["a:1", "b:2", "c:3"]).is_ok());
        let past = Cluster::new(3, ["a:1", "b:2", "c:3"]).unwrap_err();
        assert!(past
            .to_string()
            .contains("index 3 is past the end of a list of 3 hosts"));
        let no_port = Cluster::new(0, ["a:1", "b"]).unwrap_err();
        assert!(
            no_port.to_string().contains("`b` is not `host:port`"),
            "{no_port}"
        );
        assert!(Cluster::new(0, Vec::<String>::new()).is_err());
        assert!(Cluster::new(0, ["[::1]:7000"]).is_ok());
    }

    #[test]
    fn local_is_one_process() {
        let local = Cluster::local();
        assert_eq!((local.index(), local.processes()), (0, 1));
    }
}
