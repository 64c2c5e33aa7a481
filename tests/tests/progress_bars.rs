//! What `ProgressCallback` draws, read back from an in-memory terminal: every entry's bar
//! reaches its count (listed graphs and mapped graphs included), the bars stay when the
//! map ends, and rates read like `616/s`.

use hypernodes::callbacks::ProgressCallback;
use hypernodes::{each, graph, node, AsyncRunner, MapMode, Runner};
use indicatif::{InMemoryTerm, ProgressDrawTarget};

#[node(output_name = "doubled")]
fn double(x: u32) -> u32 {
    x * 2
}

graph!(pub struct Inner = [double]);

#[node(output_name = "parts")]
fn split(x: u32) -> Vec<u32> {
    vec![x, x + 1]
}

#[node(output_name = "y")]
fn square(part: u32) -> u32 {
    part * part
}

graph!(pub struct Square = [square]);

#[node(output_name = "total")]
fn total(doubled: u32, squares: Vec<u32>) -> u32 {
    doubled + squares.iter().sum::<u32>()
}

graph!(pub struct Outer = [
    Inner,
    split,
    Square { part: each(parts) } -> { y: squares },
    total,
]);

fn inputs() -> OuterMapInputs {
    OuterMapInputs { x: each(0..6) }
}

/// The screen's lines that name `what`.
fn line<'s>(screen: &'s str, what: &str) -> &'s str {
    screen
        .lines()
        .find(|line| line.contains(what))
        .unwrap_or_else(|| panic!("no bar for {what} on the screen:\n{screen}"))
}

fn assert_final_bars(screen: &str) {
    // The inner maps' entries' bars (one set per outer item) are cleared when they end.
    assert!(!screen.contains("· square"), "{screen}");
    for entry in ["Outer", "· Inner", "· split", "· Square", "· total"] {
        assert!(
            line(screen, entry).contains("6/6"),
            "{entry} did not reach 6/6:\n{screen}"
        );
    }
    // The rate is a whole number of items per second, or a short decimal.
    let outer = line(screen, "Outer");
    let rate = outer
        .split_whitespace()
        .find(|word| word.ends_with("/s"))
        .unwrap_or_else(|| panic!("no rate: {outer}"));
    let digits = rate.trim_end_matches("/s");
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
    assert!(
        decimals <= 2 && digits.parse::<f64>().is_ok(),
        "rate {rate}:\n{screen}"
    );
}

#[test]
fn every_entry_of_a_mapped_graph_advances_and_stays_on_screen() {
    let term = InMemoryTerm::new(20, 120);
    let progress =
        ProgressCallback::with_target(ProgressDrawTarget::term_like(Box::new(term.clone())));
    let runner = Runner::new().with_parallelism(2).with_callback(&progress);
    let out = runner.map(&Outer, inputs(), MapMode::Zip).unwrap();
    assert_eq!(out[1].total, 2 + 1 + 4);
    assert_final_bars(&term.contents());
}

#[test]
fn the_async_runner_draws_the_same_bars() {
    let term = InMemoryTerm::new(20, 120);
    let progress =
        ProgressCallback::with_target(ProgressDrawTarget::term_like(Box::new(term.clone())));
    let runner = AsyncRunner::new().with_callback(&progress);
    let out = futures::executor::block_on(runner.map(&Outer, inputs(), MapMode::Zip)).unwrap();
    assert_eq!(out.len(), 6);
    assert_final_bars(&term.contents());
}
