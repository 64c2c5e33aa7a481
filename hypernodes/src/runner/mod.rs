//! Runners execute graphs. One runner runs many graphs; the graph holds no state.
//!
//! A runner holds its [`Config`](config::Config) and implements the executor contract
//! (`crate::graph::executor`) for each run: [`SyncRun`](sync_run::SyncRun) for `Runner`,
//! [`AsyncRun`](async_run::AsyncRun) for `AsyncRunner`.

mod async_run;
mod asynchronous;
mod cached;
mod config;
mod events;
mod map_iter;
mod map_stream;
mod nested_map;
mod parallelism;
mod report;
mod scope;
mod stopping;
mod switchboard;
mod sync;
mod sync_run;

pub use asynchronous::AsyncRunner;
pub use events::{Event, Events};
pub use map_iter::MapIter;
pub use map_stream::MapStream;
pub use stopping::Run;
pub use sync::Runner;
