#![deny(deprecated)]

use hypernodes::{graph, node};

#[node(output_name = "words")]
fn split(text: String) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

#[node(output_name = "count")]
fn count(wrods: Vec<String>) -> usize {
    wrods.len()
}

graph!(pub struct Counting = [split, count]);

fn main() {}
