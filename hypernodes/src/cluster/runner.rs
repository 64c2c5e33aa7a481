//! [`ClusterRunner`]: `Runner::map` spread over the processes of a [`Cluster`].

use super::engine::{Message, Session};
use super::mesh::{connect, Identity};
use super::wire::{Failure, Outcome};
use super::{Cluster, ClusterError};
use crate::cache::{decode, encode};
use crate::graph::Fields;
use crate::{Cache, Callback, Error, Graph, MapMode, NoCache, Runner};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A value that crosses between processes: every field of a graph's inputs and outputs,
/// when the graph is mapped by a [`ClusterRunner`].
#[diagnostic::on_unimplemented(
    message = "the cluster runner sends `{Self}` between processes, so it must implement serde's `Serialize` and `Deserialize`",
    label = "sent between processes",
    note = "every field of the graph's `{{Name}}Inputs` and `{{Name}}Outputs` crosses between processes: derive `serde::Serialize` and `serde::Deserialize` on their types (for `Arc<T>` or `Rc<T>`, enable serde's `rc` feature)"
)]
pub trait Wire: Serialize + DeserializeOwned + Send + 'static {}
impl<T: Serialize + DeserializeOwned + Send + 'static> Wire for T {}

/// A graph whose inputs and outputs can cross between processes: what
/// [`ClusterRunner::map`] asks of a graph. Every graph made by `graph!` whose input and
/// output fields are serde types is one; nothing needs to be written for it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be mapped across processes: a field of its inputs or outputs is not a serde type",
    label = "mapped by a cluster runner",
    note = "the fields of `{Self}Inputs` and `{Self}Outputs` cross between processes: derive `serde::Serialize` and `serde::Deserialize` on their types"
)]
pub trait ClusterGraph: Graph<__Item: Wire, Outputs: Fields<Tuple: Wire> + Send> + Sync {}

impl<G> ClusterGraph for G where G: Graph<__Item: Wire, Outputs: Fields<Tuple: Wire> + Send> + Sync {}

/// Runs maps of a graph across the processes of a [`Cluster`], each process running its
/// share with the [`Runner`] it wraps (its cache, callbacks and parallelism).
///
/// Every process runs the same program and calls the same `map`s in the same order.
/// Process 0 builds the inputs (the closure is called there only), sends item `i` to
/// process `i % n`, and gets every output back in input order; the other processes run
/// their share and get `None`. See the [module docs](super) for launching.
///
/// ```
/// use hypernodes::cluster::{Cluster, ClusterRunner};
/// use hypernodes::{each, graph, node, MapMode, Runner};
///
/// #[node(output_name = "doubled")]
/// fn double(x: i64) -> i64 {
///     x * 2
/// }
///
/// graph!(pub struct Double = [double]);
///
/// let runner = ClusterRunner::new(Cluster::local(), Runner::new());
/// let outputs = runner.map(&Double, || DoubleMapInputs { x: each([1, 2, 3]) }, MapMode::Zip)?;
/// let doubled: Vec<i64> = outputs.expect("this is process 0").iter().map(|o| o.doubled).collect();
/// assert_eq!(doubled, [2, 4, 6]);
/// # Ok::<(), hypernodes::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ClusterRunner<C = (), K = NoCache> {
    cluster: Cluster,
    runner: Runner<C, K>,
}

impl<C: Callback, K: Cache> ClusterRunner<C, K> {
    /// Maps over `cluster`, running each process's share with `runner`.
    pub fn new(cluster: Cluster, runner: Runner<C, K>) -> Self {
        ClusterRunner { cluster, runner }
    }

    /// The cluster this runner maps over.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// The runner each process runs its share with.
    pub fn runner(&self) -> &Runner<C, K> {
        &self.runner
    }

    /// Runs `graph` once per item, spread over the processes, and returns the outputs in
    /// input order on process 0 (`None` on the others), like [`Runner::map`]. Every item
    /// runs even when one fails; the error is then that of the first failing item in
    /// input order, as [`Error::MapItem`] (its node's name, the item's index, and the
    /// node's error as an [`ErrorText`](crate::ErrorText), its chain of messages, when the item
    /// ran on another process).
    ///
    /// `inputs` is called on process 0 only. A lost process, a process that never
    /// connects or one that runs another graph or build is an [`Error::Cluster`] on
    /// every process that is there.
    pub fn map<G: ClusterGraph>(
        &self,
        graph: &G,
        inputs: impl FnOnce() -> G::MapInputs,
        mode: MapMode,
    ) -> Result<Option<Vec<G::Outputs>>, Error>
    where
        C: Sync,
        K: Sync,
    {
        let Some(results) = self.map_results(graph, inputs, mode)? else {
            return Ok(None);
        };
        let mut outputs = Vec::with_capacity(results.len());
        for (index, result) in results.into_iter().enumerate() {
            match result {
                Ok(output) => outputs.push(output),
                Err(source) => {
                    return Err(Error::MapItem {
                        index,
                        source: Box::new(source),
                    })
                }
            }
        }
        Ok(Some(outputs))
    }

    /// Like [`map`](ClusterRunner::map), with one result per item (on process 0), like
    /// [`Runner::map_results`]. The outer error is for the map as a whole: inputs that
    /// cannot be mapped, or a cluster fault.
    #[allow(clippy::type_complexity)]
    pub fn map_results<G: ClusterGraph>(
        &self,
        graph: &G,
        inputs: impl FnOnce() -> G::MapInputs,
        mode: MapMode,
    ) -> Result<Option<Vec<Result<G::Outputs, Error>>>, Error>
    where
        C: Sync,
        K: Sync,
    {
        let me = self.cluster.index();
        // Process 0 encodes every item before connecting, so that inputs that cannot be
        // mapped or sent fail here, before any process waits for them.
        let items = if me == 0 {
            Some(encode_items::<G>(G::__map_items(inputs(), mode)?)?)
        } else {
            None
        };
        let count = items.as_ref().map(Vec::len);
        let (alarm, events) = Session::new_alarm();
        let streams = if self.cluster.processes() > 1 {
            let identity = Identity::new(&self.cluster, graph_digest::<G>(), G::GRAPH_INFO.name);
            connect(&self.cluster, &identity, &alarm)?
        } else {
            vec![None]
        };
        let mut session = Session::start(streams, me, items, alarm, events)?;
        let share = session.share()?;
        let results = self.run_share(graph, share, session.alarm().flag())?;
        let Some(collected) = session.finish(results)? else {
            return Ok(None);
        };
        let count = count.expect("process 0 has the items");
        Ok(Some(decode_results::<G>(collected, count)?))
    }

    /// Runs this process's items with the wrapped runner, as one map; encodes each result.
    fn run_share<G: ClusterGraph>(
        &self,
        graph: &G,
        share: Vec<Message>,
        stop: &std::sync::atomic::AtomicBool,
    ) -> Result<Vec<Message>, Error>
    where
        C: Sync,
        K: Sync,
    {
        let me = self.cluster.index();
        let mut encoded = Vec::with_capacity(share.len());
        let mut indices = Vec::with_capacity(share.len());
        let mut inputs = Vec::with_capacity(share.len());
        for (index, bytes) in share {
            match decode::<G::__Item>(&bytes) {
                Ok(item) => {
                    indices.push(index);
                    inputs.push(item);
                }
                Err(error) => {
                    let failure =
                        Failure::other(format!("cannot decode the item's inputs: {error}"), me);
                    encoded.push((index, encode_outcome::<G>(Outcome::Failed(failure), me)));
                }
            }
        }
        let results = self.runner.run_items(graph, inputs, false, Some(stop))?;
        for (index, result) in indices.into_iter().zip(results) {
            let outcome = match result {
                Some(Ok(outputs)) => Outcome::Done(outputs.into_tuple()),
                Some(Err(error)) => Outcome::Failed(Failure::of(&error, me)),
                // Skipped after a fault: the map fails as a whole.
                None => continue,
            };
            encoded.push((index, encode_outcome::<G>(outcome, me)));
        }
        Ok(encoded)
    }
}

/// Each item's inputs, encoded, with its index.
fn encode_items<G: ClusterGraph>(items: Vec<G::__Item>) -> Result<Vec<Message>, ClusterError> {
    items
        .into_iter()
        .enumerate()
        .map(|(index, inputs)| {
            encode(&inputs)
                .map(|bytes| (index as u64, bytes))
                .map_err(|error| ClusterError::Wire {
                    index,
                    problem: error.to_string(),
                })
        })
        .collect()
}

/// An item's outcome, encoded; outputs that cannot be encoded become a failure.
fn encode_outcome<G: ClusterGraph>(
    outcome: Outcome<<G::Outputs as Fields>::Tuple>,
    me: usize,
) -> Vec<u8> {
    encode(&outcome).unwrap_or_else(|error| {
        let failure = Failure::other(format!("cannot send the item's outputs: {error}"), me);
        encode(&Outcome::<()>::Failed(failure)).expect("a failure is always encodable")
    })
}

/// Every item's result, in input order, from what process 0 collected.
fn decode_results<G: ClusterGraph>(
    collected: Vec<Message>,
    count: usize,
) -> Result<Vec<Result<G::Outputs, Error>>, ClusterError> {
    let mut results: Vec<Option<Result<G::Outputs, Error>>> = (0..count).map(|_| None).collect();
    for (index, bytes) in collected {
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        let wire = |problem: String| ClusterError::Wire { index, problem };
        let slot = results
            .get_mut(index)
            .ok_or_else(|| wire("a result for an item that does not exist".into()))?;
        let outcome = decode::<Outcome<<G::Outputs as Fields>::Tuple>>(&bytes)
            .map_err(|error| wire(error.to_string()))?;
        *slot = Some(match outcome {
            Outcome::Done(tuple) => Ok(G::Outputs::from_tuple(tuple)),
            Outcome::Failed(failure) => Err(failure.into_error(G::GRAPH_INFO)),
        });
    }
    results
        .into_iter()
        .enumerate()
        .map(|(index, result)| {
            result.ok_or_else(|| ClusterError::Wire {
                index,
                problem: "no process returned its result".into(),
            })
        })
        .collect()
}

/// What identifies the graph across processes: its structure and its value types.
fn graph_digest<G: ClusterGraph>() -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(std::any::type_name::<G>().as_bytes());
    hasher.update(std::any::type_name::<G::__Item>().as_bytes());
    hasher.update(std::any::type_name::<<G::Outputs as Fields>::Tuple>().as_bytes());
    hasher.update(format!("{:?}", G::GRAPH_INFO).as_bytes());
    *hasher.finalize().as_bytes()
}
