use hypernodes::node;

#[node(output_name = "sum")]
fn add((a, b): (i32, i32)) -> i32 {
    a + b
}

fn main() {}
