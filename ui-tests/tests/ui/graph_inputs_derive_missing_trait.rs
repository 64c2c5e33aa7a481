use hypernodes::{graph, node};

pub struct Index;

#[node(output_name = "hits")]
fn search(index: &Index, query: String) -> Vec<String> {
    let _ = index;
    vec![query]
}

graph!(
    #[inputs(derive(Clone))]
    pub struct Search = [search]
);

fn main() {}
