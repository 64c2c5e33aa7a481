use hypernodes::node;

#[node(output_name = "first")]
fn first<'a>(words: &'a [String]) -> String {
    words[0].clone()
}

fn main() {}
