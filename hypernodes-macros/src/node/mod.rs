//! `#[node]`: checks a function and emits, beside it, the hidden type and callback macro
//! through which `graph!` learns its signature.

mod attr;
pub(crate) mod expand;

use crate::errors::Errors;
use crate::signature::{Input, Kind, Signature};
use crate::tokens::type_string;
use proc_macro2::TokenStream;
use syn::{FnArg, GenericParam, Ident, ItemFn, Pat, ReturnType, Type};

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let function: ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(_) => {
            let error = syn::Error::new_spanned(
                &item,
                "#[node] goes on a free function, such as `fn double(x: i32) -> i32`",
            )
            .to_compile_error();
            return quote::quote!(#error #item);
        }
    };
    let mut errors = Errors::default();
    let args = attr::parse(args, &mut errors);
    let mut signature_errors = Errors::default();
    let checked = check(&function, &mut signature_errors);
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
    let has_receiver = function
        .sig
        .inputs
        .iter()
        .any(|arg| matches!(arg, FnArg::Receiver(_)));
    if has_receiver {
        return TokenStream::new();
    }
    let name = &function.sig.ident;
    let vis = &function.vis;
    let macro_name = expand::unique_macro_name("node", name, function);
    quote::quote! {
        #[doc(hidden)]
        #[macro_export]
        macro_rules! #macro_name {
            ($($any:tt)*) => {};
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #macro_name as #name;
    }
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
    /// The node's output value: `T` of `Result<T, E>`, or the return type itself.
    pub output: Type,
}

struct Checked {
    params: Vec<Param>,
    ret: ReturnParts,
    specials: Specials,
}

/// Parameters of library types that the runner supplies, not wired by name.
#[derive(Default)]
pub(crate) struct Specials {
    /// `Chunks<'_, T>`: its position among the parameters, and `T`.
    pub chunks: Option<(usize, Type)>,
    /// `Interrupt<'_, Q, A>`: its position, `Q` and `A`.
    pub interrupt: Option<(usize, Type, Type)>,
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
        let signature = Signature {
            kind: Kind::Node,
            name: function.sig.ident.clone(),
            is_async: function.sig.asyncness.is_some(),
            fallible: parts.ret.fallible,
            cache: args.cache,
            inputs: parts.params.iter().map(|p| p.input.clone()).collect(),
            outputs: args.outputs,
            streams: parts.specials.chunks.as_ref().map(|(at, _)| *at),
            asks: parts.specials.interrupt.as_ref().map(|(at, _, _)| *at),
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

/// A node's types must be concrete: the graph names them through trait projections.
fn check_generics(name: &Ident, generics: &syn::Generics, errors: &mut Errors) {
    let only_lifetimes = generics
        .params
        .iter()
        .all(|p| matches!(p, GenericParam::Lifetime(_)));
    if generics.params.is_empty() {
        if let Some(where_clause) = &generics.where_clause {
            errors.at(where_clause, format!("node `{name}` has a where clause; a node must be a concrete, non-generic function"));
        }
    } else if only_lifetimes {
        errors.at(
            &generics.params,
            format!("node `{name}` declares lifetime parameters; leave references unnamed (`&[String]`, not `&'a [String]`): the graph lends each value for the call only, and a node returns owned values"),
        );
    } else {
        errors.at(
            generics,
            format!("node `{name}` is generic, but the graph must know every input and output type: put #[node] on a non-generic function instead (it may call this one with concrete types)"),
        );
    }
}

fn check(function: &ItemFn, errors: &mut Errors) -> Option<Checked> {
    let sig = &function.sig;
    let name = &sig.ident;
    check_generics(name, &sig.generics, errors);
    if let Some(unsafety) = &sig.unsafety {
        errors.at(unsafety, format!("node `{name}` is an `unsafe fn`; a graph calls its nodes from safe code, so wrap the unsafe call in a safe function"));
    }
    if let Some(abi) = &sig.abi {
        errors.at(
            abi,
            format!("node `{name}` has an explicit ABI; nodes are ordinary Rust functions"),
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.at(variadic, "variadic functions cannot be nodes");
    }
    let mut params = Vec::new();
    let mut specials = Specials::default();
    for (position, arg) in sig.inputs.iter().enumerate() {
        match arg {
            FnArg::Receiver(receiver) => errors.at(
                receiver,
                format!("node `{name}` takes `self`; nodes are free functions, because their parameters are wired by name from other nodes' outputs. Move the logic into a free function that takes the value as a named parameter"),
            ),
            FnArg::Typed(typed) => {
                let ident = match &*typed.pat {
                    Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                        pat.ident.clone()
                    }
                    Pat::Wild(wild) => {
                        errors.at(
                            wild,
                            format!("a parameter of node `{name}` is `_`, but each parameter needs a name: the name wires it to the output of the same name (or to a graph input). Name it, or remove it if unused"),
                        );
                        continue;
                    }
                    other => {
                        errors.at(
                            other,
                            format!("a parameter of node `{name}` is a pattern, but each parameter must be a plain name (like `pair: (i32, i32)`): the name wires it to the output of the same name. Destructure inside the body instead"),
                        );
                        continue;
                    }
                };
                if ident.to_string().starts_with("__hn_") {
                    errors.at(&ident, "names starting with `__hn_` are reserved for hypernodes");
                    continue;
                }
                if special_param(name, &ident, position, &typed.ty, &mut specials, errors) {
                    continue;
                }
                let (by_ref, ty) = match &*typed.ty {
                    Type::Reference(reference) if reference.mutability.is_some() => {
                        errors.at(
                            reference,
                            format!(
                                "parameter `{ident}` of node `{name}` is `&mut`, but a node never gets mutable access to a value that other nodes may read; take it by value (`{ident}: {}`) and return the changed value",
                                type_string(&reference.elem)
                            ),
                        );
                        continue;
                    }
                    Type::Reference(reference) => (true, (*reference.elem).clone()),
                    other => (false, other.clone()),
                };
                if contains_impl_trait(&ty) {
                    errors.at(&typed.ty, format!("parameter `{ident}` of node `{name}` uses `impl Trait`, which makes the node generic; give it a concrete type"));
                    continue;
                }
                params.push(Param {
                    input: Input { name: ident, by_ref },
                    ty,
                    written: (*typed.ty).clone(),
                });
            }
        }
    }
    let ret = match &sig.output {
        ReturnType::Default => ReturnParts {
            fallible: false,
            output: syn::parse_quote!(()),
        },
        ReturnType::Type(_, ty) => {
            if contains_impl_trait(ty) {
                errors.at(ty, format!("node `{name}` returns `impl Trait`; its output becomes a field of the graph's outputs, so it needs a nameable type"));
                return None;
            }
            if let Type::Reference(reference) = &**ty {
                errors.at(reference, format!("node `{name}` returns a reference; outputs are owned values that the graph stores and passes on, so return an owned type (e.g. `String` instead of `&str`)"));
                return None;
            }
            match result_ok_type(ty) {
                Some(ok) => ReturnParts {
                    fallible: true,
                    output: ok,
                },
                None => ReturnParts {
                    fallible: false,
                    output: (**ty).clone(),
                },
            }
        }
    };
    Some(Checked {
        params,
        ret,
        specials,
    })
}

/// Takes a `Chunks` or `Interrupt` parameter (by the last segment of its type's path, so
/// `hypernodes::Chunks<'_, T>` and an imported `Chunks<'_, T>` both count); `false` for
/// any other parameter.
fn special_param(
    name: &Ident,
    ident: &Ident,
    position: usize,
    ty: &Type,
    specials: &mut Specials,
    errors: &mut Errors,
) -> bool {
    let (path, by_ref) = match ty {
        Type::Path(path) => (path, false),
        Type::Reference(reference) => match &*reference.elem {
            Type::Path(path) => (path, true),
            _ => return false,
        },
        _ => return false,
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let (kind, arity) = match last.ident.to_string().as_str() {
        "Chunks" => ("Chunks", 1),
        "Interrupt" => ("Interrupt", 2),
        _ => return false,
    };
    let (example, wanted) = if arity == 1 {
        (
            format!("{ident}: Chunks<'_, String>"),
            "takes 1: the chunk type",
        )
    } else {
        (
            format!("{ident}: Interrupt<'_, String, bool>"),
            "takes 2: the question type and the answer type",
        )
    };
    if by_ref {
        errors.at(ty, format!("parameter `{ident}` of node `{name}` borrows a `{kind}`; take it by value (`{example}`): the runner passes each call its own `{kind}`"));
        return true;
    }
    let types: Vec<Type> = match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => Some(ty.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    if types.len() != arity {
        let given = match types.len() {
            0 => "no type argument".to_owned(),
            1 => "1 type argument".to_owned(),
            n => format!("{n} type arguments"),
        };
        let article = if arity == 1 { "a" } else { "an" };
        errors.at(ty, format!("parameter `{ident}` of node `{name}` is {article} `{kind}` with {given}, but `{kind}` {wanted}, as in `{example}`"));
        return true;
    }
    let taken = if arity == 1 {
        specials.chunks.is_some()
    } else {
        specials.interrupt.is_some()
    };
    if taken {
        let hint = if arity == 1 {
            "to stream several kinds of chunk, make the chunk type an enum with a variant per kind"
        } else {
            "it may call `ask` several times; to ask several kinds of question, make the question and answer types enums"
        };
        errors.at(ty, format!("node `{name}` has a second `{kind}` parameter, `{ident}`; a node takes at most one: {hint}"));
        return true;
    }
    if arity == 1 {
        specials.chunks = Some((position, types[0].clone()));
    } else {
        specials.interrupt = Some((position, types[0].clone(), types[1].clone()));
    }
    true
}

/// `T` of a return type spelled `Result<T, ..>` (any path ending in `Result`, such as
/// `io::Result<T>` or `anyhow::Result<T>`).
fn result_ok_type(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty.clone()),
        _ => None,
    })
}

fn contains_impl_trait(ty: &Type) -> bool {
    crate::tokens::contains_ident(ty, "impl")
}
