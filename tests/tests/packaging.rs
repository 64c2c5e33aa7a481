//! What crates.io and docs.rs read from the manifests, as `cargo metadata` reports it:
//! the published crates carry their metadata, pin each other exactly and document every
//! feature; the others are never published. (`cargo package --workspace`, in `.ci/run`,
//! checks that each package builds alone.)

use serde_json::Value;
use std::process::Command;

fn packages() -> Vec<Value> {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "{output:?}");
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    metadata["packages"].as_array().unwrap().clone()
}

fn package<'a>(packages: &'a [Value], name: &str) -> &'a Value {
    packages
        .iter()
        .find(|package| package["name"] == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

const PUBLISHED: [&str; 2] = ["hypernodes", "hypernodes-macros"];

#[test]
fn published_crates_carry_what_crates_io_and_docs_rs_read() {
    let packages = packages();
    for name in PUBLISHED {
        let package = package(&packages, name);
        for field in [
            "description",
            "license",
            "repository",
            "readme",
            "rust_version",
        ] {
            assert!(
                package[field].as_str().is_some_and(|v| !v.is_empty()),
                "{name} has no {field}"
            );
        }
        for field in ["keywords", "categories"] {
            let list = package[field].as_array().unwrap();
            assert!(
                (1..=5).contains(&list.len()),
                "{name}: {field} must hold 1 to 5 entries"
            );
        }
        assert_eq!(
            package["metadata"]["docs"]["rs"]["all-features"], true,
            "{name}: docs.rs builds every feature"
        );
        assert!(package["publish"].is_null(), "{name} is publishable");
    }
}

#[test]
fn the_runtime_pins_the_macros_to_their_exact_version() {
    let packages = packages();
    let runtime = package(&packages, "hypernodes");
    let macros = package(&packages, "hypernodes-macros");
    let dependency = runtime["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "hypernodes-macros")
        .expect("hypernodes depends on its macros");
    let version = macros["version"].as_str().unwrap();
    assert_eq!(dependency["req"], format!("={version}"));
}

#[test]
fn other_crates_are_never_published() {
    for package in packages() {
        let name = package["name"].as_str().unwrap();
        if !PUBLISHED.contains(&name) {
            assert_eq!(package["publish"], serde_json::json!([]), "{name}");
        }
    }
}

#[test]
fn the_front_page_lists_every_feature() {
    let packages = packages();
    let runtime = package(&packages, "hypernodes");
    let docs = include_str!("../../hypernodes/src/lib.rs");
    let features = runtime["features"].as_object().unwrap();
    for feature in features.keys().filter(|f| *f != "default") {
        assert!(
            docs.contains(&format!("//! | `{feature}` |")),
            "the feature table in hypernodes/src/lib.rs has no row for `{feature}`"
        );
    }
}
