use hypernodes::{graph, node, Runner};

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
    let out = Runner::new().run(&Pipeline, PipelineInputs { x: 5 }).unwrap();
    assert_eq!((out.doubled, out.answer), (10, 11));
}

mod cross {
    use hypernodes::Runner;
    use hypernodes_tests::graphs::WordCount;
    hypernodes::graph!(pub struct Uses = [hypernodes_tests::stages::tokenize, hypernodes_tests::stages::count_words]);
    hypernodes::graph!(pub struct Nested = [WordCount]);

    #[test]
    fn cross_crate() {
        let out = Runner::new().run(&Uses, UsesInputs { text: "a b C".into() }).unwrap();
        assert_eq!(out.count, 3);
        assert_eq!(out.words, vec!["a", "b", "c"]);
        let out = Runner::new().run(&Nested, NestedInputs { text: "a b C d".into() }).unwrap();
        assert_eq!(out.count, 4);
    }
}
