//! Where an async run is: the graph it runs, how deeply nested, which map item. Each
//! `AsyncRun` holds its own, because listed graphs run concurrently with their siblings.

use super::switchboard;
use crate::callbacks::{GraphContext, NodeContext};
use crate::interact::Site;
use crate::{GraphInfo, NodeInfo};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub(super) struct Scope {
    pub(super) graph: &'static GraphInfo,
    /// The graph the runner was given: answers supplied for a re-run name it.
    pub(super) root: &'static GraphInfo,
    pub(super) depth: usize,
    pub(super) item: Option<usize>,
    /// Positions of the listed graphs from the runner's graph down to this one; `None` at
    /// the top (so that a run allocates nothing for it).
    pub(super) path: Option<Arc<[usize]>>,
}

impl Scope {
    /// The scope of the runner's graph.
    pub(super) fn top(graph: &'static GraphInfo, item: Option<usize>) -> Scope {
        Scope {
            graph,
            root: graph,
            depth: 0,
            item,
            path: None,
        }
    }

    /// The scope of a graph listed in this one at `position`.
    pub(super) fn nested(&self, graph: &'static GraphInfo, position: usize) -> Scope {
        Scope {
            graph,
            root: self.root,
            depth: self.depth + 1,
            item: self.item,
            path: Some(self.path().iter().copied().chain([position]).collect()),
        }
    }

    /// Positions of the listed graphs from the runner's graph down to this one.
    fn path(&self) -> &[usize] {
        self.path.as_deref().unwrap_or_default()
    }

    /// Where the node at `position` of this scope's graph is.
    pub(super) fn site(&self, node: &'static NodeInfo, position: usize) -> Site {
        switchboard::site(self.context(node), self.root, self.path(), position)
    }

    /// What callbacks hear about a node of this scope's graph.
    pub(super) fn context(&self, node: &'static NodeInfo) -> NodeContext {
        NodeContext {
            node,
            graph: self.graph,
            depth: self.depth,
            item: self.item,
        }
    }

    /// What callbacks hear about this scope's graph.
    pub(super) fn graph_context(&self) -> GraphContext {
        GraphContext {
            graph: self.graph,
            depth: self.depth,
            item: self.item,
        }
    }
}
