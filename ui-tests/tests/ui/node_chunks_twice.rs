use hypernodes::{node, Chunks};

#[node(output_name = "text")]
fn generate(prompt: String, tokens: Chunks<'_, String>, progress: Chunks<'_, u32>) -> String {
    tokens.send(prompt.clone());
    progress.send(100);
    prompt
}

fn main() {}
