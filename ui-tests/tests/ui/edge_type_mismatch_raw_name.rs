//! A raw parameter (`r#type`) is fed by the output `"type"`, and a mismatch on it is reported like any other.
use hypernodes::{graph, node};

#[node(output_name = "type")]
fn classify(x: i32) -> String {
    x.to_string()
}

#[node(output_name = "kind")]
fn describe(r#type: i32) -> String {
    r#type.to_string()
}

graph!(pub struct Pipeline = [classify, describe]);

fn main() {}
