#![deny(deprecated)]

use hypernodes::{graph, node};

#[node(output_name = "x")]
fn seed(n: i32) -> i32 {
    n + 1
}

#[node(output_name = "done")]
fn finish(_x: i32) -> bool {
    true
}

graph!(pub struct Finishing = [seed, finish]);

fn main() {}
