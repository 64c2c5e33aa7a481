use hypernodes::{graph, node};

#[node(output_name = "embedding")]
fn embed(text: String) -> usize {
    text.len()
}

#[node(output_name = "score")]
fn score(embedding: usize) -> usize {
    embedding * 2
}

graph!(struct Search = [score, embed -> { embedding: score }]);

fn main() {}
