use hypernodes::node;

#[node(output_name = "doubled", version = "2")]
fn double(x: i32) -> i32 {
    x * 2
}

fn main() {}
