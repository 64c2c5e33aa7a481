use hypernodes::node;

// `blocking` is for plain functions: an async fn should not block.
#[node(output_name = "doubled", blocking)]
async fn double(x: i32) -> i32 {
    x * 2
}

fn main() {}
