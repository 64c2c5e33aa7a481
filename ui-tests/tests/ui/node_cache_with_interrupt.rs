use hypernodes::{node, BoxError, Interrupt};

#[node(output_name = "approved", cache)]
fn approve(draft: String, reviewer: Interrupt<'_, String, bool>) -> Result<bool, BoxError> {
    Ok(reviewer.ask_blocking(draft)?)
}

fn main() {}
