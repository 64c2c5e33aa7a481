//! A graph listed in another graph: its inputs and outputs by position, so that the outer
//! schedule can type and feed it as it does a function node.

use crate::Graph;

/// The type parameter `I` of a listed graph takes.
pub trait Param<const I: usize> {
    /// The parameter's type.
    type Type: ?Sized;
}

/// The type of output `I` of a listed graph.
pub trait Out<const I: usize> {
    /// The output's type.
    type Type;
}

/// Builds a listed graph's inputs from its arguments in field order.
pub trait NestedGraph: Graph {
    /// The inputs' field types, in order, as a tuple.
    type Args;
    /// The `{Name}Inputs` for these arguments.
    fn inputs(args: Self::Args) -> Self::Inputs;
}
