//! `AsyncRunner`: concurrent nodes, maps with bounded concurrency, errors, cache, callbacks.

use hypernodes::callbacks::{Callback, NodeContext};
use hypernodes::{each, fixed, graph, node, AsyncRunner, Error, MapMode, MemoryCache};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::{Barrier, Notify};

#[node(output_name = "doubled")]
async fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "answer")]
fn add_one(doubled: i32) -> i32 {
    doubled + 1
}

graph!(struct Pipeline = [double, add_one]);

#[test]
fn runs_under_a_plain_executor_without_a_runtime() {
    let out =
        futures::executor::block_on(AsyncRunner::new().run(&Pipeline, PipelineInputs { x: 5 }))
            .unwrap();
    assert_eq!((out.doubled, out.answer), (10, 11));
}

#[tokio::test]
async fn runs_under_tokio() {
    let out = AsyncRunner::new()
        .run(&Pipeline, PipelineInputs { x: 1 })
        .await
        .unwrap();
    assert_eq!(out.answer, 3);
}

/// Both nodes wait at one two-party barrier: they finish only if they run at once.
static MEETING: std::sync::LazyLock<Barrier> = std::sync::LazyLock::new(|| Barrier::new(2));

#[node(output_name = "left")]
async fn left(x: u32) -> u32 {
    MEETING.wait().await;
    x + 1
}

#[node(output_name = "right")]
async fn right(x: u32) -> u32 {
    MEETING.wait().await;
    x + 2
}

graph!(struct Both = [left, right]);

#[tokio::test]
async fn independent_async_nodes_overlap() {
    let runner = AsyncRunner::new();
    let run = runner.run(&Both, BothInputs { x: 0 });
    let out = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("the two nodes must run at the same time")
        .unwrap();
    assert_eq!((out.left, out.right), (1, 2));
}

/// `slow` waits for a signal that only `follow` (which needs `quick`) sends: a runner
/// going level by level would wait for `slow` before starting `follow`, forever.
static SIGNAL: Notify = Notify::const_new();

#[node(output_name = "slow_value")]
async fn slow(x: u32) -> u32 {
    SIGNAL.notified().await;
    x
}

#[node(output_name = "quick_value")]
async fn quick(x: u32) -> u32 {
    x + 10
}

#[node(output_name = "followed")]
async fn follow(quick_value: u32) -> u32 {
    SIGNAL.notify_one();
    quick_value + 1
}

graph!(struct Staggered = [slow, quick, follow]);

#[tokio::test]
async fn a_node_starts_as_soon_as_its_own_inputs_are_ready() {
    let runner = AsyncRunner::new();
    let run = runner.run(&Staggered, StaggeredInputs { x: 1 });
    let out = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("`follow` must start before `slow` finishes")
        .unwrap();
    assert_eq!((out.slow_value, out.quick_value, out.followed), (1, 11, 12));
}

static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static MOST_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "slept")]
async fn nap(millis: u64) -> u64 {
    let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
    MOST_IN_FLIGHT.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(millis)).await;
    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    millis
}

graph!(struct Nap = [nap]);

#[tokio::test]
async fn map_items_overlap_up_to_the_concurrency_bound_in_input_order() {
    MOST_IN_FLIGHT.store(0, Ordering::SeqCst);
    let outs = AsyncRunner::new()
        .map(
            &Nap,
            NapMapInputs {
                millis: each([30, 10, 20, 5, 25]),
            },
            MapMode::Zip,
        )
        .await
        .unwrap();
    assert_eq!(
        outs.iter().map(|o| o.slept).collect::<Vec<_>>(),
        [30, 10, 20, 5, 25]
    );
    assert_eq!(
        MOST_IN_FLIGHT.load(Ordering::SeqCst),
        5,
        "all five items were in flight together"
    );

    MOST_IN_FLIGHT.store(0, Ordering::SeqCst);
    AsyncRunner::new()
        .with_concurrency(2)
        .map(
            &Nap,
            NapMapInputs {
                millis: each([5; 6]),
            },
            MapMode::Zip,
        )
        .await
        .unwrap();
    assert_eq!(MOST_IN_FLIGHT.load(Ordering::SeqCst), 2);
}

#[node(output_name = "checked")]
async fn check(value: i64) -> Result<i64, std::num::TryFromIntError> {
    if value == 13 {
        panic!("unlucky");
    }
    u8::try_from(value).map(i64::from)
}

graph!(struct Checks = [check]);

#[test]
fn errors_and_panics_name_the_node_and_the_item() {
    let runner = AsyncRunner::new();
    let error =
        futures::executor::block_on(runner.run(&Checks, ChecksInputs { value: 300 })).unwrap_err();
    assert!(
        matches!(error, Error::Node { node: "check", .. }),
        "{error:?}"
    );
    let error =
        futures::executor::block_on(runner.run(&Checks, ChecksInputs { value: 13 })).unwrap_err();
    assert!(
        matches!(&error, Error::Panic { node: "check", message, .. } if message == "unlucky"),
        "{error:?}"
    );
    let inputs = ChecksMapInputs {
        value: each([1, 300, 13]),
    };
    let results =
        futures::executor::block_on(runner.map_results(&Checks, inputs, MapMode::Zip)).unwrap();
    assert!(results[0].is_ok() && results[1].is_err() && results[2].is_err());
    let inputs = ChecksMapInputs {
        value: each([1, 2, 300]),
    };
    let error = futures::executor::block_on(runner.map(&Checks, inputs, MapMode::Zip)).unwrap_err();
    assert!(
        matches!(error, Error::MapItem { index: 2, .. }),
        "{error:?}"
    );
}

static SQUARES: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "squared", cache)]
async fn square(n: u64) -> u64 {
    SQUARES.fetch_add(1, Ordering::SeqCst);
    n * n
}

#[node(output_name = "shown")]
fn show(squared: &u64, prefix: &str) -> String {
    format!("{prefix}{squared}")
}

graph!(struct Squares = [square, show]);

/// Records node starts and cache hits.
#[derive(Default)]
struct Seen(Mutex<Vec<String>>);

impl Callback for Seen {
    fn on_node_start(&self, node: &NodeContext) {
        self.0
            .lock()
            .unwrap()
            .push(format!("start {}", node.node.name));
    }
    fn on_node_cached(&self, node: &NodeContext) {
        self.0
            .lock()
            .unwrap()
            .push(format!("cached {}", node.node.name));
    }
}

#[test]
fn cached_nodes_hit_and_callbacks_hear_about_it() {
    let runner = AsyncRunner::new()
        .with_cache(MemoryCache::new())
        .with_callback(Seen::default());
    let inputs = || SquaresMapInputs {
        n: each(1..=3),
        prefix: fixed("#".to_owned()),
    };
    let before = SQUARES.load(Ordering::SeqCst);
    futures::executor::block_on(runner.map(&Squares, inputs(), MapMode::Zip)).unwrap();
    let outs = futures::executor::block_on(runner.map(&Squares, inputs(), MapMode::Zip)).unwrap();
    assert_eq!(
        SQUARES.load(Ordering::SeqCst) - before,
        3,
        "the second map computes nothing"
    );
    assert_eq!(
        outs.iter().map(|o| o.shown.as_str()).collect::<Vec<_>>(),
        ["#1", "#4", "#9"]
    );
    let seen = runner.callbacks().1 .0.lock().unwrap().clone();
    assert_eq!(seen.iter().filter(|l| *l == "cached square").count(), 3);
    assert_eq!(seen.iter().filter(|l| *l == "start show").count(), 6);
}

/// Not `Clone`, borrowed by two nodes and then moved into a third: the async schedule
/// must need `Clone` no more than the synchronous one.
struct Token(u32);

#[node(output_name = "token")]
fn mint(seed: u32) -> Token {
    Token(seed)
}

#[node(output_name = "peek_a")]
async fn peek_a(token: &Token) -> u32 {
    token.0 + 1
}

#[node(output_name = "peek_b")]
fn peek_b(token: &Token) -> u32 {
    token.0 + 2
}

#[node(output_name = "spent")]
fn spend(token: Token, peek_a: u32, peek_b: u32) -> u32 {
    token.0 + peek_a + peek_b
}

graph!(struct Spending = [mint, peek_a, peek_b, spend] -> [spent]);

#[test]
fn borrowed_values_are_shared_without_clone_and_moved_last() {
    let out =
        futures::executor::block_on(AsyncRunner::new().run(&Spending, SpendingInputs { seed: 10 }))
            .unwrap();
    assert_eq!(out.spent, 10 + 11 + 12);
}

graph!(struct Outer = [Pipeline, Spending]);

#[test]
fn nested_graphs_run_inside_the_async_schedule() {
    let out =
        futures::executor::block_on(AsyncRunner::new().run(&Outer, OuterInputs { x: 2, seed: 1 }))
            .unwrap();
    assert_eq!((out.answer, out.spent), (5, 1 + 2 + 3));
}

mod events {
    use super::*;
    use futures::StreamExt;
    use hypernodes::Event;

    #[test]
    fn iter_streams_typed_events_and_ends_with_the_result() {
        let runner = AsyncRunner::new();
        let events: Vec<_> =
            futures::executor::block_on(runner.iter(&Pipeline, PipelineInputs { x: 5 }).collect());
        let names: Vec<String> = events
            .iter()
            .map(|event| match event {
                Event::GraphStarted { graph, .. } => format!("graph {}", graph.name),
                Event::NodeStarted { node, .. } => format!("start {}", node.name),
                Event::NodeFinished { node, .. } => format!("end {}", node.name),
                Event::GraphFinished { graph, .. } => format!("graph end {}", graph.name),
                Event::Finished(Ok(out)) => format!("finished {}", out.answer),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            names,
            [
                "graph Pipeline",
                "start double",
                "end double",
                "start add_one",
                "end add_one",
                "graph end Pipeline",
                "finished 11",
            ]
        );
    }

    #[test]
    fn iter_reports_cache_hits_and_failures() {
        let runner = AsyncRunner::new().with_cache(MemoryCache::new());
        let inputs = || SquaresInputs {
            n: 7,
            prefix: "n=".into(),
        };
        futures::executor::block_on(runner.run(&Squares, inputs())).unwrap();
        let events: Vec<_> = futures::executor::block_on(runner.iter(&Squares, inputs()).collect());
        assert!(events
            .iter()
            .any(|e| matches!(e, Event::NodeCached { node, .. } if node.name == "square")));
        assert!(matches!(events.last(), Some(Event::Finished(Ok(out))) if out.shown == "n=49"));

        let events: Vec<_> = futures::executor::block_on(
            runner.iter(&Checks, ChecksInputs { value: 300 }).collect(),
        );
        assert!(events
            .iter()
            .any(|e| matches!(e, Event::NodeFailed { node, .. } if node.name == "check")));
        assert!(matches!(
            events.last(),
            Some(Event::Finished(Err(Error::Node { node: "check", .. })))
        ));
    }

    /// Counts drops of a guard held by a node that never finishes.
    static DROPPED: AtomicUsize = AtomicUsize::new(0);

    struct Guard;
    impl Drop for Guard {
        fn drop(&mut self) {
            DROPPED.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[node(output_name = "forever")]
    async fn hang(x: u32) -> u32 {
        let _guard = Guard;
        std::future::pending::<()>().await;
        x
    }

    graph!(struct Hanging = [hang]);

    #[test]
    fn dropping_the_stream_cancels_the_run() {
        let runner = AsyncRunner::new();
        let mut events = runner.iter(&Hanging, HangingInputs { x: 1 });
        let first_two = futures::executor::block_on(async {
            let a = events.next().await;
            let b = events.next().await;
            (a, b)
        });
        assert!(matches!(first_two.0, Some(Event::GraphStarted { .. })));
        assert!(matches!(first_two.1, Some(Event::NodeStarted { .. })));
        // The node is now parked forever; polling once more leaves it pending.
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        assert!(futures::Stream::poll_next(std::pin::Pin::new(&mut events), &mut cx).is_pending());
        assert_eq!(DROPPED.load(Ordering::SeqCst), 0);
        drop(events);
        assert_eq!(
            DROPPED.load(Ordering::SeqCst),
            1,
            "the node's future was dropped with the stream"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_can_be_spawned_on_a_multi_threaded_runtime() {
    // The run's future is `Send` when the graph's values are, so tokio can move it.
    let handle = tokio::spawn(async {
        let runner = AsyncRunner::new().with_cache(MemoryCache::new());
        runner
            .run(
                &Squares,
                SquaresInputs {
                    n: 3,
                    prefix: "=".into(),
                },
            )
            .await
    });
    assert_eq!(handle.await.unwrap().unwrap().shown, "=9");
}
