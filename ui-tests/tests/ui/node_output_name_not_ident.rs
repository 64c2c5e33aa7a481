use hypernodes::node;

#[node(output_name = "doubled value")]
fn double(x: i32) -> i32 {
    x * 2
}

fn main() {}
