//! Progress bars for maps (feature `progress`).

use super::{Callback, GraphContext, MapContext, NodeContext};
use crate::{Error, NodeInfo};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Duration;

/// Draws a progress bar per map (items done, items per second, time left) and, under it,
/// one per entry of the mapped graph: items that node has finished (cached ones included),
/// that listed graph has run, or, for an entry mapped with `each(..)`, whose inner map has
/// ended. When the map ends its bars stay on screen with their final counts.
///
/// A map started inside another map's items gets bars of its own, below its parent's;
/// when it ends only its item bar stays (its entries' bars, one set per outer item, would
/// fill the screen).
///
/// Bars go to stderr, and draw nothing when stderr is not a terminal (for example in CI
/// or when redirected to a file), so it is safe to leave on: with a hidden target it keeps
/// no state, every hook returns at once, and it reports itself inactive
/// ([`Callback::is_active`]) so that the runner does not time nodes for it. When drawing, an item costs a shared lock and
/// a lookup by map id, and indicatif redraws at most 20 times a second.
///
/// ```
/// use hypernodes::callbacks::ProgressCallback;
/// let runner = hypernodes::Runner::new().with_callback(ProgressCallback::new());
/// # let _ = runner;
/// ```
pub struct ProgressCallback {
    bars: MultiProgress,
    /// Whether the target shows anything; fixed when made, so hooks need not ask indicatif.
    drawing: bool,
    /// The bars of each running map, by map id.
    maps: RwLock<HashMap<u64, MapBars>>,
}

struct MapBars {
    graph: &'static str,
    items: ProgressBar,
    nodes: Vec<EntryBar>,
    /// Started while no other map had bars: its entries' bars stay when it ends.
    outermost: bool,
}

/// The bar of one entry of a mapped graph.
struct EntryBar {
    name: &'static str,
    advances: Advance,
    bar: ProgressBar,
}

/// Which hook tells that an entry is done for one item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Advance {
    /// A node: `on_node_end` or `on_node_cached`.
    Node,
    /// A listed graph: its `on_graph_end` (graphs fire no node hooks).
    Graph,
    /// A graph mapped with `each(..)`: the end of the map it runs per item.
    Map,
}

impl Advance {
    fn of(node: &NodeInfo) -> Advance {
        let mapped = node
            .composition
            .is_some_and(|composition| composition.mode.is_some());
        match (node.subgraph.is_some(), mapped) {
            (true, true) => Advance::Map,
            (true, false) => Advance::Graph,
            (false, _) => Advance::Node,
        }
    }
}

impl ProgressCallback {
    /// Progress bars on stderr, hidden when stderr is not a terminal.
    pub fn new() -> Self {
        Self::with_target(ProgressDrawTarget::stderr())
    }

    /// No bars at all, as Python's `ProgressCallback(enable=False)`: the callback does
    /// nothing and reports itself inactive, so a runner runs as without it. Handy to
    /// switch progress off from a flag without a second runner type or a dependency on
    /// indicatif:
    ///
    /// ```
    /// use hypernodes::callbacks::ProgressCallback;
    ///
    /// let show_progress = false;
    /// let progress = if show_progress { ProgressCallback::new() } else { ProgressCallback::hidden() };
    /// assert!(!progress.is_drawing());
    /// let runner = hypernodes::Runner::new().with_callback(progress);
    /// # let _ = runner;
    /// ```
    pub fn hidden() -> Self {
        Self::with_target(ProgressDrawTarget::hidden())
    }

    /// Progress bars drawn to `target` (for example `ProgressDrawTarget::hidden()`, or a
    /// terminal of your own). A target hidden now (`hidden()`, or stderr when it is not a
    /// terminal) stays hidden: the callback then does nothing at all.
    ///
    /// ```
    /// use hypernodes::callbacks::{ProgressCallback, ProgressDrawTarget};
    ///
    /// let quiet = ProgressCallback::with_target(ProgressDrawTarget::hidden());
    /// assert!(!quiet.is_drawing());
    /// ```
    pub fn with_target(target: ProgressDrawTarget) -> Self {
        let drawing = !target.is_hidden();
        ProgressCallback {
            bars: MultiProgress::with_draw_target(target),
            drawing,
            maps: RwLock::new(HashMap::new()),
        }
    }

    /// Whether the bars are drawn anywhere (`false` for a hidden target, or stderr when it
    /// is not a terminal).
    pub fn is_drawing(&self) -> bool {
        self.drawing
    }

    fn maps(&self) -> std::sync::RwLockReadGuard<'_, HashMap<u64, MapBars>> {
        // Bars hold no invariant a panic could break.
        self.maps
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn maps_mut(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<u64, MapBars>> {
        self.maps
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Advances the bar of the entry `name`, advanced by `advances`, in the first map
    /// that `in_map` accepts.
    fn entry_done(&self, name: &str, advances: Advance, in_map: impl Fn(&MapBars) -> bool) {
        let maps = self.maps();
        let entry = maps
            .values()
            .filter(|map| in_map(map))
            .flat_map(|map| map.nodes.iter())
            .find(|entry| entry.name == name && entry.advances == advances);
        if let Some(entry) = entry {
            entry.bar.inc(1);
        }
    }

    /// Advances the bar of `node` in the map running `node.graph`.
    fn node_done(&self, node: &NodeContext) {
        let graph = node.graph.name;
        self.entry_done(node.node.name, Advance::Node, |map| map.graph == graph);
    }
}

impl Default for ProgressCallback {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for ProgressCallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProgressCallback")
            .field("drawing", &self.drawing)
            .field("maps", &self.maps().len())
            .finish()
    }
}

fn map_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg:>20} [{bar:30}] {pos}/{len} {rate} eta {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = out.write_str(&rate(state.per_sec()));
            },
        )
        .progress_chars("=> ")
}

/// Items per second as a person reads them: `616/s`, `12.5/s`, `0.25/s` (indicatif's
/// `{per_sec}` prints four decimals, `616.4187/s`).
fn rate(per_sec: f64) -> String {
    match per_sec {
        r if !r.is_finite() => "-/s".to_owned(),
        r if r >= 100.0 => format!("{r:.0}/s"),
        r if r >= 10.0 => format!("{r:.1}/s"),
        r => format!("{r:.2}/s"),
    }
}

fn node_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg:>20} [{bar:30}] {pos}/{len}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("-- ")
}

/// Each hook is an inlined check of `drawing` around an out-of-line body, so that a
/// hidden callback costs the caller a load and a branch.
impl Callback for ProgressCallback {
    /// Only while drawing: a hidden callback spares the run its timing.
    #[inline]
    fn is_active(&self) -> bool {
        self.drawing
    }

    #[inline]
    fn on_map_start(&self, map: &MapContext) {
        if self.drawing {
            self.add_bars(map);
        }
    }

    #[inline]
    fn on_map_item(&self, map: &MapContext, _: usize, _: Duration, _: Result<(), &Error>) {
        if self.drawing {
            self.item_done(map);
        }
    }

    #[inline]
    fn on_map_end(&self, map: &MapContext, _: Duration) {
        if self.drawing {
            self.remove_bars(map);
        }
    }

    #[inline]
    fn on_graph_end(&self, graph: &GraphContext, _: Duration, result: Result<(), &Error>) {
        // A graph listed in an item's graph: its own runs (depth 0) are the items.
        if self.drawing && graph.depth > 0 && graph.item.is_some() && result.is_ok() {
            self.entry_done(graph.graph.name, Advance::Graph, |_| true);
        }
    }

    #[inline]
    fn on_node_end(&self, node: &NodeContext, _: Duration) {
        if self.drawing && node.item.is_some() {
            self.node_done(node);
        }
    }

    #[inline]
    fn on_node_cached(&self, node: &NodeContext) {
        if self.drawing && node.item.is_some() {
            self.node_done(node);
        }
    }
}

impl ProgressCallback {
    fn add_bars(&self, map: &MapContext) {
        let items = self.bars.add(ProgressBar::new(map.items as u64));
        items.set_style(map_style());
        items.set_message(map.graph.name);
        let nodes = map
            .graph
            .nodes
            .iter()
            .map(|node| {
                let bar = self.bars.add(ProgressBar::new(map.items as u64));
                bar.set_style(node_style());
                bar.set_message(format!("· {}", node.name));
                EntryBar {
                    name: node.name,
                    advances: Advance::of(node),
                    bar,
                }
            })
            .collect();
        let mut maps = self.maps_mut();
        let bars = MapBars {
            graph: map.graph.name,
            items,
            nodes,
            outermost: maps.is_empty(),
        };
        maps.insert(map.id, bars);
    }

    fn item_done(&self, map: &MapContext) {
        if let Some(bars) = self.maps().get(&map.id) {
            bars.items.inc(1);
        }
    }

    fn remove_bars(&self, map: &MapContext) {
        let Some(bars) = self.maps_mut().remove(&map.id) else {
            return;
        };
        bars.items.finish();
        for entry in &bars.nodes {
            if bars.outermost {
                entry.bar.finish();
            } else {
                entry.bar.finish_and_clear();
                self.bars.remove(&entry.bar);
            }
        }
        // An entry mapped with `each(..)` in another map's graph is done for one item.
        let graph = map.graph.name;
        self.entry_done(graph, Advance::Map, |outer| outer.graph != graph);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GraphInfo, NodeInfo};
    use indicatif::TermLike;

    const fn node(name: &'static str) -> NodeInfo {
        NodeInfo {
            name,
            module_path: "tests",
            inputs: &[],
            outputs: &[],
            is_async: false,
            fallible: false,
            code_hash: [0; 32],
            cache: false,
            streams: false,
            asks: false,
            version: None,
            subgraph: None,
            composition: None,
        }
    }

    static GRAPH: GraphInfo = GraphInfo {
        name: "Pair",
        module_path: "tests",
        nodes: &[node("first"), node("second")],
        inputs: &[],
        outputs: &[],
        edges: &[],
    };

    /// A terminal that shows nothing but is not hidden, so bars are kept and counted.
    #[derive(Debug)]
    struct Blind;

    impl TermLike for Blind {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, _: &str) -> std::io::Result<()> {
            Ok(())
        }
        fn write_str(&self, _: &str) -> std::io::Result<()> {
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Runs the hooks of a map of `items` items over `GRAPH` (map id 7), and returns the
    /// item and per-node counts seen just before the map ends.
    fn run_map(progress: &ProgressCallback, items: usize) -> Option<(u64, Vec<u64>)> {
        let map = MapContext {
            graph: &GRAPH,
            items,
            id: 7,
        };
        progress.on_map_start(&map);
        for item in 0..items {
            for node in GRAPH.nodes {
                let context = NodeContext {
                    node,
                    graph: &GRAPH,
                    depth: 0,
                    item: Some(item),
                };
                if item % 2 == 0 {
                    progress.on_node_end(&context, Duration::ZERO);
                } else {
                    progress.on_node_cached(&context);
                }
            }
            progress.on_map_item(&map, item, Duration::ZERO, Ok(()));
        }
        let counts = progress.maps().get(&7).map(|bars| {
            let nodes = bars
                .nodes
                .iter()
                .map(|entry| entry.bar.position())
                .collect();
            (bars.items.position(), nodes)
        });
        progress.on_map_end(&map, Duration::ZERO);
        counts
    }

    #[test]
    fn a_drawing_callback_counts_items_and_each_node_then_forgets_the_map() {
        let progress =
            ProgressCallback::with_target(ProgressDrawTarget::term_like(Box::new(Blind)));
        assert!(progress.is_drawing() && progress.is_active());
        assert_eq!(run_map(&progress, 5), Some((5, vec![5, 5])));
        assert!(progress.maps().is_empty());
    }

    #[test]
    fn rates_read_like_a_person_writes_them() {
        assert_eq!(rate(616.4187), "616/s");
        assert_eq!(rate(12.54), "12.5/s");
        assert_eq!(rate(0.254), "0.25/s");
        assert_eq!(rate(f64::INFINITY), "-/s");
    }

    #[test]
    fn hidden_draws_nothing_and_keeps_no_state() {
        let progress = ProgressCallback::hidden();
        assert!(!progress.is_drawing() && !progress.is_active());
        assert_eq!(run_map(&progress, 3), None);
    }

    #[test]
    fn a_hidden_callback_keeps_no_state_per_map() {
        let progress = ProgressCallback::with_target(ProgressDrawTarget::hidden());
        assert!(!progress.is_drawing() && !progress.is_active());
        assert_eq!(run_map(&progress, 5), None);
    }
}
