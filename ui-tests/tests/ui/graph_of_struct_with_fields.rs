use hypernodes::{graph_of, node};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[graph_of([double])]
pub struct Doubler {
    x: i32,
}

fn main() {}
