use hypernodes::node;

#[node(output_name = "zero")]
fn zero(_: i32) -> i32 {
    0
}

fn main() {}
