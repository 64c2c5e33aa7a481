//! `AsyncRunner`: runs a graph's nodes as concurrent futures.

use super::async_run::AsyncRun;
use super::config::{config_methods, Config};
use super::events::{Events, Sink};
use super::map_stream::MapStream;
use super::stopping::{Outcome, Run, StopState};
use super::switchboard::{Listener, RunSwitchboard};
use crate::callbacks::shield::call_hook;
use crate::callbacks::{Callback, MapContext};
use crate::schedule::Halt;
use crate::GraphInfo;
use crate::{Cache, Error, Graph, MapMode, NoCache, StopHandle};
use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};
use std::future::Future;
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
/// A plain node runs right after the step that produced its inputs, inside that step's
/// future rather than in a future of its own (about 10 ns of overhead per node instead of
/// about 100). So among nodes that are ready together, the order in which they start (and
/// their events) may differ from the schedule order `Runner` follows; each still starts
/// only after its inputs, and async nodes overlap as before.
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
    config: Config<C, K>,
    concurrency: usize,
}

/// How many map items an [`AsyncRunner`] runs at once unless told otherwise.
pub const DEFAULT_MAP_CONCURRENCY: usize = 64;

impl AsyncRunner<(), NoCache> {
    /// An async runner with no callbacks and no cache.
    pub fn new() -> Self {
        AsyncRunner {
            config: Config::new(),
            concurrency: DEFAULT_MAP_CONCURRENCY,
        }
    }
}

config_methods!(AsyncRunner, Callback + Sync);

impl<C, K> AsyncRunner<C, K> {
    fn reconfigure<C2, K2>(
        self,
        change: impl FnOnce(Config<C, K>) -> Config<C2, K2>,
    ) -> AsyncRunner<C2, K2> {
        AsyncRunner {
            config: change(self.config),
            concurrency: self.concurrency,
        }
    }
}

impl Default for AsyncRunner<(), NoCache> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C: Callback + Sync, K: Cache> AsyncRunner<C, K> {
    /// Sets how many items [`map`](AsyncRunner::map) runs at once (at least 1; by default
    /// 64).
    pub fn with_concurrency(mut self, items: usize) -> Self {
        self.concurrency = items.max(1);
        self
    }

    /// Runs `graph` on `inputs`: every output, or the first error (the nodes still running
    /// are then dropped, which cancels them).
    // Not an `async fn`: returning `run_item`'s future spares a layer that would copy the
    // run's whole state as it starts.
    pub fn run<'a, G: Graph>(
        &'a self,
        graph: &'a G,
        inputs: G::Inputs,
    ) -> impl Future<Output = Result<G::Outputs, Error>> + 'a {
        self.run_item(graph, G::__item(inputs), None)
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
    ) -> Events<G, impl Future<Output = Outcome<G>> + 'a>
    where
        G::Inputs: 'a,
        G::Outputs: Send + 'a,
        G::Partial: Send + 'a,
    {
        let sink = Sink::new();
        let events = Arc::clone(&sink);
        let handle = StopHandle::new();
        let stop = StopState::new(handle.clone());
        let run = async move {
            let callbacks = (&self.config.callbacks, &*events);
            let switchboard = RunSwitchboard {
                callbacks: &callbacks,
                interaction: &self.config.interaction,
                listener: Arc::clone(&events),
                stop: Some(&stop),
            };
            let result = self
                .executor(&switchboard, G::GRAPH_INFO, None)
                .run_graph(graph, G::__item(inputs))
                .await;
            stopped_or(result)
        };
        Events::new(sink, handle, run)
    }

    /// Runs `graph` on `inputs` until it finishes or `stop` is
    /// [`request`](StopHandle::request)ed (from another task or thread): then no node
    /// starts any more, running nodes finish (a node with a [`Stop`](crate::Stop)
    /// parameter sees the request and may return early), and the result is
    /// [`Run::Stopped`] with the outputs produced by then, in the generated
    /// `{Name}Partial` (an `Option` per output). A run that finished before the request
    /// took effect is [`Run::Finished`]. Errors are as for [`run`](AsyncRunner::run).
    ///
    /// ```
    /// use hypernodes::{graph, node, AsyncRunner, Run, Stop, StopHandle};
    ///
    /// #[node(output_name = "draft")]
    /// async fn write(topic: String, stop: Stop<'_>) -> String {
    ///     let mut draft = String::new();
    ///     for word in topic.split(' ') {
    ///         if stop.is_requested() {
    ///             break;
    ///         }
    ///         draft.push_str(word);
    ///     }
    ///     draft
    /// }
    ///
    /// #[node(output_name = "review")]
    /// fn review(draft: &str) -> String { format!("{draft}: fine") }
    ///
    /// graph!(struct Editor = [write, review]);
    ///
    /// let stop = StopHandle::new();
    /// stop.request(); // as another task would, while the run goes on
    /// let runner = AsyncRunner::new();
    /// let run = runner.run_until_stopped(&Editor, EditorInputs { topic: "a b".into() }, &stop);
    /// match futures_executor::block_on(run)? {
    ///     Run::Stopped(partial) => assert!(partial.draft.is_none() && partial.review.is_none()),
    ///     Run::Finished(_) => unreachable!("stopped before the first node"),
    /// }
    /// # Ok::<(), hypernodes::Error>(())
    /// ```
    pub async fn run_until_stopped<G: Graph>(
        &self,
        graph: &G,
        inputs: G::Inputs,
        stop: &StopHandle,
    ) -> Result<Run<G::Outputs, G::Partial>, Error> {
        let state = StopState::new(stop.clone());
        let switchboard = RunSwitchboard {
            callbacks: &self.config.callbacks,
            interaction: &self.config.interaction,
            listener: (),
            stop: Some(&state),
        };
        let result = self
            .executor(&switchboard, G::GRAPH_INFO, None)
            .run_graph(graph, G::__item(inputs))
            .await;
        stopped_or(result)
    }

    async fn run_item<G: Graph>(
        &self,
        graph: &G,
        inputs: G::__Item,
        item: Option<usize>,
    ) -> Result<G::Outputs, Error> {
        let switchboard = RunSwitchboard {
            callbacks: &self.config.callbacks,
            interaction: &self.config.interaction,
            listener: (),
            stop: None,
        };
        self.executor(&switchboard, G::GRAPH_INFO, item)
            .run_graph(graph, inputs)
            .await
            .map_err(|halt| halt.error)
    }

    /// The executor of one graph run (map item `item`, if any) with this runner's cache and
    /// concurrency, and the callbacks and listener of `switchboard`: what `run`, `map` and
    /// `iter` share. Not an `async fn` of its own: each async layer between the caller and
    /// the schedule copies the run's whole state as it starts.
    fn executor<'r, D: Callback + Sync, L: Listener>(
        &'r self,
        switchboard: &'r RunSwitchboard<'r, D, L>,
        graph: &'static GraphInfo,
        item: Option<usize>,
    ) -> AsyncRun<'r, D, K, L> {
        AsyncRun::new(&self.config.cache, switchboard, graph, item)
            .with_concurrency(self.concurrency)
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
        call_hook!(
            &self.config.callbacks,
            on_map_end(&context, started.elapsed())
        );
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
        call_hook!(
            &self.config.callbacks,
            on_map_end(&context, started.elapsed())
        );
        Ok(results)
    }

    /// Like [`map_results`](AsyncRunner::map_results), but a stream that yields each
    /// item's result as soon as it finishes, with its index: in the order items complete,
    /// up to [`with_concurrency`](AsyncRunner::with_concurrency) at once. Map hooks fire as
    /// in `map`; `on_map_end` fires when the stream ends, or when it is dropped, which
    /// cancels the items still running (their futures are dropped, as for `run`).
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use hypernodes::{each, graph, node, AsyncRunner, MapMode};
    ///
    /// #[node(output_name = "y")]
    /// async fn square(x: u64) -> u64 { x * x }
    ///
    /// graph!(struct Square = [square]);
    ///
    /// let runner = AsyncRunner::new();
    /// let results = runner.map_iter(&Square, SquareMapInputs { x: each(0..4) }, MapMode::Zip)?;
    /// let mut seen: Vec<(usize, u64)> = futures_executor::block_on(
    ///     results.map(|(index, result)| (index, result.unwrap().y)).collect(),
    /// );
    /// seen.sort();
    /// assert_eq!(seen, [(0, 0), (1, 1), (2, 4), (3, 9)]);
    /// # Ok::<(), hypernodes::Error>(())
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn map_iter<'a, G: Graph>(
        &'a self,
        graph: &'a G,
        inputs: G::MapInputs,
        mode: MapMode,
    ) -> Result<
        MapStream<'a, impl Stream<Item = (usize, Result<G::Outputs, Error>)> + Unpin + 'a, C>,
        Error,
    >
    where
        G::__Item: 'a,
    {
        let (context, items) = self.start_map::<G>(inputs, mode)?;
        let results = stream::iter(items.into_iter().enumerate())
            .map(move |(index, inputs)| async move {
                self.map_item(graph, &context, index, inputs).await
            })
            .buffer_unordered(self.concurrency);
        Ok(MapStream::new(results, &self.config.callbacks, context))
    }

    fn start_map<G: Graph>(
        &self,
        inputs: G::MapInputs,
        mode: MapMode,
    ) -> Result<(MapContext, Vec<G::__Item>), Error> {
        let items = G::__map_items(inputs, mode)?;
        let context = MapContext::new(G::GRAPH_INFO, items.len());
        call_hook!(&self.config.callbacks, on_map_start(&context));
        Ok((context, items))
    }

    async fn map_item<G: Graph>(
        &self,
        graph: &G,
        context: &MapContext,
        index: usize,
        inputs: G::__Item,
    ) -> (usize, Result<G::Outputs, Error>) {
        call_hook!(&self.config.callbacks, on_map_item_start(context, index));
        let started = (C::ACTIVE && self.config.callbacks.is_active()).then(Instant::now);
        let result = self.run_item(graph, inputs, Some(index)).await;
        let elapsed = started.map(|s| s.elapsed()).unwrap_or_default();
        call_hook!(
            &self.config.callbacks,
            on_map_item(context, index, elapsed, result.as_ref().map(|_| ()))
        );
        (index, result)
    }
}

/// A stoppable run's end: a stopped run keeps its partial outputs.
fn stopped_or<O, P>(result: Result<O, Halt<P>>) -> Result<Run<O, P>, Error> {
    match result {
        Ok(outputs) => Ok(Run::Finished(outputs)),
        Err(Halt {
            partial: Some(partial),
            ..
        }) => Ok(Run::Stopped(partial)),
        Err(halt) => Err(halt.error),
    }
}
