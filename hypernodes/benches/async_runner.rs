//! What `AsyncRunner` costs. Criterion groups (medians in
//! `target/criterion/<group>/<id>/new/estimates.json`):
//!
//! - `async_chain10`: the `chain10` graph of the zero-cost benches (ten plain `fn` nodes
//!   in a chain, each doing tens of nanoseconds of real work; `common/mod.rs`) run by
//!   `Runner::run` (`sync_runner`) and by `AsyncRunner::run`, the future driven by
//!   `futures_executor::block_on` (`async_futures_block_on`), by a tokio current-thread
//!   runtime's `block_on` (`async_tokio_block_on`), and polled once with a no-op waker
//!   (`async_poll_once`: the runner alone, no executor; every node here is ready at once,
//!   so one poll finishes the run).
//! - `async_trivial_chain10`: the `trivial` chain (one addition per node) under
//!   `AsyncRunner` and `futures_executor::block_on`, against the same ten calls in one
//!   `async` block (`by_hand_async_block`): what the runner adds per node.
//! - `async_sleep100`: 100 independent `async fn` nodes, each awaiting a 10 ms tokio timer,
//!   in one graph (`graph100_current_thread`, `graph100_multi_thread`), against a single
//!   bare 10 ms sleep (`bare_sleep`). The nodes overlap, so a run takes one sleep, not 100.
//!
//! After the criterion groups, the trivial chain (`trivial::Chain`) under `AsyncRunner`
//! is paired with the same ten calls written in one `async` block (the goal: at most 20x,
//! about 20 ns per node). Then a paired table (variants alternating, so that load from
//! other processes hits both alike) gives each async variant against `Runner::run` as a
//! ratio and as overhead per node, `(async - sync) / 10`, and the 100-sleeper graph against
//! a bare sleep. Under a minute:
//!
//! ```text
//! cargo bench -p hypernodes --bench async_runner
//! ```

#[allow(dead_code, unused_imports, unused_macros)]
mod common;
#[path = "common/paired.rs"]
mod paired;

use common::real::{Chain, ChainInputs, ChainOutputs};
use common::X;
use criterion::{Criterion, SamplingMode};
use hypernodes::{graph, AsyncRunner, Runner};
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};
use tokio::runtime::{Builder, Runtime};

/// How long every sleeping node waits.
const SLEEP: Duration = Duration::from_millis(10);

#[inline(never)]
fn sync_run(x: u64) -> ChainOutputs {
    Runner::new().run(&Chain, ChainInputs { x }).unwrap()
}

#[inline(never)]
fn async_futures(x: u64) -> ChainOutputs {
    futures_executor::block_on(AsyncRunner::new().run(&Chain, ChainInputs { x })).unwrap()
}

#[inline(never)]
fn async_tokio(rt: &Runtime, x: u64) -> ChainOutputs {
    rt.block_on(AsyncRunner::new().run(&Chain, ChainInputs { x }))
        .unwrap()
}

/// Polls the run once with a no-op waker: the runner's own cost, with no executor.
#[inline(never)]
fn async_poll_once(x: u64) -> ChainOutputs {
    let runner = AsyncRunner::new();
    let run = pin!(runner.run(&Chain, ChainInputs { x }));
    match run.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(outputs) => outputs.unwrap(),
        Poll::Pending => panic!("a chain of plain nodes finishes in one poll"),
    }
}

/// The ten trivial nodes of `trivial::Chain` run by `AsyncRunner` under `block_on`.
#[inline(never)]
fn trivial_async(x: u64) -> common::trivial::ChainOutputs {
    futures_executor::block_on(
        AsyncRunner::new().run(&common::trivial::Chain, common::trivial::ChainInputs { x }),
    )
    .unwrap()
}

/// The same ten calls written by hand in one `async` block under `block_on`: the floor.
#[inline(never)]
fn trivial_by_hand_async(x: u64) -> common::trivial::ChainOutputs {
    futures_executor::block_on(async { common::trivial::chain_by_hand(x) })
}

/// What each executor costs for a future that is ready at once.
#[inline(never)]
fn futures_empty(x: u64) -> u64 {
    futures_executor::block_on(async { x })
}

#[inline(never)]
fn tokio_empty(rt: &Runtime, x: u64) -> u64 {
    rt.block_on(async { x })
}

/// Independent nodes: `name -> "output" = k;` sleeps `SLEEP`, then returns `x + k`.
macro_rules! sleepers {
    ($($name:ident -> $out:literal = $k:literal;)*) => {$(
        #[hypernodes::node(output_name = $out)]
        async fn $name(x: u64) -> u64 {
            tokio::time::sleep(SLEEP).await;
            x.wrapping_add($k)
        }
    )*};
}

sleepers! {
    n_0 -> "o_0" = 0; n_1 -> "o_1" = 1; n_2 -> "o_2" = 2; n_3 -> "o_3" = 3;
    n_4 -> "o_4" = 4; n_5 -> "o_5" = 5; n_6 -> "o_6" = 6; n_7 -> "o_7" = 7;
    n_8 -> "o_8" = 8; n_9 -> "o_9" = 9; n_10 -> "o_10" = 10; n_11 -> "o_11" = 11;
    n_12 -> "o_12" = 12; n_13 -> "o_13" = 13; n_14 -> "o_14" = 14; n_15 -> "o_15" = 15;
    n_16 -> "o_16" = 16; n_17 -> "o_17" = 17; n_18 -> "o_18" = 18; n_19 -> "o_19" = 19;
    n_20 -> "o_20" = 20; n_21 -> "o_21" = 21; n_22 -> "o_22" = 22; n_23 -> "o_23" = 23;
    n_24 -> "o_24" = 24; n_25 -> "o_25" = 25; n_26 -> "o_26" = 26; n_27 -> "o_27" = 27;
    n_28 -> "o_28" = 28; n_29 -> "o_29" = 29; n_30 -> "o_30" = 30; n_31 -> "o_31" = 31;
    n_32 -> "o_32" = 32; n_33 -> "o_33" = 33; n_34 -> "o_34" = 34; n_35 -> "o_35" = 35;
    n_36 -> "o_36" = 36; n_37 -> "o_37" = 37; n_38 -> "o_38" = 38; n_39 -> "o_39" = 39;
    n_40 -> "o_40" = 40; n_41 -> "o_41" = 41; n_42 -> "o_42" = 42; n_43 -> "o_43" = 43;
    n_44 -> "o_44" = 44; n_45 -> "o_45" = 45; n_46 -> "o_46" = 46; n_47 -> "o_47" = 47;
    n_48 -> "o_48" = 48; n_49 -> "o_49" = 49; n_50 -> "o_50" = 50; n_51 -> "o_51" = 51;
    n_52 -> "o_52" = 52; n_53 -> "o_53" = 53; n_54 -> "o_54" = 54; n_55 -> "o_55" = 55;
    n_56 -> "o_56" = 56; n_57 -> "o_57" = 57; n_58 -> "o_58" = 58; n_59 -> "o_59" = 59;
    n_60 -> "o_60" = 60; n_61 -> "o_61" = 61; n_62 -> "o_62" = 62; n_63 -> "o_63" = 63;
    n_64 -> "o_64" = 64; n_65 -> "o_65" = 65; n_66 -> "o_66" = 66; n_67 -> "o_67" = 67;
    n_68 -> "o_68" = 68; n_69 -> "o_69" = 69; n_70 -> "o_70" = 70; n_71 -> "o_71" = 71;
    n_72 -> "o_72" = 72; n_73 -> "o_73" = 73; n_74 -> "o_74" = 74; n_75 -> "o_75" = 75;
    n_76 -> "o_76" = 76; n_77 -> "o_77" = 77; n_78 -> "o_78" = 78; n_79 -> "o_79" = 79;
    n_80 -> "o_80" = 80; n_81 -> "o_81" = 81; n_82 -> "o_82" = 82; n_83 -> "o_83" = 83;
    n_84 -> "o_84" = 84; n_85 -> "o_85" = 85; n_86 -> "o_86" = 86; n_87 -> "o_87" = 87;
    n_88 -> "o_88" = 88; n_89 -> "o_89" = 89; n_90 -> "o_90" = 90; n_91 -> "o_91" = 91;
    n_92 -> "o_92" = 92; n_93 -> "o_93" = 93; n_94 -> "o_94" = 94; n_95 -> "o_95" = 95;
    n_96 -> "o_96" = 96; n_97 -> "o_97" = 97; n_98 -> "o_98" = 98; n_99 -> "o_99" = 99;
}

graph!(struct Sleep100 = [
    n_0, n_1, n_2, n_3, n_4, n_5, n_6, n_7, n_8, n_9, n_10, n_11, n_12, n_13, n_14, n_15, n_16, n_17, n_18, n_19, n_20, n_21, n_22, n_23, n_24, n_25, n_26, n_27, n_28, n_29, n_30, n_31, n_32, n_33, n_34, n_35, n_36, n_37, n_38, n_39, n_40, n_41, n_42, n_43, n_44, n_45, n_46, n_47, n_48, n_49, n_50, n_51, n_52, n_53, n_54, n_55, n_56, n_57, n_58, n_59, n_60, n_61, n_62, n_63, n_64, n_65, n_66, n_67, n_68, n_69, n_70, n_71, n_72, n_73, n_74, n_75, n_76, n_77, n_78, n_79, n_80, n_81, n_82, n_83, n_84, n_85, n_86, n_87, n_88, n_89, n_90, n_91, n_92, n_93, n_94, n_95, n_96, n_97, n_98, n_99
]);

#[inline(never)]
fn sleep100(rt: &Runtime) -> Sleep100Outputs {
    rt.block_on(AsyncRunner::new().run(&Sleep100, Sleep100Inputs { x: black_box(X) }))
        .unwrap()
}

#[inline(never)]
fn bare_sleep(rt: &Runtime) {
    // \`sleep\` registers with the runtime's timer when called: call it inside \`block_on\`.
    rt.block_on(async { tokio::time::sleep(SLEEP).await });
}

struct Runtimes {
    current: Runtime,
    multi: Runtime,
}

fn check(rts: &Runtimes) {
    let expected = sync_run(X);
    for outputs in [
        async_futures(X),
        async_tokio(&rts.current, X),
        async_poll_once(X),
    ] {
        assert_eq!(outputs.s10, expected.s10, "async and sync runs disagree");
        assert_eq!(outputs.s5, expected.s5, "async and sync runs disagree");
    }
    assert_eq!(trivial_async(X).s10, trivial_by_hand_async(X).s10);
    for rt in [&rts.current, &rts.multi] {
        let start = Instant::now();
        let outputs = sleep100(rt);
        let elapsed = start.elapsed();
        assert_eq!(
            (outputs.o_0, outputs.o_57, outputs.o_99),
            (X, X + 57, X + 99)
        );
        assert!(
            elapsed < SLEEP * 20,
            "100 sleeping nodes took {elapsed:?}: they do not overlap"
        );
    }
}

fn chain10(c: &mut Criterion, rts: &Runtimes) {
    let mut group = c.benchmark_group("async_chain10");
    group.bench_function("sync_runner", |b| b.iter(|| sync_run(black_box(X))));
    group.bench_function("async_poll_once", |b| {
        b.iter(|| async_poll_once(black_box(X)))
    });
    group.bench_function("async_futures_block_on", |b| {
        b.iter(|| async_futures(black_box(X)))
    });
    group.bench_function("async_tokio_block_on", |b| {
        b.iter(|| async_tokio(&rts.current, black_box(X)))
    });
    group.finish();
    let mut group = c.benchmark_group("async_trivial_chain10");
    group.bench_function("by_hand_async_block", |b| {
        b.iter(|| trivial_by_hand_async(black_box(X)))
    });
    group.bench_function("async_futures_block_on", |b| {
        b.iter(|| trivial_async(black_box(X)))
    });
    group.finish();
}

fn sleep100_group(c: &mut Criterion, rts: &Runtimes) {
    let mut group = c.benchmark_group("async_sleep100");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("bare_sleep", |b| b.iter(|| bare_sleep(&rts.current)));
    group.bench_function("graph100_current_thread", |b| {
        b.iter(|| sleep100(&rts.current))
    });
    group.bench_function("graph100_multi_thread", |b| b.iter(|| sleep100(&rts.multi)));
    group.finish();
}

fn paired_table(rts: &Runtimes) {
    use paired::{compare, header, human, row, Paired};
    const ROUNDS: usize = 3000;
    const BATCH_NANOS: f64 = 20_000.0;

    let per_node = |p: &Paired| {
        println!(
            "{:<28} {:>12} {:>25} per node (min; median {})",
            "",
            "",
            human((p.best_a - p.best_b) / 10.0),
            human((p.median_a - p.median_b) / 10.0),
        );
    };
    header(
        "chain10 (a = async variant, b = Runner::run; time per run)",
        "a",
        "b",
    );
    let sync = || {
        black_box(sync_run(black_box(X)));
    };
    let p = compare(
        || {
            black_box(async_poll_once(black_box(X)));
        },
        sync,
        ROUNDS,
        BATCH_NANOS,
    );
    row("poll_once / sync", &p);
    per_node(&p);
    let p = compare(
        || {
            black_box(async_futures(black_box(X)));
        },
        sync,
        ROUNDS,
        BATCH_NANOS,
    );
    row("futures block_on / sync", &p);
    per_node(&p);
    let p = compare(
        || {
            black_box(async_tokio(&rts.current, black_box(X)));
        },
        sync,
        ROUNDS,
        BATCH_NANOS,
    );
    row("tokio block_on / sync", &p);
    per_node(&p);

    header(
        "trivial chain10 under futures block_on (a = AsyncRunner::run, b = the ten calls in one async block)",
        "a",
        "b",
    );
    let p = compare(
        || {
            black_box(trivial_async(black_box(X)));
        },
        || {
            black_box(trivial_by_hand_async(black_box(X)));
        },
        ROUNDS,
        BATCH_NANOS,
    );
    row("AsyncRunner / by hand", &p);
    per_node(&p);

    // The executors alone, on a future that is ready at once.
    header("executor alone (block_on of a ready future)", "a", "b");
    let p = compare(
        || {
            black_box(futures_empty(black_box(X)));
        },
        || {
            black_box(tokio_empty(&rts.current, black_box(X)));
        },
        ROUNDS,
        BATCH_NANOS,
    );
    row("futures / tokio", &p);

    header(
        "100 nodes sleeping 10 ms (a = graph, b = one bare sleep)",
        "a",
        "b",
    );
    let p = compare(
        || {
            black_box(sleep100(&rts.current));
        },
        || bare_sleep(&rts.current),
        60,
        1.0,
    );
    row("current_thread", &p);
    let p = compare(
        || {
            black_box(sleep100(&rts.multi));
        },
        || bare_sleep(&rts.current),
        60,
        1.0,
    );
    row("multi_thread", &p);
}

fn main() {
    let rts = Runtimes {
        current: Builder::new_current_thread().enable_time().build().unwrap(),
        multi: Builder::new_multi_thread().enable_time().build().unwrap(),
    };
    check(&rts);

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then criterion runs
    // each benchmark once, as a check. The paired table runs only for a plain `--bench`
    // (no filter, no `--profile-time`).
    let measure = std::env::args().any(|arg| arg == "--bench");
    let run_paired = std::env::args().skip(1).all(|arg| arg == "--bench") && measure;
    chain10(&mut c, &rts);
    sleep100_group(&mut c, &rts);
    if run_paired {
        paired_table(&rts);
    }
    c.final_summary();
}
