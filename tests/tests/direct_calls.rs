//! Nodes stay plain functions: a test can call a streaming or asking node directly with
//! `Chunks`/`Interrupt` of its own, and read a node's `NodeInfo` from its path.

use hypernodes::{node, node_info, BoxError, Chunks, Graph, Interrupt};

#[node(output_name = "text")]
fn generate(prompt: String, tokens: Chunks<'_, String>) -> String {
    for word in prompt.split(' ') {
        tokens.send(word.to_uppercase());
    }
    prompt.to_uppercase()
}

#[node(output_name = "published")]
fn publish(draft: String, approval: Interrupt<'_, String, bool>) -> Result<bool, BoxError> {
    Ok(approval.ask_blocking(format!("publish {draft}?"))?)
}

#[node(output_name = "length")]
async fn measure(progress: Chunks<'_, u32>, text: &str) -> usize {
    progress.send(50);
    progress.send(100);
    text.len()
}

mod stages {
    #[hypernodes::node(output_name = ("quotient", "rest"), cache, version = "2")]
    pub fn divide(a: u32, b: &u32) -> Result<(u32, u32), std::num::TryFromIntError> {
        Ok((a / b, a % b))
    }
}

#[test]
fn a_streaming_node_sends_into_a_vec() {
    let mut sent = Vec::new();
    let text = generate("a b c".into(), Chunks::into_vec(&mut sent));
    assert_eq!(text, "A B C");
    assert_eq!(sent, ["A", "B", "C"]);
}

#[test]
fn an_async_streaming_node_sends_to_a_closure() {
    let mut seen = Vec::new();
    let length =
        futures::executor::block_on(measure(Chunks::to_fn(|percent| seen.push(percent)), "four"));
    assert_eq!(length, 4);
    assert_eq!(seen, [50, 100]);
}

#[test]
fn an_asking_node_gets_a_fixed_answer() {
    assert!(publish("post".into(), Interrupt::with_answer(true)).unwrap());
    assert!(!publish("post".into(), Interrupt::with_answer(false)).unwrap());
}

#[test]
fn an_asking_node_gets_a_handlers_answer_or_is_interrupted() {
    let approve_short = || Interrupt::with_handler(|q: &String| (q.len() < 20).then_some(true));
    assert!(publish("post".into(), approve_short()).unwrap());
    let error = publish("a rather long draft".into(), approve_short()).unwrap_err();
    let interrupted = error.downcast_ref::<hypernodes::Interrupted>().unwrap();
    assert_eq!(
        interrupted.question().get::<String>().map(String::as_str),
        Some("publish a rather long draft?")
    );
}

#[test]
fn node_info_describes_a_node_by_its_path() {
    let info = node_info!(stages::divide);
    assert_eq!(info.name, "divide");
    assert_eq!(info.module_path, "direct_calls::stages");
    let inputs: Vec<_> = info.inputs.iter().map(|p| (p.name, p.by_ref)).collect();
    assert_eq!(inputs, [("a", false), ("b", true)]);
    let outputs: Vec<_> = info.outputs.iter().map(|p| p.name).collect();
    assert_eq!(outputs, ["quotient", "rest"]);
    assert!(info.cache && info.fallible && !info.is_async);
    assert_eq!(info.version, Some("2"));
    assert_ne!(info.code_hash, [0; 32]);
    assert!(node_info!(measure).is_async);
    // The same description a graph lists.
    hypernodes::graph!(struct Divides = [stages::divide]);
    let listed = <Divides as Graph>::GRAPH_INFO.nodes[0];
    assert_eq!(listed.code_hash, info.code_hash);
}
