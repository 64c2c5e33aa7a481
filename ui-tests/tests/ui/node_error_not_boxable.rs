use hypernodes::{graph, node};

#[derive(Debug)]
pub struct ParseFailure;

#[node(output_name = "parsed")]
fn parse(text: String) -> Result<i32, ParseFailure> {
    text.parse().map_err(|_| ParseFailure)
}

graph!(struct Parse = [parse]);

fn main() {}
