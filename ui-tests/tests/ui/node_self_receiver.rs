use hypernodes::node;

struct Counter {
    step: i32,
}

impl Counter {
    #[node(output_name = "next")]
    fn advance(&self, value: i32) -> i32 {
        value + self.step
    }
}

fn main() {}
