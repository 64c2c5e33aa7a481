//! A free node may share its name with methods of an `impl` beside it (one taking `self`,
//! one not): only a `#[node]` written inside the block is an error.
#![deny(warnings)]

use hypernodes::{graph, node, Runner};

struct Stages {
    factor: i32,
}

impl Stages {
    fn double(&self, x: i32) -> i32 {
        x * self.factor
    }

    fn add_one(x: i32) -> i32 {
        x + 1
    }
}

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "result")]
fn add_one(doubled: i32) -> i32 {
    Stages::add_one(doubled)
}

graph!(struct Pipeline = [double, add_one]);

fn main() {
    let outputs = Runner::new().run(&Pipeline, PipelineInputs { x: 4 }).unwrap();
    assert_eq!(outputs.result, 9);
    assert_eq!(Stages { factor: 3 }.double(outputs.result), 27);
}
