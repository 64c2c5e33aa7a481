//! `AsyncRun`: one graph run of [`AsyncRunner`](crate::AsyncRunner), the
//! [`AsyncExecutor`] its async schedules call. A listed graph gets an `AsyncRun` of its
//! own, with its own [`Scope`], because it runs concurrently with its siblings.

use super::cached;
use super::report::{self, kept, Started};
use super::scope::Scope;
use super::stopping::{RunningNode, StopState};
use super::switchboard::{Listener, RunSwitchboard};
use crate::cache::node::Codec;
use crate::callbacks::shield::call_hook;
use crate::callbacks::{Callback, GraphContext, MapContext, NodeContext};
use crate::graph::executor::AsyncExecutor;
use crate::interact::Channel;
use crate::schedule::{keep_all, Halt, NodeResult};
use crate::{Cache, CacheKey, Error, Graph, GraphInfo, KeyError, NodeInfo};
use futures_util::{FutureExt, StreamExt, TryStreamExt};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;
use tracing::Span;

pub(super) struct AsyncRun<'r, C, K, L> {
    cache: &'r K,
    /// The runner's callbacks (`switchboard.callbacks`), and where chunks and questions go.
    switchboard: &'r RunSwitchboard<'r, C, L>,
    scope: Scope,
    /// How many items of a mapped entry run at once (`AsyncRunner::with_concurrency`).
    concurrency: usize,
}

impl<'r, C: Callback + Sync, K: Cache, L: Listener> AsyncRun<'r, C, K, L> {
    pub(super) fn new(
        cache: &'r K,
        switchboard: &'r RunSwitchboard<'r, C, L>,
        graph: &'static GraphInfo,
        item: Option<usize>,
    ) -> Self {
        AsyncRun {
            cache,
            switchboard,
            scope: Scope::top(graph, item),
            concurrency: super::asynchronous::DEFAULT_MAP_CONCURRENCY,
        }
    }

    /// Mapped entries run up to `items` items at once.
    pub(super) fn with_concurrency(mut self, items: usize) -> Self {
        self.concurrency = items.max(1);
        self
    }

    fn callbacks(&self) -> &'r C {
        self.switchboard.callbacks
    }

    /// Runs the scope's graph, which is `graph`, in its span, reporting it. A panic
    /// outside every node (in dropping a value the schedule held) ends it with an error.
    #[inline]
    pub(super) fn run_graph<'a, G: Graph>(
        &'a self,
        graph: &'a G,
        inputs: G::__Item,
    ) -> impl Future<Output = Result<G::Outputs, Halt<G::Partial>>> + 'a {
        let context = self.scope.graph_context();
        let callbacks = self.callbacks();
        GraphRun {
            span: report::graph_span(callbacks, &context),
            schedule: graph.__run_async(self, inputs),
            callbacks,
            context,
            started: None,
        }
    }
}

pin_project_lite::pin_project! {
    /// A graph's schedule as the executor runs it: in its span, reported to callbacks, a
    /// panic in any poll caught as the run's error. One hand-written future rather than a
    /// stack of combinators, because each layer would copy the whole schedule's state
    /// when it starts.
    struct GraphRun<'c, C, F> {
        span: Option<Span>,
        #[pin]
        schedule: F,
        callbacks: &'c C,
        context: GraphContext,
        // `Some` once the run has started (and callbacks want its time).
        started: Option<Started>,
    }
}

impl<C: Callback, F: Future<Output = Result<O, Halt<P>>>, O, P> Future for GraphRun<'_, C, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let _entered = this.span.as_ref().map(Span::enter);
        let (callbacks, context) = (*this.callbacks, &*this.context);
        let started = *this
            .started
            .get_or_insert_with(|| report::graph_started(callbacks, context));
        let schedule = this.schedule;
        let result = match catch_unwind(AssertUnwindSafe(|| schedule.poll(cx))) {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(result)) => result,
            Err(payload) => Err(Halt::from(Error::panic(
                "(no node)",
                context.graph.name,
                payload.as_ref(),
            ))),
        };
        let reported = result.as_ref().map(|_| ()).map_err(|halt| &halt.error);
        report::graph_finished(callbacks, context, started, reported);
        Poll::Ready(result)
    }
}

impl<C: Callback + Sync, K: Cache, L: Listener> AsyncExecutor for AsyncRun<'_, C, K, L> {
    fn node<T, R>(
        &self,
        node: &'static NodeInfo,
        call: impl Future<Output = NodeResult<T>>,
        keep: impl FnOnce(T) -> R,
    ) -> impl Future<Output = Result<R, Error>> {
        let context = self.scope.context(node);
        let callbacks = self.callbacks();
        NodeRun {
            span: report::node_span(callbacks, &context),
            call,
            keep: Some(keep),
            callbacks,
            context,
            started: None,
            stop: self.switchboard.stop,
            running: None,
            stopping: false,
        }
    }

    fn node_now<T, R, F: FnOnce() -> NodeResult<T>, Keep: FnOnce(T) -> R>(
        &self,
        node: &'static NodeInfo,
        call: F,
        keep: Keep,
    ) -> Result<Result<R, Error>, (F, Keep)> {
        // After a stop, the node waits for the running ones before it fails: a future.
        let running = match self.switchboard.stop {
            Some(stop) if stop.requested() => return Err((call, keep)),
            Some(stop) => Some(stop.start()),
            None => None,
        };
        let context = self.scope.context(node);
        let callbacks = self.callbacks();
        let span = report::node_span(callbacks, &context);
        let _entered = span.as_ref().map(Span::enter);
        let context = &context;
        let result = catch_unwind(AssertUnwindSafe(|| {
            let started = report::node_started(callbacks, context);
            let result = call().map(keep);
            report::node_finished(callbacks, context, started, result)
        }))
        .unwrap_or_else(|payload| Err(node_panicked(callbacks, context, payload.as_ref())));
        drop(running);
        Ok(result)
    }

    fn cache_key(
        &self,
        node: &'static NodeInfo,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<CacheKey> {
        let key = K::ENABLED.then(key);
        cached::usable_key(self.callbacks(), &self.scope.context(node), key)
    }

    async fn cached_node<T, R>(
        &self,
        node: &'static NodeInfo,
        key: Option<CacheKey>,
        codec: &Codec<T>,
        call: impl Future<Output = NodeResult<T>>,
        keep: impl FnOnce(T) -> R,
    ) -> Result<R, Error> {
        let Some(key) = key else {
            return self.node(node, call, keep).await;
        };
        let context = self.scope.context(node);
        let callbacks = self.callbacks();
        let value = match cached::lookup(callbacks, self.cache, &context, &key, codec) {
            Some(value) => {
                call_hook!(callbacks, on_node_cached(&context));
                value
            }
            None => {
                let value = self.node(node, call, keep_all).await?;
                cached::store(callbacks, self.cache, &context, &key, codec, &value);
                value
            }
        };
        kept(node, self.scope.graph, value, keep)
    }

    fn graph<G: Graph, R>(
        &self,
        position: usize,
        graph: &G,
        inputs: G::Inputs,
        keep: impl FnOnce(G::Outputs) -> R,
    ) -> impl Future<Output = Result<R, Error>> {
        // The listed graph, as a step of this one.
        let step = &self.scope.graph.nodes[position];
        let nested = AsyncRun {
            cache: self.cache,
            switchboard: self.switchboard,
            // Under the entry's `as` name, if the list renamed it.
            scope: self
                .scope
                .nested(step.subgraph.unwrap_or(G::GRAPH_INFO), position),
            concurrency: self.concurrency,
        };
        async move {
            let outputs = nested
                .run_graph(graph, G::__item(inputs))
                .await
                .map_err(|halt| halt.error)?;
            kept(step, self.scope.graph, outputs, keep)
        }
    }

    fn channel(&self, node: &'static NodeInfo, position: usize) -> Channel<'_> {
        Channel::new(self.switchboard, self.scope.site(node, position))
    }

    fn release<T>(&self, node: &'static NodeInfo, value: T) -> Result<(), Error> {
        if !std::mem::needs_drop::<T>() {
            return Ok(());
        }
        catch_unwind(AssertUnwindSafe(|| drop(value)))
            .map_err(|payload| Error::panic(node.name, self.scope.graph.name, payload.as_ref()))
    }

    fn map<I, T, R, F, Fut>(
        &self,
        position: usize,
        items: Vec<I>,
        item: F,
        keep: impl FnOnce(Vec<T>) -> R,
    ) -> impl Future<Output = Result<R, Error>>
    where
        F: Fn(Self, I) -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let step = &self.scope.graph.nodes[position];
        let callbacks = self.callbacks();
        let context = MapContext::new(step.subgraph.unwrap_or(self.scope.graph), items.len());
        let timed = C::ACTIVE && callbacks.is_active();
        let futures: Vec<_> = items
            .into_iter()
            .enumerate()
            .map(|(index, input)| {
                let run = AsyncRun {
                    cache: self.cache,
                    switchboard: self.switchboard,
                    scope: Scope {
                        item: Some(index),
                        ..self.scope.clone()
                    },
                    concurrency: self.concurrency,
                };
                (index, item(run, input))
            })
            .collect();
        let concurrency = self.concurrency;
        async move {
            let start = Instant::now();
            call_hook!(callbacks, on_map_start(&context));
            let context = &context;
            let runs = futures.into_iter().map(|(index, future)| async move {
                call_hook!(callbacks, on_map_item_start(context, index));
                let started = timed.then(Instant::now);
                // A panic in an item is that item's error, as in `AsyncRunner::map`.
                let result = match AssertUnwindSafe(future).catch_unwind().await {
                    Ok(result) => result,
                    Err(payload) => Err(Error::panic(
                        "(no node)",
                        context.graph.name,
                        payload.as_ref(),
                    )),
                };
                let elapsed = started.map(|s| s.elapsed()).unwrap_or_default();
                call_hook!(
                    callbacks,
                    on_map_item(context, index, elapsed, result.as_ref().map(|_| ()))
                );
                result.map_err(|error| Error::MapItem {
                    index,
                    source: Box::new(error),
                })
            });
            // In order, so the first error met is the lowest index run; the rest stop.
            let outputs = futures_util::stream::iter(runs)
                .buffered(concurrency)
                .try_collect::<Vec<T>>()
                .await;
            call_hook!(callbacks, on_map_end(context, start.elapsed()));
            outputs.map(keep)
        }
    }
}

pin_project_lite::pin_project! {
    /// A node's call as the executor runs it: in its span, reported to callbacks, a panic
    /// in any poll caught as the node's error. One hand-written future rather than a stack
    /// of combinators: it is the per-node cost of every async run.
    struct NodeRun<'c, C, F, K> {
        span: Option<Span>,
        #[pin]
        call: F,
        keep: Option<K>,
        callbacks: &'c C,
        context: NodeContext,
        // `Some` once the node has started.
        started: Option<Started>,
        // The run's stop flag, if it can be stopped.
        stop: Option<&'c StopState>,
        // Counts the node as running, from its start to its end.
        running: Option<RunningNode<'c>>,
        // Asked to start after the stop: waits for the running nodes, then fails.
        stopping: bool,
    }
}

impl<C: Callback, F: Future<Output = NodeResult<T>>, T, R, K: FnOnce(T) -> R> Future
    for NodeRun<'_, C, F, K>
{
    type Output = Result<R, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let _entered = this.span.as_ref().map(Span::enter);
        let (callbacks, context) = (*this.callbacks, &*this.context);
        if let (Some(stop), None) = (*this.stop, &this.started) {
            if *this.stopping || stop.requested() {
                *this.stopping = true;
                return stop.poll_idle(cx).map(|()| {
                    Err(Error::Stopped {
                        node: context.node.name,
                        graph: context.graph.name,
                    })
                });
            }
            this.running.get_or_insert_with(|| stop.start());
        }
        let running = this.running;
        let (call, keep, started) = (this.call, this.keep, this.started);
        let polled = catch_unwind(AssertUnwindSafe(|| {
            let started = *started.get_or_insert_with(|| report::node_started(callbacks, context));
            match call.poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(result) => {
                    let keep = keep
                        .take()
                        .expect("a node future is not polled after it ends");
                    let result = result.map(keep);
                    *running = None;
                    Poll::Ready(report::node_finished(callbacks, context, started, result))
                }
            }
        }));
        polled.unwrap_or_else(|payload| {
            Poll::Ready(Err(node_panicked(callbacks, context, payload.as_ref())))
        })
    }
}

/// A node's panic as the node's error, reported to callbacks.
fn node_panicked<C: Callback>(
    callbacks: &C,
    context: &NodeContext,
    payload: &(dyn std::any::Any + Send),
) -> Error {
    let error = Error::panic(context.node.name, context.graph.name, payload);
    call_hook!(callbacks, on_node_error(context, &error));
    error
}
