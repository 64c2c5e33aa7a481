//! `ClusterRunner` across real processes: three copies of the `cluster_items` example on
//! loopback, with ports chosen here. Every wait is bounded: a process still running after
//! its deadline is killed and the test fails.

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_cluster_items");
/// Long enough for a loaded CI machine; a hang would take forever, not this.
const DEADLINE: Duration = Duration::from_secs(60);

/// `n` loopback addresses with ports that were free a moment ago.
fn hosts(n: usize) -> String {
    let listeners: Vec<TcpListener> = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("a free port"))
        .collect();
    listeners
        .iter()
        .map(|l| l.local_addr().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn start(index: usize, hosts: &str, args: &[&str]) -> Child {
    Command::new(BINARY)
        .args(args)
        .env("HYPERNODES_PROCESS", index.to_string())
        .env("HYPERNODES_HOSTS", hosts)
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example binary starts")
}

/// Waits for `child` until `deadline`; kills it and fails the test past that.
fn finish(mut child: Child, deadline: Instant) -> Output {
    loop {
        match child.try_wait().expect("the child can be waited for") {
            Some(_) => return child.wait_with_output().expect("its output"),
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let output = child.wait_with_output().expect("its output");
                panic!(
                    "a process hung; stderr: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs all `n` processes with `args`; their outputs in process order.
fn run_all(n: usize, args: &[&str]) -> Vec<Output> {
    let hosts = hosts(n);
    let children: Vec<Child> = (0..n).map(|i| start(i, &hosts, args)).collect();
    let deadline = Instant::now() + DEADLINE;
    children.into_iter().map(|c| finish(c, deadline)).collect()
}

fn record_file(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    (dir, path)
}

/// Which process ran which item, from the `--record` file.
fn recorded(path: &Path) -> Vec<(usize, u64)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|line| {
            let (process, item) = line.split_once(' ').expect("`process item`");
            (process.parse().unwrap(), item.parse().unwrap())
        })
        .collect()
}

#[test]
fn three_processes_give_every_output_in_order_on_process_0_only() {
    let (_dir, record) = record_file("items");
    let outputs = run_all(3, &["--items", "30", "--record", record.to_str().unwrap()]);
    for (index, output) in outputs.iter().enumerate() {
        assert!(
            output.status.success(),
            "process {index}: {}",
            text(&output.stderr)
        );
    }
    let expected: String = (0..30u64).map(|i| format!("{i}: {}\n", i * i)).collect();
    assert_eq!(text(&outputs[0].stdout), expected);
    // Nothing but the program's own line on the other processes' stdout.
    assert_eq!(text(&outputs[1].stdout), "none\n");
    assert_eq!(text(&outputs[2].stdout), "none\n");
    let ran = recorded(&record);
    let items: BTreeSet<u64> = ran.iter().map(|&(_, item)| item).collect();
    assert_eq!(items, (0..30).collect(), "every item ran");
    assert_eq!(ran.len(), 30, "each item ran once");
    let processes: BTreeSet<usize> = ran.iter().map(|&(process, _)| process).collect();
    assert_eq!(
        processes,
        BTreeSet::from([0, 1, 2]),
        "every process did some items"
    );
}

#[test]
fn a_failing_item_names_its_node_and_index_while_the_others_complete() {
    let (_dir, record) = record_file("items");
    let args = [
        "--items",
        "12",
        "--fail",
        "7",
        "--record",
        record.to_str().unwrap(),
    ];
    let outputs = run_all(3, &args);
    assert!(!outputs[0].status.success());
    let error = text(&outputs[0].stderr);
    assert!(
        error.contains("item 7 of the map failed")
            && error.contains("node `square`")
            && error.contains("item 7 was asked to fail"),
        "{error}"
    );
    assert!(outputs[1].status.success() && outputs[2].status.success());
    assert_eq!(recorded(&record).len(), 12, "the other items still ran");
}

#[test]
fn map_results_keeps_each_items_error_and_the_other_outputs() {
    let outputs = run_all(
        3,
        &["--items", "9", "--fail", "4", "--panic", "5", "--results"],
    );
    assert!(outputs[0].status.success(), "{}", text(&outputs[0].stderr));
    let lines: Vec<String> = text(&outputs[0].stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines.len(), 9);
    assert_eq!(lines[3], "3: 9");
    assert_eq!(
        lines[4],
        "4: error: node `square` in graph `Squares` failed: item 4 was asked to fail"
    );
    assert_eq!(
        lines[5],
        "5: error: node `square` in graph `Squares` panicked: item 5 was asked to panic"
    );
    assert_eq!(lines[8], "8: 64");
}

#[test]
fn a_panicking_item_is_an_error_naming_the_node_and_the_index() {
    let outputs = run_all(3, &["--items", "9", "--panic", "2"]);
    let error = text(&outputs[0].stderr);
    assert!(!outputs[0].status.success());
    assert!(
        error.contains("item 2 of the map failed")
            && error.contains("`square`")
            && error.contains("panicked"),
        "{error}"
    );
}

#[test]
fn a_missing_process_is_an_error_on_every_present_process_within_the_timeout() {
    let hosts = hosts(3);
    let args = ["--connect-timeout-ms", "1500"];
    let started = Instant::now();
    let present = [start(0, &hosts, &args), start(1, &hosts, &args)];
    let deadline = Instant::now() + DEADLINE;
    for output in present.map(|child| finish(child, deadline)) {
        assert!(!output.status.success());
        let error = text(&output.stderr);
        assert!(
            error.contains("process 2") && error.contains("did not connect within 1.5s"),
            "{error}"
        );
    }
    // Bounded by the timeout (plus start-up), not by DEADLINE.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_killed_process_is_an_error_naming_it_on_process_0() {
    let (_dir, record) = record_file("items");
    let hosts = hosts(3);
    let args = [
        "--items",
        "150",
        "--sleep-ms",
        "200",
        "--threads",
        "1",
        "--record",
        record.to_str().unwrap(),
    ];
    let first = start(0, &hosts, &args);
    let second = start(1, &hosts, &args);
    let mut third = start(2, &hosts, &args);
    // Kill process 2 once it is working.
    let deadline = Instant::now() + DEADLINE;
    while !recorded(&record).iter().any(|&(process, _)| process == 2) {
        assert!(Instant::now() < deadline, "process 2 never started an item");
        std::thread::sleep(Duration::from_millis(10));
    }
    third.kill().unwrap();
    let killed = Instant::now();
    let _ = third.wait();
    let output = finish(first, deadline);
    let noticed = killed.elapsed();
    let error = text(&output.stderr);
    assert!(!output.status.success());
    assert!(error.contains("lost process 2"), "{error}");
    // Each process runs 50 items of 200 ms one at a time: a map that went on without
    // noticing would take about 10 s.
    assert!(
        noticed < Duration::from_secs(5),
        "noticed after {noticed:?}"
    );
    let other = finish(second, deadline);
    assert!(
        text(&other.stderr).contains("lost process 2"),
        "{}",
        text(&other.stderr)
    );
}

#[test]
fn a_process_mapping_another_graph_is_refused_at_connection() {
    let hosts = hosts(3);
    let deadline = Instant::now() + DEADLINE;
    let children = [
        start(0, &hosts, &[]),
        start(1, &hosts, &[]),
        start(2, &hosts, &["--graph", "other"]),
    ];
    let outputs = children.map(|child| finish(child, deadline));
    let error = text(&outputs[0].stderr);
    assert!(!outputs[0].status.success());
    assert!(
        error.contains("process 2")
            && error.contains("maps graph `Cubes`, this process maps graph `Squares`"),
        "{error}"
    );
    assert!(!outputs[2].status.success());
    assert!(text(&outputs[2].stderr).contains("does not match"));
}

#[test]
fn re_running_a_failed_map_with_a_shared_disk_cache_recomputes_only_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    let cache = cache.to_str().unwrap();
    let failed = run_all(
        3,
        &[
            "--items",
            "12",
            "--fail",
            "7",
            "--cache",
            cache,
            "--record",
            first.to_str().unwrap(),
        ],
    );
    assert!(!failed[0].status.success(), "item 7 fails the first run");
    assert_eq!(recorded(&first).len(), 12, "every item ran once");
    let again = run_all(
        3,
        &[
            "--items",
            "12",
            "--cache",
            cache,
            "--record",
            second.to_str().unwrap(),
        ],
    );
    assert!(again[0].status.success(), "{}", text(&again[0].stderr));
    let expected: String = (0..12u64).map(|i| format!("{i}: {}\n", i * i)).collect();
    assert_eq!(text(&again[0].stdout), expected);
    let recomputed: Vec<u64> = recorded(&second).iter().map(|&(_, item)| item).collect();
    assert_eq!(recomputed, [7], "only the item that failed ran again");
}
