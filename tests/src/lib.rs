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

    /// Streams each word's length, and asks whether to keep the longest.
    #[node(output_name = "longest")]
    pub async fn longest_word(
        words: &[String],
        lengths: hypernodes::Chunks<'_, usize>,
        keep: hypernodes::Interrupt<'_, String, bool>,
    ) -> Result<Option<String>, hypernodes::BoxError> {
        words.iter().for_each(|word| lengths.send(word.len()));
        let Some(longest) = words.iter().max_by_key(|word| word.len()) else {
            return Ok(None);
        };
        Ok(keep.ask(longest.clone()).await?.then(|| longest.clone()))
    }
}

/// A graph defined in this crate, usable as a node elsewhere.
pub mod graphs {
    use crate::stages::{count_words, tokenize};
    hypernodes::graph!(
        /// Counts the words of a text.
        pub struct WordCount = [tokenize, count_words]
    );

    use crate::stages::longest_word;
    hypernodes::graph!(
        /// Finds the longest word of a text, streaming word lengths and asking to keep it.
        pub struct Longest = [tokenize, longest_word]
    );
}
