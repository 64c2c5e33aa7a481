use hypernodes::{graph, node};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

graph!(struct Answer = [double] -> []);

fn main() {}
