use hypernodes::node;

// A keyword with no raw form cannot name a field.
#[node(output_name = "self")]
fn double(x: i32) -> i32 {
    x * 2
}

fn main() {}
