//! A human in the loop: a node asks for approval and the run waits for the answer.
//!
//! ```sh
//! cargo run -p hypernodes-examples --bin approval             # asks on the terminal
//! echo y | cargo run -p hypernodes-examples --bin approval    # or reads the answer from a pipe
//! cargo run -p hypernodes-examples --bin approval -- --yes    # a handler approves everything
//! ```
//!
//! `review` takes an `Interrupt<'_, Draft, bool>` parameter, which `graph!` does not wire by
//! name: the runner supplies it. `approval.ask(draft).await` goes to the first of:
//! a handler for `Draft` questions (`with_handler`, the `--yes` route); else, under
//! `AsyncRunner::iter`, the caller, who gets an `Event::Interrupt` with the question as the
//! generated [`NewsletterQuestion`] enum and answers with `respond` and the matching
//! [`NewsletterAnswer`] variant. (Under `run`, an unanswered question stops the run with
//! `Error::Interrupted`; re-run with `with_answer` to resume.)
//!
//! `write_draft` is marked `cache`: a runner that is kept, such as a service's, serves the
//! same topic's draft from its `MemoryCache` instead of writing it again.

use futures::executor::block_on_stream;
use hypernodes::{graph, node, AsyncRunner, BoxError, Event, Interrupt, MemoryCache};
use serde::{Deserialize, Serialize};
use std::error::Error;
use std::io::{BufRead, IsTerminal, Write};

/// What a reviewer approves or not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The headline.
    pub title: String,
    /// The text.
    pub body: String,
}

/// Writes the draft: the expensive step, so it is cached.
#[node(output_name = "draft", cache)]
fn write_draft(topic: &str) -> Draft {
    Draft {
        title: format!("This week in {topic}"),
        body: format!("Everything new about {topic}, in three short paragraphs."),
    }
}

/// Asks whether to publish; an unanswered question stops the run (the `?`).
#[node(output_name = "approved")]
async fn review(draft: &Draft, approval: Interrupt<'_, Draft, bool>) -> Result<bool, BoxError> {
    Ok(approval.ask(draft.clone()).await?)
}

/// Publishes the draft, or discards it.
#[node(output_name = "status")]
fn publish(draft: &Draft, approved: bool) -> String {
    if approved {
        format!("published {:?}", draft.title)
    } else {
        format!("discarded {:?}", draft.title)
    }
}

graph!(
    /// Drafts a newsletter, has it reviewed, and publishes it if approved.
    pub struct Newsletter = [write_draft, review, publish]
);

/// Asks on stdout and reads a y/n line from stdin; an empty line or the end of input is "no".
fn ask_user(draft: &Draft) -> std::io::Result<bool> {
    let mut out = std::io::stdout();
    let stdin = std::io::stdin();
    writeln!(out, "review: {}\n  {}", draft.title, draft.body)?;
    loop {
        write!(out, "publish it? [y/N] ")?;
        out.flush()?;
        // Bytes, not `read_line`: input that is not UTF-8 is just not a "y".
        let mut bytes = Vec::new();
        let read = stdin.lock().read_until(b'\n', &mut bytes)?;
        let line = String::from_utf8_lossy(&bytes);
        if !stdin.is_terminal() {
            // Show what a pipe answered, as a terminal would have.
            let echo = if read == 0 {
                "(end of input)"
            } else {
                line.trim()
            };
            writeln!(out, "{echo}")?;
        }
        match line.trim().to_lowercase().as_str() {
            "y" | "yes" => return Ok(true),
            "n" | "no" | "" => return Ok(false),
            _ => writeln!(out, "please answer y or n")?,
        }
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let auto_approve = match args.as_slice() {
        [] => false,
        [flag] if flag == "--yes" => true,
        _ => return Err("usage: approval [--yes]".into()),
    };
    let mut runner = AsyncRunner::new().with_cache(MemoryCache::new());
    if auto_approve {
        // A handler answers at once, inside the asking node: no `Event::Interrupt` then.
        runner = runner.with_handler(|_: &Draft| Some(true));
    }
    let inputs = NewsletterInputs {
        topic: "graphs".into(),
    };
    let mut events = block_on_stream(runner.iter(&Newsletter, inputs));
    while let Some(event) = events.next() {
        match event {
            Event::Interrupt { question, .. } => match question {
                NewsletterQuestion::Review(draft) => {
                    let approved = ask_user(&draft)?;
                    events.respond(NewsletterAnswer::Review(approved))?;
                }
            },
            Event::Finished(result) => {
                let outputs = result?;
                let by = if auto_approve {
                    " (by the --yes handler)"
                } else {
                    ""
                };
                let mut out = std::io::stdout();
                writeln!(out, "approved: {}{by}", outputs.approved)?;
                writeln!(out, "{}", outputs.status)?;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> NewsletterInputs {
        NewsletterInputs {
            topic: "tests".into(),
        }
    }

    #[test]
    fn the_caller_answers_through_iter() {
        let runner = AsyncRunner::new();
        let mut events = block_on_stream(runner.iter(&Newsletter, inputs()));
        let mut status = None;
        while let Some(event) = events.next() {
            match event {
                Event::Interrupt { question, .. } => {
                    let NewsletterQuestion::Review(draft) = question;
                    assert_eq!(draft.title, "This week in tests");
                    events.respond(NewsletterAnswer::Review(false)).unwrap();
                }
                Event::Finished(result) => status = Some(result.unwrap().status),
                _ => {}
            }
        }
        assert_eq!(status.as_deref(), Some("discarded \"This week in tests\""));
    }

    #[test]
    fn a_kept_runner_serves_the_draft_from_its_cache() {
        let runner = AsyncRunner::new()
            .with_cache(MemoryCache::new())
            .with_handler(|_: &Draft| Some(true));
        let cached = |events: Vec<Event<Newsletter>>| {
            events
                .iter()
                .any(|event| matches!(event, Event::NodeCached { node, .. } if node.name == "write_draft"))
        };
        let first: Vec<_> = block_on_stream(runner.iter(&Newsletter, inputs())).collect();
        let second: Vec<_> = block_on_stream(runner.iter(&Newsletter, inputs())).collect();
        assert!(!cached(first));
        assert!(cached(second));
    }
}
