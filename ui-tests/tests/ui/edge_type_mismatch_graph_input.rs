use hypernodes::{graph, node};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "shown")]
fn show(x: String) -> String {
    x
}

graph!(struct Both = [double, show]);

fn main() {}
