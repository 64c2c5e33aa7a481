use hypernodes::{graph, node};

#[node(output_name = "total")]
fn sum(values: Vec<i32>) -> i32 {
    values.iter().sum()
}

#[node(output_name = "total")]
fn product(values: Vec<i32>) -> i32 {
    values.iter().product()
}

graph!(pub struct Sum = [sum]);
graph!(pub struct Product = [product]);
graph!(pub struct Both = [Sum, Product]);

fn main() {}
