use hypernodes::{node, Chunks};

pub struct Token(pub String);

#[node(output_name = "text")]
fn generate(prompt: String, tokens: Chunks<'_, Token>) -> String {
    tokens.send(Token(prompt.clone()));
    prompt
}

fn main() {}
