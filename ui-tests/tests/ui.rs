//! Compile-fail cases (one mistake per file, with the expected message beside it in a
//! `.stderr`) and compile-pass cases. Regenerate the messages with
//! `TRYBUILD=overwrite cargo test -p hypernodes-ui-tests` and read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
