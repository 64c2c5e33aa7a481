//! Under `AsyncRunner`, a plain node runs inside the future of the step that feeds it (see
//! `hypernodes-macros/src/graph/groups.rs`). What must not change: results, the events of
//! every node, errors and panics named after the node that failed, a stopped run's partial
//! outputs, and concurrency between async nodes.

use futures::channel::oneshot;
use futures::StreamExt;
use hypernodes::{graph, node, AsyncRunner, Error, Event, Run, Runner, StopHandle};
use std::future::Future;
use std::sync::Mutex;
use std::task::{Context, Waker};

/// Waits for its ticket, then returns `seed + 1`.
#[node(output_name = "start")]
async fn begin(seed: u64, ticket: Ticket) -> u64 {
    let _ = ticket.0.await;
    seed + 1
}

/// A ticket `begin` waits for.
pub struct Ticket(oneshot::Receiver<()>);

fn ticket() -> (Ticket, oneshot::Sender<()>) {
    let (sender, receiver) = oneshot::channel();
    (Ticket(receiver), sender)
}

#[node(output_name = "doubled")]
fn double(start: u64) -> u64 {
    start * 2
}

#[node(output_name = "tripled")]
fn triple(start: u64) -> u64 {
    start * 3
}

/// Reads two values of its group and one (`offset`) that only it uses.
#[node(output_name = "sum")]
fn add(doubled: u64, tripled: &u64, offset: u64) -> u64 {
    doubled + tripled + offset
}

graph!(struct Mixed = [begin, double, triple, add]);

fn mixed_inputs(seed: u64) -> (MixedInputs, oneshot::Sender<()>) {
    let (ticket, sender) = ticket();
    let inputs = MixedInputs {
        seed,
        ticket,
        offset: 100,
    };
    (inputs, sender)
}

#[test]
fn plain_nodes_after_an_async_one_give_what_the_sync_runner_gives() {
    let (inputs, sender) = mixed_inputs(4);
    sender.send(()).unwrap();
    let by_async = futures::executor::block_on(AsyncRunner::new().run(&Mixed, inputs)).unwrap();
    let (inputs, sender) = mixed_inputs(4);
    sender.send(()).unwrap();
    let by_sync = Runner::new().run(&Mixed, inputs).unwrap();
    assert_eq!(
        (
            by_async.start,
            by_async.doubled,
            by_async.tripled,
            by_async.sum
        ),
        (5, 10, 15, 125)
    );
    assert_eq!(
        (by_sync.start, by_sync.doubled, by_sync.tripled, by_sync.sum),
        (5, 10, 15, 125)
    );
}

#[test]
fn every_node_of_a_group_starts_and_finishes_in_order() {
    let (inputs, sender) = mixed_inputs(1);
    sender.send(()).unwrap();
    let runner = AsyncRunner::new();
    let events: Vec<_> = futures::executor::block_on(runner.iter(&Mixed, inputs).collect());
    let nodes: Vec<String> = events
        .iter()
        .filter_map(|event| match event {
            Event::NodeStarted { node, .. } => Some(format!("start {}", node.name)),
            Event::NodeFinished { node, .. } => Some(format!("end {}", node.name)),
            _ => None,
        })
        .collect();
    assert_eq!(
        nodes,
        [
            "start begin",
            "end begin",
            "start double",
            "end double",
            "start triple",
            "end triple",
            "start add",
            "end add"
        ]
    );
    assert!(matches!(events.last(), Some(Event::Finished(Ok(out))) if out.sum == 110));
}

#[node(output_name = "checked")]
fn check(doubled: u64) -> Result<u64, String> {
    if doubled > 10 {
        Err(format!("{doubled} is too large"))
    } else {
        Ok(doubled)
    }
}

#[node(output_name = "shown")]
fn show(checked: u64) -> String {
    checked.to_string()
}

graph!(struct Checked = [begin, double, check, show]);

#[test]
fn a_failing_node_inside_a_group_is_named_and_stops_the_rest() {
    let (ticket, sender) = ticket();
    sender.send(()).unwrap();
    let inputs = CheckedInputs { seed: 9, ticket };
    let error = futures::executor::block_on(AsyncRunner::new().run(&Checked, inputs))
        .expect_err("20 is too large");
    assert!(
        matches!(&error, Error::Node { node: "check", .. }),
        "{error:?}"
    );
    assert!(error.report().to_string().contains("20 is too large"));
}

#[node(output_name = "halved")]
fn halve(doubled: u64) -> u64 {
    if !doubled.is_multiple_of(4) {
        panic!("{doubled} does not halve evenly");
    }
    doubled / 2
}

graph!(struct Halving = [begin, double, halve]);

#[test]
fn a_panic_inside_a_group_is_that_nodes_error() {
    let (ticket, sender) = ticket();
    sender.send(()).unwrap();
    let inputs = HalvingInputs { seed: 4, ticket };
    let error = futures::executor::block_on(AsyncRunner::new().run(&Halving, inputs))
        .expect_err("10 does not halve evenly");
    match &error {
        Error::Panic { node, message, .. } => {
            assert_eq!(*node, "halve");
            assert!(message.contains("10 does not halve evenly"), "{message}");
        }
        other => panic!("expected a panic error, got {other:?}"),
    }
}

/// Independent of `begin`: a second group, so the schedule joins two futures.
#[node(output_name = "side")]
async fn aside(offset: u64) -> u64 {
    offset + 1
}

graph!(struct TwoGroups = [begin, double, triple, aside]);

#[test]
fn a_stopped_run_keeps_what_each_group_made() {
    let runner = AsyncRunner::new();
    let stop = StopHandle::new();
    let (ticket, sender) = ticket();
    let inputs = TwoGroupsInputs {
        seed: 1,
        ticket,
        offset: 7,
    };
    let mut run = std::pin::pin!(runner.run_until_stopped(&TwoGroups, inputs, &stop));
    // The first poll runs `aside` and leaves `begin` waiting for its ticket.
    let first = run.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    assert!(first.is_pending());
    stop.request();
    sender.send(()).unwrap();
    let outcome = futures::executor::block_on(run).expect("a stopped run is not an error");
    match outcome {
        Run::Stopped(partial) => {
            assert_eq!(partial.side, Some(8), "`aside` ran before the stop");
            assert_eq!(partial.start, Some(2), "`begin` was running: it finishes");
            assert_eq!(
                partial.doubled, None,
                "`double` must not start after the stop"
            );
            assert_eq!(partial.tripled, None);
        }
        Run::Finished(outputs) => panic!("the run was stopped, yet finished: {outputs:?}"),
    }
}

/// Two async nodes that each wait for the other: they must run concurrently, even when
/// plain nodes follow one of them.
#[node(output_name = "ping_seen")]
async fn ping(pings: Pipe) -> u64 {
    pings.send.send(1).unwrap();
    pings.receive.await.unwrap()
}

#[node(output_name = "pong_seen")]
async fn pong(pongs: Pipe) -> u64 {
    pongs.send.send(2).unwrap();
    pongs.receive.await.unwrap()
}

#[node(output_name = "both")]
fn both(ping_seen: u64, pong_seen: u64) -> u64 {
    ping_seen * 10 + pong_seen
}

/// One end of a two-way channel.
pub struct Pipe {
    send: oneshot::Sender<u64>,
    receive: oneshot::Receiver<u64>,
}

graph!(struct PingPong = [ping, pong, both]);

#[test]
fn async_nodes_stay_concurrent_beside_plain_ones() {
    let (to_pong, from_ping) = oneshot::channel();
    let (to_ping, from_pong) = oneshot::channel();
    let inputs = PingPongInputs {
        pings: Pipe {
            send: to_pong,
            receive: from_pong,
        },
        pongs: Pipe {
            send: to_ping,
            receive: from_ping,
        },
    };
    let outputs = futures::executor::block_on(AsyncRunner::new().run(&PingPong, inputs)).unwrap();
    assert_eq!(outputs.both, 21, "ping saw pong's 2, pong saw ping's 1");
}

/// A value lent to a plain node of its group and also read by another group.
#[node(output_name = "label")]
fn label(start: u64) -> String {
    format!("#{start}")
}

#[node(output_name = "label_len")]
fn measure(label: &str) -> usize {
    label.len()
}

#[node(output_name = "shouted")]
async fn shout(label: &str) -> String {
    label.to_uppercase() + "!"
}

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[node(output_name = "logged")]
fn log(shouted: &str, label_len: usize) -> usize {
    SEEN.lock().unwrap().push(shouted.to_owned());
    label_len
}

graph!(struct Labels = [begin, label, measure, shout, log]);

#[test]
fn a_value_read_in_and_outside_its_group_reaches_both() {
    let (ticket, sender) = ticket();
    sender.send(()).unwrap();
    let inputs = LabelsInputs { seed: 41, ticket };
    let outputs = futures::executor::block_on(AsyncRunner::new().run(&Labels, inputs)).unwrap();
    assert_eq!(outputs.logged, 3);
    assert_eq!(outputs.shouted, "#42!");
    assert_eq!(SEEN.lock().unwrap().as_slice(), ["#42!"]);
}
