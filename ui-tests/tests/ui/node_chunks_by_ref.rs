use hypernodes::{node, Chunks};

#[node(output_name = "text")]
fn generate(prompt: String, tokens: &Chunks<'_, String>) -> String {
    tokens.send(prompt.clone());
    prompt
}

fn main() {}
