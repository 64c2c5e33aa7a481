//! Calling a `blocking` node under `AsyncRunner`: on a thread of a pool that needs no
//! particular async runtime (the `blocking` crate's, which grows with demand), so that
//! blocking nodes overlap with each other and with async nodes, and a slow one does not
//! stall the run's other futures.

use super::NodeResult;
use std::future::Future;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

/// The future of `call` run on the blocking pool. A panic in `call` resumes where the
/// future is polled, so the executor reports it as the node's panic, as for any node.
/// Dropping the future does not stop `call` (it owns everything it uses); its result is
/// then dropped.
pub fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> NodeResult<T> + Send + 'static,
) -> impl Future<Output = NodeResult<T>> {
    let task = ::blocking::unblock(move || catch_unwind(AssertUnwindSafe(call)));
    async move {
        match task.await {
            Ok(result) => result,
            Err(payload) => resume_unwind(payload),
        }
    }
}
