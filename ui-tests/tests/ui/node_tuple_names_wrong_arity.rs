use hypernodes::node;

#[node(output_name = ("low", "high"))]
fn bounds(values: Vec<i32>) -> (i32, i32, i32) {
    (0, 0, values.len() as i32)
}

fn main() {}
