use hypernodes::{graph, node, Runner};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "answer")]
fn add_one(doubled: i32) -> i32 {
    doubled + 1
}

// The same graph twice, as after pasting it once too often.
graph!(pub struct Pipeline = [double, add_one]);
graph!(pub struct Pipeline = [double, add_one]);

fn main() {
    let out = Runner::new()
        .run(&Pipeline, PipelineInputs { x: 1 })
        .unwrap();
    assert_eq!(out.answer, 3);
}
