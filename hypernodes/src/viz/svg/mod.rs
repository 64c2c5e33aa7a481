//! SVG, laid out in process: `layout-rs` (pure Rust, Sugiyama-style layering with
//! Brandes–Köpf placement and spline routing) places the boxes and routes the edges of
//! each level; this module sizes the boxes, nests expanded graphs as clusters, and writes
//! a self-contained picture (no fonts, scripts or images to fetch).
//!
//! Clusters are laid out inside out: a nested graph is placed first, then drawn as one
//! box of its size at the level around it. Values entering it go through a small port at
//! its top to the inner nodes that take them; values leaving it leave from a port by the
//! inner node that produces them.
//!
//! One level is placed in three steps, one module each: [`level`] lists what to lay out
//! (boxes, ports, routes), [`layout`] runs layout-rs on it, [`draw`] writes the SVG.

mod draw;
mod layout;
mod level;

use super::escape::xml as esc;
use super::label;
use super::model::Scope;
use super::Diagram;
use draw::{num, text_width};
use layout::Point;
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
    /// Per value used outside: the port it leaves through.
    exits: BTreeMap<&'static str, Point>,
}

/// Lays out `scope` (nested clusters first) as a block; `exits` are the values the level
/// around it takes from it.
fn place(diagram: &Diagram, scope: &Scope, exits: &[&'static str]) -> Block {
    let level = level::Level::new(diagram, scope, exits);
    let laid = layout::lay_out(diagram.direction, scope, &level);
    draw::level(diagram, scope, &level, &laid)
}
