//! The core API through the public surface: wiring, values, errors, async, nesting.

use hypernodes::{graph, node, Error, Runner};
use std::sync::atomic::{AtomicUsize, Ordering};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "answer")]
fn add_one(doubled: i32) -> i32 {
    doubled + 1
}

graph!(pub struct Pipeline = [double, add_one]);

#[test]
fn runs_the_design_example() {
    let out = Runner::new()
        .run(&Pipeline, PipelineInputs { x: 5 })
        .unwrap();
    assert_eq!((out.doubled, out.answer), (10, 11));
}

#[test]
fn nodes_stay_plain_functions() {
    assert_eq!(double(4), 8);
    assert_eq!(add_one(8), 9);
}

#[test]
fn list_order_does_not_matter() {
    graph!(struct Reversed = [add_one, double]);
    let out = Runner::new()
        .run(&Reversed, ReversedInputs { x: 1 })
        .unwrap();
    assert_eq!((out.doubled, out.answer), (2, 3));
}

mod stages {
    use hypernodes::node;

    /// Documented nodes keep their docs and attributes.
    #[node(output_name = ("quotient", "remainder"))]
    #[inline]
    pub fn divide(numerator: u32, denominator: u32) -> (u32, u32) {
        (numerator / denominator, numerator % denominator)
    }

    #[node(output_name = "described")]
    pub(crate) fn describe(quotient: u32, remainder: u32) -> String {
        format!("{quotient} r {remainder}")
    }

    pub mod deeper {
        #[hypernodes::node(output_name = "shout")]
        pub fn shout(described: &str) -> String {
            described.to_uppercase()
        }
    }
}

#[test]
fn tuple_outputs_and_qualified_paths() {
    graph!(struct Division = [stages::divide, stages::describe, stages::deeper::shout]);
    let out = Runner::new()
        .run(
            &Division,
            DivisionInputs {
                numerator: 17,
                denominator: 5,
            },
        )
        .unwrap();
    assert_eq!((out.quotient, out.remainder), (3, 2));
    assert_eq!(out.described, "3 r 2");
    assert_eq!(out.shout, "3 R 2");
}

#[node(output_name = "total")]
fn total(numbers: &[u64]) -> u64 {
    numbers.iter().sum()
}

#[node(output_name = "length")]
fn length(name: &str) -> usize {
    name.len()
}

#[test]
fn borrowed_inputs_are_stored_owned() {
    graph!(struct Borrowing = [total, length]);
    let inputs = BorrowingInputs {
        numbers: vec![1, 2, 3],
        name: String::from("four"),
    };
    let out = Runner::new().run(&Borrowing, inputs).unwrap();
    assert_eq!((out.total, out.length), (6, 4));
}

/// Counts its clones, to check the graph clones only where a value has several owners.
#[derive(Debug)]
struct Tracked(u32);
static CLONES: AtomicUsize = AtomicUsize::new(0);
impl Clone for Tracked {
    fn clone(&self) -> Self {
        CLONES.fetch_add(1, Ordering::SeqCst);
        Tracked(self.0)
    }
}

#[node(output_name = "tracked")]
fn make_tracked(seed: u32) -> Tracked {
    Tracked(seed)
}
#[node(output_name = "peeked")]
fn peek(tracked: &Tracked) -> u32 {
    tracked.0
}
#[node(output_name = "eaten")]
fn eat(tracked: Tracked) -> u32 {
    tracked.0 + 1
}
#[node(output_name = "eaten_too")]
fn eat_too(tracked: Tracked) -> u32 {
    tracked.0 + 2
}

#[test]
fn values_move_into_their_last_consumer_and_clone_only_when_shared() {
    // One by-value consumer after a borrow, and not an output: moved, no clone.
    graph!(struct MoveOnly = [make_tracked, peek, eat] -> [peeked, eaten]);
    // Two by-value consumers: exactly one clone.
    graph!(struct TwoOwners = [make_tracked, eat, eat_too] -> [eaten, eaten_too]);
    let _guard = CLONE_COUNTING.lock().unwrap();
    CLONES.store(0, Ordering::SeqCst);
    let out = Runner::new()
        .run(&MoveOnly, MoveOnlyInputs { seed: 1 })
        .unwrap();
    assert_eq!((out.peeked, out.eaten), (1, 2));
    assert_eq!(CLONES.load(Ordering::SeqCst), 0);
    let out = Runner::new()
        .run(&TwoOwners, TwoOwnersInputs { seed: 1 })
        .unwrap();
    assert_eq!((out.eaten, out.eaten_too), (2, 3));
    assert_eq!(CLONES.load(Ordering::SeqCst), 1);
}

#[test]
fn a_value_that_is_also_an_output_is_cloned_for_its_consumer() {
    graph!(struct KeepsIt = [make_tracked, eat]);
    let _guard = CLONE_COUNTING.lock().unwrap();
    CLONES.store(0, Ordering::SeqCst);
    let out = Runner::new()
        .run(&KeepsIt, KeepsItInputs { seed: 7 })
        .unwrap();
    assert_eq!((out.tracked.0, out.eaten), (7, 8));
    assert_eq!(CLONES.load(Ordering::SeqCst), 1);
}

static CLONE_COUNTING: std::sync::Mutex<()> = std::sync::Mutex::new(());

static SLOW_CALLS: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "unneeded")]
fn slow_unneeded(x: i32) -> i32 {
    SLOW_CALLS.fetch_add(1, Ordering::SeqCst);
    x
}

#[test]
fn selected_outputs_prune_nodes_they_do_not_need() {
    graph!(struct Answer = [double, slow_unneeded, add_one] -> [answer]);
    let out = Runner::new().run(&Answer, AnswerInputs { x: 5 }).unwrap();
    assert_eq!(out.answer, 11);
    assert_eq!(SLOW_CALLS.load(Ordering::SeqCst), 0);
    let names: Vec<_> = <Answer as hypernodes::Graph>::GRAPH_INFO
        .nodes
        .iter()
        .map(|n| n.name)
        .collect();
    assert_eq!(names, ["double", "add_one"]);
}

#[derive(Debug, thiserror::Error)]
#[error("cannot parse {0:?}")]
struct ParseFailure(String);

#[node(output_name = "parsed")]
fn parse(raw: &str) -> Result<i64, ParseFailure> {
    raw.trim().parse().map_err(|_| ParseFailure(raw.to_owned()))
}

static AFTER_PARSE: AtomicUsize = AtomicUsize::new(0);

#[node(output_name = "negated")]
fn negate(parsed: i64) -> i64 {
    AFTER_PARSE.fetch_add(1, Ordering::SeqCst);
    -parsed
}

graph!(struct Parsing = [parse, negate]);

#[test]
fn result_nodes_output_their_ok_value() {
    let out = Runner::new()
        .run(&Parsing, ParsingInputs { raw: " 42 ".into() })
        .unwrap();
    assert_eq!((out.parsed, out.negated), (42, -42));
}

#[test]
fn an_err_stops_the_run_naming_the_node_and_keeping_the_source() {
    let before = AFTER_PARSE.load(Ordering::SeqCst);
    let error = Runner::new()
        .run(
            &Parsing,
            ParsingInputs {
                raw: "forty".into(),
            },
        )
        .unwrap_err();
    assert_eq!(error.node(), Some("parse"));
    assert!(matches!(
        error,
        Error::Node {
            node: "parse",
            graph: "Parsing",
            ..
        }
    ));
    let source = std::error::Error::source(&error).expect("source kept");
    assert!(source.downcast_ref::<ParseFailure>().is_some());
    assert_eq!(source.to_string(), "cannot parse \"forty\"");
    assert!(error.to_string().contains("`parse`"), "{error}");
    assert_eq!(
        AFTER_PARSE.load(Ordering::SeqCst),
        before,
        "nodes after the failure must not run"
    );
}

#[node(output_name = "ratio")]
fn divide_by(x: i32, divisor: i32) -> i32 {
    if divisor == 0 {
        panic!("division by zero requested");
    }
    x / divisor
}

#[test]
fn a_panic_becomes_an_error_naming_the_node() {
    graph!(struct Panicky = [divide_by]);
    let error = Runner::new()
        .run(&Panicky, PanickyInputs { x: 1, divisor: 0 })
        .unwrap_err();
    match error {
        Error::Panic { node, message, .. } => {
            assert_eq!(node, "divide_by");
            assert_eq!(message, "division by zero requested");
        }
        other => panic!("expected a panic error, got {other:?}"),
    }
}

#[test]
fn anyhow_style_errors_and_io_results_work() {
    #[node(output_name = "contents")]
    fn read(path: &std::path::Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }
    graph!(struct Reading = [read]);
    let error = Runner::new()
        .run(
            &Reading,
            ReadingInputs {
                path: "/definitely/not/here".into(),
            },
        )
        .unwrap_err();
    let source = std::error::Error::source(&error).unwrap();
    assert!(source.downcast_ref::<std::io::Error>().is_some());
}

mod nesting {
    use super::*;
    use hypernodes_tests::graphs::WordCount;

    #[node(output_name = "summary")]
    fn summarize(count: usize, answer: i32) -> String {
        format!("{count} words, answer {answer}")
    }

    graph!(struct Outer = [WordCount, super::Pipeline, summarize]);

    #[test]
    fn graphs_are_nodes() {
        let out = Runner::new()
            .run(
                &Outer,
                OuterInputs {
                    text: "one two three".into(),
                    x: 1,
                },
            )
            .unwrap();
        assert_eq!(out.count, 3);
        assert_eq!(out.answer, 3);
        assert_eq!(out.summary, "3 words, answer 3");
        let info = <Outer as hypernodes::Graph>::GRAPH_INFO;
        assert_eq!(info.nodes[0].subgraph.unwrap().name, "WordCount");
    }

    #[test]
    fn nodes_and_graphs_from_another_crate() {
        graph!(struct Direct = [hypernodes_tests::stages::tokenize, hypernodes_tests::stages::count_words]);
        let out = Runner::new()
            .run(
                &Direct,
                DirectInputs {
                    text: "a b C".into(),
                },
            )
            .unwrap();
        assert_eq!(out.count, 3);
        assert_eq!(out.words, ["a", "b", "c"]);
    }
}

struct Opaque;

#[node(output_name = "opaque")]
fn make_opaque(x: i32) -> Opaque {
    let _ = x;
    Opaque
}

#[test]
fn generated_structs_are_debug_even_when_a_field_is_not() {
    graph!(struct WithOpaque = [make_opaque, double]);
    let out = Runner::new()
        .run(&WithOpaque, WithOpaqueInputs { x: 2 })
        .unwrap();
    assert_eq!(
        format!("{out:?}"),
        "WithOpaqueOutputs { opaque: .., doubled: 4 }"
    );
    assert_eq!(
        format!("{:?}", WithOpaqueInputs { x: 2 }),
        "WithOpaqueInputs { x: 2 }"
    );
}

#[test]
fn a_graph_with_one_output_is_a_node_too() {
    graph!(struct One = [double]);
    graph!(struct UsesOne = [One, add_one]);
    let out = Runner::new().run(&UsesOne, UsesOneInputs { x: 3 }).unwrap();
    assert_eq!((out.doubled, out.answer), (6, 7));
}

#[node(output_name = "deep")]
fn deep_panic(answer: i32) -> i32 {
    if answer > 0 {
        panic!("too deep");
    }
    answer
}

#[test]
fn a_panic_in_a_nested_graph_names_the_inner_node_and_graph() {
    graph!(struct Inner = [deep_panic]);
    graph!(struct Outer = [Pipeline, Inner]);
    let error = Runner::new().run(&Outer, OuterInputs { x: 1 }).unwrap_err();
    assert!(
        matches!(&error, Error::Panic { node: "deep_panic", graph: "Inner", message } if message == "too deep"),
        "{error:?}"
    );
}

macro_rules! define_twice {
    ($module:ident) => {
        mod $module {
            #[hypernodes::node(output_name = "same")]
            pub fn same(x: i32) -> i32 {
                x
            }
            hypernodes::graph!(pub struct Same = [same]);
        }
    };
}
define_twice!(first_copy);
define_twice!(second_copy);

#[test]
fn one_macro_rules_may_define_the_same_node_twice() {
    let a = Runner::new()
        .run(&first_copy::Same, first_copy::SameInputs { x: 1 })
        .unwrap();
    let b = Runner::new()
        .run(&second_copy::Same, second_copy::SameInputs { x: 2 })
        .unwrap();
    assert_eq!((a.same, b.same), (1, 2));
}

#[test]
fn graphs_describe_their_structure_statically() {
    use hypernodes::{Edge, Endpoint, Graph, Port};
    graph!(struct Described = [stages::divide, stages::describe, stages::deeper::shout]);
    let info = <Described as Graph>::GRAPH_INFO;
    assert_eq!(info.name, "Described");
    assert!(info.module_path.ends_with("core"), "{}", info.module_path);
    let names: Vec<_> = info.nodes.iter().map(|n| n.name).collect();
    assert_eq!(names, ["divide", "describe", "shout"]);
    // Each node's module is where its function is defined.
    let modules: Vec<_> = info.nodes.iter().map(|n| n.module_path).collect();
    assert_eq!(
        modules,
        ["core::stages", "core::stages", "core::stages::deeper"]
    );
    assert_eq!(
        info.inputs,
        [
            Port {
                name: "numerator",
                type_name: "u32",
                by_ref: false
            },
            Port {
                name: "denominator",
                type_name: "u32",
                by_ref: false
            },
        ]
    );
    let outputs: Vec<_> = info.outputs.iter().map(|p| (p.name, p.type_name)).collect();
    assert_eq!(
        outputs,
        [
            ("quotient", "u32"),
            ("remainder", "u32"),
            ("described", "String"),
            ("shout", "String")
        ]
    );
    assert_eq!(
        info.nodes[2].inputs[0],
        Port {
            name: "described",
            type_name: "&str",
            by_ref: true
        }
    );
    assert_eq!(
        info.edges,
        [
            Edge {
                value: "numerator",
                from: Endpoint::Input,
                to: 0
            },
            Edge {
                value: "denominator",
                from: Endpoint::Input,
                to: 0
            },
            Edge {
                value: "quotient",
                from: Endpoint::Node(0),
                to: 1
            },
            Edge {
                value: "remainder",
                from: Endpoint::Node(0),
                to: 1
            },
            Edge {
                value: "described",
                from: Endpoint::Node(1),
                to: 2
            },
        ]
    );
    assert!(info.nodes.iter().all(|n| n.subgraph.is_none() && !n.cache));
    assert_ne!(info.nodes[0].code_hash, info.nodes[1].code_hash);
}

mod english {
    #[hypernodes::node(output_name = "english")]
    pub fn parse(text: &str, strict: bool) -> usize {
        text.len() + usize::from(strict)
    }
}

mod french {
    #[hypernodes::node(output_name = "french")]
    pub fn parse(text: &str, strict: bool) -> usize {
        text.len() * 2 + usize::from(strict)
    }
}

#[test]
fn two_entries_may_share_a_function_name() {
    graph!(struct Both = [english::parse, french::parse]);
    let out = Runner::new()
        .run(
            &Both,
            BothInputs {
                text: "abc".into(),
                strict: true,
            },
        )
        .unwrap();
    assert_eq!((out.english, out.french), (4, 7));
}
