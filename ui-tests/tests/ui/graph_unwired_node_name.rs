#![deny(deprecated)]

use hypernodes::{graph, node};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "shown")]
fn show(double: i32) -> String {
    double.to_string()
}

graph!(pub struct Showing = [double, show]);

fn main() {}
