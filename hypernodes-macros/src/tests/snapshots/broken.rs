::core::compile_error! {
    "these nodes form a cycle, so no order can run them: `a` needs `b` from `b`, `b` needs `a` from `a`; rename an output or a parameter to break it"
}
/**The graph `Broken`: 2 nodes to run with a runner.

A runner takes [`BrokenInputs`] and returns [`BrokenOutputs`]; [`BrokenMapInputs`] maps it over many items. Draw it with `hypernodes::viz::Diagram::of(&Broken)`.

# Nodes, in the order they run

1. `a(b: _) -> a: _`
2. `b(a: _) -> b: _`

# Inputs

None.

# Outputs

- `a: _`, from node `a`
- `b: _`, from node `b`

# Diagram

```mermaid
flowchart TB
    n0["a"]
    n1["b"]
    n1 -->|"b"| n0
    n0 -->|"a"| n1
```
*/
#[derive(Clone, Copy, Debug, Default)]
pub struct Broken;
///Inputs of graph [`Broken`]: each parameter that no node of the graph produces.
#[allow(dead_code)]
pub struct BrokenInputs {}
///Outputs of graph [`Broken`], as returned by a runner.
#[allow(dead_code)]
pub struct BrokenOutputs {
    ///`a: _`, produced by node `a`.
    pub a: a::__hn_out_0,
    ///`b: _`, produced by node `b`.
    pub b: b::__hn_out_0,
}
///What a stopped run of graph [`Broken`] had computed: each output, `None` if its node had not finished (see `hypernodes::StopHandle`).
#[allow(dead_code)]
pub struct BrokenPartial {
    ///`a: _`: `Some` if node `a` finished before the stop.
    pub a: ::core::option::Option<a::__hn_out_0>,
    ///`b: _`: `Some` if node `b` finished before the stop.
    pub b: ::core::option::Option<b::__hn_out_0>,
}
///Inputs of graph [`Broken`] for a map: each field maps over several values or gives one to every item.
#[allow(dead_code)]
pub struct BrokenMapInputs {}
const _: () = {
    use ::hypernodes::__private as __hn;
    #[automatically_derived]
    impl ::core::fmt::Debug for BrokenInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("BrokenInputs").finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for BrokenOutputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("BrokenOutputs")
                .field("a", (&__hn::DebugField(&self.a)).field_debug())
                .field("b", (&__hn::DebugField(&self.b)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for BrokenMapInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("BrokenMapInputs").finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for BrokenPartial {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("BrokenPartial")
                .field("a", (&__hn::DebugField(&self.a)).field_debug())
                .field("b", (&__hn::DebugField(&self.b)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::hypernodes::__private::Fields for BrokenOutputs {
        type Tuple = (a::__hn_out_0, b::__hn_out_0);
        fn into_tuple(self) -> Self::Tuple {
            let BrokenOutputs { a, b } = self;
            (a, b)
        }
        fn from_tuple(tuple: Self::Tuple) -> Self {
            let (a, b) = tuple;
            BrokenOutputs { a, b }
        }
    }
    #[automatically_derived]
    impl ::hypernodes::Node for Broken {
        type Output = BrokenOutputs;
        const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
            name: "Broken",
            module_path: ::core::module_path!(),
            inputs: <Self as ::hypernodes::Graph>::GRAPH_INFO.inputs,
            outputs: <Self as ::hypernodes::Graph>::GRAPH_INFO.outputs,
            is_async: false,
            fallible: false,
            code_hash: [0; 32],
            cache: false,
            streams: false,
            asks: false,
            version: ::core::option::Option::None,
            subgraph: ::core::option::Option::Some(
                <Self as ::hypernodes::Graph>::GRAPH_INFO,
            ),
            composition: ::core::option::Option::None,
        };
    }
    #[automatically_derived]
    impl ::hypernodes::Graph for Broken {
        type Inputs = BrokenInputs;
        type Outputs = BrokenOutputs;
        type MapInputs = BrokenMapInputs;
        type Partial = BrokenPartial;
        type __Item = ();
        type Chunk = ::core::convert::Infallible;
        type Question = ::core::convert::Infallible;
        type Answer = ::core::convert::Infallible;
        const GRAPH_INFO: &'static ::hypernodes::GraphInfo = &::hypernodes::GraphInfo {
            name: "Broken",
            module_path: ::core::module_path!(),
            nodes: &[a::__HN_INFO, b::__HN_INFO],
            inputs: &[],
            outputs: &[a::__HN_INFO.outputs[0usize], b::__HN_INFO.outputs[0usize]],
            edges: &[
                ::hypernodes::Edge {
                    value: "b",
                    from: ::hypernodes::Endpoint::Node(1usize),
                    to: 0usize,
                },
                ::hypernodes::Edge {
                    value: "a",
                    from: ::hypernodes::Endpoint::Node(0usize),
                    to: 1usize,
                },
            ],
        };
        #[allow(clippy::unused_unit)]
        fn __item(inputs: BrokenInputs) -> Self::__Item {
            let BrokenInputs {} = inputs;
            ()
        }
        #[allow(clippy::unused_unit)]
        fn __map_items(
            inputs: BrokenMapInputs,
            mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<Self::__Item>, ::hypernodes::Error> {
            let BrokenMapInputs {} = inputs;
            let shape = __hn::MapShape::new(&[], mode)?;
            #[allow(unused_imports)]
            use __hn::{ProbeClone as _, ProbeNoClone as _};
            ::core::result::Result::Ok(
                (0..shape.len())
                    .map(|item| {
                        let _ = item;
                        ()
                    })
                    .collect(),
            )
        }
        fn __chunk(
            path: &[usize],
            value: ::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>,
        ) -> ::core::option::Option<::core::convert::Infallible> {
            let _ = &value;
            match path {
                _ => ::core::option::Option::None,
            }
        }
        fn __question(
            path: &[usize],
            value: ::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>,
        ) -> ::core::option::Option<::core::convert::Infallible> {
            let _ = &value;
            match path {
                _ => ::core::option::Option::None,
            }
        }
        fn __answer(
            answer: ::core::convert::Infallible,
        ) -> (
            ::std::vec::Vec<usize>,
            ::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>,
        ) {
            match answer {}
        }
        #[allow(clippy::all, unused_braces)]
        fn __run<__HnExec: __hn::Executor>(
            &self,
            exec: &mut __HnExec,
            inputs: Self::__Item,
        ) -> ::core::result::Result<BrokenOutputs, ::hypernodes::Error> {
            let _ = (exec, inputs);
            ::core::unreachable!("the graph has wiring errors")
        }
        #[allow(clippy::all, unused_braces, unused_mut)]
        #[inline]
        fn __run_async<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            inputs: Self::__Item,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<BrokenOutputs, __hn::Halt<BrokenPartial>>,
        > + 'run {
            async move {
                let _ = (exec, inputs);
                ::core::unreachable!("the graph has wiring errors")
            }
        }
    }
    #[automatically_derived]
    impl __hn::Out<0usize> for Broken {
        type Type = a::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::Out<1usize> for Broken {
        type Type = b::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::NestedGraph for Broken {
        type Args = ();
        fn inputs((): Self::Args) -> BrokenInputs {
            BrokenInputs {}
        }
    }
};
#[doc(hidden)]
#[macro_export]
#[allow(non_local_definitions)]
macro_rules! __hn_graph_Broken_29444cc7569634f3 {
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*]) => {
        ::hypernodes::__private::graph_impl! { [$($header)*] [$($done)* { [$($me)*] graph
        Broken { false false false false[] [a, b] [] [] "\n_\t_\n\n\n" } }] }
    };
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*] [$($next:tt)*] $($rest:tt)*) => {
        $($next)* ! { [$($header)*] [$($done)* { [$($me)*] graph Broken { false false
        false false[] [a, b] [] [] "\n_\t_\n\n\n" } }] [$($next)*] $($rest)* }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub use __hn_graph_Broken_29444cc7569634f3 as Broken;
