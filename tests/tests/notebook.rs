//! `#[graph_of]` in a real evcxr session: a graph declared alone in a cell is usable from
//! later cells, and a node redefined in a later cell is used by the next run.
//!
//! Needs the `evcxr` REPL (`cargo install --locked evcxr_repl`), so it is not part of the
//! default suite: run it with `cargo test -p hypernodes-tests --test notebook -- --ignored`.
//! (evcxr's first start also installs the toolchain's `rust-src` component, which makes
//! rustc quote std's source in some compile errors: the ui-tests' `.stderr` files are
//! written without it.)

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
#[ignore = "needs evcxr: cargo install --locked evcxr_repl"]
fn a_graph_of_graph_lives_across_evcxr_cells() {
    let Ok(mut child) = Command::new("evcxr")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        panic!("no `evcxr` on PATH: cargo install --locked evcxr_repl");
    };
    let library = Path::new(env!("CARGO_MANIFEST_DIR")).join("../hypernodes");
    let library = library.canonicalize().expect("the library crate exists");
    let script = include_str!("../notebooks/cells.evcxr")
        .replace("HYPERNODES_PATH", &library.display().to_string());
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(script.as_bytes())
        .expect("evcxr reads its cells");
    let output = child
        .wait_with_output()
        .expect("evcxr ends at end of input");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let answers: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("answer="))
        .collect();
    assert_eq!(
        answers,
        ["11", "16"],
        "evcxr printed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
