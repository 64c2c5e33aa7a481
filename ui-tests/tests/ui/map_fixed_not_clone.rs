use hypernodes::{fixed, graph, node, MapMode, Runner};

pub struct Settings {
    pub scale: u32,
}

#[node(output_name = "scaled")]
fn scale(x: u32, settings: &Settings) -> u32 {
    x * settings.scale
}

graph!(struct Scaling = [scale]);

fn main() {
    let inputs = ScalingMapInputs { x: fixed(1), settings: fixed(Settings { scale: 2 }) };
    let _ = Runner::new().map(&Scaling, inputs, MapMode::Zip);
}
