//! Outputs that borrow nothing from the inputs are accepted even when their types hold
//! references: `'static` data and function types whose references are their arguments.
use hypernodes::{graph, node, Runner};

#[node(output_name = "labels")]
fn labels(count: usize) -> Vec<&'static str> {
    ["a", "b", "c"][..count].to_vec()
}

#[node(output_name = "measure")]
fn measure(labels: &[&'static str]) -> Box<dyn Fn(&str) -> usize + Send + Sync> {
    let extra = labels.len();
    Box::new(move |text: &str| text.len() + extra)
}

graph!(struct Labels = [labels, measure]);

fn main() {
    let outputs = Runner::new().run(&Labels, LabelsInputs { count: 2 }).unwrap();
    assert_eq!(outputs.labels, ["a", "b"]);
    assert_eq!((outputs.measure)("xyz"), 5);
}
