//! Callbacks: observe a run without changing it.

use crate::{CacheError, Error, GraphInfo, NodeInfo};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tracing::Span;

/// Where a graph hook fires: which graph, how deeply nested.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct GraphContext {
    /// The graph starting or ending.
    pub graph: &'static GraphInfo,
    /// 0 for the graph passed to the runner, 1 for a graph listed in it, and so on.
    pub depth: usize,
    /// The item's index when the graph runs as an item of a map.
    pub item: Option<usize>,
}

/// Where a node hook fires: which node, in which graph.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct NodeContext {
    /// The node.
    pub node: &'static NodeInfo,
    /// The graph the node is listed in (the innermost, for nested graphs).
    pub graph: &'static GraphInfo,
    /// The nesting depth of `graph` (0 for the graph passed to the runner).
    pub depth: usize,
    /// The item's index when the graph runs as an item of a map.
    pub item: Option<usize>,
}

/// Where a map hook fires: which graph is mapped, over how many items.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct MapContext {
    /// The graph mapped.
    pub graph: &'static GraphInfo,
    /// How many items the map has.
    pub items: usize,
    /// Distinguishes maps that run at the same time (for example a map started by a node
    /// of another map's item); unique within the process.
    pub id: u64,
}

impl MapContext {
    /// The context of a new map, with the next id of the process (one counter for every
    /// runner, so ids never collide).
    pub(crate) fn new(graph: &'static GraphInfo, items: usize) -> MapContext {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        MapContext {
            graph,
            items,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }
}

/// Hooks a runner calls as a run progresses. Every hook has a no-op default, so implement
/// only those you need.
///
/// Callbacks compose statically: `Runner::new().with_callback(a).with_callback(b)` calls
/// `a`'s hook, then `b`'s, through a tuple type, with no boxing and no dynamic dispatch.
/// Hooks take `&self`; keep state in a `Mutex` or atomics.
///
/// ```
/// use hypernodes::callbacks::{Callback, NodeContext};
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use std::time::Duration;
///
/// #[derive(Default)]
/// struct CountNodes(AtomicUsize);
///
/// impl Callback for CountNodes {
///     fn on_node_end(&self, _: &NodeContext, _: Duration) {
///         self.0.fetch_add(1, Ordering::Relaxed);
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a callback",
    label = "expected a callback here",
    note = "implement `hypernodes::callbacks::Callback` for `{Self}` (every hook has a no-op default), or use `TracingCallback` or `ProgressCallback`"
)]
pub trait Callback {
    /// Whether any hook does something. The runner skips timing when it is `false`;
    /// only the no-op callback `()` sets it.
    #[doc(hidden)]
    const ACTIVE: bool = true;

    /// Whether the hooks do anything now. When no callback of a runner is active, the
    /// runner runs graphs as if it had no callback: it reads no clock and may skip every
    /// hook but the map hooks (`on_map_start`, `on_map_item_start`, `on_map_item` with a zero `elapsed`,
    /// `on_map_end`). So a callback switched off at run time (a progress bar with nowhere
    /// to draw) costs next to nothing. `true` unless overridden. Runners ask it often (at
    /// each node), so make it a field read, and do not change the answer during a run.
    ///
    /// ```
    /// use hypernodes::callbacks::{Callback, NodeContext};
    /// use std::time::Duration;
    ///
    /// struct Timings { verbose: bool }
    ///
    /// impl Callback for Timings {
    ///     fn is_active(&self) -> bool {
    ///         self.verbose
    ///     }
    ///     fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
    ///         eprintln!("{} took {elapsed:?}", node.node.name);
    ///     }
    /// }
    /// ```
    fn is_active(&self) -> bool {
        Self::ACTIVE
    }

    /// The span a graph run runs in, if this callback traces (see
    /// [`TracingCallback`](crate::callbacks::TracingCallback)). The runner enters it around
    /// the run (`Runner`) or instruments the run's future with it (`AsyncRunner`), so that
    /// spans follow the work they describe across threads and interleaved futures; the
    /// graph hooks are called inside it.
    #[doc(hidden)]
    fn __graph_span(&self, graph: &GraphContext) -> Option<Span> {
        let _ = graph;
        None
    }

    /// As [`__graph_span`](Callback::__graph_span), for a node call; the node hooks are
    /// called inside it.
    #[doc(hidden)]
    fn __node_span(&self, node: &NodeContext) -> Option<Span> {
        let _ = node;
        None
    }

    /// A graph starts (the runner's graph, or a graph listed in it).
    fn on_graph_start(&self, graph: &GraphContext) {
        let _ = graph;
    }

    /// A graph ended, successfully or not.
    fn on_graph_end(&self, graph: &GraphContext, elapsed: Duration, result: Result<(), &Error>) {
        let _ = (graph, elapsed, result);
    }

    /// A node is about to be called.
    fn on_node_start(&self, node: &NodeContext) {
        let _ = node;
    }

    /// A node returned its output.
    fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
        let _ = (node, elapsed);
    }

    /// A node returned `Err` or panicked; the run stops after this.
    fn on_node_error(&self, node: &NodeContext, error: &Error) {
        let _ = (node, error);
    }
    /// A cached node's output was found in the cache; the node was not called.
    fn on_node_cached(&self, node: &NodeContext) {
        let _ = node;
    }

    /// A node streamed a chunk through its [`Chunks`](crate::Chunks) parameter. Called on
    /// the node's thread, before `send` returns; read the chunk with
    /// `chunk.downcast_ref::<T>()`, or print it with `Debug`.
    fn on_chunk(&self, node: &NodeContext, chunk: &dyn crate::AnyValue) {
        let _ = (node, chunk);
    }

    /// A map starts. Item hooks may then fire from several threads at once.
    fn on_map_start(&self, map: &MapContext) {
        let _ = map;
    }

    /// An item of a map starts, so that a progress display can show the items in flight
    /// (those started and not yet ended by [`on_map_item`](Callback::on_map_item)). Items
    /// skipped after a failure (fail-fast `map`) neither start nor end.
    fn on_map_item_start(&self, map: &MapContext, index: usize) {
        let _ = (map, index);
    }

    /// An item of a map finished, successfully or not.
    fn on_map_item(
        &self,
        map: &MapContext,
        index: usize,
        elapsed: Duration,
        result: Result<(), &Error>,
    ) {
        let _ = (map, index, elapsed, result);
    }

    /// A map ended.
    fn on_map_end(&self, map: &MapContext, elapsed: Duration) {
        let _ = (map, elapsed);
    }

    /// The cache failed to look up or store a node's output. The run goes on (the node is
    /// computed, or its output is not stored).
    fn on_cache_error(&self, node: &NodeContext, error: &CacheError) {
        let _ = (node, error);
    }
}

/// No callback: the default of every runner.
impl Callback for () {
    const ACTIVE: bool = false;
}

/// Every hook but `ACTIVE`, each forwarded by `$call!(self, hook(args))`: one list, so a
/// new hook cannot be forgotten by one of the forwarding impls below.
macro_rules! forward_hooks {
    ($call:ident) => {
        fn on_graph_start(&self, graph: &GraphContext) {
            $call!(self, on_graph_start(graph))
        }
        fn on_graph_end(
            &self,
            graph: &GraphContext,
            elapsed: Duration,
            result: Result<(), &Error>,
        ) {
            $call!(self, on_graph_end(graph, elapsed, result))
        }
        fn on_node_start(&self, node: &NodeContext) {
            $call!(self, on_node_start(node))
        }
        fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
            $call!(self, on_node_end(node, elapsed))
        }
        fn on_node_error(&self, node: &NodeContext, error: &Error) {
            $call!(self, on_node_error(node, error))
        }
        fn on_node_cached(&self, node: &NodeContext) {
            $call!(self, on_node_cached(node))
        }
        fn on_chunk(&self, node: &NodeContext, chunk: &dyn crate::AnyValue) {
            $call!(self, on_chunk(node, chunk))
        }
        fn on_cache_error(&self, node: &NodeContext, error: &CacheError) {
            $call!(self, on_cache_error(node, error))
        }
        fn on_map_start(&self, map: &MapContext) {
            $call!(self, on_map_start(map))
        }
        fn on_map_item_start(&self, map: &MapContext, index: usize) {
            $call!(self, on_map_item_start(map, index))
        }
        fn on_map_item(
            &self,
            map: &MapContext,
            index: usize,
            elapsed: Duration,
            result: Result<(), &Error>,
        ) {
            $call!(self, on_map_item(map, index, elapsed, result))
        }
        fn on_map_end(&self, map: &MapContext, elapsed: Duration) {
            $call!(self, on_map_end(map, elapsed))
        }
    };
}

/// Each of the two shielded on its own, so that a panic in the first does not cost the
/// second its call.
macro_rules! both {
    ($self:ident, $hook:ident($($arg:expr),*)) => {{
        super::shield::call_hook!(&$self.0, $hook($($arg),*));
        super::shield::call_hook!(&$self.1, $hook($($arg),*));
    }};
}

macro_rules! deref {
    ($self:ident, $hook:ident($($arg:expr),*)) => {
        (**$self).$hook($($arg),*)
    };
}

macro_rules! if_some {
    ($self:ident, $hook:ident($($arg:expr),*)) => {
        if let Some(callback) = $self {
            callback.$hook($($arg),*);
        }
    };
}

/// Two callbacks, called in order: what `with_callback` builds.
impl<A: Callback, B: Callback> Callback for (A, B) {
    const ACTIVE: bool = A::ACTIVE || B::ACTIVE;
    fn is_active(&self) -> bool {
        self.0.is_active() || self.1.is_active()
    }
    forward_hooks!(both);
    // One span per graph or node: the first callback that traces gives it.
    fn __graph_span(&self, graph: &GraphContext) -> Option<Span> {
        (self.0.__graph_span(graph)).or_else(|| self.1.__graph_span(graph))
    }
    fn __node_span(&self, node: &NodeContext) -> Option<Span> {
        (self.0.__node_span(node)).or_else(|| self.1.__node_span(node))
    }
}

/// `Callback` for a pointer to a callback: every hook goes to the callback pointed to.
macro_rules! callback_through_pointer {
    ($($(#[$doc:meta])* $pointer:ty;)*) => {$(
        $(#[$doc])*
        impl<C: Callback + ?Sized> Callback for $pointer {
            const ACTIVE: bool = C::ACTIVE;
            fn is_active(&self) -> bool {
                (**self).is_active()
            }
            forward_hooks!(deref);
            fn __graph_span(&self, graph: &GraphContext) -> Option<Span> {
                (**self).__graph_span(graph)
            }
            fn __node_span(&self, node: &NodeContext) -> Option<Span> {
                (**self).__node_span(node)
            }
        }
    )*};
}

callback_through_pointer! {
    &C;
    /// A shared callback: what [`Runner::map_iter`](crate::Runner::map_iter) needs in place of
    /// `&callback`, since its items run on after the call returns.
    std::sync::Arc<C>;
}

/// A callback that may be absent: `with_callback(verbose.then(|| Timings::new()))`.
impl<C: Callback> Callback for Option<C> {
    fn is_active(&self) -> bool {
        self.as_ref().is_some_and(C::is_active)
    }
    forward_hooks!(if_some);
    fn __graph_span(&self, graph: &GraphContext) -> Option<Span> {
        self.as_ref()?.__graph_span(graph)
    }
    fn __node_span(&self, node: &NodeContext) -> Option<Span> {
        self.as_ref()?.__node_span(node)
    }
}
