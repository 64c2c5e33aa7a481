//! How the async schedule groups its steps into futures: a plain synchronous node runs in
//! the future of the step that produced its inputs, right after it, instead of in a future
//! of its own.
//!
//! Why: such a node never waits once its inputs are there, so a future of its own adds
//! only cost (a slot per value it reads, a task in the join, a wake) and no concurrency.
//! Inside one group, a value nobody outside the group reads is the group's own: its steps
//! read the future's local, as in the synchronous schedule, and if the graph returns it,
//! the group's future returns it (in an `Option`, so that a group that fails still returns
//! what it made, for a stopped run's partial outputs). Every other value goes through a
//! slot, set as soon as it is produced, so other groups start as early as before.
//!
//! A step follows a group when:
//! - it is a plain node: not `async`, not `blocking`, not mapped, not a listed graph, no
//!   `Chunks`/`Interrupt`/`Stop` parameter (those may wait);
//! - every value it reads that a node produced comes from that one group (graph inputs and
//!   bound values come from anywhere: they are there from the start);
//! - every value it takes by value has all its other uses in that group (so taking it never
//!   waits for another group);
//! - the group has fewer than [`MAX_GROUP`] steps, which bounds the size of one future's
//!   body (rustc checks each group's body as one function).

use super::analysis::{Pass, Step};
use super::wiring::Plan;
use super::Entry;
use crate::signature::EntryKind;
use std::collections::{HashMap, HashSet};

/// The most steps one group runs.
pub(crate) const MAX_GROUP: usize = 16;

/// The async schedule's groups.
#[derive(Default)]
pub(crate) struct Groups {
    /// Step positions, each group in schedule order; groups ordered by their first step.
    pub members: Vec<Vec<usize>>,
    /// Produced values whose every use is in the producer's group, and graph inputs only
    /// one group uses: read from a local of the group's future.
    pub own: HashSet<String>,
    /// Values that need a slot: the graph's inputs and values read outside their group.
    pub slotted: HashSet<String>,
    /// Per group, the returned values it owns, in the order it makes them, each with the
    /// position of the step that makes it: what the group's future returns.
    pub returned: Vec<Vec<(proc_macro2::Ident, usize)>>,
    /// Per group, the graph inputs only its steps use (by index): given to its future by
    /// value rather than through a slot.
    pub inputs: Vec<Vec<usize>>,
}

impl Groups {
    /// Whether `value` is its group's own (see [`Groups::own`]).
    pub(crate) fn is_own(&self, value: &impl ToString) -> bool {
        self.own.contains(&value.to_string())
    }

    /// Whether `value` has a slot.
    pub(crate) fn is_slotted(&self, value: &impl ToString) -> bool {
        self.slotted.contains(&value.to_string())
    }

    /// The group returning `value` and its index in what the group returns, if a group
    /// returns it.
    pub(crate) fn returned_by(&self, value: &impl ToString) -> Option<(usize, usize)> {
        let value = value.to_string();
        self.returned
            .iter()
            .enumerate()
            .find_map(|(group, values)| {
                let index = values.iter().position(|(v, _)| *v == value)?;
                Some((group, index))
            })
    }
}

/// Whether a step may run inside another step's future: a call that never waits.
pub(crate) fn never_waits(entry: &Entry) -> bool {
    let signature = &entry.signature;
    signature.kind == EntryKind::Node
        && !signature.is_async
        && !signature.blocking
        && !entry.is_mapped()
        && signature.streams.is_none()
        && signature.asks.is_none()
        && signature.stops.is_none()
}

/// `lent_inputs`: per graph input, whether it is a `LentInput` (those keep their slot).
pub(crate) fn groups(
    entries: &[Entry],
    plan: &Plan,
    steps: &[Step],
    lent_inputs: &[bool],
) -> Groups {
    // Every use of each value: (step position, how it is passed).
    let mut uses: HashMap<String, Vec<(usize, Pass)>> = HashMap::new();
    for step in steps {
        for arg in step.args.iter().filter(|arg| !arg.bound) {
            uses.entry(arg.value.to_string())
                .or_default()
                .push((step.position, arg.pass));
        }
    }
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(steps.len());
    let mut produced_in: HashMap<String, usize> = HashMap::new();
    for step in steps {
        let group = follows(entries, step, &uses, &produced_in, &group_of)
            .filter(|&group| members[group].len() < MAX_GROUP);
        let group = match group {
            Some(group) => {
                members[group].push(step.position);
                group
            }
            None => {
                members.push(vec![step.position]);
                members.len() - 1
            }
        };
        group_of.push(group);
        for value in step.kept.iter().flatten() {
            produced_in.insert(value.to_string(), group);
        }
    }
    let returned: HashSet<String> = plan.outputs.iter().map(|(n, _)| n.to_string()).collect();
    let no_uses = Vec::new();
    let uses_of = |value: &str| uses.get(value).unwrap_or(&no_uses);
    let mut own: HashSet<String> = produced_in
        .iter()
        .filter(|(value, &group)| uses_of(value).iter().all(|&(at, _)| group_of[at] == group))
        .map(|(value, _)| value.clone())
        .collect();
    // Graph inputs one group alone uses (a `LentInput` or a returned input keeps its slot).
    let mut inputs_by_group = vec![Vec::new(); members.len()];
    for (index, input) in plan.inputs.iter().enumerate() {
        let name = input.name.to_string();
        let lent = lent_inputs.get(index).copied().unwrap_or(true);
        if lent || returned.contains(&name) {
            continue;
        }
        let mut groups_using = uses_of(&name).iter().map(|&(at, _)| group_of[at]);
        let first = groups_using.next();
        if let Some(group) = first.filter(|&group| groups_using.all(|other| other == group)) {
            inputs_by_group[group].push(index);
            own.insert(name);
        }
    }
    let inputs = plan.inputs.iter().map(|input| input.name.to_string());
    let slotted = inputs
        .chain(produced_in.keys().cloned())
        .filter(|v| !own.contains(v))
        .collect();
    let mut returned_by_group = vec![Vec::new(); members.len()];
    for step in steps {
        for value in step.kept.iter().flatten() {
            let name = value.to_string();
            if own.contains(&name) && returned.contains(&name) {
                returned_by_group[group_of[step.position]].push((value.clone(), step.position));
            }
        }
    }
    Groups {
        members,
        own,
        slotted,
        returned: returned_by_group,
        inputs: inputs_by_group,
    }
}

/// The group `step` may join, if any (see the module docs).
fn follows(
    entries: &[Entry],
    step: &Step,
    uses: &HashMap<String, Vec<(usize, Pass)>>,
    produced_in: &HashMap<String, usize>,
    group_of: &[usize],
) -> Option<usize> {
    if !never_waits(&entries[step.entry]) {
        return None;
    }
    let mut group = None;
    for arg in step.args.iter().filter(|arg| !arg.bound) {
        if let Some(&from) = produced_in.get(&arg.value.to_string()) {
            if group.is_some_and(|group| group != from) {
                return None;
            }
            group = Some(from);
        }
    }
    let group = group?;
    let taken_in_group = step
        .args
        .iter()
        .filter(|arg| !arg.bound && arg.pass == Pass::Move)
        .all(|arg| {
            uses[&arg.value.to_string()]
                .iter()
                .all(|&(at, _)| at == step.position || group_of.get(at) == Some(&group))
        });
    taken_in_group.then_some(group)
}
