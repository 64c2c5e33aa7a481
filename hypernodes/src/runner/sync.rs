//! `Runner`: runs a graph on the calling thread.

use super::config::{config_methods, Config};
use super::map_iter::{MapIter, MapRun};
use super::nested_map::{in_order, FirstFailure};
use super::parallelism::Parallelism;
use super::sync_run::SyncRun;
use crate::callbacks::shield::call_hook;
use crate::callbacks::{Callback, MapContext};
use crate::{Cache, Error, Graph, MapMode, NoCache};
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
    config: Config<C, K>,
    parallelism: Parallelism,
}

impl Runner<(), NoCache> {
    /// A runner with no callbacks and no cache.
    pub fn new() -> Self {
        Runner {
            config: Config::new(),
            parallelism: Parallelism::default(),
        }
    }
}

config_methods!(Runner, Callback);

impl<C, K> Runner<C, K> {
    fn reconfigure<C2, K2>(
        self,
        change: impl FnOnce(Config<C, K>) -> Config<C2, K2>,
    ) -> Runner<C2, K2> {
        Runner {
            config: change(self.config),
            parallelism: self.parallelism,
        }
    }
}

impl<C: Callback, K: Cache> Runner<C, K> {
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
        self.run_item(graph, G::__item(inputs), None)
    }

    fn run_item<G: Graph>(
        &self,
        graph: &G,
        inputs: G::__Item,
        item: Option<usize>,
    ) -> Result<G::Outputs, Error>
    where
        C: Sync,
    {
        SyncRun::new(&self.config, G::GRAPH_INFO, item)
            .with_parallelism(&self.parallelism)
            .run(graph, inputs)
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
        G::__Item: Send,
        G::Outputs: Send,
        C: Sync,
        K: Sync,
    {
        in_order(self.run_items(graph, G::__map_items(inputs, mode)?, true, None)?)
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
        G::__Item: Send,
        G::Outputs: Send,
        C: Sync,
        K: Sync,
    {
        let results = self.run_items(graph, G::__map_items(inputs, mode)?, false, None)?;
        Ok(results
            .into_iter()
            .map(|result| result.expect("no item is skipped without fail-fast"))
            .collect())
    }

    /// Runs `items` as one map. With `fail_fast`, items not yet started when one fails are
    /// skipped (`None`), except those before the failure, so the first failure in input
    /// order is always known. Once `stop` is set, items not yet started are skipped too:
    /// the cluster runner stops a process's share this way when a peer is lost.
    #[allow(clippy::type_complexity)]
    pub(crate) fn run_items<G>(
        &self,
        graph: &G,
        items: Vec<G::__Item>,
        fail_fast: bool,
        stop: Option<&std::sync::atomic::AtomicBool>,
    ) -> Result<Vec<Option<Result<G::Outputs, Error>>>, Error>
    where
        G: Graph + Sync,
        G::__Item: Send,
        G::Outputs: Send,
        C: Sync,
        K: Sync,
    {
        let workers = self.parallelism.workers()?;
        let context = MapContext::new(G::GRAPH_INFO, items.len());
        let start = Instant::now();
        call_hook!(&self.config.callbacks, on_map_start(&context));
        // Items after the first failure need not run.
        let first_failure = FirstFailure::default();
        let run_one = |(index, inputs): (usize, G::__Item)| {
            if fail_fast && first_failure.skips(index) {
                return None;
            }
            if stop.is_some_and(|stop| stop.load(std::sync::atomic::Ordering::Relaxed)) {
                return None;
            }
            let result = self.map_item(graph, &context, index, inputs);
            first_failure.record(index, &result);
            Some(result)
        };
        let results = workers.map(items, run_one);
        call_hook!(
            &self.config.callbacks,
            on_map_end(&context, start.elapsed())
        );
        Ok(results)
    }

    /// Runs item `index` of the map `context`, between its item hooks.
    pub(super) fn map_item<G: Graph>(
        &self,
        graph: &G,
        context: &MapContext,
        index: usize,
        inputs: G::__Item,
    ) -> Result<G::Outputs, Error>
    where
        C: Sync,
    {
        call_hook!(&self.config.callbacks, on_map_item_start(context, index));
        let timed = C::ACTIVE && self.config.callbacks.is_active();
        let started = timed.then(Instant::now);
        let result = self.run_item(graph, inputs, Some(index));
        let elapsed = started.map(|s| s.elapsed()).unwrap_or_default();
        call_hook!(
            &self.config.callbacks,
            on_map_item(context, index, elapsed, result.as_ref().map(|_| ()))
        );
        result
    }

    /// Calls `on_map_end` for the map `context`, started at `started`.
    pub(super) fn map_ended(&self, context: &MapContext, started: Instant) {
        call_hook!(
            &self.config.callbacks,
            on_map_end(context, started.elapsed())
        );
    }

    /// Like [`map_results`](Runner::map_results), but yields each item's result as soon
    /// as it finishes, with its index: in the order items complete, not input order. Map
    /// hooks fire as in `map` (`on_map_start` here, `on_map_item_start` and `on_map_item`
    /// per item, `on_map_end` after the last item), so progress bars work.
    ///
    /// Items run on this runner's threads while the caller handles results, so what they
    /// use must outlive this call: the runner is cloned into them, and the graph, the
    /// inputs and the outputs must be `'static` and `Send`. Give a callback or a cache
    /// you keep using as an `Arc` (`with_callback(Arc::clone(&progress))`) rather than a
    /// reference. With [`with_parallelism(1)`](Runner::with_parallelism) items run one by
    /// one on the calling thread, each inside `next`.
    ///
    /// Dropping the iterator early starts no more items. Items already running finish on
    /// their threads (at most one per thread), their results are dropped, and
    /// `on_map_end` fires when the last of them ends; the drop itself does not wait.
    ///
    /// ```
    /// use hypernodes::{each, graph, node, MapMode, Runner};
    ///
    /// #[node(output_name = "y")]
    /// fn square(x: u64) -> u64 { x * x }
    ///
    /// graph!(struct Square = [square]);
    ///
    /// let runner = Runner::new().with_parallelism(2);
    /// let mut seen = Vec::new();
    /// for (index, result) in runner.map_iter(&Square, SquareMapInputs { x: each(0..4) }, hypernodes::MapMode::Zip)? {
    ///     seen.push((index, result?.y));
    /// }
    /// seen.sort();
    /// assert_eq!(seen, [(0, 0), (1, 1), (2, 4), (3, 9)]);
    /// # Ok::<(), hypernodes::Error>(())
    /// ```
    pub fn map_iter<G>(
        &self,
        graph: &G,
        inputs: G::MapInputs,
        mode: MapMode,
    ) -> Result<MapIter<G::Outputs>, Error>
    where
        G: Graph + Clone + Send + Sync + 'static,
        G::__Item: Send + 'static,
        G::Outputs: Send + 'static,
        C: Clone + Send + Sync + 'static,
        K: Clone + Send + Sync + 'static,
    {
        let items = G::__map_items(inputs, mode)?;
        let workers = self.parallelism.workers()?;
        let context = MapContext::new(G::GRAPH_INFO, items.len());
        call_hook!(&self.config.callbacks, on_map_start(&context));
        let map = MapRun {
            runner: self.clone(),
            graph: graph.clone(),
            context,
            started: Instant::now(),
        };
        Ok(MapIter::start(map, items, workers))
    }
}
