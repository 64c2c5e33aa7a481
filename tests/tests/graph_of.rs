//! `#[graph_of(...)]`: the item-shaped graph declaration generates what `graph!` does.

use hypernodes::{each, graph, graph_of, node, MapMode, Runner};

mod stages {
    use hypernodes::node;

    #[node(output_name = "doubled")]
    pub fn double(x: i32) -> i32 {
        x * 2
    }

    #[node(output_name = ("half", "odd"))]
    pub fn halve(doubled: i32) -> (i32, bool) {
        (doubled / 2, doubled % 2 != 0)
    }
}

#[node(output_name = "answer")]
fn add_one(doubled: i32) -> i32 {
    doubled + 1
}

#[node(output_name = "x")]
fn parse(text: &str) -> Result<i32, std::num::ParseIntError> {
    text.trim().parse()
}

/// Every output of two nodes, one listed by path.
#[graph_of([stages::double, add_one])]
pub struct Pipeline;

/// A selection leaves `halve` out of the schedule.
#[graph_of([stages::double, stages::halve, add_one] -> [answer])]
pub struct Answer;

// A graph declared with the attribute, listed in one declared with `graph!`, and back.
#[graph_of([parse, Answer])]
struct FromText;

graph!(struct Outer = [FromText]);

#[test]
fn a_graph_of_struct_runs_like_a_graph_macro_one() {
    let out = Runner::new()
        .run(&Pipeline, PipelineInputs { x: 5 })
        .unwrap();
    assert_eq!((out.doubled, out.answer), (10, 11));
}

#[test]
fn selection_keeps_only_the_needed_nodes() {
    let info = <Answer as hypernodes::Graph>::GRAPH_INFO;
    let names: Vec<&str> = info.nodes.iter().map(|n| n.name).collect();
    assert_eq!(names, ["double", "add_one"]);
    let out: AnswerOutputs = Runner::new().run(&Answer, AnswerInputs { x: 1 }).unwrap();
    assert_eq!(out.answer, 3);
}

#[test]
fn graph_of_graphs_nest_both_ways() {
    let out = Runner::new()
        .run(
            &Outer,
            OuterInputs {
                text: " 20 ".into(),
            },
        )
        .unwrap();
    assert_eq!((out.x, out.answer), (20, 41));
    let error = Runner::new()
        .run(
            &Outer,
            OuterInputs {
                text: "twenty".into(),
            },
        )
        .unwrap_err();
    assert_eq!(error.node(), Some("parse"));
}

#[test]
fn graph_of_structs_map() {
    let outs = Runner::new()
        .map(
            &Pipeline,
            PipelineMapInputs { x: each([1, 2, 3]) },
            MapMode::Zip,
        )
        .unwrap();
    let answers: Vec<i32> = outs.iter().map(|o| o.answer).collect();
    assert_eq!(answers, [3, 5, 7]);
}

#[test]
fn the_struct_keeps_its_name_and_module() {
    let info = <Pipeline as hypernodes::Graph>::GRAPH_INFO;
    assert_eq!(info.name, "Pipeline");
    assert_eq!(info.module_path, module_path!());
}
