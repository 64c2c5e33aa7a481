//! `async fn` nodes under the synchronous `Runner`.

use hypernodes::{graph, node, Runner};
use std::time::Duration;

#[node(output_name = "fetched")]
async fn fetch(url: String) -> String {
    // No runtime needed: a future that is ready after yielding once.
    std::future::ready(()).await;
    format!("contents of {url}")
}

#[node(output_name = "size")]
fn size(fetched: &str) -> usize {
    fetched.len()
}

#[node(output_name = "checked")]
async fn check(size: usize) -> Result<usize, std::io::Error> {
    if size == 0 {
        return Err(std::io::Error::other("empty"));
    }
    Ok(size)
}

graph!(struct Fetching = [fetch, size, check]);

#[test]
fn async_nodes_run_without_a_runtime() {
    let out = Runner::new()
        .run(&Fetching, FetchingInputs { url: "a".into() })
        .unwrap();
    assert_eq!(out.fetched, "contents of a");
    assert_eq!(out.checked, out.size);
}

#[node(output_name = "slept")]
async fn sleep_then(millis: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    millis
}

graph!(struct Sleeping = [sleep_then]);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_works_on_a_multi_threaded_tokio_worker() {
    // The node needs tokio's timer; another worker drives it while this one blocks.
    let out = Runner::new()
        .run(&Sleeping, SleepingInputs { millis: 5 })
        .unwrap();
    assert_eq!(out.slept, 5);
}

#[tokio::test(flavor = "current_thread")]
async fn on_a_current_thread_runtime_use_spawn_blocking() {
    let out = tokio::task::spawn_blocking(|| {
        let handle = tokio::runtime::Handle::current();
        let _entered = handle.enter();
        // The blocking thread is not the runtime's driver, so the timer can fire.
        Runner::new().run(&Sleeping, SleepingInputs { millis: 5 })
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(out.slept, 5);
}
