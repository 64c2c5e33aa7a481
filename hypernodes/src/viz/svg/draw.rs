//! Writes a laid-out level as SVG: clusters (with their placed contents), edges, edge
//! labels, then boxes on top.

use super::layout::{Laid, Point};
use super::level::{Level, Shape};
use super::{
    Block, CHAR_WIDTH, CLUSTER_PAD, CLUSTER_TITLE, FONT_SIZE, LINE_HEIGHT, PAD_X, PAD_Y, PORT,
};
use crate::viz::escape::xml as esc;
use crate::viz::label;
use crate::viz::model::{ItemKind, NodeBox, Scope};
use crate::viz::Diagram;
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub(super) fn level(diagram: &Diagram, scope: &Scope, level: &Level, laid: &Laid) -> Block {
    let mut body = String::new();
    let mut entries = BTreeMap::new();
    let mut exits = BTreeMap::new();
    // Clusters first, so that edges and ports are drawn over their background.
    for (shape, &(top_left, bottom_right)) in level.shapes.iter().zip(&laid.boxes) {
        match shape {
            Shape::Cluster(index, node, block) => {
                let inner = cluster_origin((top_left, bottom_right), block);
                let id = &scope.items[*index].id;
                write_cluster(&mut body, id, node, (top_left, bottom_right), inner, block);
            }
            Shape::Entry(value) => {
                entries.insert(*value, center(top_left, bottom_right));
            }
            Shape::Exit(value) => {
                exits.insert(*value, center(top_left, bottom_right));
            }
            Shape::Item(_) => {}
        }
    }
    for (route, path) in &laid.arrows {
        let route = &level.routes[*route];
        let into = match &level.shapes[route.to] {
            Shape::Cluster(_, _, block) => Some(block),
            _ => None,
        };
        let head = into.is_none() && !matches!(level.shapes[route.to], Shape::Exit(_));
        write_path(&mut body, path, head);
        // Into a cluster: on from its border to the port the value enters by.
        if let (Some(block), Some(end)) = (into, path.last()) {
            if let Some(port) = block.entries.get(route.value) {
                let origin = cluster_origin(laid.boxes[route.to], block);
                let port = Point::new(origin.x + port.x, origin.y + port.y);
                write_line(&mut body, end.1, port);
            }
        }
        // Out of a cluster: from the port by the inner producer to the border.
        if let (Shape::Cluster(_, _, block), Some(start)) =
            (&level.shapes[route.from], path.first())
        {
            if let Some(exit) = block.exits.get(route.value) {
                let origin = cluster_origin(laid.boxes[route.from], block);
                let exit = Point::new(origin.x + exit.x, origin.y + exit.y);
                write_line(&mut body, exit, start.0);
            }
        }
    }
    for (center, text) in &laid.labels {
        write_edge_label(&mut body, *center, text);
    }
    for (shape, &(top_left, bottom_right)) in level.shapes.iter().zip(&laid.boxes) {
        match shape {
            Shape::Item(index) => {
                let item = &scope.items[*index];
                match &item.kind {
                    ItemKind::Input(port) => {
                        let text = label::input(port, diagram.show_types);
                        write_input(&mut body, &item.id, &text, top_left, bottom_right);
                    }
                    ItemKind::Node(node) => {
                        let corners = (top_left, bottom_right);
                        write_node(&mut body, &item.id, node, diagram.show_types, corners);
                    }
                    ItemKind::Cluster(..) => {}
                }
            }
            Shape::Entry(_) | Shape::Exit(_) => {
                write_port(&mut body, center(top_left, bottom_right));
            }
            Shape::Cluster(..) => {}
        }
    }
    Block {
        width: laid.width,
        height: laid.height,
        body,
        entries,
        exits,
    }
}

/// Where a cluster's placed contents start: centred, under its title.
fn cluster_origin((top_left, bottom_right): (Point, Point), block: &Block) -> Point {
    Point::new(
        top_left.x + (bottom_right.x - top_left.x - block.width) / 2.0,
        top_left.y + CLUSTER_PAD + CLUSTER_TITLE,
    )
}

fn center(a: Point, b: Point) -> Point {
    Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}

/// Width of a line of text in the monospace font.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_WIDTH
}

pub(super) fn box_size(lines: &[String]) -> Point {
    let widest = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    Point::new(
        widest + 2.0 * PAD_X,
        lines.len() as f64 * LINE_HEIGHT + 2.0 * PAD_Y,
    )
}

/// Coordinates with one decimal: compact, and identical on every run.
pub(super) fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

fn write_node(
    out: &mut String,
    id: &str,
    node: &NodeBox,
    show_types: bool,
    (a, b): (Point, Point),
) {
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
    (a, b): (Point, Point),
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
pub(super) fn write_path(out: &mut String, path: &[(Point, Point)], head: bool) {
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

/// An edge's label, on a white patch so that it reads over crossing edges.
fn write_edge_label(out: &mut String, center: Point, text: &str) {
    let width = text_width(text) + 4.0;
    let _ = writeln!(
        out,
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

/// Where a value crosses a cluster's border.
fn write_port(out: &mut String, center: Point) {
    let _ = writeln!(
        out,
        r##"<circle cx="{}" cy="{}" r="{}" fill="#555555"/>"##,
        num(center.x),
        num(center.y),
        num(PORT / 2.0)
    );
}
