//! Diagrams: DOT and Mermaid snapshots (content, nesting, escaping), run profiles, saving,
//! and SVG parsed and rendered as a viewer would.

// `[u8; { 1 | 2 }]` below is a type with braces and a bar on purpose.
#![allow(unused_braces)]

use expect_test::{expect, Expect};
use hypernodes::callbacks::RunRecord;
use hypernodes::viz::{Diagram, Direction};
use hypernodes::{
    each, graph, node, BoxError, Chunks, Error, Graph, Interrupt, MapMode, MemoryCache, Runner,
};

#[node(output_name = "doubled")]
fn double(x: i32) -> i32 {
    x * 2
}

#[node(output_name = "answer", cache, version = "2")]
fn add_one(doubled: i32) -> i32 {
    doubled + 1
}

#[node(output_name = ("half", "odd"))]
async fn halve(doubled: i32) -> (i32, bool) {
    (doubled / 2, doubled % 2 != 0)
}

graph!(pub struct Small = [double, add_one, halve]);

// Selects `answer`: `doubled` stays internal.
graph!(pub struct Inner = [double, add_one] -> [answer]);

#[node(output_name = "x")]
fn parse(text: &str) -> Result<i32, std::num::ParseIntError> {
    text.trim().parse()
}

#[node(output_name = "report")]
fn report(answer: i32, x: i32) -> String {
    format!("{x} -> {answer}")
}

graph!(pub struct Outer = [parse, Inner, report]);

#[node(output_name = "loud")]
fn shout(report: &str) -> String {
    report.to_uppercase()
}

graph!(pub struct Deep = [Outer, shout]);

/// Types and a version with every character the formats treat specially.
#[node(output_name = "ranked", cache, version = "b\"|{<&>}")]
fn rank(text: &str, bits: [u8; { 1 | 2 }]) -> Vec<(String, usize)> {
    vec![(text.to_owned(), bits.len())]
}

graph!(pub struct Escapes = [rank]);

fn check(actual: String, expected: Expect) {
    expected.assert_eq(&actual);
}

#[test]
fn dot_of_a_small_graph() {
    check(
        Diagram::of(&Small).to_dot(),
        expect![[r#"
            digraph "Small" {
                graph [rankdir=TB, label="Small", labelloc=t, fontname="Helvetica"];
                node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
                edge [fontname="Helvetica", fontsize=10];
                in0 [shape=ellipse, style=solid, label="x: i32"];
                n0 [label="double\ndoubled: i32", style="rounded", tooltip="viz::double\ninputs: x: i32\noutputs: doubled: i32"];
                n1 [label="add_one\n[cache v2]\nanswer: i32", style="rounded", peripheries=2, tooltip="viz::add_one\ninputs: doubled: i32\noutputs: answer: i32\ncache, version 2"];
                n2 [label="halve\n[async]\nhalf: i32\nodd: bool", style="rounded,dashed", tooltip="viz::halve\ninputs: doubled: i32\noutputs: half: i32, odd: bool\nasync"];
                in0 -> n0;
                n0 -> n1 [label="doubled"];
                n0 -> n2 [label="doubled"];
            }
        "#]],
    );
}

#[test]
fn mermaid_of_a_small_graph() {
    check(
        Diagram::of(&Small)
            .direction(Direction::LeftRight)
            .to_mermaid(),
        expect![[r#"
            ---
            title: "Small"
            ---
            flowchart LR
                in0(["x: i32"])
                n0["double<br>doubled: i32"]
                n1["add_one<br>#91;cache v2#93;<br>answer: i32"]
                n2["halve<br>#91;async#93;<br>half: i32<br>odd: bool"]
                in0 --> n0
                n0 -->|"doubled"| n1
                n0 -->|"doubled"| n2
                classDef hn_cache stroke-width:3px
                class n1 hn_cache
                classDef hn_async stroke-dasharray:6 3
                class n2 hn_async
        "#]],
    );
}

#[test]
fn without_types_boxes_show_names_only() {
    let dot = Diagram::of(&Small).show_types(false).to_dot();
    assert!(dot.contains(r#"label="double\ndoubled""#), "{dot}");
    assert!(dot.contains(r#"label="x""#), "{dot}");
    let labels: Vec<&str> = dot
        .split("label=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(labels.len(), 7, "{dot}");
    assert!(labels.iter().all(|l| !l.contains(": ")), "{labels:?}");
    let mermaid = Diagram::of(&Small).show_types(false).to_mermaid();
    assert!(!mermaid.contains(": i32"), "{mermaid}");
}

#[test]
fn dot_of_a_nested_graph_collapsed() {
    check(
        Diagram::of(&Outer).to_dot(),
        expect![[r#"
        digraph "Outer" {
            graph [rankdir=TB, label="Outer", labelloc=t, fontname="Helvetica"];
            node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
            edge [fontname="Helvetica", fontsize=10];
            in0 [shape=ellipse, style=solid, label="text: &str"];
            n0 [label="parse\nx: i32", style="rounded", tooltip="viz::parse\ninputs: text: &str\noutputs: x: i32\nfallible"];
            n1 [label="Inner\n[graph]\nanswer: i32", shape=box3d, style="rounded", tooltip="viz::Inner\ninputs: x: i32\noutputs: answer: i32\ngraph"];
            n2 [label="report\nreport: String", style="rounded", tooltip="viz::report\ninputs: answer: i32, x: i32\noutputs: report: String"];
            in0 -> n0;
            n0 -> n1 [label="x"];
            n1 -> n2 [label="answer"];
            n0 -> n2 [label="x"];
        }
    "#]],
    );
}

#[test]
fn dot_of_a_nested_graph_expanded() {
    check(
        Diagram::of(&Outer).expand(1).to_dot(),
        expect![[r#"
        digraph "Outer" {
            graph [rankdir=TB, label="Outer\n» selected output", labelloc=t, fontname="Helvetica"];
            node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
            edge [fontname="Helvetica", fontsize=10];
            in0 [shape=ellipse, style=solid, label="text: &str"];
            n0 [label="parse\nx: i32", style="rounded", tooltip="viz::parse\ninputs: text: &str\noutputs: x: i32\nfallible"];
            subgraph cluster_n1 {
                label="Inner [graph]";
                tooltip="viz::Inner\ninputs: x: i32\noutputs: answer: i32\ngraph";
                style="rounded,dashed";
                n1_n0 [label="double\ndoubled: i32", style="rounded", tooltip="viz::double\ninputs: x: i32\noutputs: doubled: i32"];
                n1_n1 [label="add_one\n[cache v2]\n» answer: i32", style="rounded", peripheries=2, tooltip="viz::add_one\ninputs: doubled: i32\noutputs: answer: i32\ncache, version 2"];
            }
            n2 [label="report\nreport: String", style="rounded", tooltip="viz::report\ninputs: answer: i32, x: i32\noutputs: report: String"];
            in0 -> n0;
            n0 -> n1_n0 [label="x"];
            n1_n1 -> n2 [label="answer"];
            n0 -> n2 [label="x"];
            n1_n0 -> n1_n1 [label="doubled"];
        }
    "#]],
    );
}

#[test]
fn mermaid_of_a_nested_graph_collapsed() {
    check(
        Diagram::of(&Outer).to_mermaid(),
        expect![[r#"
            ---
            title: "Outer"
            ---
            flowchart TB
                in0(["text: #amp;str"])
                n0["parse<br>x: i32"]
                n1[["Inner<br>#91;graph#93;<br>answer: i32"]]
                n2["report<br>report: String"]
                in0 --> n0
                n0 -->|"x"| n1
                n1 -->|"answer"| n2
                n0 -->|"x"| n2
                classDef hn_graph stroke-width:2px,fill:#eef3fb
                class n1 hn_graph
        "#]],
    );
}

#[test]
fn mermaid_of_a_nested_graph_expanded() {
    check(
        Diagram::of(&Outer).expand(1).to_mermaid(),
        expect![[r#"
            ---
            title: "Outer (» selected output)"
            ---
            flowchart TB
                in0(["text: #amp;str"])
                n0["parse<br>x: i32"]
                subgraph n1 ["Inner #91;graph#93;"]
                    direction TB
                    n1_n0["double<br>doubled: i32"]
                    n1_n1["add_one<br>#91;cache v2#93;<br>» answer: i32"]
                end
                n2["report<br>report: String"]
                in0 --> n0
                n0 -->|"x"| n1_n0
                n1_n1 -->|"answer"| n2
                n0 -->|"x"| n2
                n1_n0 -->|"doubled"| n1_n1
                classDef hn_cache stroke-width:3px
                class n1_n1 hn_cache
        "#]],
    );
}

#[test]
fn expand_opens_as_many_levels_as_asked() {
    let one = Diagram::of(&Deep).expand(1).to_dot();
    assert!(one.contains("subgraph cluster_n0 {"), "{one}");
    assert!(!one.contains("subgraph cluster_n0_n1 {"), "{one}");
    assert!(one.contains("n0_n1 [label=\"Inner\\n[graph]"), "{one}");
    let two = Diagram::of(&Deep).expand(2).to_dot();
    assert!(two.contains("subgraph cluster_n0_n1 {"), "{two}");
    // Deeper than the nesting: the same as fully open.
    assert_eq!(Diagram::of(&Deep).expand(9).to_dot(), two);
    // `x` comes from `parse`, inside `Outer`, and goes into `double`, inside `Inner`.
    assert!(two.contains("n0_n0 -> n0_n1_n0 [label=\"x\"];"), "{two}");
    // `report` leaves `Outer` from the inner node that makes it.
    assert!(two.contains("n0_n2 -> n1 [label=\"report\"];"), "{two}");
    let mermaid = Diagram::of(&Deep).expand(2).to_mermaid();
    assert!(mermaid.contains("n0_n0 -->|\"x\"| n0_n1_n0"), "{mermaid}");
}

#[test]
fn dot_escapes_types_and_versions() {
    check(
        Diagram::of(&Escapes).to_dot(),
        expect![[r#"
        digraph "Escapes" {
            graph [rankdir=TB, label="Escapes", labelloc=t, fontname="Helvetica"];
            node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
            edge [fontname="Helvetica", fontsize=10];
            in0 [shape=ellipse, style=solid, label="text: &str"];
            in1 [shape=ellipse, style=solid, label="bits: [u8;{1|2}]"];
            n0 [label="rank\n[cache vb\"|{<&>}]\nranked: Vec<(String, usize)>", style="rounded", peripheries=2, tooltip="viz::rank\ninputs: text: &str, bits: [u8;{1|2}]\noutputs: ranked: Vec<(String, usize)>\ncache, version b\"|{<&>}"];
            in0 -> n0;
            in1 -> n0;
        }
    "#]],
    );
}

#[test]
fn mermaid_escapes_types_and_versions() {
    check(
        Diagram::of(&Escapes).to_mermaid(),
        expect![[r#"
            ---
            title: "Escapes"
            ---
            flowchart TB
                in0(["text: #amp;str"])
                in1(["bits: #91;u8;#123;1#124;2#125;#93;"])
                n0["rank<br>#91;cache vb#quot;#124;#123;#lt;#amp;#gt;#125;#93;<br>ranked: Vec#lt;(String, usize)#gt;"]
                in0 --> n0
                in1 --> n0
                classDef hn_cache stroke-width:3px
                class n0 hn_cache
        "#]],
    );
}

// ---------------------------------------------------------------------------------------
// Run profiles.

#[node(output_name = "checked")]
fn check_positive(answer: i32) -> Result<i32, std::io::Error> {
    if answer < 0 {
        return Err(std::io::Error::other("negative"));
    }
    Ok(answer)
}

graph!(pub struct Profiled = [double, add_one, check_positive]);

/// Two maps over three items, the second with `add_one` cached, one item failing each
/// time.
fn profiled_record() -> RunRecord {
    let record = RunRecord::new();
    let cache = MemoryCache::new();
    let runner = Runner::new().with_cache(&cache).with_callback(&record);
    for _ in 0..2 {
        let inputs = ProfiledMapInputs {
            x: each([1, 2, -5]),
        };
        let results = runner.map_results(&Profiled, inputs, MapMode::Zip).unwrap();
        assert_eq!(results.iter().filter(|r| r.is_err()).count(), 1);
    }
    record
}

#[test]
fn run_record_sums_over_map_items_and_runs() {
    let record = profiled_record();
    let info = <Profiled as Graph>::GRAPH_INFO;
    let double = record.node(info, "double").unwrap();
    assert_eq!((double.runs, double.cached, double.failed), (6, 0, 0));
    let add_one = record.node(info, "add_one").unwrap();
    assert_eq!((add_one.runs, add_one.cached, add_one.failed), (3, 3, 0));
    let check = record.node(info, "check_positive").unwrap();
    assert_eq!((check.runs, check.failed), (4, 2));
    let graph = record.graph(info).unwrap();
    assert_eq!((graph.runs, graph.failed), (6, 2));
    assert!(graph.elapsed >= double.elapsed);
    assert!(record.node(info, "nothing").is_none());
    record.clear();
    assert!(record.node(info, "double").is_none());
}

#[test]
fn profiles_are_drawn_in_every_format() {
    let record = profiled_record();
    let diagram = Diagram::of(&Profiled).with_record(&record);
    let dot = diagram.to_dot();
    // Cache hits, failures and each node's share; shares add up to 100%.
    assert!(dot.contains("cache hits 3/6"), "{dot}");
    assert!(dot.contains("failed 2×"), "{dot}");
    assert!(dot.contains(r##"color="#cc0000", penwidth=2"##), "{dot}");
    let shares: f64 = dot
        .lines()
        .filter_map(|line| line.split(" · ").nth(1))
        .map(|rest| rest.split('%').next().unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((shares - 100.0).abs() <= 2.0, "{shares}: {dot}");
    // Shaded by time: the slowest box is the darkest.
    assert!(dot.contains(r##"fillcolor="#f16913""##), "{dot}");
    let mermaid = diagram.to_mermaid();
    assert!(mermaid.contains("cache hits 3/6"), "{mermaid}");
    assert!(mermaid.contains("classDef hn_failed"), "{mermaid}");
    assert!(mermaid.contains("style n0 fill:#"), "{mermaid}");
    let svg = diagram.to_svg();
    assert!(svg.contains("cache hits 3/6"), "{svg}");
    assert!(svg.contains("#cc0000") && svg.contains("#f16913"), "{svg}");
    // A copy: recording more later does not change the diagram.
    record.clear();
    assert_eq!(diagram.to_dot(), dot);
    assert_ne!(Diagram::of(&Profiled).with_record(&record).to_dot(), dot);
}

#[test]
fn a_collapsed_graph_shows_its_total_time() {
    let record = RunRecord::new();
    Runner::new()
        .with_callback(&record)
        .run(&Outer, OuterInputs { text: "4".into() })
        .unwrap();
    let collapsed = Diagram::of(&Outer).with_record(&record).to_dot();
    let inner = record.graph(<Inner as Graph>::GRAPH_INFO).unwrap();
    assert_eq!(inner.runs, 1);
    let line = collapsed.lines().find(|l| l.contains("n1 [")).unwrap();
    assert!(line.contains(" · ") && line.contains('%'), "{line}");
    // Expanded, the inner nodes carry their own times and the cluster its total.
    let expanded = Diagram::of(&Outer).expand(1).with_record(&record).to_dot();
    let line = expanded.lines().find(|l| l.contains("n1_n0 [")).unwrap();
    assert!(line.contains(" · ") && line.contains("fillcolor"), "{line}");
    assert!(expanded.contains("label=\"Inner [graph] · "), "{expanded}");
}

#[test]
fn a_record_of_another_graph_annotates_nothing() {
    let record = profiled_record();
    assert_eq!(
        Diagram::of(&Outer).with_record(&record).to_dot(),
        Diagram::of(&Outer).to_dot()
    );
}

#[node(output_name = "said")]
fn speak(text: String, words: Chunks<'_, String>) -> String {
    for word in text.split(' ') {
        words.send(word.to_owned());
    }
    text
}

graph!(pub struct Speaker = [speak]);

#[node(output_name = "approved")]
fn approve(said: String, approval: Interrupt<'_, String, bool>) -> Result<bool, BoxError> {
    Ok(approval.ask_blocking(said)?)
}

graph!(pub struct Approval = [speak, approve]);
graph!(pub struct Wrapped = [Approval]);

#[test]
fn streaming_and_asking_nodes_are_marked() {
    for text in [
        Diagram::of(&Approval).to_dot(),
        Diagram::of(&Approval).to_mermaid(),
    ] {
        assert!(
            text.contains("[streams]") || text.contains("#91;streams#93;"),
            "{text}"
        );
        assert!(
            text.contains("[asks]") || text.contains("#91;asks#93;"),
            "{text}"
        );
    }
    let svg = Diagram::of(&Approval).to_svg();
    assert!(
        svg.contains(">[streams]</text>") && svg.contains(">[asks]</text>"),
        "{svg}"
    );
    // Only the nodes that do: `speak` streams and does not ask.
    let dot = Diagram::of(&Speaker).to_dot();
    assert!(
        dot.contains("speak\\n[streams]") && !dot.contains("[asks]"),
        "{dot}"
    );
    // A collapsed graph is marked for what its nodes do.
    let wrapped = Diagram::of(&Wrapped).to_dot();
    assert!(
        wrapped.contains("[streams]") && wrapped.contains("[asks]"),
        "{wrapped}"
    );
}

#[test]
fn a_record_counts_a_streaming_nodes_chunks() {
    let record = RunRecord::new();
    let inputs = SpeakerInputs {
        text: "a b c".into(),
    };
    Runner::new()
        .with_callback(&record)
        .run(&Speaker, inputs)
        .unwrap();
    let info = <Speaker as Graph>::GRAPH_INFO;
    assert_eq!(record.node(info, "speak").unwrap().chunks, 3);
}

// ---------------------------------------------------------------------------------------
// Saving.

#[test]
fn save_picks_the_format_from_the_extension() {
    let dir = std::env::temp_dir().join(format!("hn-viz-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let diagram = Diagram::of(&Outer).expand(1);
    for (name, text) in [
        ("g.dot", diagram.to_dot()),
        ("g.mmd", diagram.to_mermaid()),
        ("g.svg", diagram.to_svg()),
    ] {
        let path = dir.join(name);
        diagram.save(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{name}");
    }
    diagram.save(dir.join("G.GV")).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("G.GV")).unwrap(),
        diagram.to_dot()
    );
    let error = diagram.save(dir.join("g.png")).unwrap_err();
    assert!(matches!(error, Error::DiagramFormat { .. }), "{error:?}");
    assert!(
        error.to_string().contains("`.dot`, `.mmd` or `.svg`"),
        "{error}"
    );
    assert!(diagram.save(dir.join("no_extension")).is_err());
    let error = diagram.save(dir.join("missing/dir/g.dot")).unwrap_err();
    assert!(matches!(error, Error::DiagramWrite { .. }), "{error:?}");
    assert!(error.to_string().contains("missing/dir/g.dot"), "{error}");
    assert_eq!(error.node(), None);
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------
// SVG, parsed and rendered with resvg.

use resvg::usvg;

fn parse_svg(svg: &str) -> usvg::Tree {
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    assert!(
        !options.fontdb.is_empty(),
        "no system fonts for usvg to lay out text with: install some (Debian: fonts-dejavu-core)"
    );
    usvg::Tree::from_str(svg, &options).expect("valid SVG")
}

fn texts(group: &usvg::Group, out: &mut Vec<String>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(group) => texts(group, out),
            usvg::Node::Text(text) => {
                out.push(text.chunks().iter().map(|c| c.text()).collect());
            }
            _ => {}
        }
    }
}

/// How many pixels are not white once rendered.
fn inked_pixels(tree: &usvg::Tree) -> usize {
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .pixels()
        .iter()
        .filter(|p| (p.red(), p.green(), p.blue()) != (255, 255, 255) && p.alpha() > 0)
        .count()
}

/// Every node's name is drawn, every box has a tooltip, the picture is not blank, it
/// loads nothing from outside, and no two boxes (with their text) overlap.
fn check_svg(svg: &str, boxes: &[(&str, &str)]) {
    let tree = parse_svg(svg);
    let mut all = Vec::new();
    texts(tree.root(), &mut all);
    for (id, name) in boxes {
        assert!(all.iter().any(|t| t == name), "{name} not in {all:?}");
        assert!(svg.contains(&format!("<g id=\"{id}\"")), "{id}");
    }
    assert_eq!(
        svg.matches("<title>").count(),
        1 + svg.matches("<g id=").count(),
        "one tooltip per box"
    );
    for outside in ["<image", "<script", "@font-face", "@import", "href=\"http"] {
        assert!(!svg.contains(outside), "{outside}");
    }
    let inked = inked_pixels(&tree);
    assert!(inked > 400, "only {inked} pixels drawn");
    let rects: Vec<(&str, usvg::Rect)> = boxes
        .iter()
        .filter_map(|(id, _)| Some((*id, tree.node_by_id(id)?.abs_bounding_box())))
        .collect();
    assert_eq!(rects.len(), boxes.len(), "every box found by id");
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            let nested = b.starts_with(&format!("{a}_")) || a.starts_with(&format!("{b}_"));
            let apart = ra.right() <= rb.left()
                || rb.right() <= ra.left()
                || ra.bottom() <= rb.top()
                || rb.bottom() <= ra.top();
            assert!(nested || apart, "{a} {ra:?} overlaps {b} {rb:?}");
        }
    }
}

#[test]
fn svg_of_a_small_graph_renders_every_node() {
    let svg = Diagram::of(&Small).to_svg();
    check_svg(
        &svg,
        &[
            ("in0", "x: i32"),
            ("n0", "double"),
            ("n1", "add_one"),
            ("n2", "halve"),
        ],
    );
    assert!(svg.contains("<title>viz::add_one\ninputs: doubled: i32\noutputs: answer: i32\ncache, version 2</title>"), "{svg}");
    let wide = Diagram::of(&Small).direction(Direction::LeftRight).to_svg();
    check_svg(
        &wide,
        &[("n0", "double"), ("n1", "add_one"), ("n2", "halve")],
    );
    let size = |svg: &str| parse_svg(svg).size();
    assert!(size(&wide).width() > size(&wide).height());
    assert!(size(&svg).height() > size(&svg).width());
}

#[test]
fn svg_of_a_nested_graph_draws_clusters() {
    let collapsed = Diagram::of(&Deep).to_svg();
    check_svg(&collapsed, &[("n0", "Outer"), ("n1", "shout")]);
    let expanded = Diagram::of(&Deep).expand(2).to_svg();
    check_svg(
        &expanded,
        &[
            ("n0", "Outer [graph]"),
            ("n0_n0", "parse"),
            ("n0_n1", "Inner [graph]"),
            ("n0_n1_n0", "double"),
            ("n0_n1_n1", "add_one"),
            ("n0_n2", "report"),
            ("n1", "shout"),
        ],
    );
    // Inner nodes sit inside their cluster.
    let tree = parse_svg(&expanded);
    let bbox = |id: &str| tree.node_by_id(id).unwrap().abs_bounding_box();
    let (outer, inner) = (bbox("n0"), bbox("n0_n1_n0"));
    assert!(outer.left() <= inner.left() && inner.right() <= outer.right());
    assert!(outer.top() <= inner.top() && inner.bottom() <= outer.bottom());
}

#[test]
fn svg_escapes_types() {
    let svg = Diagram::of(&Escapes).to_svg();
    check_svg(&svg, &[("n0", "rank")]);
    let tree = parse_svg(&svg);
    let mut all = Vec::new();
    texts(tree.root(), &mut all);
    assert!(
        all.iter().any(|t| t == "ranked: Vec<(String, usize)>"),
        "{all:?}"
    );
    assert!(all.iter().any(|t| t == "[cache vb\"|{<&>}]"), "{all:?}");
}

#[node(output_name = "seed")]
fn seed() -> u64 {
    42
}

graph!(pub struct Lone = [seed]);

#[test]
fn svg_of_a_graph_without_edges() {
    let svg = Diagram::of(&Lone).to_svg();
    check_svg(&svg, &[("n0", "seed")]);
}

#[test]
fn every_format_is_deterministic() {
    for diagram in [
        Diagram::of(&Deep).expand(2),
        Diagram::of(&Small).show_types(false),
    ] {
        assert_eq!(diagram.to_dot(), diagram.clone().to_dot());
        assert_eq!(diagram.to_mermaid(), diagram.clone().to_mermaid());
        assert_eq!(diagram.to_svg(), diagram.clone().to_svg());
    }
}

/// HashMap seeds differ between processes: a child process draws the same bytes.
#[test]
fn svg_is_identical_across_processes() {
    let diagram = Diagram::of(&Deep).expand(2).direction(Direction::LeftRight);
    if std::env::var_os("HN_VIZ_CHILD").is_some() {
        println!("<<<{}>>>", diagram.to_svg());
        return;
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "svg_is_identical_across_processes",
            "--exact",
            "--nocapture",
        ])
        .env("HN_VIZ_CHILD", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let start = stdout.find("<<<").expect("the child printed its SVG") + 3;
    let end = stdout.rfind(">>>").unwrap();
    assert_eq!(&stdout[start..end], diagram.to_svg());
}

// The main example's reduce graph (examples/src/bin/wordcount.rs), for readability.
mod corpus {
    use hypernodes::{graph, node};
    use std::collections::BTreeMap;
    use std::path::Path;

    pub type Frequencies = BTreeMap<String, usize>;

    #[node(output_name = "frequencies")]
    fn merge_counts(document_frequencies: &[Frequencies]) -> Frequencies {
        document_frequencies
            .iter()
            .flatten()
            .map(|(w, c)| (w.clone(), *c))
            .collect()
    }

    #[node(output_name = "top")]
    fn top_words(frequencies: &Frequencies, top_n: usize) -> Vec<(String, usize)> {
        frequencies
            .iter()
            .take(top_n)
            .map(|(w, c)| (w.clone(), *c))
            .collect()
    }

    #[node(output_name = ("total_words", "distinct_words"))]
    fn word_totals(frequencies: &Frequencies) -> (usize, usize) {
        (frequencies.values().sum(), frequencies.len())
    }

    #[node(output_name = "average_length")]
    fn average_length(frequencies: &Frequencies) -> f64 {
        frequencies.len() as f64
    }

    #[node(output_name = "report")]
    #[allow(clippy::too_many_arguments)]
    fn format_report(
        data_dir: &Path,
        document_names: &[String],
        document_frequencies: &[Frequencies],
        document_growth: &[Vec<(usize, f64)>],
        total_words: usize,
        distinct_words: usize,
        average_length: f64,
        top: &[(String, usize)],
    ) -> String {
        format!(
            "{data_dir:?}{document_names:?}{document_frequencies:?}{document_growth:?}{total_words}{distinct_words}{average_length}{top:?}"
        )
    }

    graph!(pub struct Corpus = [merge_counts, top_words, word_totals, average_length, format_report]
        -> [report, top, total_words, distinct_words]);
}

#[test]
fn svg_of_the_main_example_is_readable() {
    let svg = Diagram::of(&corpus::Corpus).to_svg();
    let boxes = [
        ("in0", "document_frequencies: &[Frequencies]"),
        ("in1", "top_n: usize"),
        ("in2", "data_dir: &Path"),
        ("in3", "document_names: &[String]"),
        ("in4", "document_growth: &[Vec<(usize, f64)>]"),
        ("n0", "merge_counts"),
        ("n1", "top_words"),
        ("n2", "word_totals"),
        ("n3", "average_length"),
        ("n4", "format_report"),
    ];
    check_svg(&svg, &boxes);
    // An edge per wired value, even where two values join the same two nodes.
    let dot = Diagram::of(&corpus::Corpus).to_dot();
    assert_eq!(
        svg.matches(r#"marker-end="url(#arrow)""#).count(),
        dot.matches(" -> ").count()
    );
    assert!(svg.contains(">total_words</text>") && svg.contains(">distinct_words</text>"));
    // Each box's text stays inside its box.
    let tree = parse_svg(&svg);
    for (id, _) in boxes {
        let usvg::Node::Group(group) = tree.node_by_id(id).unwrap() else {
            panic!("{id} is not a group");
        };
        let shape = group.children().iter().find_map(|n| match n {
            usvg::Node::Path(path) => Some(path.abs_bounding_box()),
            _ => None,
        });
        let shape = shape.unwrap();
        for node in group.children() {
            if let usvg::Node::Text(text) = node {
                let t = text.abs_bounding_box();
                assert!(
                    shape.left() <= t.left() && t.right() <= shape.right(),
                    "{id}: text {t:?} spills out of {shape:?}"
                );
            }
        }
    }
}
