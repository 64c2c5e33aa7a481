//! `TracingCallback` spans follow the work they describe: under `AsyncRunner`, node spans
//! are children of their own map item's graph span however the items interleave, and no
//! span stays entered on a worker thread after a run.

use hypernodes::callbacks::TracingCallback;
use hypernodes::{each, graph, node, AsyncRunner, MapMode};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;
use std::time::Duration;
use tracing::span::{Attributes, Id};
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

/// A span as recorded: its name, its `item` field, its parent.
#[derive(Clone, Debug)]
struct Recorded {
    name: &'static str,
    item: Option<String>,
    parent: Option<Id>,
}

/// Records every span with its parent, and which spans each thread has entered.
#[derive(Clone, Default)]
struct Parents {
    spans: Arc<Mutex<HashMap<Id, Recorded>>>,
    entered: Arc<Mutex<HashMap<ThreadId, Vec<Id>>>>,
}

struct Item(Option<String>);
impl tracing::field::Visit for Item {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "item" {
            self.0 = Some(format!("{value:?}"));
        }
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Parents {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut item = Item(None);
        attrs.record(&mut item);
        let parent = ctx.span(id).and_then(|span| span.parent()).map(|p| p.id());
        let recorded = Recorded {
            name: attrs.metadata().name(),
            item: item.0,
            parent,
        };
        self.spans.lock().unwrap().insert(id.clone(), recorded);
    }

    fn on_enter(&self, id: &Id, _: Context<'_, S>) {
        let thread = std::thread::current().id();
        let mut entered = self.entered.lock().unwrap();
        entered.entry(thread).or_default().push(id.clone());
    }

    fn on_exit(&self, id: &Id, _: Context<'_, S>) {
        let thread = std::thread::current().id();
        let mut entered = self.entered.lock().unwrap();
        let stack = entered.entry(thread).or_default();
        if let Some(at) = stack.iter().rposition(|entered| entered == id) {
            stack.remove(at);
        }
    }
}

impl Parents {
    /// Every node span's parent is a graph span of the same map item, and every
    /// top-level graph span has no parent.
    fn assert_nodes_under_their_own_items(&self) {
        let spans = self.spans.lock().unwrap();
        let nodes: Vec<&Recorded> = spans
            .values()
            .filter(|span| span.name == "hypernodes.node")
            .collect();
        assert!(!nodes.is_empty(), "no node span was recorded");
        for node in nodes {
            let parent = node.parent.as_ref().expect("a node span has a parent");
            let graph = &spans[parent];
            assert_eq!(graph.name, "hypernodes.graph", "{node:?} under {graph:?}");
            assert_eq!(graph.item, node.item, "{node:?} under {graph:?}");
        }
        for graph in spans.values().filter(|s| s.name == "hypernodes.graph") {
            assert!(graph.parent.is_none(), "{graph:?} nests in another span");
        }
    }

    /// No thread still has a span entered.
    fn assert_nothing_entered(&self) {
        let entered = self.entered.lock().unwrap();
        for (thread, stack) in entered.iter() {
            assert!(stack.is_empty(), "{thread:?} still has {stack:?} entered");
        }
    }
}

/// Every item waits for the other before finishing, so their nodes interleave.
static MEETING: std::sync::LazyLock<tokio::sync::Barrier> =
    std::sync::LazyLock::new(|| tokio::sync::Barrier::new(2));

#[node(output_name = "met")]
async fn meet(x: u32) -> u32 {
    MEETING.wait().await;
    x
}

#[node(output_name = "done")]
fn finish(met: u32) -> u32 {
    met + 1
}

graph!(struct Meeting = [meet, finish]);

#[test]
fn node_spans_nest_in_their_own_items_graph_span_when_items_interleave() {
    let parents = Parents::default();
    let subscriber = tracing_subscriber::registry().with(parents.clone());
    tracing::subscriber::with_default(subscriber, || {
        let runner = AsyncRunner::new().with_callback(TracingCallback::new());
        let map = runner.map(&Meeting, MeetingMapInputs { x: each([1, 2]) }, MapMode::Zip);
        let outs = futures::executor::block_on(map).unwrap();
        assert_eq!(outs.iter().map(|o| o.done).collect::<Vec<_>>(), [2, 3]);
    });
    parents.assert_nodes_under_their_own_items();
    parents.assert_nothing_entered();
}

#[node(output_name = "slept")]
async fn nap(x: u64) -> u64 {
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(x % 3)).await;
        tokio::task::yield_now().await;
    }
    x
}

graph!(struct Nap = [nap, rest]);

#[node(output_name = "rested")]
fn rest(slept: u64) -> u64 {
    slept
}

#[test]
fn no_span_stays_entered_on_a_worker_after_runs_on_a_multi_threaded_runtime() {
    let parents = Parents::default();
    let subscriber = tracing_subscriber::registry().with(parents.clone());
    let dispatch = tracing::Dispatch::new(subscriber);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .on_thread_start({
            let dispatch = dispatch.clone();
            move || {
                // Each worker reports to the recording subscriber.
                std::mem::forget(tracing::dispatcher::set_default(&dispatch));
            }
        })
        .build()
        .unwrap();
    runtime.block_on(async {
        let runner = Arc::new(AsyncRunner::new().with_callback(TracingCallback::new()));
        let runs = (0..8).map(|round| {
            let runner = Arc::clone(&runner);
            tokio::spawn(async move {
                let inputs = NapMapInputs {
                    x: each(round..round + 4),
                };
                runner.map(&Nap, inputs, MapMode::Zip).await.unwrap()
            })
        });
        for run in runs.collect::<Vec<_>>() {
            assert_eq!(run.await.unwrap().len(), 4);
        }
    });
    drop(runtime);
    parents.assert_nothing_entered();
    parents.assert_nodes_under_their_own_items();
}
