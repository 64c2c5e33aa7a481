//! Starting a cluster of local processes from process 0, for the cluster examples: free
//! loopback ports, and copies of the running binary with `HYPERNODES_PROCESS` and
//! `HYPERNODES_HOSTS` set.

use hypernodes::cluster::{Cluster, HOSTS_VARIABLE, PROCESS_VARIABLE};
use std::ffi::OsString;
use std::net::TcpListener;
use std::process::{Child, Command};

/// The processes [`start`] started, with their indices.
pub type Started = Vec<(usize, Child)>;

/// Process 0 of `processes` processes on this machine; processes 1.. are started here,
/// with `args`, and returned with their indices.
pub fn start(
    processes: usize,
    args: impl IntoIterator<Item = OsString> + Clone,
) -> Result<(Cluster, Started), Box<dyn std::error::Error>> {
    // Ports that are free now; they are released just before the processes bind them.
    let listeners = (0..processes)
        .map(|_| TcpListener::bind("127.0.0.1:0"))
        .collect::<Result<Vec<_>, _>>()?;
    let hosts: Vec<String> = listeners
        .iter()
        .map(|l| l.local_addr().map(|a| a.to_string()))
        .collect::<Result<_, _>>()?;
    drop(listeners);
    let exe = std::env::current_exe()?;
    let mut children = Vec::new();
    for index in 1..processes {
        let child = Command::new(&exe)
            .args(args.clone())
            .env(PROCESS_VARIABLE, index.to_string())
            .env(HOSTS_VARIABLE, hosts.join(","))
            .spawn()?;
        children.push((index, child));
    }
    Ok((Cluster::new(0, hosts)?, children))
}
