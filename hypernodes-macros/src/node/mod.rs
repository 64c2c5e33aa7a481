//! `#[node]`: checks a function and emits, beside it, the hidden type and callback macro
//! through which `graph!` learns its signature.

mod attr;
pub(crate) mod expand;
mod placement;
mod valid;

use crate::errors::Errors;
use crate::signature::{EntryKind, Input, Signature, TypeText};
use crate::tokens::type_string;
use proc_macro2::TokenStream;
use syn::{FnArg, Ident, ItemFn, Type};

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let function: ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(_) => {
            // A trait's function without a body.
            if let Some(error) = syn::parse2::<syn::TraitItemFn>(item.clone())
                .ok()
                .and_then(|declared| placement_error(&declared.sig))
            {
                return quote::quote!(#error #item);
            }
            let error = syn::Error::new_spanned(
                &item,
                "#[node] goes on a free function, such as `fn double(x: i32) -> i32`",
            )
            .to_compile_error();
            return quote::quote!(#error #item);
        }
    };
    // Only the function: the items emitted beside a node cannot go in a block. A method
    // taking `self` keeps the error about `self` (`valid.rs`), which says more.
    if !has_receiver(&function) {
        if let Some(error) = placement_error(&function.sig) {
            return quote::quote!(#error #function);
        }
    }
    let mut errors = Errors::default();
    let args = attr::parse(args, &mut errors);
    let mut signature_errors = Errors::default();
    let declared_fallible = args.as_ref().is_some_and(|args| args.fallible);
    let checked = valid::check(&function, declared_fallible, &mut signature_errors);
    let node = match (args, checked) {
        (Some(args), Some(parts)) if signature_errors.is_empty() => {
            NodeDef::new(function.clone(), args, parts)
                .map_err(|e| errors.push(e))
                .ok()
        }
        _ => None,
    };
    if let Err(error) = signature_errors.finish() {
        errors.push(error);
    }
    let errors = errors.into_compile_errors();
    match node {
        // A stray attribute argument beside a usable signature: the node still works, so
        // graphs that list it add no errors of their own.
        Some(node) => {
            let node = expand::expand(&node);
            quote::quote!(#errors #node)
        }
        // Keep the function, so that its callers add no "cannot find function" errors.
        None => {
            let callback = broken_callback(&function);
            quote::quote!(#errors #function #callback)
        }
    }
}

/// The callback of a node that could not be accepted: a graph listing it expands to
/// nothing, so the node's own error is the only one (not "cannot find macro `name`").
/// Methods get none: items cannot go in an impl block.
fn broken_callback(function: &ItemFn) -> TokenStream {
    if has_receiver(function) {
        return TokenStream::new();
    }
    let name = &function.sig.ident;
    let vis = &function.vis;
    let macro_name = crate::naming::unique_macro_name("node", name, function);
    let in_module = crate::hop::in_module(name);
    let alias = if in_module {
        crate::naming::in_node::callback()
    } else {
        name.clone()
    };
    // In the function's module the re-export is as visible as the function; in the
    // hidden module, the module is.
    let vis = if in_module {
        syn::parse_quote!(pub)
    } else {
        vis.clone()
    };
    let callback = quote::quote! {
        #[doc(hidden)]
        #[macro_export]
        macro_rules! #macro_name {
            ($($any:tt)*) => {};
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #macro_name as #alias;
    };
    if in_module {
        quote::quote! {
            #[doc(hidden)]
            #vis mod #name {
                #callback
            }
        }
    } else {
        callback
    }
}

fn has_receiver(function: &ItemFn) -> bool {
    function
        .sig
        .inputs
        .iter()
        .any(|arg| matches!(arg, FnArg::Receiver(_)))
}

/// The one error for a node written in an `impl` or `trait` block, when that is certain.
fn placement_error(sig: &syn::Signature) -> Option<TokenStream> {
    placement::enclosing_block(sig).map(|block| block.error(&sig.ident).to_compile_error())
}

/// A parameter as the graph sees it.
pub(crate) struct Param {
    pub input: Input,
    /// The type a value must have to be passed here: `T` for `T` and for `&T`.
    pub ty: Type,
    /// The type as written, for visualisation.
    pub written: Type,
}

/// What the function returns, with `Result` unwrapped.
pub(crate) struct ReturnParts {
    pub fallible: bool,
    /// The return type as written, when it is taken whole as the output though it may be
    /// a `Result` alias not named `..Result` (for the graph's mismatch message).
    pub whole: Option<String>,
    /// The node's output value: `T` of `Result<T, E>`, or the return type itself.
    pub output: Type,
}

struct Checked {
    pub(super) params: Vec<Param>,
    pub(super) ret: ReturnParts,
    pub(super) specials: Specials,
}

/// Parameters of library types that the runner supplies, not wired by name.
#[derive(Default)]
pub(crate) struct Specials {
    /// `Chunks<'_, T>`: its position among the parameters, and `T`.
    pub chunks: Option<(usize, Type)>,
    /// `Interrupt<'_, Q, A>`: its position, `Q` and `A`.
    pub interrupt: Option<(usize, Type, Type)>,
    /// `Stop<'_>`: its position.
    pub stop: Option<usize>,
}

/// A function accepted as a node.
pub(crate) struct NodeDef {
    pub function: ItemFn,
    pub params: Vec<Param>,
    pub ret: ReturnParts,
    /// One type per output name.
    pub output_types: Vec<Type>,
    pub signature: Signature,
    pub specials: Specials,
    /// `version = "..."`: part of the cache key, bumped by hand when helpers change.
    pub version: Option<String>,
}

impl NodeDef {
    fn new(function: ItemFn, args: attr::NodeArgs, parts: Checked) -> syn::Result<Self> {
        let name = &function.sig.ident;
        let output_types = if args.tuple {
            tuple_outputs(name, &args.outputs, &parts.ret.output)?
        } else {
            vec![parts.ret.output.clone()]
        };
        for output in &args.outputs {
            if parts.params.iter().any(|p| p.input.name == *output) {
                return Err(syn::Error::new(
                    output.span(),
                    format!("node `{name}` outputs `{output}` and also takes a parameter `{output}`; a node cannot feed itself, so rename the output or the parameter"),
                ));
            }
        }
        if args.cache {
            let special = match (&parts.specials.chunks, &parts.specials.interrupt) {
                _ if parts.specials.stop.is_some() => Some((
                    "takes a `Stop` parameter",
                    "a stopped call returns early, and the cache would keep that cut-short output as if it were complete",
                )),
                (_, Some(_)) => Some((
                    "asks a question through an `Interrupt` parameter",
                    "its output depends on the answer, which is not part of the cache key",
                )),
                (Some(_), None) => Some((
                    "streams through a `Chunks` parameter",
                    "a cache hit would skip its chunks",
                )),
                (None, None) => None,
            };
            if let Some((what, why)) = special {
                return Err(syn::Error::new(
                    args.cache_span.unwrap_or_else(|| name.span()),
                    format!("node `{name}` {what} and is marked `cache`, but {why}; remove `cache`. To cache the expensive part, move it into a `#[node(.., cache)]` function of its own and take its output as a parameter here"),
                ));
            }
        }
        if args.blocking {
            check_blocking(&function, &args, &parts)?;
        }
        let signature = Signature {
            kind: EntryKind::Node,
            name: function.sig.ident.clone(),
            is_async: function.sig.asyncness.is_some(),
            fallible: parts.ret.fallible,
            cache: args.cache,
            blocking: args.blocking,
            inputs: parts.params.iter().map(|p| p.input.clone()).collect(),
            output_spans: args.outputs.iter().map(Ident::span).collect(),
            whole: parts.ret.whole.clone(),
            outputs: args.outputs,
            streams: parts.specials.chunks.as_ref().map(|(at, _)| *at),
            asks: parts.specials.interrupt.as_ref().map(|(at, _, _)| *at),
            stops: parts.specials.stop,
            types: TypeText {
                inputs: parts
                    .params
                    .iter()
                    .map(|p| type_string(&p.written))
                    .collect(),
                outputs: output_types.iter().map(type_string).collect(),
                chunk: parts.specials.chunks.as_ref().map(|(_, t)| type_string(t)),
                question: parts
                    .specials
                    .interrupt
                    .as_ref()
                    .map(|(_, q, _)| type_string(q)),
                answer: parts
                    .specials
                    .interrupt
                    .as_ref()
                    .map(|(_, _, a)| type_string(a)),
            },
        };
        Ok(NodeDef {
            function,
            params: parts.params,
            specials: parts.specials,
            ret: parts.ret,
            output_types,
            signature,
            version: args.version.as_ref().map(syn::LitStr::value),
        })
    }
}

/// `blocking` is for plain functions whose call can move to another thread: not for an
/// `async fn` (which should not block), nor yet for a node that streams or asks (its
/// `Chunks`/`Interrupt` talk to the run on the caller's thread).
fn check_blocking(function: &ItemFn, args: &attr::NodeArgs, parts: &Checked) -> syn::Result<()> {
    let name = &function.sig.ident;
    let span = args.blocking_span.unwrap_or_else(|| name.span());
    if function.sig.asyncness.is_some() {
        return Err(syn::Error::new(
            span,
            format!("node `{name}` is an `async fn` and is marked `blocking`; `blocking` is for plain functions that do CPU work or blocking I/O, which `AsyncRunner` runs on a thread pool. Remove `blocking`, or make `{name}` a plain `fn`"),
        ));
    }
    let specials = &parts.specials;
    if specials.chunks.is_some() || specials.interrupt.is_some() || specials.stop.is_some() {
        return Err(syn::Error::new(
            span,
            format!("node `{name}` streams, asks or stops (a `Chunks`, `Interrupt` or `Stop` parameter) and is marked `blocking`, which such nodes do not support yet; remove `blocking`"),
        ));
    }
    Ok(())
}

/// The element types of a tuple return, one per name of `output_name = ("a", "b")`.
fn tuple_outputs(name: &Ident, outputs: &[Ident], returned: &Type) -> syn::Result<Vec<Type>> {
    if let Type::Tuple(tuple) = returned {
        if tuple.elems.len() == outputs.len() {
            return Ok(tuple.elems.iter().cloned().collect());
        }
    }
    let names: Vec<String> = outputs.iter().map(|o| format!("`{o}`")).collect();
    let found = match returned {
        Type::Tuple(tuple) => format!("a tuple of {}", tuple.elems.len()),
        other => format!("`{}`", type_string(other)),
    };
    Err(syn::Error::new_spanned(
        returned,
        format!(
            "node `{name}` names {} outputs ({}), so it must return a tuple of {} elements, one per name; it returns {found}",
            outputs.len(),
            names.join(", "),
            outputs.len(),
        ),
    ))
}
