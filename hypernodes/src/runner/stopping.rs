//! A stoppable run's side of [`StopHandle`]: whether to start a node, and how many run.
//!
//! A node asked to start after the stop waits until no node of the run is running, then
//! fails with [`Error::Stopped`](crate::Error::Stopped). Waiting matters: the async
//! schedule ends at its first failure and drops the node futures still going, so failing
//! at once would cancel the running nodes and lose what they return.

use crate::{Graph, StopHandle};
use std::sync::{Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// The stop flag of one run, and its running nodes.
#[derive(Debug, Default)]
pub(crate) struct StopState {
    handle: StopHandle,
    running: Mutex<Running>,
}

#[derive(Debug, Default)]
struct Running {
    nodes: usize,
    /// Nodes not started after the stop, waiting for `nodes` to reach 0.
    idle: Vec<Waker>,
}

impl StopState {
    pub(crate) fn new(handle: StopHandle) -> Self {
        StopState {
            handle,
            running: Mutex::default(),
        }
    }

    pub(crate) fn requested(&self) -> bool {
        self.handle.is_requested()
    }

    fn lock(&self) -> MutexGuard<'_, Running> {
        self.running
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts a node as running until the guard drops (it finished, failed or was
    /// cancelled).
    pub(crate) fn start(&self) -> RunningNode<'_> {
        self.lock().nodes += 1;
        RunningNode(self)
    }

    /// Ready once no node of the run is running.
    pub(crate) fn poll_idle(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut running = self.lock();
        if running.nodes == 0 {
            return Poll::Ready(());
        }
        running.idle.push(cx.waker().clone());
        Poll::Pending
    }
}

/// A running node, counted until dropped.
pub(crate) struct RunningNode<'s>(&'s StopState);

impl Drop for RunningNode<'_> {
    fn drop(&mut self) {
        let idle = {
            let mut running = self.0.lock();
            running.nodes -= 1;
            if running.nodes > 0 {
                return;
            }
            std::mem::take(&mut running.idle)
        };
        idle.into_iter().for_each(Waker::wake);
    }
}

/// A stoppable run's result for graph `G`.
pub(crate) type Outcome<G> =
    Result<Run<<G as Graph>::Outputs, <G as Graph>::Partial>, crate::Error>;

/// How a stoppable run ended: with every output, or stopped with those that were
/// produced (the graph's generated `{Name}Partial`, an `Option` per output).
#[derive(Debug)]
#[must_use]
pub enum Run<O, P> {
    /// The run finished: every output.
    Finished(O),
    /// The run was stopped before it finished: the outputs produced by then.
    Stopped(P),
}
