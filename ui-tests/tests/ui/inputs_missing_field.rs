use hypernodes::{graph, node, Runner};

#[node(output_name = "sum")]
fn add(x: i32, y: i32) -> i32 {
    x + y
}

graph!(struct Adder = [add]);

fn main() {
    let _ = Runner::new().run(&Adder, AdderInputs { x: 1 });
}
