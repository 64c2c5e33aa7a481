//! Expansion snapshots: the pretty-printed output of the expansion functions, called on
//! the tokens each macro's last step receives, so that a change to the generated shape
//! shows up as a readable diff in review. Update with `UPDATE_EXPECT=1 cargo test -p
//! hypernodes-macros`.

mod graph;
mod node;

use proc_macro2::TokenStream;

/// The tokens as formatted Rust (`syn` parses them as a file of items).
fn pretty(tokens: TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).expect("the expansion is a list of items");
    prettyplease::unparse(&file)
}
