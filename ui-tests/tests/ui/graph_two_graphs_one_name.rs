use hypernodes::{graph, graph_of, node, Runner};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "answer")]
fn add_one(doubled: i32) -> i32 {
    doubled + 1
}

// Two different graphs given one name.
graph!(pub struct Pipeline = [double]);

#[graph_of([double, add_one])]
pub struct Pipeline;

fn main() {
    let out = Runner::new()
        .run(&Pipeline, PipelineInputs { x: 1 })
        .unwrap();
    assert_eq!(out.doubled, 2);
}
