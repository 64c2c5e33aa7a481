//! A parameter a slip away from an output, declared an input of the graph on purpose
//! with `#[inputs(..)]`: no warning.
#![deny(warnings)]

use hypernodes::{graph, node};

#[node(output_name = "words")]
fn split(text: String) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

#[node(output_name = "count")]
fn count(wrods: Vec<String>) -> usize {
    wrods.len()
}

graph!(
    #[inputs(wrods)]
    pub struct Counting = [split, count]
);

fn main() {
    let _ = CountingInputs {
        text: String::new(),
        wrods: Vec::new(),
    };
}
