use hypernodes::node;

#[node(name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

fn main() {}
