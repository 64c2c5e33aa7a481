use super::pretty;
use expect_test::expect_file;
use quote::quote;

/// What the node callbacks forward: `{ [path] signature }` per entry.
fn expand(tokens: proc_macro2::TokenStream) -> String {
    pretty(crate::graph::expand(tokens))
}

#[test]
fn a_chain_of_three_nodes() {
    let out = expand(quote! {
        [pub struct Chain]
        [
            { [double] node double { false false false false [x: value] [doubled] [] [] "i32\ni32\n\n\n" } }
            { [add_one] node add_one { false false false false [doubled: value] [added] [] [] "i32\ni64\n\n\n" } }
            { [stages::show] node show { false false false false [added: ref, doubled: value] [shown] [] [] "&i64\ti32\nVec<String>\n\n\n" } }
        ]
    });
    expect_file!["snapshots/chain.rs"].assert_eq(&out);
}

#[test]
fn a_cached_node() {
    let out = expand(quote! {
        [pub struct Embed]
        [
            { [embed] node embed { false true true false [text: ref] [embedding] [] [] } }
            { [score] node score { false false false false [embedding: value, text: ref] [score] [] [] } }
        ]
    });
    expect_file!["snapshots/cached.rs"].assert_eq(&out);
}

#[test]
fn a_nested_graph() {
    let out = expand(quote! {
        [pub struct Outer -> [report]]
        [
            { [split] node split { false false false false [text: value] [words, lines] [] [] } }
            { [inner::Count] graph Count { false false false false [words: value] [count, longest] [] [] } }
            { [report] node report { false false false false [count: value, lines: value] [report] [] [] } }
        ]
    });
    expect_file!["snapshots/nested.rs"].assert_eq(&out);
}

#[test]
fn a_streaming_and_asking_node() {
    let out = expand(quote! {
        [pub struct Chat]
        [
            { [generate] node generate { true false false false [prompt: ref] [reply] [1] [] "&str\nString\nString\n\n" } }
            { [approve] node approve { false true false false [reply: value] [approved] [] [1] "String\nbool\n\nString\nbool" } }
        ]
    });
    expect_file!["snapshots/interact.rs"].assert_eq(&out);
}

#[test]
fn a_graph_with_a_wiring_error_keeps_its_types_and_stubs_its_schedules() {
    let out = expand(quote! {
        [pub struct Broken]
        [
            { [a] node a { false false false false [b: value] [a] [] [] } }
            { [b] node b { false false false false [a: value] [b] [] [] } }
        ]
    });
    expect_file!["snapshots/broken.rs"].assert_eq(&out);
}

#[test]
fn a_graph_composing_its_entries() {
    let out = expand(quote! {
        [pub struct Search {
            [as embed_query { text: query } -> { embedding: query_vec }]
            [as embed_doc { text: document, model: { Model::small() } } -> { embedding: doc_vec, .. }]
            [{ limit: 3 }]
            [as checks { value: score }]
            [#[map(product)] as grid { x: each(xs), y: each(ys), scale: factor }]
        }]
        [
            { [embed] node embed { false false false false [text: ref, model: value] [embedding, norm] [] [] "&str\tModel\nVec<f32>\tf32\n\n\n" } }
            { [embed] node embed { false false false false [text: ref, model: value] [embedding, norm] [] [] "&str\tModel\nVec<f32>\tf32\n\n\n" } }
            { [compare] node compare { false false false false [query_vec: ref, doc_vec: ref, limit: value] [score] [] [] "&[f32]\t&[f32]\tusize\nf32\n\n\n" } }
            { [inner::Checks] graph Checks { false false false false [value: value] [checked] [] [] "f32\nbool\n\n\n" } }
            { [cell] node cell { false false false false [x: value, y: ref, scale: value] [value, label] [] [] "i64\t&i64\ti64\ni64\tString\n\n\n" } }
        ]
    });
    expect_file!["snapshots/composed.rs"].assert_eq(&out);
}
