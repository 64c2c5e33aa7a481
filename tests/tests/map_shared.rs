//! A big read-only value given once to every item of a map: `shared(..)` for an input
//! every node borrows. The nodes keep their `&T` parameters, and no item clones the value.

use futures::StreamExt;
use hypernodes::{each, fixed, graph, node, shared, AsyncRunner, MapMode, Runner};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Stands for a vector index or a model: costly to copy, so every copy is counted (on
/// the original and its copies alike).
pub struct Index {
    words: Vec<&'static str>,
    clones: Arc<AtomicUsize>,
}

impl Index {
    fn new(words: Vec<&'static str>) -> Self {
        Index {
            words,
            clones: Arc::default(),
        }
    }

    fn clones(&self) -> usize {
        self.clones.load(Ordering::SeqCst)
    }
}

impl Clone for Index {
    fn clone(&self) -> Self {
        self.clones.fetch_add(1, Ordering::SeqCst);
        Index {
            words: self.words.clone(),
            clones: Arc::clone(&self.clones),
        }
    }
}

/// Where the item's index lives, to tell a shared one from copies.
#[node(output_name = "hit")]
fn lookup(query: usize, index: &Index) -> (&'static str, usize) {
    (index.words[query], index as *const Index as usize)
}

#[node(output_name = "line")]
fn show(hit: (&'static str, usize), index: &Index, prefix: &str) -> String {
    format!("{prefix}{} of {}", hit.0, index.words.len())
}

graph!(pub struct Search = [lookup, show]);

/// Not `Clone` at all: only an `Arc` can give it to every item.
pub struct Model(u32);

#[node(output_name = "score")]
async fn score(x: u32, model: &Model) -> u32 {
    x * model.0
}

graph!(pub struct Scoring = [score]);

fn index() -> Arc<Index> {
    Arc::new(Index::new(vec!["alpha", "beta", "gamma"]))
}

fn lines(outs: &[SearchOutputs]) -> Vec<&str> {
    outs.iter().map(|o| o.line.as_str()).collect()
}

#[test]
fn runner_map_shares_one_index_with_every_item() {
    let index = self::index();
    let inputs = SearchMapInputs {
        query: each([2, 0, 1, 0]),
        index: shared(Arc::clone(&index)),
        prefix: fixed("> ".to_owned()),
    };
    let outs = Runner::new()
        .with_parallelism(2)
        .map(&Search, inputs, MapMode::Zip)
        .unwrap();
    assert_eq!(
        lines(&outs),
        [
            "> gamma of 3",
            "> alpha of 3",
            "> beta of 3",
            "> alpha of 3"
        ]
    );
    assert_eq!(index.clones(), 0);
    // Every item read the very value given, and no item kept it.
    let address = Arc::as_ptr(&index) as usize;
    assert!(outs.iter().all(|o| o.hit.1 == address));
    assert_eq!(Arc::strong_count(&index), 1);
}

#[test]
fn a_product_shares_it_too() {
    let index = self::index();
    let inputs = SearchMapInputs {
        query: each([0, 1]),
        index: shared(Arc::clone(&index)),
        prefix: each(["a:", "b:"].map(String::from)),
    };
    let outs = Runner::new()
        .map(&Search, inputs, MapMode::Product)
        .unwrap();
    assert_eq!(
        lines(&outs),
        ["a:alpha of 3", "b:alpha of 3", "a:beta of 3", "b:beta of 3"]
    );
    assert_eq!(index.clones(), 0);
}

#[test]
fn the_async_runner_and_map_iter_share_it() {
    let model = Arc::new(Model(10));
    let runner = AsyncRunner::new();
    let inputs = || ScoringMapInputs {
        x: each([1, 2, 3]),
        model: shared(Arc::clone(&model)),
    };
    let outs = futures::executor::block_on(runner.map(&Scoring, inputs(), MapMode::Zip)).unwrap();
    assert_eq!(
        outs.iter().map(|o| o.score).collect::<Vec<_>>(),
        [10, 20, 30]
    );
    let stream = runner.map_iter(&Scoring, inputs(), MapMode::Zip).unwrap();
    let mut scores: Vec<u32> =
        futures::executor::block_on(stream.map(|(_, r)| r.unwrap().score).collect());
    scores.sort();
    assert_eq!(scores, [10, 20, 30]);
    // The sync runner's map_iter owns its items: the `Arc` makes that cheap.
    let mut scores: Vec<u32> = Runner::new()
        .with_parallelism(2)
        .map_iter(&Scoring, inputs(), MapMode::Zip)
        .unwrap()
        .map(|(_, r)| r.unwrap().score)
        .collect();
    scores.sort();
    assert_eq!(scores, [10, 20, 30]);
    assert_eq!(Arc::strong_count(&model), 1);
}

#[test]
fn shared_also_takes_the_value_itself_without_cloning_it() {
    let given = Index::new(vec!["x", "y"]);
    let clones = Arc::clone(&given.clones);
    let inputs = SearchMapInputs {
        query: each([1, 0]),
        index: shared(given),
        prefix: fixed(String::new()),
    };
    let outs = Runner::new().map(&Search, inputs, MapMode::Zip).unwrap();
    assert_eq!(lines(&outs), ["y of 2", "x of 2"]);
    assert_eq!(clones.load(Ordering::SeqCst), 0);
}

#[test]
fn fixed_still_clones_per_item_and_run_takes_the_value_as_before() {
    let given = Index::new(vec!["x", "y"]);
    let clones = Arc::clone(&given.clones);
    let inputs = SearchMapInputs {
        query: each([0, 1]),
        index: fixed(given),
        prefix: fixed(String::new()),
    };
    let outs = Runner::new()
        .with_parallelism(1)
        .map(&Search, inputs, MapMode::Zip)
        .unwrap();
    assert_eq!(lines(&outs), ["x of 2", "y of 2"]);
    assert_eq!(clones.load(Ordering::SeqCst), 2);
    // `run` takes the index itself, as the nodes' `&Index` suggests.
    let out = Runner::new()
        .run(
            &Search,
            SearchInputs {
                query: 1,
                index: Index::new(vec!["p", "q"]),
                prefix: "- ".into(),
            },
        )
        .unwrap();
    assert_eq!(out.line, "- q of 2");
    let out = futures::executor::block_on(AsyncRunner::new().run(
        &Scoring,
        ScoringInputs {
            x: 4,
            model: Model(2),
        },
    ))
    .unwrap();
    assert_eq!(out.score, 8);
}
