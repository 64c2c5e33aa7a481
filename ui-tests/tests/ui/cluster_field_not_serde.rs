// A graph whose input is not a serde type cannot be mapped across processes: the error
// is at the `map` call and names the type.
use hypernodes::cluster::{Cluster, ClusterRunner};
use hypernodes::{each, graph, node, MapMode, Runner};

pub struct Photo {
    pub pixels: Vec<u8>,
}

#[node(output_name = "size")]
fn size(photo: Photo) -> usize {
    photo.pixels.len()
}

graph!(pub struct Sizes = [size]);

fn main() {
    let runner = ClusterRunner::new(Cluster::local(), Runner::new());
    let _ = runner.map(&Sizes, || SizesMapInputs { photo: each(Vec::new()) }, MapMode::Zip);
}
