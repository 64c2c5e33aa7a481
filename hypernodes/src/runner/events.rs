//! `AsyncRunner::iter`: a run as a stream of events.

use super::switchboard::Listener;
use crate::callbacks::{Callback, GraphContext, NodeContext};
use crate::interact::{AnyValue, Site};
use crate::{CacheError, Error, Graph, GraphInfo, NodeInfo, Question, Run, StopHandle};
use futures_channel::oneshot;
use futures_util::Stream;
use std::any::Any;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// Something that happened during a run streamed by
/// [`AsyncRunner::iter`](crate::AsyncRunner::iter); the last event is always
/// [`Event::Finished`] with the run's result, or [`Event::Stopped`] if
/// [`Events::stop`] stopped it.
///
/// Chunks and questions are typed per graph: `G::Chunk` and `G::Question` are the
/// generated `{Name}Chunk` and `{Name}Question` enums, with a variant per node that
/// streams or asks (and per listed graph that does).
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<G: Graph> {
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
        /// The error and its sources, as text (`what failed: why`, see
        /// [`Error::report`]).
        message: String,
    },
    /// The cache failed for a node; the run goes on.
    CacheFailed {
        /// The node.
        node: &'static NodeInfo,
        /// The error and its sources, as text.
        message: String,
    },
    /// A node streamed a chunk through its [`Chunks`](crate::Chunks) parameter.
    Chunk {
        /// The node.
        node: &'static NodeInfo,
        /// The graph it is listed in.
        graph: &'static GraphInfo,
        /// The chunk, as the variant of the node (or of the listed graph it is in).
        chunk: G::Chunk,
    },
    /// A node asked a question through its [`Interrupt`](crate::Interrupt) parameter and
    /// waits: answer it with [`Events::respond`] before polling the stream again. If the
    /// stream is polled again while every node still running waits for an answer (a loop
    /// that skips this event in a `_ => {}` arm), nothing could ever wake the run, so it
    /// ends with [`Error::Interrupted`] carrying the first unanswered question, as
    /// [`AsyncRunner::run`](crate::AsyncRunner::run) would: answer it and re-run with
    /// `with_answer`.
    Interrupt {
        /// The node.
        node: &'static NodeInfo,
        /// The graph it is listed in.
        graph: &'static GraphInfo,
        /// The question, as the variant of the node (or of the listed graph it is in).
        question: G::Question,
    },
    /// The run ended: its outputs, or the error that stopped it.
    Finished(Result<G::Outputs, Error>),
    /// The run ended early because [`Events::stop`] was called: the outputs produced by
    /// then (the generated `{Name}Partial`, an `Option` per output). Chunks streamed
    /// before came as [`Event::Chunk`]s.
    Stopped(G::Partial),
}

type Answering = oneshot::Sender<Box<dyn Any + Send>>;

/// Collects events from the run's callbacks until the stream hands them out, and keeps
/// the nodes waiting for an answer.
pub(crate) struct Sink<G: Graph> {
    queue: Mutex<VecDeque<Event<G>>>,
    /// Per waiting node, its place in the graph, where its answer goes, and its question.
    waiting: Mutex<Vec<Waiting>>,
    /// Nodes started and not yet finished (those waiting for an answer among them).
    running: AtomicUsize,
}

/// A node waiting for [`Events::respond`].
struct Waiting {
    path: Arc<[usize]>,
    answer: Answering,
    question: Question,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every update is one push or pop, so a poisoned lock is still consistent.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl<G: Graph> Sink<G> {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Sink {
            queue: Mutex::new(VecDeque::new()),
            waiting: Mutex::new(Vec::new()),
            running: AtomicUsize::new(0),
        })
    }

    fn push(&self, event: Event<G>) {
        lock(&self.queue).push_back(event);
    }

    fn pop(&self) -> Option<Event<G>> {
        lock(&self.queue).pop_front()
    }

    fn node_ended(&self) {
        // `fetch_update` never underflows, whatever the hooks' order.
        let _ = self
            .running
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
    }

    /// The first unanswered question, if every node still running waits for an answer:
    /// after a poll of the run returned `Pending`, nothing but `respond` could wake it.
    fn stalled(&self) -> Option<Question> {
        let waiting = lock(&self.waiting);
        // A node dropped while it waited (its run was cancelled) no longer waits.
        let live = waiting.iter().filter(|w| !w.answer.is_canceled());
        let count = live.clone().count();
        if count == 0 || count < self.running.load(Ordering::Relaxed) {
            return None;
        }
        live.map(|w| w.question.clone()).next()
    }
}

impl<G: Graph> Listener for Arc<Sink<G>>
where
    G::Outputs: Send,
    G::Partial: Send,
{
    fn chunk(&self, site: &Site, chunk: Box<dyn AnyValue>) {
        // Always `Some`: the generated enum has a variant for every streaming node.
        if let Some(chunk) = G::__chunk(&site.path, chunk.into_any()) {
            self.push(Event::Chunk {
                node: site.node,
                graph: site.graph,
                chunk,
            });
        }
    }

    fn wait(
        &self,
        site: &Site,
        question: Box<dyn AnyValue>,
        asked: &Question,
    ) -> Result<oneshot::Receiver<Box<dyn Any + Send>>, Box<dyn AnyValue>> {
        let Some(question) = G::__question(&site.path, question.into_any()) else {
            unreachable!("the generated enum has a variant for every asking node")
        };
        let (sender, receiver) = oneshot::channel();
        lock(&self.waiting).push(Waiting {
            path: Arc::clone(&site.path),
            answer: sender,
            question: asked.clone(),
        });
        self.push(Event::Interrupt {
            node: site.node,
            graph: site.graph,
            question,
        });
        Ok(receiver)
    }
}

impl<G: Graph> Callback for Sink<G>
where
    G::Outputs: Send,
    G::Partial: Send,
{
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
        self.running.fetch_add(1, Ordering::Relaxed);
        self.push(Event::NodeStarted {
            node: node.node,
            graph: node.graph,
        });
    }

    fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
        self.node_ended();
        self.push(Event::NodeFinished {
            node: node.node,
            graph: node.graph,
            elapsed,
        });
    }

    fn on_node_error(&self, node: &NodeContext, error: &Error) {
        self.node_ended();
        self.push(Event::NodeFailed {
            node: node.node,
            graph: node.graph,
            message: displayed(error),
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
            message: crate::Report::new(error).to_string(),
        });
    }
}

/// `error.report()` as text, or a note if a node's error type has a `Display` that panics:
/// the event stream must not lose the run's own error to it.
fn displayed(error: &Error) -> String {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| error.report().to_string()))
        .unwrap_or_else(|payload| {
            format!(
                "node `{}` failed, and its error's Display panicked: {}",
                error.node().unwrap_or("?"),
                crate::error::panic_message(payload.as_ref())
            )
        })
}

/// The stream [`AsyncRunner::iter`](crate::AsyncRunner::iter) returns. It drives the run
/// as it is polled; dropping it drops the run, which cancels every node still running and
/// keeps nothing ([`stop`](Events::stop) ends it keeping what was computed).
pub struct Events<G: Graph, F> {
    sink: Arc<Sink<G>>,
    stop: StopHandle,
    /// The run, until it has finished.
    run: Option<Pin<Box<F>>>,
}

impl<G: Graph, F> Events<G, F> {
    pub(crate) fn new(sink: Arc<Sink<G>>, stop: StopHandle, run: F) -> Self {
        Events {
            sink,
            stop,
            run: Some(Box::pin(run)),
        }
    }

    /// Asks the run to stop: no node starts any more, running nodes finish (a node with a
    /// [`Stop`](crate::Stop) parameter sees it and may return early), and the last event
    /// is [`Event::Stopped`] with the outputs produced (or [`Event::Finished`] if the run
    /// finished meanwhile). Keep polling the stream to get it.
    pub fn stop(&self) {
        self.stop.request();
    }

    /// A handle on the same stop, for another task or thread.
    pub fn stop_handle(&self) -> StopHandle {
        self.stop.clone()
    }

    /// Answers the question of an [`Event::Interrupt`]: the answer's variant names the
    /// node. The node resumes when the stream is next polled. An error if that node is
    /// not waiting for an answer (never asked, or already answered).
    pub fn respond(&self, answer: G::Answer) -> Result<(), Error> {
        let (path, answer) = G::__answer(answer);
        let node = G::GRAPH_INFO.node_at(&path).map_or("?", |node| node.name);
        let sender = {
            let mut waiting = lock(&self.sink.waiting);
            let index = waiting
                .iter()
                .position(|w| *w.path == *path)
                .ok_or(Error::NotAsked { node })?;
            waiting.swap_remove(index).answer
        };
        sender.send(answer).map_err(|_| Error::NotAsked { node })
    }
}

impl<G: Graph, F> std::fmt::Debug for Events<G, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Events")
            .field("graph", &G::GRAPH_INFO.name)
            .field("finished", &self.run.is_none())
            .finish()
    }
}

impl<G: Graph, F: Future<Output = Result<Run<G::Outputs, G::Partial>, Error>>> Stream
    for Events<G, F>
{
    type Item = Event<G>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event<G>>> {
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
                this.sink.push(match result {
                    Ok(Run::Finished(outputs)) => Event::Finished(Ok(outputs)),
                    Ok(Run::Stopped(partial)) => Event::Stopped(partial),
                    Err(error) => Event::Finished(Err(error)),
                });
                Poll::Ready(this.sink.pop())
            }
            Poll::Pending => {
                if let Some(event) = this.sink.pop() {
                    return Poll::Ready(Some(event));
                }
                let Some(question) = this.sink.stalled() else {
                    return Poll::Pending;
                };
                // Polled again with every running node waiting for an answer: no one
                // can answer while the caller waits here, so the run ends.
                this.run = None;
                Poll::Ready(Some(Event::Finished(Err(Error::Interrupted {
                    question: Box::new(question),
                }))))
            }
        }
    }
}

impl<G: Graph, F> Unpin for Events<G, F> {}
