use hypernodes::node;
use std::sync::Arc;

#[derive(serde::Serialize)]
pub struct Index {
    pub words: Vec<String>,
}

#[node(output_name = "hits", cache)]
fn search(index: Arc<Index>, query: String) -> usize {
    index.words.iter().filter(|w| **w == query).count()
}

fn main() {}
