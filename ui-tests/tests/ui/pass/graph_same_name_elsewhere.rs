//! One graph name in two modules, and as two `cfg` alternatives: not a duplicate.
#![deny(warnings)]

use hypernodes::{node, Runner};

#[node(output_name = "doubled")]
pub fn double(x: i32) -> i32 {
    x * 2
}

mod first {
    hypernodes::graph!(pub struct Pipeline = [super::double]);
}

mod second {
    hypernodes::graph!(pub struct Pipeline = [super::double]);
}

#[cfg(debug_assertions)]
hypernodes::graph!(pub struct Either = [double]);
#[cfg(not(debug_assertions))]
hypernodes::graph!(pub struct Either = [double]);

fn main() {
    let runner = Runner::new();
    let a = runner.run(&first::Pipeline, first::PipelineInputs { x: 1 }).unwrap();
    let b = runner.run(&second::Pipeline, second::PipelineInputs { x: 2 }).unwrap();
    let c = runner.run(&Either, EitherInputs { x: 3 }).unwrap();
    assert_eq!((a.doubled, b.doubled, c.doubled), (2, 4, 6));
}
