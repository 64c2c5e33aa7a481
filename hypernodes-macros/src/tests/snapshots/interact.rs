/**The graph `Chat`: 2 nodes to run with a runner.

A runner takes [`ChatInputs`] and returns [`ChatOutputs`]; [`ChatMapInputs`] maps it over many items. Draw it with `hypernodes::viz::Diagram::of(&Chat)`.

# Nodes, in the order they run

1. `generate(prompt: &str) -> reply: String`: async, streams `String`
2. `approve(reply: String) -> approved: bool`: fallible, asks `String`, answered with `bool`

# Inputs

- `prompt: String`, fed to node `generate`

# Outputs

- `reply: String`, from node `generate`
- `approved: bool`, from node `approve`

# Diagram

```mermaid
flowchart TB
    i0(["prompt"])
    n0["generate"]
    n1["approve"]
    i0 --> n0
    n0 -->|"reply"| n1
```
*/
#[derive(Clone, Copy, Debug, Default)]
pub struct Chat;
///Inputs of graph [`Chat`]: each parameter that no node of the graph produces.
#[allow(dead_code)]
pub struct ChatInputs {
    ///`prompt: String`, fed to node `generate`.
    pub prompt: <generate::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
}
///Outputs of graph [`Chat`], as returned by a runner.
#[allow(dead_code)]
pub struct ChatOutputs {
    ///`reply: String`, produced by node `generate`.
    pub reply: generate::__hn_out_0,
    ///`approved: bool`, produced by node `approve`.
    pub approved: approve::__hn_out_0,
}
///What a stopped run of graph [`Chat`] had computed: each output, `None` if its node had not finished (see `hypernodes::StopHandle`).
#[allow(dead_code)]
pub struct ChatPartial {
    ///`reply: String`: `Some` if node `generate` finished before the stop.
    pub reply: ::core::option::Option<generate::__hn_out_0>,
    ///`approved: bool`: `Some` if node `approve` finished before the stop.
    pub approved: ::core::option::Option<approve::__hn_out_0>,
}
///Inputs of graph [`Chat`] for a map: each field maps over several values or gives one to every item.
#[allow(dead_code)]
pub struct ChatMapInputs {
    ///`prompt: Over<String, Lent>`: `hypernodes::each(values)` to map over, `hypernodes::fixed(value)` for every item (cloned per item), or `hypernodes::shared(value)` for one value every item reads (every node borrows it); fed to node `generate`.
    pub prompt: ::hypernodes::Over<
        <generate::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
        ::hypernodes::Lent,
    >,
}
///A chunk streamed while graph [`Chat`] runs, by node: what `AsyncRunner::iter` reports in `Event::Chunk`.
#[derive(Debug)]
#[allow(dead_code)]
pub enum ChatChunk {
    ///A `String` streamed by node `generate`.
    Generate(generate::__hn_chunk),
}
///A question asked while graph [`Chat`] runs, by node: what `AsyncRunner::iter` reports in `Event::Interrupt`.
#[derive(Debug)]
#[allow(dead_code)]
pub enum ChatQuestion {
    ///The question of node `approve`, a `String`.
    Approve(approve::__hn_question),
}
///An answer to a [`ChatQuestion`], with the same variant: what `Events::respond` takes.
#[derive(Debug)]
#[allow(dead_code)]
pub enum ChatAnswer {
    ///The answer to node `approve`, a `bool`.
    Approve(approve::__hn_answer),
}
const _: () = {
    use ::hypernodes::__private as __hn;
    #[diagnostic::on_unimplemented(
        message = "node `approve` takes `reply: {T}`, but node `generate` produces `reply: {Self}`",
        label = "`reply` has the wrong type for node `approve`",
        note = "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them"
    )]
    #[allow(non_camel_case_types)]
    trait approve_takes_reply<T> {
        fn __hn_feed(self) -> T;
    }
    impl<T> approve_takes_reply<T> for T {
        #[inline(always)]
        fn __hn_feed(self) -> T {
            self
        }
    }
    #[allow(non_camel_case_types, non_snake_case)]
    struct ChatSlots {
        prompt: __hn::SharedSlot<
            <generate::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
        >,
        reply: __hn::Slot<generate::__hn_out_0>,
    }
    #[allow(clippy::all, non_snake_case, unused_braces)]
    impl ChatSlots {
        fn step_0_generate<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = (::core::result::Result<(), ::hypernodes::Error>, ()),
        > + 'run {
            async move {
                'group: {
                    let reply = {
                        let prompt = self.prompt.lease().await;
                        match {
                            let node = &<Chat as ::hypernodes::Graph>::GRAPH_INFO
                                .nodes[0usize];
                            __hn::AsyncExecutor::node(
                                exec,
                                node,
                                async {
                                    __hn::infallible(
                                        generate(
                                                &*prompt,
                                                ::hypernodes::Chunks::__new(
                                                    __hn::AsyncExecutor::channel(exec, node, 0usize),
                                                ),
                                            )
                                            .await,
                                    )
                                },
                                __hn::keep_all,
                            )
                        }
                            .await
                        {
                            ::core::result::Result::Ok(kept) => kept,
                            ::core::result::Result::Err(error) => {
                                break 'group (::core::result::Result::Err(error), ());
                            }
                        }
                    };
                    self.reply.set(reply);
                    (::core::result::Result::Ok(()), ())
                }
            }
        }
        fn step_1_approve<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = (
                ::core::result::Result<(), ::hypernodes::Error>,
                (::core::option::Option<approve::__hn_out_0>,),
            ),
        > + 'run {
            async move {
                'group: {
                    let approved = {
                        let reply = {
                            let lease = self.reply.lease().await;
                            <generate::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                &*lease,
                            )
                        };
                        match {
                            let node = &<Chat as ::hypernodes::Graph>::GRAPH_INFO
                                .nodes[1usize];
                            __hn::AsyncExecutor::node(
                                exec,
                                node,
                                async {
                                    approve::__hn_fallible(
                                        approve(
                                            <generate::__hn_out_0 as approve_takes_reply<
                                                approve::__hn_in_0,
                                            >>::__hn_feed(reply),
                                            ::hypernodes::Interrupt::__new(
                                                __hn::AsyncExecutor::channel(exec, node, 1usize),
                                            ),
                                        ),
                                    )
                                },
                                __hn::keep_all,
                            )
                        }
                            .await
                        {
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
                        (::core::option::Option::Some(approved),),
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for ChatInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("ChatInputs")
                .field("prompt", (&__hn::DebugField(&self.prompt)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for ChatOutputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("ChatOutputs")
                .field("reply", (&__hn::DebugField(&self.reply)).field_debug())
                .field("approved", (&__hn::DebugField(&self.approved)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for ChatMapInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("ChatMapInputs")
                .field("prompt", (&__hn::DebugField(&self.prompt)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for ChatPartial {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("ChatPartial")
                .field("reply", (&__hn::DebugField(&self.reply)).field_debug())
                .field("approved", (&__hn::DebugField(&self.approved)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::hypernodes::__private::Fields for ChatOutputs {
        type Tuple = (generate::__hn_out_0, approve::__hn_out_0);
        fn into_tuple(self) -> Self::Tuple {
            let ChatOutputs { reply, approved } = self;
            (reply, approved)
        }
        fn from_tuple(tuple: Self::Tuple) -> Self {
            let (reply, approved) = tuple;
            ChatOutputs { reply, approved }
        }
    }
    #[automatically_derived]
    impl ::hypernodes::Node for Chat {
        type Output = ChatOutputs;
        const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
            name: "Chat",
            module_path: ::core::module_path!(),
            inputs: <Self as ::hypernodes::Graph>::GRAPH_INFO.inputs,
            outputs: <Self as ::hypernodes::Graph>::GRAPH_INFO.outputs,
            is_async: false,
            fallible: false,
            code_hash: [0; 32],
            cache: false,
            streams: true,
            asks: true,
            version: ::core::option::Option::None,
            subgraph: ::core::option::Option::Some(
                <Self as ::hypernodes::Graph>::GRAPH_INFO,
            ),
            composition: ::core::option::Option::None,
        };
    }
    #[automatically_derived]
    impl ::hypernodes::Graph for Chat {
        type Inputs = ChatInputs;
        type Outputs = ChatOutputs;
        type MapInputs = ChatMapInputs;
        type Partial = ChatPartial;
        type __Item = (
            __hn::LentInput<
                <generate::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
            >,
        );
        type Chunk = ChatChunk;
        type Question = ChatQuestion;
        type Answer = ChatAnswer;
        const GRAPH_INFO: &'static ::hypernodes::GraphInfo = &::hypernodes::GraphInfo {
            name: "Chat",
            module_path: ::core::module_path!(),
            nodes: &[generate::__HN_INFO, approve::__HN_INFO],
            inputs: &[generate::__HN_INFO.inputs[0usize]],
            outputs: &[
                generate::__HN_INFO.outputs[0usize],
                approve::__HN_INFO.outputs[0usize],
            ],
            edges: &[
                ::hypernodes::Edge {
                    value: "prompt",
                    from: ::hypernodes::Endpoint::Input,
                    to: 0usize,
                },
                ::hypernodes::Edge {
                    value: "reply",
                    from: ::hypernodes::Endpoint::Node(0usize),
                    to: 1usize,
                },
            ],
        };
        #[allow(clippy::unused_unit)]
        fn __item(inputs: ChatInputs) -> Self::__Item {
            let ChatInputs { prompt: prompt } = inputs;
            (__hn::LentInput::own(prompt),)
        }
        #[allow(clippy::unused_unit)]
        fn __map_items(
            inputs: ChatMapInputs,
            mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<Self::__Item>, ::hypernodes::Error> {
            let ChatMapInputs { prompt: prompt } = inputs;
            let shape = __hn::MapShape::new(&[("prompt", prompt.mapped_len())], mode)?;
            #[allow(unused_imports)]
            use __hn::{ProbeClone as _, ProbeNoClone as _};
            let mut prompt_column = __hn::Column::new(
                prompt,
                &shape,
                0usize,
                "prompt",
                (&__hn::CloneProbe::<
                    <generate::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
                >::new())
                    .cloner(),
            )?;
            ::core::result::Result::Ok(
                (0..shape.len())
                    .map(|item| {
                        let _ = item;
                        (prompt_column.value(item),)
                    })
                    .collect(),
            )
        }
        fn __chunk(
            path: &[usize],
            value: ::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>,
        ) -> ::core::option::Option<ChatChunk> {
            let _ = &value;
            match path {
                [0usize] => {
                    value
                        .downcast::<generate::__hn_chunk>()
                        .ok()
                        .map(|value| ChatChunk::Generate(*value))
                }
                _ => ::core::option::Option::None,
            }
        }
        fn __question(
            path: &[usize],
            value: ::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>,
        ) -> ::core::option::Option<ChatQuestion> {
            let _ = &value;
            match path {
                [1usize] => {
                    value
                        .downcast::<approve::__hn_question>()
                        .ok()
                        .map(|value| ChatQuestion::Approve(*value))
                }
                _ => ::core::option::Option::None,
            }
        }
        fn __answer(
            answer: ChatAnswer,
        ) -> (
            ::std::vec::Vec<usize>,
            ::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>,
        ) {
            match answer {
                ChatAnswer::Approve(answer) => {
                    (::std::vec![1usize], ::std::boxed::Box::new(answer))
                }
            }
        }
        #[allow(clippy::all, unused_braces)]
        fn __run<__HnExec: __hn::Executor>(
            &self,
            exec: &mut __HnExec,
            inputs: Self::__Item,
        ) -> ::core::result::Result<ChatOutputs, ::hypernodes::Error> {
            let (prompt,) = inputs;
            let nodes = <Chat as ::hypernodes::Graph>::GRAPH_INFO.nodes;
            let reply = {
                let node = &nodes[0usize];
                __hn::Executor::node(
                    exec,
                    node,
                    |exec| __hn::infallible(
                        __hn::block_on(
                            generate(
                                &*prompt,
                                ::hypernodes::Chunks::__new(
                                    __hn::Executor::channel(exec, node, 0usize),
                                ),
                            ),
                        ),
                    ),
                    __hn::keep_all,
                )
            }?;
            let approved = {
                let node = &nodes[1usize];
                __hn::Executor::node(
                    exec,
                    node,
                    |exec| approve::__hn_fallible(
                        approve(
                            <generate::__hn_out_0 as approve_takes_reply<
                                approve::__hn_in_0,
                            >>::__hn_feed(
                                <generate::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                    &reply,
                                ),
                            ),
                            ::hypernodes::Interrupt::__new(
                                __hn::Executor::channel(exec, node, 1usize),
                            ),
                        ),
                    ),
                    __hn::keep_all,
                )
            }?;
            ::core::result::Result::Ok(ChatOutputs {
                reply: reply,
                approved: approved,
            })
        }
        #[allow(clippy::all, unused_braces, unused_mut)]
        #[inline]
        fn __run_async<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            inputs: Self::__Item,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<ChatOutputs, __hn::Halt<ChatPartial>>,
        > + 'run {
            async move {
                let (prompt,) = inputs;
                let slots = ChatSlots {
                    prompt: __hn::SharedSlot::filled_lent(prompt, 1usize),
                    reply: __hn::Slot::new(1usize),
                };
                let (joined, _, mut task_1_returned) = {
                    let task_0 = ::core::pin::pin!(slots.step_0_generate(exec,));
                    let mut task_0 = __hn::Task::new(task_0);
                    let task_1 = ::core::pin::pin!(slots.step_1_approve(exec,));
                    let mut task_1 = __hn::Task::new(task_1);
                    let joined = __hn::join_tasks!(task_0, task_1).await;
                    (joined, task_0.into_returned(), task_1.into_returned())
                };
                if let ::core::result::Result::Err(error) = joined {
                    return ::core::result::Result::Err(
                        __hn::Halt::new(
                            error,
                            move || ChatPartial {
                                reply: slots.reply.into_option(),
                                approved: task_1_returned
                                    .as_mut()
                                    .and_then(|returned| returned.0.take()),
                            },
                        ),
                    );
                }
                ::core::result::Result::Ok(ChatOutputs {
                    reply: slots.reply.into_value(),
                    approved: __hn::made(
                        task_1_returned.as_mut().and_then(|returned| returned.0.take()),
                    ),
                })
            }
        }
    }
    #[automatically_derived]
    impl __hn::Param<0usize> for Chat {
        type Type = <generate::__hn_in_0 as ::hypernodes::__private::Owned>::Type;
    }
    #[automatically_derived]
    impl __hn::Out<0usize> for Chat {
        type Type = generate::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::Out<1usize> for Chat {
        type Type = approve::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::NestedGraph for Chat {
        type Args = (<generate::__hn_in_0 as ::hypernodes::__private::Owned>::Type,);
        fn inputs((prompt,): Self::Args) -> ChatInputs {
            ChatInputs { prompt: prompt }
        }
    }
};
#[doc(hidden)]
#[macro_export]
#[allow(non_local_definitions)]
macro_rules! __hn_graph_Chat_8f6d6a4a36365701 {
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*]) => {
        ::hypernodes::__private::graph_impl! { [$($header)*] [$($done)* { [$($me)*] graph
        Chat { false false false false[prompt : value] [reply, approved] [0usize]
        [0usize] "String\nString\tbool\n\n\n" } }] }
    };
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*] [$($next:tt)*] $($rest:tt)*) => {
        $($next)* ! { [$($header)*] [$($done)* { [$($me)*] graph Chat { false false false
        false[prompt : value] [reply, approved] [0usize] [0usize]
        "String\nString\tbool\n\n\n" } }] [$($next)*] $($rest)* }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub use __hn_graph_Chat_8f6d6a4a36365701 as Chat;
