//! A `tracing` span per graph run and per node.

use super::{Callback, GraphContext, MapContext, NodeContext};
use crate::Error;
use std::time::Duration;
use tracing::{debug_span, info_span, Span};

/// Emits `tracing` spans: `hypernodes.graph` (INFO) for every graph run, and
/// `hypernodes.node` (DEBUG) for every node, nested as the graphs are. Fields: `graph`,
/// `node`, `item` (the map item's index, if any), `cached` (a node served from the cache),
/// `depth`, and `elapsed_us` when the span ends. A failing node is logged as an ERROR
/// event. (Cache failures are logged as WARN events by the runner itself, with or without
/// this callback.)
///
/// The runner enters each span around the work it describes (`Runner`) or instruments the
/// work's future with it (`AsyncRunner`), so a span's parent is the span current where the
/// work runs, and concurrent map items or work-stealing threads do not mix their spans.
///
/// ```
/// use hypernodes::callbacks::TracingCallback;
/// let runner = hypernodes::Runner::new().with_callback(TracingCallback::new());
/// # let _ = runner;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct TracingCallback;

impl TracingCallback {
    /// A tracing callback; spans go to whatever subscriber is current.
    pub fn new() -> Self {
        TracingCallback
    }
}

/// Records how long the current span ran, if it is the `name` span the runner entered for
/// this hook (the runner calls the end hooks inside it).
fn record_elapsed(name: &str, elapsed: Duration) {
    let span = Span::current();
    if span.metadata().is_some_and(|meta| meta.name() == name) {
        span.record("elapsed_us", elapsed.as_micros() as u64);
    }
}

/// The span of one node call (or cache hit).
fn node_span(node: &NodeContext, cached: bool) -> Span {
    debug_span!(
        "hypernodes.node",
        graph = node.graph.name,
        node = node.node.name,
        item = node.item,
        cached,
        depth = node.depth,
        elapsed_us = tracing::field::Empty,
    )
}

// No span is entered here: the runner enters (or instruments futures with) the spans
// these hooks give, so a span follows its run or node across threads and futures, and
// parents come from the current span.
impl Callback for TracingCallback {
    fn __graph_span(&self, graph: &GraphContext) -> Option<Span> {
        Some(info_span!(
            "hypernodes.graph",
            graph = graph.graph.name,
            item = graph.item,
            depth = graph.depth,
            elapsed_us = tracing::field::Empty,
        ))
    }

    fn __node_span(&self, node: &NodeContext) -> Option<Span> {
        Some(node_span(node, false))
    }

    fn on_graph_end(&self, _: &GraphContext, elapsed: Duration, _: Result<(), &Error>) {
        record_elapsed("hypernodes.graph", elapsed);
    }

    fn on_node_end(&self, _: &NodeContext, elapsed: Duration) {
        record_elapsed("hypernodes.node", elapsed);
    }

    fn on_node_error(&self, node: &NodeContext, error: &Error) {
        tracing::error!(graph = node.graph.name, node = node.node.name, item = node.item, error = %error.report(), "node failed");
    }

    fn on_node_cached(&self, node: &NodeContext) {
        // A cached node has no call: its span opens and closes at once.
        node_span(node, true).in_scope(|| {});
    }

    fn on_chunk(&self, node: &NodeContext, chunk: &dyn crate::AnyValue) {
        // Inside the node's span (under `Runner`); chunks can be many, hence TRACE.
        tracing::trace!(
            graph = node.graph.name,
            node = node.node.name,
            item = node.item,
            ?chunk,
            "chunk"
        );
    }

    fn on_map_start(&self, map: &MapContext) {
        tracing::info!(graph = map.graph.name, items = map.items, "map started");
    }

    fn on_map_end(&self, map: &MapContext, elapsed: Duration) {
        tracing::info!(
            graph = map.graph.name,
            items = map.items,
            elapsed_us = elapsed.as_micros() as u64,
            "map ended"
        );
    }
}
