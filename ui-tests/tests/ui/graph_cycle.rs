use hypernodes::{graph, node};

#[node(output_name = "a")]
fn make_a(c: i32) -> i32 {
    c + 1
}

#[node(output_name = "b")]
fn make_b(a: i32) -> i32 {
    a + 1
}

#[node(output_name = "c")]
fn make_c(b: i32) -> i32 {
    b + 1
}

graph!(struct Loop = [make_a, make_b, make_c]);

fn main() {}
