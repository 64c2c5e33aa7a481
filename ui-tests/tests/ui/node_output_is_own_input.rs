use hypernodes::node;

#[node(output_name = "count")]
fn bump(count: u32) -> u32 {
    count + 1
}

fn main() {}
