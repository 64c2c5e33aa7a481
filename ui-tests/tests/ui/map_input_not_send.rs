use hypernodes::{each, graph, node, MapMode, Runner};
use std::rc::Rc;

#[node(output_name = "length")]
fn length(text: Rc<String>) -> usize {
    text.len()
}

graph!(struct Lengths = [length]);

fn main() {
    let inputs = LengthsMapInputs { text: each([Rc::new("a".to_owned())]) };
    let _ = Runner::new().map(&Lengths, inputs, MapMode::Zip);
}
