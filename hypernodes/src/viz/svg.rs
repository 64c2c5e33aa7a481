//! SVG, laid out in process: `layout-rs` (pure Rust, Sugiyama-style layering with
//! Brandes–Köpf placement and spline routing) places the boxes and routes the edges of
//! each level; this module sizes the boxes, nests expanded graphs as clusters, and writes
//! a self-contained picture (no fonts, scripts or images to fetch).
//!
//! Clusters are laid out inside out: a nested graph is placed first, then drawn as one
//! box of its size at the level around it. Values entering it go through a small port at
//! its top to the inner nodes that take them; values leaving it leave from the inner node
//! that produces them.

use super::escape::xml as esc;
use super::label;
use super::model::{ItemKind, NodeBox, Scope, Source};
use super::{Diagram, Direction};
use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Text size in px; boxes are sized for a monospace font, whose glyphs are all
/// [`CHAR_WIDTH`] wide, so labels never spill out of their boxes.
const FONT_SIZE: f64 = 12.0;
/// A monospace glyph's advance is 0.6 em in the common fonts; a little more, to be safe.
const CHAR_WIDTH: f64 = FONT_SIZE * 0.62;
const LINE_HEIGHT: f64 = 16.0;
const PAD_X: f64 = 10.0;
const PAD_Y: f64 = 7.0;
/// Space between a cluster's border and its contents, and the height of its title.
const CLUSTER_PAD: f64 = 12.0;
const CLUSTER_TITLE: f64 = 20.0;
const PORT: f64 = 6.0;
const MARGIN: f64 = 16.0;
const FONTS: &str = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace";

pub(crate) fn render(diagram: &Diagram, scope: &Scope) -> String {
    let block = place(diagram, scope, &[]);
    let legend = super::dot::uses_selection(scope).then_some(label::SELECTED_LEGEND);
    let title = scope.graph.name;
    let header = LINE_HEIGHT * if legend.is_some() { 2.5 } else { 1.5 };
    let width = (block.width + 2.0 * MARGIN).max(text_width(title) + 2.0 * MARGIN);
    let height = block.height + 2.0 * MARGIN + header;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONTS}" font-size="{FONT_SIZE}">"#,
        w = num(width),
        h = num(height),
    );
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    out.push_str(concat!(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ",
        "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">",
        "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555555\"/></marker></defs>\n",
    ));
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" font-weight="bold" font-size="14">{}</text>"#,
        num(MARGIN),
        num(MARGIN + LINE_HEIGHT * 0.8),
        esc(title)
    );
    if let Some(legend) = legend {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" fill="#555555">{}</text>"##,
            num(MARGIN),
            num(MARGIN + LINE_HEIGHT * 1.8),
            esc(legend)
        );
    }
    let _ = writeln!(
        out,
        r#"<g transform="translate({},{})">"#,
        num(MARGIN),
        num(MARGIN + header)
    );
    out.push_str(&block.body);
    out.push_str("</g>\n</svg>\n");
    out
}

/// A laid-out level: its size, its SVG (origin at its top-left corner), and where values
/// enter and leave it.
struct Block {
    width: f64,
    height: f64,
    body: String,
    /// Per value taken from outside: the port it enters through.
    entries: BTreeMap<&'static str, Point>,
    /// Per value used outside: the point it leaves from.
    exits: BTreeMap<&'static str, Point>,
}

/// What each layout element stands for.
enum Shape<'a> {
    Item(usize),
    Entry(&'static str),
    Exit(&'static str),
    /// A nested cluster, already placed.
    Cluster(usize, &'a NodeBox, Block),
}

/// An edge of one level, between layout elements; parallel values share one.
struct Route {
    from: usize,
    to: usize,
    values: Vec<&'static str>,
    labelled: bool,
}

fn place(diagram: &Diagram, scope: &Scope, exits: &[&'static str]) -> Block {
    let orientation = match diagram.direction {
        Direction::TopDown => Orientation::TopToBottom,
        Direction::LeftRight => Orientation::LeftToRight,
    };
    let mut shapes: Vec<Shape> = Vec::new();
    let mut sizes: Vec<Point> = Vec::new();
    let mut element_of_item = vec![0; scope.items.len()];
    for (index, item) in scope.items.iter().enumerate() {
        element_of_item[index] = shapes.len();
        match &item.kind {
            ItemKind::Input(port) => {
                let text = label::input(port, diagram.show_types);
                sizes.push(Point::new(
                    text_width(&text) + 3.0 * PAD_X,
                    LINE_HEIGHT + 3.0 * PAD_Y,
                ));
                shapes.push(Shape::Item(index));
            }
            ItemKind::Node(node) => {
                let lines = label::node(node, diagram.show_types);
                sizes.push(box_size(&lines));
                shapes.push(Shape::Item(index));
            }
            ItemKind::Cluster(node, inner) => {
                let leaving: Vec<&'static str> = scope
                    .links
                    .iter()
                    .filter(|link| link.from == Source::Item(index))
                    .map(|link| link.value)
                    .fold(Vec::new(), |mut values, value| {
                        if !values.contains(&value) {
                            values.push(value);
                        }
                        values
                    });
                let block = place(diagram, inner, &leaving);
                let title = text_width(&label::cluster(node)) + 2.0 * CLUSTER_PAD;
                sizes.push(Point::new(
                    (block.width + 2.0 * CLUSTER_PAD).max(title),
                    block.height + 2.0 * CLUSTER_PAD + CLUSTER_TITLE,
                ));
                shapes.push(Shape::Cluster(index, node, block));
            }
        }
    }
    let mut routes: Vec<Route> = Vec::new();
    let add_route = |routes: &mut Vec<Route>, from: usize, to: usize, value, labelled| match routes
        .iter_mut()
        .find(|r| r.from == from && r.to == to)
    {
        Some(route) if !route.values.contains(&value) => route.values.push(value),
        Some(_) => {}
        None => routes.push(Route {
            from,
            to,
            values: vec![value],
            labelled,
        }),
    };
    let mut entry_elements: BTreeMap<&'static str, usize> = BTreeMap::new();
    for link in &scope.links {
        let to = element_of_item[link.to];
        match link.from {
            Source::Item(from) => {
                let labelled = !matches!(scope.items[from].kind, ItemKind::Input(_));
                add_route(&mut routes, element_of_item[from], to, link.value, labelled);
            }
            Source::Outside => {
                let port = *entry_elements.entry(link.value).or_insert_with(|| {
                    shapes.push(Shape::Entry(link.value));
                    sizes.push(Point::new(PORT, PORT));
                    shapes.len() - 1
                });
                add_route(&mut routes, port, to, link.value, false);
            }
        }
    }
    for &value in exits {
        let Some(producer) = scope.producer_index(value) else {
            continue;
        };
        shapes.push(Shape::Exit(value));
        sizes.push(Point::new(PORT, PORT));
        add_route(
            &mut routes,
            element_of_item[producer],
            shapes.len() - 1,
            value,
            false,
        );
    }

    let mut graph = VisualGraph::new(orientation);
    let handles: Vec<_> = shapes
        .iter()
        .zip(&sizes)
        .map(|(shape, size)| {
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
    for (index, route) in routes.iter().enumerate() {
        let mut look = StyleAttr::simple();
        look.font_size = FONT_SIZE as usize;
        let arrow = Arrow {
            text: if route.labelled {
                route.values.join(", ")
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

    // Everything in this level's coordinates, then shifted so it starts at (0, 0).
    let boxes: Vec<(Point, Point)> = handles
        .iter()
        .map(|&handle| graph.element(handle).pos.bbox(false))
        .collect();
    let labels: Vec<(Point, String)> = graph
        .iter_nodes()
        .filter_map(|handle| match &graph.element(handle).shape {
            ShapeKind::Connector(Some(text)) => {
                Some((graph.element(handle).pos.center(), text.clone()))
            }
            _ => None,
        })
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
    for (path, _) in &recorder.arrows {
        for (a, b) in path {
            grow(*a);
            grow(*b);
        }
    }
    if !low.x.is_finite() {
        low = Point::new(0.0, 0.0);
        high = Point::new(0.0, 0.0);
    }
    let shift = |p: Point| Point::new(p.x - low.x, p.y - low.y);

    let mut body = String::new();
    let mut entries = BTreeMap::new();
    let mut exit_points = BTreeMap::new();
    // Clusters first, so that edges and ports are drawn over their background.
    for (element, shape) in shapes.iter().enumerate() {
        let (top_left, bottom_right) = (shift(boxes[element].0), shift(boxes[element].1));
        match shape {
            Shape::Cluster(index, node, block) => {
                let inner = Point::new(
                    top_left.x + (bottom_right.x - top_left.x - block.width) / 2.0,
                    top_left.y + CLUSTER_PAD + CLUSTER_TITLE,
                );
                write_cluster(
                    &mut body,
                    &scope.items[*index].id,
                    node,
                    top_left,
                    bottom_right,
                    inner,
                    block,
                );
            }
            Shape::Entry(value) => {
                entries.insert(*value, center(top_left, bottom_right));
            }
            Shape::Exit(value) => {
                exit_points.insert(*value, center(top_left, bottom_right));
            }
            Shape::Item(_) => {}
        }
    }
    for (path, properties) in &recorder.arrows {
        let Some(route) = properties.as_deref().and_then(|p| p.parse::<usize>().ok()) else {
            continue;
        };
        let route = &routes[route];
        let path: Vec<(Point, Point)> = path.iter().map(|(a, b)| (shift(*a), shift(*b))).collect();
        // Into a cluster: continue from its border to the port the value enters by.
        let into = match &shapes[route.to] {
            Shape::Cluster(_, _, block) => Some(block),
            _ => None,
        };
        let head = into.is_none() && !matches!(shapes[route.to], Shape::Exit(_));
        write_path(&mut body, &path, head);
        if let (Some(block), Some(end)) = (into, path.last()) {
            let origin = cluster_origin(&boxes[route.to], block, &shift);
            for value in &route.values {
                if let Some(port) = block.entries.get(value) {
                    let port = Point::new(origin.x + port.x, origin.y + port.y);
                    write_line(&mut body, end.1, port);
                }
            }
        }
        // Out of a cluster: from the inner producer's exit to the border.
        if let Shape::Cluster(_, _, block) = &shapes[route.from] {
            let origin = cluster_origin(&boxes[route.from], block, &shift);
            for value in &route.values {
                if let (Some(exit), Some(start)) = (block.exits.get(value), path.first()) {
                    let exit = Point::new(origin.x + exit.x, origin.y + exit.y);
                    write_line(&mut body, exit, start.0);
                }
            }
        }
    }
    for (center, text) in &labels {
        let center = shift(*center);
        let width = text_width(text) + 4.0;
        let _ = writeln!(
            body,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff" fill-opacity="0.85"/><text x="{}" y="{}" text-anchor="middle" fill="#555555" font-size="11">{}</text>"##,
            num(center.x - width / 2.0),
            num(center.y - LINE_HEIGHT / 2.0),
            num(width),
            num(LINE_HEIGHT),
            num(center.x),
            num(center.y + 4.0),
            esc(text)
        );
    }
    for (element, shape) in shapes.iter().enumerate() {
        let (top_left, bottom_right) = (shift(boxes[element].0), shift(boxes[element].1));
        match shape {
            Shape::Item(index) => {
                let item = &scope.items[*index];
                match &item.kind {
                    ItemKind::Input(port) => write_input(
                        &mut body,
                        &item.id,
                        &label::input(port, diagram.show_types),
                        top_left,
                        bottom_right,
                    ),
                    ItemKind::Node(node) => write_node(
                        &mut body,
                        &item.id,
                        node,
                        diagram.show_types,
                        top_left,
                        bottom_right,
                    ),
                    ItemKind::Cluster(..) => {}
                }
            }
            Shape::Entry(_) | Shape::Exit(_) => {
                let c = center(top_left, bottom_right);
                let _ = writeln!(
                    body,
                    r##"<circle cx="{}" cy="{}" r="{}" fill="#555555"/>"##,
                    num(c.x),
                    num(c.y),
                    num(PORT / 2.0)
                );
            }
            Shape::Cluster(..) => {}
        }
    }
    let (width, height) = (high.x - low.x, high.y - low.y);
    let exits = exit_points;
    Block {
        width,
        height,
        body,
        entries,
        exits,
    }
}

/// Where a cluster's inner block starts, in the level's (shifted) coordinates.
fn cluster_origin(bbox: &(Point, Point), block: &Block, shift: &impl Fn(Point) -> Point) -> Point {
    let (top_left, bottom_right) = (shift(bbox.0), shift(bbox.1));
    Point::new(
        top_left.x + (bottom_right.x - top_left.x - block.width) / 2.0,
        top_left.y + CLUSTER_PAD + CLUSTER_TITLE,
    )
}

fn center(a: Point, b: Point) -> Point {
    Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}

/// Width of a line of text in the monospace font.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_WIDTH
}

fn box_size(lines: &[String]) -> Point {
    let widest = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    Point::new(
        widest + 2.0 * PAD_X,
        lines.len() as f64 * LINE_HEIGHT + 2.0 * PAD_Y,
    )
}

/// Coordinates with one decimal: compact, and identical on every run.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

fn write_node(out: &mut String, id: &str, node: &NodeBox, show_types: bool, a: Point, b: Point) {
    let (width, height) = (b.x - a.x, b.y - a.y);
    let _ = writeln!(out, r#"<g id="{id}" class="node">"#);
    let _ = writeln!(out, "<title>{}</title>", esc(&label::tooltip(node)));
    let fill = node
        .profile
        .map_or_else(|| "#ffffff".to_owned(), |m| label::heat_color(m.heat));
    let failed = node.profile.is_some_and(|m| m.record.failed > 0);
    let stroke = if failed {
        label::FAILED_COLOR
    } else {
        "#333333"
    };
    let stroke_width = if failed { 2.5 } else { 1.2 };
    let dash = if node.info.is_async {
        r#" stroke-dasharray="6 3""#
    } else {
        ""
    };
    if node.is_graph() {
        // A nested graph: a second box behind, like a stack of pages.
        let _ = writeln!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="#eef3fb" stroke="#333333" stroke-width="1.2"/>"##,
            num(a.x + 4.0),
            num(a.y - 4.0),
            num(width),
            num(height)
        );
    }
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"{dash}/>"#,
        num(a.x),
        num(a.y),
        num(width),
        num(height)
    );
    if node.info.cache {
        // Cached: a double border.
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="none" stroke="{stroke}" stroke-width="1"{dash}/>"#,
            num(a.x + 3.0),
            num(a.y + 3.0),
            num(width - 6.0),
            num(height - 6.0)
        );
    }
    let tags = label::tags(node);
    for (line_number, line) in label::node(node, show_types).iter().enumerate() {
        let y = a.y + PAD_Y + LINE_HEIGHT * (line_number as f64 + 0.75);
        let style = if line_number == 0 {
            r#" font-weight="bold""#
        } else if line_number == 1 && !tags.is_empty() {
            r##" fill="#555555" font-style="italic""##
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}"{style}>{}</text>"#,
            num(a.x + PAD_X),
            num(y),
            esc(line)
        );
    }
    out.push_str("</g>\n");
}

fn write_input(out: &mut String, id: &str, text: &str, a: Point, b: Point) {
    let c = center(a, b);
    let _ = writeln!(out, r#"<g id="{id}" class="input">"#);
    let _ = writeln!(out, "<title>graph input {}</title>", esc(text));
    let _ = writeln!(
        out,
        r##"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="#f2f2f2" stroke="#333333" stroke-width="1.2"/>"##,
        num(c.x),
        num(c.y),
        num((b.x - a.x) / 2.0),
        num((b.y - a.y) / 2.0)
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
        num(c.x),
        num(c.y + 4.0),
        esc(text)
    );
    out.push_str("</g>\n");
}

fn write_cluster(
    out: &mut String,
    id: &str,
    node: &NodeBox,
    a: Point,
    b: Point,
    inner: Point,
    block: &Block,
) {
    let _ = writeln!(out, r#"<g id="{id}" class="cluster">"#);
    let _ = writeln!(out, "<title>{}</title>", esc(&label::tooltip(node)));
    let _ = writeln!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="#f7f9fc" stroke="#6b7a90" stroke-width="1.2" stroke-dasharray="5 3"/>"##,
        num(a.x),
        num(a.y),
        num(b.x - a.x),
        num(b.y - a.y)
    );
    let _ = writeln!(
        out,
        r##"<text x="{}" y="{}" font-weight="bold" fill="#3b4a60">{}</text>"##,
        num(a.x + CLUSTER_PAD),
        num(a.y + CLUSTER_PAD + FONT_SIZE * 0.6),
        esc(&label::cluster(node))
    );
    let _ = writeln!(
        out,
        r#"<g transform="translate({},{})">"#,
        num(inner.x),
        num(inner.y)
    );
    out.push_str(&block.body);
    out.push_str("</g>\n</g>\n");
}

/// An edge as layout-rs routes it: a cubic Bézier spline through its points.
fn write_path(out: &mut String, path: &[(Point, Point)], head: bool) {
    if path.len() < 2 {
        return;
    }
    let mut d = format!(
        "M {} {} C {} {}, {} {}, {} {}",
        num(path[0].0.x),
        num(path[0].0.y),
        num(path[0].1.x),
        num(path[0].1.y),
        num(path[1].0.x),
        num(path[1].0.y),
        num(path[1].1.x),
        num(path[1].1.y)
    );
    for (control, point) in &path[2..] {
        let _ = write!(
            d,
            " S {} {}, {} {}",
            num(control.x),
            num(control.y),
            num(point.x),
            num(point.y)
        );
    }
    let marker = if head {
        r#" marker-end="url(#arrow)""#
    } else {
        ""
    };
    let _ = writeln!(
        out,
        r##"<path d="{d}" fill="none" stroke="#555555" stroke-width="1.3"{marker}/>"##
    );
}

/// A straight piece of an edge, across a cluster's border.
fn write_line(out: &mut String, from: Point, to: Point) {
    let _ = writeln!(
        out,
        r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555555" stroke-width="1.3"/>"##,
        num(from.x),
        num(from.y),
        num(to.x),
        num(to.y)
    );
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
