//! One graph using every composition form, for the compile-time comparison with
//! `compile_time_plain.rs` (the same nodes wired without them): see
//! `tests/compile_time.sh`.

use hypernodes::{graph, node, Runner};

#[node(output_name = "embedding")]
fn embed(text: &str, dims: usize) -> Vec<f32> {
    text.bytes().take(dims).map(f32::from).collect()
}

#[node(output_name = "score")]
fn compare(query_vec: &[f32], doc_vec: &[f32]) -> f32 {
    query_vec.iter().zip(doc_vec).map(|(a, b)| a * b).sum()
}

#[node(output_name = ("quotient", "remainder"))]
fn divide(numerator: u32, denominator: u32) -> (u32, u32) {
    (numerator / denominator, numerator % denominator)
}

#[node(output_name = "value")]
fn cell(x: i64, y: i64, scale: i64) -> i64 {
    (x * 10 + y) * scale
}

graph!(pub struct Cell = [cell]);

graph!(pub struct Forms = [
    embed as embed_query { text: query, dims: 4 } -> { embedding: query_vec },
    embed as embed_doc { text: document, dims: { 2 + 2 } } -> { embedding: doc_vec },
    compare,
    divide { denominator: by } -> { quotient: q, .. },
    #[map(product)] Cell { x: each(xs), y: each(ys), scale: factor } -> { value: values },
]);

#[test]
fn every_form_runs() {
    let out = Runner::new()
        .run(
            &Forms,
            FormsInputs {
                query: "ab".into(),
                document: "ba".into(),
                numerator: 7,
                by: 2,
                xs: vec![1, 2],
                ys: vec![3],
                factor: 1,
            },
        )
        .unwrap();
    assert_eq!(
        (out.score, out.q, out.values),
        (97.0 * 98.0 * 2.0, 3, vec![13, 23])
    );
}
