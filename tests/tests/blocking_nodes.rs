//! `#[node(.., blocking)]`: under `AsyncRunner` a blocking node runs on a thread pool that
//! needs no particular async runtime, so blocking nodes overlap with each other and with
//! async nodes; under `Runner` nothing changes. Every test runs under
//! `futures::executor::block_on` (one thread, no tokio): had a blocking node run on the
//! executor's thread, the others could not have met it, and the run would hang, which
//! the watchdog turns into a failure.

use hypernodes::{graph, node, AsyncRunner, Error, MemoryCache, Runner};
use std::sync::mpsc;
use std::sync::{Barrier, Mutex};
use std::time::Duration;

/// Runs `run` on a thread of its own and fails the test if it does not finish in time
/// (the overlap under test did not happen).
fn within_a_minute<T: Send + 'static>(run: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(run());
    });
    finished
        .recv_timeout(Duration::from_secs(60))
        .expect("the run hung: blocking nodes did not run at the same time")
}

// --- Two blocking nodes meet at a barrier --------------------------------------------

static MEET: Barrier = Barrier::new(2);

#[node(output_name = "left", blocking)]
fn left(x: u32) -> u32 {
    MEET.wait();
    x + 1
}

#[node(output_name = "right", blocking)]
fn right(x: &u32) -> u32 {
    MEET.wait();
    x + 2
}

graph!(struct Meet = [left, right]);

#[test]
fn independent_blocking_nodes_overlap_under_a_plain_executor() {
    let outputs = within_a_minute(|| {
        futures::executor::block_on(AsyncRunner::new().run(&Meet, MeetInputs { x: 1 }))
    })
    .unwrap();
    assert_eq!((outputs.left, outputs.right), (2, 3));
}

// --- A blocking node does not stall an async one -------------------------------------

static SIGNAL: Mutex<Option<mpsc::Sender<()>>> = Mutex::new(None);

#[node(output_name = "waited", blocking)]
fn wait_for_signal(signal: &str) -> String {
    let (send, receive) = mpsc::channel();
    *SIGNAL.lock().unwrap() = Some(send);
    receive.recv().expect("the async node signals");
    format!("{signal} received")
}

#[node(output_name = "sent")]
async fn send_signal(signal: &str) -> usize {
    // Yields until the blocking node has set up its channel, then signals it.
    loop {
        if let Some(send) = SIGNAL.lock().unwrap().take() {
            send.send(()).unwrap();
            return signal.len();
        }
        futures_yield().await;
    }
}

/// Yields once to the executor.
async fn futures_yield() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            std::task::Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    })
    .await
}

/// Takes the signal by value after both borrowed it: the blocking node's share of it
/// must be given back before its step ends.
#[node(output_name = "kept")]
fn keep(signal: String, waited: String, sent: usize) -> String {
    format!("{signal}/{waited}/{sent}")
}

graph!(struct Signal = [wait_for_signal, send_signal, keep] -> [kept]);

#[test]
fn a_blocking_node_leaves_the_executor_to_async_nodes_and_returns_its_borrows() {
    let outputs = within_a_minute(|| {
        let inputs = SignalInputs {
            signal: "go".into(),
        };
        futures::executor::block_on(AsyncRunner::new().run(&Signal, inputs))
    })
    .unwrap();
    assert_eq!(outputs.kept, "go/go received/2");
}

// --- Runner, caching, failures and panics --------------------------------------------

#[node(output_name = "squared", blocking, cache)]
fn square(n: u64) -> u64 {
    n * n
}

#[node(output_name = "checked", blocking)]
fn check(squared: u64) -> Result<u64, std::num::TryFromIntError> {
    u8::try_from(squared).map(u64::from)
}

graph!(struct Squares = [square, check]);

#[test]
fn runner_runs_blocking_nodes_as_plain_ones() {
    let runner = Runner::new();
    assert_eq!(
        runner
            .run(&Squares, SquaresInputs { n: 3 })
            .unwrap()
            .checked,
        9
    );
    let error = runner.run(&Squares, SquaresInputs { n: 30 }).unwrap_err();
    assert_eq!(error.node(), Some("check"));
}

#[test]
fn async_runner_caches_and_reports_failures_of_blocking_nodes() {
    let cache = MemoryCache::new();
    let runner = AsyncRunner::new().with_cache(&cache);
    let run = |n| futures::executor::block_on(runner.run(&Squares, SquaresInputs { n }));
    assert_eq!(run(3).unwrap().checked, 9);
    assert_eq!(run(3).unwrap().checked, 9);
    assert_eq!(hypernodes::Cache::stats(&cache).hits, 1);
    let error = run(30).unwrap_err();
    assert!(
        matches!(error, Error::Node { node: "check", .. }),
        "{error}"
    );
}

#[node(output_name = "never", blocking)]
fn explode(n: u64) -> u64 {
    panic!("blocking node exploded with {n}")
}

graph!(struct Explodes = [explode]);

#[test]
fn a_panicking_blocking_node_is_the_nodes_panic() {
    let runner = AsyncRunner::new();
    let run = runner.run(&Explodes, ExplodesInputs { n: 7 });
    let error = futures::executor::block_on(run).unwrap_err();
    assert!(
        matches!(&error, Error::Panic { node: "explode", message, .. } if message.contains("exploded with 7")),
        "{error}"
    );
}
