use hypernodes::{node, Stop};

#[node(output_name = "summary", cache)]
fn summarize(text: String, stop: Stop<'_>) -> String {
    text.lines()
        .take_while(|_| !stop.is_requested())
        .collect()
}

fn main() {}
