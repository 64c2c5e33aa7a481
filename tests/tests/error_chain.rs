//! Errors follow the Rust convention: `Display` says what failed at its own level, and
//! the cause comes from `source()`, so a report walking the chain (anyhow, eyre, a log
//! line) prints every message once.

use futures::StreamExt;
use hypernodes::{
    each, graph, node, AsyncRunner, BoxError, DiskCache, Error, Event, Interrupt, MapMode, Runner,
};

#[derive(Debug, thiserror::Error)]
#[error("{0} is odd")]
struct Odd(u32);

#[node(output_name = "half")]
fn halve(x: u32) -> Result<u32, Odd> {
    if x.is_multiple_of(2) {
        Ok(x / 2)
    } else {
        Err(Odd(x))
    }
}

graph!(struct Halve = [halve]);

/// Each message of the chain, outermost first, as anyhow's `{:#}` walks it.
fn chain(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut messages = vec![error.to_string()];
    let mut cause = error.source();
    while let Some(next) = cause {
        messages.push(next.to_string());
        cause = next.source();
    }
    messages
}

/// Whether some message of the chain repeats the text of one below it.
fn repeats(messages: &[String]) -> bool {
    messages.iter().enumerate().any(|(at, outer)| {
        messages[at + 1..]
            .iter()
            .any(|inner| outer.contains(inner.as_str()))
    })
}

#[test]
fn a_node_error_says_which_node_and_leaves_the_cause_to_its_source() {
    let error = Runner::new().run(&Halve, HalveInputs { x: 3 }).unwrap_err();
    let messages = chain(&error);
    assert_eq!(
        messages,
        ["node `halve` in graph `Halve` failed", "3 is odd"]
    );
    assert!(!repeats(&messages), "{messages:?}");
    assert_eq!(
        error.report().to_string(),
        "node `halve` in graph `Halve` failed: 3 is odd"
    );
}

#[test]
fn a_failed_map_item_is_one_level_of_the_chain() {
    let error = Runner::new()
        .map(&Halve, HalveMapInputs { x: each([2, 5]) }, MapMode::Zip)
        .unwrap_err();
    let messages = chain(&error);
    assert_eq!(
        messages,
        [
            "item 1 of the map failed",
            "node `halve` in graph `Halve` failed",
            "5 is odd"
        ]
    );
    assert_eq!(
        error.report().to_string(),
        "item 1 of the map failed: node `halve` in graph `Halve` failed: 5 is odd"
    );
}

#[test]
fn a_refused_cache_directory_gives_the_fix_above_and_the_reason_below() {
    let path = std::env::temp_dir().join(format!("hn-error-chain-{}", std::process::id()));
    std::fs::write(&path, b"a file").unwrap();
    let error = DiskCache::new(&path).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    let messages = chain(&error);
    assert_eq!(
        messages,
        [
            format!("cannot use cache directory {}", path.display()),
            "the path exists and is not a directory".to_owned()
        ]
    );
}

#[test]
fn the_iter_event_of_a_failed_node_keeps_the_whole_chain() {
    let runner = AsyncRunner::new();
    let events: Vec<_> =
        futures::executor::block_on(runner.iter(&Halve, HalveInputs { x: 7 }).collect());
    let message = events.iter().find_map(|event| match event {
        Event::NodeFailed { message, .. } => Some(message.as_str()),
        _ => None,
    });
    assert_eq!(
        message,
        Some("node `halve` in graph `Halve` failed: 7 is odd")
    );
}

#[node(output_name = "labels")]
fn label(text: String, ask: Interrupt<'_, String, Vec<String>>) -> Result<Vec<String>, BoxError> {
    Ok(ask.ask_blocking(text)?)
}

graph!(struct Label = [label]);

#[test]
fn answer_types_are_named_as_written() {
    let error = Runner::new()
        .run(&Label, LabelInputs { text: "a".into() })
        .unwrap_err();
    let question = error.question().unwrap();
    assert_eq!(question.answer_type(), "Vec<String>");
    assert!(
        error.to_string().contains("(answer type `Vec<String>`)"),
        "{error}"
    );
    let wrong = question.answer(1_u8).unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "node `label` expects an answer of type `Vec<String>`, not `u8`"
    );
    let wrong = question.answer("x".to_owned()).unwrap_err();
    assert!(
        matches!(&wrong, Error::AnswerType { found, .. } if found == "String"),
        "{wrong:?}"
    );
}

#[test]
fn no_error_with_a_source_repeats_it() {
    let dir = std::env::temp_dir().join(format!("hn-error-chain-missing-{}", std::process::id()));
    let diagram = hypernodes::viz::Diagram::of(&Halve);
    let write = diagram.save(dir.join("g.dot")).unwrap_err();
    assert!(matches!(write, Error::DiagramWrite { .. }), "{write:?}");
    let cache_directory = hypernodes::CacheError::Directory {
        path: dir.clone(),
        source: hypernodes::DirectoryProblem::Symlink,
    };
    let cache_io = hypernodes::CacheError::Io {
        path: dir,
        source: std::io::Error::other("disk full"),
    };
    let node = Runner::new().run(&Halve, HalveInputs { x: 1 }).unwrap_err();
    let item = Runner::new()
        .map(&Halve, HalveMapInputs { x: each([1]) }, MapMode::Zip)
        .unwrap_err();
    let errors: [&(dyn std::error::Error + 'static); 5] =
        [&write, &cache_directory, &cache_io, &node, &item];
    for error in errors {
        let messages = chain(error);
        assert!(messages.len() > 1, "{messages:?}");
        assert!(!repeats(&messages), "{messages:?}");
    }
}
