//! Nodes: plain functions made wireable by `#[node]`.

/// A function annotated with `#[node]`, or a graph used as a node.
///
/// You do not implement this trait yourself: `#[node]` implements it on a hidden type
/// named like the function, and `graph!` on each graph. It carries the node's output type
/// and its static description, which runners hand to [`Callback`](crate::Callback)s.
pub trait Node {
    /// What the node produces: the function's return type with `Result` unwrapped and the
    /// future awaited; a tuple for `output_name = ("a", "b")`; the outputs struct for a graph.
    type Output;
    /// The node's static description.
    const INFO: NodeInfo;
}

/// The static description of a node: enough to draw it, log it, or key a cache by it.
#[derive(Clone, Copy, Debug)]
pub struct NodeInfo {
    /// The function's (or graph's) name.
    pub name: &'static str,
    /// `module_path!()` where the node's function (or graph) is defined.
    pub module_path: &'static str,
    /// The parameters, in order.
    pub inputs: &'static [Port],
    /// The outputs, in order.
    pub outputs: &'static [Port],
    /// Whether the function is an `async fn`.
    pub is_async: bool,
    /// Whether the function returns a `Result` whose `Err` stops the run.
    pub fallible: bool,
    /// A digest of the function's tokens, computed at compile time: editing the body
    /// changes it. All zeros for graphs.
    pub code_hash: [u8; 32],
    /// Whether the node opted into caching (`#[node(.., cache)]`).
    pub cache: bool,
    /// Whether the node streams chunks through a [`Chunks`](crate::Chunks) parameter (for
    /// a graph: whether a node it runs does).
    pub streams: bool,
    /// Whether the node asks questions through an [`Interrupt`](crate::Interrupt)
    /// parameter (for a graph: whether a node it runs does).
    pub asks: bool,
    /// The node's `version = "..."`, part of its cache key.
    pub version: Option<&'static str>,
    /// For a graph used as a node: its own description (under the entry's `as` name,
    /// if the list renames it).
    pub subgraph: Option<&'static crate::GraphInfo>,
    /// For an entry a graph's list renames or binds (`double as twice { x: n }`): what it
    /// comes from and its names inside. `None` for an entry listed as it is, and for the
    /// node's own description. [`name`](NodeInfo::name), [`inputs`](NodeInfo::inputs) and
    /// [`outputs`](NodeInfo::outputs) are then the outer graph's names.
    pub composition: Option<&'static Composition>,
}

/// How a graph's list composes one entry, beside the entry's [`NodeInfo`]: written by
/// `graph!` for `entry as name { inner: outer, bound: 3 } -> { inner: outer, .. }`.
///
/// ```
/// use hypernodes::{graph, node, Graph};
///
/// #[node(output_name = "doubled")]
/// fn double(x: i32) -> i32 { x * 2 }
///
/// graph!(pub struct Twice = [double as twice { x: n } -> { doubled: result }]);
///
/// let entry = &Twice::GRAPH_INFO.nodes[0];
/// assert_eq!(entry.name, "twice");
/// assert_eq!(entry.inputs[0].name, "n");
/// let composition = entry.composition.unwrap();
/// assert_eq!(composition.comes_from, "double");
/// assert_eq!(composition.inner_inputs, ["x"]);
/// assert_eq!(composition.inner_outputs, ["doubled"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Composition {
    /// The function or graph the entry runs (its name before `as`).
    pub comes_from: &'static str,
    /// Per input of the entry, in order: its name inside the entry (the outer name is in
    /// [`NodeInfo::inputs`]).
    pub inner_inputs: &'static [&'static str],
    /// Per output of the entry, in order: its name inside the entry.
    pub inner_outputs: &'static [&'static str],
    /// The inputs bound to a value written in the list (inner names): not inputs of the
    /// outer graph.
    pub bound: &'static [&'static str],
    /// The outputs a trailing `..` drops (inner names): invisible in the outer graph.
    pub dropped: &'static [&'static str],
    /// The inputs the entry maps over with `each(..)` (inner names, in the order the
    /// list writes them): the entry runs once per item, and each output is a `Vec`.
    pub mapped: &'static [&'static str],
    /// How the mapped inputs combine into items, if any is mapped.
    pub mode: Option<crate::MapMode>,
}

/// A named, typed input or output of a node or graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Port {
    /// The name that wires it.
    pub name: &'static str,
    /// The type as written in the node's signature (for example `&str` or `Vec<u8>`).
    pub type_name: &'static str,
    /// Whether the node borrows the value (`&T`) instead of taking it.
    pub by_ref: bool,
}

/// The [`NodeInfo`] of a `#[node]` function, from the function's path alone: its name,
/// inputs, outputs, flags and code hash, without listing it in a graph (to log it, draw
/// it, or check in a test that editing its body changed its cache key). A
/// `&'static NodeInfo`. For a graph used as a node, use `<G as Node>::INFO`.
///
/// ```
/// use hypernodes::{node, node_info};
///
/// mod stages {
///     #[hypernodes::node(output_name = "doubled", cache)]
///     pub fn double(x: u32) -> u32 { x * 2 }
/// }
///
/// let info = node_info!(stages::double);
/// assert_eq!(info.name, "double");
/// assert_eq!(info.inputs[0].name, "x");
/// assert_eq!(info.outputs[0].name, "doubled");
/// assert!(info.cache && !info.is_async && !info.fallible);
/// assert_ne!(info.code_hash, [0; 32]);
/// ```
#[macro_export]
macro_rules! node_info {
    ($($segment:ident)::+) => {{
        let info: &'static $crate::NodeInfo = &$($segment)::+::__HN_INFO;
        info
    }};
    (::$($segment:ident)::+) => {{
        let info: &'static $crate::NodeInfo = &::$($segment)::+::__HN_INFO;
        info
    }};
}

/// The module a `#[node]` function is defined in, from `module_path!()` as seen inside the
/// hidden module `#[node]` generates beside it (named like the function): its parent.
#[doc(hidden)]
pub const fn defining_module(path: &'static str) -> &'static str {
    let bytes = path.as_bytes();
    let mut end = bytes.len();
    while end >= 2 {
        if bytes[end - 1] == b':' && bytes[end - 2] == b':' {
            let (head, _) = bytes.split_at(end - 2);
            return match std::str::from_utf8(head) {
                Ok(head) => head,
                Err(_) => path,
            };
        }
        end -= 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::defining_module;

    #[test]
    fn the_defining_module_is_the_parent_of_the_hidden_one() {
        assert_eq!(defining_module("app::stages::double"), "app::stages");
        assert_eq!(defining_module("app::double"), "app");
        assert_eq!(defining_module("double"), "double");
    }
}
