//! Runners execute graphs. One runner runs many graphs; the graph holds no state.

mod asynchronous;
pub(crate) mod slot;
mod sync;

pub use asynchronous::AsyncRunner;
pub use sync::Runner;
