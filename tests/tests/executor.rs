//! The executor contract is the whole interface between generated schedules and runners:
//! a third runner implements `Executor` outside the crate, with no change to the macro,
//! and gets every decision (nesting, caching, keeping outputs) handed to it.

use hypernodes::__private::{Channel, Codec, Executor, Failure, NodeResult};
use hypernodes::{graph, node, CacheKey, Error, Graph, KeyError, NodeInfo};

#[node(output_name = "doubled")]
fn double(x: u32) -> u32 {
    x * 2
}

graph!(struct Inner = [double]);

#[node(output_name = ("answer", "unused"), cache)]
fn add_one(doubled: u32) -> (u32, String) {
    (doubled + 1, "dropped in keep".into())
}

graph!(struct Outer = [Inner, add_one] -> [answer]);

/// A runner of its own: records each step it is asked to run, caches nothing.
#[derive(Default)]
struct Recording {
    steps: Vec<String>,
}

impl Executor for Recording {
    fn node<T, R>(
        &mut self,
        node: &'static NodeInfo,
        call: impl FnOnce(&Self) -> NodeResult<T>,
        keep: impl FnOnce(T) -> R,
    ) -> Result<R, Error> {
        self.steps.push(format!("node {}", node.name));
        call(self).map(keep).map_err(|Failure(source)| Error::Node {
            node: node.name,
            graph: "?",
            source,
        })
    }

    fn cache_key(
        &mut self,
        node: &'static NodeInfo,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<CacheKey> {
        self.steps.push(format!("key {}", node.name));
        key().ok()
    }

    fn cached_node<T, R>(
        &mut self,
        node: &'static NodeInfo,
        key: Option<CacheKey>,
        _: &Codec<T>,
        call: impl FnOnce(&Self) -> NodeResult<T>,
        keep: impl FnOnce(T) -> R,
    ) -> Result<R, Error> {
        self.steps
            .push(format!("cached {} (key: {})", node.name, key.is_some()));
        self.node(node, call, keep)
    }

    fn graph<G: Graph, R>(
        &mut self,
        position: usize,
        graph: &G,
        inputs: G::Inputs,
        keep: impl FnOnce(G::Outputs) -> R,
    ) -> Result<R, Error> {
        self.steps
            .push(format!("graph {} at {position}", G::GRAPH_INFO.name));
        graph.__run(self, G::__item(inputs)).map(keep)
    }

    fn channel(&self, _: &'static NodeInfo, _: usize) -> Channel<'_> {
        unreachable!("no node of these graphs streams or asks")
    }
}

#[test]
fn a_third_runner_implements_the_executor_contract_alone() {
    let mut runner = Recording::default();
    let out = Outer
        .__run(&mut runner, Outer::__item(OuterInputs { x: 4 }))
        .unwrap();
    assert_eq!(out.answer, 9);
    assert_eq!(
        runner.steps,
        [
            "graph Inner at 0",
            "node double",
            "key add_one",
            "cached add_one (key: true)",
            "node add_one",
        ]
    );
}
