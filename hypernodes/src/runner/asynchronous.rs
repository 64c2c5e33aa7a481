//! `AsyncRunner`: runs a graph's nodes as concurrent futures.

use super::cached;
use super::events::{Events, Sink};
use super::port::{Listener, RunPort};
use super::sync::panic_message;
use crate::__private::{AsyncExec, Codec, NodeStart, Scope};
use crate::callbacks::{Callback, MapContext};
use crate::interact::{Channel, Interaction};
use crate::{BoxError, Cache, CacheKey, Error, Graph, KeyError, MapMode, NoCache, NodeInfo};
use futures_util::stream::{self, StreamExt, TryStreamExt};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Runs graphs as futures: a node starts as soon as its own inputs are ready, so
/// independent `async fn` nodes (waiting on I/O, timers, other services) overlap.
///
/// The runner needs no async runtime of its own: `run` and `map` return futures that work
/// under tokio, async-std or `futures::executor::block_on` alike. Cache and callbacks are
/// set as on [`Runner`](crate::Runner).
///
/// # Sync nodes
/// A plain (non-`async`) node runs to completion inside the poll that starts it, on the
/// thread polling the run; other nodes of the same run make no progress meanwhile. Short
/// CPU work is fine; for long CPU-bound work, make the node `async` and hand the work to
/// your runtime's blocking pool (for example `tokio::task::spawn_blocking`), or use
/// [`Runner::map`](crate::Runner::map), which spreads items over threads.
///
/// ```
/// use hypernodes::{graph, node, AsyncRunner};
///
/// #[node(output_name = "greeting")]
/// async fn greet(name: String) -> String { format!("hello {name}") }
///
/// graph!(struct Greeter = [greet]);
///
/// let out = futures_executor::block_on(AsyncRunner::new().run(&Greeter, GreeterInputs { name: "ada".into() }))?;
/// assert_eq!(out.greeting, "hello ada");
/// # Ok::<(), hypernodes::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AsyncRunner<C = (), K = NoCache> {
    callbacks: C,
    cache: K,
    concurrency: usize,
    interaction: Interaction,
}

/// How many map items an [`AsyncRunner`] runs at once unless told otherwise.
pub const DEFAULT_MAP_CONCURRENCY: usize = 64;

impl AsyncRunner<(), NoCache> {
    /// An async runner with no callbacks and no cache.
    pub fn new() -> Self {
        AsyncRunner {
            callbacks: (),
            cache: NoCache,
            concurrency: DEFAULT_MAP_CONCURRENCY,
            interaction: Interaction::default(),
        }
    }
}

impl Default for AsyncRunner<(), NoCache> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C: Callback + Sync, K: Cache> AsyncRunner<C, K> {
    /// Adds a callback, called after those already added.
    pub fn with_callback<D: Callback + Sync>(self, callback: D) -> AsyncRunner<(C, D), K> {
        AsyncRunner {
            callbacks: (self.callbacks, callback),
            cache: self.cache,
            concurrency: self.concurrency,
            interaction: self.interaction,
        }
    }

    /// Sets the cache that nodes marked `cache` read and write.
    pub fn with_cache<K2: Cache>(self, cache: K2) -> AsyncRunner<C, K2> {
        AsyncRunner {
            callbacks: self.callbacks,
            cache,
            concurrency: self.concurrency,
            interaction: self.interaction,
        }
    }

    /// Sets how many items [`map`](AsyncRunner::map) runs at once (at least 1; by default
    /// 64).
    pub fn with_concurrency(mut self, items: usize) -> Self {
        self.concurrency = items.max(1);
        self
    }

    /// Answers the questions nodes ask through an [`Interrupt`](crate::Interrupt)`<Q, A>`
    /// parameter, as [`Runner::with_handler`](crate::Runner::with_handler) does. The
    /// handler is a plain function called inside the asking node's poll: to answer from
    /// elsewhere (a user interface, a web request), use [`iter`](AsyncRunner::iter) and
    /// [`Events::respond`] instead.
    pub fn with_handler<Q, A, F>(mut self, handler: F) -> Self
    where
        Q: 'static,
        A: Send + 'static,
        F: Fn(&Q) -> Option<A> + Send + Sync + 'static,
    {
        self.interaction = self.interaction.with_handler(handler);
        self
    }

    /// Supplies the answer to a question that stopped an earlier run, as
    /// [`Runner::with_answer`](crate::Runner::with_answer) does.
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

    /// Runs `graph` on `inputs`: every output, or the first error (the nodes still running
    /// are then dropped, which cancels them).
    pub async fn run<G: Graph>(&self, graph: &G, inputs: G::Inputs) -> Result<G::Outputs, Error> {
        self.run_item(graph, inputs, None).await
    }

    /// Runs `graph` on `inputs` as a stream of [`Event`](crate::Event)s: nodes starting,
    /// finishing, served from the cache or failing, chunks they stream, questions they ask
    /// (answer with [`Events::respond`]), and last [`Event::Finished`](crate::Event::Finished)
    /// with the run's result. The stream drives the run as it is polled; dropping it
    /// cancels the run. Callbacks set on the runner are called as well.
    ///
    /// Outside async code, `futures::executor::block_on_stream(runner.iter(..))` iterates
    /// it, and still allows `respond` on the iterator.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use hypernodes::{graph, node, AsyncRunner, Event};
    ///
    /// #[node(output_name = "doubled")]
    /// async fn double(x: i32) -> i32 { x * 2 }
    ///
    /// graph!(struct Doubler = [double]);
    ///
    /// let runner = AsyncRunner::new();
    /// let events: Vec<_> = futures_executor::block_on(runner.iter(&Doubler, DoublerInputs { x: 4 }).collect());
    /// assert!(matches!(events.first(), Some(Event::GraphStarted { .. })));
    /// assert!(matches!(events.last(), Some(Event::Finished(Ok(out))) if out.doubled == 8));
    /// ```
    pub fn iter<'a, G: Graph>(
        &'a self,
        graph: &'a G,
        inputs: G::Inputs,
    ) -> Events<G, impl Future<Output = Result<G::Outputs, Error>> + 'a>
    where
        G::Inputs: 'a,
        G::Outputs: Send + 'a,
    {
        let sink = Sink::new();
        let events = Arc::clone(&sink);
        let run = async move {
            let callbacks = (&self.callbacks, &*events);
            let port = RunPort {
                callbacks: &callbacks,
                interaction: &self.interaction,
                listener: Arc::clone(&events),
            };
            run_graph(&self.cache, port, graph, inputs, None).await
        };
        Events::new(sink, run)
    }

    async fn run_item<G: Graph>(
        &self,
        graph: &G,
        inputs: G::Inputs,
        item: Option<usize>,
    ) -> Result<G::Outputs, Error> {
        let port = RunPort {
            callbacks: &self.callbacks,
            interaction: &self.interaction,
            listener: (),
        };
        run_graph(&self.cache, port, graph, inputs, item).await
    }
}

impl<C: Callback + Sync, K: Cache> AsyncRunner<C, K> {
    /// Runs `graph` once per item, up to [`with_concurrency`](AsyncRunner::with_concurrency)
    /// items at once, and returns the outputs in input order; the first failing item in
    /// input order stops the map ([`Error::MapItem`]). Inputs as for
    /// [`Runner::map`](crate::Runner::map).
    pub async fn map<G: Graph>(
        &self,
        graph: &G,
        inputs: G::MapInputs,
        mode: MapMode,
    ) -> Result<Vec<G::Outputs>, Error> {
        let (context, items) = self.start_map::<G>(inputs, mode)?;
        let started = Instant::now();
        let result = stream::iter(items.into_iter().enumerate())
            .map(|(index, inputs)| self.map_item(graph, &context, index, inputs))
            .buffered(self.concurrency)
            .map(|(index, result)| {
                result.map_err(|error| Error::MapItem {
                    index,
                    source: Box::new(error),
                })
            })
            .try_collect()
            .await;
        self.callbacks.on_map_end(&context, started.elapsed());
        result
    }

    /// Like [`map`](AsyncRunner::map), but runs every item and returns one result per
    /// item.
    pub async fn map_results<G: Graph>(
        &self,
        graph: &G,
        inputs: G::MapInputs,
        mode: MapMode,
    ) -> Result<Vec<Result<G::Outputs, Error>>, Error> {
        let (context, items) = self.start_map::<G>(inputs, mode)?;
        let started = Instant::now();
        let results = stream::iter(items.into_iter().enumerate())
            .map(|(index, inputs)| self.map_item(graph, &context, index, inputs))
            .buffered(self.concurrency)
            .map(|(_, result)| result)
            .collect()
            .await;
        self.callbacks.on_map_end(&context, started.elapsed());
        Ok(results)
    }

    fn start_map<G: Graph>(
        &self,
        inputs: G::MapInputs,
        mode: MapMode,
    ) -> Result<(MapContext, Vec<G::Inputs>), Error> {
        static MAP_IDS: AtomicU64 = AtomicU64::new(1 << 63);
        let items = G::__map_items(inputs, mode)?;
        let context = MapContext {
            graph: G::GRAPH_INFO,
            items: items.len(),
            id: MAP_IDS.fetch_add(1, Ordering::Relaxed),
        };
        self.callbacks.on_map_start(&context);
        Ok((context, items))
    }

    async fn map_item<G: Graph>(
        &self,
        graph: &G,
        context: &MapContext,
        index: usize,
        inputs: G::Inputs,
    ) -> (usize, Result<G::Outputs, Error>) {
        let started = (C::ACTIVE && self.callbacks.is_active()).then(Instant::now);
        let result = self.run_item(graph, inputs, Some(index)).await;
        let elapsed = started.map(|s| s.elapsed()).unwrap_or_default();
        self.callbacks
            .on_map_item(context, index, elapsed, result.as_ref().map(|_| ()));
        (index, result)
    }
}

/// Runs one graph with this cache, and the callbacks and listener of `port`: what `run`,
/// `map` and `iter` share.
async fn run_graph<G: Graph, C: Callback + Sync, K: Cache, L: Listener>(
    cache: &K,
    port: RunPort<'_, C, L>,
    graph: &G,
    inputs: G::Inputs,
    item: Option<usize>,
) -> Result<G::Outputs, Error> {
    let exec = AsyncExecutor { cache, port };
    let scope = Scope {
        graph: G::GRAPH_INFO,
        root: G::GRAPH_INFO,
        depth: 0,
        item,
        path: Arc::new([]),
    };
    let start = exec.graph_start(&scope);
    let result = graph.__run_async(&exec, scope.clone(), inputs).await;
    exec.graph_end(&scope, start, result.as_ref().map(|_| ()));
    result
}

/// What an [`AsyncRunner`] hands to the generated async schedule.
struct AsyncExecutor<'r, C, K, L> {
    cache: &'r K,
    /// The runner's callbacks (`port.callbacks`), and where nodes' chunks and questions go.
    port: RunPort<'r, C, L>,
}

impl<C: Callback + Sync, K: Cache, L: Listener> AsyncExec for AsyncExecutor<'_, C, K, L> {
    fn enter(&self, scope: &Scope, node: &'static NodeInfo) -> NodeStart {
        if C::ACTIVE && self.port.callbacks.is_active() {
            self.port.callbacks.on_node_start(&scope.context(node));
            Some(Instant::now())
        } else {
            None
        }
    }

    fn leave<T>(
        &self,
        scope: &Scope,
        node: &'static NodeInfo,
        start: NodeStart,
        result: std::thread::Result<Result<T, BoxError>>,
    ) -> Result<T, Error> {
        let error = match result {
            Ok(Ok(value)) => {
                if let Some(start) = start {
                    self.port
                        .callbacks
                        .on_node_end(&scope.context(node), start.elapsed());
                }
                return Ok(value);
            }
            Ok(Err(source)) => Error::from_node(node.name, scope.graph.name, source),
            Err(payload) => Error::Panic {
                node: node.name,
                graph: scope.graph.name,
                message: panic_message(payload.as_ref()),
            },
        };
        self.port
            .callbacks
            .on_node_error(&scope.context(node), &error);
        Err(error)
    }

    fn cache_key(
        &self,
        scope: &Scope,
        node: &'static NodeInfo,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<CacheKey> {
        let key = K::ENABLED.then(key);
        cached::usable_key(self.port.callbacks, &scope.context(node), key)
    }

    fn cache_lookup<T>(
        &self,
        scope: &Scope,
        node: &'static NodeInfo,
        key: Option<&CacheKey>,
        codec: &Codec<T>,
    ) -> Option<T> {
        let context = scope.context(node);
        let value = cached::lookup(self.port.callbacks, self.cache, &context, key?, codec)?;
        self.port.callbacks.on_node_cached(&context);
        Some(value)
    }

    fn cache_store<T>(
        &self,
        scope: &Scope,
        node: &'static NodeInfo,
        key: Option<CacheKey>,
        codec: &Codec<T>,
        value: &T,
    ) {
        if let Some(key) = key {
            let context = scope.context(node);
            cached::store(
                self.port.callbacks,
                self.cache,
                &context,
                &key,
                codec,
                value,
            );
        }
    }

    fn graph_start(&self, scope: &Scope) -> NodeStart {
        if C::ACTIVE && self.port.callbacks.is_active() {
            self.port.callbacks.on_graph_start(&scope.graph_context());
            Some(Instant::now())
        } else {
            None
        }
    }

    fn graph_end(&self, scope: &Scope, start: NodeStart, result: Result<(), &Error>) {
        if let Some(start) = start {
            self.port
                .callbacks
                .on_graph_end(&scope.graph_context(), start.elapsed(), result);
        }
    }

    fn channel(&self, scope: &Scope, node: &'static NodeInfo, position: usize) -> Channel<'_> {
        Channel::new(&self.port, scope.site(node, position))
    }
}
