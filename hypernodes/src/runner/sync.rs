//! `Runner`: runs a graph on the calling thread.

use super::cached;
use super::parallelism::Parallelism;
use super::port::RunPort;
use crate::__private::{Channel, Codec, Exec, NodeStart, Site};
use crate::callbacks::{Callback, GraphContext, MapContext, NodeContext};
use crate::interact::Interaction;
use crate::{
    BoxError, Cache, CacheKey, Error, Graph, GraphInfo, KeyError, MapMode, NoCache, NodeInfo,
};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Runs graphs synchronously, one node after another, on the calling thread.
///
/// `C` is the static list of callbacks (`()` for none), added with
/// [`with_callback`](Runner::with_callback); `K` is the cache ([`NoCache`] unless set with
/// [`with_cache`](Runner::with_cache)).
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
pub struct Runner<C = (), K = NoCache> {
    callbacks: C,
    cache: K,
    parallelism: Parallelism,
    interaction: Interaction,
}

impl Runner<(), NoCache> {
    /// A runner with no callbacks and no cache.
    pub fn new() -> Self {
        Runner {
            callbacks: (),
            cache: NoCache,
            parallelism: Parallelism::default(),
            interaction: Interaction::default(),
        }
    }
}

impl<C: Callback, K: Cache> Runner<C, K> {
    /// Adds a callback, called after those already added.
    pub fn with_callback<D: Callback>(self, callback: D) -> Runner<(C, D), K> {
        Runner {
            callbacks: (self.callbacks, callback),
            cache: self.cache,
            parallelism: self.parallelism,
            interaction: self.interaction,
        }
    }

    /// Sets the cache that nodes marked `cache` read and write. Pass `&cache` or an `Arc`
    /// to keep using the cache (for its statistics, or to share it between runners).
    pub fn with_cache<K2: Cache>(self, cache: K2) -> Runner<C, K2> {
        Runner {
            callbacks: self.callbacks,
            cache,
            parallelism: self.parallelism,
            interaction: self.interaction,
        }
    }

    /// Sets how many items [`map`](Runner::map) runs at once: `1` runs them one after
    /// another on the calling thread; more runs them on a pool of that many threads for
    /// this runner (and its clones); `0` restores the default, a pool shared by the
    /// process with one thread per core (or `RAYON_NUM_THREADS`).
    ///
    /// At most 256 threads: more are clamped to 256 (threads past a few hundred only
    /// cost time to start and memory for their stacks). No thread starts here; the pool
    /// is made by the first `map` that runs on it, which returns [`Error::ThreadPool`]
    /// if the operating system refuses the threads.
    ///
    /// ```
    /// use hypernodes::{each, graph, node, MapMode, Runner};
    ///
    /// #[node(output_name = "y")]
    /// fn inc(x: u32) -> u32 { x + 1 }
    ///
    /// graph!(struct Inc = [inc]);
    ///
    /// let runner = Runner::new().with_parallelism(4); // no thread yet
    /// let outs = runner.map(&Inc, IncMapInputs { x: each([1, 2, 3]) }, MapMode::Zip)?;
    /// assert_eq!(outs.iter().map(|o| o.y).collect::<Vec<_>>(), [2, 3, 4]);
    /// # Ok::<(), hypernodes::Error>(())
    /// ```
    pub fn with_parallelism(mut self, threads: usize) -> Self {
        self.parallelism = self.parallelism.with_threads(threads);
        self
    }

    /// Sets the stack size, in bytes, of the threads [`map`](Runner::map) runs items on
    /// (clamped to 64 KiB ..= 1 GiB). By default they get the main thread's: on unix the
    /// soft `RLIMIT_STACK` (`ulimit -s`, usually 8 MiB), or 8 MiB when it is unlimited or
    /// unknown, and never less than 2 MiB; so a node that recurses deeply enough to work
    /// in [`run`](Runner::run) on the main thread works in `map` too. A worker that
    /// overflows its stack aborts the process, so raise this for deeper recursion.
    ///
    /// It does not apply with [`with_parallelism(1)`](Runner::with_parallelism), where
    /// items run on the calling thread. Like `with_parallelism`, it starts no thread.
    ///
    /// ```
    /// let runner = hypernodes::Runner::new().with_map_stack_size(64 << 20); // 64 MiB
    /// # let _ = runner;
    /// ```
    pub fn with_map_stack_size(mut self, bytes: usize) -> Self {
        self.parallelism = self.parallelism.with_stack_size(bytes);
        self
    }

    /// Answers the questions nodes ask through an [`Interrupt`](crate::Interrupt)`<Q, A>`
    /// parameter: `handler` is called with the question and returns the answer, or `None`
    /// to leave it unanswered (the run then stops with [`Error::Interrupted`]). One
    /// handler per question and answer type; a later one replaces an earlier one.
    /// A handler is found by both types exactly: one for `Q` that returns another answer
    /// type than the node's `A` is never called.
    ///
    /// The handler runs on the node's thread and may block, for example to read a
    /// terminal.
    pub fn with_handler<Q, A, F>(mut self, handler: F) -> Self
    where
        Q: 'static,
        A: Send + 'static,
        F: Fn(&Q) -> Option<A> + Send + Sync + 'static,
    {
        self.interaction = self.interaction.with_handler(handler);
        self
    }

    /// Supplies the answer to a question that stopped an earlier run
    /// ([`Error::Interrupted`]), so that a re-run resumes past it. Made by
    /// [`Question::answer`](crate::Question::answer); it is given before any handler.
    pub fn with_answer(mut self, answer: crate::Answer) -> Self {
        self.interaction = self.interaction.with_answer(answer);
        self
    }

    /// The runner's callbacks.
    pub fn callbacks(&self) -> &C {
        &self.callbacks
    }

    /// The runner's cache.
    pub fn cache(&self) -> &K {
        &self.cache
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
    pub fn run<G: Graph>(&self, graph: &G, inputs: G::Inputs) -> Result<G::Outputs, Error>
    where
        C: Sync,
    {
        self.run_item(graph, inputs, None)
    }

    fn run_item<G: Graph>(
        &self,
        graph: &G,
        inputs: G::Inputs,
        item: Option<usize>,
    ) -> Result<G::Outputs, Error>
    where
        C: Sync,
    {
        // Inactive callbacks (`Callback::is_active`): run as a runner without any.
        if C::ACTIVE && !self.callbacks.is_active() {
            return self.run_with(&(), graph, inputs, item);
        }
        self.run_with(&self.callbacks, graph, inputs, item)
    }

    fn run_with<D: Callback + Sync, G: Graph>(
        &self,
        callbacks: &D,
        graph: &G,
        inputs: G::Inputs,
        item: Option<usize>,
    ) -> Result<G::Outputs, Error> {
        let mut exec = SyncExec {
            cache: &self.cache,
            port: RunPort {
                callbacks,
                interaction: &self.interaction,
                listener: (),
            },
            graph: G::GRAPH_INFO,
            root: G::GRAPH_INFO,
            depth: 0,
            item,
            path: Vec::new(),
            current: None,
        };
        // One unwind boundary per run rather than per node, so that node calls inline
        // like hand-written ones; `exec` remembers which node was running.
        let start = D::ACTIVE.then(Instant::now);
        match catch_unwind(AssertUnwindSafe(|| exec.graph(None, graph, inputs))) {
            Ok(result) => result,
            Err(payload) => {
                let error = exec.panicked(payload.as_ref());
                let context = GraphContext {
                    graph: G::GRAPH_INFO,
                    depth: 0,
                    item,
                };
                let elapsed = start.map(|start| start.elapsed()).unwrap_or_default();
                callbacks.on_graph_end(&context, elapsed, Err(&error));
                Err(error)
            }
        }
    }

    /// Runs `graph` once per item of `inputs`, in parallel, and returns the outputs in
    /// input order; the first failing item (in input order) stops the map, and its error
    /// says which item it was ([`Error::MapItem`]).
    ///
    /// Each field of `{Name}MapInputs` is [`each`](crate::each)`(values)` to map over or
    /// [`fixed`](crate::fixed)`(value)` for every item; `mode` says how mapped fields
    /// combine ([`MapMode::Zip`] or [`MapMode::Product`]). Cached nodes are cached per item.
    ///
    /// ```
    /// use hypernodes::{each, fixed, graph, node, MapMode, Runner};
    ///
    /// #[node(output_name = "scaled")]
    /// fn scale(x: i32, factor: i32) -> i32 { x * factor }
    ///
    /// graph!(struct Scale = [scale]);
    ///
    /// let runner = Runner::new();
    /// let outs = runner.map(&Scale, ScaleMapInputs { x: each([1, 2, 3]), factor: fixed(10) }, MapMode::Zip)?;
    /// assert_eq!(outs.iter().map(|o| o.scaled).collect::<Vec<_>>(), [10, 20, 30]);
    ///
    /// let grid = runner.map(&Scale, ScaleMapInputs { x: each([1, 2]), factor: each([1, 10]) }, MapMode::Product)?;
    /// assert_eq!(grid.iter().map(|o| o.scaled).collect::<Vec<_>>(), [1, 10, 2, 20]);
    /// # Ok::<(), hypernodes::Error>(())
    /// ```
    pub fn map<G>(
        &self,
        graph: &G,
        inputs: G::MapInputs,
        mode: MapMode,
    ) -> Result<Vec<G::Outputs>, Error>
    where
        G: Graph + Sync,
        G::Inputs: Send,
        G::Outputs: Send,
        C: Sync,
        K: Sync,
    {
        let results = self.map_items(graph, inputs, mode, true)?;
        let mut outputs = Vec::with_capacity(results.len());
        for (index, result) in results.into_iter().enumerate() {
            match result {
                Some(Ok(output)) => outputs.push(output),
                Some(Err(error)) => {
                    return Err(Error::MapItem {
                        index,
                        source: Box::new(error),
                    })
                }
                // Skipped after an earlier failure; that failure comes first in order.
                None => unreachable!("items are skipped only after a failure at a lower index"),
            }
        }
        Ok(outputs)
    }

    /// Like [`map`](Runner::map), but runs every item and returns one result per item, so
    /// that one bad item does not lose the others. The outer error is for inputs that
    /// cannot be mapped at all (mismatched lengths with [`MapMode::Zip`]).
    pub fn map_results<G>(
        &self,
        graph: &G,
        inputs: G::MapInputs,
        mode: MapMode,
    ) -> Result<Vec<Result<G::Outputs, Error>>, Error>
    where
        G: Graph + Sync,
        G::Inputs: Send,
        G::Outputs: Send,
        C: Sync,
        K: Sync,
    {
        let results = self.map_items(graph, inputs, mode, false)?;
        Ok(results
            .into_iter()
            .map(|result| result.expect("no item is skipped without fail-fast"))
            .collect())
    }

    /// Runs every item; with `fail_fast`, items not yet started when one fails are
    /// skipped (`None`), except those before the failure, so the first failure in input
    /// order is always known.
    #[allow(clippy::type_complexity)]
    fn map_items<G>(
        &self,
        graph: &G,
        inputs: G::MapInputs,
        mode: MapMode,
        fail_fast: bool,
    ) -> Result<Vec<Option<Result<G::Outputs, Error>>>, Error>
    where
        G: Graph + Sync,
        G::Inputs: Send,
        G::Outputs: Send,
        C: Sync,
        K: Sync,
    {
        static MAP_IDS: AtomicU64 = AtomicU64::new(0);
        let items = G::__map_items(inputs, mode)?;
        let workers = self.parallelism.workers()?;
        let context = MapContext {
            graph: G::GRAPH_INFO,
            items: items.len(),
            id: MAP_IDS.fetch_add(1, Ordering::Relaxed),
        };
        let start = Instant::now();
        self.callbacks.on_map_start(&context);
        // The lowest index that failed so far (`usize::MAX`: none); later items need not run.
        let first_failure = std::sync::atomic::AtomicUsize::new(usize::MAX);
        let timed = C::ACTIVE && self.callbacks.is_active();
        let run_one = |(index, inputs): (usize, G::Inputs)| {
            if fail_fast && index > first_failure.load(Ordering::Relaxed) {
                return None;
            }
            let item_start = timed.then(Instant::now);
            let result = self.run_item(graph, inputs, Some(index));
            if result.is_err() {
                first_failure.fetch_min(index, Ordering::Relaxed);
            }
            let elapsed = item_start.map(|s| s.elapsed()).unwrap_or_default();
            self.callbacks
                .on_map_item(&context, index, elapsed, result.as_ref().map(|_| ()));
            Some(result)
        };
        let results = workers.map(items, run_one);
        self.callbacks.on_map_end(&context, start.elapsed());
        Ok(results)
    }
}

/// The per-run state behind [`Runner::run`].
struct SyncExec<'r, C, K> {
    cache: &'r K,
    /// The runner's callbacks (`port.callbacks`), and where nodes' chunks and questions go.
    port: RunPort<'r, C, ()>,
    /// The innermost graph running now.
    graph: &'static GraphInfo,
    /// The graph the runner was given.
    root: &'static GraphInfo,
    /// How many graphs are running (nested) now.
    depth: usize,
    /// The map item this run is, if any.
    item: Option<usize>,
    /// Positions of the nested graphs running now, from the runner's graph down.
    path: Vec<usize>,
    /// The node being called, if any: named by the error when a panic unwinds the run.
    current: Option<&'static NodeInfo>,
}

impl<C: Callback, K: Cache> SyncExec<'_, C, K> {
    fn context(&self, node: &'static NodeInfo) -> NodeContext {
        NodeContext {
            node,
            graph: self.graph,
            depth: self.depth - 1,
            item: self.item,
        }
    }

    /// The error for a panic that unwound the run, reported to the callbacks.
    fn panicked(&mut self, payload: &(dyn std::any::Any + Send)) -> Error {
        let message = panic_message(payload);
        let graph = self.graph;
        match self.current.take() {
            Some(node) => {
                let error = Error::Panic {
                    node: node.name,
                    graph: graph.name,
                    message,
                };
                self.callbacks().on_node_error(&self.context(node), &error);
                error
            }
            // Outside any node: in a callback, or in cloning map inputs.
            None => Error::Panic {
                node: "(no node)",
                graph: graph.name,
                message,
            },
        }
    }

    fn callbacks(&self) -> &C {
        self.port.callbacks
    }
}

impl<C: Callback + Sync, K: Cache> Exec for SyncExec<'_, C, K> {
    #[inline(always)]
    fn enter(&mut self, node: &'static NodeInfo) -> NodeStart {
        self.current = Some(node);
        if C::ACTIVE {
            self.callbacks().on_node_start(&self.context(node));
            Some(Instant::now())
        } else {
            None
        }
    }

    #[inline(always)]
    fn leave<T>(
        &mut self,
        node: &'static NodeInfo,
        start: NodeStart,
        result: Result<T, BoxError>,
    ) -> Result<T, Error> {
        self.current = None;
        match result {
            Ok(value) => {
                if let Some(start) = start {
                    self.callbacks()
                        .on_node_end(&self.context(node), start.elapsed());
                }
                Ok(value)
            }
            Err(source) => {
                let error = Error::from_node(node.name, self.graph.name, source);
                self.callbacks().on_node_error(&self.context(node), &error);
                Err(error)
            }
        }
    }

    #[inline]
    fn cache_key(
        &mut self,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<Result<CacheKey, KeyError>> {
        K::ENABLED.then(key)
    }

    fn cached_node<T>(
        &mut self,
        node: &'static NodeInfo,
        key: Option<Result<CacheKey, KeyError>>,
        codec: Codec<T>,
        call: impl FnOnce() -> Result<T, BoxError>,
    ) -> Result<T, Error> {
        let context = self.context(node);
        let Some(key) = cached::usable_key(self.callbacks(), &context, key) else {
            return self.node(node, call);
        };
        if let Some(value) = cached::lookup(self.callbacks(), self.cache, &context, &key, &codec) {
            self.callbacks().on_node_cached(&context);
            return Ok(value);
        }
        let value = self.node(node, call)?;
        cached::store(self.callbacks(), self.cache, &context, &key, &codec, &value);
        Ok(value)
    }

    fn channel(&self, node: &'static NodeInfo, position: usize) -> Channel<'_> {
        Channel::new(
            &self.port,
            Site::new(self.context(node), self.root, &self.path, position),
        )
    }

    fn graph<G: Graph>(
        &mut self,
        position: Option<usize>,
        graph: &G,
        inputs: G::Inputs,
    ) -> Result<G::Outputs, Error> {
        self.path.extend(position);
        let context = GraphContext {
            graph: G::GRAPH_INFO,
            depth: self.depth,
            item: self.item,
        };
        let outer = std::mem::replace(&mut self.graph, G::GRAPH_INFO);
        self.depth += 1;
        let start = if C::ACTIVE {
            self.callbacks().on_graph_start(&context);
            Some(Instant::now())
        } else {
            None
        };
        let result = graph.__run(self, inputs);
        if let Some(start) = start {
            let outcome = result.as_ref().map(|_| ());
            self.callbacks()
                .on_graph_end(&context, start.elapsed(), outcome);
        }
        self.depth -= 1;
        self.graph = outer;
        if position.is_some() {
            self.path.pop();
        }
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
