use hypernodes::{graph, node, Runner};

#[node(output_name = "doubled", retries = 3)]
fn double(x: i32) -> i32 {
    x * 2
}

// The node's signature is usable, so the graph and its uses add no errors.
graph!(struct Pipeline = [double]);

fn main() {
    let out = Runner::new()
        .run(&Pipeline, PipelineInputs { x: 1 })
        .unwrap();
    assert_eq!(out.doubled, 2);
}
