use hypernodes::node;

#[node(output_name = ())]
fn double(x: i32) -> i32 {
    x * 2
}

fn main() {}
