//! Cooperative stop: `StopHandle` asks a run to stop, `Stop` lets a running node see it.

use super::port::Channel;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Asks a run to stop, from the caller's side: another task or thread, or the loop over
/// [`AsyncRunner::iter`](crate::AsyncRunner::iter)'s events ([`Events::stop`](crate::Events::stop)).
/// Clones share one flag.
///
/// Once [`request`](StopHandle::request)ed, the runner starts no new node; running nodes
/// finish (a node with a [`Stop`] parameter may return early), and
/// [`AsyncRunner::run_until_stopped`](crate::AsyncRunner::run_until_stopped) returns
/// [`Run::Stopped`](crate::Run::Stopped) with the outputs that were produced. Nothing is
/// cancelled mid-node, so what a node returned is never lost.
#[derive(Clone, Debug, Default)]
pub struct StopHandle {
    requested: Arc<AtomicBool>,
}

impl StopHandle {
    /// A handle not yet requested.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the run to stop; later calls do nothing more.
    pub fn request(&self) {
        self.requested.store(true, Ordering::SeqCst);
    }

    /// Whether [`request`](StopHandle::request) was called on this handle or a clone.
    pub fn is_requested(&self) -> bool {
        self.requested.load(Ordering::SeqCst)
    }
}

/// A node parameter through which a long-running node sees that its run was asked to
/// stop, so it can return early with what it has (a streaming answer cut short, say).
///
/// `graph!` does not wire it by name: the runner supplies it. Under
/// [`AsyncRunner::run_until_stopped`](crate::AsyncRunner::run_until_stopped) and
/// [`AsyncRunner::iter`](crate::AsyncRunner::iter) it reports the run's
/// [`StopHandle`]; elsewhere it is never requested. A `Stop` node cannot be `cache`d (the
/// cache would keep an output cut short).
///
/// ```
/// use hypernodes::{node, Chunks, Stop, StopHandle};
///
/// #[node(output_name = "text")]
/// fn generate(prompt: String, tokens: Chunks<'_, String>, stop: Stop<'_>) -> String {
///     let mut text = String::new();
///     for word in prompt.split(' ') {
///         if stop.is_requested() {
///             break;
///         }
///         tokens.send(word.to_owned());
///         text.push_str(word);
///     }
///     text
/// }
///
/// // Called directly, a node gets a `Stop` of its own.
/// assert_eq!(generate("a b".into(), Chunks::to_fn(|_| {}), Stop::never()), "ab");
/// let handle = StopHandle::new();
/// handle.request();
/// assert_eq!(generate("a b".into(), Chunks::to_fn(|_| {}), Stop::on(&handle)), "");
/// ```
pub struct Stop<'a> {
    source: Source<'a>,
}

enum Source<'a> {
    Never,
    Handle(&'a StopHandle),
    Runner(Channel<'a>),
}

impl<'a> Stop<'a> {
    #[doc(hidden)]
    pub fn __new(channel: Channel<'a>) -> Self {
        Stop {
            source: Source::Runner(channel),
        }
    }

    /// A `Stop` never requested, for calling a node directly.
    pub fn never() -> Self {
        Stop {
            source: Source::Never,
        }
    }

    /// A `Stop` that reports `handle`, for calling a node directly.
    pub fn on(handle: &'a StopHandle) -> Self {
        Stop {
            source: Source::Handle(handle),
        }
    }

    /// Whether the run was asked to stop: the node should return soon, with what it has.
    pub fn is_requested(&self) -> bool {
        match &self.source {
            Source::Never => false,
            Source::Handle(handle) => handle.is_requested(),
            Source::Runner(channel) => channel.port().stop_requested(),
        }
    }
}

impl std::fmt::Debug for Stop<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stop")
            .field("requested", &self.is_requested())
            .finish()
    }
}
