//! `#[node]`: checks a function and emits, beside it, the hidden type and callback macro
//! through which `graph!` learns its signature.

mod attr;
pub(crate) mod expand;

use crate::errors::Errors;
use crate::signature::{Input, Kind, Signature};
use proc_macro2::TokenStream;
use syn::{FnArg, GenericParam, ItemFn, Pat, ReturnType, Type};

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
    let checked = check(&function, &mut errors);
    match (args, checked, errors.is_empty()) {
        (Some(args), Some(parts), true) => match NodeDef::new(function.clone(), args, parts) {
            Ok(node) => expand::expand(&node),
            Err(error) => {
                let error = error.to_compile_error();
                quote::quote!(#error #function)
            }
        },
        // Keep the function so that one mistake in the attribute gives one error, not a
        // cascade of "cannot find function" errors at its callers.
        _ => {
            let errors = errors.into_compile_errors();
            quote::quote!(#errors #function)
        }
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
}

/// A function accepted as a node.
pub(crate) struct NodeDef {
    pub function: ItemFn,
    pub params: Vec<Param>,
    pub ret: ReturnParts,
    /// One type per output name.
    pub output_types: Vec<Type>,
    pub signature: Signature,
}

impl NodeDef {
    fn new(function: ItemFn, args: attr::NodeArgs, parts: Checked) -> syn::Result<Self> {
        let output_types = if args.tuple {
            match &parts.ret.output {
                Type::Tuple(tuple) if tuple.elems.len() == args.outputs.len() => {
                    tuple.elems.iter().cloned().collect()
                }
                other => {
                    return Err(syn::Error::new_spanned(
                        other,
                        format!(
                            "`output_name` lists {} outputs, so this function must return a tuple of {} elements (written as a tuple type)",
                            args.outputs.len(),
                            args.outputs.len()
                        ),
                    ))
                }
            }
        } else {
            vec![parts.ret.output.clone()]
        };
        for output in &args.outputs {
            if let Some(param) = parts.params.iter().find(|p| p.input.name == *output) {
                let mut error = syn::Error::new(
                    output.span(),
                    format!(
                        "node `{}` outputs `{output}`, which is also one of its own inputs; a node cannot feed itself, so rename the output or the parameter",
                        function.sig.ident
                    ),
                );
                error.combine(syn::Error::new_spanned(&param.input.name, "the input is here"));
                return Err(error);
            }
        }
        let signature = Signature {
            kind: Kind::Node,
            name: function.sig.ident.clone(),
            is_async: function.sig.asyncness.is_some(),
            fallible: parts.ret.fallible,
            inputs: parts.params.iter().map(|p| p.input.clone()).collect(),
            outputs: args.outputs,
        };
        Ok(NodeDef {
            function,
            params: parts.params,
            ret: parts.ret,
            output_types,
            signature,
        })
    }
}

fn check(function: &ItemFn, errors: &mut Errors) -> Option<Checked> {
    let sig = &function.sig;
    let name = &sig.ident;
    if let Some(generic) = sig.generics.params.first() {
        let what = match generic {
            GenericParam::Lifetime(_) => "lifetime parameters",
            GenericParam::Type(_) => "type parameters",
            GenericParam::Const(_) => "const parameters",
        };
        errors.at(
            &sig.generics,
            format!("node `{name}` has {what}, but a node must be a concrete function: graphs resolve every type at compile time. Write a non-generic wrapper that calls it and put #[node] on that"),
        );
    }
    if let Some(where_clause) = &sig.generics.where_clause {
        errors.at(where_clause, format!("node `{name}` has a where clause; a node must be a concrete, non-generic function"));
    }
    if let Some(unsafety) = &sig.unsafety {
        errors.at(unsafety, format!("node `{name}` is an `unsafe fn`; a graph calls its nodes from safe code, so wrap the unsafe call in a safe function"));
    }
    if let Some(abi) = &sig.abi {
        errors.at(abi, format!("node `{name}` has an explicit ABI; nodes are ordinary Rust functions"));
    }
    if let Some(variadic) = &sig.variadic {
        errors.at(variadic, "variadic functions cannot be nodes");
    }
    let mut params = Vec::new();
    for arg in &sig.inputs {
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
                    other => {
                        errors.at(
                            other,
                            "a node's parameters must be plain names (like `text: String`), because each name is what wires the parameter to the output of the same name; destructure inside the body instead",
                        );
                        continue;
                    }
                };
                if ident.to_string().starts_with("__hn_") {
                    errors.at(&ident, "names starting with `__hn_` are reserved for hypernodes");
                    continue;
                }
                let (by_ref, ty) = match &*typed.ty {
                    Type::Reference(reference) if reference.mutability.is_some() => {
                        errors.at(
                            reference,
                            format!("parameter `{ident}` is a `&mut` reference; nodes receive values or shared references (`&T`), never mutable access to another node's output"),
                        );
                        continue;
                    }
                    Type::Reference(reference) => (true, (*reference.elem).clone()),
                    other => (false, other.clone()),
                };
                if contains_impl_trait(&ty) {
                    errors.at(&typed.ty, format!("parameter `{ident}` uses `impl Trait`, which makes the node generic; name a concrete type"));
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
    Some(Checked { params, ret })
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
