//! `Result<T, Box<dyn Error>>`, the most common error type in Rust examples, is accepted
//! (sync and async nodes, any path to `Error`).
use hypernodes::{graph, node};
use std::error::Error;

#[node(output_name = "parsed")]
fn parse(text: String) -> Result<i32, Box<dyn Error>> {
    Ok(text.parse()?)
}

#[node(output_name = "doubled")]
async fn double(parsed: i32) -> Result<i32, Box<dyn std::error::Error + 'static>> {
    Ok(parsed * 2)
}

graph!(struct Parse = [parse, double]);

fn main() {
    let outputs = hypernodes::Runner::new()
        .run(&Parse, ParseInputs { text: "4".into() })
        .unwrap();
    assert_eq!(outputs.doubled, 8);
}
