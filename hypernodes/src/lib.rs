//! Typed computation graphs from plain functions, wired and checked at compile time.
//!
//! Annotate functions with [`#[node]`](macro@node), list them in [`graph!`], and the macro
//! wires them **by name** (a parameter `doubled` takes the output named `doubled`), checks
//! the wiring **at compile time** (types per edge, two producers of one value, cycles,
//! misspelled selections), and generates a concrete struct per graph. A runner executes
//! it as straight-line code, with values in local variables and no dynamic dispatch.
//!
//! ```
//! use hypernodes::{graph, node, Runner};
//!
//! #[node(output_name = "doubled")]
//! fn double(x: i32) -> i32 { x * 2 }
//!
//! #[node(output_name = "answer")]
//! fn add_one(doubled: i32) -> i32 { doubled + 1 }     // `doubled` is fed by `double`
//!
//! graph!(pub struct Pipeline = [double, add_one]);
//! // generates `Pipeline` (the graph, a unit struct), `PipelineInputs { x: i32 }`,
//! // `PipelineOutputs { doubled: i32, answer: i32 }` and `PipelineMapInputs`.
//!
//! let out = Runner::new().run(&Pipeline, PipelineInputs { x: 5 })?;
//! assert_eq!((out.doubled, out.answer), (10, 11));
//! assert_eq!(double(4), 8);                           // nodes stay plain functions
//! # Ok::<(), hypernodes::Error>(())
//! ```
//!
//! # A tour
//!
//! | you want | use |
//! |---|---|
//! | a node: a function written for one item | [`#[node(output_name = "..")]`](macro@node), with `cache`, `blocking`, several outputs, `Result` returns, `async fn` |
//! | a graph of nodes and other graphs | [`graph!`], or [`#[graph_of(..)]`](macro@graph_of) on a unit struct (notebooks); `-> [a, b]` selects outputs; `as`, renames, bound values and `each(..)` compose entries |
//! | to run it | [`Runner`] (in order, on the calling thread) or [`AsyncRunner`] (concurrent futures, event streams) |
//! | the same graph over many items | [`Runner::map`] with [`each`], [`fixed`] and [`MapMode`], in parallel |
//! | to skip work already done | `#[node(.., cache)]` and [`Runner::with_cache`]: [`MemoryCache`], [`DiskCache`] |
//! | to observe runs | [`Callback`], [`callbacks::TracingCallback`], [`callbacks::RunRecord`], progress bars (feature `progress`) |
//! | partial results, human in the loop | [`Chunks`] and [`Interrupt`] parameters |
//! | a picture of the graph | [`viz::Diagram`]: DOT and Mermaid, SVG with feature `viz` |
//! | the structure, without running | [`Graph::GRAPH_INFO`], [`node_info!`] |
//! | what went wrong | [`Error`]: the failing node, its own error as `source()`, the map item |
//!
//! Each generated type documents itself: the graph's page lists its nodes in the order they
//! run, with their inputs, outputs and types, and a Mermaid diagram; each field of
//! `{Name}Inputs` and `{Name}Outputs` gives its type as the node wrote it.
//!
//! The repository's README is the guide (every part with a tested example), and
//! `docs/from-python.md` maps the Python library onto this one.
//!
//! # Cargo features
//!
//! None is on by default: without features the library adds nothing for drawing or
//! progress bars. Build costs are the CPU time to compile the added crates from scratch,
//! measured on one core of a 2-core x86-64 machine with Rust 1.95.
//!
//! | feature | gives | costs |
//! |---|---|---|
//! | `progress` | `callbacks::ProgressCallback`: progress bars for maps and their nodes, on stderr when it is a terminal | adds indicatif 0.18 and 4 crates (console, portable-atomic, unicode-width, unit-prefix); about 5 s of CPU time in a clean debug build (8 s release) |
//! | `viz` | `viz::Diagram::to_svg`, and `.svg` in [`viz::Diagram::save`]: graph layout in process (DOT and Mermaid need no feature) | adds layout-rs, which has no dependencies; about 1.5 s (5 s release) |
//! | `cluster` | `cluster::ClusterRunner`: map a graph over items across processes and machines (timely-dataflow) | adds timely 0.32 and 20 more crates (timely's communication layer, bincode, columnar, serde's derive); a clean debug build of the crate goes from about 29 s to 45 s |
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
pub use error::{BoxError, Error, ErrorText, Report};
pub use graph::{Edge, Endpoint, Graph, GraphInfo};
pub use interact::{
    Answer, AnyValue, Chunks, Interrupt, Interrupted, Question, QuestionType, Stop, StopHandle,
};
pub use macros_doc::{graph, graph_of, node};
pub use map::{each, fixed, shared, Lent, MapMode, MapValue, Over, Shares, Taken};
pub use node::{Composition, Node, NodeInfo, Port};
pub use runner::{AsyncRunner, Event, Events, MapIter, MapStream, Run, Runner};

pub use callbacks::Callback;

/// The repository's `README.md`, so that its examples run as doctests. Only under
/// `cfg(doctest)`: the file is outside the package, which `cargo package` builds alone.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// `docs/from-python.md`, so that its Rust examples run as doctests (as the README).
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
