//! Runners execute graphs. One runner runs many graphs; the graph holds no state.

mod asynchronous;
mod cached;
mod events;
mod parallelism;
mod port;
pub(crate) mod slot;
mod sync;

pub use asynchronous::AsyncRunner;
pub use events::{Event, Events};
pub use sync::Runner;
