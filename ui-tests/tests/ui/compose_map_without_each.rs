use hypernodes::{graph, node};

#[node(output_name = "embedding")]
fn embed(text: String) -> usize {
    text.len()
}

graph!(struct Search = [#[map(product)] embed { text: query }]);

fn main() {}
