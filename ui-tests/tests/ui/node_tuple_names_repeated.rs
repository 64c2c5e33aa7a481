use hypernodes::node;

#[node(output_name = ("low", "low"))]
fn bounds(values: Vec<i32>) -> (i32, i32) {
    (values[0], values[1])
}

fn main() {}
