use hypernodes::node;

#[node(output_name = "shown")]
fn show<T: std::fmt::Debug>(value: T) -> String {
    format!("{value:?}")
}

fn main() {}
