//! Checks how the entries wire together and plans the schedule: who produces each value,
//! which values are graph inputs, which nodes run, and in what order.

use super::header::Header;
use super::Entry;
use crate::errors::Errors;
use proc_macro2::Ident;
use std::collections::HashMap;

/// Where a value comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Source {
    /// Field `index` of the graph's inputs.
    Input(usize),
    /// Output `output` of entry `entry`.
    Node { entry: usize, output: usize },
}

/// A value no node produces: a field of the graph's inputs.
pub(crate) struct InputField {
    pub name: Ident,
    /// The consumer whose parameter type gives the field its type: the first that takes it
    /// by value, else the first that borrows it. `(entry, parameter)`.
    pub typed_by: (usize, usize),
}

pub(crate) struct Plan {
    /// Entries that run, in a valid order.
    pub order: Vec<usize>,
    pub inputs: Vec<InputField>,
    /// Value name → source.
    pub sources: HashMap<String, Source>,
    /// The graph's outputs: name and source (always a node output).
    pub outputs: Vec<(Ident, Source)>,
}

/// The plan, and whether the wiring is valid. When it is not, the plan is still complete
/// (first producer wins, unknown selections are dropped, a cycle is ordered as listed), so
/// that the graph's types can be emitted beside the error and its uses add no errors.
pub(crate) fn plan_best_effort(header: &Header, entries: &[Entry]) -> (Plan, syn::Result<()>) {
    let mut errors = Errors::default();
    let producers = producers(entries, &mut errors);
    let cyclic = check_cycles(entries, &producers, &mut errors);
    let selected = select(header, entries, &producers, &mut errors);

    let needed = needed(entries, &producers, selected.as_deref());
    let order = if cyclic {
        (0..entries.len()).filter(|&i| needed[i]).collect()
    } else {
        schedule(entries, &producers, &needed)
    };

    let mut sources: HashMap<String, Source> = HashMap::new();
    for (name, &(entry, output)) in &producers {
        if needed[entry] {
            sources.insert(name.clone(), Source::Node { entry, output });
        }
    }
    let mut inputs: Vec<InputField> = Vec::new();
    for (entry_index, entry) in entries.iter().enumerate().filter(|(i, _)| needed[*i]) {
        for (param_index, param) in entry.wired_inputs() {
            let key = param.name.to_string();
            if producers.contains_key(&key) {
                continue;
            }
            match sources.get(&key) {
                Some(&Source::Input(index)) => {
                    // Prefer a by-value consumer to give the field its type.
                    let (typed_entry, typed_param) = inputs[index].typed_by;
                    // A mapped input takes its list by value.
                    let typed_by_ref = entries[typed_entry].signature.inputs[typed_param].by_ref
                        && !entries[typed_entry].mapped[typed_param];
                    if typed_by_ref && (!param.by_ref || entry.mapped[param_index]) {
                        inputs[index].typed_by = (entry_index, param_index);
                    }
                }
                _ => {
                    sources.insert(key, Source::Input(inputs.len()));
                    inputs.push(InputField {
                        name: param.name.clone(),
                        typed_by: (entry_index, param_index),
                    });
                }
            }
        }
    }
    let outputs = match &selected {
        Some(selected) => selected
            .iter()
            .map(|name| (name.clone(), sources[&name.to_string()]))
            .collect(),
        // Every output, in list order; a name with two producers keeps the first.
        None => entries
            .iter()
            .enumerate()
            .flat_map(|(entry, e)| {
                e.exported_outputs()
                    .map(move |(output, name)| (name.clone(), Source::Node { entry, output }))
            })
            .filter(|(name, source)| sources.get(&name.to_string()) == Some(source))
            .collect(),
    };
    let plan = Plan {
        order,
        inputs,
        sources,
        outputs,
    };
    (plan, errors.finish())
}

/// Output name → (entry, output index); two producers of one name is an error.
fn producers(entries: &[Entry], errors: &mut Errors) -> HashMap<String, (usize, usize)> {
    let duplicates = check_names(entries, errors);
    let mut producers: HashMap<String, (usize, usize)> = HashMap::new();
    for (entry_index, entry) in entries.iter().enumerate() {
        if duplicates.contains(&entry_index) {
            continue;
        }
        for (output_index, output) in entry.exported_outputs() {
            let key = output.to_string();
            if let Some(&(first, _)) = producers.get(&key) {
                let (first_name, this_name) = (
                    entry_label(&entries[first], entry),
                    entry_label(entry, &entries[first]),
                );
                let renamed = entry.renamed_span(&key);
                let inner = &entry.inner.outputs[output_index];
                // A graph's outputs are renamed only in the list that lists it.
                let rename = if entry.signature.kind == crate::signature::EntryKind::Graph {
                    format!(
                        "rename it in the list, as in `{} -> {{ {inner}: other_name }}`",
                        path_string(&entry.path)
                    )
                } else {
                    format!("rename one of the outputs (`output_name`, or `-> {{ {inner}: other_name }}` in the list)")
                };
                let message = format!("output `{key}` is produced by both `{first_name}` and `{this_name}`; each value needs exactly one producer, so {rename}");
                match renamed {
                    Some(span) => errors.at_span(span, message),
                    None => errors.at(&entry.path, message),
                }
                continue;
            }
            producers.insert(key, (entry_index, output_index));
        }
    }
    producers
}

/// How an error names `entry` beside `other`: by its name, or by its path when both
/// have one name (`csv::parse` and `json::parse`).
fn entry_label(entry: &Entry, other: &Entry) -> String {
    if entry.signature.name == other.signature.name {
        path_string(&entry.path)
    } else {
        entry.signature.name.to_string()
    }
}

/// A path as written, without the spaces of its token stream.
fn path_string(path: &syn::Path) -> String {
    quote::ToTokens::to_token_stream(path)
        .to_string()
        .replace(' ', "")
}

/// Reports entries listed under a name an earlier entry has (the same path twice, or an
/// `as` name taken); returns them, so that their outputs add no second error.
fn check_names(entries: &[Entry], errors: &mut Errors) -> Vec<usize> {
    let path_of = |entry: &Entry| path_string(&entry.path);
    let mut duplicates = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let name = &entry.signature.name;
        let renamed = |e: &Entry| e.signature.name != e.inner.name;
        let Some(first) = entries[..index].iter().find(|first| {
            first.signature.name == *name
                && (path_of(first) == path_of(entry) || renamed(first) || renamed(entry))
        }) else {
            continue;
        };
        duplicates.push(index);
        let message = if renamed(entry) || renamed(first) {
            format!("two entries are named `{name}`; give each its own name with `as`")
        } else {
            let path = path_of(entry);
            format!("`{name}` is listed twice; each entry appears once under one name: to use it again, rename it with `as`, as in `{path} as {name}_2`")
        };
        match &entry.compose_rename_span() {
            Some(span) => errors.at_span(*span, message),
            None => errors.at(&entry.path, message),
        }
    }
    duplicates
}

/// Entries that feed `entry` directly.
fn dependencies<'a>(
    entry: &'a Entry,
    producers: &'a HashMap<String, (usize, usize)>,
) -> impl Iterator<Item = (usize, &'a Ident)> + 'a {
    entry.wired_inputs().filter_map(|(_, input)| {
        producers
            .get(&input.name.to_string())
            .map(|&(p, _)| (p, &input.name))
    })
}

/// Reports the first cycle found; `true` if there is one.
fn check_cycles(
    entries: &[Entry],
    producers: &HashMap<String, (usize, usize)>,
    errors: &mut Errors,
) -> bool {
    // Depth-first search; `stack` holds (entry, value it was reached through).
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        at: usize,
        entries: &[Entry],
        producers: &HashMap<String, (usize, usize)>,
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        marks[at] = Mark::Active;
        stack.push(at);
        for (dep, _) in dependencies(&entries[at], producers) {
            match marks[dep] {
                Mark::Active => {
                    let start = stack.iter().position(|&e| e == dep).unwrap_or(0);
                    return Some(stack[start..].to_vec());
                }
                Mark::New => {
                    if let Some(cycle) = visit(dep, entries, producers, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[at] = Mark::Done;
        None
    }
    let mut marks = vec![Mark::New; entries.len()];
    for start in 0..entries.len() {
        if marks[start] != Mark::New {
            continue;
        }
        let mut stack = Vec::new();
        if let Some(cycle) = visit(start, entries, producers, &mut marks, &mut stack) {
            // `cycle` lists consumers before producers: a needs b needs ... needs a.
            let mut steps = Vec::new();
            for (i, &consumer) in cycle.iter().enumerate() {
                let producer = cycle[(i + 1) % cycle.len()];
                let value = dependencies(&entries[consumer], producers)
                    .find(|&(p, _)| p == producer)
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_default();
                steps.push(format!(
                    "`{}` needs `{value}` from `{}`",
                    entries[consumer].signature.name, entries[producer].signature.name
                ));
            }
            errors.at(
                &entries[cycle[0]].path,
                format!(
                    "these nodes form a cycle, so no order can run them: {}; rename an output or a parameter to break it",
                    steps.join(", ")
                ),
            );
            return true;
        }
    }
    false
}

/// The selected outputs that some entry produces, each once; the others are reported.
fn select(
    header: &Header,
    entries: &[Entry],
    producers: &HashMap<String, (usize, usize)>,
    errors: &mut Errors,
) -> Option<Vec<Ident>> {
    let selected = header.selected.as_ref()?;
    let mut seen: Vec<String> = Vec::new();
    let mut valid: Vec<Ident> = Vec::new();
    for name in selected {
        let key = name.to_string();
        if seen.contains(&key) {
            errors.at(name, format!("output `{key}` is selected twice"));
            continue;
        }
        seen.push(key.clone());
        if producers.contains_key(&key) {
            valid.push(name.clone());
            continue;
        }
        let consumed = entries
            .iter()
            .any(|e| e.wired_inputs().any(|(_, i)| i.name == key));
        let mut message = if consumed {
            format!(
                "`{key}` is an input of graph `{}`, not an output: no node produces it",
                header.name
            )
        } else {
            format!("no node in graph `{}` produces `{key}`", header.name)
        };
        let mut known: Vec<&String> = producers.keys().collect();
        known.sort();
        let close = known
            .iter()
            .map(|k| (strsim::jaro_winkler(&key, k), *k))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match close {
            Some((_, suggestion)) => message.push_str(&format!("; did you mean `{suggestion}`?")),
            None if !known.is_empty() => message.push_str(&format!(
                "; the outputs are: {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            None => {}
        }
        errors.at(name, message);
    }
    Some(valid)
}

/// Which entries run: all of them, or those the selected outputs need.
fn needed(
    entries: &[Entry],
    producers: &HashMap<String, (usize, usize)>,
    selected: Option<&[Ident]>,
) -> Vec<bool> {
    let Some(selected) = selected else {
        return vec![true; entries.len()];
    };
    let mut needed = vec![false; entries.len()];
    let mut todo: Vec<usize> = selected
        .iter()
        .filter_map(|name| producers.get(&name.to_string()).map(|&(e, _)| e))
        .collect();
    while let Some(entry) = todo.pop() {
        if std::mem::replace(&mut needed[entry], true) {
            continue;
        }
        todo.extend(dependencies(&entries[entry], producers).map(|(p, _)| p));
    }
    needed
}

/// A topological order of the needed entries; among ready entries, list order wins, so the
/// schedule is deterministic and follows the user's list where it can.
fn schedule(
    entries: &[Entry],
    producers: &HashMap<String, (usize, usize)>,
    needed: &[bool],
) -> Vec<usize> {
    let mut waiting: Vec<usize> = entries
        .iter()
        .map(|e| dependencies(e, producers).count())
        .collect();
    let mut consumers: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (index, entry) in entries.iter().enumerate() {
        for (producer, _) in dependencies(entry, producers) {
            consumers[producer].push(index);
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..entries.len()).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::new();
    while let Some(next) = ready.pop_first() {
        if needed[next] {
            order.push(next);
        }
        for &consumer in &consumers[next] {
            waiting[consumer] -= 1;
            if waiting[consumer] == 0 {
                ready.insert(consumer);
            }
        }
    }
    order
}
