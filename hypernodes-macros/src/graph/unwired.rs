//! Parameters that became graph inputs by mistake. A parameter no output feeds is an
//! input of the graph, silently; when its name is a slip away from an output (`wrods` for
//! `words`, `_x` for `x`, or the name of the node that produces the wanted value), the
//! graph warns, through a deprecated item (stable Rust has no other warning for a macro).
//! `#[inputs(name)]` on the graph says the input is meant, and silences it.

use super::header::Header;
use super::wiring::Plan;
use super::Entry;
use crate::errors::Errors;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

/// A graph input that looks like a slip for an output.
struct Suspect {
    input: String,
    /// The first entry that takes the input.
    consumer: usize,
    /// What the input probably meant: an output and the entry that produces it.
    output: String,
    producer: usize,
}

/// The warnings for the graph's suspect inputs, as items for the graph's `const` block.
pub(crate) fn warnings(header: &Header, entries: &[Entry], plan: &Plan) -> TokenStream {
    let mut items = TokenStream::new();
    for suspect in &suspects(header, entries, plan) {
        let consumer = &entries[suspect.consumer];
        let producer = &entries[suspect.producer].signature.name;
        let Suspect { input, output, .. } = suspect;
        let note = format!(
            "parameter `{input}` of node `{}` is fed by no output, so it became an input of graph `{}`; did you mean `{output}`, the output of node `{producer}`? Rename the parameter to wire it, or, if `{input}` is meant to be an input of the graph, say so with `#[inputs({input})]` on the graph",
            consumer.signature.name, header.name,
        );
        let marker = format_ident!("{}_is_unwired", input.trim_start_matches("r#"));
        // Used at the consumer's entry in the list, with the marker's hygiene.
        let at = syn::spanned::Spanned::span(&consumer.path);
        let mut used = marker.clone();
        used.set_span(Span::call_site().located_at(at));
        items.extend(quote! {
            #[deprecated(note = #note)]
            #[allow(non_camel_case_types)]
            struct #marker;
            const _: () = {
                let _ = #used;
            };
        });
    }
    items
}

/// Names declared with `#[inputs(name)]` must be inputs of the graph.
pub(crate) fn check_declared(header: &Header, entries: &[Entry], plan: &Plan, errors: &mut Errors) {
    for name in &header.attrs.inputs.names {
        let key = crate::signature::normalize(name).to_string();
        if plan.inputs.iter().any(|input| input.name == key) {
            continue;
        }
        let producer = entries
            .iter()
            .find(|entry| entry.exported_outputs().any(|(_, output)| *output == key));
        let why = match producer {
            Some(entry) => format!("node `{}` produces it", entry.signature.name),
            None => "no node takes it".to_owned(),
        };
        errors.at(
            name,
            format!(
                "`#[inputs({key})]` declares `{key}` an input of graph `{}`, but {why}",
                header.name
            ),
        );
    }
}

fn suspects(header: &Header, entries: &[Entry], plan: &Plan) -> Vec<Suspect> {
    let declared: Vec<String> = header
        .attrs
        .inputs
        .names
        .iter()
        .map(|name| crate::signature::normalize(name).to_string())
        .collect();
    let outputs: Vec<(String, usize)> = entries
        .iter()
        .enumerate()
        .flat_map(|(index, entry)| {
            entry
                .exported_outputs()
                .map(move |(_, output)| (output.to_string(), index))
        })
        .collect();
    let mut suspects = Vec::new();
    for input in &plan.inputs {
        let input = input.name.to_string();
        // Declared, or named in the list (`{ inner: outer }`): meant.
        if declared.contains(&input) || entries.iter().any(|e| e.renamed_span(&input).is_some()) {
            continue;
        }
        let Some(consumer) = entries
            .iter()
            .position(|entry| entry.wired_inputs().any(|(_, i)| i.name == input))
        else {
            continue;
        };
        let meant = outputs
            .iter()
            .find(|(output, _)| is_slip(&input, output))
            .cloned()
            .or_else(|| named_after_node(&input, entries));
        if let Some((output, producer)) = meant {
            if producer != consumer {
                suspects.push(Suspect {
                    input,
                    consumer,
                    output,
                    producer,
                });
            }
        }
    }
    suspects
}

/// `_x` for `x`, or one edit (a letter added, dropped, changed, or two swapped) away, for
/// names long enough that one edit is a typo rather than another word; a plural `s` is
/// not a slip (`text` and `texts` are often both meant).
fn is_slip(input: &str, output: &str) -> bool {
    let input = input.strip_prefix("r#").unwrap_or(input);
    let output = output.strip_prefix("r#").unwrap_or(output);
    if input.strip_prefix('_') == Some(output) {
        return true;
    }
    let plural = |a: &str, b: &str| b.strip_suffix('s') == Some(a);
    input.chars().count() >= 4
        && output.chars().count() >= 4
        && !plural(input, output)
        && !plural(output, input)
        && strsim::osa_distance(input, output) == 1
}

/// An input named like a listed node whose own outputs are named otherwise
/// (`double` for the output `doubled` of node `double`): that node's first output.
fn named_after_node(input: &str, entries: &[Entry]) -> Option<(String, usize)> {
    let (index, entry) = entries
        .iter()
        .enumerate()
        .find(|(_, entry)| entry.signature.name == input)?;
    let mut outputs = entry.exported_outputs();
    let (_, first) = outputs.next()?;
    Some((first.to_string(), index))
}

#[cfg(test)]
mod tests {
    use super::is_slip;

    #[test]
    fn slips_are_one_edit_on_long_names_or_an_underscore() {
        assert!(is_slip("wrods", "words"));
        assert!(is_slip("word", "ward"));
        assert!(is_slip("_x", "x"));
        assert!(is_slip("r#typo", "type"));
    }

    #[test]
    fn plurals_short_names_and_other_words_are_not_slips() {
        assert!(!is_slip("text", "texts"));
        assert!(!is_slip("x", "y"));
        assert!(!is_slip("abc", "abd"));
        assert!(!is_slip("query", "answer"));
        assert!(!is_slip("x_", "x"));
    }
}
