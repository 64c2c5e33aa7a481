use hypernodes::node;

#[node(output_name = "shown")]
fn show(value: i32) -> String
where
    i32: std::fmt::Debug,
{
    format!("{value:?}")
}

fn main() {}
