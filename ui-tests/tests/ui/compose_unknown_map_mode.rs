use hypernodes::{graph, node};

#[node(output_name = "embedding")]
fn embed(text: String) -> usize {
    text.len()
}

graph!(struct Search = [#[map(cartesian)] embed { text: each(texts) }]);

fn main() {}
