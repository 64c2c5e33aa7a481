//! Keyword names (`output_name = "type"`) give raw fields (`r#type`) and wire to raw
//! parameters, with caching and an async node, with no warning.
#![deny(warnings)]

use hypernodes::{graph, node, AsyncRunner, MemoryCache, Runner};

#[node(output_name = "type", cache)]
fn classify(x: i32) -> String {
    if x < 0 { "negative" } else { "other" }.to_owned()
}

#[node(output_name = "final")]
async fn finish(r#type: &str, x: i32) -> String {
    format!("{}:{x}", r#type)
}

graph!(struct Keywords = [classify, finish] -> [r#type, r#final]);

fn main() {
    let runner = Runner::new().with_cache(MemoryCache::new());
    let outputs = runner.run(&Keywords, KeywordsInputs { x: -1 }).unwrap();
    assert_eq!((outputs.r#type.as_str(), outputs.r#final.as_str()), ("negative", "negative:-1"));
    let async_runner = AsyncRunner::new();
    let _compiles = async_runner.run(&Keywords, KeywordsInputs { x: 1 });
}
