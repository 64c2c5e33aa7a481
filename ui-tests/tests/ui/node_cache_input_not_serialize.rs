use hypernodes::node;

pub struct Document {
    pub text: String,
}

#[node(output_name = "length", cache)]
fn length(document: &Document) -> usize {
    document.text.len()
}

fn main() {}
