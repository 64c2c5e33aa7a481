//! Runners execute graphs. One runner runs many graphs; the graph holds no state.

mod sync;

pub use sync::Runner;
