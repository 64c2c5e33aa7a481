use hypernodes::{graph, node};

#[node(output_name = "documents")]
fn split(corpus: String) -> String {
    corpus
}

#[node(output_name = "embedding")]
fn embed(text: String) -> usize {
    text.len()
}

graph!(struct Search = [split, embed { text: each(documents) }]);

fn main() {}
