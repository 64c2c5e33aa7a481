//! `ClusterRunner` gives what `Runner::map` gives: the same outputs in the same order,
//! for zip and product, with cached, fallible and async nodes. On `Cluster::local()`, and
//! on clusters of several "processes" that are threads of this test, over loopback.

use hypernodes::cluster::{Cluster, ClusterError, ClusterRunner};
use hypernodes::{each, fixed, graph, node, Cache, Error, ErrorText, MapMode, MemoryCache, Runner};
use std::net::TcpListener;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
#[error("{0} is too big")]
pub struct TooBig(i64, #[source] Cause);

#[derive(Debug, thiserror::Error)]
#[error("the limit is 15")]
pub struct Cause;

#[node(output_name = "scaled", cache)]
fn scale(x: i64, factor: i64) -> i64 {
    x * factor
}

#[node(output_name = "checked")]
fn check(scaled: i64) -> Result<i64, TooBig> {
    if scaled > 15 {
        Err(TooBig(scaled, Cause))
    } else {
        Ok(scaled)
    }
}

#[node(output_name = "label")]
async fn label(checked: i64, name: &str) -> String {
    format!("{name}={checked}")
}

graph!(pub struct Pipeline = [scale, check, label]);

fn map_inputs() -> PipelineMapInputs {
    PipelineMapInputs {
        x: each([1, 2, 3]),
        factor: each([1, 10]),
        name: fixed("v".to_string()),
    }
}

/// (label or error text) per item.
fn summary(results: Vec<Result<PipelineOutputs, Error>>) -> Vec<String> {
    results
        .into_iter()
        .map(|r| match r {
            Ok(out) => format!("{} {} {}", out.scaled, out.checked, out.label),
            Err(error) => format!("error at {:?}: {error}", error.node()),
        })
        .collect()
}

fn expected(mode: MapMode) -> Vec<String> {
    let inputs = match mode {
        MapMode::Zip => PipelineMapInputs {
            x: each([1, 2]),
            factor: each([1, 10]),
            name: fixed("v".to_string()),
        },
        MapMode::Product => map_inputs(),
    };
    summary(Runner::new().map_results(&Pipeline, inputs, mode).unwrap())
}

#[test]
fn local_gives_the_same_results_as_runner_map_in_order() {
    let runner = ClusterRunner::new(
        Cluster::local(),
        Runner::new().with_cache(MemoryCache::new()),
    );
    let product = runner
        .map_results(&Pipeline, map_inputs, MapMode::Product)
        .unwrap()
        .expect("process 0");
    assert_eq!(summary(product), expected(MapMode::Product));
    assert!(expected(MapMode::Product)
        .iter()
        .any(|s| s.starts_with("error")));
    let zip = runner
        .map_results(
            &Pipeline,
            || PipelineMapInputs {
                x: each([1, 2]),
                factor: each([1, 10]),
                name: fixed("v".to_string()),
            },
            MapMode::Zip,
        )
        .unwrap()
        .unwrap();
    assert_eq!(summary(zip), expected(MapMode::Zip));
    // Cached: a second map hits the runner's cache for every `scale`.
    let stats_before = runner.runner().cache().stats();
    runner
        .map_results(&Pipeline, map_inputs, MapMode::Product)
        .unwrap();
    let stats = runner.runner().cache().stats();
    assert_eq!(stats.hits - stats_before.hits, 6);
}

#[test]
fn zip_of_unequal_lengths_is_the_runners_error() {
    let runner = ClusterRunner::new(Cluster::local(), Runner::new());
    let error = runner
        .map(
            &Pipeline,
            || PipelineMapInputs {
                x: each([1, 2, 3]),
                factor: each([1]),
                name: fixed("v".to_string()),
            },
            MapMode::Zip,
        )
        .unwrap_err();
    assert!(matches!(error, Error::MapLengths { .. }), "{error:?}");
}

/// Runs `processes` cluster members as threads; returns each one's result.
fn on_threads<T: Send>(processes: usize, each_process: impl Fn(Cluster) -> T + Sync) -> Vec<T> {
    let listeners: Vec<TcpListener> = (0..processes)
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    let hosts: Vec<String> = listeners
        .iter()
        .map(|l| l.local_addr().unwrap().to_string())
        .collect();
    drop(listeners);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..processes)
            .map(|index| {
                let cluster = Cluster::new(index, hosts.clone())
                    .unwrap()
                    .connect_timeout(Duration::from_secs(30));
                let each_process = &each_process;
                scope.spawn(move || each_process(cluster))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn two_processes_give_the_same_results_as_runner_map() {
    let results = on_threads(2, |cluster| {
        let runner = ClusterRunner::new(cluster, Runner::new());
        runner
            .map_results(&Pipeline, map_inputs, MapMode::Product)
            .unwrap()
    });
    assert!(results[1].is_none(), "process 1 gets None");
    let first = results
        .into_iter()
        .next()
        .unwrap()
        .expect("process 0 gets the results");
    assert_eq!(summary(first), expected(MapMode::Product));
}

#[test]
fn a_node_error_from_another_process_keeps_its_node_and_its_chain() {
    let results = on_threads(2, |cluster| {
        ClusterRunner::new(cluster, Runner::new()).map(&Pipeline, map_inputs, MapMode::Product)
    });
    let error = results.into_iter().next().unwrap().unwrap_err();
    // Items: (x, factor) = (1,1) (1,10) (2,1) (2,10) (3,1) (3,10); 20 and 30 are over 15.
    let Error::MapItem { index, source } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(error.node(), Some("check"));
    assert_eq!(*index, first_failing_index());
    assert_eq!(*index, 3);
    // Item `index` ran on process `index % 2`; from process 1 the cause is text.
    let chain: Vec<String> =
        std::iter::successors(Some(&**source as &(dyn std::error::Error + 'static)), |e| {
            e.source()
        })
        .map(ToString::to_string)
        .collect();
    assert!(chain.iter().any(|m| m.contains("is too big")), "{chain:?}");
    assert!(chain.iter().any(|m| m == "the limit is 15"), "{chain:?}");
    if index % 2 == 1 {
        let remote = std::error::Error::source(&**source)
            .and_then(|e| e.downcast_ref::<ErrorText>())
            .expect("a node error from another process is an ErrorText");
        assert!(remote.message().contains("is too big"));
    }
}

/// The first item of the product whose `scaled` is over 15, as `Runner::map` finds it.
fn first_failing_index() -> usize {
    match Runner::new().map(&Pipeline, map_inputs(), MapMode::Product) {
        Err(Error::MapItem { index, .. }) => index,
        other => panic!("{other:?}"),
    }
}

#[test]
fn mismatched_host_lists_are_refused() {
    let listeners: Vec<TcpListener> = (0..2)
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    let mut hosts: Vec<String> = listeners
        .iter()
        .map(|l| l.local_addr().unwrap().to_string())
        .collect();
    drop(listeners);
    let mut other = hosts.clone();
    other.push("127.0.0.1:1".into());
    let results = std::thread::scope(|scope| {
        let zero = Cluster::new(0, hosts.clone())
            .unwrap()
            .connect_timeout(Duration::from_secs(2));
        let one = Cluster::new(1, std::mem::take(&mut other))
            .unwrap()
            .connect_timeout(Duration::from_secs(2));
        let a = scope.spawn(move || {
            ClusterRunner::new(zero, Runner::new()).map(&Pipeline, map_inputs, MapMode::Product)
        });
        let b = scope.spawn(move || {
            ClusterRunner::new(one, Runner::new()).map(&Pipeline, map_inputs, MapMode::Product)
        });
        [a.join().unwrap(), b.join().unwrap()]
    });
    hosts.clear();
    let error = results.into_iter().next().unwrap().unwrap_err();
    assert!(
        matches!(
            error,
            Error::Cluster(ClusterError::Mismatch { process: 1, .. })
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("process 1"), "{error}");
}

/// A read-only index every node borrows, given once with `shared`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Index {
    words: Vec<String>,
}

#[node(output_name = "found")]
fn lookup(word: String, index: &Index) -> bool {
    index.words.contains(&word)
}

graph!(pub struct Lookup = [lookup]);

#[test]
fn a_shared_input_reaches_the_items_of_every_process() {
    let results = on_threads(2, |cluster| {
        let index = std::sync::Arc::new(Index {
            words: vec!["b".into(), "d".into()],
        });
        ClusterRunner::new(cluster, Runner::new())
            .map(
                &Lookup,
                || LookupMapInputs {
                    word: each(["a", "b", "c", "d"].map(String::from)),
                    index: hypernodes::shared(index),
                },
                MapMode::Zip,
            )
            .unwrap()
    });
    let found: Vec<bool> = results[0]
        .as_ref()
        .unwrap()
        .iter()
        .map(|o| o.found)
        .collect();
    assert_eq!(found, [false, true, false, true]);
}
