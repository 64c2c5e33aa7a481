//! `Runner::map`: zip and product, order, errors per item, parallelism, caching per item.

use hypernodes::callbacks::{Callback, MapContext, NodeContext};
use hypernodes::{each, fixed, graph, node, Error, MapMode, MemoryCache, Runner};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

#[node(output_name = "product")]
fn multiply(x: i64, factor: i64) -> i64 {
    x * factor
}

#[node(output_name = "label")]
fn describe(product: i64, unit: &str) -> String {
    format!("{product} {unit}")
}

graph!(struct Scale = [multiply, describe]);

fn labels(outputs: &[ScaleOutputs]) -> Vec<&str> {
    outputs.iter().map(|o| o.label.as_str()).collect()
}

#[test]
fn zip_maps_in_input_order_and_broadcasts_fixed_values() {
    let inputs = ScaleMapInputs {
        x: each(1..=5),
        factor: each([10, 20, 30, 40, 50]),
        unit: fixed("m".to_owned()),
    };
    let outs = Runner::new().map(&Scale, inputs, MapMode::Zip).unwrap();
    assert_eq!(labels(&outs), ["10 m", "40 m", "90 m", "160 m", "250 m"]);
}

#[test]
fn product_puts_the_first_mapped_field_outermost() {
    let inputs = ScaleMapInputs {
        x: each([1, 2]),
        factor: each([1, 10, 100]),
        unit: fixed("g".to_owned()),
    };
    let outs = Runner::new().map(&Scale, inputs, MapMode::Product).unwrap();
    assert_eq!(
        labels(&outs),
        ["1 g", "10 g", "100 g", "2 g", "20 g", "200 g"]
    );
}

#[test]
fn zip_with_unequal_lengths_is_an_error_naming_fields_and_lengths() {
    let inputs = ScaleMapInputs {
        x: each([1, 2, 3]),
        factor: each([1, 2]),
        unit: fixed("s".to_owned()),
    };
    let error = Runner::new().map(&Scale, inputs, MapMode::Zip).unwrap_err();
    assert!(matches!(&error, Error::MapLengths { fields } if fields == &[("x", 3), ("factor", 2)]));
    assert!(
        error
            .to_string()
            .contains("`x` has 3 items and `factor` has 2 items"),
        "{error}"
    );
}

#[test]
fn empty_input_gives_no_item_and_all_fixed_gives_one() {
    let runner = Runner::new();
    let empty = ScaleMapInputs {
        x: each([]),
        factor: fixed(2),
        unit: fixed("m".into()),
    };
    assert!(runner.map(&Scale, empty, MapMode::Zip).unwrap().is_empty());
    let single = ScaleMapInputs {
        x: fixed(4),
        factor: fixed(2),
        unit: fixed("m".into()),
    };
    assert_eq!(
        labels(&runner.map(&Scale, single, MapMode::Product).unwrap()),
        ["8 m"]
    );
}

#[node(output_name = "checked")]
fn check(value: i64) -> Result<i64, std::num::TryFromIntError> {
    if value == 13 {
        panic!("unlucky number");
    }
    u8::try_from(value).map(i64::from)
}

graph!(struct Checks = [check]);

#[test]
fn map_results_keeps_every_item_and_reports_each_failure() {
    let inputs = ChecksMapInputs {
        value: each([1, 300, 13, 4]),
    };
    let results = Runner::new()
        .map_results(&Checks, inputs, MapMode::Zip)
        .unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(results[0].as_ref().unwrap().checked, 1);
    assert!(matches!(results[1], Err(Error::Node { node: "check", .. })));
    assert!(
        matches!(&results[2], Err(Error::Panic { message, .. }) if message == "unlucky number")
    );
    assert_eq!(results[3].as_ref().unwrap().checked, 4);
}

#[test]
fn fail_fast_map_says_which_item_failed() {
    let inputs = ChecksMapInputs {
        value: each([1, 2, 300, 4, 500]),
    };
    let error = Runner::new()
        .map(&Checks, inputs, MapMode::Zip)
        .unwrap_err();
    match &error {
        Error::MapItem { index, source } => {
            assert_eq!(*index, 2, "the first failure in input order");
            assert_eq!(source.node(), Some("check"));
        }
        other => panic!("expected MapItem, got {other:?}"),
    }
    assert!(
        error.to_string().starts_with("item 2 of the map failed"),
        "{error}"
    );
    assert_eq!(error.node(), Some("check"));
}

/// Two items meet here: each waits (up to a deadline) until both have arrived.
static ARRIVED: Mutex<usize> = Mutex::new(0);
static BOTH: Condvar = Condvar::new();

#[node(output_name = "met")]
fn meet(slot: usize) -> bool {
    let mut arrived = ARRIVED.lock().unwrap();
    *arrived += 1;
    BOTH.notify_all();
    let (arrived, _) = BOTH
        .wait_timeout_while(arrived, Duration::from_secs(10), |n| *n < 2)
        .unwrap();
    let _ = slot;
    *arrived >= 2
}

graph!(struct Meeting = [meet]);

#[test]
fn items_run_in_parallel() {
    let runner = Runner::new().with_parallelism(2);
    let outs = runner
        .map(
            &Meeting,
            MeetingMapInputs { slot: each([0, 1]) },
            MapMode::Zip,
        )
        .unwrap();
    assert!(
        outs.iter().all(|o| o.met),
        "both items must have been running at the same time"
    );
}

#[node(output_name = "thread")]
fn which_thread(slot: usize) -> std::thread::ThreadId {
    let _ = slot;
    std::thread::current().id()
}

#[test]
fn parallelism_one_runs_items_on_the_calling_thread() {
    graph!(struct Threads = [which_thread]);
    let runner = Runner::new().with_parallelism(1);
    let outs = runner
        .map(
            &Threads,
            ThreadsMapInputs { slot: each(0..8) },
            MapMode::Zip,
        )
        .unwrap();
    assert!(outs.iter().all(|o| o.thread == std::thread::current().id()));
}

static SQUARE_CALLS: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "squared", cache)]
fn square(n: u64) -> u64 {
    SQUARE_CALLS.fetch_add(1, Ordering::SeqCst);
    n * n
}

#[test]
fn cached_nodes_cache_per_item() {
    graph!(struct Squares = [square]);
    let runner = Runner::new().with_cache(MemoryCache::new());
    let before = SQUARE_CALLS.load(Ordering::SeqCst);
    runner
        .map(&Squares, SquaresMapInputs { n: each(0..10) }, MapMode::Zip)
        .unwrap();
    assert_eq!(SQUARE_CALLS.load(Ordering::SeqCst) - before, 10);
    let outs = runner
        .map(&Squares, SquaresMapInputs { n: each(0..10) }, MapMode::Zip)
        .unwrap();
    assert_eq!(
        SQUARE_CALLS.load(Ordering::SeqCst) - before,
        10,
        "mapping again computes nothing"
    );
    assert_eq!(outs[9].squared, 81);
    runner
        .map(&Squares, SquaresMapInputs { n: each(0..11) }, MapMode::Zip)
        .unwrap();
    assert_eq!(
        SQUARE_CALLS.load(Ordering::SeqCst) - before,
        11,
        "one new item computes one"
    );
}

#[derive(Default)]
struct MapEvents {
    lines: Mutex<Vec<String>>,
    node_items: Mutex<Vec<Option<usize>>>,
}

impl Callback for MapEvents {
    fn on_map_start(&self, map: &MapContext) {
        self.lines
            .lock()
            .unwrap()
            .push(format!("start {} x{}", map.graph.name, map.items));
    }
    fn on_map_item(&self, _: &MapContext, index: usize, _: Duration, result: Result<(), &Error>) {
        self.lines.lock().unwrap().push(format!(
            "item {index} {}",
            if result.is_ok() { "ok" } else { "err" }
        ));
    }
    fn on_map_end(&self, map: &MapContext, _: Duration) {
        self.lines
            .lock()
            .unwrap()
            .push(format!("end {}", map.graph.name));
    }
    fn on_node_end(&self, node: &NodeContext, _: Duration) {
        self.node_items.lock().unwrap().push(node.item);
    }
}

#[test]
fn map_hooks_report_start_each_item_and_end() {
    let runner = Runner::new()
        .with_callback(MapEvents::default())
        .with_parallelism(1);
    let inputs = ChecksMapInputs {
        value: each([1, 999, 3]),
    };
    let results = runner.map_results(&Checks, inputs, MapMode::Zip).unwrap();
    assert_eq!(results.len(), 3);
    let events = &runner.callbacks().1;
    assert_eq!(
        *events.lines.lock().unwrap(),
        [
            "start Checks x3",
            "item 0 ok",
            "item 1 err",
            "item 2 ok",
            "end Checks"
        ]
    );
    assert_eq!(*events.node_items.lock().unwrap(), [Some(0), Some(2)]);
}

/// Not `Clone`: a graph taking it must still compile, run, and map in zip mode.
#[derive(Debug, PartialEq)]
struct Ticket(u32);

#[node(output_name = "number")]
fn redeem(ticket: Ticket, bonus: u32) -> u32 {
    ticket.0 + bonus
}

graph!(struct Redeem = [redeem]);

#[test]
fn inputs_that_are_not_clone_run_and_zip_by_moving() {
    let out = Runner::new()
        .run(
            &Redeem,
            RedeemInputs {
                ticket: Ticket(1),
                bonus: 1,
            },
        )
        .unwrap();
    assert_eq!(out.number, 2);
    let zipped = RedeemMapInputs {
        ticket: each([Ticket(1), Ticket(2)]),
        bonus: fixed(10),
    };
    let outs = Runner::new().map(&Redeem, zipped, MapMode::Zip).unwrap();
    assert_eq!(outs.iter().map(|o| o.number).collect::<Vec<_>>(), [11, 12]);
    // A product over one mapped field uses each value once, so it moves too.
    let single = RedeemMapInputs {
        ticket: each([Ticket(5)]),
        bonus: fixed(1),
    };
    assert_eq!(
        Runner::new()
            .map(&Redeem, single, MapMode::Product)
            .unwrap()[0]
            .number,
        6
    );
}

#[test]
fn a_product_that_must_repeat_values_that_are_not_clone_is_an_error() {
    let inputs = RedeemMapInputs {
        ticket: each([Ticket(1), Ticket(2)]),
        bonus: each([1, 2]),
    };
    let error = Runner::new()
        .map(&Redeem, inputs, MapMode::Product)
        .unwrap_err();
    assert!(
        matches!(error, Error::MapNotClone { field: "ticket" }),
        "{error:?}"
    );
}

/// Records the id of every map it sees.
#[derive(Default)]
struct MapIds(std::sync::Mutex<Vec<u64>>);

impl Callback for MapIds {
    fn on_map_start(&self, map: &MapContext) {
        self.0.lock().unwrap().push(map.id);
    }
}

#[test]
fn both_runners_take_map_ids_from_one_counter() {
    let sync = Runner::new().with_callback(MapIds::default());
    let asynchronous = hypernodes::AsyncRunner::new().with_callback(MapIds::default());
    let inputs = || ScaleMapInputs {
        x: each([1, 2]),
        factor: fixed(3),
        unit: fixed("m".to_owned()),
    };
    sync.map(&Scale, inputs(), MapMode::Zip).unwrap();
    futures::executor::block_on(asynchronous.map(&Scale, inputs(), MapMode::Zip)).unwrap();
    sync.map(&Scale, inputs(), MapMode::Zip).unwrap();
    let sync_ids = sync.callbacks().1 .0.lock().unwrap().clone();
    let async_id = asynchronous.callbacks().1 .0.lock().unwrap()[0];
    // One counter: the async map's id falls between the two sync maps' ids (other tests
    // may take ids in between, but never from a separate range).
    assert!(
        sync_ids[0] < async_id && async_id < sync_ids[1],
        "{sync_ids:?} {async_id}"
    );
}
