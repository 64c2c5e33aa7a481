//! `SyncRun`: one run of [`Runner`](crate::Runner), the [`Executor`] its schedules call.

use super::cached;
use super::config::Config;
use super::nested_map::{in_order, FirstFailure};
use super::parallelism::{Parallelism, Workers};
use super::report::{self, kept};
use super::switchboard::{self, RunSwitchboard};
use crate::cache::node::Codec;
use crate::callbacks::shield::call_hook;
use crate::callbacks::{Callback, GraphContext, MapContext, NodeContext};
use crate::graph::executor::Executor;
use crate::interact::Channel;
use crate::schedule::{keep_all, Failure, NodeResult};
use crate::{BoxError, Cache, CacheKey, Error, Graph, GraphInfo, KeyError, NodeInfo};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;
use tracing::Span;

/// The state of one run: which graph and node are running, for callbacks and for the
/// error of a panic.
pub(super) struct SyncRun<'r, C, K> {
    cache: &'r K,
    /// The runner's callbacks (`switchboard.callbacks`), and where chunks and questions go.
    switchboard: RunSwitchboard<'r, C, ()>,
    /// The innermost graph running now.
    graph: &'static GraphInfo,
    /// The graph the runner was given: answers supplied for a re-run name it.
    root: &'static GraphInfo,
    /// Its nesting depth (0 for the runner's graph).
    depth: usize,
    /// The map item this run is, if any.
    item: Option<usize>,
    /// Positions of the listed graphs running now, from the runner's graph down.
    path: Vec<usize>,
    /// The step running, if any: named by the error when a panic unwinds the run.
    current: Option<&'static NodeInfo>,
    /// Where the items of a mapped entry run (`Runner::with_parallelism`); on the
    /// calling thread if unset.
    parallelism: Option<&'r Parallelism>,
}

impl<'r, C: Callback + Sync, K: Cache> SyncRun<'r, C, K> {
    pub(super) fn new(
        config: &'r Config<C, K>,
        graph: &'static GraphInfo,
        item: Option<usize>,
    ) -> Self {
        SyncRun {
            cache: &config.cache,
            switchboard: RunSwitchboard {
                callbacks: &config.callbacks,
                interaction: &config.interaction,
                listener: (),
                stop: None,
            },
            graph,
            root: graph,
            depth: 0,
            item,
            path: Vec::new(),
            current: None,
            parallelism: None,
        }
    }

    /// Mapped entries run their items on `parallelism`'s workers.
    pub(super) fn with_parallelism(mut self, parallelism: &'r Parallelism) -> Self {
        self.parallelism = Some(parallelism);
        self
    }

    /// An executor for item `index` of a map run by this one: the same place in the
    /// graph, its own state.
    fn for_item(&self, index: usize) -> Self {
        SyncRun {
            cache: self.cache,
            switchboard: RunSwitchboard {
                callbacks: self.switchboard.callbacks,
                interaction: self.switchboard.interaction,
                listener: (),
                stop: None,
            },
            graph: self.graph,
            root: self.root,
            depth: self.depth,
            item: Some(index),
            // Room for the listed graph an item runs, so that entering it allocates nothing.
            path: {
                let mut path = Vec::with_capacity(self.path.len() + 1);
                path.extend_from_slice(&self.path);
                path
            },
            current: None,
            parallelism: self.parallelism,
        }
    }

    /// Runs the runner's graph. One unwind boundary per run rather than per node, so that
    /// node calls inline like hand-written ones; `current` says which step was running.
    pub(super) fn run<G: Graph>(
        mut self,
        graph: &G,
        inputs: G::__Item,
    ) -> Result<G::Outputs, Error> {
        let started = report::active(self.callbacks()).then(Instant::now);
        match catch_unwind(AssertUnwindSafe(|| self.run_graph(graph, inputs))) {
            Ok(result) => result,
            Err(payload) => {
                let error = self.panicked(payload.as_ref());
                let context = GraphContext {
                    graph: G::GRAPH_INFO,
                    depth: 0,
                    item: self.item,
                };
                let elapsed = started.map(|s| s.elapsed()).unwrap_or_default();
                call_hook!(
                    self.callbacks(),
                    on_graph_end(&context, elapsed, Err(&error))
                );
                Err(error)
            }
        }
    }

    /// Runs `self.graph`, which is `graph`, inside its span, reporting it.
    fn run_graph<G: Graph>(&mut self, graph: &G, inputs: G::__Item) -> Result<G::Outputs, Error> {
        let context = GraphContext {
            graph: self.graph,
            depth: self.depth,
            item: self.item,
        };
        let span = report::graph_span(self.callbacks(), &context);
        let _entered = span.as_ref().map(Span::enter);
        let started = report::graph_started(self.callbacks(), &context);
        let result = graph.__run(self, inputs);
        report::graph_finished(
            self.callbacks(),
            &context,
            started,
            result.as_ref().map(|_| ()),
        );
        result
    }

    fn context(&self, node: &'static NodeInfo) -> NodeContext {
        NodeContext {
            node,
            graph: self.graph,
            depth: self.depth,
            item: self.item,
        }
    }

    /// The error for a panic that unwound the run, reported to the callbacks.
    fn panicked(&mut self, payload: &(dyn std::any::Any + Send)) -> Error {
        match self.current.take() {
            Some(node) => {
                let error = Error::panic(node.name, self.graph.name, payload);
                call_hook!(self.callbacks(), on_node_error(&self.context(node), &error));
                error
            }
            // Outside any step: in a callback, or in dropping a value the schedule held.
            None => Error::panic("(no node)", self.graph.name, payload),
        }
    }

    /// A node with callbacks: in its span, reported.
    fn reported_node<T, R>(
        &mut self,
        node: &'static NodeInfo,
        call: impl FnOnce(&Self) -> NodeResult<T>,
        keep: impl FnOnce(T) -> R,
    ) -> Result<R, Error> {
        self.current = Some(node);
        let context = self.context(node);
        let span = report::node_span(self.callbacks(), &context);
        let entered = span.as_ref().map(Span::enter);
        let started = report::node_started(self.callbacks(), &context);
        let result = call(self).map(keep);
        let result = report::node_finished(self.callbacks(), &context, started, result);
        drop(entered);
        self.current = None;
        result
    }

    /// The error of a node that returned `Err`, reported.
    #[cold]
    #[inline(never)]
    fn failed(&self, node: &'static NodeInfo, source: BoxError) -> Error {
        let error = Error::from_node(node.name, self.graph.name, source);
        call_hook!(self.callbacks(), on_node_error(&self.context(node), &error));
        error
    }

    fn callbacks(&self) -> &'r C {
        self.switchboard.callbacks
    }
}

impl<C: Callback + Sync, K: Cache> Executor for SyncRun<'_, C, K> {
    #[inline(always)]
    fn node<T, R>(
        &mut self,
        node: &'static NodeInfo,
        call: impl FnOnce(&Self) -> NodeResult<T>,
        keep: impl FnOnce(T) -> R,
    ) -> Result<R, Error> {
        if report::active(self.callbacks()) {
            return self.reported_node(node, call, keep);
        }
        // No (active) callback: nothing but the call, so that it inlines like a hand-written one.
        self.current = Some(node);
        let result = match call(self) {
            Ok(outputs) => Ok(keep(outputs)),
            Err(Failure(source)) => Err(self.failed(node, source)),
        };
        self.current = None;
        result
    }

    #[inline]
    fn cache_key(
        &mut self,
        node: &'static NodeInfo,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<CacheKey> {
        let key = K::ENABLED.then(key);
        cached::usable_key(self.callbacks(), &self.context(node), key)
    }

    fn cached_node<T, R>(
        &mut self,
        node: &'static NodeInfo,
        key: Option<CacheKey>,
        codec: &Codec<T>,
        call: impl FnOnce(&Self) -> NodeResult<T>,
        keep: impl FnOnce(T) -> R,
    ) -> Result<R, Error> {
        let Some(key) = key else {
            return self.node(node, call, keep);
        };
        let context = self.context(node);
        let (callbacks, cache) = (self.callbacks(), self.cache);
        let value = match cached::lookup(callbacks, cache, &context, &key, codec) {
            Some(value) => {
                call_hook!(callbacks, on_node_cached(&context));
                value
            }
            None => {
                let value = self.node(node, call, keep_all)?;
                cached::store(callbacks, cache, &context, &key, codec, &value);
                value
            }
        };
        kept(node, self.graph, value, keep)
    }

    fn graph<G: Graph, R>(
        &mut self,
        position: usize,
        graph: &G,
        inputs: G::Inputs,
        keep: impl FnOnce(G::Outputs) -> R,
    ) -> Result<R, Error> {
        // The listed graph, as a step of this one.
        let step = &self.graph.nodes[position];
        self.path.push(position);
        let outer = std::mem::replace(&mut self.graph, step.subgraph.unwrap_or(G::GRAPH_INFO));
        self.depth += 1;
        let result = self.run_graph(graph, G::__item(inputs));
        self.depth -= 1;
        self.graph = outer;
        self.path.pop();
        kept(step, self.graph, result?, keep)
    }

    #[inline]
    fn release<T>(&mut self, node: &'static NodeInfo, value: T) {
        if std::mem::needs_drop::<T>() {
            // A panic unwinds to the run's boundary, which names `current`.
            self.current = Some(node);
            drop(value);
            self.current = None;
        }
    }

    fn channel(&self, node: &'static NodeInfo, position: usize) -> Channel<'_> {
        Channel::new(
            &self.switchboard,
            switchboard::site(self.context(node), self.root, &self.path, position),
        )
    }

    fn map<I: Send, T: Send, R>(
        &mut self,
        position: usize,
        items: Vec<I>,
        item: impl Fn(&mut Self, I) -> Result<T, Error> + Sync + Send,
        keep: impl FnOnce(Vec<T>) -> R,
    ) -> Result<R, Error> {
        let step = &self.graph.nodes[position];
        let workers = match self.parallelism {
            Some(parallelism) => parallelism.workers()?,
            None => Workers::Caller,
        };
        let callbacks = self.callbacks();
        let context = MapContext::new(step.subgraph.unwrap_or(self.graph), items.len());
        let start = Instant::now();
        call_hook!(callbacks, on_map_start(&context));
        let timed = C::ACTIVE && callbacks.is_active();
        let first_failure = FirstFailure::default();
        let this = &*self;
        // One executor per batch of items a worker runs, reset per item: an item's
        // setup then allocates nothing.
        let init = || this.for_item(0);
        let results = workers.map_with(items, init, |run, (index, input)| {
            if first_failure.skips(index) {
                return None;
            }
            call_hook!(callbacks, on_map_item_start(&context, index));
            let item_start = timed.then(Instant::now);
            run.item = Some(index);
            // A panic in an item is that item's error, as in `Runner::map`; it may leave
            // the executor mid-graph, so the next item gets a fresh one.
            let result = match catch_unwind(AssertUnwindSafe(|| item(run, input))) {
                Ok(result) => result,
                Err(payload) => {
                    let error = run.panicked(payload.as_ref());
                    *run = this.for_item(index);
                    Err(error)
                }
            };
            first_failure.record(index, &result);
            let elapsed = item_start.map(|s| s.elapsed()).unwrap_or_default();
            call_hook!(
                callbacks,
                on_map_item(&context, index, elapsed, result.as_ref().map(|_| ()))
            );
            Some(result)
        });
        call_hook!(callbacks, on_map_end(&context, start.elapsed()));
        in_order(results).map(keep)
    }
}
