use hypernodes::{graph, node};

#[node(output_name = "embedding")]
fn embed(text: String) -> usize {
    text.len()
}

graph!(struct Search = [embed as embed_query { txt: query }]);

fn main() {}
