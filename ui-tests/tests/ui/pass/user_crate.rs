//! A user crate as strict as they come: generated code must add no warning, no missing
//! doc, and no unsafe code.
#![deny(warnings, missing_docs)]
#![forbid(unsafe_code)]

/// Text stages, public.
pub mod text {
    use hypernodes::node;
    use std::fmt;

    /// Why a text could not be parsed.
    #[derive(Debug)]
    pub struct ParseError(pub String);

    impl fmt::Display for ParseError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "cannot parse `{}`", self.0)
        }
    }

    impl std::error::Error for ParseError {}

    /// Splits text into words; borrows the text (`&str` fed by a `String`).
    #[node(output_name = "words")]
    pub fn tokenize(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    /// Counts words; borrows them (`&[T]` fed by a `Vec<T>`).
    #[node(output_name = "count")]
    pub fn count_words(words: &[String]) -> usize {
        words.len()
    }

    /// Shortest and longest word length: two outputs.
    #[node(output_name = ("shortest", "longest"))]
    pub fn extremes(words: &[String]) -> (usize, usize) {
        let lengths = words.iter().map(String::len);
        (
            lengths.clone().min().unwrap_or(0),
            lengths.max().unwrap_or(0),
        )
    }

    /// Parses the first word as a number: a fallible node.
    #[node(output_name = "first_number")]
    pub fn parse_first(words: &[String]) -> Result<i64, ParseError> {
        let first = words.first().cloned().unwrap_or_default();
        first.parse().map_err(|_| ParseError(first))
    }
}

/// Private stages.
mod scoring {
    use hypernodes::node;

    /// An async node that needs no runtime.
    #[node(output_name = "score")]
    pub(crate) async fn score(count: usize, first_number: i64) -> i64 {
        count as i64 * first_number
    }

    /// A private node, taking a value that two nodes consume by value (cloned once).
    #[node(output_name = "report")]
    fn report(score: i64, label: String, count: usize) -> String {
        format!("{label}: {score} over {count} words")
    }

    /// Another consumer of `label` by value.
    #[node(output_name = "shout")]
    fn shout(label: String) -> String {
        label.to_uppercase()
    }

    hypernodes::graph!(
        /// Scores a text and reports it.
        pub(crate) struct Report = [score, report, shout]
    );
}

/// The graphs.
pub mod graphs {
    use crate::text::{count_words, extremes, parse_first, tokenize};
    use hypernodes::graph;

    graph!(
        /// Every output of the text stages.
        pub struct Stats = [tokenize, count_words, extremes, parse_first]
    );

    graph!(
        /// Only the word count: `extremes` and `parse_first` do not run.
        pub struct Count = [tokenize, count_words, extremes, parse_first] -> [count]
    );
}

mod nested {
    use crate::graphs::Stats;
    use crate::scoring::Report;

    hypernodes::graph!(
        /// A graph whose entries are graphs.
        pub(crate) struct Full = [Stats, Report] -> [report, shout, longest]
    );
}

/// Cached nodes, a map, and an input that is not `Clone`.
pub mod batch {
    use hypernodes::{graph, node};

    /// A handle that cannot be cloned, only lent.
    pub struct Handle(pub u32);

    /// Squares a number; cached.
    #[node(output_name = "squared", cache, version = "1")]
    pub fn square(n: u64) -> u64 {
        n * n
    }

    /// Tags a result with a handle it only borrows.
    #[node(output_name = "tagged")]
    fn tag(squared: u64, handle: &Handle) -> String {
        format!("{}#{squared}", handle.0)
    }

    graph!(
        /// Squares, for mapping.
        pub struct Squares = [square]
    );

    graph!(
        /// Tags with a handle that is not `Clone`.
        pub struct Tagged = [square, tag] -> [tagged]
    );
}

/// A streaming node and an asking node, and a graph that lists their graph: the
/// generated `Chunk`, `Question` and `Answer` enums must be documented and warning-free.
pub mod editorial {
    use hypernodes::{graph, node, BoxError, Chunks, Interrupt};

    /// A partial draft, streamed while the draft is written.
    #[derive(Debug)]
    pub struct Line(pub String);

    /// What a reviewer is asked.
    #[derive(Debug, Clone)]
    pub struct Proposal {
        /// The draft to approve.
        pub draft: String,
    }

    /// Writes a draft line by line, streaming each line; private, in a public graph.
    #[node(output_name = "draft")]
    fn compose_draft(topic: &str, lines: Chunks<'_, Line>) -> String {
        let draft = [format!("On {topic}."), "The end.".to_owned()];
        for line in &draft {
            lines.send(Line(line.clone()));
        }
        draft.join(" ")
    }

    /// Asks whether to publish the draft: an async node that waits for the answer.
    #[node(output_name = "approved")]
    pub async fn request_approval(
        draft: String,
        reviewer: Interrupt<'_, Proposal, bool>,
    ) -> Result<bool, BoxError> {
        Ok(reviewer.ask(Proposal { draft }).await?)
    }

    /// Turns the verdict into a headline.
    #[node(output_name = "headline")]
    pub fn headline(approved: bool, topic: String) -> String {
        if approved {
            topic.to_uppercase()
        } else {
            "(held back)".to_owned()
        }
    }

    graph!(
        /// Drafts, streaming lines, then asks for approval.
        pub struct Editorial = [compose_draft, request_approval]
    );

    graph!(
        /// A graph listing `Editorial`: its enums nest `Editorial`'s.
        pub struct Newsroom = [Editorial, headline]
    );
}

use batch::{Handle, Squares, SquaresMapInputs, Tagged, TaggedInputs};
use editorial::{
    Editorial, EditorialAnswer, EditorialChunk, EditorialInputs, EditorialQuestion, Line, Newsroom,
    NewsroomAnswer, NewsroomChunk, NewsroomInputs, NewsroomQuestion, Proposal,
};
use graphs::{Count, CountInputs, Stats, StatsInputs};
use hypernodes::Runner;
use nested::{Full, FullInputs};

fn main() -> Result<(), hypernodes::Error> {
    let runner = Runner::new();

    let stats = runner.run(
        &Stats,
        StatsInputs {
            text: "7 ab abcd".to_owned(),
        },
    )?;
    assert_eq!(stats.words.len(), 3);
    assert_eq!((stats.count, stats.shortest, stats.longest), (3, 1, 4));
    assert_eq!(stats.first_number, 7);

    let count = runner.run(
        &Count,
        CountInputs {
            text: "a b".to_owned(),
        },
    )?;
    assert_eq!(count.count, 2);

    let full = runner.run(
        &Full,
        FullInputs {
            text: "2 words here".to_owned(),
            label: "demo".to_owned(),
        },
    )?;
    assert_eq!(full.report, "demo: 6 over 3 words");
    assert_eq!(full.shout, "DEMO");
    assert_eq!(full.longest, 5);

    let failed = runner.run(
        &Stats,
        StatsInputs {
            text: "x".to_owned(),
        },
    );
    assert!(failed.is_err());

    let cached = Runner::new()
        .with_cache(hypernodes::MemoryCache::new())
        .with_callback(hypernodes::callbacks::TracingCallback::new());
    let squares = cached.map(
        &Squares,
        SquaresMapInputs {
            n: hypernodes::each(1..=3),
        },
        hypernodes::MapMode::Zip,
    )?;
    assert_eq!(squares.iter().map(|o| o.squared).sum::<u64>(), 14);
    let tagged = cached.run(
        &Tagged,
        TaggedInputs {
            n: 3,
            handle: Handle(7),
        },
    )?;
    assert_eq!(tagged.tagged, "7#9");

    // Nothing answers: the run stops with the question.
    let newsroom = || NewsroomInputs {
        topic: "rust".to_owned(),
    };
    let stopped = runner.run(&Newsroom, newsroom());
    assert!(matches!(
        stopped,
        Err(hypernodes::Error::Interrupted { .. })
    ));
    // A handler answers.
    let approving =
        Runner::new().with_handler(|proposal: &Proposal| Some(proposal.draft.contains("rust")));
    let published = approving.run(&Newsroom, newsroom())?;
    assert_eq!(published.headline, "RUST");
    assert!(published.approved);
    assert_eq!(published.draft, "On rust. The end.");
    // The generated enums, by name.
    let chunk = NewsroomChunk::Editorial(EditorialChunk::ComposeDraft(Line("x".to_owned())));
    let question = NewsroomQuestion::Editorial(EditorialQuestion::RequestApproval(Proposal {
        draft: "x".to_owned(),
    }));
    let answer = NewsroomAnswer::Editorial(EditorialAnswer::RequestApproval(true));
    assert!(format!("{chunk:?} {question:?} {answer:?}").contains("RequestApproval"));
    let declined = Runner::new().with_handler(|_: &Proposal| Some(false)).run(
        &Editorial,
        EditorialInputs {
            topic: "c".to_owned(),
        },
    )?;
    assert!(!declined.approved);
    Ok(())
}
