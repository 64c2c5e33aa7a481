//! The generated docs: each field's type as the user wrote it (the field itself is typed
//! through a node's hidden alias, which rustdoc would show as `__hn_in_0`), and, on the
//! graph struct, its nodes in schedule order, inputs, outputs, nested graphs and a Mermaid
//! flowchart, so that its rustdoc page alone explains the pipeline.
//!
//! The text comes from [`TypeText`](crate::signature::TypeText): what each entry forwards
//! through its callback. Lines stay short: a big graph's page grows by a line per entry,
//! a value, an edge.

use super::Emit;
use crate::graph::wiring::Source;
use crate::graph::Entry;
use crate::naming::unraw;
use crate::signature::EntryKind;
use std::fmt::Write as _;

/// The text of the type of the graph's input field `index`: the owned form of what its
/// consumer borrows, a `Vec` when the consumer maps over it.
pub(crate) fn input_type(emit: &Emit<'_>, index: usize) -> String {
    let (entry, param) = emit.plan.inputs[index].typed_by;
    let entry = &emit.entries[entry];
    let written = param_text(entry, param);
    if entry.mapped[param] {
        format!("Vec<{}>", owned(written))
    } else if entry.signature.inputs[param].by_ref {
        owned(written)
    } else {
        written.to_owned()
    }
}

/// The text of the type of a value of the graph, from where it comes.
pub(crate) fn value_type(emit: &Emit<'_>, source: Source) -> String {
    match source {
        Source::Input(index) => input_type(emit, index),
        Source::Node { entry, output } => output_type(&emit.entries[entry], output),
    }
}

/// `x: i32`, the doc line's start for a field or value.
pub(crate) fn typed(name: &proc_macro2::Ident, ty: &str) -> String {
    format!("`{}: {ty}`", unraw(name))
}

/// "node `a`" or "nodes `a` and `b`": who consumes a value.
pub(crate) fn users_of(emit: &Emit<'_>, value: &proc_macro2::Ident) -> String {
    let users: Vec<String> = emit
        .plan
        .order
        .iter()
        .map(|&e| &emit.entries[e])
        .filter(|entry| entry.wired_inputs().any(|(_, i)| i.name == *value))
        .map(|entry| format!("`{}`", unraw(&entry.signature.name)))
        .collect();
    match users.as_slice() {
        [one] => format!("node {one}"),
        [init @ .., last] => format!("nodes {} and {last}", init.join(", ")),
        [] => "no node".to_owned(),
    }
}

/// "node `a`": who produces an output of the graph.
pub(crate) fn producer_of(emit: &Emit<'_>, source: Source) -> String {
    match source {
        Source::Node { entry, .. } => {
            format!("node `{}`", unraw(&emit.entries[entry].signature.name))
        }
        Source::Input(_) => "the inputs".to_owned(),
    }
}

/// The docs appended to the graph struct's own (after the user's, if any).
pub(crate) fn graph_doc(emit: &Emit<'_>) -> String {
    let Emit {
        header,
        names,
        plan,
        entries,
        ..
    } = emit;
    let name = &header.name;
    let mut doc = String::new();
    let user_wrote_docs = header
        .attrs
        .graph
        .iter()
        .any(|attr| attr.path().is_ident("doc"));
    if !user_wrote_docs {
        let _ = writeln!(
            doc,
            "The graph `{name}`: {} to run with a runner.\n",
            count(plan.order.len(), "node")
        );
    }
    let _ = writeln!(
        doc,
        "A runner takes [`{}`] and returns [`{}`]; [`{}`] maps it over many items. \
         Draw it with `hypernodes::viz::Diagram::of(&{name})`.\n",
        names.inputs, names.outputs, names.map_inputs
    );

    let _ = writeln!(doc, "# Nodes, in the order they run\n");
    for (position, &index) in plan.order.iter().enumerate() {
        let _ = writeln!(doc, "{}. {}", position + 1, node_line(&entries[index]));
    }

    let _ = writeln!(doc, "\n# Inputs\n");
    if plan.inputs.is_empty() {
        let _ = writeln!(doc, "None.");
    }
    for (index, input) in plan.inputs.iter().enumerate() {
        let ty = input_type(emit, index);
        let users = users_of(emit, &input.name);
        let _ = writeln!(doc, "- {}, fed to {users}", typed(&input.name, &ty));
    }

    let _ = writeln!(doc, "\n# Outputs\n");
    if plan.outputs.is_empty() {
        let _ = writeln!(doc, "None.");
    }
    for (output, source) in &plan.outputs {
        let ty = value_type(emit, *source);
        let producer = producer_of(emit, *source);
        let _ = writeln!(doc, "- {}, from {producer}", typed(output, &ty));
    }

    let nested: Vec<String> = plan
        .order
        .iter()
        .map(|&index| &entries[index])
        .filter(|entry| entry.signature.kind == EntryKind::Graph)
        .map(nested_line)
        .collect();
    if !nested.is_empty() {
        let _ = writeln!(doc, "\n# Nested graphs\n");
        for line in nested {
            let _ = writeln!(doc, "- {line}");
        }
    }

    let _ = writeln!(doc, "\n# Diagram\n\n```mermaid\n{}```", mermaid(emit));
    doc
}

/// `` `double(x: i32) -> doubled: i32` `` and its flags.
fn node_line(entry: &Entry) -> String {
    let signature = &entry.signature;
    let inputs: Vec<String> = entry
        .wired_inputs()
        .map(|(param, input)| {
            let ty = param_text(entry, param);
            if entry.mapped[param] {
                format!("{}: Vec<{}>", unraw(&input.name), owned(ty))
            } else {
                format!("{}: {ty}", unraw(&input.name))
            }
        })
        .collect();
    let outputs: Vec<String> = entry
        .exported_outputs()
        .map(|(index, output)| format!("{}: {}", unraw(output), output_type(entry, index)))
        .collect();
    let outputs = match outputs.as_slice() {
        [] => String::new(),
        [one] => format!(" -> {one}"),
        many => format!(" -> ({})", many.join(", ")),
    };
    let mut line = format!(
        "`{}({}){outputs}`",
        unraw(&signature.name),
        inputs.join(", ")
    );
    let mut flags: Vec<String> = Vec::new();
    if signature.kind == EntryKind::Graph {
        flags.push("a nested graph".to_owned());
    }
    if signature.name != entry.inner.name {
        flags.push(format!("`{}` renamed", unraw(&entry.inner.name)));
    }
    if entry.is_mapped() {
        let over: Vec<String> = entry
            .mapped_order
            .iter()
            .map(|&param| format!("`{}`", unraw(&signature.inputs[param].name)))
            .collect();
        let how = match (over.len(), entry.product) {
            (1, _) => "",
            (_, false) => ", zipped",
            (_, true) => ", every combination",
        };
        flags.push(format!("runs once per item of {}{how}", over.join(" and ")));
    }
    let bound: Vec<String> = entry
        .inner
        .inputs
        .iter()
        .zip(&entry.bound)
        .filter(|(_, bound)| bound.is_some())
        .map(|(input, _)| format!("`{}`", unraw(&input.name)))
        .collect();
    if !bound.is_empty() {
        flags.push(format!("{} bound in the list", bound.join(", ")));
    }
    for (set, flag) in [
        (signature.is_async, "async"),
        (signature.fallible, "fallible"),
        (signature.cache, "cached"),
        (signature.blocking, "blocking"),
    ] {
        if set {
            flags.push(flag.to_owned());
        }
    }
    if let Some(chunk) = &signature.types.chunk {
        flags.push(format!("streams `{chunk}`"));
    }
    if let (Some(question), Some(answer)) = (&signature.types.question, &signature.types.answer) {
        flags.push(format!("asks `{question}`, answered with `{answer}`"));
    }
    if !flags.is_empty() {
        line.push_str(": ");
        line.push_str(&flags.join(", "));
    }
    line
}

/// `` `Analysis` as `analysis`, defined at `stages::Analysis` ``.
fn nested_line(entry: &Entry) -> String {
    let path = crate::tokens::type_string(&entry.path);
    let (name, inner) = (unraw(&entry.signature.name), unraw(&entry.inner.name));
    if name == inner {
        format!("`{path}`: see its own page")
    } else {
        format!("`{path}`, listed as `{name}`: see its own page")
    }
}

/// A Mermaid flowchart of names only (types are in the lists above), readable as text.
fn mermaid(emit: &Emit<'_>) -> String {
    let Emit { plan, entries, .. } = emit;
    let mut out = String::from("flowchart TB\n");
    for (index, input) in plan.inputs.iter().enumerate() {
        let _ = writeln!(out, "    i{index}([\"{}\"])", unraw(&input.name));
    }
    for (position, &index) in plan.order.iter().enumerate() {
        let entry = &entries[index];
        let name = unraw(&entry.signature.name);
        match entry.signature.kind {
            EntryKind::Node => {
                let _ = writeln!(out, "    n{position}[\"{name}\"]");
            }
            EntryKind::Graph => {
                let _ = writeln!(out, "    n{position}[[\"{name}\"]]");
            }
        }
    }
    for (to, &consumer) in plan.order.iter().enumerate() {
        for (_, input) in entries[consumer].wired_inputs() {
            match plan.sources.get(&input.name.to_string()) {
                Some(Source::Input(index)) => {
                    let _ = writeln!(out, "    i{index} --> n{to}");
                }
                Some(Source::Node { entry, .. }) => {
                    let Some(from) = plan.order.iter().position(|e| e == entry) else {
                        continue;
                    };
                    let _ = writeln!(out, "    n{from} -->|\"{}\"| n{to}", unraw(&input.name));
                }
                None => {}
            }
        }
    }
    out
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The text of input `param` of the entry, as written (`&str`).
fn param_text(entry: &Entry, param: usize) -> &str {
    entry
        .signature
        .types
        .inputs
        .get(param)
        .map_or("_", String::as_str)
}

/// The text of output `output` of the entry in the outer graph (a `Vec` when mapped).
fn output_type(entry: &Entry, output: usize) -> String {
    let own = entry
        .signature
        .types
        .outputs
        .get(output)
        .map_or("_", String::as_str);
    if entry.is_mapped() {
        format!("Vec<{own}>")
    } else {
        own.to_owned()
    }
}

/// The owned form a borrowed parameter's value is stored in, as `Owned` defines it:
/// `&str` → `String`, `&[T]` → `Vec<T>`, `&Path` → `PathBuf`, `&T` → `T`.
pub(crate) fn owned(written: &str) -> String {
    let Some(borrowed) = written.strip_prefix('&') else {
        return written.to_owned();
    };
    // `&'a str`: drop the lifetime.
    let borrowed = match borrowed.strip_prefix('\'') {
        Some(lifetime) => lifetime
            .split_once(' ')
            .map_or(lifetime, |(_, rest)| rest)
            .trim(),
        None => borrowed.trim(),
    };
    if let Some(element) = borrowed
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        if !element.contains(';') {
            return format!("Vec<{element}>");
        }
    }
    let owned = match borrowed {
        "str" | "std::primitive::str" | "core::primitive::str" => "String",
        "Path" | "std::path::Path" => "PathBuf",
        "OsStr" | "std::ffi::OsStr" => "OsString",
        "CStr" | "std::ffi::CStr" | "core::ffi::CStr" => "CString",
        other => other,
    };
    owned.to_owned()
}

#[cfg(test)]
mod tests {
    use super::owned;

    #[test]
    fn borrowed_types_read_as_their_owned_form() {
        for (written, expected) in [
            ("&str", "String"),
            ("&'a str", "String"),
            ("&[String]", "Vec<String>"),
            ("&[u8; 4]", "[u8; 4]"),
            ("&Path", "PathBuf"),
            ("&std::ffi::OsStr", "OsString"),
            ("&Vec<u8>", "Vec<u8>"),
            ("i32", "i32"),
        ] {
            assert_eq!(owned(written), expected, "{written}");
        }
    }
}
