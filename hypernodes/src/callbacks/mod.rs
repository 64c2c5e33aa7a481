//! Observing runs: the [`Callback`] trait, its contexts, and ready-made callbacks.
//!
//! - [`TracingCallback`]: a `tracing` span per graph run and per node.
//! - `ProgressCallback` (feature `progress`): progress bars for maps.

mod hooks;
#[cfg(feature = "progress")]
mod progress;
pub(crate) mod record;
pub(crate) mod shield;
mod tracing;

pub use self::tracing::TracingCallback;
pub use hooks::{Callback, GraphContext, MapContext, NodeContext};
/// Where [`ProgressCallback::with_target`] draws (indicatif's type, re-exported so that
/// choosing a target needs no dependency on indicatif).
#[cfg(feature = "progress")]
pub use indicatif::ProgressDrawTarget;
#[cfg(feature = "progress")]
pub use progress::ProgressCallback;
pub use record::{NodeRecord, RunRecord};
