//! A run streamed by `iter` whose every running node waits for an answer ends with
//! `Error::Interrupted` when the caller polls again without answering, instead of waiting
//! forever (a loop whose `_ => {}` arm skips `Event::Interrupt`).

use futures::{FutureExt, StreamExt};
use hypernodes::{graph, node, AsyncRunner, BoxError, Error, Event, Interrupt};

#[node(output_name = "approved")]
async fn approve(draft: String, reviewer: Interrupt<'_, String, bool>) -> Result<bool, BoxError> {
    Ok(reviewer.ask(draft).await?)
}

graph!(struct Review = [approve]);

/// The events before `Finished`, and the run's result.
type Drained<G> = (
    Vec<Event<G>>,
    Result<<G as hypernodes::Graph>::Outputs, Error>,
);

/// Every event until `Finished`, polling without ever waiting: `None` if the stream is
/// left pending with nothing that could wake it (the hang this file is about).
fn drain<S: futures::Stream<Item = Event<G>> + Unpin, G: hypernodes::Graph>(
    mut events: S,
) -> Option<Drained<G>> {
    let mut seen = Vec::new();
    loop {
        match events.next().now_or_never()? {
            Some(Event::Finished(result)) => return Some((seen, result)),
            Some(event) => seen.push(event),
            None => panic!("the stream ended without Finished"),
        }
    }
}

#[test]
fn a_loop_that_skips_the_question_ends_with_it_instead_of_hanging() {
    let runner = AsyncRunner::new();
    let inputs = || ReviewInputs { draft: "v1".into() };
    let (seen, result) = drain(runner.iter(&Review, inputs())).expect("the run must not stall");
    assert!(
        seen.iter().any(|e| matches!(e, Event::Interrupt { .. })),
        "the question was streamed first"
    );
    let error = result.unwrap_err();
    assert!(matches!(error, Error::Interrupted { .. }), "{error:?}");
    let question = error.question().unwrap();
    assert_eq!(question.get::<String>().map(String::as_str), Some("v1"));

    // As with `run`: answer it and re-run.
    let answered = AsyncRunner::new().with_answer(question.answer(true).unwrap());
    let (_, result) = drain(answered.iter(&Review, inputs())).unwrap();
    assert!(result.unwrap().approved);
}

#[test]
fn an_answer_given_before_polling_again_still_resumes_the_node() {
    let runner = AsyncRunner::new();
    let mut events = runner.iter(&Review, ReviewInputs { draft: "v2".into() });
    loop {
        match events.next().now_or_never().expect("never pending here") {
            Some(Event::Interrupt { .. }) => events.respond(ReviewAnswer::Approve(false)).unwrap(),
            Some(Event::Finished(result)) => {
                assert!(!result.unwrap().approved);
                break;
            }
            Some(_) => {}
            None => panic!("the stream ended without Finished"),
        }
    }
}

#[node(output_name = "fetched")]
async fn fetch(gate: futures::channel::oneshot::Receiver<u32>) -> u32 {
    gate.await.unwrap_or(0)
}

graph!(struct Both = [approve, fetch]);

#[test]
fn a_node_still_working_keeps_the_run_waiting_until_only_questions_remain() {
    let (open, gate) = futures::channel::oneshot::channel();
    let runner = AsyncRunner::new();
    let mut events = runner.iter(
        &Both,
        BothInputs {
            draft: "v3".into(),
            gate,
        },
    );
    // Everything the run can do now: `approve` asks, `fetch` waits on its gate.
    let mut asked = false;
    while let Some(event) = events.next().now_or_never() {
        let event = event.expect("the run goes on");
        assert!(
            !matches!(event, Event::Finished(_)),
            "`fetch` is still working, so the run must wait: {event:?}"
        );
        asked |= matches!(event, Event::Interrupt { .. });
    }
    assert!(asked);
    // `fetch` finishes; now only the question remains, and the next poll ends the run.
    open.send(5).unwrap();
    let (seen, result) = drain(events).expect("the run must not stall");
    assert!(
        seen.iter()
            .any(|e| matches!(e, Event::NodeFinished { node, .. } if node.name == "fetch")),
        "{seen:?}"
    );
    assert_eq!(result.unwrap_err().node(), Some("approve"));
}
