use hypernodes::graph;

mod stages {
    use hypernodes::node;

    #[node(output_name = "doubled")]
    fn double(x: i32) -> i32 {
        x * 2
    }
}

graph!(pub struct Pipeline = [stages::double]);

fn main() {}
