//! A panicking callback cannot change a run: under every runner and for every hook, the
//! run's result is what it would have been without that callback, nothing unwinds into
//! the caller or is blamed on a node, the other callbacks still get every call, and the
//! panic is reported as a `tracing` WARN naming the hook.

use futures::StreamExt;
use hypernodes::callbacks::{Callback, GraphContext, MapContext, NodeContext};
use hypernodes::{
    each, graph, node, AnyValue, AsyncRunner, Cache, CacheError, CacheKey, CacheStats, Chunks,
    Error, Event, MapMode, MemoryCache, Runner,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

#[derive(Debug, thiserror::Error)]
#[error("negative: {0}")]
struct Negative(i32);

#[node(output_name = "doubled", cache)]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "checked")]
fn check(doubled: i32, progress: Chunks<'_, i32>) -> Result<i32, Negative> {
    progress.send(doubled);
    if doubled < 0 {
        Err(Negative(doubled))
    } else {
        Ok(doubled)
    }
}

graph!(struct Checked = [double, check]);

/// Stores every entry, yet reports each store as failed: the first run of an input hits
/// `on_cache_error`, the second `on_node_cached`.
#[derive(Default)]
struct FlakyCache(MemoryCache);

impl Cache for FlakyCache {
    fn get(&self, key: &CacheKey) -> Result<Option<Vec<u8>>, CacheError> {
        self.0.get(key)
    }
    fn put(&self, key: &CacheKey, value: &[u8]) -> Result<(), CacheError> {
        self.0.put(key, value)?;
        Err(CacheError::Codec("flaky store".into()))
    }
    fn stats(&self) -> CacheStats {
        self.0.stats()
    }
    fn clear(&self) -> Result<(), CacheError> {
        self.0.clear()
    }
}

/// Records every hook, without timings or map ids, so that two runs compare equal.
#[derive(Default)]
struct Recorder(Mutex<Vec<String>>);

impl Recorder {
    fn push(&self, line: String) {
        self.0.lock().unwrap().push(line);
    }
    fn sorted(&self) -> Vec<String> {
        let mut lines = self.0.lock().unwrap().clone();
        lines.sort();
        lines
    }
}

impl Callback for Recorder {
    fn on_graph_start(&self, g: &GraphContext) {
        self.push(format!("graph start {} {:?}", g.graph.name, g.item));
    }
    fn on_graph_end(&self, g: &GraphContext, _: Duration, result: Result<(), &Error>) {
        self.push(format!(
            "graph end {} {:?} {}",
            g.graph.name,
            g.item,
            result.is_ok()
        ));
    }
    fn on_node_start(&self, n: &NodeContext) {
        self.push(format!("node start {} {:?}", n.node.name, n.item));
    }
    fn on_node_end(&self, n: &NodeContext, _: Duration) {
        self.push(format!("node end {} {:?}", n.node.name, n.item));
    }
    fn on_node_error(&self, n: &NodeContext, error: &Error) {
        self.push(format!("node error {} {:?} {error}", n.node.name, n.item));
    }
    fn on_node_cached(&self, n: &NodeContext) {
        self.push(format!("node cached {} {:?}", n.node.name, n.item));
    }
    fn on_chunk(&self, n: &NodeContext, chunk: &dyn AnyValue) {
        self.push(format!("chunk {} {:?} {chunk:?}", n.node.name, n.item));
    }
    fn on_cache_error(&self, n: &NodeContext, error: &CacheError) {
        self.push(format!("cache error {} {:?} {error}", n.node.name, n.item));
    }
    fn on_map_start(&self, map: &MapContext) {
        self.push(format!("map start {}", map.items));
    }
    fn on_map_item_start(&self, _: &MapContext, index: usize) {
        self.push(format!("map item start {index}"));
    }
    fn on_map_item(&self, _: &MapContext, index: usize, _: Duration, r: Result<(), &Error>) {
        self.push(format!("map item {index} {}", r.is_ok()));
    }
    fn on_map_end(&self, map: &MapContext, _: Duration) {
        self.push(format!("map end {}", map.items));
    }
}

/// Panics in one hook, with a message unique to the test case.
struct Panicky {
    hook: &'static str,
    message: String,
}

impl Panicky {
    fn new(hook: &'static str) -> Self {
        static CASE: AtomicUsize = AtomicUsize::new(0);
        let case = CASE.fetch_add(1, Ordering::Relaxed);
        Panicky {
            hook,
            message: format!("boom in {hook} (case {case})"),
        }
    }
    fn fire(&self, hook: &str) {
        if hook == self.hook {
            panic!("{}", self.message);
        }
    }
}

impl Callback for Panicky {
    fn on_graph_start(&self, _: &GraphContext) {
        self.fire("on_graph_start");
    }
    fn on_graph_end(&self, _: &GraphContext, _: Duration, _: Result<(), &Error>) {
        self.fire("on_graph_end");
    }
    fn on_node_start(&self, _: &NodeContext) {
        self.fire("on_node_start");
    }
    fn on_node_end(&self, _: &NodeContext, _: Duration) {
        self.fire("on_node_end");
    }
    fn on_node_error(&self, _: &NodeContext, _: &Error) {
        self.fire("on_node_error");
    }
    fn on_node_cached(&self, _: &NodeContext) {
        self.fire("on_node_cached");
    }
    fn on_chunk(&self, _: &NodeContext, _: &dyn AnyValue) {
        self.fire("on_chunk");
    }
    fn on_cache_error(&self, _: &NodeContext, _: &CacheError) {
        self.fire("on_cache_error");
    }
    fn on_map_start(&self, _: &MapContext) {
        self.fire("on_map_start");
    }
    fn on_map_item_start(&self, _: &MapContext, _: usize) {
        self.fire("on_map_item_start");
    }
    fn on_map_item(&self, _: &MapContext, _: usize, _: Duration, _: Result<(), &Error>) {
        self.fire("on_map_item");
    }
    fn on_map_end(&self, _: &MapContext, _: Duration) {
        self.fire("on_map_end");
    }
}

const RUN_HOOKS: [&str; 8] = [
    "on_graph_start",
    "on_graph_end",
    "on_node_start",
    "on_node_end",
    "on_node_error",
    "on_node_cached",
    "on_chunk",
    "on_cache_error",
];
const MAP_HOOKS: [&str; 4] = [
    "on_map_start",
    "on_map_item_start",
    "on_map_item",
    "on_map_end",
];

// --- Capturing WARNs from every thread -------------------------------------------------

/// `(hook, panic message)` of every WARN seen, from any thread (map items run on
/// workers), so the subscriber is global; cases tell theirs apart by message.
fn warnings() -> &'static Mutex<Vec<(String, String)>> {
    static WARNINGS: OnceLock<Mutex<Vec<(String, String)>>> = OnceLock::new();
    WARNINGS.get_or_init(|| {
        let subscriber = tracing_subscriber::registry().with(Capture);
        tracing::subscriber::set_global_default(subscriber).unwrap();
        Mutex::default()
    })
}

struct Capture;

#[derive(Default)]
struct Fields {
    hook: String,
    panic: String,
}

impl tracing::field::Visit for Fields {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "hook" {
            self.hook = value.to_owned();
        }
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        match field.name() {
            "hook" => self.hook = format!("{value:?}").trim_matches('"').to_owned(),
            "panic" => self.panic = format!("{value:?}"),
            _ => {}
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if *event.metadata().level() == tracing::Level::WARN {
            let mut fields = Fields::default();
            event.record(&mut fields);
            warnings().lock().unwrap().push((fields.hook, fields.panic));
        }
    }
}

fn warned(panicky: &Panicky) -> bool {
    warnings()
        .lock()
        .unwrap()
        .iter()
        .any(|(hook, message)| hook == panicky.hook && *message == panicky.message)
}

// --- The runs compared -------------------------------------------------------------------

/// What a caller sees of each run of the scenario: a first run (cache store fails), a
/// second (cache hit), a failing one.
type Outcomes = Vec<String>;

fn outcome<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Ok(outputs) => format!("ok {outputs:?}"),
        Err(error) => format!("err {error} / node {:?}", error.node()),
    }
}

#[derive(Clone, Copy, Debug)]
enum Mode {
    Run,
    Map,
    AsyncRun,
    AsyncMap,
    AsyncIter,
}

fn scenario<C: Callback + Sync>(mode: Mode, callbacks: C) -> Outcomes {
    let inputs = [1, 1, -1];
    match mode {
        Mode::Run => {
            let runner = Runner::new()
                .with_cache(FlakyCache::default())
                .with_callback(callbacks);
            inputs
                .map(|x| outcome(runner.run(&Checked, CheckedInputs { x })))
                .into()
        }
        Mode::Map => {
            let runner = Runner::new()
                .with_cache(FlakyCache::default())
                .with_callback(callbacks);
            inputs
                .map(|x| {
                    let map = CheckedMapInputs { x: each([2, x]) };
                    outcome(runner.map(&Checked, map, MapMode::Zip))
                })
                .into()
        }
        Mode::AsyncRun | Mode::AsyncMap | Mode::AsyncIter => {
            let runner = AsyncRunner::new()
                .with_cache(FlakyCache::default())
                .with_callback(callbacks);
            futures::executor::block_on(async {
                let mut outcomes = Vec::new();
                for x in inputs {
                    outcomes.push(match mode {
                        Mode::AsyncRun => outcome(runner.run(&Checked, CheckedInputs { x }).await),
                        Mode::AsyncMap => {
                            let map = CheckedMapInputs { x: each([2, x]) };
                            outcome(runner.map(&Checked, map, MapMode::Zip).await)
                        }
                        _ => {
                            let events: Vec<_> =
                                runner.iter(&Checked, CheckedInputs { x }).collect().await;
                            let kinds: Vec<String> = events
                                .iter()
                                .map(|event| match event {
                                    Event::Finished(Ok(outputs)) => format!("ok {outputs:?}"),
                                    Event::Finished(Err(error)) => {
                                        format!("err {error} / node {:?}", error.node())
                                    }
                                    // Only the kind: events carry timings.
                                    other => format!("{other:?}")
                                        .split([' ', '(', '{'])
                                        .next()
                                        .unwrap_or_default()
                                        .to_owned(),
                                })
                                .collect();
                            kinds.join("\n")
                        }
                    });
                }
                outcomes
            })
        }
    }
}

/// Runs the scenario with only a recorder, then with a callback panicking in `hook`
/// before the recorder, and checks that nothing but the WARN differs.
fn a_panic_in_changes_nothing(mode: Mode, hook: &'static str) {
    warnings();
    let baseline = Recorder::default();
    let expected = scenario(mode, &baseline);
    let panicky = Panicky::new(hook);
    let recorder = Recorder::default();
    let seen = scenario(mode, (&panicky, &recorder));
    assert_eq!(
        seen, expected,
        "{mode:?}: a panic in {hook} changed the results"
    );
    assert_eq!(
        recorder.sorted(),
        baseline.sorted(),
        "{mode:?}: a panic in {hook} cost another callback its calls"
    );
    assert!(
        warned(&panicky),
        "{mode:?}: no WARN for the panic in {hook}"
    );
}

#[test]
fn runner_run_survives_every_panicking_hook() {
    for hook in RUN_HOOKS {
        a_panic_in_changes_nothing(Mode::Run, hook);
    }
}

#[test]
fn runner_map_survives_every_panicking_hook() {
    for hook in RUN_HOOKS.into_iter().chain(MAP_HOOKS) {
        a_panic_in_changes_nothing(Mode::Map, hook);
    }
}

#[test]
fn async_run_survives_every_panicking_hook() {
    for hook in RUN_HOOKS {
        a_panic_in_changes_nothing(Mode::AsyncRun, hook);
    }
}

#[test]
fn async_map_survives_every_panicking_hook() {
    for hook in RUN_HOOKS.into_iter().chain(MAP_HOOKS) {
        a_panic_in_changes_nothing(Mode::AsyncMap, hook);
    }
}

#[test]
fn async_iter_survives_every_panicking_hook() {
    for hook in RUN_HOOKS {
        a_panic_in_changes_nothing(Mode::AsyncIter, hook);
    }
}

#[test]
fn a_lone_panicking_callback_does_not_unwind_into_the_caller() {
    warnings();
    let panicky = Panicky::new("on_graph_start");
    let runner = Runner::new().with_callback(&panicky);
    let outputs = runner.run(&Checked, CheckedInputs { x: 2 }).unwrap();
    assert_eq!(outputs.checked, 4);
    assert!(warned(&panicky));
}

#[test]
fn map_item_start_comes_before_the_items_end() {
    let recorder = Recorder::default();
    let runner = Runner::new().with_callback(&recorder);
    let map = CheckedMapInputs { x: each([1, 2, 3]) };
    runner.map(&Checked, map, MapMode::Zip).unwrap();
    let lines = recorder.0.lock().unwrap().clone();
    for index in 0..3 {
        let start = lines
            .iter()
            .position(|l| *l == format!("map item start {index}"));
        let end = lines
            .iter()
            .position(|l| *l == format!("map item {index} true"));
        assert!(
            matches!((start, end), (Some(s), Some(e)) if s < e),
            "{lines:?}"
        );
    }
}
