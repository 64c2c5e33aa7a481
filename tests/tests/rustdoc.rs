//! What a user reads on docs.rs: `cargo doc` on a small crate of graphs
//! (`tests/doc-fixture`), then its pages. A generated field is typed through a node's
//! hidden alias (`__hn_in_0`), so its doc line must say the real type, and the graph's own
//! page must explain the pipeline: nodes in order, inputs, outputs, nested graphs, diagram.
//!
//! The build runs with `RUSTDOCFLAGS=-D warnings`, under a time limit.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A cold build checks the library's dependencies once; a warm one takes seconds.
const LIMIT: Duration = Duration::from_secs(600);

/// The fixture's documentation directory, built once for all tests of this file.
fn docs() -> &'static PathBuf {
    static DOCS: OnceLock<PathBuf> = OnceLock::new();
    DOCS.get_or_init(|| {
        let cargo = env!("CARGO");
        let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut child = Command::new(cargo)
            .args([
                "doc",
                "--quiet",
                "--no-deps",
                "-p",
                "hypernodes-doc-fixture",
            ])
            .current_dir(&workspace)
            .env("RUSTDOCFLAGS", "-D warnings")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cargo runs");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("cargo can be waited for") {
                break status;
            }
            if started.elapsed() > LIMIT {
                let _ = child.kill();
                panic!("`cargo doc` on the fixture took over {LIMIT:?}");
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(
            status.success(),
            "`cargo doc` on the fixture failed:\n{stderr}"
        );
        target_directory(cargo, &workspace).join("doc/hypernodes_doc_fixture")
    })
}

fn target_directory(cargo: &str, workspace: &PathBuf) -> PathBuf {
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(workspace)
        .output()
        .expect("cargo metadata runs");
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    PathBuf::from(metadata["target_directory"].as_str().unwrap())
}

/// A page's HTML with its character references decoded, so that types read as written.
fn page(name: &str) -> String {
    let path = docs().join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[track_caller]
fn assert_has(page_name: &str, page: &str, expected: &str) {
    assert!(
        page.contains(expected),
        "{page_name} does not contain {expected:?}"
    );
}

#[test]
fn input_and_output_fields_say_their_types_as_written() {
    let inputs = page("struct.TextInputs.html");
    for line in [
        // `split` borrows `&str`: the field holds the owned `String`.
        "<code>text: String</code>, fed to node <code>split</code>",
        "<code>scale: u64</code>, fed to node <code>total</code>",
    ] {
        assert_has("TextInputs", &inputs, line);
    }
    let outputs = page("struct.TextOutputs.html");
    for line in [
        "<code>lines: Vec<String></code>, produced by node <code>split</code>",
        // The mapped graph's output, gathered per item.
        "<code>counts: Vec<usize></code>, produced by node <code>Line</code>",
        "<code>total: u64</code>, produced by node <code>total</code>",
    ] {
        assert_has("TextOutputs", &outputs, line);
    }
    // A type of the user's own, by the path written in the node.
    let line_outputs = page("struct.LineOutputs.html");
    assert_has(
        "LineOutputs",
        &line_outputs,
        "<code>record: model::Record</code>, produced by node <code>parse</code>",
    );
    let map_inputs = page("struct.TextMapInputs.html");
    assert_has(
        "TextMapInputs",
        &map_inputs,
        // Every node borrows `text`, so one value may be `shared` by every item.
        "<code>text: Over<String, Lent></code>",
    );
}

#[test]
fn chunk_variants_say_their_types_as_written() {
    let chunk = page("enum.LineChunk.html");
    assert_has(
        "LineChunk",
        &chunk,
        "A <code>String</code> streamed by node <code>count</code>",
    );
    let outer = page("enum.TextChunk.html");
    assert_has(
        "TextChunk",
        &outer,
        "A chunk streamed inside graph <code>Line</code>, a <code>LineChunk</code>",
    );
}

#[test]
fn a_graph_page_lists_its_nodes_in_order_its_inputs_outputs_and_nested_graphs() {
    let text = page("struct.Text.html");
    // The user's doc comment comes first.
    assert_has("Text", &text, "A whole text: every line through");
    let nodes = [
        "<code>split(text: &str) -> lines: Vec<String></code>",
        "<code>Line(lines: Vec<String>) -> counts: Vec<usize></code>: a nested graph, runs once per item of <code>lines</code>",
        "<code>total(counts: &[usize], scale: u64) -> total: u64</code>",
    ];
    let positions: Vec<usize> = nodes
        .iter()
        .map(|node| {
            text.find(node)
                .unwrap_or_else(|| panic!("Text does not list {node:?}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "nodes out of schedule order: {positions:?}"
    );
    for line in [
        "<code>text: String</code>, fed to node <code>split</code>",
        "<code>counts: Vec<usize></code>, from node <code>Line</code>",
        "<code>Line</code>: see its own page",
        "flowchart TB",
        "n0 -->|\"lines\"| n1",
    ] {
        assert_has("Text", &text, line);
    }
    let line = page("struct.Line.html");
    assert_has(
        "Line",
        &line,
        "<code>count(record: &model::Record) -> count: usize</code>: streams <code>String</code>",
    );
}
