//! Ready-made callbacks: tracing spans and progress bars.

use hypernodes::callbacks::{ProgressCallback, TracingCallback};
use hypernodes::{each, graph, node, MapMode, MemoryCache, Runner};
use indicatif::{InMemoryTerm, ProgressDrawTarget};
use std::sync::{Arc, Mutex};
use tracing::span::{Attributes, Id};
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

#[node(output_name = "doubled", cache)]
fn double(x: u32) -> u32 {
    x * 2
}

#[node(output_name = "shown")]
fn show(doubled: u32) -> String {
    doubled.to_string()
}

graph!(struct Show = [double, show]);

/// Records each span's name and fields as `name{field=value,...}`, and each event as
/// `event{...}`, in order.
#[derive(Clone, Default)]
struct Spans(Arc<Mutex<Vec<String>>>);

struct Fields(String);
impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() != "elapsed_us" {
            self.0.push_str(&format!("{}={:?},", field.name(), value));
        }
    }
}

impl<S: Subscriber> Layer<S> for Spans {
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        let mut fields = Fields(String::new());
        attrs.record(&mut fields);
        self.0
            .lock()
            .unwrap()
            .push(format!("{}{{{}}}", attrs.metadata().name(), fields.0));
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        self.0
            .lock()
            .unwrap()
            .push(format!("event{{{}}}", fields.0));
    }
}

#[node(output_name = "said")]
fn say(word: String, letters: hypernodes::Chunks<'_, char>) -> String {
    word.chars().for_each(|letter| letters.send(letter));
    word
}

graph!(struct Say = [say]);

#[test]
fn tracing_reports_chunks_inside_the_node_span() {
    let spans = Spans::default();
    let subscriber = tracing_subscriber::registry().with(spans.clone());
    tracing::subscriber::with_default(subscriber, || {
        let runner = Runner::new().with_callback(TracingCallback::new());
        runner.run(&Say, SayInputs { word: "ok".into() }).unwrap();
    });
    let recorded = spans.0.lock().unwrap().clone();
    assert_eq!(
        recorded,
        [
            "hypernodes.graph{graph=\"Say\",depth=0,}",
            "hypernodes.node{graph=\"Say\",node=\"say\",cached=false,depth=0,}",
            "event{message=chunk,graph=\"Say\",node=\"say\",chunk='o',}",
            "event{message=chunk,graph=\"Say\",node=\"say\",chunk='k',}",
        ]
    );
}

#[test]
fn tracing_emits_a_span_per_run_and_per_node_with_their_fields() {
    let spans = Spans::default();
    let subscriber = tracing_subscriber::registry().with(spans.clone());
    tracing::subscriber::with_default(subscriber, || {
        let runner = Runner::new()
            .with_cache(MemoryCache::new())
            .with_callback(TracingCallback::new())
            .with_parallelism(1);
        runner.run(&Show, ShowInputs { x: 1 }).unwrap();
        runner
            .map(&Show, ShowMapInputs { x: each([1, 2]) }, MapMode::Zip)
            .unwrap();
    });
    let recorded = spans.0.lock().unwrap().clone();
    assert_eq!(
        recorded,
        [
            "hypernodes.graph{graph=\"Show\",depth=0,}",
            "hypernodes.node{graph=\"Show\",node=\"double\",cached=false,depth=0,}",
            "hypernodes.node{graph=\"Show\",node=\"show\",cached=false,depth=0,}",
            "event{message=map started,graph=\"Show\",items=2,}",
            "hypernodes.graph{graph=\"Show\",item=0,depth=0,}",
            "hypernodes.node{graph=\"Show\",node=\"double\",item=0,cached=true,depth=0,}",
            "hypernodes.node{graph=\"Show\",node=\"show\",item=0,cached=false,depth=0,}",
            "hypernodes.graph{graph=\"Show\",item=1,depth=0,}",
            "hypernodes.node{graph=\"Show\",node=\"double\",item=1,cached=false,depth=0,}",
            "hypernodes.node{graph=\"Show\",node=\"show\",item=1,cached=false,depth=0,}",
            "event{message=map ended,graph=\"Show\",items=2,}",
        ]
    );
}

#[test]
fn progress_bars_count_items_and_nodes() {
    let term = InMemoryTerm::new(20, 100);
    let progress =
        ProgressCallback::with_target(ProgressDrawTarget::term_like(Box::new(term.clone())));
    let runner = Runner::new().with_callback(progress).with_parallelism(1);
    let outs = runner
        .map(&Show, ShowMapInputs { x: each(0..7) }, MapMode::Zip)
        .unwrap();
    assert_eq!(outs.len(), 7);
    let screen = term.contents();
    assert!(screen.contains("Show"), "{screen}");
    assert!(screen.contains("7/7"), "{screen}");
}

#[test]
fn a_hidden_progress_target_leaves_the_map_unchanged() {
    let runner =
        Runner::new().with_callback(ProgressCallback::with_target(ProgressDrawTarget::hidden()));
    let outs = runner
        .map(&Show, ShowMapInputs { x: each(0..3) }, MapMode::Zip)
        .unwrap();
    assert_eq!(outs[2].shown, "4");
}

const CHILD: &str = "HYPERNODES_TEST_PROGRESS_CHILD";

#[test]
fn progress_child_entry_point() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let runner = Runner::new().with_callback(ProgressCallback::new());
    runner
        .map(&Show, ShowMapInputs { x: each(0..50) }, MapMode::Zip)
        .unwrap();
}

#[test]
fn progress_bars_draw_nothing_when_stderr_is_not_a_terminal() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "progress_child_entry_point",
            "--test-threads=1",
            "--quiet",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("Show"),
        "bars were drawn to a pipe: {stderr}"
    );
}

static SHARED_PROGRESS: std::sync::OnceLock<ProgressCallback> = std::sync::OnceLock::new();

#[node(output_name = "inner_total")]
fn inner_map(width: u32) -> u32 {
    // A map inside an item of another map, reporting to the same progress bars.
    let runner = Runner::new()
        .with_callback(SHARED_PROGRESS.get().expect("set by the test"))
        .with_parallelism(1);
    let outs = runner
        .map(&Show, ShowMapInputs { x: each(0..width) }, MapMode::Zip)
        .unwrap();
    outs.iter().map(|o| o.doubled).sum()
}

graph!(struct Outer = [inner_map]);

#[test]
fn nested_maps_get_bars_of_their_own() {
    let term = InMemoryTerm::new(30, 100);
    let progress =
        ProgressCallback::with_target(ProgressDrawTarget::term_like(Box::new(term.clone())));
    let progress = SHARED_PROGRESS.get_or_init(|| progress);
    let runner = Runner::new().with_callback(progress).with_parallelism(1);
    let outs = runner
        .map(
            &Outer,
            OuterMapInputs {
                width: each([3, 4]),
            },
            MapMode::Zip,
        )
        .unwrap();
    assert_eq!(
        outs.iter().map(|o| o.inner_total).collect::<Vec<_>>(),
        [6, 12]
    );
    let screen = term.contents();
    assert!(screen.contains("Outer"), "{screen}");
    assert!(screen.contains("2/2"), "outer bar finished: {screen}");
    assert!(screen.contains("4/4"), "the last inner map's bar: {screen}");
}
