//! Word frequencies and vocabulary growth over a directory of text files, with hypernodes.
//!
//! ```sh
//! cargo run -p hypernodes-examples --bin wordcount                 # the bundled corpus
//! cargo run -p hypernodes-examples --bin wordcount                 # again: served from the cache
//! cargo run -p hypernodes-examples --bin wordcount -- path/to/dir  # any directory of *.txt
//! cargo run -p hypernodes-examples --bin wordcount -- --top 5 --timings --no-cache
//! cargo run -p hypernodes-examples --bin wordcount -- --diagram docs/wordcount.svg
//! ```
//!
//! Think singular: [`AnalyzeDocument`] is written for ONE document (tokenize, count, measure
//! how its vocabulary grows). [`WordCount`] lists it with `each(documents)`, so it runs
//! once per document, in parallel, with `shuffles` shared by all; [`Corpus`], listed
//! beside it, merges the per-document counts into the corpus report. (`Runner::map` runs
//! the same graph over the documents on its own: see `map_documents`.)
//!
//! The expensive node, `vocabulary_growth`, is marked `cache`: its outputs are kept in a
//! `DiskCache` under the target directory, so the second run reuses them and says so.
//!
//! `--diagram PATH` draws [`Corpus`] to PATH (`.svg`, `.dot` or `.mmd`) after the run,
//! with the run's profile recorded by a `RunRecord`: each node's time, share and shading.

use hypernodes::callbacks::{
    Callback, GraphContext, MapContext, NodeContext, ProgressCallback, RunRecord,
};
use hypernodes::viz::Diagram;
use hypernodes::{
    each, fixed, graph, node, BoxError, Cache, CacheError, DiskCache, MapMode, NoCache, Runner,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One text file of the corpus. (serde: `cluster_wordcount` sends documents between
/// processes.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The file name, such as `alice.txt`.
    pub name: String,
    /// The whole text.
    pub text: String,
}

/// How often each word occurs, in alphabetical order.
pub type Frequencies = BTreeMap<String, usize>;

/// Reads every `*.txt` file in `data_dir`, sorted by name. Plain code: the graphs start
/// from the documents it returns.
pub fn load_corpus(data_dir: &Path) -> std::io::Result<Vec<Document>> {
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

// ---------------------------------------------------------------------------------------
// One document.

/// Splits a document into lowercase words: runs of letters, with inner apostrophes kept
/// (`people's`) and hyphens splitting (`battle-field` is two words).
#[node(output_name = "words")]
fn tokenize(document: &Document) -> Vec<String> {
    document
        .text
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
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

/// The prefix lengths at which [`vocabulary_growth`] measures a document.
const SAMPLE_SIZES: [usize; 4] = [25, 50, 100, 200];

/// How a document's vocabulary grows as it is read: for `n` in [`SAMPLE_SIZES`] (up to the
/// document's length), the expected number of distinct words among `n` of its words.
/// Unlike distinct/total, it compares documents of different lengths fairly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VocabularyGrowth {
    /// `(n, expected distinct words among n words)`, by increasing `n`.
    pub points: Vec<(usize, f64)>,
}

impl VocabularyGrowth {
    /// The expected number of distinct words among `n` words, if `n` was measured.
    pub fn at(&self, n: usize) -> Option<f64> {
        self.points.iter().find(|(size, _)| *size == n).map(|p| p.1)
    }
}

/// Estimates the [`VocabularyGrowth`] by reading the words in `shuffles` random orders
/// (seeded, so the result is the same on every run).
///
/// Monte Carlo is deliberately the slow way (an exact formula exists, see the tests): it is
/// the expensive node, so it is the one worth caching. The cache key covers this function's
/// tokens, its inputs' values and `version`; it does not see `SplitMix64`, `shuffle` or
/// `SAMPLE_SIZES`, so bump `version` when you change those.
#[node(output_name = "growth", cache, version = "1")]
fn vocabulary_growth(words: &[String], shuffles: u32) -> VocabularyGrowth {
    let sizes: Vec<usize> = SAMPLE_SIZES
        .into_iter()
        .filter(|&n| n <= words.len())
        .collect();
    let mut order: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut totals = vec![0usize; sizes.len()];
    let mut rng = SplitMix64(0x5eed);
    let mut seen = HashSet::new();
    for _ in 0..shuffles {
        shuffle(&mut order, &mut rng);
        seen.clear();
        let mut next = 0;
        for (read, word) in order.iter().enumerate() {
            if next == sizes.len() {
                break;
            }
            seen.insert(*word);
            if read + 1 == sizes[next] {
                totals[next] += seen.len();
                next += 1;
            }
        }
    }
    let points = sizes
        .into_iter()
        .zip(totals)
        .map(|(n, total)| (n, total as f64 / f64::from(shuffles.max(1))))
        .collect();
    VocabularyGrowth { points }
}

/// A small deterministic random number generator (SplitMix64).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// Fisher–Yates.
fn shuffle<T>(items: &mut [T], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

graph!(
    /// What the example computes for ONE document; `Runner::map` runs it for each.
    pub struct AnalyzeDocument = [tokenize, count_words, vocabulary_growth]
        -> [frequencies, growth]
);

// ---------------------------------------------------------------------------------------
// The whole corpus, from the per-document results.

/// Adds up the per-document counts.
#[node(output_name = "frequencies")]
fn merge_counts(document_frequencies: &[Frequencies]) -> Frequencies {
    let mut merged = Frequencies::new();
    for frequencies in document_frequencies {
        for (word, count) in frequencies {
            *merged.entry(word.clone()).or_default() += count;
        }
    }
    merged
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
fn word_totals(frequencies: &Frequencies) -> (usize, usize) {
    (frequencies.values().sum(), frequencies.len())
}

/// The mean length of a word, in characters (0 for an empty corpus).
#[node(output_name = "average_length")]
fn average_length(frequencies: &Frequencies) -> f64 {
    let (mut letters, mut words) = (0, 0);
    for (word, count) in frequencies {
        letters += word.chars().count() * count;
        words += count;
    }
    if words == 0 {
        return 0.0;
    }
    letters as f64 / words as f64
}

/// The human-readable report.
#[node(output_name = "report")]
#[allow(clippy::too_many_arguments)]
fn format_report(
    data_dir: &Path,
    document_names: &[String],
    document_frequencies: &[Frequencies],
    document_growth: &[VocabularyGrowth],
    total_words: usize,
    distinct_words: usize,
    average_length: f64,
    top: &[(String, usize)],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "corpus: {} ({} documents)\n",
        data_dir.display(),
        document_names.len()
    );
    let name_width = document_names
        .iter()
        .map(|name| name.chars().count())
        .chain([8])
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "{:<name_width$}  words  distinct  distinct among 100 words",
        "document"
    );
    let rows = document_names
        .iter()
        .zip(document_frequencies)
        .zip(document_growth);
    for ((name, frequencies), growth) in rows {
        let words: usize = frequencies.values().sum();
        let per_100 = growth
            .at(100)
            .map_or_else(|| "-".to_owned(), |d| format!("{d:.1}"));
        let _ = writeln!(
            out,
            "{name:<name_width$}  {words:>5}  {:>8}  {per_100:>24}",
            frequencies.len()
        );
    }
    let _ = writeln!(
        out,
        "\n{total_words} words, {distinct_words} distinct, {average_length:.2} letters on average"
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
    /// The reduce step. `frequencies` stays internal: only the selected outputs are
    /// returned.
    pub struct Corpus = [merge_counts, top_words, word_totals, average_length, format_report]
        -> [report, top, total_words, distinct_words]
);

// ---------------------------------------------------------------------------------------
// Running it.

/// Settings shared by every document or used by the reduce step.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// How many of the most frequent words to list.
    pub top_n: usize,
    /// How many random orders [`vocabulary_growth`] reads each document in.
    pub shuffles: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            top_n: 10,
            shuffles: 1500,
        }
    }
}

graph!(
    /// The whole computation: [`AnalyzeDocument`] mapped over the documents (each output
    /// becomes a list, in document order, renamed for [`Corpus`]), then the reduce step.
    pub struct WordCount = [
        AnalyzeDocument { document: each(documents) }
            -> { frequencies: document_frequencies, growth: document_growth },
        Corpus,
    ]
);

/// Loads the corpus and runs [`WordCount`] over it on `runner` (so with its cache and
/// callbacks).
pub fn count_corpus<C, K>(
    runner: &Runner<C, K>,
    data_dir: &Path,
    settings: &Settings,
) -> Result<CorpusOutputs, BoxError>
where
    C: Callback + Sync,
    K: Cache,
{
    let documents = load_corpus(data_dir)?;
    let document_names = documents.iter().map(|doc| doc.name.clone()).collect();
    // The documents run in parallel; the first failing one stops the run.
    let out = runner.run(
        &WordCount,
        WordCountInputs {
            documents,
            shuffles: settings.shuffles,
            data_dir: data_dir.to_owned(),
            document_names,
            top_n: settings.top_n,
        },
    )?;
    Ok(CorpusOutputs {
        report: out.report,
        top: out.top,
        total_words: out.total_words,
        distinct_words: out.distinct_words,
    })
}

/// As [`count_corpus`], with the map written out: `Runner::map` runs [`AnalyzeDocument`]
/// over the documents, then [`Corpus`] reduces the results.
pub fn map_documents<C, K>(
    runner: &Runner<C, K>,
    data_dir: &Path,
    settings: &Settings,
) -> Result<CorpusOutputs, BoxError>
where
    C: Callback + Sync,
    K: Cache,
{
    let documents = load_corpus(data_dir)?;
    let document_names = documents.iter().map(|doc| doc.name.clone()).collect();
    let inputs = AnalyzeDocumentMapInputs {
        document: each(documents),          // one item per document, moved into it
        shuffles: fixed(settings.shuffles), // the same for every item
    };
    // In parallel; results come back in input order. The first failing document would
    // stop the map (`map_results` would keep the others).
    let analyzed = runner.map(&AnalyzeDocument, inputs, MapMode::Zip)?;
    let (document_frequencies, document_growth) = analyzed
        .into_iter()
        .map(|doc| (doc.frequencies, doc.growth))
        .unzip();
    let corpus = runner.run(
        &Corpus,
        CorpusInputs {
            data_dir: data_dir.to_owned(),
            document_names,
            document_frequencies,
            document_growth,
            top_n: settings.top_n,
        },
    )?;
    Ok(corpus)
}

/// Which map items were served from the cache, and how long the map took.
#[derive(Default)]
pub struct CacheReport {
    items: AtomicUsize,
    cached: Mutex<BTreeSet<usize>>,
    map_elapsed: Mutex<Duration>,
}

impl CacheReport {
    /// (documents with a cached result, documents, time the map took).
    pub fn summary(&self) -> (usize, usize, Duration) {
        let cached = self.cached.lock().unwrap_or_else(|e| e.into_inner()).len();
        let elapsed = *self.map_elapsed.lock().unwrap_or_else(|e| e.into_inner());
        (cached, self.items.load(Ordering::Relaxed), elapsed)
    }
}

impl Callback for CacheReport {
    fn on_map_start(&self, map: &MapContext) {
        self.items.store(map.items, Ordering::Relaxed);
    }

    fn on_node_cached(&self, node: &NodeContext) {
        if let Some(item) = node.item {
            let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
            cached.insert(item);
        }
    }

    fn on_map_end(&self, _: &MapContext, elapsed: Duration) {
        *self.map_elapsed.lock().unwrap_or_else(|e| e.into_inner()) = elapsed;
    }

    /// A failing cache never fails the run: the node is computed instead.
    fn on_cache_error(&self, node: &NodeContext, error: &CacheError) {
        eprintln!(
            "warning: cache error in `{}` ({}); computed it instead",
            node.node.name,
            hypernodes::Report::new(error)
        );
    }
}

/// Prints each node's time to stderr: a callback implements only the hooks it needs.
struct Timings;

fn item_label(item: Option<usize>) -> String {
    item.map_or_else(String::new, |item| format!(" [document {item}]"))
}

impl Callback for Timings {
    fn on_node_end(&self, node: &NodeContext, elapsed: Duration) {
        let item = item_label(node.item);
        eprintln!("[timing] {:<18} {elapsed:>10.3?}{item}", node.node.name);
    }

    fn on_node_cached(&self, node: &NodeContext) {
        let item = item_label(node.item);
        eprintln!("[timing] {:<18} {:>10}{item}", node.node.name, "cached");
    }

    fn on_map_end(&self, map: &MapContext, elapsed: Duration) {
        eprintln!(
            "[timing] map {} over {} documents in {elapsed:.3?}",
            map.graph.name, map.items
        );
    }

    fn on_graph_end(
        &self,
        graph: &GraphContext,
        elapsed: Duration,
        result: Result<(), &hypernodes::Error>,
    ) {
        if graph.item.is_none() {
            let status = if result.is_ok() { "ok" } else { "failed" };
            eprintln!(
                "[timing] graph {} {status} in {elapsed:.3?}",
                graph.graph.name
            );
        }
    }
}

/// The corpus shipped in `examples/data`, found from any working directory.
pub fn bundled_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// `$CARGO_TARGET_DIR/hypernodes-example-cache`, else under the workspace's `target/`.
pub fn cache_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.canonicalize().unwrap_or(workspace).join("target"));
    target.join("hypernodes-example-cache")
}

struct Args {
    data_dir: PathBuf,
    settings: Settings,
    timings: bool,
    cache: bool,
    /// `--diagram PATH`: where to draw the corpus graph and the run's profile.
    diagram: Option<PathBuf>,
}

const USAGE: &str = "usage: wordcount [DATA_DIR] [--top N] [--shuffles N] [--timings] [--no-cache] [--diagram PATH]";

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        data_dir: bundled_data_dir(),
        settings: Settings::default(),
        timings: false,
        cache: true,
        diagram: None,
    };
    let mut args = args.into_iter();
    let mut dir_given = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--timings" => parsed.timings = true,
            "--no-cache" => parsed.cache = false,
            "--diagram" => {
                let path = args
                    .next()
                    .ok_or("--diagram needs a path (.svg, .dot or .mmd)")?;
                parsed.diagram = Some(PathBuf::from(path));
            }
            "--top" | "--shuffles" => {
                let value = args.next().ok_or(format!("{arg} needs a number"))?;
                let number = || format!("{arg}: `{value}` is not a number");
                if arg == "--top" {
                    parsed.settings.top_n = value.parse().map_err(|_| number())?;
                } else {
                    parsed.settings.shuffles = value.parse().map_err(|_| number())?;
                }
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

/// Runs the example with `cache` (the runner's type depends on the cache's type).
fn run_with<K: Cache>(
    args: &Args,
    cache: K,
    report: &CacheReport,
    record: &RunRecord,
) -> Result<CorpusOutputs, BoxError> {
    let runner = Runner::new()
        .with_cache(cache)
        .with_callback(ProgressCallback::new()) // drawn only when stderr is a terminal
        .with_callback(report)
        .with_callback(args.timings.then_some(Timings))
        .with_callback(args.diagram.is_some().then_some(record));
    count_corpus(&runner, &args.data_dir, &args.settings)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let report = CacheReport::default();
    let record = RunRecord::new();
    let cache_dir = cache_dir();
    let (result, cached) = if !args.cache {
        (run_with(&args, NoCache, &report, &record), false)
    } else {
        match DiskCache::new(&cache_dir) {
            Ok(cache) => (run_with(&args, cache, &report, &record), true),
            Err(error) => {
                eprintln!("warning: {}; running without a cache", error.report());
                (run_with(&args, NoCache, &report, &record), false)
            }
        }
    };
    // Drawn whether the run succeeded or not: a failed node is marked in red.
    if let Some(path) = &args.diagram {
        let diagram = Diagram::of(&Corpus).with_record(&record);
        match diagram.save(path) {
            Ok(()) => eprintln!("diagram of Corpus written to {}", path.display()),
            Err(error) => {
                eprintln!("error: {}", error.report());
                return ExitCode::FAILURE;
            }
        }
    }
    let out = match result {
        Ok(out) => out,
        Err(error) => {
            // A node's error names the node and graph, and keeps the original as its
            // source: `Report` prints the chain (`anyhow` would walk it the same way).
            eprintln!("error: {}", hypernodes::Report::new(&*error));
            return ExitCode::FAILURE;
        }
    };
    print!("{}", out.report);
    let (hits, documents, map_elapsed) = report.summary();
    println!();
    if !cached {
        println!("cache: off; per-document map took {map_elapsed:.1?}");
    } else if hits == 0 {
        println!(
            "cache: 0 of {documents} document results came from the cache (map {map_elapsed:.1?}); \
             saved to {}",
            cache_dir.display()
        );
    } else {
        println!(
            "cache: {hits} of {documents} document results came from the cache (map {map_elapsed:.1?})"
        );
    }
    println!("finished in {:.1?}", start.elapsed());
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use hypernodes::MemoryCache;

    fn doc(name: &str, text: &str) -> Document {
        Document {
            name: name.into(),
            text: text.into(),
        }
    }

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(String::from).collect()
    }

    /// Fewer shuffles than the binary: enough for the checks, quick in debug builds.
    fn settings() -> Settings {
        Settings {
            top_n: 5,
            shuffles: 300,
        }
    }

    #[test]
    fn tokenize_splits_lowercases_and_keeps_inner_apostrophes() {
        let words = tokenize(&doc(
            "a.txt",
            "It was the best of times -- it WAS; people's 'hats' battle-field",
        ));
        assert_eq!(
            words,
            [
                "it", "was", "the", "best", "of", "times", "it", "was", "people's", "hats",
                "battle", "field"
            ]
        );
    }

    #[test]
    fn counts_merge_and_rank_by_count_then_alphabetically() {
        let merged = merge_counts(&[count_words(&words("b a c")), count_words(&words("b a d b"))]);
        assert_eq!(merged["b"], 3);
        assert_eq!(word_totals(&merged), (7, 4));
        let top = top_words(&merged, 3);
        assert_eq!(
            top,
            [
                ("b".to_owned(), 3),
                ("a".to_owned(), 2),
                ("c".to_owned(), 1)
            ]
        );
        assert_eq!(top_words(&merged, 0), []);
    }

    #[test]
    fn average_length_weighs_words_by_count() {
        assert_eq!(average_length(&Frequencies::new()), 0.0);
        assert_eq!(
            average_length(&count_words(&words("ab abcd abcd"))),
            10.0 / 3.0
        );
    }

    /// The exact expectation: a word occurring `f` times among `total` is missing from `n`
    /// words drawn without replacement with probability C(total - f, n) / C(total, n).
    fn exact_distinct(words: &[String], n: usize) -> f64 {
        let total = words.len();
        count_words(words)
            .values()
            .map(|&f| {
                let missing: f64 = (0..n)
                    .map(|j| (total - f).saturating_sub(j) as f64 / (total - j) as f64)
                    .product();
                1.0 - missing
            })
            .sum()
    }

    #[test]
    fn vocabulary_growth_matches_the_exact_expectation() {
        let docs = load_corpus(&bundled_data_dir()).unwrap();
        let words = tokenize(&docs[0]);
        assert!(words.len() >= 200, "alice.txt has {} words", words.len());
        let growth = vocabulary_growth(&words, 2000);
        assert_eq!(
            growth.points.iter().map(|p| p.0).collect::<Vec<_>>(),
            SAMPLE_SIZES
        );
        for &(n, estimate) in &growth.points {
            let exact = exact_distinct(&words, n);
            assert!(
                (estimate - exact).abs() < 0.5,
                "n={n}: {estimate} vs {exact}"
            );
        }
        assert_eq!(growth, vocabulary_growth(&words, 2000), "deterministic");
        // Sizes beyond the document are left out; every word differs in a short text.
        let short = vocabulary_growth(&words[..30], 10);
        assert_eq!(short.points.len(), 1);
        assert!(short.at(100).is_none());
    }

    #[test]
    fn the_nested_map_gives_what_runner_map_gives() {
        let runner = Runner::new();
        let nested = count_corpus(&runner, &bundled_data_dir(), &settings()).unwrap();
        let mapped = map_documents(&runner, &bundled_data_dir(), &settings()).unwrap();
        assert_eq!(nested.report, mapped.report);
        assert_eq!(nested.top, mapped.top);
    }

    #[test]
    fn graphs_on_bundled_data_match_a_direct_computation() {
        let out = count_corpus(&Runner::new(), &bundled_data_dir(), &settings()).unwrap();

        // Recount directly, without the graphs.
        let docs = load_corpus(&bundled_data_dir()).unwrap();
        assert_eq!(docs.len(), 5);
        let all_words: Vec<String> = docs.iter().flat_map(tokenize).collect();
        let frequencies = count_words(&all_words);
        assert_eq!(out.total_words, all_words.len());
        assert_eq!(out.distinct_words, frequencies.len());
        assert_eq!(out.top, top_words(&frequencies, 5));
        assert!(out.report.contains(&format!("{} words", out.total_words)));
        for doc in &docs {
            let line = out
                .report
                .lines()
                .find(|l| l.starts_with(&doc.name))
                .unwrap();
            assert!(
                line.contains(&format!(" {} ", tokenize(doc).len())),
                "{line}"
            );
        }
    }

    #[test]
    fn the_second_run_comes_from_the_cache() {
        let dir = std::env::temp_dir().join(format!("hn-wordcount-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let run = || {
            let report = CacheReport::default();
            let runner = Runner::new()
                .with_cache(DiskCache::new(&dir).unwrap())
                .with_callback(&report);
            let out = count_corpus(&runner, &bundled_data_dir(), &settings()).unwrap();
            let (hits, items, _) = report.summary();
            (out.report, hits, items)
        };
        let (first, hits, items) = run();
        assert_eq!((hits, items), (0, 5));
        let (second, hits, items) = run();
        assert_eq!((hits, items), (5, 5));
        assert_eq!(first, second);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn changed_settings_recompute_only_what_they_feed() {
        let cache = MemoryCache::new();
        let report = CacheReport::default();
        let runner = Runner::new().with_cache(&cache).with_callback(&report);
        let data = bundled_data_dir();
        count_corpus(&runner, &data, &settings()).unwrap();
        // `top_n` only feeds the reduce step: every document's growth is reused.
        let more = Settings {
            top_n: 20,
            ..settings()
        };
        count_corpus(&runner, &data, &more).unwrap();
        assert_eq!(report.summary().0, 5);
        // `shuffles` is an input of the cached node, so it is part of its key.
        let report = CacheReport::default();
        let runner = Runner::new().with_cache(&cache).with_callback(&report);
        let other = Settings {
            shuffles: 10,
            ..settings()
        };
        count_corpus(&runner, &data, &other).unwrap();
        assert_eq!(report.summary().0, 0);
    }

    #[test]
    fn the_diagram_draws_the_corpus_graph_with_the_run_profile() {
        let record = RunRecord::new();
        let runner = Runner::new().with_callback(&record);
        count_corpus(&runner, &bundled_data_dir(), &settings()).unwrap();
        let path = std::env::temp_dir().join(format!("hn-wordcount-{}.svg", std::process::id()));
        Diagram::of(&Corpus)
            .with_record(&record)
            .save(&path)
            .unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        for node in [
            "merge_counts",
            "top_words",
            "word_totals",
            "average_length",
            "format_report",
        ] {
            assert!(svg.contains(&format!(">{node}</text>")), "{node}");
        }
        // Every node ran once, so every box has a time and a share.
        assert_eq!(svg.matches("%</text>").count(), 5, "{svg}");
    }

    #[test]
    fn a_missing_directory_is_an_io_error_naming_it() {
        let error =
            count_corpus(&Runner::new(), Path::new("/no/such/corpus"), &settings()).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("/no/such/corpus"), "{message}");
        let io = error
            .downcast_ref::<std::io::Error>()
            .expect("an io::Error");
        assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn arguments() {
        let args = |list: &[&str]| parse_args(list.iter().map(|s| s.to_string()));
        let parsed = args(&[]).unwrap();
        assert_eq!(
            (
                parsed.data_dir,
                parsed.settings,
                parsed.timings,
                parsed.cache
            ),
            (bundled_data_dir(), Settings::default(), false, true)
        );
        assert_eq!(parsed.diagram, None);
        let parsed = args(&["--diagram", "out.svg"]).unwrap();
        assert_eq!(parsed.diagram, Some(PathBuf::from("out.svg")));
        assert!(args(&["--diagram"]).is_err());
        let parsed = args(&[
            "dir",
            "--top",
            "3",
            "--timings",
            "--no-cache",
            "--shuffles",
            "7",
        ])
        .unwrap();
        assert_eq!(
            (
                parsed.data_dir,
                parsed.settings,
                parsed.timings,
                parsed.cache
            ),
            (
                "dir".into(),
                Settings {
                    top_n: 3,
                    shuffles: 7
                },
                true,
                false
            )
        );
        assert!(args(&["--top", "x"]).is_err());
        assert!(args(&["--shuffles"]).is_err());
        assert!(args(&["a", "b"]).is_err());
    }
}
