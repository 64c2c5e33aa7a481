//! Nodes and graphs defined in a library crate, so that the integration tests can check
//! that `graph!` wires nodes from another crate.
#![deny(warnings, missing_docs)]

/// Text-processing stages.
pub mod stages {
    use hypernodes::node;

    /// Splits text into lowercase words.
    #[node(output_name = "words")]
    pub fn tokenize(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_lowercase).collect()
    }

    /// Counts the words.
    #[node(output_name = "count")]
    pub fn count_words(words: &[String]) -> usize {
        words.len()
    }
}

/// A graph defined in this crate, usable as a node elsewhere.
pub mod graphs {
    use crate::stages::{count_words, tokenize};
    hypernodes::graph!(
        /// Counts the words of a text.
        pub struct WordCount = [tokenize, count_words]
    );
}
