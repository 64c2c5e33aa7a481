use hypernodes::{graph, node};

#[node(output_name = "label")]
fn make_label(id: u32) -> String {
    format!("#{id}")
}

#[node(output_name = "next")]
fn increment(label: i32) -> i32 {
    label + 1
}

graph!(struct Labels = [make_label, increment]);

fn main() {}
