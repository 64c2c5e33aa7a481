use hypernodes::{graph, node};

#[node(output_name = "embedding")]
fn embed(text: String) -> usize {
    text.len()
}

graph!(struct Search = [
    embed as embed_query { text: query } -> { embedding: query_vec },
    embed as embed_query { text: document } -> { embedding: doc_vec },
]);

fn main() {}
