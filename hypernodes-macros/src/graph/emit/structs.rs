//! Emits the user-facing structs of a graph: `{Name}Inputs`, `{Name}Outputs` and
//! `{Name}MapInputs`, their `Debug` impls, and `Graph::__map_items`.

use super::docs;
use super::types::{input_type, source_type};
use super::Emit;
use crate::graph::wiring::Source;
use crate::naming::value_local;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The three structs, with their docs.
pub(crate) fn structs(emit: &Emit<'_>) -> TokenStream {
    let Emit { header, names, .. } = emit;
    let (vis, name) = (&header.vis, &header.name);
    let (inputs, outputs, map_inputs, partial) = (
        &names.inputs,
        &names.outputs,
        &names.map_inputs,
        &names.partial,
    );
    // Each field's doc line starts with its type as written: the field's own type is a
    // path through a node's hidden aliases, which rustdoc shows as is.
    let input_fields = emit.plan.inputs.iter().enumerate().map(|(index, input)| {
        let (entry, param) = input.typed_by;
        let span = emit.entries[entry].signature.inputs[param].span;
        let ty = at(
            input_type(emit.entries, emit.plan, index),
            span,
            &header.attrs.inputs.derives,
        );
        let field = &input.name;
        let text = docs::typed(field, &docs::input_type(emit, index));
        let doc = format!("{text}, fed to {}.", docs::users_of(emit, field));
        quote!(#[doc = #doc] #vis #field: #ty)
    });
    let output_fields = emit.plan.outputs.iter().map(|(field, source)| {
        let Source::Node { entry, output } = source else {
            unreachable!("outputs come from nodes")
        };
        let span = emit.entries[*entry].signature.output_spans[*output];
        let ty = at(
            source_type(emit.entries, emit.plan, *source),
            span,
            &header.attrs.outputs.derives,
        );
        let text = docs::typed(field, &docs::value_type(emit, *source));
        let doc = format!("{text}, produced by {}.", docs::producer_of(emit, *source));
        quote!(#[doc = #doc] #vis #field: #ty)
    });
    let partial_fields = emit.plan.outputs.iter().map(|(field, source)| {
        let ty = source_type(emit.entries, emit.plan, *source);
        let text = docs::typed(field, &docs::value_type(emit, *source));
        let doc = format!(
            "{text}: `Some` if {} finished before the stop.",
            docs::producer_of(emit, *source)
        );
        quote!(#[doc = #doc] #vis #field: ::core::option::Option<#ty>)
    });
    let map_fields = emit.plan.inputs.iter().enumerate().map(|(index, input)| {
        let ty = input_type(emit.entries, emit.plan, index);
        let field = &input.name;
        let users = docs::users_of(emit, field);
        if emit.lent(index) {
            let text = docs::typed(field, &format!("Over<{}, Lent>", docs::input_type(emit, index)));
            let doc = format!("{text}: `hypernodes::each(values)` to map over, `hypernodes::fixed(value)` for every item (cloned per item), or `hypernodes::shared(value)` for one value every item reads (every node borrows it); fed to {users}.");
            quote!(#[doc = #doc] #vis #field: ::hypernodes::Over<#ty, ::hypernodes::Lent>)
        } else {
            let text = docs::typed(field, &format!("Over<{}>", docs::input_type(emit, index)));
            let doc = format!("{text}: `hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to {users}.");
            quote!(#[doc = #doc] #vis #field: ::hypernodes::Over<#ty>)
        }
    });
    let inputs_doc =
        format!("Inputs of graph [`{name}`]: each parameter that no node of the graph produces.");
    let outputs_doc = format!("Outputs of graph [`{name}`], as returned by a runner.");
    let (inputs_derives, outputs_derives) = (
        derives(&header.attrs.inputs.derives),
        derives(&header.attrs.outputs.derives),
    );
    let partial_doc = format!("What a stopped run of graph [`{name}`] had computed: each output, `None` if its node had not finished (see `hypernodes::StopHandle`).");
    let map_inputs_doc = format!("Inputs of graph [`{name}`] for a map: each field maps over several values or gives one to every item.");
    quote! {
        #[doc = #inputs_doc]
        #[allow(dead_code)]
        #inputs_derives
        #vis struct #inputs {
            #(#input_fields,)*
        }

        #[doc = #outputs_doc]
        #[allow(dead_code)]
        #outputs_derives
        #vis struct #outputs {
            #(#output_fields,)*
        }

        #[doc = #partial_doc]
        #[allow(dead_code)]
        #vis struct #partial {
            #(#partial_fields,)*
        }

        #[doc = #map_inputs_doc]
        #[allow(dead_code)]
        #vis struct #map_inputs {
            #(#map_fields,)*
        }
    }
}

/// Where rustc reports a field whose type lacks a derived trait: at the parameter (or
/// output name) that gives the field, when a derive is asked of the struct.
fn at(tokens: TokenStream, span: proc_macro2::Span, derives: &[syn::Path]) -> TokenStream {
    if derives.is_empty() {
        tokens
    } else {
        crate::tokens::respan(tokens, span)
    }
}

/// `#[derive(..)]` of what `#[inputs(derive(..))]` or `#[outputs(derive(..))]` asks.
fn derives(paths: &[syn::Path]) -> TokenStream {
    if paths.is_empty() {
        return TokenStream::new();
    }
    quote!(#[derive(#(#paths),*)])
}

/// `Debug` for the three structs, showing `..` for fields whose type is not `Debug`.
pub(crate) fn debug_impls(emit: &Emit<'_>) -> TokenStream {
    let inputs: Vec<&Ident> = emit.plan.inputs.iter().map(|input| &input.name).collect();
    let outputs: Vec<&Ident> = emit.plan.outputs.iter().map(|(name, _)| name).collect();
    let names = &emit.names;
    let impls = [
        debug_impl(&names.inputs, &inputs),
        debug_impl(&names.outputs, &outputs),
        debug_impl(&names.map_inputs, &inputs),
        debug_impl(&names.partial, &outputs),
    ];
    quote!(#(#impls)*)
}

fn debug_impl(name: &Ident, fields: &[&Ident]) -> TokenStream {
    let name_str = name.to_string();
    let field_strs = fields.iter().map(|f| f.to_string());
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #[allow(unused_imports)]
                use __hn::{FieldOpaque as _, FieldViaDebug as _};
                f.debug_struct(#name_str)
                    #(.field(#field_strs, (&__hn::DebugField(&self.#fields)).field_debug()))*
                    .finish()
            }
        }
    }
}

/// `Graph::__Item`: the inputs of one run as a tuple, an input every node borrows as a
/// `LentInput` (which a map's items may share).
pub(crate) fn item_type(emit: &Emit<'_>) -> TokenStream {
    let types = (0..emit.plan.inputs.len()).map(|index| {
        let ty = input_type(emit.entries, emit.plan, index);
        if emit.lent(index) {
            quote!(__hn::LentInput<#ty>)
        } else {
            ty
        }
    });
    super::fields::nest(types.collect())
}

/// `Graph::__item`: `{Name}Inputs` as the tuple the schedules take.
pub(crate) fn item_fn(emit: &Emit<'_>) -> TokenStream {
    let inputs_name = &emit.names.inputs;
    let inputs = emit.locals.fresh("inputs");
    let fields: Vec<&Ident> = emit.plan.inputs.iter().map(|input| &input.name).collect();
    let values: Vec<Ident> = fields.iter().map(|f| value_local(f)).collect();
    let items = values.iter().enumerate().map(|(index, value)| {
        if emit.lent(index) {
            quote!(__hn::LentInput::own(#value))
        } else {
            quote!(#value)
        }
    });
    let item = super::fields::nest(items.collect());
    quote! {
        // `()` for a graph without inputs.
        #[allow(clippy::unused_unit)]
        fn __item(#inputs: #inputs_name) -> Self::__Item {
            let #inputs_name { #(#fields: #values,)* } = #inputs;
            #item
        }
    }
}

/// `Graph::__map_items`: `{Name}MapInputs` into one item (`Graph::__Item`) per item.
pub(crate) fn map_items_fn(emit: &Emit<'_>) -> TokenStream {
    let map_inputs_name = &emit.names.map_inputs;
    let locals = &emit.locals;
    let (inputs, mode, shape, item) = (
        locals.fresh("inputs"),
        locals.fresh("mode"),
        locals.fresh("shape"),
        locals.fresh("item"),
    );
    let fields: Vec<&Ident> = emit.plan.inputs.iter().map(|input| &input.name).collect();
    let values: Vec<Ident> = fields.iter().map(|f| value_local(f)).collect();
    let columns: Vec<Ident> = fields
        .iter()
        .map(|f| locals.fresh(&format!("{f}_column")))
        .collect();
    let names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    let indices = 0..fields.len();
    let types = (0..fields.len()).map(|index| input_type(emit.entries, emit.plan, index));
    let names2 = &names;
    let item_value = super::fields::nest(columns.iter().map(|c| quote!(#c.value(#item))).collect());
    quote! {
        // Items are `()` for a graph without inputs.
        #[allow(clippy::unused_unit)]
        fn __map_items(
            #inputs: #map_inputs_name,
            #mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<Self::__Item>, ::hypernodes::Error> {
            let #map_inputs_name { #(#fields: #values,)* } = #inputs;
            let #shape = __hn::MapShape::new(&[#((#names, #values.mapped_len())),*], #mode)?;
            #[allow(unused_imports)]
            use __hn::{ProbeClone as _, ProbeNoClone as _};
            #(let mut #columns = __hn::Column::new(
                #values,
                &#shape,
                #indices,
                #names2,
                (&__hn::CloneProbe::<#types>::new()).cloner(),
            )?;)*
            ::core::result::Result::Ok(
                (0..#shape.len())
                    .map(|#item| {
                        let _ = #item;
                        #item_value
                    })
                    .collect(),
            )
        }
    }
}
