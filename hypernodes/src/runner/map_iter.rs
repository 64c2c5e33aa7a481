//! `Runner::map_iter`: a map whose results are handed out as items finish.
//!
//! On a pool, every item is a job that owns what it needs (`Arc<MapRun>`), so the caller
//! may keep the iterator as long as it likes, or drop it: jobs then skip their item, and
//! the last job to end calls `on_map_end`. With one thread, items run inside `next`.

use super::parallelism::Workers;
use super::sync::Runner;
use crate::callbacks::{Callback, MapContext};
use crate::{Cache, Error, Graph};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Instant;

/// What every item of one `map_iter` shares.
pub(super) struct MapRun<G, C, K> {
    pub(super) runner: Runner<C, K>,
    pub(super) graph: G,
    pub(super) context: MapContext,
    pub(super) started: Instant,
}

/// One item's result, with the item's index.
type Finished<T> = (usize, Result<T, Error>);

/// The results of [`Runner::map_iter`](crate::Runner::map_iter), in the order items
/// finish: `(index, result)` for every item, each index once.
pub struct MapIter<T> {
    source: Source<T>,
}

enum Source<T> {
    /// Items run on a pool and send their results here.
    Pool {
        results: mpsc::Receiver<Finished<T>>,
        /// Set when the iterator is dropped: jobs not started yet skip their item.
        dropped: Arc<AtomicBool>,
    },
    /// Items run one by one in `next`.
    Caller(Box<dyn Iterator<Item = Finished<T>> + Send>),
}

impl<T: Send + 'static> MapIter<T> {
    pub(super) fn start<G, C, K>(
        map: MapRun<G, C, K>,
        items: Vec<G::__Item>,
        workers: Workers<'_>,
    ) -> Self
    where
        G: Graph<Outputs = T> + Send + Sync + 'static,
        G::__Item: Send + 'static,
        C: Callback + Sync + Send + 'static,
        K: Cache + Sync + Send + 'static,
    {
        let source = match workers {
            Workers::Caller => Source::Caller(Box::new(InTurn {
                items: items.into_iter().enumerate(),
                map: Some(map),
            })),
            Workers::Pool(pool) => {
                let (send, results) = mpsc::channel();
                let dropped = Arc::new(AtomicBool::new(false));
                let shared = Arc::new(Shared {
                    map,
                    left: AtomicUsize::new(items.len()),
                });
                if items.is_empty() {
                    shared.map.ended();
                }
                for (index, inputs) in items.into_iter().enumerate() {
                    let (shared, send, dropped) =
                        (Arc::clone(&shared), send.clone(), Arc::clone(&dropped));
                    pool.spawn_fifo(move || shared.run(index, inputs, &send, &dropped));
                }
                Source::Pool { results, dropped }
            }
        };
        MapIter { source }
    }
}

impl<T> Iterator for MapIter<T> {
    type Item = (usize, Result<T, Error>);

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.source {
            // Every job holds a sender: when all have ended, `recv` fails.
            Source::Pool { results, .. } => results.recv().ok(),
            Source::Caller(items) => items.next(),
        }
    }
}

impl<T> Drop for MapIter<T> {
    fn drop(&mut self) {
        if let Source::Pool { dropped, .. } = &self.source {
            dropped.store(true, Ordering::Relaxed);
        }
    }
}

impl<T> std::fmt::Debug for MapIter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let on = match self.source {
            Source::Pool { .. } => "pool",
            Source::Caller(_) => "caller",
        };
        f.debug_struct("MapIter").field("runs_on", &on).finish()
    }
}

impl<G, C, K> MapRun<G, C, K>
where
    G: Graph,
    C: Callback + Sync,
    K: Cache,
{
    fn item(&self, index: usize, inputs: G::__Item) -> Finished<G::Outputs> {
        let result = self
            .runner
            .map_item(&self.graph, &self.context, index, inputs);
        (index, result)
    }

    fn ended(&self) {
        self.runner.map_ended(&self.context, self.started);
    }
}

/// The jobs' common state on a pool.
struct Shared<G, C, K> {
    map: MapRun<G, C, K>,
    /// Jobs not ended yet: the last one calls `on_map_end`.
    left: AtomicUsize,
}

impl<G, C, K> Shared<G, C, K>
where
    G: Graph,
    C: Callback + Sync,
    K: Cache,
{
    fn run(
        &self,
        index: usize,
        inputs: G::__Item,
        send: &mpsc::Sender<Finished<G::Outputs>>,
        dropped: &AtomicBool,
    ) {
        let finished = (!dropped.load(Ordering::Relaxed)).then(|| self.map.item(index, inputs));
        // Before the result is sent, so that the map has ended when the iterator does.
        if self.left.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.map.ended();
        }
        if let Some(finished) = finished {
            // The iterator may be gone: the result is then dropped.
            let _ = send.send(finished);
        }
    }
}

/// Items run in turn on the calling thread; `on_map_end` after the last, or when dropped.
struct InTurn<G: Graph, C: Callback + Sync, K: Cache> {
    items: std::iter::Enumerate<std::vec::IntoIter<G::__Item>>,
    /// `None` once the map has ended.
    map: Option<MapRun<G, C, K>>,
}

impl<G, C, K> Iterator for InTurn<G, C, K>
where
    G: Graph,
    C: Callback + Sync,
    K: Cache,
{
    type Item = Finished<G::Outputs>;

    fn next(&mut self) -> Option<Self::Item> {
        let map = self.map.as_ref()?;
        match self.items.next() {
            Some((index, inputs)) => Some(map.item(index, inputs)),
            None => {
                map.ended();
                self.map = None;
                None
            }
        }
    }
}

impl<G: Graph, C: Callback + Sync, K: Cache> Drop for InTurn<G, C, K> {
    fn drop(&mut self) {
        if let Some(map) = &self.map {
            map.ended();
        }
    }
}
