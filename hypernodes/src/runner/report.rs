//! Reporting a run to callbacks, as both executors do it. With no callback
//! (`Callback::ACTIVE == false`) every function here compiles to nothing but the error
//! conversion; with callbacks that are all inactive (`Callback::is_active`), to a check.

use crate::callbacks::shield::call_hook;
use crate::callbacks::{Callback, GraphContext, NodeContext};
use crate::schedule::{Failure, NodeResult};
use crate::{Error, NodeInfo};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;
use tracing::Span;

/// Whether the callbacks want to hear of the run: `false` at compile time for no callback,
/// at run time for callbacks switched off (a progress bar with nowhere to draw).
#[inline(always)]
pub(super) fn active<C: Callback>(callbacks: &C) -> bool {
    C::ACTIVE && callbacks.is_active()
}

/// When a node or graph started, if a callback wants to know how long it took.
pub(super) type Started = Option<Instant>;

/// The span a callback gives for a graph run.
#[inline(always)]
pub(super) fn graph_span<C: Callback>(callbacks: &C, context: &GraphContext) -> Option<Span> {
    if active(callbacks) {
        callbacks.__graph_span(context)
    } else {
        None
    }
}

/// The span a callback gives for a node call.
#[inline(always)]
pub(super) fn node_span<C: Callback>(callbacks: &C, context: &NodeContext) -> Option<Span> {
    if active(callbacks) {
        callbacks.__node_span(context)
    } else {
        None
    }
}

#[inline(always)]
pub(super) fn graph_started<C: Callback>(callbacks: &C, context: &GraphContext) -> Started {
    active(callbacks).then(|| {
        call_hook!(callbacks, on_graph_start(context));
        Instant::now()
    })
}

#[inline(always)]
pub(super) fn graph_finished<C: Callback>(
    callbacks: &C,
    context: &GraphContext,
    started: Started,
    result: Result<(), &Error>,
) {
    if let Some(started) = started {
        call_hook!(callbacks, on_graph_end(context, started.elapsed(), result));
    }
}

#[inline(always)]
pub(super) fn node_started<C: Callback>(callbacks: &C, context: &NodeContext) -> Started {
    active(callbacks).then(|| {
        call_hook!(callbacks, on_node_start(context));
        Instant::now()
    })
}

/// Finishes a node: reports its end, or turns its `Err` into the run's error and reports
/// that (formatting the error there may panic: callers run this inside the node's
/// protected region).
#[inline(always)]
pub(super) fn node_finished<C: Callback, T>(
    callbacks: &C,
    context: &NodeContext,
    started: Started,
    result: NodeResult<T>,
) -> Result<T, Error> {
    match result {
        Ok(value) => {
            if let Some(started) = started {
                call_hook!(callbacks, on_node_end(context, started.elapsed()));
            }
            Ok(value)
        }
        Err(Failure(source)) => {
            let error = Error::from_node(context.node.name, context.graph.name, source);
            call_hook!(callbacks, on_node_error(context, &error));
            Err(error)
        }
    }
}

/// `keep(outputs)`, with a panic (in the `Drop` of an output nobody uses) turned into an
/// error naming `node`. For the steps whose outputs are kept after the node's own
/// protected region (cache hits, listed graphs).
#[inline]
pub(super) fn kept<T, R>(
    node: &'static NodeInfo,
    graph: &'static crate::GraphInfo,
    outputs: T,
    keep: impl FnOnce(T) -> R,
) -> Result<R, Error> {
    catch_unwind(AssertUnwindSafe(|| keep(outputs)))
        .map_err(|payload| Error::panic(node.name, graph.name, payload.as_ref()))
}
