use super::pretty;
use expect_test::expect_file;
use quote::quote;

#[test]
fn a_cached_node() {
    let out = pretty(crate::node::expand(
        quote!(output_name = "embedding", cache, version = "2"),
        quote! {
            pub fn embed(text: &str, dims: usize) -> Vec<f32> {
                text.bytes().take(dims).map(f32::from).collect()
            }
        },
    ));
    expect_file!["snapshots/node_cached.rs"].assert_eq(&out);
}
