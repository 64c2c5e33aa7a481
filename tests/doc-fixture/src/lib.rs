//! A crate as a user of hypernodes writes it, documented with `cargo doc`:
//! `hypernodes-tests`' `rustdoc` test reads the pages rustdoc makes of its graphs.
//! Warnings are errors, so generated items must document themselves cleanly.
#![deny(warnings, missing_docs)]

use hypernodes::{graph, node, Chunks};

/// Types of the crate's own, named by their module's path.
pub mod model {
    /// A parsed line.
    #[derive(Clone, Debug)]
    pub struct Record {
        /// Its words.
        pub words: Vec<String>,
    }
}

/// Splits a text into lines.
#[node(output_name = "lines")]
pub fn split(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Parses one line.
#[node(output_name = "record")]
pub fn parse(line: &str) -> model::Record {
    let words = line.split_whitespace().map(str::to_owned).collect();
    model::Record { words }
}

/// Counts the words of one record, streaming each word.
#[node(output_name = "count")]
pub fn count(record: &model::Record, seen: Chunks<'_, String>) -> usize {
    for word in &record.words {
        seen.send(word.clone());
    }
    record.words.len()
}

graph!(
    /// One line: parsed, then counted.
    pub struct Line = [parse, count]
);

/// The total of the counts, scaled.
#[node(output_name = "total")]
pub fn total(counts: &[usize], scale: u64) -> u64 {
    counts.iter().map(|&c| c as u64).sum::<u64>() * scale
}

graph!(
    /// A whole text: every line through [`Line`], then the total.
    pub struct Text = [split, Line { line: each(lines) } -> { count: counts, .. }, total]
);
