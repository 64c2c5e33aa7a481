//! Composition in a `graph!` list: `as` names, input and output renames (with `..`), and
//! inputs bound to values, for nodes and listed graphs, under both runners.

use hypernodes::callbacks::{GraphContext, NodeContext};
use hypernodes::{
    graph, node, AsyncRunner, Callback, Chunks, Endpoint, Graph, MemoryCache, Runner,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

static EMBED_CALLS: AtomicUsize = AtomicUsize::new(0);

/// A toy embedding: one number per letter count and length.
#[node(output_name = "embedding")]
fn embed(text: &str) -> Vec<f32> {
    EMBED_CALLS.fetch_add(1, Ordering::SeqCst);
    vec![text.len() as f32, text.matches('a').count() as f32]
}

#[node(output_name = "score")]
fn compare(query_vec: &[f32], doc_vec: &[f32]) -> f32 {
    query_vec.iter().zip(doc_vec).map(|(a, b)| a * b).sum()
}

// The example: one function in two roles.
graph!(pub struct Search = [
    embed as embed_query { text: query }    -> { embedding: query_vec },
    embed as embed_doc   { text: document } -> { embedding: doc_vec },
    compare,
]);

fn search_inputs() -> SearchInputs {
    SearchInputs {
        query: "banana".to_owned(),
        document: "a cat".to_owned(),
    }
}

#[test]
fn one_function_plays_two_roles_under_outer_names() {
    let out = Runner::new().run(&Search, search_inputs()).unwrap();
    assert_eq!(out.query_vec, vec![6.0, 3.0]);
    assert_eq!(out.doc_vec, vec![5.0, 2.0]);
    assert_eq!(out.score, 36.0);
}

#[test]
fn the_async_runner_runs_renamed_entries_alike() {
    let out =
        futures::executor::block_on(AsyncRunner::new().run(&Search, search_inputs())).unwrap();
    assert_eq!(
        (out.query_vec, out.doc_vec, out.score),
        (vec![6.0, 3.0], vec![5.0, 2.0], 36.0)
    );
}

#[test]
fn graph_info_shows_as_names_outer_names_and_where_entries_come_from() {
    let info = Search::GRAPH_INFO;
    let names: Vec<_> = info.nodes.iter().map(|n| n.name).collect();
    assert_eq!(names, ["embed_query", "embed_doc", "compare"]);
    let query = &info.nodes[0];
    assert_eq!(query.inputs[0].name, "query");
    assert_eq!(query.inputs[0].type_name, "&str");
    assert_eq!(query.outputs[0].name, "query_vec");
    let composition = query
        .composition
        .expect("renamed entries describe their composition");
    assert_eq!(composition.comes_from, "embed");
    assert_eq!(composition.inner_inputs, ["text"]);
    assert_eq!(composition.inner_outputs, ["embedding"]);
    // Listed as it is: no composition.
    assert!(info.nodes[2].composition.is_none());
    let inputs: Vec<_> = info.inputs.iter().map(|p| p.name).collect();
    assert_eq!(inputs, ["query", "document"]);
    let outputs: Vec<_> = info.outputs.iter().map(|p| p.name).collect();
    assert_eq!(outputs, ["query_vec", "doc_vec", "score"]);
    let edges: Vec<_> = info.edges.iter().map(|e| (e.value, e.from, e.to)).collect();
    assert_eq!(
        edges,
        [
            ("query", Endpoint::Input, 0),
            ("document", Endpoint::Input, 1),
            ("query_vec", Endpoint::Node(0), 2),
            ("doc_vec", Endpoint::Node(1), 2),
        ]
    );
}

static CACHED_EMBED_CALLS: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "embedding", cache)]
fn cached_embed(text: String) -> Vec<u8> {
    CACHED_EMBED_CALLS.fetch_add(1, Ordering::SeqCst);
    text.into_bytes()
}

graph!(struct TwoEmbeddings = [
    cached_embed as first { text: a } -> { embedding: first_vec },
    cached_embed as second { text: b } -> { embedding: second_vec },
]);

#[test]
fn an_entry_renamed_with_as_shares_cache_entries_with_the_original() {
    let runner = Runner::new().with_cache(MemoryCache::new());
    let before = CACHED_EMBED_CALLS.load(Ordering::SeqCst);
    let out = runner
        .run(
            &TwoEmbeddings,
            TwoEmbeddingsInputs {
                a: "same".to_owned(),
                b: "same".to_owned(),
            },
        )
        .unwrap();
    assert_eq!(out.first_vec, out.second_vec);
    // The key is the function's, not the entry's: the second entry hits the first's.
    assert_eq!(CACHED_EMBED_CALLS.load(Ordering::SeqCst) - before, 1);
}

#[node(output_name = ("quotient", "remainder"))]
fn divide(numerator: u32, denominator: u32) -> (u32, u32) {
    (numerator / denominator, numerator % denominator)
}

// `..` drops the unlisted output; `remainder` is produced by another entry instead, which
// would be two producers without the `..`.
#[node(output_name = "remainder")]
fn modulo(numerator: u32) -> u32 {
    numerator % 7
}

graph!(struct Dropped = [divide { denominator: by } -> { quotient: q, .. }, modulo]);

#[test]
fn a_trailing_dot_dot_drops_the_unlisted_outputs() {
    let out = Runner::new()
        .run(
            &Dropped,
            DroppedInputs {
                numerator: 17,
                by: 5,
            },
        )
        .unwrap();
    // `remainder` comes from `modulo`, not from `divide` (which would give 2).
    assert_eq!((out.q, out.remainder), (3, 3));
    let entry = &Dropped::GRAPH_INFO.nodes[0];
    assert_eq!(entry.composition.unwrap().dropped, ["remainder"]);
    // Without `..`, unlisted outputs keep their names.
    graph!(struct Kept = [divide -> { quotient: q }]);
    let out = Runner::new()
        .run(
            &Kept,
            KeptInputs {
                numerator: 17,
                denominator: 5,
            },
        )
        .unwrap();
    assert_eq!((out.q, out.remainder), (3, 2));
}

#[node(output_name = "chunked")]
fn chunk(text: String, size: usize, label: &str) -> Vec<String> {
    text.as_bytes()
        .chunks(size)
        .map(|c| format!("{label}{}", String::from_utf8_lossy(c)))
        .collect()
}

struct Model {
    prefix: &'static str,
}

impl Model {
    fn small() -> Self {
        Model { prefix: "s:" }
    }
}

#[node(output_name = "tagged")]
fn tag(chunked: Vec<String>, model: Model) -> Vec<String> {
    chunked
        .into_iter()
        .map(|c| format!("{}{c}", model.prefix))
        .collect()
}

graph!(struct Bound = [chunk { size: 2, label: "#" }, tag { model: { Model::small() } }]);

#[test]
fn bound_inputs_take_the_written_values_and_leave_the_outer_inputs() {
    // `BoundInputs` has only `text`: `size`, `label` and `model` are bound.
    let inputs = BoundInputs {
        text: "abcde".to_owned(),
    };
    let out = Runner::new().run(&Bound, inputs).unwrap();
    assert_eq!(out.tagged, ["s:#ab", "s:#cd", "s:#e"]);
    let inputs = BoundInputs {
        text: "xyz".to_owned(),
    };
    let out = futures::executor::block_on(AsyncRunner::new().run(&Bound, inputs)).unwrap();
    assert_eq!(out.tagged, ["s:#xy", "s:#z"]);
    let info = Bound::GRAPH_INFO;
    assert_eq!(info.inputs.len(), 1);
    assert_eq!(info.nodes[0].composition.unwrap().bound, ["size", "label"]);
    // Bound inputs are not wired: no edge feeds them.
    assert!(info
        .edges
        .iter()
        .all(|e| e.value != "size" && e.value != "model"));
}

#[node(output_name = "checked")]
fn check(value: i32) -> Result<i32, std::num::TryFromIntError> {
    u8::try_from(value).map(i32::from)
}

graph!(struct Checks = [check as check_small { value: small } -> { checked: small_ok }, check]);
graph!(struct Outer = [Checks as inner_checks { value: raw }]);

/// Records node and graph names as callbacks see them.
#[derive(Default)]
struct Names(Mutex<Vec<String>>);

impl Callback for Names {
    fn on_graph_start(&self, graph: &GraphContext) {
        self.0
            .lock()
            .unwrap()
            .push(format!("graph {}", graph.graph.name));
    }
    fn on_node_start(&self, node: &NodeContext) {
        self.0.lock().unwrap().push(node.node.name.to_owned());
    }
    fn on_node_end(&self, _: &NodeContext, _: Duration) {}
}

#[test]
fn errors_and_callbacks_name_the_entry_by_its_as_name() {
    let names = Names::default();
    let error = Runner::new()
        .with_callback(&names)
        .run(
            &Checks,
            ChecksInputs {
                small: 300,
                value: 1,
            },
        )
        .unwrap_err();
    assert_eq!(error.node(), Some("check_small"));
    assert_eq!(*names.0.lock().unwrap(), ["graph Checks", "check_small"]);
}

#[test]
fn a_renamed_graph_runs_under_its_as_name() {
    let names = Names::default();
    let out = Runner::new()
        .with_callback(&names)
        .run(&Outer, OuterInputs { small: 1, raw: 2 })
        .unwrap();
    assert_eq!((out.small_ok, out.checked), (1, 2));
    assert_eq!(
        *names.0.lock().unwrap(),
        ["graph Outer", "graph inner_checks", "check_small", "check"]
    );
    let entry = &Outer::GRAPH_INFO.nodes[0];
    assert_eq!(entry.name, "inner_checks");
    assert_eq!(entry.subgraph.unwrap().name, "inner_checks");
    assert_eq!(entry.composition.unwrap().comes_from, "Checks");
    assert_eq!(entry.inputs[1].name, "raw");
    // The error inside names the inner node and the renamed graph.
    let error = futures::executor::block_on(
        AsyncRunner::new().run(&Outer, OuterInputs { small: 1, raw: 999 }),
    )
    .unwrap_err();
    assert_eq!(error.node(), Some("check"));
    assert!(error.to_string().contains("inner_checks"), "{error}");
}

#[node(output_name = "spoken")]
fn speak(word: String, out: Chunks<'_, String>) -> String {
    out.send(word.clone());
    word
}

graph!(struct Chorus = [
    speak as first_voice { word: a } -> { spoken: first },
    speak as second_voice { word: b } -> { spoken: second },
]);

#[test]
fn chunk_variants_are_named_after_the_as_names() {
    // Compiles only if the variants are `FirstVoice` and `SecondVoice`.
    let describe = |chunk: ChorusChunk| match chunk {
        ChorusChunk::FirstVoice(word) => format!("1:{word}"),
        ChorusChunk::SecondVoice(word) => format!("2:{word}"),
    };
    assert_eq!(describe(ChorusChunk::FirstVoice("la".into())), "1:la");
    let out = Runner::new()
        .run(
            &Chorus,
            ChorusInputs {
                a: "la".into(),
                b: "li".into(),
            },
        )
        .unwrap();
    assert_eq!((out.first, out.second), ("la".to_owned(), "li".to_owned()));
}

#[test]
fn events_name_entries_by_their_as_names() {
    use futures::StreamExt;
    let events: Vec<hypernodes::Event<Chorus>> = futures::executor::block_on(
        AsyncRunner::new()
            .iter(
                &Chorus,
                ChorusInputs {
                    a: "la".into(),
                    b: "li".into(),
                },
            )
            .collect(),
    );
    let mut started: Vec<&str> = events
        .iter()
        .filter_map(|event| match event {
            hypernodes::Event::NodeStarted { node, .. } => Some(node.name),
            _ => None,
        })
        .collect();
    started.sort();
    assert_eq!(started, ["first_voice", "second_voice"]);
    let chunks = events
        .iter()
        .filter(|event| {
            matches!(
                event,
                hypernodes::Event::Chunk {
                    chunk: ChorusChunk::FirstVoice(_),
                    ..
                }
            )
        })
        .count();
    assert_eq!(chunks, 1);
}
