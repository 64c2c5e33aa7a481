//! Nodes may be named like standard macros (`format`, `vec`, `write`): `format!`, `vec!`
//! and `write!` keep working in the same module, and the nodes still wire.
#![deny(warnings)]

use hypernodes::{graph, node, Runner};
use std::fmt::Write as _;

#[node(output_name = "items")]
fn vec(count: usize) -> Vec<usize> {
    (0..count).collect()
}

#[node(output_name = "text")]
fn format(items: &[usize]) -> String {
    let mut text = format!("{} items:", items.len());
    for item in items {
        write!(text, " {item}").unwrap();
    }
    text
}

#[node(output_name = "written")]
fn write(text: &str) -> usize {
    text.len()
}

mod stages {
    use hypernodes::node;

    #[node(output_name = "shown")]
    pub fn println(written: usize) -> String {
        let shown = format!("{written}");
        println!("{shown}");
        shown
    }
}

graph!(struct Report = [vec, format, write, stages::println]);

fn main() {
    let numbers = vec![1, 2, 3];
    let mut line = format!("{numbers:?}");
    writeln!(line).unwrap();
    assert_eq!(line, "[1, 2, 3]\n");
    let outputs = Runner::new().run(&Report, ReportInputs { count: 3 }).unwrap();
    assert_eq!(outputs.text, "3 items: 0 1 2");
    assert_eq!(outputs.written, 14);
    assert_eq!(outputs.shown, "14");
}
