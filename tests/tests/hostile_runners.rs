//! Runners under hostile or unusual input: answers offered to the wrong question, maps
//! too large to count, absurd parallelism, deep recursion in map workers, and progress
//! bars that must cost nothing when they draw nothing.

use hypernodes::callbacks::{Callback, GraphContext, NodeContext, ProgressCallback};
use hypernodes::{
    each, graph, node, Answer, AsyncRunner, BoxError, Error, Interrupt, MapMode, Runner,
};
use indicatif::{InMemoryTerm, ProgressDrawTarget};

// --- An answer answers only its own question ----------------------------------------------

#[node(output_name = "published")]
fn publish(draft: String, approval: Interrupt<'_, String, bool>) -> Result<bool, BoxError> {
    Ok(approval.ask_blocking(format!("publish {draft}?"))?)
}

#[node(output_name = "wiped")]
fn delete_everything(
    target: String,
    approval: Interrupt<'_, String, bool>,
) -> Result<bool, BoxError> {
    Ok(approval.ask_blocking(format!("delete all of {target}?"))?)
}

graph!(struct Publish = [publish]);
graph!(struct Wipe = [delete_everything]);

// The same two, one level down: the questions are at path [0, 0] in both.
graph!(struct Release = [Publish]);
graph!(struct Cleanup = [Wipe]);
// The same inner graph under another root: same node, same path, another run.
graph!(struct Hotfix = [Publish]);

/// Two graphs with the same name and the same node, told apart by module path only.
mod staging {
    hypernodes::graph!(pub struct Ship = [super::publish]);
}
mod production {
    hypernodes::graph!(pub struct Ship = [super::publish]);
}

fn publish_inputs() -> PublishInputs {
    PublishInputs {
        draft: "notes".into(),
    }
}

fn wipe_inputs() -> WipeInputs {
    WipeInputs {
        target: "prod".into(),
    }
}

/// The answer `true` to the question a run of `run` stops with.
fn approve(error: Error) -> Answer {
    let question = error.question().expect("the run stops with a question");
    question.answer(true).unwrap()
}

fn asked_by(error: &Error) -> &'static str {
    assert!(
        matches!(error, Error::Interrupted { .. } | Error::MapItem { .. }),
        "{error:?}"
    );
    error.question().expect("stopped by a question").node().name
}

#[test]
fn an_approval_for_publish_never_approves_delete_everything() {
    let approval = approve(Runner::new().run(&Publish, publish_inputs()).unwrap_err());
    let runner = Runner::new().with_answer(approval);

    let error = runner.run(&Wipe, wipe_inputs()).unwrap_err();
    assert!(matches!(error, Error::Interrupted { .. }), "{error:?}");
    assert_eq!(asked_by(&error), "delete_everything");

    // It still answers the question it was given for.
    assert!(runner.run(&Publish, publish_inputs()).unwrap().published);
}

#[test]
fn the_async_runner_matches_answers_the_same_way() {
    let approval = approve(Runner::new().run(&Publish, publish_inputs()).unwrap_err());
    let runner = AsyncRunner::new().with_answer(approval);
    let error = futures::executor::block_on(runner.run(&Wipe, wipe_inputs())).unwrap_err();
    assert_eq!(asked_by(&error), "delete_everything");
    let out = futures::executor::block_on(runner.run(&Publish, publish_inputs())).unwrap();
    assert!(out.published);
}

#[test]
fn an_answer_from_a_nested_graph_answers_only_under_the_same_root() {
    let release = || ReleaseInputs {
        draft: "notes".into(),
    };
    let error = Runner::new().run(&Release, release()).unwrap_err();
    let question = error.question().unwrap();
    assert_eq!(question.graph().name, "Publish");
    assert_eq!(question.root_graph().name, "Release");
    let runner = Runner::new().with_answer(approve(error));

    // Same path ([0, 0]) and types, another node: not answered.
    let error = runner
        .run(
            &Cleanup,
            CleanupInputs {
                target: "prod".into(),
            },
        )
        .unwrap_err();
    assert_eq!(asked_by(&error), "delete_everything");
    // Same inner graph, node and path, but another root graph: not answered.
    let error = runner
        .run(
            &Hotfix,
            HotfixInputs {
                draft: "notes".into(),
            },
        )
        .unwrap_err();
    assert_eq!(asked_by(&error), "publish");
    // Nor the inner graph run on its own (the node is at path [0] there).
    assert_eq!(
        asked_by(&runner.run(&Publish, publish_inputs()).unwrap_err()),
        "publish"
    );

    assert!(runner.run(&Release, release()).unwrap().published);
}

#[test]
fn graphs_of_the_same_name_in_other_modules_are_other_graphs() {
    let ship = || staging::ShipInputs {
        draft: "notes".into(),
    };
    let error = Runner::new().run(&staging::Ship, ship()).unwrap_err();
    let runner = Runner::new().with_answer(approve(error));
    let error = runner
        .run(
            &production::Ship,
            production::ShipInputs {
                draft: "notes".into(),
            },
        )
        .unwrap_err();
    assert_eq!(asked_by(&error), "publish");
    assert!(runner.run(&staging::Ship, ship()).unwrap().published);
}

#[test]
fn in_a_map_an_answer_answers_only_the_mapped_graph_it_came_from() {
    let drafts = || each(["a".to_owned(), "b".to_owned()]);
    let error = Runner::new()
        .map(&Publish, PublishMapInputs { draft: drafts() }, MapMode::Zip)
        .unwrap_err();
    let runner = Runner::new().with_answer(approve(error));

    let error = runner
        .map(
            &Wipe,
            WipeMapInputs {
                target: each(["x".to_owned(), "y".to_owned()]),
            },
            MapMode::Zip,
        )
        .unwrap_err();
    assert!(
        matches!(error, Error::MapItem { index: 0, .. }),
        "{error:?}"
    );
    assert_eq!(asked_by(&error), "delete_everything");

    let outs = runner
        .map(&Publish, PublishMapInputs { draft: drafts() }, MapMode::Zip)
        .unwrap();
    assert!(outs.iter().all(|out| out.published));
}

// --- Maps too large to count ----------------------------------------------------------------

#[node(output_name = "cell")]
fn cell(a: (), b: (), c: ()) -> u8 {
    let _ = (a, b, c);
    1
}

graph!(struct Cube = [cell]);

#[cfg(target_pointer_width = "64")]
#[test]
fn a_product_past_usize_is_a_typed_error_not_a_panic_or_an_empty_map() {
    const SIDE: usize = 1 << 22; // 2^66 combinations
    let side = || each(std::iter::repeat_n((), SIDE));
    let inputs = CubeMapInputs {
        a: side(),
        b: side(),
        c: side(),
    };
    let error = Runner::new()
        .map(&Cube, inputs, MapMode::Product)
        .unwrap_err();
    match &error {
        Error::MapTooLarge { fields } => {
            assert_eq!(*fields, [("a", SIDE), ("b", SIDE), ("c", SIDE)]);
        }
        other => panic!("expected MapTooLarge, got {other:?}"),
    }
    assert!(error.to_string().contains("more items than fit in usize"));

    // The async runner checks the same way.
    let inputs = CubeMapInputs {
        a: side(),
        b: side(),
        c: side(),
    };
    let error =
        futures::executor::block_on(AsyncRunner::new().map(&Cube, inputs, MapMode::Product))
            .unwrap_err();
    assert!(matches!(error, Error::MapTooLarge { .. }), "{error:?}");
}

// --- Absurd parallelism ---------------------------------------------------------------------

#[node(output_name = "y")]
fn inc(x: u64) -> u64 {
    x + 1
}

graph!(struct Inc = [inc]);

#[test]
fn parallelism_of_usize_max_returns_at_once_and_still_maps() {
    // Before, this tried to start usize::MAX threads and never returned.
    let runner = Runner::new().with_parallelism(usize::MAX);
    let outs = runner
        .map(&Inc, IncMapInputs { x: each(0..100) }, MapMode::Zip)
        .unwrap();
    assert_eq!(
        outs.iter().map(|o| o.y).collect::<Vec<_>>(),
        (1..101).collect::<Vec<_>>()
    );
    // A setting replaced before any map starts no thread at all.
    let runner = Runner::new().with_parallelism(10_000).with_parallelism(2);
    assert_eq!(
        runner
            .map(&Inc, IncMapInputs { x: each([1, 2]) }, MapMode::Zip)
            .unwrap()
            .len(),
        2
    );
}

// --- Deep recursion in map workers ----------------------------------------------------------

/// Recurses `depth` levels with an 8 KiB frame each: 768 levels need about 6 MiB.
#[inline(never)]
fn dig(depth: u32) -> u64 {
    let mut frame = [0u8; 8 << 10];
    frame[depth as usize % frame.len()] = depth as u8;
    std::hint::black_box(&mut frame);
    if depth == 0 {
        return u64::from(frame[0]);
    }
    dig(depth - 1) + u64::from(frame[(depth as usize * 7) % frame.len()])
}

#[node(output_name = "dug")]
fn deep(levels: u32) -> u64 {
    dig(levels)
}

graph!(struct Deep = [deep]);

const SIX_MIB_LEVELS: u32 = 768;

const STACK_CHILD: &str = "HYPERNODES_TEST_STACK_CHILD";

/// Runs in a child process (see below), so that a worker whose stack overflows aborts the
/// child, not this test binary.
#[test]
fn deep_recursion_child() {
    if std::env::var_os(STACK_CHILD).is_none() {
        return;
    }
    let expected = dig_on_big_stack(SIX_MIB_LEVELS);
    let levels = || DeepMapInputs {
        levels: each([SIX_MIB_LEVELS; 4]),
    };
    for runner in [Runner::new(), Runner::new().with_parallelism(2)] {
        let outs = runner.map(&Deep, levels(), MapMode::Zip).unwrap();
        assert!(outs.iter().all(|out| out.dug == expected));
    }
    // Deeper than the main thread allows: raise the workers' stack.
    let twelve_mib = 2 * SIX_MIB_LEVELS;
    let runner = Runner::new().with_map_stack_size(32 << 20);
    let outs = runner
        .map(
            &Deep,
            DeepMapInputs {
                levels: each([twelve_mib; 2]),
            },
            MapMode::Zip,
        )
        .unwrap();
    assert_eq!(outs[1].dug, dig_on_big_stack(twelve_mib));
    eprintln!("deep maps done");
}

/// `dig` through `run`, on a thread with a 64 MiB stack.
fn dig_on_big_stack(levels: u32) -> u64 {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || Runner::new().run(&Deep, DeepInputs { levels }).unwrap().dug)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn recursion_that_works_in_run_works_in_map_workers() {
    // `run` on a thread with a 16 MiB stack (more than the main thread's 8 MiB).
    let dug = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(|| {
            Runner::new().run(
                &Deep,
                DeepInputs {
                    levels: SIX_MIB_LEVELS,
                },
            )
        })
        .unwrap()
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(dug.dug, dig_on_big_stack(SIX_MIB_LEVELS));

    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "deep_recursion_child",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(STACK_CHILD, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.contains("deep maps done"),
        "the maps in the child failed ({}): {stderr}",
        output.status
    );
}

// --- Progress bars ----------------------------------------------------------------------------

static HIDDEN: std::sync::OnceLock<ProgressCallback> = std::sync::OnceLock::new();
static SHOWN: std::sync::OnceLock<ProgressCallback> = std::sync::OnceLock::new();

/// What the two shared progress callbacks say about themselves while a map runs.
#[node(output_name = "seen")]
fn look(x: u64) -> String {
    let _ = x;
    format!("{:?} {:?}", HIDDEN.get(), SHOWN.get())
}

graph!(struct Look = [look, inc]);

#[test]
fn a_hidden_progress_callback_keeps_nothing_per_map_and_a_drawing_one_counts_right() {
    let term = InMemoryTerm::new(10, 100);
    let hidden = HIDDEN.get_or_init(|| ProgressCallback::with_target(ProgressDrawTarget::hidden()));
    let shown = SHOWN.get_or_init(|| {
        ProgressCallback::with_target(ProgressDrawTarget::term_like(Box::new(term.clone())))
    });
    assert!(!hidden.is_drawing() && shown.is_drawing());

    let runner = Runner::new().with_callback(hidden).with_callback(shown);
    let outs = runner
        .map(&Look, LookMapInputs { x: each(0..300) }, MapMode::Zip)
        .unwrap();
    // While the map ran, the hidden callback held no bars; the drawing one held this map's.
    assert!(
        outs.iter().all(|out| out.seen
            == "Some(ProgressCallback { drawing: false, maps: 0 }) Some(ProgressCallback { drawing: true, maps: 1 })"),
        "{}",
        outs[0].seen
    );
    assert_eq!(
        format!("{shown:?}"),
        "ProgressCallback { drawing: true, maps: 0 }"
    );
    // Items from several threads, all counted.
    let screen = term.contents();
    assert!(
        screen.contains("Look") && screen.contains("300/300"),
        "{screen}"
    );
}

/// Counts the start hooks it gets; `active` is what it tells the runner.
struct Starts {
    active: bool,
    count: std::sync::atomic::AtomicUsize,
}

impl Callback for Starts {
    fn is_active(&self) -> bool {
        self.active
    }
    fn on_graph_start(&self, _: &GraphContext) {
        self.count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    fn on_node_start(&self, _: &NodeContext) {
        self.count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

#[test]
fn runners_skip_timing_and_start_hooks_when_no_callback_is_active() {
    let starts = |active| Starts {
        active,
        count: Default::default(),
    };
    let count = |starts: &Starts| starts.count.load(std::sync::atomic::Ordering::Relaxed);
    let inputs = || IncMapInputs { x: each(0..10) };
    // A list is active when any callback in it is.
    for (first, second, expected) in [(false, false, 0), (true, false, 20), (false, true, 20)] {
        let runner = Runner::new()
            .with_callback(starts(first))
            .with_callback(starts(second));
        runner.map(&Inc, inputs(), MapMode::Zip).unwrap();
        let ((_, a), b) = runner.callbacks();
        assert_eq!((count(a), count(b)), (expected, expected));
    }
    let runner = AsyncRunner::new().with_callback(starts(false));
    futures::executor::block_on(runner.map(&Inc, inputs(), MapMode::Zip)).unwrap();
    assert_eq!(count(&runner.callbacks().1), 0);
}
