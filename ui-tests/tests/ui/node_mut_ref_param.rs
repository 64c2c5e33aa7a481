use hypernodes::node;

#[node(output_name = "len")]
fn push(items: &mut Vec<i32>) -> usize {
    items.push(1);
    items.len()
}

fn main() {}
