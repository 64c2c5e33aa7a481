//! Procedural macros behind [`hypernodes`](https://docs.rs/hypernodes).
//!
//! Use them through the `hypernodes` crate, which re-exports [`node`] and [`graph`]; the
//! generated code refers to `::hypernodes` by absolute path. This file only dispatches: each
//! macro is parsed, validated and expanded in a module of its own.
//!
//! This crate has no cargo features; those of `hypernodes` (`progress`, `viz`, `cluster`)
//! are listed on its front page. `hypernodes` depends on this crate's exact version, as the
//! two change together.

mod errors;
mod graph;
mod hop;
mod naming;
mod node;
mod signature;
mod source;
mod tokens;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

/// Turns a plain function into a node of a computation graph.
///
/// See the `hypernodes` crate documentation for the full syntax.
#[proc_macro_attribute]
pub fn node(args: TokenStream, item: TokenStream) -> TokenStream {
    node::expand(args.into(), item.into()).into()
}

/// Wires nodes into a graph by name, checking the wiring at compile time.
///
/// See the `hypernodes` crate documentation for the full syntax.
#[proc_macro]
pub fn graph(input: TokenStream) -> TokenStream {
    graph::entry::expand(input.into()).into()
}

/// Declares a graph on a unit struct: `#[graph_of([node_a, node_b])] pub struct Name;` is
/// `graph!(pub struct Name = [node_a, node_b]);` as an item.
///
/// See the `hypernodes` crate documentation for the full syntax.
#[proc_macro_attribute]
pub fn graph_of(args: TokenStream, item: TokenStream) -> TokenStream {
    graph::entry::expand_attribute(args.into(), item.into()).into()
}

/// The last hop of `graph!`: sees every node's signature and emits the graph.
#[doc(hidden)]
#[proc_macro]
pub fn __graph_impl(input: TokenStream) -> TokenStream {
    graph::expand(input.into()).into()
}
