//! A node returning `Result<T, Box<dyn Error>>` (not `Send`): its error reaches the caller
//! with its node, its message and its chain of sources.

use hypernodes::{graph, node, AsyncRunner, Runner};
use std::error::Error;
use std::fmt;

#[derive(Debug)]
struct Outer(std::num::ParseIntError);

impl fmt::Display for Outer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bad setting")
    }
}

impl Error for Outer {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.0)
    }
}

#[node(output_name = "parsed")]
fn parse(text: String) -> Result<i32, Box<dyn Error>> {
    let number = text.parse::<i32>().map_err(Outer)?;
    Ok(number)
}

#[node(output_name = "doubled")]
async fn double(parsed: i32) -> Result<i32, Box<dyn std::error::Error>> {
    Ok(parsed * 2)
}

graph!(struct Parse = [parse, double]);

/// The messages of `error`'s sources, outermost first.
fn sources(error: &hypernodes::Error) -> Vec<String> {
    let mut messages = Vec::new();
    let mut source = error.source();
    while let Some(next) = source {
        messages.push(next.to_string());
        source = next.source();
    }
    messages
}

#[test]
fn ok_values_pass_through() {
    let outputs = Runner::new()
        .run(&Parse, ParseInputs { text: "4".into() })
        .unwrap();
    assert_eq!(outputs.doubled, 8);
}

#[test]
fn the_error_keeps_its_node_message_and_sources() {
    let error = Runner::new()
        .run(&Parse, ParseInputs { text: "x".into() })
        .unwrap_err();
    assert_eq!(error.node(), Some("parse"));
    assert!(
        error.report().to_string().contains("bad setting"),
        "{error}"
    );
    assert_eq!(
        sources(&error),
        ["bad setting", "invalid digit found in string"]
    );
}

#[test]
fn the_async_runner_reports_it_alike() {
    let error = futures::executor::block_on(
        AsyncRunner::new().run(&Parse, ParseInputs { text: "x".into() }),
    )
    .unwrap_err();
    assert_eq!(error.node(), Some("parse"));
    assert_eq!(
        sources(&error),
        ["bad setting", "invalid digit found in string"]
    );
}
