use hypernodes::{graph, node};

#[node(output_name = "body")]
fn fetch(url: String) -> String {
    url
}

#[node(output_name = "checksum")]
fn checksum(body: &[u8]) -> u32 {
    body.iter().map(|&b| u32::from(b)).sum()
}

graph!(struct Download = [fetch, checksum]);

fn main() {}
