//! Emits a graph's typed chunks, questions and answers: the `{Name}Chunk`,
//! `{Name}Question` and `{Name}Answer` enums, with a variant per scheduled node that
//! streams or asks and per listed graph that does, and the functions through which a
//! runner turns the values a node sends (boxed, as nodes are not generic over the graph)
//! into them and back.

use crate::graph::header::Header;
use crate::graph::wiring::Plan;
use crate::graph::Entry;
use crate::naming::{in_node, local};
use crate::signature::EntryKind;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

/// What a graph emits for one of chunks, questions or answers.
pub(crate) struct Typed {
    /// The enum, if any entry takes part.
    pub item: TokenStream,
    /// The associated type's value.
    pub ty: TokenStream,
}

/// Which of the three enums.
#[derive(Clone, Copy)]
enum Flow {
    Chunk,
    Question,
    Answer,
}

impl Flow {
    fn takes_part(self, entry: &Entry) -> bool {
        match self {
            Flow::Chunk => entry.signature.streams.is_some(),
            Flow::Question | Flow::Answer => entry.signature.asks.is_some(),
        }
    }

    /// The type a variant carries for this entry.
    fn payload(self, entry: &Entry) -> TokenStream {
        let path = &entry.path;
        let (alias, assoc) = match self {
            Flow::Chunk => (in_node::chunk(), quote!(Chunk)),
            Flow::Question => (in_node::question(), quote!(Question)),
            Flow::Answer => (in_node::answer(), quote!(Answer)),
        };
        match entry.signature.kind {
            EntryKind::Node => quote!(#path::#alias),
            EntryKind::Graph => quote!(<#path as ::hypernodes::Graph>::#assoc),
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Flow::Chunk => "Chunk",
            Flow::Question => "Question",
            Flow::Answer => "Answer",
        }
    }

    /// The variant's doc, which names its payload's type as written (the payload itself
    /// is a path through the node's hidden aliases).
    fn doc(self, graph: &Ident, entry: &Entry) -> String {
        let name = crate::naming::unraw(&entry.signature.name);
        let ty = self.payload_text(entry);
        match (self, entry.signature.kind) {
            (Flow::Chunk, EntryKind::Node) => format!("A `{ty}` streamed by node `{name}`."),
            (Flow::Question, EntryKind::Node) => {
                format!("The question of node `{name}`, a `{ty}`.")
            }
            (Flow::Answer, EntryKind::Node) => format!("The answer to node `{name}`, a `{ty}`."),
            (Flow::Chunk, EntryKind::Graph) => {
                format!("A chunk streamed inside graph `{name}`, a `{ty}`.")
            }
            (Flow::Question, EntryKind::Graph) => {
                format!("A question asked inside graph `{name}`, a `{ty}`.")
            }
            (Flow::Answer, EntryKind::Graph) => {
                format!(
                    "An answer to a question asked inside graph `{name}` (listed in `{graph}`), a `{ty}`."
                )
            }
        }
    }

    /// The payload's type as the user wrote it: the node's `T`, or the listed graph's enum.
    fn payload_text(self, entry: &Entry) -> String {
        let types = &entry.signature.types;
        let text = match (entry.signature.kind, self) {
            (EntryKind::Graph, _) => Some(format!(
                "{}{}",
                crate::tokens::type_string(&entry.path),
                self.suffix()
            )),
            (EntryKind::Node, Flow::Chunk) => types.chunk.clone(),
            (EntryKind::Node, Flow::Question) => types.question.clone(),
            (EntryKind::Node, Flow::Answer) => types.answer.clone(),
        };
        text.unwrap_or_else(|| "_".to_owned())
    }
}

/// One variant: the entry's position in the schedule, its name, and the entry.
struct Variant<'a> {
    position: usize,
    name: Ident,
    entry: &'a Entry,
}

fn variants<'a>(entries: &'a [Entry], plan: &Plan, flow: Flow) -> Vec<Variant<'a>> {
    let mut taken = std::collections::HashSet::new();
    plan.order
        .iter()
        .enumerate()
        .filter(|(_, &entry)| flow.takes_part(&entries[entry]))
        .map(|(position, &entry)| {
            let entry = &entries[entry];
            let mut name = upper_camel(&entry.signature.name.to_string());
            // Two entries may share a name (`a::parse`, `b::parse`).
            if !taken.insert(name.clone()) {
                name = format!("{name}{position}");
                taken.insert(name.clone());
            }
            Variant {
                position,
                name: Ident::new(&name, Span::call_site()),
                entry,
            }
        })
        .collect()
}

/// `parse_line` → `ParseLine`.
fn upper_camel(name: &str) -> String {
    name.trim_start_matches("r#")
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// Whether any scheduled entry streams (`Chunk`) or asks (`Question`).
pub(crate) fn any(entries: &[Entry], plan: &Plan, streams: bool) -> bool {
    let flow = if streams { Flow::Chunk } else { Flow::Question };
    plan.order
        .iter()
        .any(|&entry| flow.takes_part(&entries[entry]))
}

fn typed<'a>(
    header: &Header,
    entries: &'a [Entry],
    plan: &Plan,
    flow: Flow,
) -> (Typed, Vec<Variant<'a>>) {
    let variants = variants(entries, plan, flow);
    if variants.is_empty() {
        let ty = quote!(::core::convert::Infallible);
        return (
            Typed {
                item: TokenStream::new(),
                ty,
            },
            variants,
        );
    }
    let Header { vis, name, .. } = header;
    let enum_name = format_ident!("{}{}", name, flow.suffix());
    let doc = match flow {
        Flow::Chunk => format!("A chunk streamed while graph [`{name}`] runs, by node: what `AsyncRunner::iter` reports in `Event::Chunk`."),
        Flow::Question => format!("A question asked while graph [`{name}`] runs, by node: what `AsyncRunner::iter` reports in `Event::Interrupt`."),
        Flow::Answer => format!("An answer to a [`{name}Question`], with the same variant: what `Events::respond` takes."),
    };
    let items = variants.iter().map(|variant| {
        let doc = flow.doc(name, variant.entry);
        let ident = &variant.name;
        let payload = flow.payload(variant.entry);
        quote!(#[doc = #doc] #ident(#payload))
    });
    let item = quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[allow(dead_code)]
        #vis enum #enum_name {
            #(#items,)*
        }
    };
    (
        Typed {
            item,
            ty: quote!(#enum_name),
        },
        variants,
    )
}

/// The three enums (or `Infallible`s) and the `Graph` items that convert to and from them.
pub(crate) struct InteractionItems {
    pub items: TokenStream,
    pub chunk: TokenStream,
    pub question: TokenStream,
    pub answer: TokenStream,
    pub functions: TokenStream,
}

pub(crate) fn expand(header: &Header, entries: &[Entry], plan: &Plan) -> InteractionItems {
    let (chunk, chunk_variants) = typed(header, entries, plan, Flow::Chunk);
    let (question, question_variants) = typed(header, entries, plan, Flow::Question);
    let (answer, answer_variants) = typed(header, entries, plan, Flow::Answer);
    let to_chunk = to_typed(&chunk.ty, &chunk_variants, quote!(__chunk), Flow::Chunk);
    let to_question = to_typed(
        &question.ty,
        &question_variants,
        quote!(__question),
        Flow::Question,
    );
    let from_answer = from_answer(&answer.ty, &answer_variants);
    let (chunk_item, question_item, answer_item) = (&chunk.item, &question.item, &answer.item);
    InteractionItems {
        items: quote!(#chunk_item #question_item #answer_item),
        chunk: chunk.ty,
        question: question.ty,
        answer: answer.ty,
        functions: quote!(#to_chunk #to_question #from_answer),
    }
}

/// `__chunk` or `__question`: a boxed value from the node at `path`, typed.
fn to_typed(
    ty: &TokenStream,
    variants: &[Variant<'_>],
    function: TokenStream,
    flow: Flow,
) -> TokenStream {
    let (value, path_, rest) = (local("value"), local("path"), local("rest"));
    let arms = variants.iter().map(|variant| {
        let position = variant.position;
        let ident = &variant.name;
        let path = &variant.entry.path;
        match variant.entry.signature.kind {
            EntryKind::Node => {
                let payload = flow.payload(variant.entry);
                quote! {
                    [#position] => #value
                        .downcast::<#payload>()
                        .ok()
                        .map(|#value| #ty::#ident(*#value)),
                }
            }
            EntryKind::Graph => quote! {
                [#position, #rest @ ..] => <#path as ::hypernodes::Graph>::#function(#rest, #value)
                    .map(#ty::#ident),
            },
        }
    });
    quote! {
        fn #function(
            #path_: &[usize],
            #value: ::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>,
        ) -> ::core::option::Option<#ty> {
            let _ = &#value;
            match #path_ {
                #(#arms)*
                _ => ::core::option::Option::None,
            }
        }
    }
}

/// `__answer`: where an answer goes, and the answer boxed.
fn from_answer(ty: &TokenStream, variants: &[Variant<'_>]) -> TokenStream {
    let (answer, path_) = (local("answer"), local("path"));
    let arms = variants.iter().map(|variant| {
        let position = variant.position;
        let ident = &variant.name;
        let path = &variant.entry.path;
        match variant.entry.signature.kind {
            EntryKind::Node => quote! {
                #ty::#ident(#answer) => (::std::vec![#position], ::std::boxed::Box::new(#answer)),
            },
            EntryKind::Graph => quote! {
                #ty::#ident(#answer) => {
                    let (mut #path_, #answer) = <#path as ::hypernodes::Graph>::__answer(#answer);
                    #path_.insert(0, #position);
                    (#path_, #answer)
                }
            },
        }
    });
    quote! {
        fn __answer(
            #answer: #ty,
        ) -> (
            ::std::vec::Vec<usize>,
            ::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>,
        ) {
            match #answer {
                #(#arms)*
            }
        }
    }
}
