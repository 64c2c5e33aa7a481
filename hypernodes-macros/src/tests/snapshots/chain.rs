/**The graph `Chain`: 3 nodes to run with a runner.

A runner takes [`ChainInputs`] and returns [`ChainOutputs`]; [`ChainMapInputs`] maps it over many items. Draw it with `hypernodes::viz::Diagram::of(&Chain)`.

# Nodes, in the order they run

1. `double(x: i32) -> doubled: i32`
2. `add_one(doubled: i32) -> added: i64`
3. `show(added: &i64, doubled: i32) -> shown: Vec<String>`

# Inputs

- `x: i32`, fed to node `double`

# Outputs

- `doubled: i32`, from node `double`
- `added: i64`, from node `add_one`
- `shown: Vec<String>`, from node `show`

# Diagram

```mermaid
flowchart TB
    i0(["x"])
    n0["double"]
    n1["add_one"]
    n2["show"]
    i0 --> n0
    n0 -->|"doubled"| n1
    n1 -->|"added"| n2
    n0 -->|"doubled"| n2
```
*/
#[derive(Clone, Copy, Debug, Default)]
pub struct Chain;
///Inputs of graph [`Chain`]: each parameter that no node of the graph produces.
#[allow(dead_code)]
pub struct ChainInputs {
    ///`x: i32`, fed to node `double`.
    pub x: double::__hn_in_0,
}
///Outputs of graph [`Chain`], as returned by a runner.
#[allow(dead_code)]
pub struct ChainOutputs {
    ///`doubled: i32`, produced by node `double`.
    pub doubled: double::__hn_out_0,
    ///`added: i64`, produced by node `add_one`.
    pub added: add_one::__hn_out_0,
    ///`shown: Vec<String>`, produced by node `show`.
    pub shown: stages::show::__hn_out_0,
}
///What a stopped run of graph [`Chain`] had computed: each output, `None` if its node had not finished (see `hypernodes::StopHandle`).
#[allow(dead_code)]
pub struct ChainPartial {
    ///`doubled: i32`: `Some` if node `double` finished before the stop.
    pub doubled: ::core::option::Option<double::__hn_out_0>,
    ///`added: i64`: `Some` if node `add_one` finished before the stop.
    pub added: ::core::option::Option<add_one::__hn_out_0>,
    ///`shown: Vec<String>`: `Some` if node `show` finished before the stop.
    pub shown: ::core::option::Option<stages::show::__hn_out_0>,
}
///Inputs of graph [`Chain`] for a map: each field maps over several values or gives one to every item.
#[allow(dead_code)]
pub struct ChainMapInputs {
    ///`x: Over<i32>`: `hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to node `double`.
    pub x: ::hypernodes::Over<double::__hn_in_0>,
}
const _: () = {
    use ::hypernodes::__private as __hn;
    #[diagnostic::on_unimplemented(
        message = "node `add_one` takes `doubled: {T}`, but node `double` produces `doubled: {Self}`",
        label = "`doubled` has the wrong type for node `add_one`",
        note = "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them"
    )]
    #[allow(non_camel_case_types)]
    trait add_one_takes_doubled<T> {
        fn __hn_feed(self) -> T;
    }
    impl<T> add_one_takes_doubled<T> for T {
        #[inline(always)]
        fn __hn_feed(self) -> T {
            self
        }
    }
    #[diagnostic::on_unimplemented(
        message = "node `show` takes `added: &{T}`, but node `add_one` produces `added: {Self}`",
        label = "`added` has the wrong type for node `show`",
        note = "a `&T` parameter accepts any value that borrows as `T`, such as `String` for `&str` or `Vec<T>` for `&[T]`"
    )]
    #[allow(non_camel_case_types)]
    trait show_takes_added<T: ?::core::marker::Sized> {
        fn __hn_feed(&self) -> &T;
    }
    impl<
        T: ?::core::marker::Sized,
        O: ?::core::marker::Sized + ::core::borrow::Borrow<T>,
    > show_takes_added<T> for O {
        #[inline(always)]
        fn __hn_feed(&self) -> &T {
            ::core::borrow::Borrow::borrow(self)
        }
    }
    #[diagnostic::on_unimplemented(
        message = "node `show` takes `doubled: {T}`, but node `double` produces `doubled: {Self}`",
        label = "`doubled` has the wrong type for node `show`",
        note = "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them"
    )]
    #[allow(non_camel_case_types)]
    trait show_takes_doubled<T> {
        fn __hn_feed(self) -> T;
    }
    impl<T> show_takes_doubled<T> for T {
        #[inline(always)]
        fn __hn_feed(self) -> T {
            self
        }
    }
    #[allow(non_camel_case_types, non_snake_case)]
    struct ChainSlots {}
    #[allow(clippy::all, non_snake_case, unused_braces)]
    impl ChainSlots {}
    #[automatically_derived]
    impl ::core::fmt::Debug for ChainInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("ChainInputs")
                .field("x", (&__hn::DebugField(&self.x)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for ChainOutputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("ChainOutputs")
                .field("doubled", (&__hn::DebugField(&self.doubled)).field_debug())
                .field("added", (&__hn::DebugField(&self.added)).field_debug())
                .field("shown", (&__hn::DebugField(&self.shown)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for ChainMapInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("ChainMapInputs")
                .field("x", (&__hn::DebugField(&self.x)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for ChainPartial {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("ChainPartial")
                .field("doubled", (&__hn::DebugField(&self.doubled)).field_debug())
                .field("added", (&__hn::DebugField(&self.added)).field_debug())
                .field("shown", (&__hn::DebugField(&self.shown)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::hypernodes::__private::Fields for ChainOutputs {
        type Tuple = (double::__hn_out_0, add_one::__hn_out_0, stages::show::__hn_out_0);
        fn into_tuple(self) -> Self::Tuple {
            let ChainOutputs { doubled, added, shown } = self;
            (doubled, added, shown)
        }
        fn from_tuple(tuple: Self::Tuple) -> Self {
            let (doubled, added, shown) = tuple;
            ChainOutputs {
                doubled,
                added,
                shown,
            }
        }
    }
    #[automatically_derived]
    impl ::hypernodes::Node for Chain {
        type Output = ChainOutputs;
        const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
            name: "Chain",
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
    impl ::hypernodes::Graph for Chain {
        type Inputs = ChainInputs;
        type Outputs = ChainOutputs;
        type MapInputs = ChainMapInputs;
        type Partial = ChainPartial;
        type __Item = (double::__hn_in_0,);
        type Chunk = ::core::convert::Infallible;
        type Question = ::core::convert::Infallible;
        type Answer = ::core::convert::Infallible;
        const GRAPH_INFO: &'static ::hypernodes::GraphInfo = &::hypernodes::GraphInfo {
            name: "Chain",
            module_path: ::core::module_path!(),
            nodes: &[double::__HN_INFO, add_one::__HN_INFO, stages::show::__HN_INFO],
            inputs: &[double::__HN_INFO.inputs[0usize]],
            outputs: &[
                double::__HN_INFO.outputs[0usize],
                add_one::__HN_INFO.outputs[0usize],
                stages::show::__HN_INFO.outputs[0usize],
            ],
            edges: &[
                ::hypernodes::Edge {
                    value: "x",
                    from: ::hypernodes::Endpoint::Input,
                    to: 0usize,
                },
                ::hypernodes::Edge {
                    value: "doubled",
                    from: ::hypernodes::Endpoint::Node(0usize),
                    to: 1usize,
                },
                ::hypernodes::Edge {
                    value: "added",
                    from: ::hypernodes::Endpoint::Node(1usize),
                    to: 2usize,
                },
                ::hypernodes::Edge {
                    value: "doubled",
                    from: ::hypernodes::Endpoint::Node(0usize),
                    to: 2usize,
                },
            ],
        };
        #[allow(clippy::unused_unit)]
        fn __item(inputs: ChainInputs) -> Self::__Item {
            let ChainInputs { x: x } = inputs;
            (x,)
        }
        #[allow(clippy::unused_unit)]
        fn __map_items(
            inputs: ChainMapInputs,
            mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<Self::__Item>, ::hypernodes::Error> {
            let ChainMapInputs { x: x } = inputs;
            let shape = __hn::MapShape::new(&[("x", x.mapped_len())], mode)?;
            #[allow(unused_imports)]
            use __hn::{ProbeClone as _, ProbeNoClone as _};
            let mut x_column = __hn::Column::new(
                x,
                &shape,
                0usize,
                "x",
                (&__hn::CloneProbe::<double::__hn_in_0>::new()).cloner(),
            )?;
            ::core::result::Result::Ok(
                (0..shape.len())
                    .map(|item| {
                        let _ = item;
                        (x_column.value(item),)
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
        ) -> ::core::result::Result<ChainOutputs, ::hypernodes::Error> {
            let (x,) = inputs;
            let nodes = <Chain as ::hypernodes::Graph>::GRAPH_INFO.nodes;
            let doubled = __hn::Executor::node(
                exec,
                &nodes[0usize],
                |_| __hn::infallible(double(x)),
                __hn::keep_all,
            )?;
            let added = __hn::Executor::node(
                exec,
                &nodes[1usize],
                |_| __hn::infallible(
                    add_one(
                        <double::__hn_out_0 as add_one_takes_doubled<
                            add_one::__hn_in_0,
                        >>::__hn_feed(
                            <double::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                &doubled,
                            ),
                        ),
                    ),
                ),
                __hn::keep_all,
            )?;
            let shown = __hn::Executor::node(
                exec,
                &nodes[2usize],
                |_| __hn::infallible(
                    stages::show(
                        <add_one::__hn_out_0 as show_takes_added<
                            stages::show::__hn_in_0,
                        >>::__hn_feed(&added),
                        <double::__hn_out_0 as show_takes_doubled<
                            stages::show::__hn_in_1,
                        >>::__hn_feed(
                            <double::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                &doubled,
                            ),
                        ),
                    ),
                ),
                __hn::keep_all,
            )?;
            ::core::result::Result::Ok(ChainOutputs {
                doubled: doubled,
                added: added,
                shown: shown,
            })
        }
        #[allow(clippy::all, unused_braces, unused_mut)]
        #[inline]
        fn __run_async<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            inputs: Self::__Item,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<ChainOutputs, __hn::Halt<ChainPartial>>,
        > + 'run {
            async move {
                let (x,) = inputs;
                let slots = ChainSlots {};
                let _ = &slots;
                let doubled = {
                    match {
                        let node = &<Chain as ::hypernodes::Graph>::GRAPH_INFO
                            .nodes[0usize];
                        match __hn::AsyncExecutor::node_now(
                            exec,
                            node,
                            || __hn::infallible(double(x)),
                            __hn::keep_all,
                        ) {
                            ::core::result::Result::Ok(result) => result,
                            ::core::result::Result::Err((call, keep)) => {
                                ::std::boxed::Box::pin(
                                        __hn::AsyncExecutor::node(
                                            exec,
                                            node,
                                            async move { call() },
                                            keep,
                                        ),
                                    )
                                    .await
                            }
                        }
                    } {
                        ::core::result::Result::Ok(kept) => kept,
                        ::core::result::Result::Err(error) => {
                            return ::core::result::Result::Err(
                                __hn::Halt::new(
                                    error,
                                    move || ChainPartial {
                                        doubled: ::core::option::Option::None,
                                        added: ::core::option::Option::None,
                                        shown: ::core::option::Option::None,
                                    },
                                ),
                            );
                        }
                    }
                };
                let added = {
                    match {
                        let node = &<Chain as ::hypernodes::Graph>::GRAPH_INFO
                            .nodes[1usize];
                        match __hn::AsyncExecutor::node_now(
                            exec,
                            node,
                            || __hn::infallible(
                                add_one(
                                    <double::__hn_out_0 as add_one_takes_doubled<
                                        add_one::__hn_in_0,
                                    >>::__hn_feed(
                                        <double::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                            &doubled,
                                        ),
                                    ),
                                ),
                            ),
                            __hn::keep_all,
                        ) {
                            ::core::result::Result::Ok(result) => result,
                            ::core::result::Result::Err((call, keep)) => {
                                ::std::boxed::Box::pin(
                                        __hn::AsyncExecutor::node(
                                            exec,
                                            node,
                                            async move { call() },
                                            keep,
                                        ),
                                    )
                                    .await
                            }
                        }
                    } {
                        ::core::result::Result::Ok(kept) => kept,
                        ::core::result::Result::Err(error) => {
                            return ::core::result::Result::Err(
                                __hn::Halt::new(
                                    error,
                                    move || ChainPartial {
                                        doubled: ::core::option::Option::Some(doubled),
                                        added: ::core::option::Option::None,
                                        shown: ::core::option::Option::None,
                                    },
                                ),
                            );
                        }
                    }
                };
                let shown = {
                    match {
                        let node = &<Chain as ::hypernodes::Graph>::GRAPH_INFO
                            .nodes[2usize];
                        match __hn::AsyncExecutor::node_now(
                            exec,
                            node,
                            || __hn::infallible(
                                stages::show(
                                    <add_one::__hn_out_0 as show_takes_added<
                                        stages::show::__hn_in_0,
                                    >>::__hn_feed(&added),
                                    <double::__hn_out_0 as show_takes_doubled<
                                        stages::show::__hn_in_1,
                                    >>::__hn_feed(
                                        <double::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                            &doubled,
                                        ),
                                    ),
                                ),
                            ),
                            __hn::keep_all,
                        ) {
                            ::core::result::Result::Ok(result) => result,
                            ::core::result::Result::Err((call, keep)) => {
                                ::std::boxed::Box::pin(
                                        __hn::AsyncExecutor::node(
                                            exec,
                                            node,
                                            async move { call() },
                                            keep,
                                        ),
                                    )
                                    .await
                            }
                        }
                    } {
                        ::core::result::Result::Ok(kept) => kept,
                        ::core::result::Result::Err(error) => {
                            return ::core::result::Result::Err(
                                __hn::Halt::new(
                                    error,
                                    move || ChainPartial {
                                        doubled: ::core::option::Option::Some(doubled),
                                        added: ::core::option::Option::Some(added),
                                        shown: ::core::option::Option::None,
                                    },
                                ),
                            );
                        }
                    }
                };
                ::core::result::Result::Ok(ChainOutputs {
                    doubled: doubled,
                    added: added,
                    shown: shown,
                })
            }
        }
    }
    #[automatically_derived]
    impl __hn::Param<0usize> for Chain {
        type Type = double::__hn_in_0;
    }
    #[automatically_derived]
    impl __hn::Out<0usize> for Chain {
        type Type = double::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::Out<1usize> for Chain {
        type Type = add_one::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::Out<2usize> for Chain {
        type Type = stages::show::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::NestedGraph for Chain {
        type Args = (double::__hn_in_0,);
        fn inputs((x,): Self::Args) -> ChainInputs {
            ChainInputs { x: x }
        }
    }
};
#[doc(hidden)]
#[macro_export]
#[allow(non_local_definitions)]
macro_rules! __hn_graph_Chain_8d16f6241d330cab {
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*]) => {
        ::hypernodes::__private::graph_impl! { [$($header)*] [$($done)* { [$($me)*] graph
        Chain { false false false false[x : value] [doubled, added, shown] [] []
        "i32\ni32\ti64\tVec<String>\n\n\n" } }] }
    };
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*] [$($next:tt)*] $($rest:tt)*) => {
        $($next)* ! { [$($header)*] [$($done)* { [$($me)*] graph Chain { false false
        false false[x : value] [doubled, added, shown] [] []
        "i32\ni32\ti64\tVec<String>\n\n\n" } }] [$($next)*] $($rest)* }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub use __hn_graph_Chain_8d16f6241d330cab as Chain;
