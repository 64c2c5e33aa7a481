use hypernodes::{node, Stop};

#[node(output_name = "text")]
fn generate(prompt: String, stop: &Stop<'_>) -> String {
    if stop.is_requested() {
        return String::new();
    }
    prompt
}

fn main() {}
