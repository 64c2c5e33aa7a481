//! [`RunRecord`]: a callback that keeps a run's profile, to draw it on a diagram.

use super::{Callback, GraphContext, NodeContext};
use crate::{Error, GraphInfo};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// What a [`RunRecord`] knows of one node (or one nested graph), summed over every time it
/// ran: all the items of a map, every run the record watched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct NodeRecord {
    /// Time spent computing it (cache hits and failures take none).
    pub elapsed: Duration,
    /// How many times it was computed.
    pub runs: usize,
    /// How many times its output came from the cache instead.
    pub cached: usize,
    /// How many times it failed (returned `Err` or panicked).
    pub failed: usize,
    /// How many chunks it streamed.
    pub chunks: usize,
}

/// Identifies a graph across crates: its module path and name.
pub(crate) type GraphKey = (&'static str, &'static str);

/// The recorded numbers, keyed by graph (and node name), in a stable order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Records {
    /// Per node: (graph's key, node name).
    pub nodes: BTreeMap<(GraphKey, &'static str), NodeRecord>,
    /// Per graph (a nested graph is drawn collapsed as one box with these numbers).
    pub graphs: BTreeMap<GraphKey, NodeRecord>,
}

pub(crate) fn graph_key(graph: &GraphInfo) -> GraphKey {
    (graph.module_path, graph.name)
}

/// A callback that records a run's profile: per node, the time it took, whether its output
/// came from the cache, whether it failed; summed over the items of a map. Draw it with
/// [`Diagram::with_record`](crate::viz::Diagram::with_record).
///
/// Pass it by reference, so you can read it after the run:
///
/// ```
/// use hypernodes::callbacks::RunRecord;
/// use hypernodes::{each, graph, node, MapMode, Runner};
///
/// #[node(output_name = "doubled")]
/// fn double(x: i32) -> i32 { x * 2 }
///
/// graph!(struct Doubler = [double]);
///
/// let record = RunRecord::new();
/// let runner = Runner::new().with_callback(&record);
/// runner.map(&Doubler, DoublerMapInputs { x: each([1, 2, 3]) }, MapMode::Zip)?;
/// let double = record.node(<Doubler as hypernodes::Graph>::GRAPH_INFO, "double").unwrap();
/// assert_eq!((double.runs, double.cached, double.failed), (3, 0, 0));
/// # Ok::<(), hypernodes::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct RunRecord {
    records: Mutex<Records>,
}

impl RunRecord {
    /// An empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// What was recorded for the node named `node` of `graph`, if it ran, was cached or
    /// failed.
    pub fn node(&self, graph: &GraphInfo, node: &str) -> Option<NodeRecord> {
        let records = self.lock();
        let key = graph_key(graph);
        records
            .nodes
            .iter()
            .find(|((g, n), _)| *g == key && *n == node)
            .map(|(_, record)| *record)
    }

    /// What was recorded for runs of `graph` (as the runner's graph, a map item, or nested
    /// in another graph).
    pub fn graph(&self, graph: &GraphInfo) -> Option<NodeRecord> {
        self.lock().graphs.get(&graph_key(graph)).copied()
    }

    /// Forgets everything recorded.
    pub fn clear(&self) {
        *self.lock() = Records::default();
    }

    /// A copy of the numbers, for a diagram.
    pub(crate) fn snapshot(&self) -> Records {
        self.lock().clone()
    }

    /// A panic in another callback must not make the record unreadable.
    fn lock(&self) -> std::sync::MutexGuard<'_, Records> {
        self.records.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn update_node(&self, node: &NodeContext, update: impl FnOnce(&mut NodeRecord)) {
        let key = (graph_key(node.graph), node.node.name);
        update(self.lock().nodes.entry(key).or_default());
    }
}

impl Callback for RunRecord {
    fn on_graph_end(&self, graph: &GraphContext, elapsed: Duration, result: Result<(), &Error>) {
        let mut records = self.lock();
        let record = records.graphs.entry(graph_key(graph.graph)).or_default();
        record.elapsed += elapsed;
        record.runs += 1;
        record.failed += usize::from(result.is_err());
    }

    fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
        self.update_node(node, |record| {
            record.elapsed += elapsed;
            record.runs += 1;
        });
    }

    fn on_node_error(&self, node: &NodeContext, _: &Error) {
        self.update_node(node, |record| record.failed += 1);
    }

    fn on_node_cached(&self, node: &NodeContext) {
        self.update_node(node, |record| record.cached += 1);
    }

    fn on_chunk(&self, node: &NodeContext, _: &dyn crate::AnyValue) {
        self.update_node(node, |record| record.chunks += 1);
    }
}
