use hypernodes::{each, graph, node, shared, MapMode, Runner};
use std::sync::Arc;

#[derive(Clone)]
pub struct Settings {
    pub scale: u32,
}

// `settings` is taken by value, so each item needs a `Settings` of its own.
#[node(output_name = "scaled")]
fn scale(x: u32, settings: Settings) -> u32 {
    x * settings.scale
}

graph!(struct Scaling = [scale]);

fn main() {
    let settings = Arc::new(Settings { scale: 2 });
    let inputs = ScalingMapInputs { x: each([1, 2]), settings: shared(settings) };
    let _ = Runner::new().map(&Scaling, inputs, MapMode::Zip);
}
