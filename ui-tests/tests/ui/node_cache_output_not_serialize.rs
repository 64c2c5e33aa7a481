use hypernodes::node;

pub struct Summary {
    pub words: usize,
}

#[node(output_name = "summary", cache)]
fn summarize(text: &str) -> Summary {
    Summary { words: text.split_whitespace().count() }
}

fn main() {}
