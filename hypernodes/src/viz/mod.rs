//! Drawing graphs: DOT, Mermaid and (feature `viz`) SVG, with nested graphs and run
//! profiles.
//!
//! Every graph carries its structure as static data ([`Graph::GRAPH_INFO`](crate::Graph)),
//! so a [`Diagram`] needs no run and no installed tool:
//!
//! - one box per node: its name, its markers (`[cache v1]`, `[async]`, `[graph]` for a
//!   nested graph, `[streams]`, `[asks]`) and its outputs, with
//!   types unless [`show_types(false)`](Diagram::show_types); in a graph that selects
//!   outputs, the selected ones start with `»`;
//! - graph inputs as ellipses (DOT, SVG) or rounded pills (Mermaid);
//! - one edge per wired value, from producer to consumer, labelled with the value;
//! - nested graphs as one box, or with [`expand(n)`](Diagram::expand) as `n` levels of
//!   labelled clusters, edges entering and leaving them at the inner nodes that use them;
//! - with [`with_record`](Diagram::with_record), each box's time, share of the total,
//!   cache hits and failures, shaded from pale (fast) to orange (slowest).
//!
//! ```
//! use hypernodes::viz::{Diagram, Direction};
//! use hypernodes::{graph, node};
//!
//! #[node(output_name = "words")]
//! fn tokenize(text: &str) -> Vec<String> {
//!     text.split_whitespace().map(String::from).collect()
//! }
//!
//! #[node(output_name = "count", cache)]
//! fn count(words: &[String]) -> usize { words.len() }
//!
//! graph!(pub struct Count = [tokenize, count]);
//!
//! let diagram = Diagram::of(&Count).direction(Direction::LeftRight);
//! assert_eq!(diagram.to_dot(), r#"digraph "Count" {
//!     graph [rankdir=LR, label="Count", labelloc=t, fontname="Helvetica"];
//!     node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
//!     edge [fontname="Helvetica", fontsize=10];
//!     in0 [shape=ellipse, style=solid, label="text: &str"];
//!     n0 [label="tokenize\nwords: Vec<String>", style="rounded", tooltip="rust_out::tokenize\ninputs: text: &str\noutputs: words: Vec<String>"];
//!     n1 [label="count\n[cache]\ncount: usize", style="rounded", peripheries=2, tooltip="rust_out::count\ninputs: words: &[String]\noutputs: count: usize\ncache"];
//!     in0 -> n0;
//!     n0 -> n1 [label="words"];
//! }
//! "#);
//! assert_eq!(diagram.to_mermaid(), r#"---
//! title: "Count"
//! ---
//! flowchart LR
//!     in0(["text: #amp;str"])
//!     n0["tokenize<br>words: Vec#lt;String#gt;"]
//!     n1["count<br>#91;cache#93;<br>count: usize"]
//!     in0 --> n0
//!     n0 -->|"words"| n1
//!     classDef hn_cache stroke-width:3px
//!     class n1 hn_cache
//! "#);
//! ```
//!
//! With the cargo feature `viz`, [`Diagram::to_svg`] lays the graph out in process (with
//! the pure-Rust `layout-rs`) into a self-contained SVG: no fonts, scripts or images to
//! fetch, a tooltip on every box. [`Diagram::save`] picks the format from the extension:
//!
//! ```no_run
//! # use hypernodes::{graph, node, viz::Diagram};
//! # #[node(output_name = "y")] fn f(x: i32) -> i32 { x }
//! # graph!(struct G = [f]);
//! Diagram::of(&G).save("pipeline.dot")?;   // Graphviz
//! Diagram::of(&G).save("pipeline.mmd")?;   // Mermaid
//! Diagram::of(&G).save("pipeline.svg")?;   // feature `viz`
//! # Ok::<(), hypernodes::Error>(())
//! ```
//!
//! The SVG (with `hypernodes = { .., features = ["viz"] }`) is a picture like the one in
//! the [crate docs](crate#visualization), made of plain shapes and
//! text:
//!
//! ```
//! # #[cfg(feature = "viz")] {
//! # use hypernodes::{graph, node, viz::Diagram};
//! # #[node(output_name = "y")] fn f(x: i32) -> i32 { x }
//! # graph!(struct G = [f]);
//! let svg = Diagram::of(&G).to_svg();
//! assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
//! assert!(svg.contains("<g id=\"n0\" class=\"node\">\n<title>rust_out::f\ninputs: x: i32"));
//! assert!(svg.contains(">f</text>") && svg.contains(">y: i32</text>"));
//! # }
//! ```
//!
//! To draw a run's profile, record it with [`RunRecord`](crate::callbacks::RunRecord):
//!
//! ```
//! # use hypernodes::{graph, node, Runner, viz::Diagram};
//! # #[node(output_name = "y")] fn f(x: i32) -> i32 { x }
//! # graph!(struct G = [f]);
//! use hypernodes::callbacks::RunRecord;
//!
//! let record = RunRecord::new();
//! Runner::new().with_callback(&record).run(&G, GInputs { x: 1 })?;
//! let dot = Diagram::of(&G).with_record(&record).to_dot();
//! assert!(dot.contains("100%") && dot.contains("fillcolor"));
//! # Ok::<(), hypernodes::Error>(())
//! ```

mod diagram;
mod dot;
mod escape;
mod label;
mod mermaid;
mod model;
#[cfg(feature = "viz")]
mod svg;

pub use diagram::{Diagram, Direction};
