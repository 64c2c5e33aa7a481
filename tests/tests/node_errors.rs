//! `Error::node_error` finds a node's own error through every wrapper, and
//! `Error::failed_item` the map item that failed.

use hypernodes::{each, graph, node, AsyncRunner, Error, MapMode, Runner};

#[derive(Debug, PartialEq, thiserror::Error)]
#[error("{0} is odd")]
struct Odd(u32);

#[derive(Debug, thiserror::Error)]
#[error("never returned")]
struct Other;

#[node(output_name = "half")]
fn halve(x: u32) -> Result<u32, Odd> {
    if x.is_multiple_of(2) {
        Ok(x / 2)
    } else {
        Err(Odd(x))
    }
}

#[node(output_name = "shown")]
fn show(half: u32) -> String {
    half.to_string()
}

graph!(struct Halve = [halve]);
graph!(struct Shown = [Halve, show]);

#[test]
fn a_run_gives_the_nodes_own_error_and_no_item() {
    let error = Runner::new().run(&Halve, HalveInputs { x: 3 }).unwrap_err();
    assert_eq!(error.node_error::<Odd>(), Some(&Odd(3)));
    assert!(
        error.node_error::<Other>().is_none(),
        "another type is None"
    );
    assert_eq!(error.failed_item(), None);
}

#[test]
fn a_nested_graph_inside_a_map_gives_the_nodes_own_error_and_the_item() {
    let inputs = ShownMapInputs {
        x: each([2, 4, 7, 8]),
    };
    let error = Runner::new().map(&Shown, inputs, MapMode::Zip).unwrap_err();
    assert!(matches!(error, Error::MapItem { .. }));
    assert_eq!(error.node_error::<Odd>(), Some(&Odd(7)));
    assert_eq!(error.failed_item(), Some(2));
    assert_eq!(error.node(), Some("halve"));
}

#[test]
fn the_async_runner_gives_the_same() {
    let runner = AsyncRunner::new();
    let inputs = ShownMapInputs { x: each([1, 2]) };
    let error = futures::executor::block_on(runner.map(&Shown, inputs, MapMode::Zip)).unwrap_err();
    assert_eq!(error.node_error::<Odd>(), Some(&Odd(1)));
    assert_eq!(error.failed_item(), Some(0));
}

#[node(output_name = "sum")]
fn add(a: u32, b: u32) -> u32 {
    a + b
}

graph!(struct Add = [add]);

#[test]
fn errors_not_from_a_node_have_no_node_error_and_no_item() {
    let inputs = AddMapInputs {
        a: each([1, 2]),
        b: each([1]),
    };
    let error = Runner::new().map(&Add, inputs, MapMode::Zip).unwrap_err();
    assert!(matches!(error, Error::MapLengths { .. }));
    assert!(error.node_error::<Odd>().is_none());
    assert_eq!(error.failed_item(), None);
}
