use hypernodes::node;

#[node(output_name = "name")]
fn name(id: u32) -> &'static str {
    if id == 0 {
        "root"
    } else {
        "user"
    }
}

fn main() {}
