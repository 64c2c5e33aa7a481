use hypernodes::{graph_of, node};

#[node(output_name = "total")]
fn sum(values: Vec<i32>) -> i32 {
    values.iter().sum()
}

#[node(output_name = "total")]
fn product(values: Vec<i32>) -> i32 {
    values.iter().product()
}

#[graph_of([sum, product])]
struct Totals;

fn main() {}
