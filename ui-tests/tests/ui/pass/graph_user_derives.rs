//! Derives written on a graph: those `graph!` already provides (`Clone`, `Copy`, `Debug`,
//! `Default`) are skipped, others are applied; `#[inputs(derive(..))]` and
//! `#[outputs(derive(..))]` derive on the generated structs.
#![deny(warnings)]

use hypernodes::{graph, node, Runner};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

graph!(
    /// Doubles.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, std::default::Default)]
    #[inputs(derive(Clone, PartialEq))]
    #[outputs(derive(Clone, PartialEq, Debug))]
    pub struct Doubling = [double]
);

/// The same through the attribute front end.
#[hypernodes::graph_of([double])]
#[derive(Clone, PartialOrd, PartialEq)]
#[inputs(derive(Clone))]
pub struct Doubling2;

fn main() {
    assert_eq!(Doubling, Doubling::default());
    let inputs = DoublingInputs { x: 2 };
    assert!(inputs == inputs.clone());
    let outputs = Runner::new().run(&Doubling, inputs.clone()).unwrap();
    assert!(outputs.clone() == outputs);
    assert!(Doubling2 <= Doubling2);
    let _ = Doubling2Inputs { x: 1 }.clone();
}
