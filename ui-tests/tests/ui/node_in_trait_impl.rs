use hypernodes::node;

trait Double {
    fn double(x: i32) -> i32;
}

struct Stages;

impl Double for Stages {
    #[node(output_name = "doubled")]
    fn double(x: i32) -> i32 {
        x * 2
    }
}

fn main() {}
