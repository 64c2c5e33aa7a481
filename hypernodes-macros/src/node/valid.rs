//! The validation pass of `#[node]`: checks that the function can be a node (concrete
//! types, plain parameters, at most one `Chunks` and one `Interrupt`), collecting every
//! error, and splits its signature into what the emitter needs.

use super::{Checked, Param, ReturnParts, Specials};
use crate::errors::Errors;
use crate::signature::Input;
use crate::tokens::type_string;
use syn::{FnArg, GenericParam, Ident, ItemFn, Pat, ReturnType, Type};

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

/// `declared_fallible`: `#[node(.., fallible)]`, for a `Result` alias not named `..Result`.
pub(super) fn check(
    function: &ItemFn,
    declared_fallible: bool,
    errors: &mut Errors,
) -> Option<Checked> {
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
                    input: Input {
                        span: ident.span(),
                        name: ident,
                        by_ref,
                    },
                    ty,
                    written: (*typed.ty).clone(),
                });
            }
        }
    }
    let ret = match &sig.output {
        ReturnType::Default => ReturnParts {
            fallible: false,
            whole: None,
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
            if let Some(borrowed) = borrowed_part(ty) {
                let written = type_string(ty);
                let owned = written.replace("&str", "String");
                let example = if owned != written {
                    format!("`{owned}` instead of `{written}`")
                } else {
                    "`Vec<String>` instead of `Vec<&str>`".to_owned()
                };
                errors.at(borrowed, format!("node `{name}` returns `{written}`, which borrows from its inputs; outputs are owned values that the graph stores and passes on, so return an owned type (e.g. {example})"));
                return None;
            }
            let ok = if declared_fallible {
                let ok = first_type_argument(ty);
                if ok.is_none() {
                    errors.at(ty, format!("node `{name}` is declared `fallible`, so its return type must be a `Result` alias with the output as its first argument, as in `Fallible<T>`"));
                    return None;
                }
                ok
            } else {
                result_ok_type(ty)
            };
            match ok {
                Some(ok) => ReturnParts {
                    fallible: true,
                    whole: None,
                    output: ok,
                },
                None => ReturnParts {
                    fallible: false,
                    whole: maybe_alias(ty).then(|| type_string(ty)),
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

/// Takes a `Chunks`, `Interrupt` or `Stop` parameter (by the last segment of its type's path, so
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
    if last.ident == "Stop" {
        if by_ref {
            errors.at(ty, format!("parameter `{ident}` of node `{name}` borrows a `Stop`; take it by value (`{ident}: Stop<'_>`): the runner passes each call its own `Stop`"));
        } else if specials.stop.is_some() {
            errors.at(ty, format!("node `{name}` has a second `Stop` parameter, `{ident}`; a node takes at most one"));
        } else {
            specials.stop = Some(position);
        }
        return true;
    }
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

/// Whether a return type taken whole as the output could be a `Result` alias under
/// another name (`Fallible<T>`): a generic type that is none of the standard containers.
fn maybe_alias(ty: &Type) -> bool {
    const STD: &[&str] = &[
        "Vec",
        "Option",
        "Box",
        "Arc",
        "Rc",
        "HashMap",
        "HashSet",
        "BTreeMap",
        "BTreeSet",
        "VecDeque",
        "BinaryHeap",
        "LinkedList",
        "Cow",
        "Mutex",
        "RwLock",
        "RefCell",
        "Cell",
        "PhantomData",
    ];
    let Type::Path(path) = ty else { return false };
    path.path.segments.last().is_some_and(|last| {
        matches!(last.arguments, syn::PathArguments::AngleBracketed(_))
            && !STD.iter().any(|name| last.ident == name)
    })
}

/// `T` in `Fallible<T>` (or `Fallible<T, E>`).
fn first_type_argument(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let syn::PathArguments::AngleBracketed(args) = &path.path.segments.last()?.arguments else {
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

/// The first part of a return type that borrows (`&str` in `Vec<&str>`, `'a` in
/// `Cow<'a, str>`): an output outlives the call, so it cannot borrow the inputs the graph
/// lent. `'static` borrows nothing. Function types (`Box<dyn Fn(&str)>`) are not searched:
/// their references are the function's own arguments.
fn borrowed_part(ty: &Type) -> Option<&dyn quote::ToTokens> {
    let lifetime_borrows = |lifetime: &syn::Lifetime| lifetime.ident != "static";
    match ty {
        Type::Reference(reference) => match &reference.lifetime {
            Some(lifetime) if !lifetime_borrows(lifetime) => borrowed_part(&reference.elem),
            _ => Some(reference),
        },
        Type::Path(path) => {
            if let Some(qself) = &path.qself {
                if let Some(found) = borrowed_part(&qself.ty) {
                    return Some(found);
                }
            }
            path.path.segments.iter().find_map(|segment| {
                let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
                    return None;
                };
                args.args.iter().find_map(|arg| match arg {
                    syn::GenericArgument::Lifetime(lifetime) if lifetime_borrows(lifetime) => {
                        Some(lifetime as &dyn quote::ToTokens)
                    }
                    syn::GenericArgument::Type(ty) => borrowed_part(ty),
                    _ => None,
                })
            })
        }
        Type::Tuple(tuple) => tuple.elems.iter().find_map(borrowed_part),
        Type::Array(array) => borrowed_part(&array.elem),
        Type::Slice(slice) => borrowed_part(&slice.elem),
        Type::Paren(paren) => borrowed_part(&paren.elem),
        Type::Group(group) => borrowed_part(&group.elem),
        _ => None,
    }
}
