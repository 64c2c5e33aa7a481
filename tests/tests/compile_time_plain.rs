//! The graph of `compile_time_forms.rs` without composition forms: one function per
//! role, wired by their own names, and the cell graph listed once instead of mapped.

use hypernodes::{graph, node, Runner};

#[node(output_name = "query_vec")]
fn embed_query(query: &str) -> Vec<f32> {
    query.bytes().take(4).map(f32::from).collect()
}

#[node(output_name = "doc_vec")]
fn embed_doc(document: &str) -> Vec<f32> {
    document.bytes().take(2 + 2).map(f32::from).collect()
}

#[node(output_name = "score")]
fn compare(query_vec: &[f32], doc_vec: &[f32]) -> f32 {
    query_vec.iter().zip(doc_vec).map(|(a, b)| a * b).sum()
}

#[node(output_name = ("q", "remainder"))]
fn divide(numerator: u32, by: u32) -> (u32, u32) {
    (numerator / by, numerator % by)
}

#[node(output_name = "values")]
fn cell(x: i64, y: i64, factor: i64) -> i64 {
    (x * 10 + y) * factor
}

graph!(pub struct Cell = [cell]);

graph!(pub struct Plain = [embed_query, embed_doc, compare, divide, Cell]);

#[test]
fn the_plain_graph_runs() {
    let out = Runner::new()
        .run(
            &Plain,
            PlainInputs {
                query: "ab".into(),
                document: "ba".into(),
                numerator: 7,
                by: 2,
                x: 1,
                y: 3,
                factor: 1,
            },
        )
        .unwrap();
    assert_eq!((out.score, out.q, out.values), (97.0 * 98.0 * 2.0, 3, 13));
}
