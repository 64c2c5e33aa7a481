use hypernodes::{graph, node};

pub struct Config {
    pub scale: i32,
}

#[node(output_name = "config")]
fn load(scale: i32) -> Config {
    Config { scale }
}

#[node(output_name = "width")]
fn width(config: Config) -> i32 {
    config.scale * 16
}

#[node(output_name = "height")]
fn height(config: Config) -> i32 {
    config.scale * 9
}

graph!(struct Screen = [load, width, height]);

fn main() {}
