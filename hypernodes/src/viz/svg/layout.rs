//! Runs layout-rs on a level: positions of its boxes and edge labels, and the splines of
//! its edges, shifted so the level starts at (0, 0).

use super::draw::text_width;
use super::level::{Level, Shape};
use super::{FONT_SIZE, LINE_HEIGHT};
use crate::viz::model::{ItemKind, Scope};
use crate::viz::Direction;
use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
pub(super) use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;

/// A laid-out level, in coordinates that start at (0, 0).
pub(super) struct Laid {
    /// Per element of the level: its top-left and bottom-right corners.
    pub boxes: Vec<(Point, Point)>,
    /// Edge labels: centre and text.
    pub labels: Vec<(Point, String)>,
    /// Per routed edge: its route's index, and its spline (see [`super::draw::write_path`]).
    pub arrows: Vec<(usize, Vec<(Point, Point)>)>,
    pub width: f64,
    pub height: f64,
}

pub(super) fn lay_out(direction: Direction, scope: &Scope, level: &Level) -> Laid {
    let orientation = match direction {
        Direction::TopDown => Orientation::TopToBottom,
        Direction::LeftRight => Orientation::LeftToRight,
    };
    let mut graph = VisualGraph::new(orientation);
    let handles: Vec<_> = level
        .shapes
        .iter()
        .zip(&level.sizes)
        .map(|(shape, size)| {
            // Edges end on an ellipse's outline for inputs, on a box's for the rest.
            let kind = match shape {
                Shape::Item(index) if matches!(scope.items[*index].kind, ItemKind::Input(_)) => {
                    ShapeKind::Circle(String::new())
                }
                _ => ShapeKind::Box(String::new()),
            };
            graph.add_node(Element::create(
                kind,
                StyleAttr::simple(),
                orientation,
                *size,
            ))
        })
        .collect();
    for (index, route) in level.routes.iter().enumerate() {
        let mut look = StyleAttr::simple();
        look.font_size = FONT_SIZE as usize;
        let arrow = Arrow {
            text: if route.labelled {
                route.value.to_owned()
            } else {
                String::new()
            },
            look,
            properties: Some(index.to_string()),
            ..Arrow::default()
        };
        graph.add_edge(arrow, handles[route.from], handles[route.to]);
    }
    let mut recorder = Recorder::default();
    graph.do_it(false, false, false, &mut recorder);

    let boxes: Vec<(Point, Point)> = handles
        .iter()
        .map(|&handle| graph.element(handle).pos.bbox(false))
        .collect();
    // Each labelled edge runs through a connector that layout-rs sized for its text.
    let labels: Vec<(Point, String)> = graph
        .iter_nodes()
        .filter_map(|handle| match &graph.element(handle).shape {
            ShapeKind::Connector(Some(text)) => {
                Some((graph.element(handle).pos.center(), text.clone()))
            }
            _ => None,
        })
        .collect();
    let arrows: Vec<(usize, Vec<(Point, Point)>)> = recorder
        .arrows
        .into_iter()
        .filter_map(|(path, properties)| Some((properties?.parse().ok()?, path)))
        .collect();

    let mut low = Point::new(f64::INFINITY, f64::INFINITY);
    let mut high = Point::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |p: Point| {
        low = Point::new(low.x.min(p.x), low.y.min(p.y));
        high = Point::new(high.x.max(p.x), high.y.max(p.y));
    };
    for (top_left, bottom_right) in &boxes {
        grow(*top_left);
        grow(*bottom_right);
    }
    for (center, text) in &labels {
        let half = Point::new(text_width(text) / 2.0 + 3.0, LINE_HEIGHT / 2.0);
        grow(Point::new(center.x - half.x, center.y - half.y));
        grow(Point::new(center.x + half.x, center.y + half.y));
    }
    for (_, path) in &arrows {
        for (a, b) in path {
            grow(*a);
            grow(*b);
        }
    }
    if !low.x.is_finite() {
        (low, high) = (Point::new(0.0, 0.0), Point::new(0.0, 0.0));
    }
    let shift = |p: Point| Point::new(p.x - low.x, p.y - low.y);
    Laid {
        boxes: boxes.iter().map(|(a, b)| (shift(*a), shift(*b))).collect(),
        labels: labels
            .into_iter()
            .map(|(c, text)| (shift(c), text))
            .collect(),
        arrows: arrows
            .into_iter()
            .map(|(route, path)| {
                (
                    route,
                    path.iter().map(|(a, b)| (shift(*a), shift(*b))).collect(),
                )
            })
            .collect(),
        width: high.x - low.x,
        height: high.y - low.y,
    }
}

/// An edge's spline as layout-rs routes it (see [`write_path`]), and the route index
/// it was given as its `properties`.
type Routed = (Vec<(Point, Point)>, Option<String>);

/// Keeps the edges layout-rs routes; boxes and labels are drawn from the positions.
#[derive(Default)]
struct Recorder {
    arrows: Vec<Routed>,
}

impl RenderBackend for Recorder {
    fn draw_rect(
        &mut self,
        _: Point,
        _: Point,
        _: &StyleAttr,
        _: Option<String>,
        _: Option<ClipHandle>,
    ) {
    }

    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_text(&mut self, _: Point, _: &str, _: &StyleAttr) {}

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        properties: Option<String>,
        _: &str,
    ) {
        self.arrows.push((path.to_vec(), properties));
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}
