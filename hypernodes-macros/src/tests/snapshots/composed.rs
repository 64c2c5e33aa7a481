/**The graph `Search`: 5 nodes to run with a runner.

A runner takes [`SearchInputs`] and returns [`SearchOutputs`]; [`SearchMapInputs`] maps it over many items. Draw it with `hypernodes::viz::Diagram::of(&Search)`.

# Nodes, in the order they run

1. `embed_query(query: &str, model: Model) -> (query_vec: Vec<f32>, norm: f32)`: `embed` renamed
2. `embed_doc(document: &str) -> doc_vec: Vec<f32>`: `embed` renamed, `model` bound in the list
3. `compare(query_vec: &[f32], doc_vec: &[f32]) -> score: f32`: `limit` bound in the list
4. `checks(score: f32) -> checked: bool`: a nested graph, `Checks` renamed
5. `grid(xs: Vec<i64>, ys: Vec<i64>, factor: i64) -> (value: Vec<i64>, label: Vec<String>)`: `cell` renamed, runs once per item of `xs` and `ys`, every combination

# Inputs

- `query: String`, fed to node `embed_query`
- `model: Model`, fed to node `embed_query`
- `document: String`, fed to node `embed_doc`
- `xs: Vec<i64>`, fed to node `grid`
- `ys: Vec<i64>`, fed to node `grid`
- `factor: i64`, fed to node `grid`

# Outputs

- `query_vec: Vec<f32>`, from node `embed_query`
- `norm: f32`, from node `embed_query`
- `doc_vec: Vec<f32>`, from node `embed_doc`
- `score: f32`, from node `compare`
- `checked: bool`, from node `checks`
- `value: Vec<i64>`, from node `grid`
- `label: Vec<String>`, from node `grid`

# Nested graphs

- `inner::Checks`, listed as `checks`: see its own page

# Diagram

```mermaid
flowchart TB
    i0(["query"])
    i1(["model"])
    i2(["document"])
    i3(["xs"])
    i4(["ys"])
    i5(["factor"])
    n0["embed_query"]
    n1["embed_doc"]
    n2["compare"]
    n3[["checks"]]
    n4["grid"]
    i0 --> n0
    i1 --> n0
    i2 --> n1
    n0 -->|"query_vec"| n2
    n1 -->|"doc_vec"| n2
    n2 -->|"score"| n3
    i3 --> n4
    i4 --> n4
    i5 --> n4
```
*/
#[derive(Clone, Copy, Debug, Default)]
pub struct Search;
///Inputs of graph [`Search`]: each parameter that no node of the graph produces.
#[allow(dead_code)]
pub struct SearchInputs {
    ///`query: String`, fed to node `embed_query`.
    pub query: <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
    ///`model: Model`, fed to node `embed_query`.
    pub model: embed::__hn_in_1,
    ///`document: String`, fed to node `embed_doc`.
    pub document: <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
    ///`xs: Vec<i64>`, fed to node `grid`.
    pub xs: ::std::vec::Vec<cell::__hn_in_0>,
    ///`ys: Vec<i64>`, fed to node `grid`.
    pub ys: ::std::vec::Vec<<cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type>,
    ///`factor: i64`, fed to node `grid`.
    pub factor: cell::__hn_in_2,
}
///Outputs of graph [`Search`], as returned by a runner.
#[allow(dead_code)]
pub struct SearchOutputs {
    ///`query_vec: Vec<f32>`, produced by node `embed_query`.
    pub query_vec: embed::__hn_out_0,
    ///`norm: f32`, produced by node `embed_query`.
    pub norm: embed::__hn_out_1,
    ///`doc_vec: Vec<f32>`, produced by node `embed_doc`.
    pub doc_vec: embed::__hn_out_0,
    ///`score: f32`, produced by node `compare`.
    pub score: compare::__hn_out_0,
    ///`checked: bool`, produced by node `checks`.
    pub checked: <inner::Checks as ::hypernodes::__private::Out<0usize>>::Type,
    ///`value: Vec<i64>`, produced by node `grid`.
    pub value: ::std::vec::Vec<cell::__hn_out_0>,
    ///`label: Vec<String>`, produced by node `grid`.
    pub label: ::std::vec::Vec<cell::__hn_out_1>,
}
///What a stopped run of graph [`Search`] had computed: each output, `None` if its node had not finished (see `hypernodes::StopHandle`).
#[allow(dead_code)]
pub struct SearchPartial {
    ///`query_vec: Vec<f32>`: `Some` if node `embed_query` finished before the stop.
    pub query_vec: ::core::option::Option<embed::__hn_out_0>,
    ///`norm: f32`: `Some` if node `embed_query` finished before the stop.
    pub norm: ::core::option::Option<embed::__hn_out_1>,
    ///`doc_vec: Vec<f32>`: `Some` if node `embed_doc` finished before the stop.
    pub doc_vec: ::core::option::Option<embed::__hn_out_0>,
    ///`score: f32`: `Some` if node `compare` finished before the stop.
    pub score: ::core::option::Option<compare::__hn_out_0>,
    ///`checked: bool`: `Some` if node `checks` finished before the stop.
    pub checked: ::core::option::Option<
        <inner::Checks as ::hypernodes::__private::Out<0usize>>::Type,
    >,
    ///`value: Vec<i64>`: `Some` if node `grid` finished before the stop.
    pub value: ::core::option::Option<::std::vec::Vec<cell::__hn_out_0>>,
    ///`label: Vec<String>`: `Some` if node `grid` finished before the stop.
    pub label: ::core::option::Option<::std::vec::Vec<cell::__hn_out_1>>,
}
///Inputs of graph [`Search`] for a map: each field maps over several values or gives one to every item.
#[allow(dead_code)]
pub struct SearchMapInputs {
    ///`query: Over<String, Lent>`: `hypernodes::each(values)` to map over, `hypernodes::fixed(value)` for every item (cloned per item), or `hypernodes::shared(value)` for one value every item reads (every node borrows it); fed to node `embed_query`.
    pub query: ::hypernodes::Over<
        <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
        ::hypernodes::Lent,
    >,
    ///`model: Over<Model>`: `hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to node `embed_query`.
    pub model: ::hypernodes::Over<embed::__hn_in_1>,
    ///`document: Over<String, Lent>`: `hypernodes::each(values)` to map over, `hypernodes::fixed(value)` for every item (cloned per item), or `hypernodes::shared(value)` for one value every item reads (every node borrows it); fed to node `embed_doc`.
    pub document: ::hypernodes::Over<
        <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
        ::hypernodes::Lent,
    >,
    ///`xs: Over<Vec<i64>>`: `hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to node `grid`.
    pub xs: ::hypernodes::Over<::std::vec::Vec<cell::__hn_in_0>>,
    ///`ys: Over<Vec<i64>>`: `hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to node `grid`.
    pub ys: ::hypernodes::Over<
        ::std::vec::Vec<<cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type>,
    >,
    ///`factor: Over<i64>`: `hypernodes::each(values)` to map over, or `hypernodes::fixed(value)` for every item; fed to node `grid`.
    pub factor: ::hypernodes::Over<cell::__hn_in_2>,
}
const _: () = {
    use ::hypernodes::__private as __hn;
    #[diagnostic::on_unimplemented(
        message = "node `compare` takes `query_vec: &{T}`, but node `embed_query` produces `query_vec: {Self}`",
        label = "`query_vec` has the wrong type for node `compare`",
        note = "a `&T` parameter accepts any value that borrows as `T`, such as `String` for `&str` or `Vec<T>` for `&[T]`"
    )]
    #[allow(non_camel_case_types)]
    trait compare_takes_query_vec<T: ?::core::marker::Sized> {
        fn __hn_feed(&self) -> &T;
    }
    impl<
        T: ?::core::marker::Sized,
        O: ?::core::marker::Sized + ::core::borrow::Borrow<T>,
    > compare_takes_query_vec<T> for O {
        #[inline(always)]
        fn __hn_feed(&self) -> &T {
            ::core::borrow::Borrow::borrow(self)
        }
    }
    #[diagnostic::on_unimplemented(
        message = "node `compare` takes `doc_vec: &{T}`, but node `embed_doc` produces `doc_vec: {Self}`",
        label = "`doc_vec` has the wrong type for node `compare`",
        note = "a `&T` parameter accepts any value that borrows as `T`, such as `String` for `&str` or `Vec<T>` for `&[T]`"
    )]
    #[allow(non_camel_case_types)]
    trait compare_takes_doc_vec<T: ?::core::marker::Sized> {
        fn __hn_feed(&self) -> &T;
    }
    impl<
        T: ?::core::marker::Sized,
        O: ?::core::marker::Sized + ::core::borrow::Borrow<T>,
    > compare_takes_doc_vec<T> for O {
        #[inline(always)]
        fn __hn_feed(&self) -> &T {
            ::core::borrow::Borrow::borrow(self)
        }
    }
    #[diagnostic::on_unimplemented(
        message = "node `checks` takes `score: {T}`, but node `compare` produces `score: {Self}`",
        label = "`score` has the wrong type for node `checks`",
        note = "a parameter is fed by the output of the same name, so their types must match; change one of them, or rename one to unwire them"
    )]
    #[allow(non_camel_case_types)]
    trait checks_takes_score<T> {
        fn __hn_feed(self) -> T;
    }
    impl<T> checks_takes_score<T> for T {
        #[inline(always)]
        fn __hn_feed(self) -> T {
            self
        }
    }
    #[allow(non_camel_case_types, non_snake_case)]
    struct SearchSlots {
        query: __hn::SharedSlot<
            <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
        >,
        document: __hn::SharedSlot<
            <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
        >,
        query_vec: __hn::Slot<embed::__hn_out_0>,
        doc_vec: __hn::Slot<embed::__hn_out_0>,
        score: __hn::Slot<compare::__hn_out_0>,
    }
    #[allow(clippy::all, non_snake_case, unused_braces)]
    impl SearchSlots {
        fn step_0_embed_query<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            model: embed::__hn_in_1,
        ) -> impl ::core::future::Future<
            Output = (
                ::core::result::Result<(), ::hypernodes::Error>,
                (::core::option::Option<embed::__hn_out_1>,),
            ),
        > + 'run {
            async move {
                'group: {
                    let (query_vec, norm) = {
                        let query = self.query.lease().await;
                        match {
                            let node = &<Search as ::hypernodes::Graph>::GRAPH_INFO
                                .nodes[0usize];
                            match __hn::AsyncExecutor::node_now(
                                exec,
                                node,
                                || __hn::infallible(embed(&*query, model)),
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
                    self.query_vec.set(query_vec);
                    (
                        ::core::result::Result::Ok(()),
                        (::core::option::Option::Some(norm),),
                    )
                }
            }
        }
        fn step_1_embed_doc<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = (::core::result::Result<(), ::hypernodes::Error>, ()),
        > + 'run {
            async move {
                'group: {
                    let doc_vec = {
                        let __hn_bound_model: embed::__hn_in_1 = { Model::small() };
                        let document = self.document.lease().await;
                        match {
                            let node = &<Search as ::hypernodes::Graph>::GRAPH_INFO
                                .nodes[1usize];
                            match __hn::AsyncExecutor::node_now(
                                exec,
                                node,
                                || __hn::infallible(embed(&*document, __hn_bound_model)),
                                |(doc_vec, _)| doc_vec,
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
                    self.doc_vec.set(doc_vec);
                    (::core::result::Result::Ok(()), ())
                }
            }
        }
        fn step_2_compare<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = (::core::result::Result<(), ::hypernodes::Error>, ()),
        > + 'run {
            async move {
                'group: {
                    let score = {
                        let __hn_bound_limit: compare::__hn_in_2 = 3;
                        let query_vec = self.query_vec.lease().await;
                        let doc_vec = self.doc_vec.lease().await;
                        match {
                            let node = &<Search as ::hypernodes::Graph>::GRAPH_INFO
                                .nodes[2usize];
                            match __hn::AsyncExecutor::node_now(
                                exec,
                                node,
                                || __hn::infallible(
                                    compare(
                                        <embed::__hn_out_0 as compare_takes_query_vec<
                                            compare::__hn_in_0,
                                        >>::__hn_feed(&*query_vec),
                                        <embed::__hn_out_0 as compare_takes_doc_vec<
                                            compare::__hn_in_1,
                                        >>::__hn_feed(&*doc_vec),
                                        __hn_bound_limit,
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
                                break 'group (::core::result::Result::Err(error), ());
                            }
                        }
                    };
                    self.score.set(score);
                    (::core::result::Result::Ok(()), ())
                }
            }
        }
        fn step_3_checks<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
        ) -> impl ::core::future::Future<
            Output = (
                ::core::result::Result<(), ::hypernodes::Error>,
                (
                    ::core::option::Option<
                        <inner::Checks as ::hypernodes::__private::Out<0usize>>::Type,
                    >,
                ),
            ),
        > + 'run {
            async move {
                'group: {
                    let checked = {
                        let score = {
                            let lease = self.score.lease().await;
                            <compare::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                                &*lease,
                            )
                        };
                        match __hn::AsyncExecutor::graph(
                                exec,
                                3usize,
                                &inner::Checks,
                                <inner::Checks as __hn::NestedGraph>::inputs((
                                    <compare::__hn_out_0 as checks_takes_score<
                                        <inner::Checks as ::hypernodes::__private::Param<
                                            0usize,
                                        >>::Type,
                                    >>::__hn_feed(score),
                                )),
                                |outputs| outputs.checked,
                            )
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
                        (::core::option::Option::Some(checked),),
                    )
                }
            }
        }
        fn step_4_grid<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            xs: ::std::vec::Vec<cell::__hn_in_0>,
            ys: ::std::vec::Vec<
                <cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type,
            >,
            factor: cell::__hn_in_2,
        ) -> impl ::core::future::Future<
            Output = (
                ::core::result::Result<(), ::hypernodes::Error>,
                (
                    ::core::option::Option<::std::vec::Vec<cell::__hn_out_0>>,
                    ::core::option::Option<::std::vec::Vec<cell::__hn_out_1>>,
                ),
            ),
        > + 'run {
            async move {
                'group: {
                    let (value, label) = {
                        let factor = &factor;
                        match match (|| -> ::core::result::Result<
                            _,
                            ::hypernodes::Error,
                        > {
                            let items = {
                                let list_0 = <_ as ::hypernodes::__private::MappedList<
                                    cell::__hn_in_0,
                                >>::into_items(xs);
                                let list_1 = <_ as ::hypernodes::__private::MappedList<
                                    <cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type,
                                >>::into_items(ys);
                                let shape = ::hypernodes::__private::MapShape::new(
                                    &[
                                        ("xs", ::core::option::Option::Some(list_0.len())),
                                        ("ys", ::core::option::Option::Some(list_1.len())),
                                    ],
                                    ::hypernodes::MapMode::Product,
                                )?;
                                #[allow(unused_imports)]
                                use ::hypernodes::__private::{
                                    ProbeClone as _, ProbeNoClone as _,
                                };
                                let mut column_0 = ::hypernodes::__private::Column::new(
                                    ::hypernodes::each::<_, ::hypernodes::Taken>(list_0),
                                    &shape,
                                    0usize,
                                    "xs",
                                    (&::hypernodes::__private::CloneProbe::<
                                        cell::__hn_in_0,
                                    >::new())
                                        .cloner(),
                                )?;
                                let mut column_1 = ::hypernodes::__private::Column::new(
                                    ::hypernodes::each::<_, ::hypernodes::Taken>(list_1),
                                    &shape,
                                    1usize,
                                    "ys",
                                    (&::hypernodes::__private::CloneProbe::<
                                        <cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type,
                                    >::new())
                                        .cloner(),
                                )?;
                                (0..shape.len())
                                    .map(|item| (column_0.value(item), column_1.value(item)))
                                    .collect::<::std::vec::Vec<_>>()
                            };
                            ::core::result::Result::Ok(items)
                        })() {
                            ::core::result::Result::Ok(items) => {
                                __hn::AsyncExecutor::map(
                                        exec,
                                        4usize,
                                        items,
                                        |exec, (__hn_item_xs, __hn_item_ys)| async move {
                                            let exec = &exec;
                                            {
                                                let node = &<Search as ::hypernodes::Graph>::GRAPH_INFO
                                                    .nodes[4usize];
                                                __hn::AsyncExecutor::node(
                                                    exec,
                                                    node,
                                                    async {
                                                        __hn::infallible(
                                                            cell(
                                                                __hn_item_xs,
                                                                &__hn_item_ys,
                                                                <cell::__hn_in_2 as ::hypernodes::__private::SharedValue>::share(
                                                                    &*factor,
                                                                ),
                                                            ),
                                                        )
                                                    },
                                                    __hn::keep_all,
                                                )
                                            }
                                                .await
                                        },
                                        |outputs: ::std::vec::Vec<_>| {
                                            let mut value = ::std::vec::Vec::with_capacity(
                                                outputs.len(),
                                            );
                                            let mut label = ::std::vec::Vec::with_capacity(
                                                outputs.len(),
                                            );
                                            for one in outputs {
                                                let _ = &one;
                                                value.push(one.0);
                                                label.push(one.1);
                                            }
                                            (value, label)
                                        },
                                    )
                                    .await
                            }
                            ::core::result::Result::Err(error) => {
                                ::core::result::Result::Err(error)
                            }
                        } {
                            ::core::result::Result::Ok(kept) => kept,
                            ::core::result::Result::Err(error) => {
                                break 'group (
                                    ::core::result::Result::Err(error),
                                    (::core::option::Option::None, ::core::option::Option::None),
                                );
                            }
                        }
                    };
                    (
                        ::core::result::Result::Ok(()),
                        (
                            ::core::option::Option::Some(value),
                            ::core::option::Option::Some(label),
                        ),
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for SearchInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("SearchInputs")
                .field("query", (&__hn::DebugField(&self.query)).field_debug())
                .field("model", (&__hn::DebugField(&self.model)).field_debug())
                .field("document", (&__hn::DebugField(&self.document)).field_debug())
                .field("xs", (&__hn::DebugField(&self.xs)).field_debug())
                .field("ys", (&__hn::DebugField(&self.ys)).field_debug())
                .field("factor", (&__hn::DebugField(&self.factor)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for SearchOutputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("SearchOutputs")
                .field("query_vec", (&__hn::DebugField(&self.query_vec)).field_debug())
                .field("norm", (&__hn::DebugField(&self.norm)).field_debug())
                .field("doc_vec", (&__hn::DebugField(&self.doc_vec)).field_debug())
                .field("score", (&__hn::DebugField(&self.score)).field_debug())
                .field("checked", (&__hn::DebugField(&self.checked)).field_debug())
                .field("value", (&__hn::DebugField(&self.value)).field_debug())
                .field("label", (&__hn::DebugField(&self.label)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for SearchMapInputs {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("SearchMapInputs")
                .field("query", (&__hn::DebugField(&self.query)).field_debug())
                .field("model", (&__hn::DebugField(&self.model)).field_debug())
                .field("document", (&__hn::DebugField(&self.document)).field_debug())
                .field("xs", (&__hn::DebugField(&self.xs)).field_debug())
                .field("ys", (&__hn::DebugField(&self.ys)).field_debug())
                .field("factor", (&__hn::DebugField(&self.factor)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for SearchPartial {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #[allow(unused_imports)]
            use __hn::{FieldOpaque as _, FieldViaDebug as _};
            f.debug_struct("SearchPartial")
                .field("query_vec", (&__hn::DebugField(&self.query_vec)).field_debug())
                .field("norm", (&__hn::DebugField(&self.norm)).field_debug())
                .field("doc_vec", (&__hn::DebugField(&self.doc_vec)).field_debug())
                .field("score", (&__hn::DebugField(&self.score)).field_debug())
                .field("checked", (&__hn::DebugField(&self.checked)).field_debug())
                .field("value", (&__hn::DebugField(&self.value)).field_debug())
                .field("label", (&__hn::DebugField(&self.label)).field_debug())
                .finish()
        }
    }
    #[automatically_derived]
    impl ::hypernodes::__private::Fields for SearchOutputs {
        type Tuple = (
            embed::__hn_out_0,
            embed::__hn_out_1,
            embed::__hn_out_0,
            compare::__hn_out_0,
            <inner::Checks as ::hypernodes::__private::Out<0usize>>::Type,
            ::std::vec::Vec<cell::__hn_out_0>,
            ::std::vec::Vec<cell::__hn_out_1>,
        );
        fn into_tuple(self) -> Self::Tuple {
            let SearchOutputs {
                query_vec,
                norm,
                doc_vec,
                score,
                checked,
                value,
                label,
            } = self;
            (query_vec, norm, doc_vec, score, checked, value, label)
        }
        fn from_tuple(tuple: Self::Tuple) -> Self {
            let (query_vec, norm, doc_vec, score, checked, value, label) = tuple;
            SearchOutputs {
                query_vec,
                norm,
                doc_vec,
                score,
                checked,
                value,
                label,
            }
        }
    }
    #[automatically_derived]
    impl ::hypernodes::Node for Search {
        type Output = SearchOutputs;
        const INFO: ::hypernodes::NodeInfo = ::hypernodes::NodeInfo {
            name: "Search",
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
    impl ::hypernodes::Graph for Search {
        type Inputs = SearchInputs;
        type Outputs = SearchOutputs;
        type MapInputs = SearchMapInputs;
        type Partial = SearchPartial;
        type __Item = (
            __hn::LentInput<<embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type>,
            embed::__hn_in_1,
            __hn::LentInput<<embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type>,
            ::std::vec::Vec<cell::__hn_in_0>,
            ::std::vec::Vec<<cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type>,
            cell::__hn_in_2,
        );
        type Chunk = ::core::convert::Infallible;
        type Question = ::core::convert::Infallible;
        type Answer = ::core::convert::Infallible;
        const GRAPH_INFO: &'static ::hypernodes::GraphInfo = &::hypernodes::GraphInfo {
            name: "Search",
            module_path: ::core::module_path!(),
            nodes: &[
                ::hypernodes::NodeInfo {
                    name: "embed_query",
                    inputs: &[
                        ::hypernodes::Port {
                            name: "query",
                            ..embed::__HN_INFO.inputs[0usize]
                        },
                        embed::__HN_INFO.inputs[1usize],
                    ],
                    outputs: &[
                        ::hypernodes::Port {
                            name: "query_vec",
                            ..embed::__HN_INFO.outputs[0usize]
                        },
                        embed::__HN_INFO.outputs[1usize],
                    ],
                    subgraph: embed::__HN_INFO.subgraph,
                    composition: ::core::option::Option::Some(
                        &::hypernodes::Composition {
                            comes_from: "embed",
                            inner_inputs: &["text", "model"],
                            inner_outputs: &["embedding", "norm"],
                            bound: &[],
                            dropped: &[],
                            mapped: &[],
                            mode: ::core::option::Option::None,
                        },
                    ),
                    ..embed::__HN_INFO
                },
                ::hypernodes::NodeInfo {
                    name: "embed_doc",
                    inputs: &[
                        ::hypernodes::Port {
                            name: "document",
                            ..embed::__HN_INFO.inputs[0usize]
                        },
                        embed::__HN_INFO.inputs[1usize],
                    ],
                    outputs: &[
                        ::hypernodes::Port {
                            name: "doc_vec",
                            ..embed::__HN_INFO.outputs[0usize]
                        },
                        embed::__HN_INFO.outputs[1usize],
                    ],
                    subgraph: embed::__HN_INFO.subgraph,
                    composition: ::core::option::Option::Some(
                        &::hypernodes::Composition {
                            comes_from: "embed",
                            inner_inputs: &["text", "model"],
                            inner_outputs: &["embedding", "norm"],
                            bound: &["model"],
                            dropped: &["norm"],
                            mapped: &[],
                            mode: ::core::option::Option::None,
                        },
                    ),
                    ..embed::__HN_INFO
                },
                ::hypernodes::NodeInfo {
                    name: "compare",
                    inputs: &[
                        compare::__HN_INFO.inputs[0usize],
                        compare::__HN_INFO.inputs[1usize],
                        compare::__HN_INFO.inputs[2usize],
                    ],
                    outputs: &[compare::__HN_INFO.outputs[0usize]],
                    subgraph: compare::__HN_INFO.subgraph,
                    composition: ::core::option::Option::Some(
                        &::hypernodes::Composition {
                            comes_from: "compare",
                            inner_inputs: &["query_vec", "doc_vec", "limit"],
                            inner_outputs: &["score"],
                            bound: &["limit"],
                            dropped: &[],
                            mapped: &[],
                            mode: ::core::option::Option::None,
                        },
                    ),
                    ..compare::__HN_INFO
                },
                ::hypernodes::NodeInfo {
                    name: "checks",
                    inputs: &[
                        ::hypernodes::Port {
                            name: "score",
                            ..<inner::Checks as ::hypernodes::Node>::INFO.inputs[0usize]
                        },
                    ],
                    outputs: &[
                        <inner::Checks as ::hypernodes::Node>::INFO.outputs[0usize],
                    ],
                    subgraph: ::core::option::Option::Some(
                        &::hypernodes::GraphInfo {
                            name: "checks",
                            ..*<inner::Checks as ::hypernodes::Graph>::GRAPH_INFO
                        },
                    ),
                    composition: ::core::option::Option::Some(
                        &::hypernodes::Composition {
                            comes_from: "Checks",
                            inner_inputs: &["value"],
                            inner_outputs: &["checked"],
                            bound: &[],
                            dropped: &[],
                            mapped: &[],
                            mode: ::core::option::Option::None,
                        },
                    ),
                    ..<inner::Checks as ::hypernodes::Node>::INFO
                },
                ::hypernodes::NodeInfo {
                    name: "grid",
                    inputs: &[
                        ::hypernodes::Port {
                            name: "xs",
                            ..cell::__HN_INFO.inputs[0usize]
                        },
                        ::hypernodes::Port {
                            name: "ys",
                            ..cell::__HN_INFO.inputs[1usize]
                        },
                        ::hypernodes::Port {
                            name: "factor",
                            ..cell::__HN_INFO.inputs[2usize]
                        },
                    ],
                    outputs: &[
                        cell::__HN_INFO.outputs[0usize],
                        cell::__HN_INFO.outputs[1usize],
                    ],
                    subgraph: cell::__HN_INFO.subgraph,
                    composition: ::core::option::Option::Some(
                        &::hypernodes::Composition {
                            comes_from: "cell",
                            inner_inputs: &["x", "y", "scale"],
                            inner_outputs: &["value", "label"],
                            bound: &[],
                            dropped: &[],
                            mapped: &["x", "y"],
                            mode: ::core::option::Option::Some(
                                ::hypernodes::MapMode::Product,
                            ),
                        },
                    ),
                    ..cell::__HN_INFO
                },
            ],
            inputs: &[
                ::hypernodes::Port {
                    name: "query",
                    ..embed::__HN_INFO.inputs[0usize]
                },
                embed::__HN_INFO.inputs[1usize],
                ::hypernodes::Port {
                    name: "document",
                    ..embed::__HN_INFO.inputs[0usize]
                },
                ::hypernodes::Port {
                    name: "xs",
                    ..cell::__HN_INFO.inputs[0usize]
                },
                ::hypernodes::Port {
                    name: "ys",
                    ..cell::__HN_INFO.inputs[1usize]
                },
                ::hypernodes::Port {
                    name: "factor",
                    ..cell::__HN_INFO.inputs[2usize]
                },
            ],
            outputs: &[
                ::hypernodes::Port {
                    name: "query_vec",
                    ..embed::__HN_INFO.outputs[0usize]
                },
                embed::__HN_INFO.outputs[1usize],
                ::hypernodes::Port {
                    name: "doc_vec",
                    ..embed::__HN_INFO.outputs[0usize]
                },
                compare::__HN_INFO.outputs[0usize],
                <inner::Checks as ::hypernodes::Node>::INFO.outputs[0usize],
                cell::__HN_INFO.outputs[0usize],
                cell::__HN_INFO.outputs[1usize],
            ],
            edges: &[
                ::hypernodes::Edge {
                    value: "query",
                    from: ::hypernodes::Endpoint::Input,
                    to: 0usize,
                },
                ::hypernodes::Edge {
                    value: "model",
                    from: ::hypernodes::Endpoint::Input,
                    to: 0usize,
                },
                ::hypernodes::Edge {
                    value: "document",
                    from: ::hypernodes::Endpoint::Input,
                    to: 1usize,
                },
                ::hypernodes::Edge {
                    value: "query_vec",
                    from: ::hypernodes::Endpoint::Node(0usize),
                    to: 2usize,
                },
                ::hypernodes::Edge {
                    value: "doc_vec",
                    from: ::hypernodes::Endpoint::Node(1usize),
                    to: 2usize,
                },
                ::hypernodes::Edge {
                    value: "score",
                    from: ::hypernodes::Endpoint::Node(2usize),
                    to: 3usize,
                },
                ::hypernodes::Edge {
                    value: "xs",
                    from: ::hypernodes::Endpoint::Input,
                    to: 4usize,
                },
                ::hypernodes::Edge {
                    value: "ys",
                    from: ::hypernodes::Endpoint::Input,
                    to: 4usize,
                },
                ::hypernodes::Edge {
                    value: "factor",
                    from: ::hypernodes::Endpoint::Input,
                    to: 4usize,
                },
            ],
        };
        #[allow(clippy::unused_unit)]
        fn __item(inputs: SearchInputs) -> Self::__Item {
            let SearchInputs {
                query: query,
                model: model,
                document: document,
                xs: xs,
                ys: ys,
                factor: factor,
            } = inputs;
            (
                __hn::LentInput::own(query),
                model,
                __hn::LentInput::own(document),
                xs,
                ys,
                factor,
            )
        }
        #[allow(clippy::unused_unit)]
        fn __map_items(
            inputs: SearchMapInputs,
            mode: ::hypernodes::MapMode,
        ) -> ::core::result::Result<::std::vec::Vec<Self::__Item>, ::hypernodes::Error> {
            let SearchMapInputs {
                query: query,
                model: model,
                document: document,
                xs: xs,
                ys: ys,
                factor: factor,
            } = inputs;
            let shape = __hn::MapShape::new(
                &[
                    ("query", query.mapped_len()),
                    ("model", model.mapped_len()),
                    ("document", document.mapped_len()),
                    ("xs", xs.mapped_len()),
                    ("ys", ys.mapped_len()),
                    ("factor", factor.mapped_len()),
                ],
                mode,
            )?;
            #[allow(unused_imports)]
            use __hn::{ProbeClone as _, ProbeNoClone as _};
            let mut query_column = __hn::Column::new(
                query,
                &shape,
                0usize,
                "query",
                (&__hn::CloneProbe::<
                    <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
                >::new())
                    .cloner(),
            )?;
            let mut model_column = __hn::Column::new(
                model,
                &shape,
                1usize,
                "model",
                (&__hn::CloneProbe::<embed::__hn_in_1>::new()).cloner(),
            )?;
            let mut document_column = __hn::Column::new(
                document,
                &shape,
                2usize,
                "document",
                (&__hn::CloneProbe::<
                    <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
                >::new())
                    .cloner(),
            )?;
            let mut xs_column = __hn::Column::new(
                xs,
                &shape,
                3usize,
                "xs",
                (&__hn::CloneProbe::<::std::vec::Vec<cell::__hn_in_0>>::new()).cloner(),
            )?;
            let mut ys_column = __hn::Column::new(
                ys,
                &shape,
                4usize,
                "ys",
                (&__hn::CloneProbe::<
                    ::std::vec::Vec<
                        <cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type,
                    >,
                >::new())
                    .cloner(),
            )?;
            let mut factor_column = __hn::Column::new(
                factor,
                &shape,
                5usize,
                "factor",
                (&__hn::CloneProbe::<cell::__hn_in_2>::new()).cloner(),
            )?;
            ::core::result::Result::Ok(
                (0..shape.len())
                    .map(|item| {
                        let _ = item;
                        (
                            query_column.value(item),
                            model_column.value(item),
                            document_column.value(item),
                            xs_column.value(item),
                            ys_column.value(item),
                            factor_column.value(item),
                        )
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
        ) -> ::core::result::Result<SearchOutputs, ::hypernodes::Error> {
            let (query, model, document, xs, ys, factor) = inputs;
            let nodes = <Search as ::hypernodes::Graph>::GRAPH_INFO.nodes;
            let (query_vec, norm) = __hn::Executor::node(
                exec,
                &nodes[0usize],
                |_| __hn::infallible(embed(&*query, model)),
                __hn::keep_all,
            )?;
            let __hn_bound_model: embed::__hn_in_1 = { Model::small() };
            let doc_vec = __hn::Executor::node(
                exec,
                &nodes[1usize],
                |_| __hn::infallible(embed(&*document, __hn_bound_model)),
                |(doc_vec, _)| doc_vec,
            )?;
            let __hn_bound_limit: compare::__hn_in_2 = 3;
            let score = __hn::Executor::node(
                exec,
                &nodes[2usize],
                |_| __hn::infallible(
                    compare(
                        <embed::__hn_out_0 as compare_takes_query_vec<
                            compare::__hn_in_0,
                        >>::__hn_feed(&query_vec),
                        <embed::__hn_out_0 as compare_takes_doc_vec<
                            compare::__hn_in_1,
                        >>::__hn_feed(&doc_vec),
                        __hn_bound_limit,
                    ),
                ),
                __hn::keep_all,
            )?;
            let checked = __hn::Executor::graph(
                exec,
                3usize,
                &inner::Checks,
                <inner::Checks as __hn::NestedGraph>::inputs((
                    <compare::__hn_out_0 as checks_takes_score<
                        <inner::Checks as ::hypernodes::__private::Param<0usize>>::Type,
                    >>::__hn_feed(
                        <compare::__hn_out_0 as ::hypernodes::__private::SharedValue>::share(
                            &score,
                        ),
                    ),
                )),
                |outputs| outputs.checked,
            )?;
            let items = {
                let list_0 = <_ as ::hypernodes::__private::MappedList<
                    cell::__hn_in_0,
                >>::into_items(xs);
                let list_1 = <_ as ::hypernodes::__private::MappedList<
                    <cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type,
                >>::into_items(ys);
                let shape = ::hypernodes::__private::MapShape::new(
                    &[
                        ("xs", ::core::option::Option::Some(list_0.len())),
                        ("ys", ::core::option::Option::Some(list_1.len())),
                    ],
                    ::hypernodes::MapMode::Product,
                )?;
                #[allow(unused_imports)]
                use ::hypernodes::__private::{ProbeClone as _, ProbeNoClone as _};
                let mut column_0 = ::hypernodes::__private::Column::new(
                    ::hypernodes::each::<_, ::hypernodes::Taken>(list_0),
                    &shape,
                    0usize,
                    "xs",
                    (&::hypernodes::__private::CloneProbe::<cell::__hn_in_0>::new())
                        .cloner(),
                )?;
                let mut column_1 = ::hypernodes::__private::Column::new(
                    ::hypernodes::each::<_, ::hypernodes::Taken>(list_1),
                    &shape,
                    1usize,
                    "ys",
                    (&::hypernodes::__private::CloneProbe::<
                        <cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type,
                    >::new())
                        .cloner(),
                )?;
                (0..shape.len())
                    .map(|item| (column_0.value(item), column_1.value(item)))
                    .collect::<::std::vec::Vec<_>>()
            };
            let (value, label) = __hn::Executor::map(
                exec,
                4usize,
                items,
                |exec, (__hn_item_xs, __hn_item_ys)| __hn::Executor::node(
                    exec,
                    &nodes[4usize],
                    |_| __hn::infallible(
                        cell(
                            __hn_item_xs,
                            &__hn_item_ys,
                            <cell::__hn_in_2 as ::hypernodes::__private::SharedValue>::share(
                                &factor,
                            ),
                        ),
                    ),
                    __hn::keep_all,
                ),
                |outputs: ::std::vec::Vec<_>| {
                    let mut value = ::std::vec::Vec::with_capacity(outputs.len());
                    let mut label = ::std::vec::Vec::with_capacity(outputs.len());
                    for one in outputs {
                        let _ = &one;
                        value.push(one.0);
                        label.push(one.1);
                    }
                    (value, label)
                },
            )?;
            ::core::result::Result::Ok(SearchOutputs {
                query_vec: query_vec,
                norm: norm,
                doc_vec: doc_vec,
                score: score,
                checked: checked,
                value: value,
                label: label,
            })
        }
        #[allow(clippy::all, unused_braces, unused_mut)]
        #[inline]
        fn __run_async<'run, __HnExec: __hn::AsyncExecutor>(
            &'run self,
            exec: &'run __HnExec,
            inputs: Self::__Item,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<SearchOutputs, __hn::Halt<SearchPartial>>,
        > + 'run {
            async move {
                let (query, model, document, xs, ys, factor) = inputs;
                let slots = SearchSlots {
                    query: __hn::SharedSlot::filled_lent(query, 1usize),
                    document: __hn::SharedSlot::filled_lent(document, 1usize),
                    query_vec: __hn::Slot::new(1usize),
                    doc_vec: __hn::Slot::new(1usize),
                    score: __hn::Slot::new(1usize),
                };
                let (
                    joined,
                    mut task_0_returned,
                    _,
                    _,
                    mut task_3_returned,
                    mut task_4_returned,
                ) = {
                    let task_0 = ::core::pin::pin!(
                        slots.step_0_embed_query(exec, model)
                    );
                    let mut task_0 = __hn::Task::new(task_0);
                    let task_1 = ::core::pin::pin!(slots.step_1_embed_doc(exec,));
                    let mut task_1 = __hn::Task::new(task_1);
                    let task_2 = ::core::pin::pin!(slots.step_2_compare(exec,));
                    let mut task_2 = __hn::Task::new(task_2);
                    let task_3 = ::core::pin::pin!(slots.step_3_checks(exec,));
                    let mut task_3 = __hn::Task::new(task_3);
                    let task_4 = ::core::pin::pin!(
                        slots.step_4_grid(exec, xs, ys, factor)
                    );
                    let mut task_4 = __hn::Task::new(task_4);
                    let joined = __hn::join_tasks!(
                        task_0, task_1, task_2, task_3, task_4
                    )
                        .await;
                    (
                        joined,
                        task_0.into_returned(),
                        task_1.into_returned(),
                        task_2.into_returned(),
                        task_3.into_returned(),
                        task_4.into_returned(),
                    )
                };
                if let ::core::result::Result::Err(error) = joined {
                    return ::core::result::Result::Err(
                        __hn::Halt::new(
                            error,
                            move || SearchPartial {
                                query_vec: slots.query_vec.into_option(),
                                norm: task_0_returned
                                    .as_mut()
                                    .and_then(|returned| returned.0.take()),
                                doc_vec: slots.doc_vec.into_option(),
                                score: slots.score.into_option(),
                                checked: task_3_returned
                                    .as_mut()
                                    .and_then(|returned| returned.0.take()),
                                value: task_4_returned
                                    .as_mut()
                                    .and_then(|returned| returned.0.take()),
                                label: task_4_returned
                                    .as_mut()
                                    .and_then(|returned| returned.1.take()),
                            },
                        ),
                    );
                }
                ::core::result::Result::Ok(SearchOutputs {
                    query_vec: slots.query_vec.into_value(),
                    norm: __hn::made(
                        task_0_returned.as_mut().and_then(|returned| returned.0.take()),
                    ),
                    doc_vec: slots.doc_vec.into_value(),
                    score: slots.score.into_value(),
                    checked: __hn::made(
                        task_3_returned.as_mut().and_then(|returned| returned.0.take()),
                    ),
                    value: __hn::made(
                        task_4_returned.as_mut().and_then(|returned| returned.0.take()),
                    ),
                    label: __hn::made(
                        task_4_returned.as_mut().and_then(|returned| returned.1.take()),
                    ),
                })
            }
        }
    }
    #[automatically_derived]
    impl __hn::Param<0usize> for Search {
        type Type = <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type;
    }
    #[automatically_derived]
    impl __hn::Param<1usize> for Search {
        type Type = embed::__hn_in_1;
    }
    #[automatically_derived]
    impl __hn::Param<2usize> for Search {
        type Type = <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type;
    }
    #[automatically_derived]
    impl __hn::Param<3usize> for Search {
        type Type = ::std::vec::Vec<cell::__hn_in_0>;
    }
    #[automatically_derived]
    impl __hn::Param<4usize> for Search {
        type Type = ::std::vec::Vec<
            <cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type,
        >;
    }
    #[automatically_derived]
    impl __hn::Param<5usize> for Search {
        type Type = cell::__hn_in_2;
    }
    #[automatically_derived]
    impl __hn::Out<0usize> for Search {
        type Type = embed::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::Out<1usize> for Search {
        type Type = embed::__hn_out_1;
    }
    #[automatically_derived]
    impl __hn::Out<2usize> for Search {
        type Type = embed::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::Out<3usize> for Search {
        type Type = compare::__hn_out_0;
    }
    #[automatically_derived]
    impl __hn::Out<4usize> for Search {
        type Type = <inner::Checks as ::hypernodes::__private::Out<0usize>>::Type;
    }
    #[automatically_derived]
    impl __hn::Out<5usize> for Search {
        type Type = ::std::vec::Vec<cell::__hn_out_0>;
    }
    #[automatically_derived]
    impl __hn::Out<6usize> for Search {
        type Type = ::std::vec::Vec<cell::__hn_out_1>;
    }
    #[automatically_derived]
    impl __hn::NestedGraph for Search {
        type Args = (
            <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
            embed::__hn_in_1,
            <embed::__hn_in_0 as ::hypernodes::__private::Owned>::Type,
            ::std::vec::Vec<cell::__hn_in_0>,
            ::std::vec::Vec<<cell::__hn_in_1 as ::hypernodes::__private::Owned>::Type>,
            cell::__hn_in_2,
        );
        fn inputs((query, model, document, xs, ys, factor): Self::Args) -> SearchInputs {
            SearchInputs {
                query: query,
                model: model,
                document: document,
                xs: xs,
                ys: ys,
                factor: factor,
            }
        }
    }
};
#[doc(hidden)]
#[macro_export]
#[allow(non_local_definitions)]
macro_rules! __hn_graph_Search_bf76a29afc99e8b3 {
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*]) => {
        ::hypernodes::__private::graph_impl! { [$($header)*] [$($done)* { [$($me)*] graph
        Search { false false false false[query : value, model : value, document : value,
        xs : value, ys : value, factor : value] [query_vec, norm, doc_vec, score,
        checked, value, label] [] []
        "String\tModel\tString\tVec<i64>\tVec<i64>\ti64\nVec<f32>\tf32\tVec<f32>\tf32\tbool\tVec<i64>\tVec<String>\n\n\n"
        } }] }
    };
    ([$($header:tt)*] [$($done:tt)*] [$($me:tt)*] [$($next:tt)*] $($rest:tt)*) => {
        $($next)* ! { [$($header)*] [$($done)* { [$($me)*] graph Search { false false
        false false[query : value, model : value, document : value, xs : value, ys :
        value, factor : value] [query_vec, norm, doc_vec, score, checked, value, label]
        [] []
        "String\tModel\tString\tVec<i64>\tVec<i64>\ti64\nVec<f32>\tf32\tVec<f32>\tf32\tbool\tVec<i64>\tVec<String>\n\n\n"
        } }] [$($next)*] $($rest)* }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub use __hn_graph_Search_bf76a29afc99e8b3 as Search;
