use hypernodes::node;

#[node(output_name = ("low", "high"))]
fn bounds(values: Vec<i32>) -> i32 {
    values.iter().sum()
}

fn main() {}
