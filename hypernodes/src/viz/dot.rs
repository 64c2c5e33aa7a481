//! Graphviz DOT: hand-written text, so it needs no dependency; render it with any
//! Graphviz-compatible tool (`dot -Tsvg`).

use super::escape::dot as esc;
use super::label;
use super::model::{ItemKind, NodeBox, Scope};
use super::{Diagram, Direction};
use std::fmt::Write as _;

pub(crate) fn render(diagram: &Diagram, scope: &Scope) -> String {
    let mut out = String::new();
    let name = scope.graph.name;
    let rankdir = match diagram.direction {
        Direction::TopDown => "TB",
        Direction::LeftRight => "LR",
    };
    let mut title = name.to_owned();
    if uses_selection(scope) {
        title.push('\n');
        title.push_str(label::SELECTED_LEGEND);
    }
    let _ = writeln!(out, "digraph \"{}\" {{", esc(name));
    let _ = writeln!(
        out,
        "    graph [rankdir={rankdir}, label=\"{}\", labelloc=t, fontname=\"Helvetica\"];",
        esc(&title)
    );
    out.push_str("    node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    items(diagram, scope, 1, &mut out);
    for wire in scope.wires() {
        let _ = write!(out, "    {} -> {}", wire.from, wire.to);
        if !wire.from_input {
            let _ = write!(out, " [label=\"{}\"]", esc(wire.value));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

/// Whether any drawn graph marks selected outputs (then the title explains the marker).
pub(crate) fn uses_selection(scope: &Scope) -> bool {
    scope.items.iter().any(|item| match &item.kind {
        ItemKind::Input(_) => false,
        ItemKind::Node(node) => node.outputs.iter().any(|(_, selected)| *selected),
        ItemKind::Cluster(node, inner) => {
            node.outputs.iter().any(|(_, selected)| *selected) || uses_selection(inner)
        }
    })
}

fn items(diagram: &Diagram, scope: &Scope, depth: usize, out: &mut String) {
    let indent = "    ".repeat(depth);
    for item in &scope.items {
        match &item.kind {
            ItemKind::Input(port) => {
                let text = label::input(port, diagram.show_types);
                let _ = writeln!(
                    out,
                    "{indent}{} [shape=ellipse, style=solid, label=\"{}\"];",
                    item.id,
                    esc(&text)
                );
            }
            ItemKind::Node(node) => {
                let _ = writeln!(
                    out,
                    "{indent}{} [{}];",
                    item.id,
                    node_attributes(diagram, node)
                );
            }
            ItemKind::Cluster(node, inner) => {
                let _ = writeln!(out, "{indent}subgraph cluster_{} {{", item.id);
                let _ = writeln!(out, "{indent}    label=\"{}\";", esc(&label::cluster(node)));
                let _ = writeln!(
                    out,
                    "{indent}    tooltip=\"{}\";",
                    esc(&label::tooltip(node))
                );
                let _ = writeln!(out, "{indent}    style=\"rounded,dashed\";");
                items(diagram, inner, depth + 1, out);
                let _ = writeln!(out, "{indent}}}");
            }
        }
    }
}

fn node_attributes(diagram: &Diagram, node: &NodeBox) -> String {
    let lines: Vec<String> = label::node(node, diagram.show_types)
        .iter()
        .map(|line| esc(line))
        .collect();
    let mut attributes = vec![format!("label=\"{}\"", lines.join("\\n"))];
    if node.is_graph() {
        attributes.push("shape=box3d".to_owned());
    }
    let mut style = vec!["rounded"];
    if node.info.is_async {
        style.push("dashed");
    }
    if let Some(measured) = &node.profile {
        style.push("filled");
        attributes.push(format!(
            "fillcolor=\"{}\"",
            label::heat_color(measured.heat)
        ));
        if measured.record.failed > 0 {
            attributes.push(format!("color=\"{}\", penwidth=2", label::FAILED_COLOR));
        }
    }
    attributes.push(format!("style=\"{}\"", style.join(",")));
    if node.info.cache {
        attributes.push("peripheries=2".to_owned());
    }
    attributes.push(format!("tooltip=\"{}\"", esc(&label::tooltip(node))));
    attributes.join(", ")
}
