use hypernodes::{graph, node};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

graph!(
    #[inputs(doubled)]
    pub struct Doubling = [double]
);

fn main() {}
