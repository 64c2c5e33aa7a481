//! Every name the macros generate, in one place, for node and graph expansion alike.
//!
//! Generated locals are whole words with `Span::mixed_site()` hygiene: they never capture
//! or shadow the user's names (a value named like a node function still calls the
//! function). Helper locals of a graph's schedule avoid its value names ([`Locals`]).
//! Items that must be reachable by path (a node's module of aliases, callback macros)
//! keep the `__hn_` prefix, as they share the user's namespace.

use proc_macro2::{Ident, Span};
use quote::format_ident;
use std::collections::HashSet;

/// The alias generated code binds for `::hypernodes::__private`.
pub(crate) fn private_alias() -> Ident {
    Ident::new("__hn", Span::call_site())
}

/// The identifier for the name `name` (written `type` or `r#type`): raw when it is a
/// keyword, as serde and other derives do, so that `output_name = "type"` gives the field
/// `r#type` and wires to a parameter `r#type`. One spelling for both, so names compare
/// equal. `name` must not be `self`, `Self`, `super`, `crate` or `_` (no raw form).
pub(crate) fn ident_at(name: &str, span: Span) -> Ident {
    let name = name.strip_prefix("r#").unwrap_or(name);
    if syn::parse_str::<Ident>(name).is_ok() {
        Ident::new(name, span)
    } else {
        Ident::new_raw(name, span)
    }
}

/// The name as users read it: `type` for `r#type`, for ports, edges and messages.
pub(crate) fn unraw(ident: &Ident) -> String {
    syn::ext::IdentExt::unraw(ident).to_string()
}

/// A hygienic local named `name`.
pub(crate) fn local(name: &str) -> Ident {
    ident_at(name, Span::mixed_site())
}

/// The local a value of the schedule is bound to: its own name, hygienic.
pub(crate) fn value_local(value: &Ident) -> Ident {
    ident_at(&value.to_string(), Span::mixed_site())
}

/// Helper locals of one graph's generated code, named so that no value of the graph has
/// the same name (`exec`, or `exec_` in a graph with a value called `exec`).
pub(crate) struct Locals {
    taken: HashSet<String>,
}

impl Locals {
    pub(crate) fn new<'a>(values: impl IntoIterator<Item = &'a Ident>) -> Self {
        Locals {
            taken: values.into_iter().map(|value| value.to_string()).collect(),
        }
    }

    /// `base`, or `base_`, `base__`, ... if a value has that name.
    pub(crate) fn fresh(&self, base: &str) -> Ident {
        let mut name = base.to_owned();
        while self.taken.contains(&name) {
            name.push('_');
        }
        local(&name)
    }
}

/// The items of a node's module that `graph!` reaches by path (`stages::double::INFO`).
/// Written by `#[node]`, read by the graph emitters: one list, so the two agree.
pub(crate) mod in_node {
    use proc_macro2::{Ident, Span};

    fn ident(name: &str) -> Ident {
        Ident::new(name, Span::call_site())
    }

    /// The node's callback macro, when its name is a standard macro's (see
    /// `hop::in_module`).
    pub(crate) fn callback() -> Ident {
        ident("__hn_callback")
    }
    /// A fallible node's conversion of its `Result` into what executors take.
    pub(crate) fn fallible() -> Ident {
        ident("__hn_fallible")
    }
    /// The node's `NodeInfo` constant.
    pub(crate) fn info() -> Ident {
        ident("__HN_INFO")
    }
    /// The hidden type implementing `Node`.
    pub(crate) fn node_type() -> Ident {
        ident("__HnNode")
    }
    /// The alias of the node's whole output type.
    pub(crate) fn output() -> Ident {
        ident("__hn_output")
    }
    /// A cached node's key function.
    pub(crate) fn cache_key() -> Ident {
        ident("__hn_cache_key")
    }
    /// A cached node's output codec.
    pub(crate) fn codec() -> Ident {
        ident("__HN_CODEC")
    }
    /// The alias of a streaming node's chunk type.
    pub(crate) fn chunk() -> Ident {
        ident("__hn_chunk")
    }
    /// The alias of an asking node's question type.
    pub(crate) fn question() -> Ident {
        ident("__hn_question")
    }
    /// The alias of an asking node's answer type.
    pub(crate) fn answer() -> Ident {
        ident("__hn_answer")
    }
}

/// In a node's module: the alias of the type parameter `index` takes (`T` for `T` and `&T`).
pub(crate) fn param_alias(index: usize) -> Ident {
    format_ident!("__hn_in_{}", index)
}

/// In a node's module: the alias of the type of output `index`.
pub(crate) fn output_alias(index: usize) -> Ident {
    format_ident!("__hn_out_{}", index)
}

/// The struct of an async schedule's slots: `{Graph}Slots`.
pub(crate) fn slots_struct(graph: &Ident) -> Ident {
    format_ident!("{}Slots", graph, span = Span::call_site())
}

/// The method of the slots struct returning the future of the step at `position`.
pub(crate) fn step_method(position: usize, entry: &Ident) -> Ident {
    let entry = entry.to_string();
    format_ident!(
        "step_{}_{}",
        position,
        entry.trim_start_matches("r#"),
        span = Span::call_site()
    )
}

/// The edge-check trait for `value` feeding `consumer`; rustc shows it in its help line.
/// `taken` makes it unique, as two entries may share a function name (`a::parse`,
/// `b::parse`).
pub(crate) fn edge_trait(consumer: &Ident, value: &Ident, taken: &mut HashSet<String>) -> Ident {
    let mut name = format_ident!("{}_takes_{}", consumer, value, span = Span::call_site());
    if !taken.insert(name.to_string()) {
        name = format_ident!("{}_{}", name, taken.len(), span = Span::call_site());
        taken.insert(name.to_string());
    }
    name
}

/// A name no other node or graph of the crate has: `#[macro_export]` puts every callback
/// at the crate root, so two nodes called `double` in different modules must not collide.
/// The site and tokens make it deterministic; a count of earlier identical ones separates
/// the expansions of one `macro_rules!` that defines the same node twice.
pub(crate) fn unique_macro_name(kind: &str, name: &Ident, item: &impl quote::ToTokens) -> Ident {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static SEEN: Mutex<Option<HashMap<[u8; 32], u32>>> = Mutex::new(None);

    let mut hasher = blake3::Hasher::new();
    // Outside a macro (the expansion tests) there is no call site to hash.
    if proc_macro::is_available() {
        let site = proc_macro::Span::call_site();
        hasher.update(site.file().as_bytes());
        hasher.update(&site.line().to_le_bytes());
        hasher.update(&site.column().to_le_bytes());
    }
    hasher.update(item.to_token_stream().to_string().as_bytes());
    let digest = *hasher.finalize().as_bytes();
    let repeat = {
        let mut seen = SEEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = seen
            .get_or_insert_with(HashMap::new)
            .entry(digest)
            .or_insert(0);
        *count += 1;
        *count - 1
    };
    let hash = blake3::Hash::from_bytes(digest).to_hex();
    if repeat == 0 {
        format_ident!(
            "__hn_{}_{}_{}",
            kind,
            name,
            &hash[..16],
            span = Span::call_site()
        )
    } else {
        format_ident!(
            "__hn_{}_{}_{}_{}",
            kind,
            name,
            &hash[..16],
            repeat,
            span = Span::call_site()
        )
    }
}
