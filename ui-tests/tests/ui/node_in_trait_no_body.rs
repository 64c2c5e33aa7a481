use hypernodes::node;

trait Stages {
    #[node(output_name = "doubled")]
    fn double(x: i32) -> i32;
}

fn main() {}
