use hypernodes::node;

#[node(output_name = "doubled", output_name = "twice")]
fn double(x: i32) -> i32 {
    x * 2
}

fn main() {}
