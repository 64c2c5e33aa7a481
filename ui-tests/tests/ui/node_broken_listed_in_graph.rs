use hypernodes::{graph, node, Runner};

#[node(output_name = "doubled")]
fn double<T: Into<i64>>(x: T) -> i64 {
    x.into() * 2
}

// The graph lists the broken node and `main` uses the graph: only the node's error is
// reported, not "cannot find macro `double`" nor errors at the uses.
graph!(struct Pipeline = [double]);

fn main() {
    let out = Runner::new()
        .run(&Pipeline, PipelineInputs { x: 1 })
        .unwrap();
    assert_eq!(out.doubled, 2);
}
