//! What one level lays out: a box per item (clusters placed first, at their size), a port
//! per value crossing the cluster's border, and a route per pair of connected boxes.

use super::draw::{box_size, text_width};
use super::layout::Point;
use super::{place, Block, CLUSTER_PAD, CLUSTER_TITLE, LINE_HEIGHT, PAD_X, PAD_Y, PORT};
use crate::viz::label;
use crate::viz::model::{ItemKind, NodeBox, Scope, Source};
use crate::viz::Diagram;
use std::collections::BTreeMap;

/// What a layout element stands for.
pub(super) enum Shape<'a> {
    /// The item at this index of the scope (an input or a node box).
    Item(usize),
    /// The port a value from outside the cluster enters by.
    Entry(&'static str),
    /// The port a value used outside the cluster leaves by.
    Exit(&'static str),
    /// A nested cluster (the item at this index), already placed.
    Cluster(usize, &'a NodeBox, Block),
}

/// An edge between layout elements: one per value.
#[derive(PartialEq, Eq)]
pub(super) struct Route {
    pub from: usize,
    pub to: usize,
    pub value: &'static str,
    /// Labelled with its values (not when leaving a graph input, which names it).
    pub labelled: bool,
}

/// A level, ready for layout: `shapes[i]` is `sizes[i]` big.
pub(super) struct Level<'a> {
    pub shapes: Vec<Shape<'a>>,
    pub sizes: Vec<Point>,
    pub routes: Vec<Route>,
}

impl<'a> Level<'a> {
    pub fn new(diagram: &Diagram, scope: &'a Scope, exits: &[&'static str]) -> Self {
        let mut level = Level {
            shapes: Vec::new(),
            sizes: Vec::new(),
            routes: Vec::new(),
        };
        let mut element_of_item = vec![0; scope.items.len()];
        for (index, item) in scope.items.iter().enumerate() {
            element_of_item[index] = level.shapes.len();
            let (shape, size) = match &item.kind {
                ItemKind::Input(port) => {
                    let text = label::input(port, diagram.show_types);
                    let size =
                        Point::new(text_width(&text) + 3.0 * PAD_X, LINE_HEIGHT + 3.0 * PAD_Y);
                    (Shape::Item(index), size)
                }
                ItemKind::Node(node) => (
                    Shape::Item(index),
                    box_size(&label::node(node, diagram.show_types)),
                ),
                ItemKind::Cluster(node, inner) => {
                    let block = place(diagram, inner, &leaving(scope, index));
                    let title = text_width(&label::cluster(node)) + 2.0 * CLUSTER_PAD;
                    let size = Point::new(
                        (block.width + 2.0 * CLUSTER_PAD).max(title),
                        block.height + 2.0 * CLUSTER_PAD + CLUSTER_TITLE,
                    );
                    (Shape::Cluster(index, node, block), size)
                }
            };
            level.shapes.push(shape);
            level.sizes.push(size);
        }
        let mut entries: BTreeMap<&'static str, usize> = BTreeMap::new();
        for link in &scope.links {
            let to = element_of_item[link.to];
            match link.from {
                Source::Item(from) => {
                    let labelled = !matches!(scope.items[from].kind, ItemKind::Input(_));
                    level.route(element_of_item[from], to, link.value, labelled);
                }
                Source::Outside => {
                    let port = match entries.get(link.value) {
                        Some(&port) => port,
                        None => {
                            let port = level.port(Shape::Entry(link.value));
                            entries.insert(link.value, port);
                            port
                        }
                    };
                    level.route(port, to, link.value, false);
                }
            }
        }
        for &value in exits {
            if let Some(producer) = scope.producer_index(value) {
                let port = level.port(Shape::Exit(value));
                level.route(element_of_item[producer], port, value, false);
            }
        }
        level
    }

    fn port(&mut self, shape: Shape<'a>) -> usize {
        self.shapes.push(shape);
        self.sizes.push(Point::new(PORT, PORT));
        self.shapes.len() - 1
    }

    /// One route per value, even between the same two elements.
    fn route(&mut self, from: usize, to: usize, value: &'static str, labelled: bool) {
        let route = Route {
            from,
            to,
            value,
            labelled,
        };
        if !self.routes.contains(&route) {
            self.routes.push(route);
        }
    }
}

/// The values that the level takes from the cluster at `index`, in link order.
fn leaving(scope: &Scope, index: usize) -> Vec<&'static str> {
    let mut values = Vec::new();
    for link in &scope.links {
        if link.from == Source::Item(index) && !values.contains(&link.value) {
            values.push(link.value);
        }
    }
    values
}
