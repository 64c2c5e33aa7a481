//! Typed computation graphs from plain functions, wired and checked at compile time.
#![doc = include_str!("../../README.md")]
#![warn(missing_docs)]

mod cache;
pub mod callbacks;
#[cfg(feature = "cluster")]
pub mod cluster;
mod error;
mod graph;
mod interact;
mod macros_doc;
mod map;
mod node;
mod runner;
mod schedule;
pub mod viz;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use cache::{
    Cache, CacheError, CacheKey, CacheStats, DiskCache, KeyBuilder, KeyError, MemoryCache, NoCache,
};
pub use error::DirectoryProblem;
pub use error::{BoxError, Error, Report};
pub use graph::{Edge, Endpoint, Graph, GraphInfo};
pub use interact::{Answer, AnyValue, Chunks, Interrupt, Interrupted, Question, QuestionType};
pub use macros_doc::{graph, graph_of, node};
pub use map::{each, fixed, MapMode, MapValue, Over};
pub use node::{Composition, Node, NodeInfo, Port};
pub use runner::{AsyncRunner, Event, Events, Runner};

pub use callbacks::Callback;

/// `docs/from-python.md`, so that its Rust examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../docs/from-python.md")]
pub struct FromPythonGuide;

#[cfg(test)]
mod tests {
    /// `__private` gathers what generated code names; the items live with their concepts.
    #[test]
    fn the_private_module_only_re_exports() {
        let source = include_str!("private.rs");
        let mut statement = String::new();
        for line in source.lines().map(str::trim) {
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            statement.push_str(line);
            if line.ends_with(';') {
                assert!(
                    statement.starts_with("pub use "),
                    "not a re-export: {statement}"
                );
                statement.clear();
            }
        }
        assert!(statement.is_empty(), "unfinished item: {statement}");
    }
}
