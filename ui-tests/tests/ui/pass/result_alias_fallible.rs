//! A `Result` alias not named `..Result` is fallible when the node says so: its `Err`
//! fails the run instead of becoming a successful output.
use hypernodes::{graph, node, Runner};

type Fallible<T> = Result<T, std::num::ParseIntError>;

#[node(output_name = "parsed", fallible)]
fn parse(text: String) -> Fallible<i32> {
    text.parse()
}

#[node(output_name = "doubled")]
fn double(parsed: i32) -> i32 {
    parsed * 2
}

graph!(struct Parse = [parse, double]);

fn main() {
    let outputs = Runner::new().run(&Parse, ParseInputs { text: "4".into() }).unwrap();
    assert_eq!(outputs.doubled, 8);
    let error = Runner::new().run(&Parse, ParseInputs { text: "x".into() }).unwrap_err();
    assert_eq!(error.node(), Some("parse"));
}
