//! Callback hooks: order, timing, errors, composition, nesting.

use hypernodes::callbacks::{Callback, GraphContext, NodeContext};
use hypernodes::{graph, node, Error, Runner};
use std::sync::Mutex;
use std::time::Duration;

#[node(output_name = "a")]
fn source(x: i32) -> i32 {
    x + 1
}
#[node(output_name = "b")]
fn left(a: i32) -> i32 {
    a * 2
}
#[node(output_name = "c")]
fn right(a: i32) -> i32 {
    a * 3
}
#[node(output_name = "d")]
fn join(b: i32, c: i32) -> Result<i32, std::num::TryFromIntError> {
    u8::try_from(b + c).map(i32::from)
}

graph!(struct Diamond = [join, right, left, source]);

/// Records every hook as a line.
#[derive(Default)]
struct Recorder {
    tag: &'static str,
    lines: Mutex<Vec<String>>,
}

impl Recorder {
    fn tagged(tag: &'static str) -> Self {
        Recorder {
            tag,
            lines: Mutex::default(),
        }
    }
    fn push(&self, line: String) {
        let line = if self.tag.is_empty() {
            line
        } else {
            format!("{}:{line}", self.tag)
        };
        self.lines.lock().unwrap().push(line);
    }
    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }
}

impl Callback for Recorder {
    fn on_graph_start(&self, graph: &GraphContext) {
        self.push(format!("graph start {} @{}", graph.graph.name, graph.depth));
    }
    fn on_graph_end(&self, graph: &GraphContext, _: Duration, result: Result<(), &Error>) {
        let outcome = if result.is_ok() { "ok" } else { "err" };
        self.push(format!("graph end {} {outcome}", graph.graph.name));
    }
    fn on_node_start(&self, node: &NodeContext) {
        self.push(format!("start {}", node.node.name));
    }
    fn on_node_end(&self, node: &NodeContext, _elapsed: Duration) {
        self.push(format!("end {}", node.node.name));
    }
    fn on_node_error(&self, node: &NodeContext, error: &Error) {
        self.push(format!(
            "error {}: {}",
            node.node.name,
            error.node().unwrap()
        ));
    }
}

#[test]
fn hooks_fire_in_schedule_order_on_a_diamond() {
    let runner = Runner::new().with_callback(Recorder::default());
    let out = runner.run(&Diamond, DiamondInputs { x: 1 }).unwrap();
    assert_eq!(out.d, 10);
    let lines = runner.callbacks().1.lines();
    assert_eq!(
        lines,
        [
            "graph start Diamond @0",
            "start source",
            "end source",
            "start right",
            "end right",
            "start left",
            "end left",
            "start join",
            "end join",
            "graph end Diamond ok",
        ]
    );
}

#[test]
fn composed_callbacks_run_in_the_order_added() {
    let first = Recorder::tagged("1");
    let second = Recorder::tagged("2");
    let runner = Runner::new().with_callback(&first).with_callback(&second);
    runner.run(&Diamond, DiamondInputs { x: 1 }).unwrap();
    let mut merged = Vec::new();
    let (a, b) = (first.lines(), second.lines());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        merged.push(x.clone());
        merged.push(y.clone());
    }
    assert_eq!(
        merged[..4],
        [
            "1:graph start Diamond @0",
            "2:graph start Diamond @0",
            "1:start source",
            "2:start source"
        ]
    );
}

#[test]
fn errors_reach_the_error_hook_and_end_the_graph() {
    let runner = Runner::new().with_callback(Recorder::default());
    let error = runner.run(&Diamond, DiamondInputs { x: 100 }).unwrap_err();
    assert_eq!(error.node(), Some("join"));
    let lines = runner.callbacks().1.lines();
    assert_eq!(
        lines[lines.len() - 3..],
        ["start join", "error join: join", "graph end Diamond err"]
    );
}

#[derive(Default)]
struct Timings(Mutex<Vec<(String, Duration)>>);
impl Callback for Timings {
    fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
        self.0
            .lock()
            .unwrap()
            .push((node.node.name.to_owned(), elapsed));
    }
}

#[node(output_name = "waited")]
fn wait(millis: u64) -> u64 {
    std::thread::sleep(Duration::from_millis(millis));
    millis
}

#[test]
fn node_end_reports_elapsed_time() {
    graph!(struct Waiting = [wait]);
    let runner = Runner::new().with_callback(Timings::default());
    runner.run(&Waiting, WaitingInputs { millis: 20 }).unwrap();
    let timings = runner.callbacks().1 .0.lock().unwrap().clone();
    assert_eq!(timings.len(), 1);
    assert_eq!(timings[0].0, "wait");
    assert!(
        timings[0].1 >= Duration::from_millis(20),
        "{:?}",
        timings[0].1
    );
}

#[node(output_name = "e")]
fn after(d: i32) -> i32 {
    d - 1
}

#[test]
fn nested_graphs_report_their_depth() {
    graph!(struct Wrapped = [Diamond, after]);
    let runner = Runner::new().with_callback(Recorder::default());
    let out = runner.run(&Wrapped, WrappedInputs { x: 1 }).unwrap();
    assert_eq!(out.e, 9);
    let lines = runner.callbacks().1.lines();
    assert_eq!(lines[0], "graph start Wrapped @0");
    assert_eq!(lines[1], "graph start Diamond @1");
    assert!(lines.contains(&"graph end Diamond ok".to_owned()));
    assert_eq!(
        lines[lines.len() - 3..],
        ["start after", "end after", "graph end Wrapped ok"]
    );
}

#[test]
fn an_optional_callback_runs_only_when_present() {
    let absent = Runner::new().with_callback(None::<Recorder>);
    absent.run(&Diamond, DiamondInputs { x: 1 }).unwrap();
    let present = Runner::new().with_callback(Some(Recorder::default()));
    present.run(&Diamond, DiamondInputs { x: 1 }).unwrap();
    let lines = present.callbacks().1.as_ref().unwrap().lines();
    assert_eq!(lines.len(), 10);
}
