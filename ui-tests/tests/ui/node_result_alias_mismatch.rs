use hypernodes::{graph, node};

#[derive(Debug)]
pub struct ParseError;

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a number")
    }
}

impl std::error::Error for ParseError {}

type Fallible<T> = Result<T, ParseError>;

#[node(output_name = "number")]
fn parse(text: String) -> Fallible<i32> {
    text.trim().parse().map_err(|_| ParseError)
}

#[node(output_name = "doubled")]
fn double(number: i32) -> i32 {
    number * 2
}

graph!(pub struct Pipeline = [parse, double] -> [doubled]);

fn main() {}
