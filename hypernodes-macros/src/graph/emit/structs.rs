//! Emits the user-facing structs of a graph: `{Name}Inputs`, `{Name}Outputs` and
//! `{Name}MapInputs`, their `Debug` impls, and `Graph::__map_items`.

use super::docs;
use super::types::{input_type, source_type};
use super::Emit;
use crate::naming::value_local;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The three structs, with their docs.
pub(crate) fn structs(emit: &Emit<'_>) -> TokenStream {
    let Emit { header, names, .. } = emit;
    let (vis, name) = (&header.vis, &header.name);
    let (inputs, outputs, map_inputs) = (&names.inputs, &names.outputs, &names.map_inputs);
    // Each field's doc line starts with its type as written: the field's own type is a
    // path through a node's hidden aliases, which rustdoc shows as is.
    let input_fields = emit.plan.inputs.iter().enumerate().map(|(index, input)| {
        let ty = input_type(emit.entries, emit.plan, index);
        let field = &input.name;
        let text = docs::typed(field, &docs::input_type(emit, index));
        let doc = format!("{text}, fed to {}.", docs::users_of(emit, field));
        quote!(#[doc = #doc] #vis #field: #ty)
    });
    let output_fields = emit.plan.outputs.iter().map(|(field, source)| {
        let ty = source_type(emit.entries, emit.plan, *source);
        let text = docs::typed(field, &docs::value_type(emit, *source));
        let doc = format!("{text}, produced by {}.", docs::producer_of(emit, *source));
        quote!(#[doc = #doc] #vis #field: #ty)
    });
    let map_fields = emit.plan.inputs.iter().enumerate().map(|(index, input)| {
        let ty = input_type(emit.entries, emit.plan, index);
        let field = &input.name;
        let text = docs::typed(field, &format!("Over<{}>", docs::input_type(emit, index)));
        let doc = format!("{text}: `hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to {}.", docs::users_of(emit, field));
        quote!(#[doc = #doc] #vis #field: ::hypernodes::Over<#ty>)
    });
    let inputs_doc =
        format!("Inputs of graph [`{name}`]: each parameter that no node of the graph produces.");
    let outputs_doc = format!("Outputs of graph [`{name}`], as returned by a runner.");
    let map_inputs_doc = format!("Inputs of graph [`{name}`] for a map: each field maps over several values or gives one to every item.");
    quote! {
        #[doc = #inputs_doc]
        #[allow(dead_code)]
        #vis struct #inputs {
            #(#input_fields,)*
        }

        #[doc = #outputs_doc]
        #[allow(dead_code)]
        #vis struct #outputs {
            #(#output_fields,)*
        }

        #[doc = #map_inputs_doc]
        #[allow(dead_code)]
        #vis struct #map_inputs {
            #(#map_fields,)*
        }
    }
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

/// `Graph::__map_items`: `{Name}MapInputs` into one `{Name}Inputs` per item.
pub(crate) fn map_items_fn(emit: &Emit<'_>) -> TokenStream {
    let (inputs_name, map_inputs_name) = (&emit.names.inputs, &emit.names.map_inputs);
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
    quote! {
        fn __map_items(
            #inputs: #map_inputs_name,
            #mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<#inputs_name>, ::hypernodes::Error> {
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
                        #inputs_name { #(#fields: #columns.value(#item),)* }
                    })
                    .collect(),
            )
        }
    }
}
