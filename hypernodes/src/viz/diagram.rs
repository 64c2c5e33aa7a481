//! [`Diagram`]: which graph to draw and how; the formats are written by sibling modules.

use super::model;
use crate::callbacks::record::Records;
use crate::callbacks::RunRecord;
use crate::{Error, Graph, GraphInfo};
use std::path::Path;

/// Which way a diagram flows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// Inputs at the top, outputs at the bottom.
    #[default]
    TopDown,
    /// Inputs on the left, outputs on the right: suits long, thin pipelines.
    LeftRight,
}

/// A drawing of a graph's structure, and optionally of a run's profile.
///
/// Built from the graph's static description ([`Graph::GRAPH_INFO`]), so drawing needs
/// neither a run nor an installed tool. See the [module docs](crate::viz) for examples.
#[derive(Clone, Debug)]
pub struct Diagram {
    pub(crate) graph: &'static GraphInfo,
    pub(crate) expand: usize,
    pub(crate) direction: Direction,
    pub(crate) show_types: bool,
    pub(crate) records: Option<Records>,
}

impl Diagram {
    /// A diagram of `graph` (any graph value, such as `&Pipeline`): nested graphs
    /// collapsed, top-down, with types.
    pub fn of<G: Graph>(graph: &G) -> Self {
        let _ = graph;
        Diagram {
            graph: G::GRAPH_INFO,
            expand: 0,
            direction: Direction::default(),
            show_types: true,
            records: None,
        }
    }

    /// Draws `levels` levels of nested graphs open, each as a labelled cluster around its
    /// nodes; deeper ones stay one box. `0` (the default) draws every nested graph as one
    /// box.
    pub fn expand(mut self, levels: usize) -> Self {
        self.expand = levels;
        self
    }

    /// Which way the diagram flows ([`Direction::TopDown`] by default).
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Whether boxes show the types of outputs and inputs (`true` by default).
    pub fn show_types(mut self, show: bool) -> Self {
        self.show_types = show;
        self
    }

    /// Annotates each box with what `record` saw: time taken and share of the total,
    /// shading by time, cache hits and failures. Takes a copy: later runs recorded do not
    /// change this diagram.
    pub fn with_record(mut self, record: &RunRecord) -> Self {
        self.records = Some(record.snapshot());
        self
    }

    fn model(&self) -> model::Scope {
        model::build(self.graph, self.expand, self.records.as_ref())
    }

    /// Graphviz DOT source.
    pub fn to_dot(&self) -> String {
        super::dot::render(self, &self.model())
    }

    /// A Mermaid flowchart.
    pub fn to_mermaid(&self) -> String {
        super::mermaid::render(self, &self.model())
    }

    /// A self-contained SVG picture, laid out in process (no Graphviz needed). Needs the
    /// cargo feature `viz`.
    #[cfg(feature = "viz")]
    pub fn to_svg(&self) -> String {
        super::svg::render(self, &self.model())
    }

    /// Writes the diagram to `path`, in the format its extension names (in any case):
    /// `.dot` (or `.gv`), `.mmd` (or `.mermaid`) or `.svg` (feature `viz`).
    ///
    /// # Errors
    ///
    /// [`Error::DiagramFormat`] for another extension (or `.svg` without the feature
    /// `viz`), [`Error::DiagramWrite`] when the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let extension = path.extension().and_then(|e| e.to_str());
        let text = match extension.map(str::to_ascii_lowercase).as_deref() {
            Some("dot" | "gv") => self.to_dot(),
            Some("mmd" | "mermaid") => self.to_mermaid(),
            #[cfg(feature = "viz")]
            Some("svg") => self.to_svg(),
            _ => {
                return Err(Error::DiagramFormat {
                    path: path.to_owned(),
                    supported: SUPPORTED,
                })
            }
        };
        std::fs::write(path, text).map_err(|source| Error::DiagramWrite {
            path: path.to_owned(),
            source,
        })
    }
}

#[cfg(feature = "viz")]
const SUPPORTED: &str = "`.dot`, `.mmd` or `.svg`";
#[cfg(not(feature = "viz"))]
const SUPPORTED: &str = "`.dot` or `.mmd` (`.svg` needs the cargo feature `viz` of hypernodes)";
