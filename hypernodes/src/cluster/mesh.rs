//! Connecting the processes: every pair gets one TCP connection (the higher index dials
//! the lower), and each connection starts with a handshake that makes both ends check
//! that they run the same build, the same graph and the same host list. Every wait is
//! bounded by the cluster's connect timeout. The connections are then handed to timely.
//!
//! timely can connect processes itself, but it retries forever and prints to stdout; this
//! module does the same job with a deadline, a handshake and `tracing`.

use super::watch::{Alarm, WatchedStream};
use super::{Cluster, ClusterError};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// What must be equal on every process of a map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Identity {
    /// A digest of this process's executable (same binary, same build).
    pub build: [u8; 32],
    /// A digest of the graph's structure and of its input and output types.
    pub graph: [u8; 32],
    /// The graph's name, for messages.
    pub graph_name: String,
    /// A digest of the host list.
    pub hosts: [u8; 32],
}

impl Identity {
    pub(crate) fn new(cluster: &Cluster, graph: [u8; 32], graph_name: &str) -> Self {
        let mut hosts = blake3::Hasher::new();
        for host in cluster.hosts() {
            hosts.update(host.as_bytes()).update(b"\n");
        }
        Identity {
            build: *build_digest(),
            graph,
            graph_name: graph_name.to_owned(),
            hosts: *hosts.finalize().as_bytes(),
        }
    }

    /// What differs between `self` (here) and `other` (there), if anything.
    fn difference(&self, other: &Identity) -> Option<String> {
        if self.build != other.build {
            return Some(
                "it runs a different build of the program (every process must run the same binary)"
                    .into(),
            );
        }
        if self.hosts != other.hosts {
            return Some("it was given a different HYPERNODES_HOSTS list".into());
        }
        if self.graph != other.graph {
            return Some(if self.graph_name == other.graph_name {
                format!("it maps a different version of graph `{}`", self.graph_name)
            } else {
                format!(
                    "it maps graph `{}`, this process maps graph `{}` (every process must make the same map calls in the same order)",
                    other.graph_name, self.graph_name
                )
            });
        }
        None
    }
}

/// The digest of the running executable, computed once per process.
fn build_digest() -> &'static [u8; 32] {
    static DIGEST: OnceLock<[u8; 32]> = OnceLock::new();
    DIGEST.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        match std::env::current_exe().and_then(std::fs::read) {
            Ok(bytes) => {
                hasher.update(&bytes);
            }
            Err(error) => {
                tracing::warn!(target: "hypernodes::cluster", "cannot read this program's executable to compare builds ({error}); only the graph is compared");
            }
        }
        *hasher.finalize().as_bytes()
    })
}

const MAGIC: &[u8; 8] = b"HNCLUSTR";
const PROTOCOL: u32 = 1;
/// Longest graph name sent in a hello.
const NAME_MAX: usize = 1024;
/// How long one attempt to dial a process may take before the next round.
const DIAL_ATTEMPT: Duration = Duration::from_millis(250);
const POLL: Duration = Duration::from_millis(10);

/// The connections of process `cluster.index()`: one per other process, in process order,
/// `None` at its own position.
pub(crate) fn connect(
    cluster: &Cluster,
    identity: &Identity,
    alarm: &Arc<Alarm>,
) -> Result<Vec<Option<WatchedStream>>, ClusterError> {
    let (me, hosts) = (cluster.index(), cluster.hosts());
    let deadline = Instant::now() + cluster.timeout();
    let listen = |source| ClusterError::Listen {
        process: me,
        host: hosts[me].clone(),
        source,
    };
    let listener = resolve(&hosts[me])
        .and_then(|addrs| TcpListener::bind(&addrs[..]))
        .map_err(listen)?;
    listener.set_nonblocking(true).map_err(listen)?;
    tracing::info!(target: "hypernodes::cluster", "process {me} of {} listening on {}", hosts.len(), hosts[me]);

    let mut streams: Vec<Option<TcpStream>> = (0..hosts.len()).map(|_| None).collect();
    let mut mismatch: Option<ClusterError> = None;
    let mut settled = vec![false; hosts.len()];
    settled[me] = true;
    while settled.iter().any(|done| !done) {
        if Instant::now() >= deadline {
            let missing = settled
                .iter()
                .position(|done| !done)
                .expect("one is missing");
            return Err(mismatch.unwrap_or(ClusterError::Timeout {
                process: missing,
                host: hosts[missing].clone(),
                waited: cluster.timeout(),
            }));
        }
        let mut progressed = false;
        // Dial every lower process not yet connected.
        for peer in 0..me {
            if settled[peer] {
                continue;
            }
            if let Some(stream) = dial(&hosts[peer], deadline) {
                progressed = true;
                settled[peer] = true;
                match greet(stream, me, Some(peer), identity, hosts, deadline) {
                    Ok((_, stream)) => streams[peer] = Some(stream),
                    Err(error) => record(&mut mismatch, error)?,
                }
            }
        }
        // Accept every higher process that dialled.
        loop {
            match listener.accept() {
                Ok((stream, _)) => {
                    progressed = true;
                    match greet(stream, me, None, identity, hosts, deadline) {
                        Ok((peer, stream)) if !settled[peer] => {
                            settled[peer] = true;
                            streams[peer] = Some(stream);
                        }
                        Ok((peer, _)) => {
                            tracing::warn!(target: "hypernodes::cluster", "process {peer} connected twice; the second connection is closed");
                        }
                        Err(Greeting::Stranger(problem)) => {
                            tracing::warn!(target: "hypernodes::cluster", "closed a connection that is not from this cluster: {problem}");
                        }
                        Err(error) => {
                            if let Greeting::Mismatch(ClusterError::Mismatch { process, .. }) =
                                &error
                            {
                                if let Some(settled) = settled.get_mut(*process) {
                                    *settled = true;
                                }
                            }
                            record(&mut mismatch, error)?;
                        }
                    }
                }
                Err(error) if error.kind() == ErrorKind::WouldBlock => break,
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(error) => return Err(listen(error)),
            }
        }
        if !progressed {
            std::thread::sleep(POLL);
        }
    }
    if let Some(error) = mismatch {
        return Err(error);
    }
    tracing::info!(target: "hypernodes::cluster", "process {me}: all {} processes connected", hosts.len());
    Ok(streams
        .into_iter()
        .enumerate()
        .map(|(peer, stream)| stream.map(|s| WatchedStream::new(s, peer, &hosts[peer], alarm)))
        .collect())
}

/// Why a handshake did not give a connection.
enum Greeting {
    /// The other end is a process of this cluster that differs: the map cannot run.
    Mismatch(ClusterError),
    /// The other end is broken or speaks another protocol: the map cannot run.
    Failed(ClusterError),
    /// Not a hypernodes process (a port scanner, a health check): ignored.
    Stranger(String),
}

/// Keeps the first mismatch, to report once every process has been heard from (so that
/// each learns of it, rather than waiting for its timeout); fails at once otherwise.
fn record(mismatch: &mut Option<ClusterError>, error: Greeting) -> Result<(), ClusterError> {
    match error {
        Greeting::Mismatch(error) => {
            mismatch.get_or_insert(error);
            Ok(())
        }
        Greeting::Failed(error) => Err(error),
        Greeting::Stranger(_) => Ok(()),
    }
}

fn resolve(host: &str) -> std::io::Result<Vec<SocketAddr>> {
    let addrs: Vec<SocketAddr> = host.to_socket_addrs()?.collect();
    if addrs.is_empty() {
        return Err(std::io::Error::new(
            ErrorKind::NotFound,
            format!("`{host}` resolves to no address"),
        ));
    }
    Ok(addrs)
}

/// One attempt to reach `host`; `None` if it is not listening yet.
fn dial(host: &str, deadline: Instant) -> Option<TcpStream> {
    let attempt = deadline
        .saturating_duration_since(Instant::now())
        .min(DIAL_ATTEMPT);
    let addrs = match resolve(host) {
        Ok(addrs) => addrs,
        Err(error) => {
            // Names of processes that are not up yet may not resolve yet (Kubernetes).
            tracing::debug!(target: "hypernodes::cluster", "cannot resolve {host} yet: {error}");
            std::thread::sleep(attempt);
            return None;
        }
    };
    addrs.iter().find_map(|addr| {
        TcpStream::connect_timeout(addr, attempt.max(Duration::from_millis(1))).ok()
    })
}

/// The handshake, from either end: says who this process is, hears who the other is, and
/// checks they match. `expected` is the process dialled (`None` when accepting).
fn greet(
    mut stream: TcpStream,
    me: usize,
    expected: Option<usize>,
    identity: &Identity,
    hosts: &[String],
    deadline: Instant,
) -> Result<(usize, TcpStream), Greeting> {
    let host_of = |peer: Option<usize>| peer.map_or_else(|| "?".to_owned(), |p| hosts[p].clone());
    let failed = |peer: Option<usize>, problem: String| {
        Greeting::Failed(ClusterError::Connect {
            process: peer.unwrap_or(usize::MAX),
            host: host_of(peer),
            problem,
        })
    };
    let remaining = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_millis(1));
    let setup = stream
        .set_nonblocking(false)
        .and_then(|()| stream.set_nodelay(true))
        .and_then(|()| stream.set_read_timeout(Some(remaining)))
        .and_then(|()| stream.set_write_timeout(Some(remaining)));
    if let Err(error) = setup {
        return Err(failed(expected, error.to_string()));
    }
    let hello = encode_hello(me, hosts.len(), identity);
    if let Err(error) = stream.write_all(&hello) {
        return Err(match expected {
            Some(_) => failed(expected, error.to_string()),
            None => Greeting::Stranger(error.to_string()),
        });
    }
    let (peer, processes, theirs) = match read_hello(&mut stream) {
        Ok(hello) => hello,
        Err(problem) => {
            return Err(match expected {
                Some(_) => failed(expected, problem),
                None => Greeting::Stranger(problem),
            })
        }
    };
    let valid_peer = match expected {
        Some(expected) => peer == expected,
        None => peer > me && peer < hosts.len(),
    };
    if processes != hosts.len() || !valid_peer {
        let known = expected.or((peer < hosts.len()).then_some(peer));
        return Err(Greeting::Mismatch(ClusterError::Mismatch {
            process: known.unwrap_or(usize::MAX),
            host: host_of(known),
            difference: format!(
                "it says it is process {peer} of {processes}, this process expected a process of {} here (are HYPERNODES_PROCESS and HYPERNODES_HOSTS right?)",
                hosts.len()
            ),
        }));
    }
    if let Some(difference) = identity.difference(&theirs) {
        return Err(Greeting::Mismatch(ClusterError::Mismatch {
            process: peer,
            host: hosts[peer].clone(),
            difference,
        }));
    }
    let ready = stream
        .set_read_timeout(None)
        .and_then(|()| stream.set_write_timeout(None));
    if let Err(error) = ready {
        return Err(failed(Some(peer), error.to_string()));
    }
    tracing::debug!(target: "hypernodes::cluster", "process {me}: connected with process {peer} ({})", hosts[peer]);
    Ok((peer, stream))
}

fn encode_hello(me: usize, processes: usize, identity: &Identity) -> Vec<u8> {
    let name = &identity.graph_name.as_bytes()[..identity.graph_name.len().min(NAME_MAX)];
    let mut hello = Vec::with_capacity(8 + 4 + 16 + 96 + 2 + name.len());
    hello.extend(MAGIC);
    hello.extend(PROTOCOL.to_be_bytes());
    hello.extend((me as u64).to_be_bytes());
    hello.extend((processes as u64).to_be_bytes());
    hello.extend(identity.build);
    hello.extend(identity.hosts);
    hello.extend(identity.graph);
    hello.extend((name.len() as u16).to_be_bytes());
    hello.extend(name);
    hello
}

/// `(index, processes, identity)` of the other end.
fn read_hello(stream: &mut TcpStream) -> Result<(usize, usize, Identity), String> {
    let mut fixed = [0u8; 8 + 4 + 16 + 96 + 2];
    stream
        .read_exact(&mut fixed)
        .map_err(|e| format!("no handshake: {e}"))?;
    if &fixed[..8] != MAGIC {
        return Err("it does not speak the hypernodes cluster protocol".into());
    }
    let protocol = u32::from_be_bytes(fixed[8..12].try_into().expect("4 bytes"));
    if protocol != PROTOCOL {
        return Err(format!(
            "it speaks protocol version {protocol}, this process {PROTOCOL} (a different hypernodes version)"
        ));
    }
    let number = |at: usize| u64::from_be_bytes(fixed[at..at + 8].try_into().expect("8 bytes"));
    let digest = |at: usize| -> [u8; 32] { fixed[at..at + 32].try_into().expect("32 bytes") };
    let (index, processes) = (number(12), number(20));
    let (build, hosts, graph) = (digest(28), digest(60), digest(92));
    let name_len = usize::from(u16::from_be_bytes([fixed[124], fixed[125]]));
    if name_len > NAME_MAX {
        return Err("its graph name is too long".into());
    }
    let mut name = vec![0u8; name_len];
    stream
        .read_exact(&mut name)
        .map_err(|e| format!("handshake cut short: {e}"))?;
    let to_usize = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    Ok((
        to_usize(index),
        to_usize(processes),
        Identity {
            build,
            graph,
            graph_name: String::from_utf8_lossy(&name).into_owned(),
            hosts,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(graph: u8, name: &str) -> Identity {
        Identity {
            build: [1; 32],
            graph: [graph; 32],
            graph_name: name.into(),
            hosts: [2; 32],
        }
    }

    #[test]
    fn hellos_round_trip() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        client
            .write_all(&encode_hello(3, 5, &identity(7, "Label")))
            .unwrap();
        let (index, processes, got) = read_hello(&mut server).unwrap();
        assert_eq!((index, processes), (3, 5));
        assert_eq!(got, identity(7, "Label"));
    }

    #[test]
    fn differences_say_what_differs() {
        let here = identity(1, "Label");
        assert_eq!(here.difference(&here.clone()), None);
        let other_graph = here.difference(&identity(2, "Other")).unwrap();
        assert!(other_graph.contains("it maps graph `Other`, this process maps graph `Label`"));
        let other_version = here.difference(&identity(2, "Label")).unwrap();
        assert!(other_version.contains("a different version of graph `Label`"));
        let other_build = here
            .difference(&Identity {
                build: [9; 32],
                ..here.clone()
            })
            .unwrap();
        assert!(other_build.contains("different build"));
    }

    #[test]
    fn a_stranger_is_not_a_peer() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        client.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        client.write_all(&[0u8; 200]).unwrap();
        let problem = read_hello(&mut server).unwrap_err();
        assert!(problem.contains("does not speak"), "{problem}");
    }
}
