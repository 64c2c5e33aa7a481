//! Streaming (`Chunks`) and interrupts (`Interrupt`) under both runners.

use futures::StreamExt;
use hypernodes::callbacks::{Callback, NodeContext};
use hypernodes::{
    graph, node, AnyValue, AsyncRunner, BoxError, Chunks, Error, Event, Interrupt, MemoryCache,
    Runner,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

// --- Streaming -------------------------------------------------------------------------

#[node(output_name = "text")]
fn compose(prompt: String, tokens: Chunks<'_, String>) -> String {
    let words: Vec<String> = prompt.split(' ').map(str::to_owned).collect();
    for word in &words {
        tokens.send(word.clone());
    }
    words.join("+")
}

/// A second streaming node, with another chunk type, and the `Chunks` parameter first.
#[node(output_name = "length")]
async fn measure(progress: Chunks<'_, u32>, text: &str) -> usize {
    for percent in [50, 100] {
        progress.send(percent);
    }
    text.len()
}

graph!(struct Writer = [compose, measure]);

fn writer_inputs() -> WriterInputs {
    WriterInputs {
        prompt: "a b c".into(),
    }
}

/// Records every chunk as `node: chunk`, reading the two known types back.
#[derive(Default)]
struct Chunklog(Mutex<Vec<String>>);

impl Callback for Chunklog {
    fn on_chunk(&self, node: &NodeContext, chunk: &dyn AnyValue) {
        let text = if let Some(word) = chunk.downcast_ref::<String>() {
            format!("{}: word {word}", node.node.name)
        } else if let Some(percent) = chunk.downcast_ref::<u32>() {
            format!("{}: {percent}%", node.node.name)
        } else {
            format!("{}: other {chunk:?}", node.node.name)
        };
        self.0.lock().unwrap().push(text);
    }
}

const EXPECTED_LOG: [&str; 5] = [
    "compose: word a",
    "compose: word b",
    "compose: word c",
    "measure: 50%",
    "measure: 100%",
];

#[test]
fn chunks_reach_callbacks_under_runner_in_order() {
    let runner = Runner::new().with_callback(Chunklog::default());
    let out = runner.run(&Writer, writer_inputs()).unwrap();
    assert_eq!((out.text.as_str(), out.length), ("a+b+c", 5));
    assert_eq!(*runner.callbacks().1 .0.lock().unwrap(), EXPECTED_LOG);
}

#[test]
fn chunks_reach_callbacks_under_async_runner() {
    let runner = AsyncRunner::new().with_callback(Chunklog::default());
    let out = futures::executor::block_on(runner.run(&Writer, writer_inputs())).unwrap();
    assert_eq!(out.length, 5);
    assert_eq!(*runner.callbacks().1 .0.lock().unwrap(), EXPECTED_LOG);
}

#[test]
fn iter_yields_typed_chunks_per_node_in_order() {
    let runner = AsyncRunner::new();
    let events: Vec<Event<Writer>> =
        futures::executor::block_on(runner.iter(&Writer, writer_inputs()).collect());
    let mut words = Vec::new();
    let mut percents = Vec::new();
    for event in &events {
        if let Event::Chunk { chunk, node, .. } = event {
            match chunk {
                WriterChunk::Compose(word) => {
                    assert_eq!(node.name, "compose");
                    words.push(word.clone());
                }
                WriterChunk::Measure(percent) => {
                    assert_eq!(node.name, "measure");
                    percents.push(*percent);
                }
            }
        }
    }
    assert_eq!(words, ["a", "b", "c"]);
    assert_eq!(percents, [50, 100]);
    // Chunks come between their node's start and end.
    let position =
        |wanted: &dyn Fn(&Event<Writer>) -> bool| events.iter().position(wanted).unwrap();
    let started =
        position(&|e| matches!(e, Event::NodeStarted { node, .. } if node.name == "compose"));
    let first_chunk = position(&|e| matches!(e, Event::Chunk { .. }));
    let finished =
        position(&|e| matches!(e, Event::NodeFinished { node, .. } if node.name == "compose"));
    assert!(started < first_chunk && first_chunk < finished);
    assert!(matches!(events.last(), Some(Event::Finished(Ok(out))) if out.text == "a+b+c"));
}

#[node(output_name = "shout")]
fn shout(text: String) -> String {
    text.to_uppercase()
}

graph!(struct Outer = [Writer, shout]);

#[test]
fn chunks_of_a_listed_graph_nest_in_the_outer_enum() {
    let runner = AsyncRunner::new();
    let events: Vec<Event<Outer>> = futures::executor::block_on(
        runner
            .iter(
                &Outer,
                OuterInputs {
                    prompt: "x y".into(),
                },
            )
            .collect(),
    );
    let words: Vec<&str> = events
        .iter()
        .filter_map(|event| match event {
            Event::Chunk {
                chunk: OuterChunk::Writer(WriterChunk::Compose(word)),
                ..
            } => Some(word.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(words, ["x", "y"]);
    assert!(matches!(events.last(), Some(Event::Finished(Ok(out))) if out.shout == "X+Y"));

    // And under `Runner`, callbacks see them with the inner graph as context.
    let runner = Runner::new().with_callback(Chunklog::default());
    runner
        .run(
            &Outer,
            OuterInputs {
                prompt: "x y".into(),
            },
        )
        .unwrap();
    assert_eq!(runner.callbacks().1 .0.lock().unwrap().len(), 4);
}

// --- Interrupts ------------------------------------------------------------------------

static DRAFTS: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "draft", cache)]
fn draft(topic: String) -> String {
    DRAFTS.fetch_add(1, Ordering::SeqCst);
    format!("all about {topic}")
}

#[derive(Clone, Debug, PartialEq)]
struct Review {
    draft: String,
}

#[node(output_name = "approved")]
fn approve(draft: &str, reviewer: Interrupt<'_, Review, bool>) -> Result<bool, BoxError> {
    Ok(reviewer.ask_blocking(Review {
        draft: draft.to_owned(),
    })?)
}

#[node(output_name = "title")]
async fn title(approved: bool, editor: Interrupt<'_, String, String>) -> Result<String, BoxError> {
    if !approved {
        return Ok("(rejected)".into());
    }
    Ok(editor.ask("title?".to_owned()).await?)
}

graph!(struct Publish = [draft, approve, title]);

fn publish_inputs() -> PublishInputs {
    PublishInputs {
        topic: "graphs".into(),
    }
}

#[test]
fn an_unanswered_question_stops_the_run_and_a_rerun_with_answers_resumes() {
    DRAFTS.store(0, Ordering::SeqCst);
    let cache = MemoryCache::new();
    let runner = Runner::new().with_cache(&cache);

    // First question: the review.
    let error = runner.run(&Publish, publish_inputs()).unwrap_err();
    assert!(matches!(error, Error::Interrupted { .. }), "{error}");
    assert_eq!(error.node(), Some("approve"));
    let question = error.question().unwrap();
    assert_eq!(
        question.get::<Review>(),
        Some(&Review {
            draft: "all about graphs".into()
        })
    );
    assert_eq!(question.answer_type(), "bool");
    let message = error.to_string();
    assert!(
        message.contains("node `approve`") && message.contains("all about graphs"),
        "{message}"
    );
    let approval = question.answer(true).unwrap();

    // Second question: the title. The cached draft is not recomputed.
    let runner = runner.with_answer(approval);
    let error = runner.run(&Publish, publish_inputs()).unwrap_err();
    assert_eq!(error.node(), Some("title"));
    let question = error.question().unwrap();
    assert_eq!(question.get::<String>().map(String::as_str), Some("title?"));
    let naming = question.answer("Graphs!".to_owned()).unwrap();

    let out = runner
        .with_answer(naming)
        .run(&Publish, publish_inputs())
        .unwrap();
    assert!(out.approved);
    assert_eq!(out.title, "Graphs!");
    assert_eq!(
        DRAFTS.load(Ordering::SeqCst),
        1,
        "the cached draft ran once"
    );
}

#[test]
fn an_answer_of_the_wrong_type_is_an_error() {
    let error = Runner::new().run(&Publish, publish_inputs()).unwrap_err();
    let wrong = error
        .question()
        .unwrap()
        .answer("yes".to_owned())
        .unwrap_err();
    assert!(matches!(
        &wrong,
        Error::AnswerType {
            node: "approve",
            expected,
            ..
        } if expected == "bool"
    ));
}

#[test]
fn handlers_answer_under_both_runners() {
    let seen = std::sync::Arc::new(Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&seen);
    let runner = Runner::new()
        .with_handler(move |review: &Review| {
            log.lock().unwrap().push(review.draft.clone());
            Some(true)
        })
        .with_handler(|_: &String| Some("From a handler".to_owned()));
    let out = runner.run(&Publish, publish_inputs()).unwrap();
    assert_eq!(out.title, "From a handler");
    assert_eq!(*seen.lock().unwrap(), ["all about graphs"]);

    let runner = AsyncRunner::new()
        .with_handler(|_: &Review| Some(false))
        .with_handler(|_: &String| -> Option<String> { unreachable!("not asked when rejected") });
    let out = futures::executor::block_on(runner.run(&Publish, publish_inputs())).unwrap();
    assert_eq!(out.title, "(rejected)");

    // A handler that declines leaves the question unanswered.
    let runner = Runner::new().with_handler(|_: &Review| -> Option<bool> { None });
    let error = runner.run(&Publish, publish_inputs()).unwrap_err();
    assert_eq!(error.node(), Some("approve"));
}

#[test]
fn a_handler_for_another_answer_type_is_named_in_the_error() {
    // `approve` asks `Review` and expects `bool`; this handler answers `String`.
    let runner = Runner::new().with_handler(|_: &Review| Some("yes".to_owned()));
    let error = runner.run(&Publish, publish_inputs()).unwrap_err();
    assert_eq!(error.node(), Some("approve"));
    let message = error.to_string();
    assert!(
        message.contains("a handler for this question type was given with `with_handler`, but it answers `String`, not `bool`"),
        "{message}"
    );
    // Without any handler, the message says to give one.
    let error = Runner::new().run(&Publish, publish_inputs()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("give a handler with `with_handler`"),
        "{error}"
    );
}

#[test]
fn iter_asks_the_caller_and_respond_resumes_the_node() {
    // `approve` is a plain node, so it is answered by a handler; `title` is async, so it
    // waits for the caller.
    let runner = AsyncRunner::new().with_handler(|_: &Review| Some(true));
    let title = futures::executor::block_on(async {
        let mut events = runner.iter(&Publish, publish_inputs());
        let mut asked = Vec::new();
        while let Some(event) = events.next().await {
            match event {
                Event::Interrupt { question, node, .. } => {
                    assert_eq!(node.name, "title");
                    let PublishQuestion::Title(question) = question else {
                        panic!("only `title` waits: {question:?}");
                    };
                    asked.push(question);
                    events
                        .respond(PublishAnswer::Title("Answered".into()))
                        .unwrap();
                    // A second answer finds nobody waiting.
                    let again = events.respond(PublishAnswer::Title("twice".into()));
                    assert!(matches!(again, Err(Error::NotAsked { node: "title" })));
                }
                Event::Finished(result) => {
                    assert_eq!(asked, ["title?"]);
                    return result.unwrap().title;
                }
                _ => {}
            }
        }
        unreachable!("the stream ends with Finished")
    });
    assert_eq!(title, "Answered");
}

#[test]
fn without_iter_an_async_node_is_interrupted_too() {
    let runner = AsyncRunner::new().with_handler(|_: &Review| Some(true));
    let error = futures::executor::block_on(runner.run(&Publish, publish_inputs())).unwrap_err();
    assert_eq!(error.node(), Some("title"));
    let answer = error
        .question()
        .unwrap()
        .answer("Later".to_owned())
        .unwrap();
    let out =
        futures::executor::block_on(runner.with_answer(answer).run(&Publish, publish_inputs()))
            .unwrap();
    assert_eq!(out.title, "Later");
}

/// A node that turns the question into its own error type keeps it findable.
#[derive(Debug, thiserror::Error)]
#[error("could not review")]
struct ReviewError(#[from] hypernodes::Interrupted);

#[node(output_name = "checked")]
fn check(topic: &str, reviewer: Interrupt<'_, Review, bool>) -> Result<bool, ReviewError> {
    Ok(reviewer.ask_blocking(Review {
        draft: topic.to_owned(),
    })?)
}

graph!(struct Check = [check]);

#[test]
fn an_interrupt_wrapped_in_a_node_error_still_stops_the_run_with_the_question() {
    let error = Runner::new()
        .run(&Check, CheckInputs { topic: "t".into() })
        .unwrap_err();
    assert!(matches!(error, Error::Interrupted { .. }), "{error:?}");
    assert_eq!(
        error.question().unwrap().get::<Review>().unwrap().draft,
        "t"
    );
}

#[test]
fn answers_apply_to_every_item_of_a_map() {
    let error = Runner::new()
        .map(
            &Check,
            CheckMapInputs {
                topic: hypernodes::each(["a".to_owned(), "b".to_owned()]),
            },
            hypernodes::MapMode::Zip,
        )
        .unwrap_err();
    let answer = error.question().unwrap().answer(true).unwrap();
    let out = Runner::new()
        .with_answer(answer)
        .map(
            &Check,
            CheckMapInputs {
                topic: hypernodes::each(["a".to_owned(), "b".to_owned()]),
            },
            hypernodes::MapMode::Zip,
        )
        .unwrap();
    assert!(out.iter().all(|out| out.checked));
}

// --- Interrupts in a listed graph -------------------------------------------------------

#[node(output_name = "name")]
async fn ask_name(
    greeting: String,
    who: Interrupt<'_, String, String>,
) -> Result<String, BoxError> {
    Ok(format!("{greeting}, {}", who.ask(greeting.clone()).await?))
}

graph!(struct Greet = [ask_name]);

#[node(output_name = "loud")]
fn loud(name: String) -> String {
    name.to_uppercase()
}

graph!(struct Welcome = [Greet, loud]);

#[test]
fn a_question_inside_a_listed_graph_is_typed_by_the_outer_graph() {
    let runner = AsyncRunner::new();
    let loud = futures::executor::block_on(async {
        let mut events = runner.iter(
            &Welcome,
            WelcomeInputs {
                greeting: "hi".into(),
            },
        );
        while let Some(event) = events.next().await {
            match event {
                Event::Interrupt {
                    question: WelcomeQuestion::Greet(GreetQuestion::AskName(greeting)),
                    graph,
                    ..
                } => {
                    assert_eq!((greeting.as_str(), graph.name), ("hi", "Greet"));
                    events
                        .respond(WelcomeAnswer::Greet(GreetAnswer::AskName("ada".into())))
                        .unwrap();
                }
                Event::Finished(result) => return result.unwrap().loud,
                _ => {}
            }
        }
        unreachable!("the stream ends with Finished")
    });
    assert_eq!(loud, "HI, ADA");

    // Without `iter`: the error carries the question, and its answer resumes the nested node.
    let inputs = || WelcomeInputs {
        greeting: "hey".into(),
    };
    let error = Runner::new().run(&Welcome, inputs()).unwrap_err();
    assert_eq!(error.node(), Some("ask_name"));
    assert_eq!(error.question().unwrap().graph().name, "Greet");
    let answer = error.question().unwrap().answer("bo".to_owned()).unwrap();
    let out = Runner::new()
        .with_answer(answer)
        .run(&Welcome, inputs())
        .unwrap();
    assert_eq!(out.loud, "HEY, BO");
}

/// Counts drops of what a waiting node holds.
static RELEASED: AtomicUsize = AtomicUsize::new(0);

struct Held;

impl Drop for Held {
    fn drop(&mut self) {
        RELEASED.fetch_add(1, Ordering::SeqCst);
    }
}

#[node(output_name = "held")]
async fn hold(seed: u8, gate: Interrupt<'_, u8, u8>) -> Result<u8, BoxError> {
    let _held = Held;
    Ok(gate.ask(seed).await?)
}

graph!(struct Hold = [hold]);

#[test]
fn dropping_the_stream_while_a_node_waits_drops_the_node() {
    RELEASED.store(0, Ordering::SeqCst);
    let runner = AsyncRunner::new();
    futures::executor::block_on(async {
        let mut events = runner.iter(&Hold, HoldInputs { seed: 1 });
        while let Some(event) = events.next().await {
            if matches!(event, Event::Interrupt { .. }) {
                break;
            }
        }
        assert_eq!(RELEASED.load(Ordering::SeqCst), 0, "still waiting");
        drop(events);
    });
    assert_eq!(
        RELEASED.load(Ordering::SeqCst),
        1,
        "the waiting node was dropped"
    );
}

#[test]
fn a_run_waiting_for_an_answer_can_be_spawned_on_tokio() {
    fn assert_send<T: Send>(value: T) -> T {
        value
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let held = runtime.block_on(async {
        let runner: &'static AsyncRunner = Box::leak(Box::new(AsyncRunner::new()));
        let task = tokio::spawn(assert_send(async move {
            let mut events = runner.iter(&Hold, HoldInputs { seed: 7 });
            while let Some(event) = events.next().await {
                match event {
                    Event::Interrupt {
                        question: HoldQuestion::Hold(seed),
                        ..
                    } => events.respond(HoldAnswer::Hold(seed * 2)).unwrap(),
                    Event::Finished(result) => return result.unwrap().held,
                    _ => {}
                }
            }
            unreachable!("the stream ends with Finished")
        }));
        task.await.unwrap()
    });
    assert_eq!(held, 14);
}

// --- Across crates ----------------------------------------------------------------------

use hypernodes_tests::graphs::{
    Longest, LongestAnswer, LongestChunk, LongestInputs, LongestQuestion,
};

graph!(struct Wrapped = [Longest, shout_longest]);

#[node(output_name = "shouted")]
fn shout_longest(longest: Option<String>) -> String {
    longest.unwrap_or_default().to_uppercase()
}

#[test]
fn streaming_and_asking_nodes_from_another_crate() {
    let runner = AsyncRunner::new();
    let (lengths, shouted) = futures::executor::block_on(async {
        let mut events = runner.iter(
            &Wrapped,
            WrappedInputs {
                text: "a bbb cc".into(),
            },
        );
        let mut lengths = Vec::new();
        while let Some(event) = events.next().await {
            match event {
                Event::Chunk {
                    chunk: WrappedChunk::Longest(LongestChunk::LongestWord(length)),
                    ..
                } => lengths.push(length),
                Event::Interrupt {
                    question: WrappedQuestion::Longest(LongestQuestion::LongestWord(word)),
                    ..
                } => {
                    assert_eq!(word, "bbb");
                    events
                        .respond(WrappedAnswer::Longest(LongestAnswer::LongestWord(true)))
                        .unwrap();
                }
                Event::Finished(result) => return (lengths, result.unwrap().shouted),
                _ => {}
            }
        }
        unreachable!("the stream ends with Finished")
    });
    assert_eq!((lengths, shouted.as_str()), (vec![1, 3, 2], "BBB"));

    let out = Runner::new()
        .with_handler(|_: &String| Some(false))
        .run(
            &Longest,
            LongestInputs {
                text: "x yy".into(),
            },
        )
        .unwrap();
    assert_eq!(out.longest, None);
}
