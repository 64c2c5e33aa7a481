use hypernodes::graph;

graph!(struct Nothing = []);

fn main() {}
