//! `Runner`: runs a graph on the calling thread.

use crate::__private::{Codec, Exec};
use crate::callback::{Callback, GraphContext, NodeContext};
use crate::{BoxError, Cache, CacheError, CacheKey, Error, Graph, GraphInfo, KeyError, NoCache, NodeInfo};
use std::panic::{catch_unwind, AssertUnwindSafe};
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
}

impl Runner<(), NoCache> {
    /// A runner with no callbacks and no cache.
    pub fn new() -> Self {
        Runner {
            callbacks: (),
            cache: NoCache,
        }
    }
}

impl<C: Callback, K: Cache> Runner<C, K> {
    /// Adds a callback, called after those already added.
    pub fn with_callback<D: Callback>(self, callback: D) -> Runner<(C, D), K> {
        Runner {
            callbacks: (self.callbacks, callback),
            cache: self.cache,
        }
    }

    /// Sets the cache that nodes marked `cache` read and write. Pass `&cache` or an `Arc`
    /// to keep using the cache (for its statistics, or to share it between runners).
    pub fn with_cache<K2: Cache>(self, cache: K2) -> Runner<C, K2> {
        Runner {
            callbacks: self.callbacks,
            cache,
        }
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
    pub fn run<G: Graph>(&self, graph: &G, inputs: G::Inputs) -> Result<G::Outputs, Error> {
        let mut exec = SyncExec {
            callbacks: &self.callbacks,
            cache: &self.cache,
            graph: G::GRAPH_INFO,
            depth: 0,
        };
        exec.graph(graph, inputs)
    }
}

/// The per-run state behind [`Runner::run`].
struct SyncExec<'r, C, K> {
    callbacks: &'r C,
    cache: &'r K,
    /// The innermost graph running now.
    graph: &'static GraphInfo,
    /// How many graphs are running (nested) now.
    depth: usize,
}

impl<C: Callback, K: Cache> SyncExec<'_, C, K> {
    fn context(&self, node: &'static NodeInfo) -> NodeContext {
        NodeContext {
            node,
            graph: self.graph,
            depth: self.depth - 1,
        }
    }

    fn cache_error(&self, context: &NodeContext, error: &CacheError) {
        tracing::warn!(node = context.node.name, graph = context.graph.name, %error, "hypernodes cache error");
        self.callbacks.on_cache_error(context, error);
    }

    /// The stored output for `key`, if there is a valid one.
    fn lookup<T>(&self, context: &NodeContext, key: &CacheKey, codec: &Codec<T>) -> Option<T> {
        match self.cache.get(key) {
            Ok(Some(bytes)) => match (codec.decode)(&bytes) {
                Ok(value) => Some(value),
                Err(error) => {
                    // Not what this node stores: recompute, and overwrite it.
                    self.cache_error(context, &error);
                    None
                }
            },
            Ok(None) => None,
            Err(error) => {
                self.cache_error(context, &error);
                None
            }
        }
    }

    fn store<T>(&self, context: &NodeContext, key: &CacheKey, codec: &Codec<T>, value: &T) {
        let stored = (codec.encode)(value).and_then(|bytes| self.cache.put(key, &bytes));
        if let Err(error) = stored {
            self.cache_error(context, &error);
        }
    }
}

impl<C: Callback, K: Cache> Exec for SyncExec<'_, C, K> {
    #[inline]
    fn node<T>(
        &mut self,
        node: &'static NodeInfo,
        call: impl FnOnce() -> Result<T, BoxError>,
    ) -> Result<T, Error> {
        let context = self.context(node);
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
        let key = match key {
            Some(Ok(key)) => key,
            Some(Err(error)) => {
                self.cache_error(&context, &CacheError::Key(error));
                return self.node(node, call);
            }
            None => return self.node(node, call),
        };
        if let Some(value) = self.lookup(&context, &key, &codec) {
            self.callbacks.on_node_cached(&context);
            return Ok(value);
        }
        let value = self.node(node, call)?;
        self.store(&context, &key, &codec, &value);
        Ok(value)
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
            let outcome = result.as_ref().map(|_| ());
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
