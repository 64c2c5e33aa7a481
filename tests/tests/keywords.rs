//! Keyword names: `output_name = "type"` (or `final`, `match`) gives the field `r#type`
//! and wires to a parameter `r#type`, as serde and other derives do; ports show the
//! plain name.

use hypernodes::{graph, node, node_info, AsyncRunner, Graph, Runner};

#[node(output_name = "type")]
fn classify(x: i32) -> String {
    let kind = if x < 0 { "negative" } else { "other" };
    kind.to_owned()
}

#[node(output_name = ("final", "match"))]
fn finish(r#type: &str, x: i32) -> (String, bool) {
    (format!("{type}:{x}", type = r#type), r#type == "negative")
}

#[node(output_name = "loud")]
fn shout(r#final: String) -> String {
    r#final.to_uppercase()
}

graph!(struct Keywords = [classify, finish, shout]);

#[test]
fn keyword_outputs_wire_to_raw_parameters_under_runner() {
    let outputs = Runner::new()
        .run(&Keywords, KeywordsInputs { x: -2 })
        .unwrap();
    assert_eq!(outputs.r#type, "negative");
    assert_eq!(outputs.r#final, "negative:-2");
    assert!(outputs.r#match);
    assert_eq!(outputs.loud, "NEGATIVE:-2");
}

#[test]
fn keyword_outputs_wire_under_async_runner() {
    let runner = AsyncRunner::new();
    let outputs =
        futures::executor::block_on(runner.run(&Keywords, KeywordsInputs { x: 3 })).unwrap();
    assert_eq!(
        (outputs.r#type.as_str(), outputs.loud.as_str()),
        ("other", "OTHER:3")
    );
}

#[test]
fn ports_show_the_plain_names() {
    assert_eq!(node_info!(classify).outputs[0].name, "type");
    assert_eq!(node_info!(finish).inputs[0].name, "type");
    let outputs: Vec<_> = Keywords::GRAPH_INFO
        .outputs
        .iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(outputs, ["type", "final", "match", "loud"]);
    let edges: Vec<_> = Keywords::GRAPH_INFO.edges.iter().map(|e| e.value).collect();
    assert!(
        edges.contains(&"type") && edges.contains(&"final"),
        "{edges:?}"
    );
}

graph!(struct Selected = [classify, finish] -> [r#type, r#match]);

#[test]
fn keyword_outputs_can_be_selected() {
    let outputs = Runner::new()
        .run(&Selected, SelectedInputs { x: 1 })
        .unwrap();
    assert_eq!((outputs.r#type.as_str(), outputs.r#match), ("other", false));
}
