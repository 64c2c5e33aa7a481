use hypernodes::node;

#[node(output_name = "shown")]
fn show(value: impl std::fmt::Display) -> String {
    value.to_string()
}

fn main() {}
