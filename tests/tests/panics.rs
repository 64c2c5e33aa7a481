//! Panics outside a node's own code still end the run with an error naming the node,
//! under every runner: an output whose `Drop` panics. An `Err` whose `Display` panics
//! when a callback or `iter`'s events format it does not unwind either: the run ends with
//! the node's own error, as it would without the callback.

use futures::StreamExt;
use hypernodes::callbacks::{Callback, NodeContext};
use hypernodes::{each, graph, node, AsyncRunner, Error, Event, MapMode, Runner};
use std::fmt;

/// An error whose `Display` panics.
#[derive(Debug)]
struct Rude;

impl fmt::Display for Rude {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        panic!("display exploded")
    }
}

impl std::error::Error for Rude {}

#[node(output_name = "out")]
fn fails(x: u32) -> Result<u32, Rude> {
    let _ = x;
    Err(Rude)
}

graph!(struct Fails = [fails]);

/// Formats every node error, as a logging callback would.
struct FormatsErrors;

impl Callback for FormatsErrors {
    fn on_node_error(&self, _: &NodeContext, error: &Error) {
        let _ = error.to_string();
    }
}

/// A value whose `Drop` panics.
struct Grenade;

impl Drop for Grenade {
    fn drop(&mut self) {
        panic!("drop exploded")
    }
}

#[node(output_name = ("kept", "unused"))]
fn split(x: u32) -> (u32, Grenade) {
    (x, Grenade)
}

graph!(struct Drops = [split] -> [kept]);

#[node(output_name = "bomb")]
fn arm(x: u32) -> Grenade {
    let _ = x;
    Grenade
}

#[node(output_name = "seen")]
fn look(bomb: &Grenade) -> u32 {
    let _ = bomb;
    1
}

graph!(struct Later = [arm, look] -> [seen]);

/// The error is `node`'s own `Rude`.
fn assert_rude_of(error: &Error, node: &str) {
    let error = match error {
        Error::MapItem { source, .. } => source,
        other => other,
    };
    assert!(
        matches!(error, Error::Node { node: n, .. } if *n == node),
        "expected the error of `{node}`"
    );
    assert!(error.node_error::<Rude>().is_some());
}

/// The error is a panic caught in `node`.
fn assert_panic_of(error: &Error, node: &str) {
    let error = match error {
        Error::MapItem { source, .. } => source,
        other => other,
    };
    assert!(
        matches!(error, Error::Panic { node: n, .. } if *n == node),
        "expected a panic of `{node}`, got {error:?}"
    );
}

#[test]
fn an_error_whose_display_panics_names_its_node_under_runner() {
    let runner = Runner::new().with_callback(FormatsErrors);
    let error = runner.run(&Fails, FailsInputs { x: 1 }).unwrap_err();
    assert_rude_of(&error, "fails");
    let error = runner
        .map(&Fails, FailsMapInputs { x: each([1, 2]) }, MapMode::Zip)
        .unwrap_err();
    assert_rude_of(&error, "fails");
}

#[test]
fn an_error_whose_display_panics_names_its_node_under_async_runner() {
    let runner = AsyncRunner::new().with_callback(FormatsErrors);
    let error = futures::executor::block_on(runner.run(&Fails, FailsInputs { x: 1 })).unwrap_err();
    assert_rude_of(&error, "fails");
    let map = runner.map(&Fails, FailsMapInputs { x: each([1, 2]) }, MapMode::Zip);
    assert_rude_of(&futures::executor::block_on(map).unwrap_err(), "fails");
}

#[test]
fn iter_formats_an_error_whose_display_panics_without_unwinding() {
    let runner = AsyncRunner::new();
    let events: Vec<_> =
        futures::executor::block_on(runner.iter(&Fails, FailsInputs { x: 1 }).collect());
    let failed = events.iter().any(|event| {
        matches!(event, Event::NodeFailed { message, .. }
            if message.contains("`fails`") && message.contains("display exploded"))
    });
    assert!(
        failed,
        "the node's failure is an event, with a note on its Display"
    );
    match events.last() {
        Some(Event::Finished(Err(error))) => assert_rude_of(error, "fails"),
        other => panic!("expected the run's error last, got {}", other.is_some()),
    }
}

#[test]
fn an_unused_output_whose_drop_panics_names_its_node_under_runner() {
    let runner = Runner::new();
    assert_panic_of(
        &runner.run(&Drops, DropsInputs { x: 1 }).unwrap_err(),
        "split",
    );
    let map = runner.map(&Drops, DropsMapInputs { x: each([1, 2]) }, MapMode::Zip);
    assert_panic_of(&map.unwrap_err(), "split");
}

#[test]
fn an_unused_output_whose_drop_panics_names_its_node_under_async_runner() {
    let runner = AsyncRunner::new();
    let run = runner.run(&Drops, DropsInputs { x: 1 });
    assert_panic_of(&futures::executor::block_on(run).unwrap_err(), "split");
    let map = runner.map(&Drops, DropsMapInputs { x: each([1, 2]) }, MapMode::Zip);
    assert_panic_of(&futures::executor::block_on(map).unwrap_err(), "split");
    let events: Vec<_> =
        futures::executor::block_on(runner.iter(&Drops, DropsInputs { x: 1 }).collect());
    match events.last() {
        Some(Event::Finished(Err(error))) => assert_panic_of(error, "split"),
        other => panic!("expected the run's error last, got {other:?}"),
    }
}

#[test]
fn a_value_whose_drop_panics_after_its_last_use_names_its_node() {
    let runner = Runner::new();
    assert_panic_of(
        &runner.run(&Later, LaterInputs { x: 1 }).unwrap_err(),
        "arm",
    );
    let map = runner.map(&Later, LaterMapInputs { x: each([1, 2]) }, MapMode::Zip);
    assert_panic_of(&map.unwrap_err(), "arm");
    let runner = AsyncRunner::new();
    let run = runner.run(&Later, LaterInputs { x: 1 });
    assert_panic_of(&futures::executor::block_on(run).unwrap_err(), "arm");
    let events: Vec<_> =
        futures::executor::block_on(runner.iter(&Later, LaterInputs { x: 1 }).collect());
    match events.last() {
        Some(Event::Finished(Err(error))) => assert_panic_of(error, "arm"),
        other => panic!("expected the run's error last, got {other:?}"),
    }
}
