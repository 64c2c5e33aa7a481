//! `map_iter` on both runners: results in the order items finish, each index once, the
//! map's hooks, and what dropping the iterator or stream early does.
//!
//! Order is made certain with gates rather than sleeps: a gated item cannot finish before
//! the test opens its gate, which it does only after seeing another item's result.

use futures::StreamExt;
use hypernodes::callbacks::{Callback, MapContext};
use hypernodes::{each, graph, node, AsyncRunner, Error, MapMode, Runner};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Poll, Waker};
use std::time::Duration;

/// Keys at or above this wait for their gate; others pass at once.
const GATED: u32 = 1000;

static OPEN: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static OPENED: Condvar = Condvar::new();
static WAKERS: Mutex<Vec<Waker>> = Mutex::new(Vec::new());
/// Async items dropped before they finished.
static CANCELLED: AtomicUsize = AtomicUsize::new(0);

fn open(key: u32) {
    OPEN.lock().unwrap().push(key);
    OPENED.notify_all();
    for waker in WAKERS.lock().unwrap().drain(..) {
        waker.wake();
    }
}

fn is_open(key: u32) -> bool {
    key < GATED || OPEN.lock().unwrap().contains(&key)
}

#[node(output_name = "out")]
fn gated(key: u32) -> u32 {
    let mut open = OPEN.lock().unwrap();
    while key >= GATED && !open.contains(&key) {
        open = OPENED.wait(open).unwrap();
    }
    key
}

graph!(pub struct Gated = [gated]);

/// Counts `Cancelled` if dropped before `finish`.
struct Unfinished(bool);

impl Drop for Unfinished {
    fn drop(&mut self) {
        if !self.0 {
            CANCELLED.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[node(output_name = "out")]
async fn gated_async(key: u32) -> u32 {
    let mut guard = Unfinished(false);
    std::future::poll_fn(|cx| {
        if is_open(key) {
            return Poll::Ready(());
        }
        WAKERS.lock().unwrap().push(cx.waker().clone());
        // Opened between the check and the registration: look again.
        if is_open(key) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    guard.0 = true;
    key
}

graph!(pub struct GatedAsync = [gated_async]);

/// What the map hooks saw.
#[derive(Default)]
struct Hooks {
    starts: AtomicUsize,
    item_starts: AtomicUsize,
    items: Mutex<Vec<usize>>,
    ends: Mutex<usize>,
    ended: Condvar,
}

impl Callback for Hooks {
    fn on_map_start(&self, _: &MapContext) {
        self.starts.fetch_add(1, Ordering::SeqCst);
    }
    fn on_map_item_start(&self, _: &MapContext, _: usize) {
        self.item_starts.fetch_add(1, Ordering::SeqCst);
    }
    fn on_map_item(&self, _: &MapContext, index: usize, _: Duration, _: Result<(), &Error>) {
        self.items.lock().unwrap().push(index);
    }
    fn on_map_end(&self, _: &MapContext, _: Duration) {
        *self.ends.lock().unwrap() += 1;
        self.ended.notify_all();
    }
}

impl Hooks {
    /// Waits until `on_map_end` has fired (items left running end on their own threads).
    fn wait_for_end(&self) -> usize {
        let ends = self.ends.lock().unwrap();
        let (ends, timeout) = self
            .ended
            .wait_timeout_while(ends, Duration::from_secs(30), |ends| *ends == 0)
            .unwrap();
        assert!(!timeout.timed_out(), "on_map_end never fired");
        *ends
    }
}

#[test]
fn runner_yields_in_completion_order_with_every_hook() {
    let hooks = Arc::new(Hooks::default());
    let runner = Runner::new()
        .with_parallelism(2)
        .with_callback(Arc::clone(&hooks));
    let inputs = GatedMapInputs {
        key: each([GATED + 1, 7]),
    };
    let mut results = runner.map_iter(&Gated, inputs, MapMode::Zip).unwrap();
    assert_eq!(hooks.starts.load(Ordering::SeqCst), 1);
    // Item 0 cannot finish before its gate opens: item 1 comes first.
    let (index, result) = results.next().unwrap();
    assert_eq!((index, result.unwrap().out), (1, 7));
    open(GATED + 1);
    let (index, result) = results.next().unwrap();
    assert_eq!((index, result.unwrap().out), (0, GATED + 1));
    assert!(results.next().is_none());
    assert_eq!(hooks.item_starts.load(Ordering::SeqCst), 2);
    assert_eq!(*hooks.items.lock().unwrap(), [1, 0]);
    assert_eq!(*hooks.ends.lock().unwrap(), 1);
}

#[test]
fn runner_yields_every_index_once() {
    let hooks = Arc::new(Hooks::default());
    let runner = Runner::new()
        .with_parallelism(4)
        .with_callback(Arc::clone(&hooks));
    let results = runner
        .map_iter(&Gated, GatedMapInputs { key: each(0..50) }, MapMode::Zip)
        .unwrap();
    let mut seen: Vec<(usize, u32)> = results.map(|(i, r)| (i, r.unwrap().out)).collect();
    seen.sort();
    assert_eq!(seen, (0..50).map(|i| (i as usize, i)).collect::<Vec<_>>());
    assert_eq!(hooks.items.lock().unwrap().len(), 50);
    assert_eq!(*hooks.ends.lock().unwrap(), 1);
}

#[test]
fn runner_on_the_calling_thread_runs_items_inside_next() {
    let hooks = Arc::new(Hooks::default());
    let runner = Runner::new()
        .with_parallelism(1)
        .with_callback(Arc::clone(&hooks));
    let mut results = runner
        .map_iter(&Gated, GatedMapInputs { key: each(0..4) }, MapMode::Zip)
        .unwrap();
    assert_eq!(hooks.item_starts.load(Ordering::SeqCst), 0);
    assert_eq!(results.next().unwrap().0, 0);
    assert_eq!(hooks.item_starts.load(Ordering::SeqCst), 1);
    // Dropped after one item: the others never run, and the map still ends.
    drop(results);
    assert_eq!(hooks.item_starts.load(Ordering::SeqCst), 1);
    assert_eq!(*hooks.ends.lock().unwrap(), 1);
}

#[test]
fn dropping_the_iterator_starts_no_more_items_and_the_map_still_ends() {
    let hooks = Arc::new(Hooks::default());
    let runner = Runner::new()
        .with_parallelism(2)
        .with_callback(Arc::clone(&hooks));
    // Every item but item 1 waits for its gate.
    let keys: Vec<u32> = (0..10)
        .map(|i| if i == 1 { 1 } else { GATED + 100 + i })
        .collect();
    let mut results = runner
        .map_iter(&Gated, GatedMapInputs { key: each(keys) }, MapMode::Zip)
        .unwrap();
    assert_eq!(results.next().unwrap().0, 1);
    drop(results);
    for i in 0..10 {
        open(GATED + 100 + i);
    }
    assert_eq!(hooks.wait_for_end(), 1);
    // Two threads: item 0, item 1, and at most the item after it had started.
    let started = hooks.item_starts.load(Ordering::SeqCst);
    assert!((2..=3).contains(&started), "{started} items started");
}

#[test]
fn async_runner_streams_in_completion_order_with_every_hook() {
    let hooks = Hooks::default();
    let runner = AsyncRunner::new().with_callback(&hooks);
    let inputs = GatedAsyncMapInputs {
        key: each([GATED + 2, 9]),
    };
    let mut results = runner.map_iter(&GatedAsync, inputs, MapMode::Zip).unwrap();
    futures::executor::block_on(async {
        let (index, result) = results.next().await.unwrap();
        assert_eq!((index, result.unwrap().out), (1, 9));
        open(GATED + 2);
        let (index, result) = results.next().await.unwrap();
        assert_eq!((index, result.unwrap().out), (0, GATED + 2));
        assert!(results.next().await.is_none());
    });
    assert_eq!(hooks.starts.load(Ordering::SeqCst), 1);
    assert_eq!(hooks.item_starts.load(Ordering::SeqCst), 2);
    assert_eq!(*hooks.items.lock().unwrap(), [1, 0]);
    assert_eq!(*hooks.ends.lock().unwrap(), 1);
}

#[test]
fn async_runner_yields_every_index_once() {
    let runner = AsyncRunner::new().with_concurrency(3);
    let results = runner
        .map_iter(
            &GatedAsync,
            GatedAsyncMapInputs { key: each(0..40) },
            MapMode::Zip,
        )
        .unwrap();
    let mut seen: Vec<usize> =
        futures::executor::block_on(results.map(|(index, _)| index).collect());
    seen.sort();
    assert_eq!(seen, (0..40).collect::<Vec<_>>());
}

#[test]
fn dropping_the_stream_cancels_running_items_and_ends_the_map() {
    let hooks = Hooks::default();
    let runner = AsyncRunner::new().with_callback(&hooks);
    let inputs = GatedAsyncMapInputs {
        key: each([GATED + 3, 5, GATED + 4]),
    };
    let before = CANCELLED.load(Ordering::SeqCst);
    let mut results = runner.map_iter(&GatedAsync, inputs, MapMode::Zip).unwrap();
    let (index, _) = futures::executor::block_on(results.next()).unwrap();
    assert_eq!(index, 1);
    drop(results);
    // Every gated item that had started is dropped, not left waiting: item 0 surely
    // (polled before item 1), item 2 if it was polled before item 1 finished.
    let started = hooks.item_starts.load(Ordering::SeqCst);
    assert!(started >= 2, "{started}");
    assert_eq!(CANCELLED.load(Ordering::SeqCst) - before, started - 1);
    assert_eq!(*hooks.ends.lock().unwrap(), 1);
    assert_eq!(*hooks.items.lock().unwrap(), [1]);
}
