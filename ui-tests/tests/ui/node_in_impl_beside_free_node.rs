// The same name as a free node and as a node inside an `impl`: only the one inside the
// block is an error, and the graph listing the free one adds none.
use hypernodes::{graph, node, Runner};

struct Stages;

impl Stages {
    #[node(output_name = "doubled")]
    fn double(x: i32) -> i32 {
        x * 2
    }
}

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

graph!(struct Pipeline = [double]);

fn main() {
    let outputs = Runner::new().run(&Pipeline, PipelineInputs { x: 4 }).unwrap();
    assert_eq!(outputs.doubled, Stages::double(4));
}
