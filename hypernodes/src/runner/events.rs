//! `AsyncRunner::iter`: a run as a stream of events.

use crate::callbacks::{Callback, GraphContext, NodeContext};
use crate::{CacheError, Error, GraphInfo, NodeInfo};
use futures_util::Stream;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// Something that happened during a run streamed by
/// [`AsyncRunner::iter`](crate::AsyncRunner::iter); the last event is always
/// [`Event::Finished`] with the run's result.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<O> {
    /// A graph started (the runner's graph at depth 0, or one listed in it).
    GraphStarted {
        /// The graph.
        graph: &'static GraphInfo,
        /// Its nesting depth.
        depth: usize,
    },
    /// A graph finished, successfully or not.
    GraphFinished {
        /// The graph.
        graph: &'static GraphInfo,
        /// Its nesting depth.
        depth: usize,
        /// How long it ran.
        elapsed: Duration,
    },
    /// A node was called.
    NodeStarted {
        /// The node.
        node: &'static NodeInfo,
        /// The graph it is listed in.
        graph: &'static GraphInfo,
    },
    /// A node returned its output.
    NodeFinished {
        /// The node.
        node: &'static NodeInfo,
        /// The graph it is listed in.
        graph: &'static GraphInfo,
        /// How long it ran.
        elapsed: Duration,
    },
    /// A cached node's output came from the cache; the node was not called.
    NodeCached {
        /// The node.
        node: &'static NodeInfo,
        /// The graph it is listed in.
        graph: &'static GraphInfo,
    },
    /// A node failed; the run stops (its error comes with [`Event::Finished`]).
    NodeFailed {
        /// The node.
        node: &'static NodeInfo,
        /// The graph it is listed in.
        graph: &'static GraphInfo,
        /// The error, as text.
        message: String,
    },
    /// The cache failed for a node; the run goes on.
    CacheFailed {
        /// The node.
        node: &'static NodeInfo,
        /// The error, as text.
        message: String,
    },
    /// The run ended: its outputs, or the error that stopped it.
    Finished(Result<O, Error>),
}

/// Collects events from the run's callbacks until the stream hands them out.
pub(crate) struct Sink<O> {
    queue: Mutex<VecDeque<Event<O>>>,
}

impl<O> Sink<O> {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Sink {
            queue: Mutex::new(VecDeque::new()),
        })
    }

    fn push(&self, event: Event<O>) {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push_back(event);
    }

    fn pop(&self) -> Option<Event<O>> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop_front()
    }
}

impl<O: Send> Callback for Sink<O> {
    fn on_graph_start(&self, graph: &GraphContext) {
        self.push(Event::GraphStarted {
            graph: graph.graph,
            depth: graph.depth,
        });
    }

    fn on_graph_end(&self, graph: &GraphContext, elapsed: Duration, _: Result<(), &Error>) {
        self.push(Event::GraphFinished {
            graph: graph.graph,
            depth: graph.depth,
            elapsed,
        });
    }

    fn on_node_start(&self, node: &NodeContext) {
        self.push(Event::NodeStarted {
            node: node.node,
            graph: node.graph,
        });
    }

    fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
        self.push(Event::NodeFinished {
            node: node.node,
            graph: node.graph,
            elapsed,
        });
    }

    fn on_node_error(&self, node: &NodeContext, error: &Error) {
        self.push(Event::NodeFailed {
            node: node.node,
            graph: node.graph,
            message: error.to_string(),
        });
    }

    fn on_node_cached(&self, node: &NodeContext) {
        self.push(Event::NodeCached {
            node: node.node,
            graph: node.graph,
        });
    }

    fn on_cache_error(&self, node: &NodeContext, error: &CacheError) {
        self.push(Event::CacheFailed {
            node: node.node,
            message: error.to_string(),
        });
    }
}

/// The stream [`AsyncRunner::iter`](crate::AsyncRunner::iter) returns. It drives the run
/// as it is polled; dropping it drops the run, which cancels every node still running.
pub struct Events<O, F> {
    sink: Arc<Sink<O>>,
    /// The run, until it has finished.
    run: Option<Pin<Box<F>>>,
}

impl<O, F> Events<O, F> {
    pub(crate) fn new(sink: Arc<Sink<O>>, run: F) -> Self {
        Events {
            sink,
            run: Some(Box::pin(run)),
        }
    }
}

impl<O, F: Future<Output = Result<O, Error>>> Stream for Events<O, F> {
    type Item = Event<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event<O>>> {
        // `Events` holds the run boxed, so it is `Unpin` itself.
        let this = self.get_mut();
        if let Some(event) = this.sink.pop() {
            return Poll::Ready(Some(event));
        }
        let Some(run) = &mut this.run else {
            return Poll::Ready(None);
        };
        match run.as_mut().poll(cx) {
            Poll::Ready(result) => {
                this.run = None;
                // Events the last poll produced come first; `Finished` last.
                this.sink.push(Event::Finished(result));
                Poll::Ready(this.sink.pop())
            }
            Poll::Pending => match this.sink.pop() {
                Some(event) => Poll::Ready(Some(event)),
                None => Poll::Pending,
            },
        }
    }
}

impl<O, F> Unpin for Events<O, F> {}
