//! What each box says, as plain text lines shared by every format (each format escapes
//! them its own way), and the colours profiles are shaded with.

use super::model::{Measured, NodeBox};
use crate::Port;
use std::time::Duration;

/// Marks a selected output of a graph that selects (`-> [..]`).
pub(crate) const SELECTED: &str = "» ";
/// Explains [`SELECTED`] under the title of a diagram that uses it.
pub(crate) const SELECTED_LEGEND: &str = "» selected output";

/// A graph input's label.
pub(crate) fn input(port: &Port, show_types: bool) -> String {
    if show_types {
        format!("{}: {}", port.name, port.type_name)
    } else {
        port.name.to_owned()
    }
}

/// A node box's lines: its name, its markers, its outputs, and its profile.
pub(crate) fn node(node: &NodeBox, show_types: bool) -> Vec<String> {
    let mut lines = vec![node.info.name.to_owned()];
    let tags = tags(node);
    if !tags.is_empty() {
        lines.push(tags);
    }
    for (port, selected) in &node.outputs {
        let marker = if *selected { SELECTED } else { "" };
        lines.push(format!("{marker}{}", input(port, show_types)));
    }
    if let Some(measured) = &node.profile {
        lines.extend(profile(measured));
    }
    lines
}

/// `[graph] [cache v2] [async] [streams] [asks]`: what kind of node it is.
pub(crate) fn tags(node: &NodeBox) -> String {
    let info = node.info;
    let mut tags = Vec::new();
    if node.is_graph() {
        tags.push("[graph]".to_owned());
    }
    if info.cache {
        tags.push(match info.version {
            Some(version) => format!("[cache v{version}]"),
            None => "[cache]".to_owned(),
        });
    }
    if info.is_async {
        tags.push("[async]".to_owned());
    }
    if info.streams {
        tags.push("[streams]".to_owned());
    }
    if info.asks {
        tags.push("[asks]".to_owned());
    }
    tags.join(" ")
}

/// `12.3 ms · 45%`, then cache hits and failures when there were any.
pub(crate) fn profile(measured: &Measured) -> Vec<String> {
    let record = &measured.record;
    let mut lines = vec![format!(
        "{} · {:.0}%",
        duration(record.elapsed),
        measured.share * 100.0
    )];
    if record.cached > 0 {
        lines.push(format!(
            "cache hits {}/{}",
            record.cached,
            record.cached + record.runs
        ));
    }
    if record.failed > 0 {
        lines.push(format!("failed {}×", record.failed));
    }
    lines
}

/// A cluster's title: the graph's name, and its time when measured.
pub(crate) fn cluster(node: &NodeBox) -> String {
    match &node.profile {
        Some(measured) => format!(
            "{} [graph] · {}",
            node.info.name,
            duration(measured.record.elapsed)
        ),
        None => format!("{} [graph]", node.info.name),
    }
}

/// The tooltip: where the node is defined, its signature, and its flags.
pub(crate) fn tooltip(node: &NodeBox) -> String {
    let info = node.info;
    let ports = |ports: &[Port]| {
        ports
            .iter()
            .map(|p| format!("{}: {}", p.name, p.type_name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let module = info.module_path;
    let mut lines = vec![
        format!("{module}::{}", info.name),
        format!("inputs: {}", ports(info.inputs)),
        format!("outputs: {}", ports(info.outputs)),
    ];
    let mut flags = Vec::new();
    if node.is_graph() {
        flags.push("graph".to_owned());
    }
    if info.cache {
        flags.push("cache".to_owned());
    }
    if let Some(version) = info.version {
        flags.push(format!("version {version}"));
    }
    if info.is_async {
        flags.push("async".to_owned());
    }
    if info.fallible {
        flags.push("fallible".to_owned());
    }
    if !flags.is_empty() {
        lines.push(flags.join(", "));
    }
    lines.join("\n")
}

/// A duration, rounded for reading: `0.4 µs`, `850 µs`, `12.3 ms`, `4.21 s`.
pub(crate) fn duration(elapsed: Duration) -> String {
    let micros = elapsed.as_secs_f64() * 1e6;
    if micros < 10.0 {
        format!("{micros:.1} µs")
    } else if micros < 1e3 {
        format!("{micros:.0} µs")
    } else if micros < 1e6 {
        format!("{:.1} ms", micros / 1e3)
    } else {
        format!("{:.2} s", micros / 1e6)
    }
}

/// The fill of a measured box: from near-white (no time) to orange (the slowest box).
pub(crate) fn heat_color(heat: f64) -> String {
    const COLD: [f64; 3] = [255.0, 245.0, 235.0];
    const HOT: [f64; 3] = [241.0, 105.0, 19.0];
    let heat = heat.clamp(0.0, 1.0);
    let channel = |i: usize| (COLD[i] + (HOT[i] - COLD[i]) * heat).round() as u8;
    format!("#{:02x}{:02x}{:02x}", channel(0), channel(1), channel(2))
}

/// The border of a box whose node failed.
pub(crate) const FAILED_COLOR: &str = "#cc0000";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_the_unit_that_fits() {
        assert_eq!(duration(Duration::from_nanos(420)), "0.4 µs");
        assert_eq!(duration(Duration::from_micros(850)), "850 µs");
        assert_eq!(duration(Duration::from_micros(12_340)), "12.3 ms");
        assert_eq!(duration(Duration::from_millis(4_213)), "4.21 s");
    }

    #[test]
    fn heat_goes_from_pale_to_orange() {
        assert_eq!(heat_color(0.0), "#fff5eb");
        assert_eq!(heat_color(1.0), "#f16913");
        assert_eq!(heat_color(7.0), "#f16913");
    }
}
