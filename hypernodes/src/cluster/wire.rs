//! What crosses between processes besides the items' values: each item's outcome, with a
//! failure kept as text (node, graph, messages) and rebuilt into an [`Error`] on process 0.

use super::ClusterError;
use crate::{Error, ErrorText, GraphInfo};
use serde::{Deserialize, Serialize};

/// The result of one item, as process 0 receives it.
#[derive(Serialize, Deserialize)]
pub(crate) enum Outcome<T> {
    Done(T),
    Failed(Failure),
}

/// A failed item, as text.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub(crate) struct Failure {
    kind: Kind,
    node: String,
    graph: String,
    /// The error, with its sources.
    error: ErrorText,
    /// The process that ran the item.
    process: u64,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Kind {
    /// A node returned `Err`: `error` is the node's error.
    Node,
    /// A node panicked: `error` is the panic message.
    Panic,
    /// Anything else: `error` is the whole run error.
    Other,
}

impl Failure {
    /// `error`, from an item run on `process`.
    pub(crate) fn of(error: &Error, process: usize) -> Self {
        let (kind, node, graph, text) = match error {
            Error::Node {
                node,
                graph,
                source,
            } => (Kind::Node, *node, *graph, ErrorText::of(&**source)),
            Error::Panic {
                node,
                graph,
                message,
            } => (Kind::Panic, *node, *graph, ErrorText::new(message.clone())),
            other => (Kind::Other, "", "", ErrorText::of(other)),
        };
        Failure {
            kind,
            node: node.to_owned(),
            graph: graph.to_owned(),
            error: text,
            process: process as u64,
        }
    }

    /// Any other failure to run or send an item, on `process`.
    pub(crate) fn other(message: String, process: usize) -> Self {
        Failure {
            kind: Kind::Other,
            node: String::new(),
            graph: String::new(),
            error: ErrorText::new(message),
            process: process as u64,
        }
    }

    /// The error as the map on process 0 returns it. Node and graph names are those of
    /// `info` (the same graph, from the same build), so `error.node()` works as usual.
    pub(crate) fn into_error(self, info: &'static GraphInfo) -> Error {
        let names = (find_name(info, &self.node), find_name(info, &self.graph));
        match (self.kind, names) {
            (Kind::Node, (Some(node), Some(graph))) => Error::Node {
                node,
                graph,
                source: Box::new(self.error),
            },
            (Kind::Panic, (Some(node), Some(graph))) => Error::Panic {
                node,
                graph,
                message: self.error.message().to_owned(),
            },
            _ => Error::Cluster(ClusterError::Item {
                process: usize::try_from(self.process).unwrap_or(usize::MAX),
                source: self.error,
            }),
        }
    }
}

/// `name` as a `'static` str of `info`: the graph's own name, or a node's or nested
/// graph's, at any depth.
fn find_name(info: &'static GraphInfo, name: &str) -> Option<&'static str> {
    if info.name == name {
        return Some(info.name);
    }
    info.nodes.iter().find_map(|node| {
        if node.name == name {
            Some(node.name)
        } else {
            node.subgraph.and_then(|subgraph| find_name(subgraph, name))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::Failure;
    use crate::{Error, GraphInfo, Report};

    static GRAPH: GraphInfo = GraphInfo {
        name: "G",
        module_path: "",
        nodes: &[],
        inputs: &[],
        outputs: &[],
        edges: &[],
    };

    /// As every error of the crate: each level's `Display` is its own message, the rest
    /// comes from `source()`, so a report prints each message once.
    #[test]
    fn a_remote_failure_keeps_one_message_per_level() {
        let error = Failure::other("no handler answered".into(), 2).into_error(&GRAPH);
        assert!(matches!(error, Error::Cluster(_)), "{error:?}");
        assert_eq!(error.to_string(), "an item failed on process 2");
        assert_eq!(
            Report::new(&error).to_string(),
            "an item failed on process 2: no handler answered"
        );
    }
}
