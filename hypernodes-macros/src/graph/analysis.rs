//! The analysis pass: from a checked plan to plain data about each step of the schedule,
//! which every emitter reads. No tokens are produced here.
//!
//! For each step: which entry runs, how each argument is passed (lent, moved into its
//! last consumer, or cloned), which edge check it goes through, and which outputs are
//! kept. For each kept value: how many uses share it (an async slot's count).

use super::wiring::{Plan, Source};
use super::Entry;
use crate::naming;
use proc_macro2::{Ident, Span};
use std::collections::{HashMap, HashSet};
use syn::spanned::Spanned;

/// How one parameter gets its value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Pass {
    /// `&T`: lent.
    Borrow,
    /// The value's last use, by value: moved in.
    Move,
    /// By value, but needed afterwards: cloned.
    Clone,
}

pub(crate) struct Arg {
    /// The value passed (also the parameter's name).
    pub value: Ident,
    pub pass: Pass,
    /// The edge check the value goes through (an index into [`Analysis::edges`]), unless
    /// this parameter is what gives a graph input its type.
    pub edge: Option<usize>,
    /// Where a missing `Clone` is reported: the first consumer that clones the value, so
    /// that every clone of one value gives one error.
    pub clone_span: Span,
    /// The parameter is bound to a value written in the list: `value` names a local the
    /// step makes from it.
    pub bound: bool,
    /// The entry maps over this value (`each(..)`): a list, one element per item.
    pub mapped: bool,
}

pub(crate) struct Step {
    /// Index into the entries.
    pub entry: usize,
    /// Index into the schedule (and `GraphInfo::nodes`).
    pub position: usize,
    pub args: Vec<Arg>,
    /// Per output of the entry, in order: `Some` if a later step or the graph's outputs
    /// use it.
    pub kept: Vec<Option<Ident>>,
}

/// A type check on one edge, reported at the consumer when the types differ.
pub(crate) struct Edge {
    pub trait_name: Ident,
    pub entry: usize,
    pub param: usize,
    pub source: Source,
    pub span: Span,
}

/// A value the schedule holds: a graph input, or a kept output.
pub(crate) struct Value {
    pub name: Ident,
    pub source: Source,
    /// Uses that lend or clone it (all but its owner's).
    pub shares: usize,
}

/// A value a node produced that is only ever lent: dropped by the executor right after
/// its last use, so that a panic in its `Drop` is the producer's.
pub(crate) struct Release {
    pub value: Ident,
    /// The schedule position of the node that produced it.
    pub producer: usize,
    /// The position of its last use.
    pub after: usize,
}

#[derive(Default)]
pub(crate) struct Analysis {
    pub steps: Vec<Step>,
    pub edges: Vec<Edge>,
    /// Graph inputs first, then kept outputs in schedule order.
    pub values: Vec<Value>,
    /// Lent-only values, in the order of their last use.
    pub releases: Vec<Release>,
    /// Per graph input: whether every use lends it to a node (`&T`) and no output returns
    /// it, so that the items of a map may share one value (`LentInput`).
    pub lent_inputs: Vec<bool>,
    /// The async schedule's futures: which steps run in one, which values stay local.
    pub groups: super::groups::Groups,
}

impl Analysis {
    /// Whether `value` is a graph input that every use lends (see `lent_inputs`).
    pub(crate) fn is_lent_input(&self, plan: &Plan, value: &Ident) -> bool {
        plan.inputs
            .iter()
            .zip(&self.lent_inputs)
            .any(|(input, &lent)| lent && input.name == *value)
    }
}

pub(crate) fn analyse(entries: &[Entry], plan: &Plan) -> Analysis {
    let mut remaining: HashMap<String, usize> = HashMap::new();
    for &entry in &plan.order {
        for (_, input) in entries[entry].wired_inputs() {
            *remaining.entry(input.name.to_string()).or_default() += 1;
        }
    }
    let used: HashSet<String> = remaining.keys().cloned().collect();
    let returned: HashSet<String> = plan.outputs.iter().map(|(n, _)| n.to_string()).collect();
    let mut shares: HashMap<String, usize> = HashMap::new();
    let mut first_clone: HashMap<String, Span> = HashMap::new();
    let mut trait_names = HashSet::new();
    let mut edges = Vec::new();
    let mut steps = Vec::new();
    for (position, &entry_index) in plan.order.iter().enumerate() {
        let entry = &entries[entry_index];
        let span = entry.path.span();
        let mut args = Vec::new();
        for (param, input) in entry.signature.inputs.iter().enumerate() {
            if entry.bound[param].is_some() {
                // Its own local, made in the step from the value written in the list.
                args.push(Arg {
                    value: quote::format_ident!("__hn_bound_{}", input.name),
                    pass: if input.by_ref {
                        Pass::Borrow
                    } else {
                        Pass::Move
                    },
                    edge: None,
                    clone_span: span,
                    bound: true,
                    mapped: false,
                });
                continue;
            }
            let value = input.name.to_string();
            let left = remaining.get_mut(&value).expect("counted");
            *left -= 1;
            let mapped = entry.mapped[param];
            // A mapped entry takes the list it maps over (by value), and lends the values
            // every item shares: each item clones or borrows them.
            let pass = if (entry.is_mapped() || input.by_ref) && !mapped {
                Pass::Borrow
            } else if *left == 0 && !returned.contains(&value) {
                Pass::Move
            } else {
                Pass::Clone
            };
            if pass != Pass::Move {
                *shares.entry(value.clone()).or_default() += 1;
            }
            let clone_span = match pass {
                Pass::Clone => *first_clone.entry(value.clone()).or_insert(span),
                Pass::Borrow | Pass::Move => span,
            };
            let source = plan.sources[&value];
            let typed_here = matches!(source, Source::Input(i) if plan.inputs[i].typed_by == (entry_index, param));
            // A mapped list is checked as a list of what the entry takes, not by an edge.
            let edge = (!typed_here && !mapped).then(|| {
                edges.push(Edge {
                    trait_name: naming::edge_trait(
                        &entry.signature.name,
                        &input.name,
                        &mut trait_names,
                    ),
                    entry: entry_index,
                    param,
                    source,
                    span,
                });
                edges.len() - 1
            });
            args.push(Arg {
                value: input.name.clone(),
                pass,
                edge,
                clone_span,
                bound: false,
                mapped,
            });
        }
        let kept = entry
            .signature
            .outputs
            .iter()
            .zip(&entry.exported)
            .map(|(output, &exported)| {
                let value = output.to_string();
                (exported && (used.contains(&value) || returned.contains(&value)))
                    .then(|| output.clone())
            })
            .collect();
        steps.push(Step {
            entry: entry_index,
            position,
            args,
            kept,
        });
    }
    let share_count = |name: &Ident| shares.get(&name.to_string()).copied().unwrap_or(0);
    let inputs = plan.inputs.iter().enumerate().map(|(index, input)| Value {
        name: input.name.clone(),
        source: Source::Input(index),
        shares: share_count(&input.name),
    });
    let produced = steps.iter().flat_map(|step| {
        step.kept
            .iter()
            .enumerate()
            .filter_map(move |(output, kept)| Some((step.entry, output, kept.as_ref()?)))
    });
    let produced = produced.map(|(entry, output, name)| Value {
        name: name.clone(),
        source: Source::Node { entry, output },
        shares: share_count(name),
    });
    let values = inputs.chain(produced).collect();
    let releases = releases(&steps, &returned);
    let lent_inputs: Vec<bool> = plan
        .inputs
        .iter()
        .map(|input| lent_input(entries, &steps, &returned, &input.name))
        .collect();
    let groups = super::groups::groups(entries, plan, &steps, &lent_inputs);
    Analysis {
        steps,
        edges,
        values,
        releases,
        lent_inputs,
        groups,
    }
}

/// Whether the graph input `value` is only ever lent to plain node calls: not returned,
/// not given to a listed graph (which takes its inputs by value) nor to a mapped entry.
fn lent_input(
    entries: &[Entry],
    steps: &[Step],
    returned: &HashSet<String>,
    value: &Ident,
) -> bool {
    if returned.contains(&value.to_string()) {
        return false;
    }
    let mut uses = steps.iter().flat_map(|step| {
        let entry = &entries[step.entry];
        step.args
            .iter()
            .filter(|arg| !arg.bound && arg.value == *value)
            .map(move |arg| (entry, arg))
    });
    let mut any = false;
    let all_lent = uses.all(|(entry, arg)| {
        any = true;
        arg.pass == Pass::Borrow
            && entry.signature.kind == crate::signature::EntryKind::Node
            && !entry.is_mapped()
    });
    any && all_lent
}

/// The values produced by a step, never moved and not returned: everything else reaches a
/// node by value or the graph's outputs, and is dropped there.
fn releases(steps: &[Step], returned: &HashSet<String>) -> Vec<Release> {
    let mut releases = Vec::new();
    for step in steps {
        for value in step.kept.iter().flatten() {
            let uses = steps.iter().filter_map(|later| {
                let arg = later.args.iter().find(|arg| arg.value == *value)?;
                Some((later.position, arg.pass))
            });
            let uses: Vec<(usize, Pass)> = uses.collect();
            let moved = uses.iter().any(|&(_, pass)| pass == Pass::Move);
            let last = uses.iter().map(|&(position, _)| position).max();
            if let (false, false, Some(after)) =
                (moved, returned.contains(&value.to_string()), last)
            {
                releases.push(Release {
                    value: value.clone(),
                    producer: step.position,
                    after,
                });
            }
        }
    }
    releases.sort_by_key(|release| release.after);
    releases
}
