use hypernodes::{graph, node};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

fn add_one(doubled: i32) -> i32 {
    doubled + 1
}

graph!(struct Pipeline = [double, add_one]);

fn main() {}
