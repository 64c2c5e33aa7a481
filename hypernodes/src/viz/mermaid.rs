//! Mermaid flowcharts: hand-written text, rendered by GitHub, GitLab and many editors
//! where Markdown shows a ```` ```mermaid ```` block.

use super::escape::mermaid as esc;
use super::label;
use super::model::{ItemKind, NodeBox, Scope};
use super::{Diagram, Direction};
use std::fmt::Write as _;

/// Styles by kind of node, emitted only when used, in this order. Prefixed, because
/// `graph` and `end` are Mermaid keywords.
const CLASSES: [(&str, &str); 4] = [
    ("hn_cache", "stroke-width:3px"),
    ("hn_async", "stroke-dasharray:6 3"),
    ("hn_graph", "stroke-width:2px,fill:#eef3fb"),
    ("hn_failed", "stroke:#cc0000,stroke-width:3px"),
];

pub(crate) fn render(diagram: &Diagram, scope: &Scope) -> String {
    let direction = match diagram.direction {
        Direction::TopDown => "TB",
        Direction::LeftRight => "LR",
    };
    let mut title = scope.graph.name.to_owned();
    if super::dot::uses_selection(scope) {
        title.push_str(" (");
        title.push_str(label::SELECTED_LEGEND);
        title.push(')');
    }
    let mut out = String::new();
    let _ = writeln!(out, "---\ntitle: \"{}\"\n---", esc(&title));
    let _ = writeln!(out, "flowchart {direction}");
    let mut classes: Vec<Vec<&str>> = vec![Vec::new(); CLASSES.len()];
    let mut styles = Vec::new();
    items(
        diagram,
        scope,
        1,
        direction,
        &mut out,
        &mut classes,
        &mut styles,
    );
    for wire in scope.wires() {
        if wire.from_input {
            let _ = writeln!(out, "    {} --> {}", wire.from, wire.to);
        } else {
            let _ = writeln!(
                out,
                "    {} -->|\"{}\"| {}",
                wire.from,
                esc(wire.value),
                wire.to
            );
        }
    }
    for ((name, style), ids) in CLASSES.iter().zip(&classes) {
        if !ids.is_empty() {
            let _ = writeln!(out, "    classDef {name} {style}");
            let _ = writeln!(out, "    class {} {name}", ids.join(","));
        }
    }
    for line in styles {
        let _ = writeln!(out, "    {line}");
    }
    out
}

fn items<'a>(
    diagram: &Diagram,
    scope: &'a Scope,
    depth: usize,
    direction: &str,
    out: &mut String,
    classes: &mut [Vec<&'a str>],
    styles: &mut Vec<String>,
) {
    let indent = "    ".repeat(depth);
    for item in &scope.items {
        match &item.kind {
            ItemKind::Input(port) => {
                let text = label::input(port, diagram.show_types);
                let _ = writeln!(out, "{indent}{}([\"{}\"])", item.id, esc(&text));
            }
            ItemKind::Node(node) => {
                let text = esc(&label::node(node, diagram.show_types).join("\n"));
                // A nested graph is a "subroutine" box, with double side lines.
                let (open, close) = if node.is_graph() {
                    ("[[", "]]")
                } else {
                    ("[", "]")
                };
                let _ = writeln!(out, "{indent}{}{open}\"{text}\"{close}", item.id);
                mark(&item.id, node, classes, styles);
            }
            ItemKind::Cluster(node, inner) => {
                let _ = writeln!(
                    out,
                    "{indent}subgraph {} [\"{}\"]",
                    item.id,
                    esc(&label::cluster(node))
                );
                let _ = writeln!(out, "{indent}    direction {direction}");
                items(diagram, inner, depth + 1, direction, out, classes, styles);
                let _ = writeln!(out, "{indent}end");
            }
        }
    }
}

fn mark<'a>(id: &'a str, node: &NodeBox, classes: &mut [Vec<&'a str>], styles: &mut Vec<String>) {
    let failed = node.profile.is_some_and(|m| m.record.failed > 0);
    let kinds = [node.info.cache, node.info.is_async, node.is_graph(), failed];
    for (ids, has) in classes.iter_mut().zip(kinds) {
        if has {
            ids.push(id);
        }
    }
    if let Some(measured) = &node.profile {
        styles.push(format!(
            "style {id} fill:{}",
            label::heat_color(measured.heat)
        ));
    }
}
