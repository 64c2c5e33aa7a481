//! A `tracing` span per graph run and per node.

use super::{Callback, GraphContext, MapContext, NodeContext};
use crate::Error;
use std::cell::RefCell;
use std::time::Duration;
use tracing::{debug_span, info_span, Span};

thread_local! {
    /// Spans entered by this thread's hooks, innermost last. A run and its nodes run on
    /// one thread (map items each on one thread), so start and end hooks pair up here.
    static ENTERED: RefCell<Vec<Span>> = const { RefCell::new(Vec::new()) };
}

/// Emits `tracing` spans: `hypernodes.graph` (INFO) for every graph run, and
/// `hypernodes.node` (DEBUG) for every node, nested as the graphs are. Fields: `graph`,
/// `node`, `item` (the map item's index, if any), `cached` (a node served from the cache),
/// `depth`, and `elapsed_us` when the span ends. A failing node is logged as an ERROR
/// event. (Cache failures are logged as WARN events by the runner itself, with or without
/// this callback.)
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

fn enter(span: Span) {
    if let Some(id) = span.id() {
        tracing::dispatcher::get_default(|dispatch| dispatch.enter(&id));
    }
    ENTERED.with(|entered| entered.borrow_mut().push(span));
}

fn exit(elapsed: Duration) {
    let span = ENTERED.with(|entered| entered.borrow_mut().pop());
    if let Some(span) = span {
        span.record("elapsed_us", elapsed.as_micros() as u64);
        if let Some(id) = span.id() {
            tracing::dispatcher::get_default(|dispatch| dispatch.exit(&id));
        }
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

impl Callback for TracingCallback {
    fn on_graph_start(&self, graph: &GraphContext) {
        enter(info_span!(
            "hypernodes.graph",
            graph = graph.graph.name,
            item = graph.item,
            depth = graph.depth,
            elapsed_us = tracing::field::Empty,
        ));
    }

    fn on_graph_end(&self, graph: &GraphContext, elapsed: Duration, _: Result<(), &Error>) {
        if graph.depth == 0 {
            // The run is over: close whatever a panic left open.
            while ENTERED.with(|entered| entered.borrow().len()) > 1 {
                exit(Duration::ZERO);
            }
        }
        exit(elapsed);
    }

    fn on_node_start(&self, node: &NodeContext) {
        enter(node_span(node, false));
    }

    fn on_node_end(&self, _: &NodeContext, elapsed: Duration) {
        exit(elapsed);
    }

    fn on_node_error(&self, node: &NodeContext, error: &Error) {
        tracing::error!(graph = node.graph.name, node = node.node.name, item = node.item, %error, "node failed");
        exit(Duration::ZERO);
    }

    fn on_node_cached(&self, node: &NodeContext) {
        // A cached node has no start or end: its span opens and closes at once.
        enter(node_span(node, true));
        exit(Duration::ZERO);
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
