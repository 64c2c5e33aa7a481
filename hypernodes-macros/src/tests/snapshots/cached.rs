/**The graph `Embed`: 2 nodes to run with a runner.

A runner takes [`EmbedInputs`] and returns [`EmbedOutputs`]; [`EmbedMapInputs`] maps it over many items. Draw it with `hypernodes::viz::Diagram::of(&Embed)`.

# Nodes, in the order they run

1. `embed(text: _) -> embedding: _`: fallible, cached
2. `score(embedding: _, text: _) -> score: _`

# Inputs

- `text: _`, fed to nodes `embed` and `score`

# Outputs

- `embedding: _`, from node `embed`
- `score: _`, from node `score`

# Diagram

```mermaid
flowchart TB
    i0(["text"])
    n0["embed"]
    n1["score"]
    i0 --> n0
    n0 -->|"embedding"| n1
    i0 --> n1
```
*/
#[derive(Clone, Copy, Debug, Default)]
pub struct Embed;
///Inputs of graph [`Embed`]: each parameter that no node of the graph produces.
#[allow(dead_code)]
pub struct EmbedInputs {
    ///`text: _`, fed to nodes `embed` and `score`.
    pub text: <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
}
///Outputs of graph [`Embed`], as returned by a runner.
#[allow(dead_code)]
pub struct EmbedOutputs {
    ///`embedding: _`, produced by node `embed`.
    pub embedding: embed::__hn_out_0,
    ///`score: _`, produced by node `score`.
    pub score: score::__hn_out_0,
}
///What a stopped run of graph [`Embed`] had computed: each output, `None` if its node had not finished (see `hypernodes::StopHandle`).
#[allow(dead_code)]
pub struct EmbedPartial {
    ///`embedding: _`: `Some` if node `embed` finished before the stop.
    pub embedding: ::core::option::Option<embed::__hn_out_0>,
    ///`score: _`: `Some` if node `score` finished before the stop.
    pub score: ::core::option::Option<score::__hn_out_0>,
}
///Inputs of graph [`Embed`] for a map: each field maps over several values or gives one to every item.
#[allow(dead_code)]
pub struct EmbedMapInputs {
    ///`text: Over<_, Lent>`: `hypernodes::each(values)` to map over, `hypernodes::fixed(value)` for every item (cloned per item), or `hypernodes::shared(value)` for one value every item reads (every node borrows it); fed to nodes `embed` and `score`.
    pub text: ::hypernodes::Over<
        <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
        ::hypernodes::Lent,
    >,
}
const _: () = {
    use ::hypernodes::__private as __hn;
    #[diagnostic::on_unimplemented(
        message = "node `score` takes `embedding: {T}`, but node `embed` produces `embedding: {Self}`",
        label = "`embedding` has the wrong type for node `score`",
        note = "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them"
    )]
    #[allow(non_camel_case_types)]
    trait score_takes_embedding<T> {
        fn __hn_feed(self) -> T;
    }
    impl<T> score_takes_embedding<T> for T {
        #[inline(always)]
        fn __hn_feed(self) -> T {
            self
        }
    }
    #[diagnostic::on_unimplemented(
        message = "node `score` takes `text: &{T}`, but graph input `text` has type `{Self}` (the type node `embed` takes)",
        label = "`text` has the wrong type for node `score`",
        note = "a `&T` parameter accepts any value that borrows as `T`, such as `String` for `&str` or `Vec<T>` for `&[T]`"
    )]
    #[allow(non_camel_case_types)]
    trait score_takes_text<T: ?::core::marker::Sized> {
        fn __hn_feed(&self) -> &T;
    }
    impl<
        T: ?::core::marker::Sized,
        O: ?::core::marker::Sized + ::core::borrow::Borrow<T>,
    > score_takes_text<T> for O {
        #[inline(always)]
        fn __hn_feed(&self) -> &T {
            ::core::borrow::Borrow::borrow(self)
        }
    }
    #[allow(non_camel_case_types, non_snake_case)]
    struct EmbedSlots {
        text: __hn::SharedSlot<
            <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
        >,
    }
    #[allow(clippy::all, non_snake_case, unused_braces)]
    impl EmbedSlots {}
    #[automatically_derived]
    impl ::core::fmt::Debug for EmbedInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("EmbedInputs")
                .field("text", (&__hn::DebugField(&self.text)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for EmbedOutputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("EmbedOutputs")
                .field("embedding", (&__hn::DebugField(&self.embedding)).field_debug())
                .field("score", (&__hn::DebugField(&self.score)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for EmbedMapInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("EmbedMapInputs")
                .field("text", (&__hn::DebugField(&self.text)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for EmbedPartial {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("EmbedPartial")
                .field("embedding", (&__hn::DebugField(&self.embedding)).field_debug())
                .field("score", (&__hn::DebugField(&self.score)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::hypernodes::__private::Fields for EmbedOutputs {
        type Tuple = (embed::__hn_out_0, score::__hn_out_0);
        fn into_tuple(self) -> Self::Tuple {
            let EmbedOutputs { embedding, score } = self;
            (embedding, score)
        }
        fn from_tuple(tuple: Self::Tuple) -> Self {
            let (embedding, score) = tuple;
            EmbedOutputs { embedding, score }
        }
    }
    #[automatically_derived]
    impl ::hypernodes::Node for Embed {
        type Output = EmbedOutputs;
        const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
            name: "Embed",
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
    impl ::hypernodes::Graph for Embed {
        type Inputs = EmbedInputs;
        type Outputs = EmbedOutputs;
        type MapInputs = EmbedMapInputs;
        type Partial = EmbedPartial;
        type __Item = (
            __hn::LentInput<<embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type>,
        );
        type Chunk = ::core::convert::Infallible;
        type Question = ::core::convert::Infallible;
        type Answer = ::core::convert::Infallible;
        const GRAPH_INFO: &'static ::hypernodes::GraphInfo = &::hypernodes::GraphInfo {
            name: "Embed",
            module_path: ::core::module_path!(),
            nodes: &[embed::__HN_INFO, score::__HN_INFO],
            inputs: &[embed::__HN_INFO.inputs[0usize]],
            outputs: &[
                embed::__HN_INFO.outputs[0usize],
                score::__HN_INFO.outputs[0usize],
            ],
            edges: &[
                ::hypernodes::Edge {
                    value: "text",
                    from: ::hypernodes::Endpoint::Input,
                    to: 0usize,
                },
                ::hypernodes::Edge {
                    value: "embedding",
                    from: ::hypernodes::Endpoint::Node(0usize),
                    to: 1usize,
                },
                ::hypernodes::Edge {
                    value: "text",
                    from: ::hypernodes::Endpoint::Input,
                    to: 1usize,
                },
            ],
        };
        #[allow(clippy::unused_unit)]
        fn __item(inputs: EmbedInputs) -> Self::__Item {
            let EmbedInputs { text: text } = inputs;
            (__hn::LentInput::own(text),)
        }
        #[allow(clippy::unused_unit)]
        fn __map_items(
            inputs: EmbedMapInputs,
            mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<Self::__Item>, ::hypernodes::Error> {
            let EmbedMapInputs { text: text } = inputs;
            let shape = __hn::MapShape::new(&[("text", text.mapped_len())], mode)?;
            #[allow(unused_imports)]
            use __hn::{ProbeClone as _, ProbeNoClone as _};
            let mut text_column = __hn::Column::new(
                text,
                &shape,
                0usize,
                "text",
                (&__hn::CloneProbe::<
                    <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
                >::new())
                    .cloner(),
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
        ) -> ::core::result::Result<EmbedOutputs, ::hypernodes::Error> {
            let (text,) = inputs;
            let nodes = <Embed as ::hypernodes::Graph>::GRAPH_INFO.nodes;
            let embedding = {
                let node = &nodes[0usize];
                let key = __hn::Executor::cache_key(
                    exec,
                    node,
                    || embed::__hn_cache_key(&*text),
                );
                __hn::Executor::cached_node(
                    exec,
                    node,
                    key,
                    &embed::__HN_CODEC,
                    |_| embed::__hn_fallible(embed(&*text)),
                    __hn::keep_all,
                )
            }?;
            let score = __hn::Executor::node(
                exec,
                &nodes[1usize],
                |_| __hn::infallible(
                    score(
                        <embed::__hn_out_0 as score_takes_embedding<
                            score::__hn_in_0,
                        >>::__hn_feed(
                            <embed::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                &embedding,
                            ),
                        ),
                        <<embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type as score_takes_text<
                            score::__hn_in_1,
                        >>::__hn_feed(&*text),
                    ),
                ),
                __hn::keep_all,
            )?;
            ::core::result::Result::Ok(EmbedOutputs {
                embedding: embedding,
                score: score,
            })
        }
        #[allow(clippy::all, unused_braces, unused_mut)]
        #[inline]
        fn __run_async<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            inputs: Self::__Item,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<EmbedOutputs, __hn::Halt<EmbedPartial>>,
        > + 'run {
            async move {
                let (text,) = inputs;
                let slots = EmbedSlots {
                    text: __hn::SharedSlot::filled_lent(text, 2usize),
                };
                let _ = &slots;
                let embedding = {
                    let text = slots.text.lease().await;
                    match {
                        let node = &<Embed as ::hypernodes::Graph>::GRAPH_INFO
                            .nodes[0usize];
                        let key = __hn::AsyncExecutor::cache_key(
                            exec,
                            node,
                            || embed::__hn_cache_key(&*text),
                        );
                        __hn::AsyncExecutor::cached_node(
                            exec,
                            node,
                            key,
                            &embed::__HN_CODEC,
                            async { embed::__hn_fallible(embed(&*text)) },
                            __hn::keep_all,
                        )
                    }
                        .await
                    {
                        ::core::result::Result::Ok(kept) => kept,
                        ::core::result::Result::Err(error) => {
                            return ::core::result::Result::Err(
                                __hn::Halt::new(
                                    error,
                                    move || EmbedPartial {
                                        embedding: ::core::option::Option::None,
                                        score: ::core::option::Option::None,
                                    },
                                ),
                            );
                        }
                    }
                };
                let score = {
                    let text = slots.text.lease().await;
                    match {
                        let node = &<Embed as ::hypernodes::Graph>::GRAPH_INFO
                            .nodes[1usize];
                        match __hn::AsyncExecutor::node_now(
                            exec,
                            node,
                            || __hn::infallible(
                                score(
                                    <embed::__hn_out_0 as score_takes_embedding<
                                        score::__hn_in_0,
                                    >>::__hn_feed(
                                        <embed::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                            &embedding,
                                        ),
                                    ),
                                    <<embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type as score_takes_text<
                                        score::__hn_in_1,
                                    >>::__hn_feed(&*text),
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
                                    move || EmbedPartial {
                                        embedding: ::core::option::Option::Some(embedding),
                                        score: ::core::option::Option::None,
                                    },
                                ),
                            );
                        }
                    }
                };
                ::core::result::Result::Ok(EmbedOutputs {
                    embedding: embedding,
                    score: score,
                })
            }
        }
    }
    #[automatically_derived]
    impl __hn::Param<0usize> for Embed {
        type Type = <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type;
    }
    #[automatically_derived]
    impl __hn::Out<0usize> for Embed {
        type Type = embed::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::Out<1usize> for Embed {
        type Type = score::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::NestedGraph for Embed {
        type Args = (<embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,);
        fn inputs((text,): Self::Args) -> EmbedInputs {
            EmbedInputs { text: text }
        }
    }
};
#[doc(hidden)]
#[macro_export]
#[allow(non_local_definitions)]
macro_rules! __hn_graph_Embed_60549f1793473e89 {
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*]) => {
        ::hypernodes::__private::graph_impl! { [$($header)*] [$($done)* { [$($me)*] graph
        Embed { false false false false[text : value] [embedding, score] [] []
        "_\n_\t_\n\n\n" } }] }
    };
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*] [$($next:tt)*] $($rest:tt)*) => {
        $($next)* ! { [$($header)*] [$($done)* { [$($me)*] graph Embed { false false
        false false[text : value] [embedding, score] [] [] "_\n_\t_\n\n\n" } }]
        [$($next)*] $($rest)* }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub use __hn_graph_Embed_60549f1793473e89 as Embed;
