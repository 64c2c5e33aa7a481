//! Nodes that stream partial results while they work, watched with `AsyncRunner::iter`.
//!
//! ```sh
//! cargo run -p hypernodes-examples --bin streaming
//! ```
//!
//! A node opts in to streaming with a `Chunks<'_, T>` parameter, which `graph!` does not wire
//! by name: the runner supplies it. Here `draft_reply` (an `async` node standing in for a
//! language model) streams its reply word by word as `String`s, and `proofread` streams its
//! progress as `u8` percentages. `iter` turns the run into a stream of events, and each
//! chunk arrives as the generated [`WriterChunk`] enum, one variant per streaming node, so
//! matching on it is typed and exhaustive. `summarize` is a plain node downstream.

use futures::executor::block_on_stream;
use hypernodes::{graph, node, AsyncRunner, Chunks, Event};
use std::error::Error;
use std::future::poll_fn;
use std::io::Write;
use std::task::Poll;

/// What the stand-in "model" answers, whatever the question.
const CANNED_REPLY: &str = "A graph is a list of plain functions. Each parameter is wired by \
    name to the output of the same name. The wiring is checked when the code compiles, \
    not when it runs.";

/// Writes a reply to `question`, streaming each word as soon as it is "generated".
#[node(output_name = "reply")]
async fn draft_reply(question: &str, tokens: Chunks<'_, String>) -> String {
    let mut reply = Vec::new();
    for word in CANNED_REPLY.split_whitespace() {
        next_token().await;
        tokens.send(format!("{word} "));
        reply.push(word);
    }
    format!("Q: {question}\nA: {}", reply.join(" "))
}

/// Stands for waiting on a real model: gives control back to the executor once, so the
/// word just sent is handed out before the next one is made.
async fn next_token() {
    let mut waited = false;
    poll_fn(|cx| {
        if std::mem::replace(&mut waited, true) {
            Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await;
}

/// Flags overly long sentences, reporting its progress after each sentence.
#[node(output_name = "long_sentences")]
fn proofread(reply: &str, progress: Chunks<'_, u8>) -> Vec<String> {
    let sentences: Vec<&str> = reply
        .split_terminator(['.', '?', '\n'])
        .map(str::trim)
        .filter(|sentence| !sentence.is_empty())
        .collect();
    let mut long = Vec::new();
    for (done, sentence) in sentences.iter().enumerate() {
        if sentence.split_whitespace().count() > 12 {
            long.push((*sentence).to_owned());
        }
        // `done + 1 <= len`, so the percentage fits in a `u8`.
        progress.send(((done + 1) * 100 / sentences.len()) as u8);
    }
    long
}

/// A plain node: one line about the reply.
#[node(output_name = "summary")]
fn summarize(reply: &str, long_sentences: &[String]) -> String {
    let words = reply.split_whitespace().count();
    format!("{words} words, {} long sentence(s)", long_sentences.len())
}

graph!(
    /// Drafts a reply, proofreads it and sums it up.
    pub struct Writer = [draft_reply, proofread, summarize]
);

fn main() -> Result<(), Box<dyn Error>> {
    let runner = AsyncRunner::new();
    let inputs = WriterInputs {
        question: "How does hypernodes wire a graph?".into(),
    };
    let mut out = std::io::stdout();
    // `block_on_stream` drives the run from this thread as we iterate: no runtime needed.
    for event in block_on_stream(runner.iter(&Writer, inputs)) {
        match event {
            Event::NodeStarted { node, .. } => write!(out, "[{}] ", node.name)?,
            Event::NodeFinished { .. } => writeln!(out, "(done)")?,
            Event::Chunk { chunk, .. } => match chunk {
                WriterChunk::DraftReply(word) => write!(out, "{word}")?,
                WriterChunk::Proofread(percent) => write!(out, "{percent}% ")?,
            },
            Event::Finished(result) => {
                let outputs = result?;
                writeln!(out, "\n{}", outputs.reply)?;
                for sentence in &outputs.long_sentences {
                    writeln!(out, "long: {sentence:?}")?;
                }
                writeln!(out, "summary: {}", outputs.summary)?;
            }
            _ => {}
        }
        out.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runner_and_the_plain_functions_agree() {
        let inputs = WriterInputs {
            question: "Why?".into(),
        };
        let out = futures::executor::block_on(AsyncRunner::new().run(&Writer, inputs)).unwrap();
        assert!(out.reply.starts_with("Q: Why?\nA: A graph is"));
        assert_eq!(out.long_sentences.len(), 1);
        assert_eq!(out.summary, summarize(&out.reply, &out.long_sentences));
    }
}
