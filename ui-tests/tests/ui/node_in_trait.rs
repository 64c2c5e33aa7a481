use hypernodes::node;

trait Stages {
    #[node(output_name = "doubled")]
    fn double(x: i32) -> i32 {
        x * 2
    }
}

fn main() {}
