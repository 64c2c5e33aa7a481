//! Cooperative stop: a node sees the request through its `Stop` parameter and returns
//! early; the runner starts no node after it; the caller gets what was computed.

use futures::StreamExt;
use hypernodes::{graph, node, AsyncRunner, Chunks, Event, Run, Runner, Stop, StopHandle};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

/// Lets the run poll its other node futures (not a turn for `iter`'s caller: the run polls
/// a woken node again before it returns).
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn yield_now() -> YieldNow {
    YieldNow(false)
}

/// The pace of `generate`: one word per ticket, as a model's tokens arrive.
pub struct Gate(futures::channel::mpsc::UnboundedReceiver<()>);

/// A gate and its tickets; `tickets` more are let through at first.
fn gate(tickets: usize) -> (Gate, futures::channel::mpsc::UnboundedSender<()>) {
    let (sender, receiver) = futures::channel::mpsc::unbounded();
    for _ in 0..tickets {
        sender.unbounded_send(()).expect("the gate is open");
    }
    (Gate(receiver), sender)
}

/// Streams the prompt word by word, and returns what it streamed when asked to stop.
#[node(output_name = "answer")]
async fn generate(
    prompt: String,
    gate: Gate,
    tokens: Chunks<'_, String>,
    stop: Stop<'_>,
) -> String {
    let Gate(mut tickets) = gate;
    let mut answer = Vec::new();
    for word in prompt.split(' ') {
        tickets.next().await;
        if stop.is_requested() {
            break;
        }
        tokens.send(word.to_owned());
        answer.push(word);
    }
    answer.join(" ")
}

#[node(output_name = "checked")]
fn check(answer: &str) -> usize {
    answer.len()
}

graph!(struct Answerer = [generate, check]);

#[test]
fn a_stopped_stream_keeps_the_chunks_and_the_partial_answer() {
    let runner = AsyncRunner::new();
    let (gate, tickets) = gate(1);
    let inputs = AnswererInputs {
        prompt: "one two three four".into(),
        gate,
    };
    let mut events = runner.iter(&Answerer, inputs);
    let mut chunks = Vec::new();
    let last = futures::executor::block_on(async {
        while let Some(event) = events.next().await {
            match event {
                Event::Chunk { chunk, .. } => {
                    let AnswererChunk::Generate(word) = chunk;
                    chunks.push(word);
                    if chunks.len() == 2 {
                        events.stop();
                    }
                    tickets.unbounded_send(()).expect("the node waits");
                }
                Event::Stopped(partial) => return Some(partial),
                Event::Finished(result) => panic!("the run finished: {result:?}"),
                _ => {}
            }
        }
        None
    });
    let partial = last.expect("the last event is `Stopped`");
    assert_eq!(chunks, ["one", "two"]);
    assert_eq!(partial.answer.as_deref(), Some("one two"));
    assert_eq!(
        partial.checked, None,
        "`check` must not start after the stop"
    );
}

#[test]
fn an_iter_not_stopped_finishes_as_before() {
    let runner = AsyncRunner::new();
    let inputs = AnswererInputs {
        prompt: "a b".into(),
        gate: gate(2).0,
    };
    let events: Vec<_> = futures::executor::block_on(runner.iter(&Answerer, inputs).collect());
    match events.last() {
        Some(Event::Finished(Ok(outputs))) => assert_eq!(outputs.checked, 3),
        other => panic!("expected `Finished`, got {other:?}"),
    }
}

static DRAFTING: AtomicBool = AtomicBool::new(false);

#[node(output_name = "outline")]
fn outline(topic: String) -> String {
    format!("outline of {topic}")
}

/// Works until asked to stop, then returns what it has.
#[node(output_name = "draft")]
async fn draft(outline: &str, stop: Stop<'_>) -> String {
    DRAFTING.store(true, Ordering::SeqCst);
    let mut pages = 0;
    while !stop.is_requested() {
        pages += 1;
        yield_now().await;
    }
    format!("{outline}: {} pages", pages.min(1))
}

#[node(output_name = "published")]
fn publish(draft: String) -> String {
    format!("published {draft}")
}

graph!(struct Writer = [outline, draft, publish]);

#[test]
fn a_run_stopped_from_another_thread_keeps_finished_outputs() {
    let stop = StopHandle::new();
    let stopper = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            while !DRAFTING.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            stop.request();
        })
    };
    let runner = AsyncRunner::new();
    let inputs = WriterInputs {
        topic: "rust".into(),
    };
    let run = futures::executor::block_on(runner.run_until_stopped(&Writer, inputs, &stop));
    stopper.join().expect("the stopping thread");
    let Ok(Run::Stopped(partial)) = run else {
        panic!("expected a stopped run, got {run:?}");
    };
    assert_eq!(partial.outline.as_deref(), Some("outline of rust"));
    // A running node finishes: what it returns is kept.
    assert_eq!(partial.draft.as_deref(), Some("outline of rust: 1 pages"));
    assert_eq!(partial.published, None);
}

#[test]
fn a_run_never_stopped_finishes() {
    let runner = AsyncRunner::new();
    let inputs = AnswererInputs {
        prompt: "x y".into(),
        gate: gate(2).0,
    };
    let run = futures::executor::block_on(runner.run_until_stopped(
        &Answerer,
        inputs,
        &StopHandle::new(),
    ));
    match run {
        Ok(Run::Finished(outputs)) => assert_eq!(outputs.answer, "x y"),
        other => panic!("expected a finished run, got {other:?}"),
    }
}

#[test]
fn a_stop_requested_before_the_run_starts_no_node() {
    let stop = StopHandle::new();
    stop.request();
    let runner = AsyncRunner::new();
    let inputs = AnswererInputs {
        prompt: "x y".into(),
        gate: gate(2).0,
    };
    let run = futures::executor::block_on(runner.run_until_stopped(&Answerer, inputs, &stop));
    let Ok(Run::Stopped(partial)) = run else {
        panic!("expected a stopped run, got {run:?}");
    };
    assert_eq!((partial.answer, partial.checked), (None, None));
}

#[test]
fn the_sync_runner_gives_a_stop_never_requested() {
    let outputs = Runner::new()
        .run(
            &Answerer,
            AnswererInputs {
                prompt: "p q".into(),
                gate: gate(2).0,
            },
        )
        .expect("runs");
    assert_eq!(outputs.answer, "p q");
}

#[node(output_name = "announced")]
fn announce(checked: usize) -> String {
    format!("{checked} characters")
}

graph!(struct Announcer = [Answerer, announce]);

#[test]
fn a_stop_inside_a_listed_graph_stops_the_outer_run() {
    let stop = StopHandle::new();
    stop.request();
    let runner = AsyncRunner::new();
    let inputs = AnnouncerInputs {
        prompt: "x y".into(),
        gate: gate(2).0,
    };
    let run = futures::executor::block_on(runner.run_until_stopped(&Announcer, inputs, &stop));
    let Ok(Run::Stopped(partial)) = run else {
        panic!("expected a stopped run, got {run:?}");
    };
    assert_eq!(partial.announced, None);
}

static FIRST_DONE: AtomicBool = AtomicBool::new(false);
static SLOW_STARTED: AtomicBool = AtomicBool::new(false);

#[node(output_name = "waited")]
async fn wait_first(first: Gate) -> u32 {
    let Gate(mut tickets) = first;
    tickets.next().await;
    FIRST_DONE.store(true, Ordering::SeqCst);
    1
}

#[node(output_name = "followed")]
fn follow(waited: u32) -> u32 {
    waited + 1
}

#[node(output_name = "slow")]
async fn slow_work(second: Gate, stop: Stop<'_>) -> bool {
    SLOW_STARTED.store(true, Ordering::SeqCst);
    let Gate(mut tickets) = second;
    tickets.next().await;
    stop.is_requested()
}

graph!(struct Race = [wait_first, follow, slow_work]);

/// `follow` is asked to start after the stop while `slow_work` still runs: it must not
/// end the run before `slow_work` returns, or that node would be cancelled and its
/// output lost.
#[test]
fn a_node_refused_after_the_stop_waits_for_the_running_ones() {
    let (first, first_tickets) = gate(0);
    let (second, second_tickets) = gate(0);
    let stop = StopHandle::new();
    let stopper = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            while !SLOW_STARTED.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            stop.request();
            first_tickets.unbounded_send(()).expect("waits");
            while !FIRST_DONE.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            // Refused if the run already ended (and dropped `slow_work`): the assertions
            // below then say what was lost.
            let _ = second_tickets.unbounded_send(());
        })
    };
    let runner = AsyncRunner::new();
    let run = futures::executor::block_on(runner.run_until_stopped(
        &Race,
        RaceInputs { first, second },
        &stop,
    ));
    stopper.join().expect("the stopping thread");
    let Ok(Run::Stopped(partial)) = run else {
        panic!("expected a stopped run, got {run:?}");
    };
    assert_eq!(partial.waited, Some(1));
    assert_eq!(partial.followed, None);
    assert_eq!(partial.slow, Some(true), "the running node finished");
}
