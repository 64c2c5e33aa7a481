//! Mapping a listed entry over outer lists: `{ text: each(documents) }`, zip and
//! `#[map(product)]`, for graphs and plain nodes, under both runners.

use hypernodes::callbacks::{MapContext, NodeContext, ProgressCallback};
use hypernodes::{graph, node, AsyncRunner, Callback, Error, Graph, MapMode, MemoryCache, Runner};
use indicatif::{InMemoryTerm, ProgressDrawTarget};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::Duration;

#[node(output_name = "documents")]
fn split(corpus: &str) -> Vec<String> {
    corpus.split('|').map(str::to_owned).collect()
}

#[node(output_name = "summary")]
fn summarize(text: &str, words: usize) -> String {
    text.split_whitespace()
        .take(words)
        .collect::<Vec<_>>()
        .join(" ")
}

graph!(pub struct Analysis = [summarize]);

#[node(output_name = "merged")]
fn merge(summaries: &[String]) -> String {
    summaries.join(" / ")
}

graph!(pub struct Corpus = [
    split,
    Analysis { text: each(documents) } -> { summary: summaries },
    merge,
]);

fn corpus() -> CorpusInputs {
    CorpusInputs {
        corpus: "a b c|d e|f g h i".to_owned(),
        words: 2,
    }
}

#[test]
fn a_graph_listed_with_each_runs_once_per_document_in_order() {
    let out = Runner::new().run(&Corpus, corpus()).unwrap();
    assert_eq!(out.summaries, ["a b", "d e", "f g"]);
    assert_eq!(out.merged, "a b / d e / f g");
}

#[test]
fn the_async_runner_maps_alike() {
    let out = futures::executor::block_on(AsyncRunner::new().run(&Corpus, corpus())).unwrap();
    assert_eq!(out.summaries, ["a b", "d e", "f g"]);
    assert_eq!(out.merged, "a b / d e / f g");
}

#[node(output_name = "value")]
fn cell(x: i64, y: i64, scale: i64) -> i64 {
    (x * 10 + y) * scale
}

graph!(pub struct Cell = [cell]);
graph!(pub struct Grid = [#[map(product)] Cell { x: each(xs), y: each(ys), scale: factor }]);
graph!(pub struct Diagonal = [#[map(zip)] cell { x: each(xs), y: each(ys), scale: factor }]);

#[test]
fn product_maps_every_combination_first_mapped_input_outermost() {
    let inputs = GridInputs {
        xs: vec![1, 2],
        ys: vec![3, 4, 5],
        factor: 2,
    };
    let out = Runner::new().run(&Grid, inputs).unwrap();
    assert_eq!(out.value, [26, 28, 30, 46, 48, 50]);
    let info = &Grid::GRAPH_INFO.nodes[0];
    let composition = info.composition.unwrap();
    assert_eq!(composition.mapped, ["x", "y"]);
    assert_eq!(composition.mode, Some(MapMode::Product));
}

#[test]
fn a_plain_node_maps_in_zip_and_unequal_lengths_name_the_outer_fields() {
    let out = Runner::new()
        .run(
            &Diagonal,
            DiagonalInputs {
                xs: vec![1, 2],
                ys: vec![3, 4],
                factor: 1,
            },
        )
        .unwrap();
    assert_eq!(out.value, [13, 24]);
    let error = Runner::new()
        .run(
            &Diagonal,
            DiagonalInputs {
                xs: vec![1, 2],
                ys: vec![3],
                factor: 1,
            },
        )
        .unwrap_err();
    match &error {
        Error::MapLengths { fields } => assert_eq!(fields, &[("xs", 2), ("ys", 1)]),
        other => panic!("expected MapLengths, got {other:?}"),
    }
}

static CHECKED: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "checked")]
fn check(value: i32) -> Result<i32, std::num::TryFromIntError> {
    CHECKED.fetch_add(1, Ordering::SeqCst);
    u8::try_from(value).map(i32::from)
}

graph!(struct Checks = [check { value: each(values) }]);

#[test]
fn an_empty_list_runs_nothing_and_gives_empty_outputs() {
    let before = CHECKED.load(Ordering::SeqCst);
    let out = Runner::new()
        .run(&Checks, ChecksInputs { values: vec![] })
        .unwrap();
    assert!(out.checked.is_empty());
    assert_eq!(CHECKED.load(Ordering::SeqCst), before);
}

#[test]
fn a_failing_item_names_the_inner_node_and_carries_its_index() {
    for error in [
        Runner::new()
            .run(
                &Checks,
                ChecksInputs {
                    values: vec![1, 2, 300, 4],
                },
            )
            .unwrap_err(),
        futures::executor::block_on(AsyncRunner::new().run(
            &Checks,
            ChecksInputs {
                values: vec![1, 2, 300, 4],
            },
        ))
        .unwrap_err(),
    ] {
        assert_eq!(error.node(), Some("check"));
        match &error {
            Error::MapItem { index, .. } => assert_eq!(*index, 2),
            other => panic!("expected MapItem, got {other:?}"),
        }
    }
}

#[node(output_name = "shouted")]
fn shout(word: String) -> String {
    if word.is_empty() {
        panic!("nothing to shout");
    }
    word.to_uppercase()
}

graph!(struct Shouts = [shout { word: each(words) }]);

#[test]
fn a_panic_in_an_item_is_an_error() {
    let words = vec!["a".to_owned(), String::new()];
    let error = Runner::new()
        .run(
            &Shouts,
            ShoutsInputs {
                words: words.clone(),
            },
        )
        .unwrap_err();
    assert_eq!(error.node(), Some("shout"));
    assert!(
        matches!(error, Error::MapItem { index: 1, .. }),
        "{error:?}"
    );
    let error =
        futures::executor::block_on(AsyncRunner::new().run(&Shouts, ShoutsInputs { words }))
            .unwrap_err();
    assert!(
        matches!(error, Error::MapItem { index: 1, .. }),
        "{error:?}"
    );
}

/// Records map hooks, and node hooks with their item.
#[derive(Default)]
struct Record(Mutex<Vec<String>>);

impl Callback for Record {
    fn on_map_start(&self, map: &MapContext) {
        self.0
            .lock()
            .unwrap()
            .push(format!("map {} x{}", map.graph.name, map.items));
    }
    fn on_map_item(&self, _: &MapContext, index: usize, _: Duration, result: Result<(), &Error>) {
        self.0
            .lock()
            .unwrap()
            .push(format!("item {index} {}", result.is_ok()));
    }
    fn on_map_end(&self, _: &MapContext, _: Duration) {
        self.0.lock().unwrap().push("map end".to_owned());
    }
    fn on_node_start(&self, node: &NodeContext) {
        self.0
            .lock()
            .unwrap()
            .push(format!("node {} {:?}", node.node.name, node.item));
    }
}

#[test]
fn callbacks_see_the_map_and_each_item() {
    let record = Record::default();
    Runner::new()
        .with_parallelism(1)
        .with_callback(&record)
        .run(&Corpus, corpus())
        .unwrap();
    let lines = record.0.lock().unwrap().clone();
    assert_eq!(
        lines,
        [
            "node split None",
            "map Analysis x3",
            "node summarize Some(0)",
            "item 0 true",
            "node summarize Some(1)",
            "item 1 true",
            "node summarize Some(2)",
            "item 2 true",
            "map end",
            "node merge None",
        ]
    );
}

#[node(output_name = "thread")]
fn which_thread(n: u32) -> String {
    let _ = n;
    format!("{:?}", std::thread::current().id())
}

graph!(struct Threads = [which_thread { n: each(ns) }]);

#[test]
fn items_run_on_the_runners_pool_unless_parallelism_is_one() {
    let here = format!("{:?}", std::thread::current().id());
    let inputs = || ThreadsInputs {
        ns: (0..64).collect(),
    };
    let out = Runner::new()
        .with_parallelism(1)
        .run(&Threads, inputs())
        .unwrap();
    assert!(out.thread.iter().all(|t| *t == here));
    let out = Runner::new()
        .with_parallelism(2)
        .run(&Threads, inputs())
        .unwrap();
    assert!(out.thread.iter().all(|t| *t != here));
}

static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static MOST_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Pending once, so that other futures get polled meanwhile.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[node(output_name = "slow")]
async fn slow(n: u32) -> u32 {
    let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
    MOST_IN_FLIGHT.fetch_max(now, Ordering::SeqCst);
    YieldOnce(false).await;
    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    n
}

graph!(struct Slow = [slow { n: each(ns) }]);

#[test]
fn the_async_runner_runs_items_concurrently_up_to_its_concurrency() {
    let inputs = || SlowInputs {
        ns: (0..8).collect(),
    };
    let run = |concurrency| {
        MOST_IN_FLIGHT.store(0, Ordering::SeqCst);
        let out = futures::executor::block_on(
            AsyncRunner::new()
                .with_concurrency(concurrency)
                .run(&Slow, inputs()),
        )
        .unwrap();
        assert_eq!(out.slow, (0..8).collect::<Vec<_>>());
        MOST_IN_FLIGHT.load(Ordering::SeqCst)
    };
    assert_eq!(run(1), 1);
    assert_eq!(run(4), 4);
}

static EMBEDDED: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "embedding", cache)]
fn embed(text: String) -> Vec<u8> {
    EMBEDDED.fetch_add(1, Ordering::SeqCst);
    text.into_bytes()
}

graph!(struct Embed = [embed]);
graph!(struct Embeddings = [Embed { text: each(texts) } -> { embedding: embeddings }]);

#[test]
fn cached_nodes_inside_a_mapped_graph_are_looked_up_per_item() {
    let runner = Runner::new().with_cache(MemoryCache::new());
    let texts = |list: &[&str]| EmbeddingsInputs {
        texts: list.iter().map(|t| t.to_string()).collect(),
    };
    let before = EMBEDDED.load(Ordering::SeqCst);
    runner.run(&Embeddings, texts(&["a", "b"])).unwrap();
    assert_eq!(EMBEDDED.load(Ordering::SeqCst) - before, 2);
    let out = runner.run(&Embeddings, texts(&["b", "c", "a"])).unwrap();
    // Only "c" is new.
    assert_eq!(EMBEDDED.load(Ordering::SeqCst) - before, 3);
    assert_eq!(
        out.embeddings,
        [b"b".to_vec(), b"c".to_vec(), b"a".to_vec()]
    );
}

#[test]
fn the_progress_callback_draws_a_bar_for_a_nested_map() {
    let term = InMemoryTerm::new(10, 100);
    let progress =
        ProgressCallback::with_target(ProgressDrawTarget::term_like(Box::new(term.clone())));
    let runner = Runner::new().with_callback(&progress);
    let out = runner
        .run(
            &Threads,
            ThreadsInputs {
                ns: (0..120).collect(),
            },
        )
        .unwrap();
    assert_eq!(out.thread.len(), 120);
    let screen = term.contents();
    assert!(screen.contains("120/120"), "{screen}");
}
