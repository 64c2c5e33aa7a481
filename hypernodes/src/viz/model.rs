//! What a diagram shows, derived from a graph's [`GraphInfo`]: boxes, clusters and links,
//! the same for every format. Built in schedule order, so output is deterministic.

use crate::callbacks::record::{graph_key, Records};
use crate::callbacks::NodeRecord;
use crate::{Endpoint, GraphInfo, NodeInfo, Port};

/// A graph drawn open: the diagram's graph, or a nested graph expanded as a cluster.
#[derive(Debug)]
pub(crate) struct Scope {
    pub graph: &'static GraphInfo,
    /// The graph's inputs (only for the diagram's own graph: a cluster's inputs are
    /// wired from outside), then its nodes in schedule order.
    pub items: Vec<Item>,
    /// One per wired value at this level.
    pub links: Vec<Link>,
}

/// Something drawn at one level of a scope.
#[derive(Debug)]
pub(crate) struct Item {
    /// Unique in the diagram, made of positions only (`in0`, `n2`, `n2_n0`).
    pub id: String,
    pub kind: ItemKind,
}

#[derive(Debug)]
pub(crate) enum ItemKind {
    /// A graph input.
    Input(Port),
    /// A node, or a nested graph drawn collapsed.
    Node(NodeBox),
    /// A nested graph drawn expanded.
    Cluster(NodeBox, Scope),
}

/// A node (or a nested graph) with what its box says.
#[derive(Debug)]
pub(crate) struct NodeBox {
    pub info: &'static NodeInfo,
    /// Each output, and whether the graph selects it (always `false` when the graph does
    /// not select).
    pub outputs: Vec<(Port, bool)>,
    pub profile: Option<Measured>,
}

impl NodeBox {
    pub fn is_graph(&self) -> bool {
        self.info.subgraph.is_some()
    }
}

/// A node's recorded numbers, and its place among the diagram's nodes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Measured {
    pub record: NodeRecord,
    /// Its time as a fraction of the time of every box drawn (clusters count through
    /// their contents).
    pub share: f64,
    /// Its time as a fraction of the slowest box's: how dark it is shaded.
    pub heat: f64,
}

/// A value flowing from a source to an item of the same scope.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Link {
    pub value: &'static str,
    pub from: Source,
    /// Index into [`Scope::items`].
    pub to: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Index into [`Scope::items`].
    Item(usize),
    /// A cluster's input, wired from the level around it.
    Outside,
}

/// An edge between two drawn boxes, through any number of cluster borders.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Wire {
    pub from: String,
    pub to: String,
    pub value: &'static str,
    /// It starts at a graph input, which already names the value.
    pub from_input: bool,
}

/// The model of `graph`, with `expand` nested levels drawn open and, given a record, each
/// box measured.
pub(crate) fn build(graph: &'static GraphInfo, expand: usize, records: Option<&Records>) -> Scope {
    let mut root = scope(graph, "", expand, records, true);
    if records.is_some() {
        let mut leaves = Vec::new();
        root.leaves(&mut leaves);
        let total: f64 = leaves.iter().map(|m| m.record.elapsed.as_secs_f64()).sum();
        let max = leaves
            .iter()
            .map(|m| m.record.elapsed.as_secs_f64())
            .fold(0.0, f64::max);
        for measured in leaves {
            let seconds = measured.record.elapsed.as_secs_f64();
            measured.share = if total > 0.0 { seconds / total } else { 0.0 };
            measured.heat = if max > 0.0 { seconds / max } else { 0.0 };
        }
    }
    root
}

fn scope(
    graph: &'static GraphInfo,
    prefix: &str,
    levels: usize,
    records: Option<&Records>,
    root: bool,
) -> Scope {
    // A graph that selects its outputs (`-> [..]`) has its selected outputs marked.
    let selects = graph
        .nodes
        .iter()
        .flat_map(|node| node.outputs)
        .any(|port| !graph.outputs.iter().any(|out| out.name == port.name));
    let mut items = Vec::new();
    if root {
        for (index, port) in graph.inputs.iter().enumerate() {
            items.push(Item {
                id: format!("in{index}"),
                kind: ItemKind::Input(*port),
            });
        }
    }
    let first_node = items.len();
    for (index, info) in graph.nodes.iter().enumerate() {
        let id = format!("{prefix}n{index}");
        let profile = records.and_then(|records| measure(records, graph, info));
        let outputs = info
            .outputs
            .iter()
            .map(|port| {
                let selected = selects && graph.outputs.iter().any(|out| out.name == port.name);
                (*port, selected)
            })
            .collect();
        let node = NodeBox {
            info,
            outputs,
            profile,
        };
        let kind = match info.subgraph {
            Some(sub) if levels > 0 => {
                let inner = scope(sub, &format!("{id}_"), levels - 1, records, false);
                ItemKind::Cluster(node, inner)
            }
            _ => ItemKind::Node(node),
        };
        items.push(Item { id, kind });
    }
    let mut links: Vec<Link> = Vec::new();
    for edge in graph.edges {
        let from = match edge.from {
            Endpoint::Node(index) => Source::Item(first_node + index),
            Endpoint::Input if root => match graph.inputs.iter().position(|p| p.name == edge.value)
            {
                Some(index) => Source::Item(index),
                None => continue,
            },
            Endpoint::Input => Source::Outside,
        };
        let link = Link {
            value: edge.value,
            from,
            to: first_node + edge.to,
        };
        if !links.contains(&link) {
            links.push(link);
        }
    }
    Scope {
        graph,
        items,
        links,
    }
}

/// The node's numbers, if the record saw it (a node that never ran, or a record of
/// another graph, leaves the box as it is).
fn measure(records: &Records, graph: &GraphInfo, node: &NodeInfo) -> Option<Measured> {
    let record = match node.subgraph {
        Some(sub) => records.graphs.get(&graph_key(sub)),
        None => records.nodes.get(&(graph_key(graph), node.name)),
    };
    Some(Measured {
        record: *record?,
        share: 0.0,
        heat: 0.0,
    })
}

impl Scope {
    /// The measured boxes that are drawn as boxes (not clusters), whose times add up.
    fn leaves<'a>(&'a mut self, out: &mut Vec<&'a mut Measured>) {
        for item in &mut self.items {
            match &mut item.kind {
                ItemKind::Input(_) => {}
                ItemKind::Node(node) => out.extend(node.profile.as_mut()),
                ItemKind::Cluster(_, inner) => inner.leaves(out),
            }
        }
    }

    /// Every edge between drawn boxes, at every level, in a stable order: links into a
    /// cluster go to the inner nodes that take the value, links out of one leave from the
    /// inner node that produces it.
    pub fn wires(&self) -> Vec<Wire> {
        let mut wires = Vec::new();
        self.collect_wires(&mut wires);
        let mut unique: Vec<Wire> = Vec::with_capacity(wires.len());
        for wire in wires {
            if !unique.contains(&wire) {
                unique.push(wire);
            }
        }
        unique
    }

    fn collect_wires(&self, out: &mut Vec<Wire>) {
        for link in &self.links {
            let Source::Item(from) = link.from else {
                continue; // drawn by the level around this cluster
            };
            let Some(source) = self.items[from].producer(link.value) else {
                continue;
            };
            let from_input = matches!(self.items[from].kind, ItemKind::Input(_));
            for target in self.items[link.to].consumers(link.value) {
                out.push(Wire {
                    from: source.clone(),
                    to: target,
                    value: link.value,
                    from_input,
                });
            }
        }
        for item in &self.items {
            if let ItemKind::Cluster(_, inner) = &item.kind {
                inner.collect_wires(out);
            }
        }
    }

    /// The item of this scope that outputs `value`.
    pub fn producer_index(&self, value: &str) -> Option<usize> {
        self.items.iter().position(|item| match &item.kind {
            ItemKind::Input(_) => false,
            ItemKind::Node(node) | ItemKind::Cluster(node, _) => {
                node.info.outputs.iter().any(|port| port.name == value)
            }
        })
    }
}

impl Item {
    /// The id of the drawn box that produces `value`, looking inside clusters.
    fn producer(&self, value: &str) -> Option<String> {
        match &self.kind {
            ItemKind::Cluster(_, inner) => {
                let index = inner.producer_index(value)?;
                inner.items[index].producer(value)
            }
            _ => Some(self.id.clone()),
        }
    }

    /// The ids of the drawn boxes that take `value`, looking inside clusters.
    fn consumers(&self, value: &str) -> Vec<String> {
        match &self.kind {
            ItemKind::Cluster(_, inner) => inner
                .links
                .iter()
                .filter(|link| link.from == Source::Outside && link.value == value)
                .flat_map(|link| inner.items[link.to].consumers(value))
                .collect(),
            _ => vec![self.id.clone()],
        }
    }
}
