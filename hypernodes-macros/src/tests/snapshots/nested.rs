/**The graph `Outer`: 3 nodes to run with a runner.

A runner takes [`OuterInputs`] and returns [`OuterOutputs`]; [`OuterMapInputs`] maps it over many items. Draw it with `hypernodes::viz::Diagram::of(&Outer)`.

# Nodes, in the order they run

1. `split(text: _) -> (words: _, lines: _)`
2. `Count(words: _) -> (count: _, longest: _)`: a nested graph
3. `report(count: _, lines: _) -> report: _`

# Inputs

- `text: _`, fed to node `split`

# Outputs

- `report: _`, from node `report`

# Nested graphs

- `inner::Count`: see its own page

# Diagram

```mermaid
flowchart TB
    i0(["text"])
    n0["split"]
    n1[["Count"]]
    n2["report"]
    i0 --> n0
    n0 -->|"words"| n1
    n1 -->|"count"| n2
    n0 -->|"lines"| n2
```
*/
#[derive(Clone, Copy, Debug, Default)]
pub struct Outer;
///Inputs of graph [`Outer`]: each parameter that no node of the graph produces.
#[allow(dead_code)]
pub struct OuterInputs {
    ///`text: _`, fed to node `split`.
    pub text: split::__hn_in_0,
}
///Outputs of graph [`Outer`], as returned by a runner.
#[allow(dead_code)]
pub struct OuterOutputs {
    ///`report: _`, produced by node `report`.
    pub report: report::__hn_out_0,
}
///What a stopped run of graph [`Outer`] had computed: each output, `None` if its node had not finished (see `hypernodes::StopHandle`).
#[allow(dead_code)]
pub struct OuterPartial {
    ///`report: _`: `Some` if node `report` finished before the stop.
    pub report: ::core::option::Option<report::__hn_out_0>,
}
///Inputs of graph [`Outer`] for a map: each field maps over several values or gives one to every item.
#[allow(dead_code)]
pub struct OuterMapInputs {
    ///`text: Over<_>`: `hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to node `split`.
    pub text: ::hypernodes::Over<split::__hn_in_0>,
}
const _: () = {
    use ::hypernodes::__private as __hn;
    #[diagnostic::on_unimplemented(
        message = "node `Count` takes `words: {T}`, but node `split` produces `words: {Self}`",
        label = "`words` has the wrong type for node `Count`",
        note = "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them"
    )]
    #[allow(non_camel_case_types)]
    trait Count_takes_words<T> {
        fn __hn_feed(self) -> T;
    }
    impl<T> Count_takes_words<T> for T {
        #[inline(always)]
        fn __hn_feed(self) -> T {
            self
        }
    }
    #[diagnostic::on_unimplemented(
        message = "node `report` takes `count: {T}`, but node `Count` produces `count: {Self}`",
        label = "`count` has the wrong type for node `report`",
        note = "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them"
    )]
    #[allow(non_camel_case_types)]
    trait report_takes_count<T> {
        fn __hn_feed(self) -> T;
    }
    impl<T> report_takes_count<T> for T {
        #[inline(always)]
        fn __hn_feed(self) -> T {
            self
        }
    }
    #[diagnostic::on_unimplemented(
        message = "node `report` takes `lines: {T}`, but node `split` produces `lines: {Self}`",
        label = "`lines` has the wrong type for node `report`",
        note = "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them"
    )]
    #[allow(non_camel_case_types)]
    trait report_takes_lines<T> {
        fn __hn_feed(self) -> T;
    }
    impl<T> report_takes_lines<T> for T {
        #[inline(always)]
        fn __hn_feed(self) -> T {
            self
        }
    }
    #[allow(non_camel_case_types, non_snake_case)]
    struct OuterSlots {
        words: __hn::Slot<split::__hn_out_0>,
        lines: __hn::Slot<split::__hn_out_1>,
        count: __hn::Slot<<inner::Count as ::hypernodes::__private::Out<0usize>>::Type>,
    }
    #[allow(clippy::all, non_snake_case, unused_braces)]
    impl OuterSlots {
        fn step_0_split<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            text: split::__hn_in_0,
        ) -> impl ::core::future::Future<
            Output = (::core::result::Result<(), ::hypernodes::Error>, ()),
        > + 'run {
            async move {
                'group: {
                    let (words, lines) = {
                        match {
                            let node = &<Outer as ::hypernodes::Graph>::GRAPH_INFO
                                .nodes[0usize];
                            match __hn::AsyncExecutor::node_now(
                                exec,
                                node,
                                || __hn::infallible(split(text)),
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
                                break 'group (::core::result::Result::Err(error), ());
                            }
                        }
                    };
                    self.words.set(words);
                    self.lines.set(lines);
                    (::core::result::Result::Ok(()), ())
                }
            }
        }
        fn step_1_Count<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = (::core::result::Result<(), ::hypernodes::Error>, ()),
        > + 'run {
            async move {
                'group: {
                    let count = {
                        let words = self.words.take().await;
                        match __hn::AsyncExecutor::graph(
                                exec,
                                1usize,
                                &inner::Count,
                                <inner::Count as __hn::NestedGraph>::inputs((
                                    <split::__hn_out_0 as Count_takes_words<
                                        <inner::Count as ::hypernodes::__private::Param<
                                            0usize,
                                        >>::Type,
                                    >>::__hn_feed(words),
                                )),
                                |outputs| outputs.count,
                            )
                            .await
                        {
                            ::core::result::Result::Ok(kept) => kept,
                            ::core::result::Result::Err(error) => {
                                break 'group (::core::result::Result::Err(error), ());
                            }
                        }
                    };
                    self.count.set(count);
                    (::core::result::Result::Ok(()), ())
                }
            }
        }
        fn step_2_report<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = (
                ::core::result::Result<(), ::hypernodes::Error>,
                (::core::option::Option<report::__hn_out_0>,),
            ),
        > + 'run {
            async move {
                'group: {
                    let report = {
                        let count = self.count.take().await;
                        let lines = self.lines.take().await;
                        match {
                            let node = &<Outer as ::hypernodes::Graph>::GRAPH_INFO
                                .nodes[2usize];
                            match __hn::AsyncExecutor::node_now(
                                exec,
                                node,
                                || __hn::infallible(
                                    report(
                                        <<inner::Count as ::hypernodes::__private::Out<
                                            0usize,
                                        >>::Type as report_takes_count<
                                            report::__hn_in_0,
                                        >>::__hn_feed(count),
                                        <split::__hn_out_1 as report_takes_lines<
                                            report::__hn_in_1,
                                        >>::__hn_feed(lines),
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
                                break 'group (
                                    ::core::result::Result::Err(error),
                                    (::core::option::Option::None,),
                                );
                            }
                        }
                    };
                    (
                        ::core::result::Result::Ok(()),
                        (::core::option::Option::Some(report),),
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for OuterInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("OuterInputs")
                .field("text", (&__hn::DebugField(&self.text)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for OuterOutputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("OuterOutputs")
                .field("report", (&__hn::DebugField(&self.report)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for OuterMapInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("OuterMapInputs")
                .field("text", (&__hn::DebugField(&self.text)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for OuterPartial {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("OuterPartial")
                .field("report", (&__hn::DebugField(&self.report)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::hypernodes::__private::Fields for OuterOutputs {
        type Tuple = (report::__hn_out_0,);
        fn into_tuple(self) -> Self::Tuple {
            let OuterOutputs { report } = self;
            (report,)
        }
        fn from_tuple(tuple: Self::Tuple) -> Self {
            let (report,) = tuple;
            OuterOutputs { report }
        }
    }
    #[automatically_derived]
    impl ::hypernodes::Node for Outer {
        type Output = OuterOutputs;
        const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
            name: "Outer",
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
    impl ::hypernodes::Graph for Outer {
        type Inputs = OuterInputs;
        type Outputs = OuterOutputs;
        type MapInputs = OuterMapInputs;
        type Partial = OuterPartial;
        type __Item = (split::__hn_in_0,);
        type Chunk = ::core::convert::Infallible;
        type Question = ::core::convert::Infallible;
        type Answer = ::core::convert::Infallible;
        const GRAPH_INFO: &'static ::hypernodes::GraphInfo = &::hypernodes::GraphInfo {
            name: "Outer",
            module_path: ::core::module_path!(),
            nodes: &[
                split::__HN_INFO,
                <inner::Count as ::hypernodes::Node>::INFO,
                report::__HN_INFO,
            ],
            inputs: &[split::__HN_INFO.inputs[0usize]],
            outputs: &[report::__HN_INFO.outputs[0usize]],
            edges: &[
                ::hypernodes::Edge {
                    value: "text",
                    from: ::hypernodes::Endpoint::Input,
                    to: 0usize,
                },
                ::hypernodes::Edge {
                    value: "words",
                    from: ::hypernodes::Endpoint::Node(0usize),
                    to: 1usize,
                },
                ::hypernodes::Edge {
                    value: "count",
                    from: ::hypernodes::Endpoint::Node(1usize),
                    to: 2usize,
                },
                ::hypernodes::Edge {
                    value: "lines",
                    from: ::hypernodes::Endpoint::Node(0usize),
                    to: 2usize,
                },
            ],
        };
        #[allow(clippy::unused_unit)]
        fn __item(inputs: OuterInputs) -> Self::__Item {
            let OuterInputs { text: text } = inputs;
            (text,)
        }
        #[allow(clippy::unused_unit)]
        fn __map_items(
            inputs: OuterMapInputs,
            mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<Self::__Item>, ::hypernodes::Error> {
            let OuterMapInputs { text: text } = inputs;
            let shape = __hn::MapShape::new(&[("text", text.mapped_len())], mode)?;
            #[allow(unused_imports)]
            use __hn::{ProbeClone as _, ProbeNoClone as _};
            let mut text_column = __hn::Column::new(
                text,
                &shape,
                0usize,
                "text",
                (&__hn::CloneProbe::<split::__hn_in_0>::new()).cloner(),
            )?;
            ::core::result::Result::Ok(
                (0..shape.len())
                    .map(|item| {
                        let _ = item;
                        (text_column.value(item),)
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
        ) -> ::core::result::Result<OuterOutputs, ::hypernodes::Error> {
            let (text,) = inputs;
            let nodes = <Outer as ::hypernodes::Graph>::GRAPH_INFO.nodes;
            let (words, lines) = __hn::Executor::node(
                exec,
                &nodes[0usize],
                |_| __hn::infallible(split(text)),
                __hn::keep_all,
            )?;
            let count = __hn::Executor::graph(
                exec,
                1usize,
                &inner::Count,
                <inner::Count as __hn::NestedGraph>::inputs((
                    <split::__hn_out_0 as Count_takes_words<
                        <inner::Count as ::hypernodes::__private::Param<0usize>>::Type,
                    >>::__hn_feed(words),
                )),
                |outputs| outputs.count,
            )?;
            let report = __hn::Executor::node(
                exec,
                &nodes[2usize],
                |_| __hn::infallible(
                    report(
                        <<inner::Count as ::hypernodes::__private::Out<
                            0usize,
                        >>::Type as report_takes_count<
                            report::__hn_in_0,
                        >>::__hn_feed(count),
                        <split::__hn_out_1 as report_takes_lines<
                            report::__hn_in_1,
                        >>::__hn_feed(lines),
                    ),
                ),
                __hn::keep_all,
            )?;
            ::core::result::Result::Ok(OuterOutputs { report: report })
        }
        #[allow(clippy::all, unused_braces, unused_mut)]
        #[inline]
        fn __run_async<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            inputs: Self::__Item,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<OuterOutputs, __hn::Halt<OuterPartial>>,
        > + 'run {
            async move {
                let (text,) = inputs;
                let slots = OuterSlots {
                    words: __hn::Slot::new(0usize),
                    lines: __hn::Slot::new(0usize),
                    count: __hn::Slot::new(0usize),
                };
                let (joined, _, _, mut task_2_returned) = {
                    let task_0 = ::core::pin::pin!(slots.step_0_split(exec, text));
                    let mut task_0 = __hn::Task::new(task_0);
                    let task_1 = ::core::pin::pin!(slots.step_1_Count(exec,));
                    let mut task_1 = __hn::Task::new(task_1);
                    let task_2 = ::core::pin::pin!(slots.step_2_report(exec,));
                    let mut task_2 = __hn::Task::new(task_2);
                    let joined = __hn::join_tasks!(task_0, task_1, task_2).await;
                    (
                        joined,
                        task_0.into_returned(),
                        task_1.into_returned(),
                        task_2.into_returned(),
                    )
                };
                if let ::core::result::Result::Err(error) = joined {
                    return ::core::result::Result::Err(
                        __hn::Halt::new(
                            error,
                            move || OuterPartial {
                                report: task_2_returned
                                    .as_mut()
                                    .and_then(|returned| returned.0.take()),
                            },
                        ),
                    );
                }
                ::core::result::Result::Ok(OuterOutputs {
                    report: __hn::made(
                        task_2_returned.as_mut().and_then(|returned| returned.0.take()),
                    ),
                })
            }
        }
    }
    #[automatically_derived]
    impl __hn::Param<0usize> for Outer {
        type Type = split::__hn_in_0;
    }
    #[automatically_derived]
    impl __hn::Out<0usize> for Outer {
        type Type = report::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::NestedGraph for Outer {
        type Args = (split::__hn_in_0,);
        fn inputs((text,): Self::Args) -> OuterInputs {
            OuterInputs { text: text }
        }
    }
};
#[doc(hidden)]
#[macro_export]
#[allow(non_local_definitions)]
macro_rules! __hn_graph_Outer_3efaba67a9fd06da {
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*]) => {
        ::hypernodes::__private::graph_impl! { [$($header)*] [$($done)* { [$($me)*] graph
        Outer { false false false false[text : value] [report] [] [] "_\n_\n\n\n" } }] }
    };
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*] [$($next:tt)*] $($rest:tt)*) => {
        $($next)* ! { [$($header)*] [$($done)* { [$($me)*] graph Outer { false false
        false false[text : value] [report] [] [] "_\n_\n\n\n" } }] [$($next)*] $($rest)*
        }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub use __hn_graph_Outer_3efaba67a9fd06da as Outer;
