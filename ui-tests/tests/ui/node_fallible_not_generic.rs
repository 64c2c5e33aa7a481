use hypernodes::node;

#[node(output_name = "parsed", fallible)]
fn parse(text: String) -> i32 {
    text.len() as i32
}

fn main() {}
