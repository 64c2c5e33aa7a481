//! Word frequencies over a directory of text files, as a hypernodes graph.
//!
//! ```sh
//! cargo run -p hypernodes-examples --bin wordcount                 # the bundled corpus
//! cargo run -p hypernodes-examples --bin wordcount -- path/to/dir  # any directory of *.txt
//! cargo run -p hypernodes-examples --bin wordcount -- --top 5 --timings
//! ```
//!
//! Each step is a plain function; `graph!` wires them by name (the parameter `words` is fed
//! by the node whose output is `words`) and checks the wiring at compile time.

use hypernodes::callbacks::{Callback, GraphContext, NodeContext};
use hypernodes::{graph, node, Runner};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// One text file of the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The file name, such as `alice.txt`.
    pub name: String,
    /// The whole text.
    pub text: String,
}

/// How often each word occurs, in alphabetical order.
pub type Frequencies = BTreeMap<String, usize>;

/// Reads every `*.txt` file in `data_dir`, sorted by name.
///
/// A missing or unreadable directory is an `Err`, which stops the run with an error naming
/// this node.
#[node(output_name = "documents")]
fn load_corpus(data_dir: &Path) -> Result<Vec<Document>, std::io::Error> {
    let context = |e: std::io::Error| {
        std::io::Error::new(
            e.kind(),
            format!("cannot read corpus directory {}: {e}", data_dir.display()),
        )
    };
    let mut documents = Vec::new();
    for entry in std::fs::read_dir(data_dir).map_err(context)? {
        let path = entry.map_err(context)?.path();
        if path.extension().is_some_and(|ext| ext == "txt") && path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
            })?;
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            documents.push(Document { name, text });
        }
    }
    documents.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(documents)
}

/// Splits every document into lowercase words: runs of letters, with inner apostrophes
/// kept (`people's`) and hyphens splitting (`battle-field` is two words).
#[node(output_name = "words")]
fn tokenize(documents: &[Document]) -> Vec<String> {
    documents
        .iter()
        .flat_map(|doc| doc.text.split(|c: char| !(c.is_alphabetic() || c == '\'')))
        .map(|word| word.trim_matches('\''))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Counts each distinct word.
#[node(output_name = "frequencies")]
fn count_words(words: &[String]) -> Frequencies {
    let mut frequencies = Frequencies::new();
    for word in words {
        *frequencies.entry(word.clone()).or_default() += 1;
    }
    frequencies
}

/// The `top_n` most frequent words, most frequent first; ties in alphabetical order.
#[node(output_name = "top")]
fn top_words(frequencies: &Frequencies, top_n: usize) -> Vec<(String, usize)> {
    let mut ranked: Vec<(String, usize)> = frequencies
        .iter()
        .map(|(word, &count)| (word.clone(), count))
        .collect();
    // Stable sort: the map is alphabetical, so equal counts stay alphabetical.
    ranked.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    ranked.truncate(top_n);
    ranked
}

/// Two outputs from one function: how many words, and how many different ones.
#[node(output_name = ("total_words", "distinct_words"))]
fn word_totals(words: &[String], frequencies: &Frequencies) -> (usize, usize) {
    (words.len(), frequencies.len())
}

/// The mean length of a word, in characters (0 for an empty corpus).
#[node(output_name = "average_length")]
fn average_length(words: &[String]) -> f64 {
    if words.is_empty() {
        return 0.0;
    }
    let letters: usize = words.iter().map(|word| word.chars().count()).sum();
    letters as f64 / words.len() as f64
}

/// The human-readable report.
#[node(output_name = "report")]
fn format_report(
    data_dir: &Path,
    documents: &[Document],
    total_words: usize,
    distinct_words: usize,
    average_length: f64,
    top: &[(String, usize)],
) -> String {
    let mut out = String::new();
    let names: Vec<&str> = documents.iter().map(|doc| doc.name.as_str()).collect();
    let _ = writeln!(out, "corpus: {}", data_dir.display());
    let _ = writeln!(out, "{} documents: {}", documents.len(), names.join(", "));
    let _ = writeln!(
        out,
        "{total_words} words, {distinct_words} distinct, {average_length:.2} letters on average"
    );
    if top.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\ntop {} words:", top.len());
    let width = top
        .iter()
        .map(|(word, _)| word.chars().count())
        .max()
        .unwrap_or(0);
    let most = top[0].1.max(1);
    for (rank, (word, count)) in top.iter().enumerate() {
        let share = 100.0 * *count as f64 / total_words.max(1) as f64;
        let bar = "#".repeat((count * 30).div_ceil(most));
        let _ = writeln!(
            out,
            "{:>3}. {word:<width$} {count:>4} {share:>5.1}%  {bar}",
            rank + 1
        );
    }
    out
}

graph!(
    /// The whole pipeline. `frequencies` stays internal: only the selected outputs are
    /// returned.
    pub struct WordCount = [
        load_corpus,
        tokenize,
        count_words,
        top_words,
        word_totals,
        average_length,
        format_report,
    ] -> [report, top, total_words, distinct_words]
);

/// Prints each node's time to stderr: a callback implements only the hooks it needs.
struct Timings;

impl Callback for Timings {
    fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
        eprintln!("[timing] {:<16} {:>10.3?}", node.node.name, elapsed);
    }

    fn on_graph_end(
        &self,
        graph: &GraphContext,
        elapsed: Duration,
        result: Result<(), &hypernodes::Error>,
    ) {
        let status = if result.is_ok() { "ok" } else { "failed" };
        eprintln!(
            "[timing] graph {} {status} in {elapsed:.3?}",
            graph.graph.name
        );
    }
}

/// The corpus shipped in `examples/data`, found from any working directory.
fn bundled_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

struct Args {
    data_dir: PathBuf,
    top_n: usize,
    timings: bool,
}

const USAGE: &str = "usage: wordcount [DATA_DIR] [--top N] [--timings]";

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        data_dir: bundled_data_dir(),
        top_n: 10,
        timings: false,
    };
    let mut args = args.into_iter();
    let mut dir_given = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--timings" => parsed.timings = true,
            "--top" => {
                let value = args.next().ok_or("--top needs a number")?;
                parsed.top_n = value
                    .parse()
                    .map_err(|_| format!("--top: `{value}` is not a number"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option `{flag}`\n{USAGE}"))
            }
            dir if !dir_given => {
                parsed.data_dir = PathBuf::from(dir);
                dir_given = true;
            }
            extra => return Err(format!("unexpected argument `{extra}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let inputs = WordCountInputs {
        data_dir: args.data_dir,
        top_n: args.top_n,
    };
    // The callback is part of the runner's type, so the two runners are different types.
    let result = if args.timings {
        Runner::new().with_callback(Timings).run(&WordCount, inputs)
    } else {
        Runner::new().run(&WordCount, inputs)
    };
    match result {
        Ok(out) => {
            print!("{}", out.report);
            ExitCode::SUCCESS
        }
        Err(error) => {
            // `Error::Node` names the node and keeps the node's own error as its source.
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, text: &str) -> Document {
        Document {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn tokenize_splits_lowercases_and_keeps_inner_apostrophes() {
        let docs = [doc(
            "a.txt",
            "It was the best of times -- it WAS; people's 'hats' battle-field",
        )];
        let words = tokenize(&docs);
        assert_eq!(
            words,
            [
                "it", "was", "the", "best", "of", "times", "it", "was", "people's", "hats",
                "battle", "field"
            ]
        );
    }

    #[test]
    fn top_words_ranks_by_count_then_alphabetically() {
        let words: Vec<String> = "b a c b a d b".split(' ').map(String::from).collect();
        let frequencies = count_words(&words);
        assert_eq!(frequencies["b"], 3);
        let top = top_words(&frequencies, 3);
        assert_eq!(
            top,
            [
                ("b".to_owned(), 3),
                ("a".to_owned(), 2),
                ("c".to_owned(), 1)
            ]
        );
        assert_eq!(top_words(&frequencies, 0), []);
    }

    #[test]
    fn average_length_of_nothing_is_zero() {
        assert_eq!(average_length(&[]), 0.0);
        assert_eq!(average_length(&["ab".into(), "abcd".into()]), 3.0);
    }

    #[test]
    fn graph_on_bundled_data_is_consistent() {
        let inputs = WordCountInputs {
            data_dir: bundled_data_dir(),
            top_n: 5,
        };
        let out = Runner::new().run(&WordCount, inputs).unwrap();

        assert!(out.distinct_words > 0);
        assert!(out.distinct_words <= out.total_words);
        assert_eq!(out.top.len(), 5);
        assert!(out.top.windows(2).all(|pair| pair[0].1 >= pair[1].1));

        // Recount directly, without the graph.
        let docs = load_corpus(&bundled_data_dir()).unwrap();
        assert_eq!(docs.len(), 5);
        let words = tokenize(&docs);
        assert_eq!(out.total_words, words.len());
        let (top_word, top_count) = &out.top[0];
        assert_eq!(*top_count, words.iter().filter(|w| *w == top_word).count());
        assert!(out.report.contains(&format!("{} words", out.total_words)));
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_node() {
        let inputs = WordCountInputs {
            data_dir: "/no/such/corpus".into(),
            top_n: 5,
        };
        let error = Runner::new().run(&WordCount, inputs).unwrap_err();
        assert_eq!(error.node(), Some("load_corpus"));
        let message = error.to_string();
        assert!(message.contains("/no/such/corpus"), "{message}");
        let source = std::error::Error::source(&error).expect("keeps the io::Error");
        let io = source
            .downcast_ref::<std::io::Error>()
            .expect("an io::Error");
        assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn arguments() {
        let args = |list: &[&str]| parse_args(list.iter().map(|s| s.to_string()));
        let parsed = args(&[]).unwrap();
        assert_eq!(
            (parsed.data_dir, parsed.top_n, parsed.timings),
            (bundled_data_dir(), 10, false)
        );
        let parsed = args(&["dir", "--top", "3", "--timings"]).unwrap();
        assert_eq!(
            (parsed.data_dir, parsed.top_n, parsed.timings),
            ("dir".into(), 3, true)
        );
        assert!(args(&["--top", "x"]).is_err());
        assert!(args(&["a", "b"]).is_err());
    }
}
