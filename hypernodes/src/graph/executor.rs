//! The executor contract: what a generated schedule asks of whoever runs it.
//!
//! `graph!` emits two schedules per graph, straight-line calls ([`Graph::__run`]) and node
//! futures that run concurrently ([`Graph::__run_async`]), generic over [`Executor`] and
//! [`AsyncExecutor`]. A schedule only calls nodes and passes values; every decision (look
//! up the cache, else run and store; run a listed graph; catch a panic; report to
//! callbacks) is the executor's. The two traits have the same methods, so a runner is
//! written against one of them and the macro never changes for it.
//!
//! Each step names its node by its `NodeInfo` in the running graph and its position in
//! the schedule; `keep` receives the step's outputs and returns those the schedule uses,
//! so the others are dropped inside the step (a panic in their `Drop` is the node's).

use crate::cache::node::Codec;
use crate::interact::Channel;
use crate::schedule::NodeResult;
use crate::{CacheKey, Error, Graph, KeyError, NodeInfo};
use std::future::Future;

/// Runs a graph's steps one after another: what [`Graph::__run`] is generic over.
pub trait Executor: Sized {
    /// Runs a node: `call` calls the function (creating its `Chunks` or `Interrupt`
    /// argument with [`channel`](Executor::channel) on the executor it is given). Reports
    /// the node to callbacks; an `Err` or a panic becomes an [`Error`] naming the node.
    fn node<T, R>(
        &mut self,
        node: &'static NodeInfo,
        call: impl FnOnce(&Self) -> NodeResult<T>,
        keep: impl FnOnce(T) -> R,
    ) -> Result<R, Error>;

    /// A cached node's key, if the executor has a cache and the inputs could be hashed (a
    /// failure to hash them is reported, and the node runs uncached).
    fn cache_key(
        &mut self,
        node: &'static NodeInfo,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<CacheKey>;

    /// Runs a cached node: the stored output for `key` if there is a valid one, else as
    /// [`node`](Executor::node), storing the output.
    fn cached_node<T, R>(
        &mut self,
        node: &'static NodeInfo,
        key: Option<CacheKey>,
        codec: &Codec<T>,
        call: impl FnOnce(&Self) -> NodeResult<T>,
        keep: impl FnOnce(T) -> R,
    ) -> Result<R, Error>;

    /// Runs `graph`, listed at `position` of the running graph's schedule.
    fn graph<G: Graph, R>(
        &mut self,
        position: usize,
        graph: &G,
        inputs: G::Inputs,
        keep: impl FnOnce(G::Outputs) -> R,
    ) -> Result<R, Error>;

    /// The executor's end of the `Chunks` or `Interrupt` parameter of the node at
    /// `position` of the running graph's schedule.
    fn channel(&self, node: &'static NodeInfo, position: usize) -> Channel<'_>;

    /// Drops a value `node` produced, right after its last use (a borrow), so that a
    /// panic in its `Drop` is that node's.
    fn release<T>(&mut self, node: &'static NodeInfo, value: T) {
        let _ = node;
        drop(value);
    }

    /// Runs the entry listed at `position` once per element of `items` (a list entry
    /// mapped with `each(..)`): `item` runs one element on an executor of its own, which
    /// reports it as map item `index`. The outputs come in item order; the first failing
    /// item stops the map with an [`Error::MapItem`] carrying its index. How items are
    /// spread (threads, concurrency) and reported (`on_map_*` callbacks) is the executor's.
    ///
    /// By default the items run one after another on this executor, unreported.
    fn map<I: Send, T: Send, R>(
        &mut self,
        position: usize,
        items: Vec<I>,
        item: impl Fn(&mut Self, I) -> Result<T, Error> + Sync + Send,
        keep: impl FnOnce(Vec<T>) -> R,
    ) -> Result<R, Error> {
        let _ = position;
        let mut outputs = Vec::with_capacity(items.len());
        for (index, input) in items.into_iter().enumerate() {
            outputs.push(item(self, input).map_err(|source| Error::MapItem {
                index,
                source: Box::new(source),
            })?);
        }
        Ok(keep(outputs))
    }
}

/// Runs a graph's steps as concurrent futures: what [`Graph::__run_async`] is generic
/// over. The methods of [`Executor`], taking futures where it takes calls; `&self`,
/// because the node futures of one graph share the executor.
pub trait AsyncExecutor: Sync {
    /// Runs a node: awaits `call`, which calls the function. As [`Executor::node`].
    fn node<T, R>(
        &self,
        node: &'static NodeInfo,
        call: impl Future<Output = NodeResult<T>>,
        keep: impl FnOnce(T) -> R,
    ) -> impl Future<Output = Result<R, Error>>;

    /// Runs a plain (not `async`, not `blocking`) node's `call` at once, inside the poll
    /// that reached it: what [`AsyncExecutor::node`] would give, with no future around it.
    /// `Err` gives `call` and `keep` back when the executor cannot run it now (a stopped
    /// run, where a node waits before it fails); the schedule then awaits `node` with them.
    ///
    /// By default it never runs at once.
    #[allow(clippy::type_complexity)]
    fn node_now<T, R, F: FnOnce() -> NodeResult<T>, K: FnOnce(T) -> R>(
        &self,
        node: &'static NodeInfo,
        call: F,
        keep: K,
    ) -> Result<Result<R, Error>, (F, K)> {
        let _ = node;
        Err((call, keep))
    }

    /// As [`Executor::cache_key`].
    fn cache_key(
        &self,
        node: &'static NodeInfo,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<CacheKey>;

    /// As [`Executor::cached_node`]; `call` is not polled on a hit.
    fn cached_node<T, R>(
        &self,
        node: &'static NodeInfo,
        key: Option<CacheKey>,
        codec: &Codec<T>,
        call: impl Future<Output = NodeResult<T>>,
        keep: impl FnOnce(T) -> R,
    ) -> impl Future<Output = Result<R, Error>>;

    /// As [`Executor::graph`].
    fn graph<G: Graph, R>(
        &self,
        position: usize,
        graph: &G,
        inputs: G::Inputs,
        keep: impl FnOnce(G::Outputs) -> R,
    ) -> impl Future<Output = Result<R, Error>>;

    /// As [`Executor::channel`].
    fn channel(&self, node: &'static NodeInfo, position: usize) -> Channel<'_>;

    /// As [`Executor::release`], once every step has finished; a panic in the value's
    /// `Drop` is an error naming `node`.
    fn release<T>(&self, node: &'static NodeInfo, value: T) -> Result<(), Error> {
        let _ = node;
        drop(value);
        Ok(())
    }

    /// As [`Executor::map`]: `item` gets an executor of its own for one element, and
    /// returns the future that runs it; items run concurrently, in order of results.
    fn map<I, T, R, F, Fut>(
        &self,
        position: usize,
        items: Vec<I>,
        item: F,
        keep: impl FnOnce(Vec<T>) -> R,
    ) -> impl Future<Output = Result<R, Error>>
    where
        Self: Sized,
        F: Fn(Self, I) -> Fut,
        Fut: Future<Output = Result<T, Error>>;
}
