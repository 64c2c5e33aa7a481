//! `Result<T, Box<dyn Error>>`, the most common error type in Rust examples, is accepted
//! (sync and async nodes, any path to `Error`); a private error type warns of nothing.
#![deny(warnings)]
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

#[derive(Debug)]
struct Odd;

impl std::fmt::Display for Odd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("odd")
    }
}

impl Error for Odd {}

#[node(output_name = "halved")]
fn halve(doubled: i32) -> Result<i32, Odd> {
    if doubled % 2 == 0 {
        Ok(doubled / 2)
    } else {
        Err(Odd)
    }
}

graph!(struct Parse = [parse, double, halve]);

fn main() {
    let outputs = hypernodes::Runner::new()
        .run(&Parse, ParseInputs { text: "4".into() })
        .unwrap();
    assert_eq!(outputs.doubled, 8);
    assert_eq!(outputs.halved, 4);
}
