//! `Runner`: runs a graph on the calling thread.

use crate::__private::Exec;
use crate::callback::{Callback, GraphContext, NodeContext};
use crate::{BoxError, Error, Graph, GraphInfo, NodeInfo};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// Runs graphs synchronously, one node after another, on the calling thread.
///
/// `C` is the static list of callbacks (`()` for none); add one with
/// [`with_callback`](Runner::with_callback).
///
/// # Async nodes
/// `async fn` nodes are driven to completion one at a time by a minimal executor on the
/// calling thread, so no runtime is needed for futures that need none. Futures that need a
/// tokio runtime (timers, sockets) work when `run` is called on a worker thread of a
/// multi-threaded tokio runtime (other workers drive the I/O and timers). On a
/// current-thread runtime, call `run` inside `tokio::task::spawn_blocking`, or use an async
/// runner: blocking the only thread that drives the runtime would wait forever.
///
/// # Panics
/// A panic in a node is caught and returned as [`Error::Panic`] naming the node; it does
/// not unwind into the caller. (The panic hook still prints the panic as usual.)
#[derive(Clone, Debug, Default)]
pub struct Runner<C = ()> {
    callbacks: C,
}

impl Runner<()> {
    /// A runner with no callbacks.
    pub fn new() -> Self {
        Runner { callbacks: () }
    }
}

impl<C: Callback> Runner<C> {
    /// Adds a callback, called after those already added.
    pub fn with_callback<D: Callback>(self, callback: D) -> Runner<(C, D)> {
        Runner {
            callbacks: (self.callbacks, callback),
        }
    }

    /// The runner's callbacks.
    pub fn callbacks(&self) -> &C {
        &self.callbacks
    }

    /// Runs `graph` on `inputs` and returns every output, or the first error.
    ///
    /// ```
    /// use hypernodes::{graph, node, Runner};
    ///
    /// #[node(output_name = "doubled")]
    /// fn double(x: i32) -> i32 { x * 2 }
    ///
    /// graph!(struct Doubler = [double]);
    ///
    /// let out = Runner::new().run(&Doubler, DoublerInputs { x: 4 })?;
    /// assert_eq!(out.doubled, 8);
    /// # Ok::<(), hypernodes::Error>(())
    /// ```
    pub fn run<G: Graph>(&self, graph: &G, inputs: G::Inputs) -> Result<G::Outputs, Error> {
        let mut exec = SyncExec {
            callbacks: &self.callbacks,
            graph: G::GRAPH_INFO,
            depth: 0,
        };
        exec.graph(graph, inputs)
    }
}

/// The per-run state behind [`Runner::run`].
struct SyncExec<'r, C> {
    callbacks: &'r C,
    /// The innermost graph running now.
    graph: &'static GraphInfo,
    /// How many graphs are running (nested) now.
    depth: usize,
}

impl<C: Callback> Exec for SyncExec<'_, C> {
    #[inline]
    fn node<T>(
        &mut self,
        node: &'static NodeInfo,
        call: impl FnOnce() -> Result<T, BoxError>,
    ) -> Result<T, Error> {
        let context = NodeContext {
            node,
            graph: self.graph,
            depth: self.depth - 1,
        };
        let start = if C::ACTIVE {
            self.callbacks.on_node_start(&context);
            Some(Instant::now())
        } else {
            None
        };
        let error = match catch_unwind(AssertUnwindSafe(call)) {
            Ok(Ok(value)) => {
                if let Some(start) = start {
                    self.callbacks.on_node_end(&context, start.elapsed());
                }
                return Ok(value);
            }
            Ok(Err(source)) => Error::Node {
                node: node.name,
                graph: self.graph.name,
                source,
            },
            Err(payload) => Error::Panic {
                node: node.name,
                graph: self.graph.name,
                message: panic_message(payload.as_ref()),
            },
        };
        self.callbacks.on_node_error(&context, &error);
        Err(error)
    }

    fn graph<G: Graph>(&mut self, graph: &G, inputs: G::Inputs) -> Result<G::Outputs, Error> {
        let context = GraphContext {
            graph: G::GRAPH_INFO,
            depth: self.depth,
        };
        let outer = std::mem::replace(&mut self.graph, G::GRAPH_INFO);
        self.depth += 1;
        let start = if C::ACTIVE {
            self.callbacks.on_graph_start(&context);
            Some(Instant::now())
        } else {
            None
        };
        let result = graph.__run(self, inputs);
        if let Some(start) = start {
            let outcome = result.as_ref().map(|_| ()).map_err(|e| e);
            self.callbacks.on_graph_end(&context, start.elapsed(), outcome);
        }
        self.depth -= 1;
        self.graph = outer;
        result
    }
}

/// The text of a panic payload: `panic!("...")` gives a `&str` or a `String`.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic with a non-string payload".to_owned()
    }
}
