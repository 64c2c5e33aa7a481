use hypernodes::node;

#[node(output_name = "doubled", cache = true)]
fn double(x: i32) -> i32 {
    x * 2
}

fn main() {}
