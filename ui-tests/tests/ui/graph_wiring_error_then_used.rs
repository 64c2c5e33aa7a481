use hypernodes::{graph, node, Runner};

#[node(output_name = "total")]
fn sum(values: Vec<i32>) -> i32 {
    values.iter().sum()
}

#[node(output_name = "total")]
fn product(values: Vec<i32>) -> i32 {
    values.iter().product()
}

// A wiring error: the graph's types are still defined, so `main` adds no errors.
graph!(struct Totals = [sum, product]);

fn main() {
    let out = Runner::new()
        .run(&Totals, TotalsInputs { values: vec![1, 2] })
        .unwrap();
    assert_eq!(out.total, 3);
}
