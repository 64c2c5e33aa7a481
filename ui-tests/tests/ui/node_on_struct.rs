use hypernodes::node;

#[node(output_name = "config")]
struct Config {
    scale: i32,
}

fn main() {}
