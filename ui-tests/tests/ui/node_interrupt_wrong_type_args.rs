use hypernodes::{node, BoxError, Interrupt};

#[node(output_name = "approved")]
fn approve(draft: String, reviewer: Interrupt<'_, String>) -> Result<bool, BoxError> {
    Ok(reviewer.ask_blocking(draft)?)
}

fn main() {}
