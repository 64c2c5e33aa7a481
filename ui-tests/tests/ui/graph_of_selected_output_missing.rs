use hypernodes::{graph_of, node};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "answer")]
fn add_one(doubled: i32) -> i32 {
    doubled + 1
}

#[graph_of([double, add_one] -> [answr])]
pub struct Answer;

fn main() {}
