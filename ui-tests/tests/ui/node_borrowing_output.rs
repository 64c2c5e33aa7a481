use hypernodes::{graph, node};

#[node(output_name = "words")]
fn split(text: &str) -> Vec<&str> {
    text.split(' ').collect()
}

#[node(output_name = "count")]
fn count(words: &[String]) -> usize {
    words.len()
}

graph!(struct Words = [split, count]);

fn main() {}
