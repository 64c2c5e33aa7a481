//! Reading the user's source file around a token, for the few checks a proc macro cannot
//! make from its input alone (a node written in an `impl` block, a graph declared twice).
//!
//! Since Rust 1.88 a span tells its file, line and column. The token's text at that place
//! is replaced by a marker, and the file parsed: where the marker lands says where the
//! token is. Anything uncertain (no file, another text there, a file that does not parse)
//! gives `None`, and the caller expands as usual.

use std::path::PathBuf;

/// Replaces the token in the second parse: no Rust code names this.
pub(crate) const MARKER: &str = "__hn_source_marker";

/// The file, line and column (both 1-based) of `ident`, when a compiler is running.
pub(crate) fn position(ident: &proc_macro2::Ident) -> Option<(PathBuf, usize, usize)> {
    // Outside a compiler (the unit tests of this crate) there is no source file to read.
    if !proc_macro::is_available() {
        return None;
    }
    let span = ident.span().unwrap();
    Some((span.local_file()?, span.line(), span.column()))
}

/// `text` with `name`, written at `line` and `column` (1-based; the column in bytes or in
/// characters: both are tried, as the docs disagree on which rustc gives), replaced by
/// [`MARKER`]; `None` if `name` is not written there.
pub(crate) fn mark(text: &str, line: usize, column: usize, name: &str) -> Option<String> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let line_text = text.get(line_start..)?.lines().next()?;
    let by_char = line_text
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(at, _)| at);
    let at = [Some(column - 1), by_char]
        .into_iter()
        .flatten()
        .find(|&at| {
            line_text
                .get(at..)
                .is_some_and(|rest| rest.starts_with(name))
        })?;
    let start = line_start + at;
    Some(format!(
        "{}{MARKER}{}",
        &text[..start],
        &text[start + name.len()..]
    ))
}

/// For tests: `source` without its `^`, and the line and column (in characters) of the
/// text that followed the `^`.
#[cfg(test)]
pub(crate) fn caret(source: &str) -> (String, usize, usize) {
    let at = source.find('^').expect("a ^ marks the token");
    let text = source.replacen('^', "", 1);
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (text, line, column)
}
