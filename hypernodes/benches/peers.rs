//! Side by side with a Rust peer: the same graphs run by hypernodes and by `dagx` (a typed
//! async DAG crate) in one run. Every node does one addition (`bump`), so what is compared
//! is what each library adds per node. Criterion groups (`peers_chain10`, `peers_diamond`,
//! `peers_fanout100`, `peers_map10k`), then a paired table (variants alternating) of ratios
//! against dagx:
//!
//! - `hypernodes_async`: `AsyncRunner::run` and `dagx`'s `DagRunner::run` both under a tokio
//!   current-thread runtime's `block_on` (dagx spawns its tasks on it);
//! - `hypernodes_sync`: `Runner::run`, a plain call (dagx has no synchronous runner);
//! - a dagx graph is built in every run: its wiring is data, hypernodes' is compiled.
//!
//! `peers_map10k`: `Runner::map` over 10,000 items of a one-node graph, against a dagx graph
//! of 10,000 sources each feeding one task (dagx has no map; this is the nearest shape).
//!
//! ```text
//! cargo bench -p hypernodes --bench peers
//! ```

#[allow(dead_code, unused_imports, unused_macros)]
mod common;
#[path = "common/paired.rs"]
mod paired;

use common::trivial::{Chain, ChainInputs, Diamond, DiamondInputs};
use common::{bump, X};
use criterion::Criterion;
use dagx::{task, DagRunner, Task, TaskHandle};
use hypernodes::{each, graph, AsyncRunner, MapMode, Runner};
use std::hint::black_box;
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

/// A source: the graph's input.
struct Source(u64);

#[task]
impl Source {
    async fn run(&self) -> u64 {
        self.0
    }
}

/// One node: `bump(x, k)`.
struct Bump(u64);

#[task]
impl Bump {
    async fn run(&self, x: &u64) -> u64 {
        bump(*x, self.0)
    }
}

/// The diamond's last node, as `common::trivial::dd`.
struct Join;

#[task]
impl Join {
    async fn run(b: &u64, c: &u64) -> u64 {
        bump(b ^ c.rotate_left(1), 14)
    }
}

/// Runs a dagx graph on `rt`, spawning its tasks there.
fn run_dag(rt: &Runtime, dag: &DagRunner) {
    rt.block_on(dag.run(|future| {
        tokio::spawn(future);
    }))
    .unwrap();
}

fn dagx_chain(rt: &Runtime, x: u64) -> u64 {
    let dag = DagRunner::new();
    let source = dag.add_task(Source(x));
    let mut last: TaskHandle<u64> = dag.add_task(Bump(1)).depends_on(&source);
    for k in 2..=10 {
        last = dag.add_task(Bump(k)).depends_on(last);
    }
    run_dag(rt, &dag);
    dag.get(last).unwrap()
}

fn dagx_diamond(rt: &Runtime, x: u64) -> u64 {
    let dag = DagRunner::new();
    let source = dag.add_task(Source(x));
    let a = dag.add_task(Bump(11)).depends_on(&source);
    let b = dag.add_task(Bump(12)).depends_on(a);
    let c = dag.add_task(Bump(13)).depends_on(a);
    let d = dag.add_task(Join).depends_on((&b, &c));
    run_dag(rt, &dag);
    dag.get(d).unwrap()
}

fn dagx_fanout(rt: &Runtime, x: u64) -> u64 {
    let dag = DagRunner::new();
    let source = dag.add_task(Source(x));
    let outs: Vec<TaskHandle<u64>> = (0..100)
        .map(|k| dag.add_task(Bump(k)).depends_on(&source))
        .collect();
    run_dag(rt, &dag);
    outs.into_iter().map(|out| dag.get(out).unwrap()).sum()
}

fn dagx_map(rt: &Runtime, xs: &[u64]) -> u64 {
    let dag = DagRunner::new();
    let outs: Vec<TaskHandle<u64>> = xs
        .iter()
        .map(|&x| {
            let source = dag.add_task(Source(x));
            dag.add_task(Bump(1)).depends_on(&source)
        })
        .collect();
    run_dag(rt, &dag);
    outs.into_iter().map(|out| dag.get(out).unwrap()).sum()
}

/// Independent nodes of the fan-out: `name -> "output" = k;` computes `bump(x, k)`.
macro_rules! fans {
    ($($name:ident -> $out:literal = $k:literal;)*) => {$(
        #[hypernodes::node(output_name = $out)]
        fn $name(x: u64) -> u64 {
            bump(x, $k)
        }
    )*};
}

fans! {
    f_0 -> "o_0" = 0;
    f_1 -> "o_1" = 1;
    f_2 -> "o_2" = 2;
    f_3 -> "o_3" = 3;
    f_4 -> "o_4" = 4;
    f_5 -> "o_5" = 5;
    f_6 -> "o_6" = 6;
    f_7 -> "o_7" = 7;
    f_8 -> "o_8" = 8;
    f_9 -> "o_9" = 9;
    f_10 -> "o_10" = 10;
    f_11 -> "o_11" = 11;
    f_12 -> "o_12" = 12;
    f_13 -> "o_13" = 13;
    f_14 -> "o_14" = 14;
    f_15 -> "o_15" = 15;
    f_16 -> "o_16" = 16;
    f_17 -> "o_17" = 17;
    f_18 -> "o_18" = 18;
    f_19 -> "o_19" = 19;
    f_20 -> "o_20" = 20;
    f_21 -> "o_21" = 21;
    f_22 -> "o_22" = 22;
    f_23 -> "o_23" = 23;
    f_24 -> "o_24" = 24;
    f_25 -> "o_25" = 25;
    f_26 -> "o_26" = 26;
    f_27 -> "o_27" = 27;
    f_28 -> "o_28" = 28;
    f_29 -> "o_29" = 29;
    f_30 -> "o_30" = 30;
    f_31 -> "o_31" = 31;
    f_32 -> "o_32" = 32;
    f_33 -> "o_33" = 33;
    f_34 -> "o_34" = 34;
    f_35 -> "o_35" = 35;
    f_36 -> "o_36" = 36;
    f_37 -> "o_37" = 37;
    f_38 -> "o_38" = 38;
    f_39 -> "o_39" = 39;
    f_40 -> "o_40" = 40;
    f_41 -> "o_41" = 41;
    f_42 -> "o_42" = 42;
    f_43 -> "o_43" = 43;
    f_44 -> "o_44" = 44;
    f_45 -> "o_45" = 45;
    f_46 -> "o_46" = 46;
    f_47 -> "o_47" = 47;
    f_48 -> "o_48" = 48;
    f_49 -> "o_49" = 49;
    f_50 -> "o_50" = 50;
    f_51 -> "o_51" = 51;
    f_52 -> "o_52" = 52;
    f_53 -> "o_53" = 53;
    f_54 -> "o_54" = 54;
    f_55 -> "o_55" = 55;
    f_56 -> "o_56" = 56;
    f_57 -> "o_57" = 57;
    f_58 -> "o_58" = 58;
    f_59 -> "o_59" = 59;
    f_60 -> "o_60" = 60;
    f_61 -> "o_61" = 61;
    f_62 -> "o_62" = 62;
    f_63 -> "o_63" = 63;
    f_64 -> "o_64" = 64;
    f_65 -> "o_65" = 65;
    f_66 -> "o_66" = 66;
    f_67 -> "o_67" = 67;
    f_68 -> "o_68" = 68;
    f_69 -> "o_69" = 69;
    f_70 -> "o_70" = 70;
    f_71 -> "o_71" = 71;
    f_72 -> "o_72" = 72;
    f_73 -> "o_73" = 73;
    f_74 -> "o_74" = 74;
    f_75 -> "o_75" = 75;
    f_76 -> "o_76" = 76;
    f_77 -> "o_77" = 77;
    f_78 -> "o_78" = 78;
    f_79 -> "o_79" = 79;
    f_80 -> "o_80" = 80;
    f_81 -> "o_81" = 81;
    f_82 -> "o_82" = 82;
    f_83 -> "o_83" = 83;
    f_84 -> "o_84" = 84;
    f_85 -> "o_85" = 85;
    f_86 -> "o_86" = 86;
    f_87 -> "o_87" = 87;
    f_88 -> "o_88" = 88;
    f_89 -> "o_89" = 89;
    f_90 -> "o_90" = 90;
    f_91 -> "o_91" = 91;
    f_92 -> "o_92" = 92;
    f_93 -> "o_93" = 93;
    f_94 -> "o_94" = 94;
    f_95 -> "o_95" = 95;
    f_96 -> "o_96" = 96;
    f_97 -> "o_97" = 97;
    f_98 -> "o_98" = 98;
    f_99 -> "o_99" = 99;
}

graph!(struct Fan100 = [f_0, f_1, f_2, f_3, f_4, f_5, f_6, f_7, f_8, f_9, f_10, f_11, f_12, f_13, f_14, f_15, f_16, f_17, f_18, f_19, f_20, f_21, f_22, f_23, f_24, f_25, f_26, f_27, f_28, f_29, f_30, f_31, f_32, f_33, f_34, f_35, f_36, f_37, f_38, f_39, f_40, f_41, f_42, f_43, f_44, f_45, f_46, f_47, f_48, f_49, f_50, f_51, f_52, f_53, f_54, f_55, f_56, f_57, f_58, f_59, f_60, f_61, f_62, f_63, f_64, f_65, f_66, f_67, f_68, f_69, f_70, f_71, f_72, f_73, f_74, f_75, f_76, f_77, f_78, f_79, f_80, f_81, f_82, f_83, f_84, f_85, f_86, f_87, f_88, f_89, f_90, f_91, f_92, f_93, f_94, f_95, f_96, f_97, f_98, f_99]);

/// Sums the fan-out's outputs, as `dagx_fanout` does.
macro_rules! fan_sum {
    ($outputs:expr) => {{
        let o = $outputs;
        [
            o.o_0, o.o_1, o.o_2, o.o_3, o.o_4, o.o_5, o.o_6, o.o_7, o.o_8, o.o_9, o.o_10, o.o_11,
            o.o_12, o.o_13, o.o_14, o.o_15, o.o_16, o.o_17, o.o_18, o.o_19, o.o_20, o.o_21, o.o_22,
            o.o_23, o.o_24, o.o_25, o.o_26, o.o_27, o.o_28, o.o_29, o.o_30, o.o_31, o.o_32, o.o_33,
            o.o_34, o.o_35, o.o_36, o.o_37, o.o_38, o.o_39, o.o_40, o.o_41, o.o_42, o.o_43, o.o_44,
            o.o_45, o.o_46, o.o_47, o.o_48, o.o_49, o.o_50, o.o_51, o.o_52, o.o_53, o.o_54, o.o_55,
            o.o_56, o.o_57, o.o_58, o.o_59, o.o_60, o.o_61, o.o_62, o.o_63, o.o_64, o.o_65, o.o_66,
            o.o_67, o.o_68, o.o_69, o.o_70, o.o_71, o.o_72, o.o_73, o.o_74, o.o_75, o.o_76, o.o_77,
            o.o_78, o.o_79, o.o_80, o.o_81, o.o_82, o.o_83, o.o_84, o.o_85, o.o_86, o.o_87, o.o_88,
            o.o_89, o.o_90, o.o_91, o.o_92, o.o_93, o.o_94, o.o_95, o.o_96, o.o_97, o.o_98, o.o_99,
        ]
        .iter()
        .sum::<u64>()
    }};
}

#[hypernodes::node(output_name = "y")]
fn inc(x: u64) -> u64 {
    bump(x, 1)
}
graph!(struct Inc = [inc]);

fn hn_async_chain(rt: &Runtime, x: u64) -> u64 {
    rt.block_on(AsyncRunner::new().run(&Chain, ChainInputs { x }))
        .unwrap()
        .s10
}

fn hn_sync_chain(x: u64) -> u64 {
    Runner::new().run(&Chain, ChainInputs { x }).unwrap().s10
}

fn hn_async_diamond(rt: &Runtime, x: u64) -> u64 {
    rt.block_on(AsyncRunner::new().run(&Diamond, DiamondInputs { x }))
        .unwrap()
        .d
}

fn hn_sync_diamond(x: u64) -> u64 {
    Runner::new().run(&Diamond, DiamondInputs { x }).unwrap().d
}

fn hn_async_fanout(rt: &Runtime, x: u64) -> u64 {
    fan_sum!(rt
        .block_on(AsyncRunner::new().run(&Fan100, Fan100Inputs { x }))
        .unwrap())
}

fn hn_sync_fanout(x: u64) -> u64 {
    fan_sum!(Runner::new().run(&Fan100, Fan100Inputs { x }).unwrap())
}

fn hn_map(runner: &Runner, xs: &[u64]) -> u64 {
    let inputs = IncMapInputs {
        x: each(xs.iter().copied()),
    };
    let outputs = runner.map(&Inc, inputs, MapMode::Zip).unwrap();
    outputs.into_iter().map(|o| o.y).sum()
}

fn check(rt: &Runtime, xs: &[u64], runner: &Runner) {
    assert_eq!(hn_async_chain(rt, X), dagx_chain(rt, X));
    assert_eq!(hn_sync_chain(X), dagx_chain(rt, X));
    assert_eq!(hn_async_diamond(rt, X), dagx_diamond(rt, X));
    assert_eq!(hn_sync_diamond(X), dagx_diamond(rt, X));
    assert_eq!(hn_async_fanout(rt, X), dagx_fanout(rt, X));
    assert_eq!(hn_sync_fanout(X), dagx_fanout(rt, X));
    assert_eq!(hn_map(runner, xs), dagx_map(rt, xs));
}

fn groups(c: &mut Criterion, rt: &Runtime, xs: &[u64], runner: &Runner) {
    macro_rules! group {
        ($name:literal, $hn_async:ident, $hn_sync:ident, $dagx:ident) => {{
            let mut group = c.benchmark_group($name);
            group.bench_function("hypernodes_async", |b| {
                b.iter(|| $hn_async(rt, black_box(X)))
            });
            group.bench_function("hypernodes_sync", |b| b.iter(|| $hn_sync(black_box(X))));
            group.bench_function("dagx", |b| b.iter(|| $dagx(rt, black_box(X))));
            group.finish();
        }};
    }
    group!("peers_chain10", hn_async_chain, hn_sync_chain, dagx_chain);
    group!(
        "peers_diamond",
        hn_async_diamond,
        hn_sync_diamond,
        dagx_diamond
    );
    group!(
        "peers_fanout100",
        hn_async_fanout,
        hn_sync_fanout,
        dagx_fanout
    );
    let mut group = c.benchmark_group("peers_map10k");
    group.sample_size(10);
    group.bench_function("hypernodes_map", |b| {
        b.iter(|| hn_map(runner, black_box(xs)))
    });
    group.bench_function("dagx", |b| b.iter(|| dagx_map(rt, black_box(xs))));
    group.finish();
}

fn paired_table(rt: &Runtime, xs: &[u64], runner: &Runner) {
    use paired::{compare, header, row};
    header(
        "peers (b = dagx under tokio current-thread block_on; time per run)",
        "a",
        "b",
    );
    macro_rules! rows {
        ($label:literal, $hn_async:ident, $hn_sync:ident, $dagx:ident) => {{
            let p = compare(
                || {
                    black_box($hn_async(rt, black_box(X)));
                },
                || {
                    black_box($dagx(rt, black_box(X)));
                },
                500,
                50_000.0,
            );
            row(concat!($label, ": hn async / dagx"), &p);
            let p = compare(
                || {
                    black_box($hn_sync(black_box(X)));
                },
                || {
                    black_box($dagx(rt, black_box(X)));
                },
                500,
                50_000.0,
            );
            row(concat!($label, ": hn sync / dagx"), &p);
        }};
    }
    rows!("chain10", hn_async_chain, hn_sync_chain, dagx_chain);
    rows!("diamond", hn_async_diamond, hn_sync_diamond, dagx_diamond);
    rows!("fanout100", hn_async_fanout, hn_sync_fanout, dagx_fanout);
    let p = compare(
        || {
            black_box(hn_map(runner, black_box(xs)));
        },
        || {
            black_box(dagx_map(rt, black_box(xs)));
        },
        20,
        1.0,
    );
    row("map10k: hn map / dagx", &p);
}

/// Median nanoseconds per call of `f` over 31 batches of about 20 ms.
fn median_nanos(mut f: impl FnMut()) -> f64 {
    let start = std::time::Instant::now();
    f();
    let once = start.elapsed().as_nanos().max(1) as f64;
    let n = (20e6 / once).clamp(1.0, 1e6) as u32;
    let mut times: Vec<f64> = (0..31)
        .map(|_| {
            let start = std::time::Instant::now();
            for _ in 0..n {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(n)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// With `HN_CASES=1`: the cases `bench/python/compare.py` also runs in Python, by
/// `Runner`, one `case<TAB>nanoseconds per run` line each, and nothing else.
fn print_cases(xs: &[u64], runner: &Runner) {
    let cases: [(&str, f64); 4] = [
        (
            "chain10",
            median_nanos(|| {
                black_box(hn_sync_chain(black_box(X)));
            }),
        ),
        (
            "diamond",
            median_nanos(|| {
                black_box(hn_sync_diamond(black_box(X)));
            }),
        ),
        (
            "fanout100",
            median_nanos(|| {
                black_box(hn_sync_fanout(black_box(X)));
            }),
        ),
        (
            "map10k",
            median_nanos(|| {
                black_box(hn_map(runner, black_box(xs)));
            }),
        ),
    ];
    for (case, nanos) in cases {
        println!("{case}\t{nanos:.1}");
    }
}

fn main() {
    let rt = Builder::new_current_thread().enable_time().build().unwrap();
    let xs: Vec<u64> = (0..10_000).collect();
    let runner = Runner::new();
    check(&rt, &xs, &runner);
    if std::env::var_os("HN_CASES").is_some() {
        print_cases(&xs, &runner);
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    groups(&mut c, &rt, &xs, &runner);
    // The paired table runs only for a plain `--bench` (as in the other benches).
    if std::env::args().skip(1).all(|arg| arg == "--bench")
        && std::env::args().any(|arg| arg == "--bench")
    {
        paired_table(&rt, &xs, &runner);
    }
    c.final_summary();
}
