//! Progress bars for maps (feature `progress`).

use super::{Callback, MapContext, NodeContext};
use crate::Error;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Draws a progress bar per map (items done, items per second, time left) and, under it,
/// one per node of the mapped graph (items that node has finished, cached ones included).
/// A map started inside another map's items gets bars of its own, below its parent's.
///
/// Bars go to stderr, and draw nothing when stderr is not a terminal (for example in CI
/// or when redirected to a file), so it is safe to leave on.
///
/// ```
/// use hypernodes::callbacks::ProgressCallback;
/// let runner = hypernodes::Runner::new().with_callback(ProgressCallback::new());
/// # let _ = runner;
/// ```
pub struct ProgressCallback {
    bars: MultiProgress,
    maps: Mutex<HashMap<u64, MapBars>>,
}

struct MapBars {
    graph: &'static str,
    items: ProgressBar,
    nodes: Vec<(&'static str, ProgressBar)>,
}

impl ProgressCallback {
    /// Progress bars on stderr, hidden when stderr is not a terminal.
    pub fn new() -> Self {
        Self::with_target(ProgressDrawTarget::stderr())
    }

    /// Progress bars drawn to `target` (for example `ProgressDrawTarget::hidden()`, or a
    /// terminal of your own).
    pub fn with_target(target: ProgressDrawTarget) -> Self {
        ProgressCallback {
            bars: MultiProgress::with_draw_target(target),
            maps: Mutex::new(HashMap::new()),
        }
    }

    fn maps(&self) -> std::sync::MutexGuard<'_, HashMap<u64, MapBars>> {
        // Bars hold no invariant a panic could break.
        self.maps
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Advances the bar of `node` in the map running `node.graph`.
    fn node_done(&self, node: &NodeContext) {
        if node.item.is_none() {
            return;
        }
        let maps = self.maps();
        let bar = maps
            .values()
            .filter(|map| map.graph == node.graph.name)
            .flat_map(|map| map.nodes.iter())
            .find(|(name, _)| *name == node.node.name);
        if let Some((_, bar)) = bar {
            bar.inc(1);
        }
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
            .field("maps", &self.maps().len())
            .finish()
    }
}

fn map_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg:>20} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

fn node_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg:>20} [{bar:30}] {pos}/{len}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("-- ")
}

impl Callback for ProgressCallback {
    fn on_map_start(&self, map: &MapContext) {
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
                (node.name, bar)
            })
            .collect();
        self.maps().insert(
            map.id,
            MapBars {
                graph: map.graph.name,
                items,
                nodes,
            },
        );
    }

    fn on_map_item(&self, map: &MapContext, _: usize, _: Duration, _: Result<(), &Error>) {
        if let Some(bars) = self.maps().get(&map.id) {
            bars.items.inc(1);
        }
    }

    fn on_map_end(&self, map: &MapContext, _: Duration) {
        if let Some(bars) = self.maps().remove(&map.id) {
            bars.items.finish();
            for (_, bar) in bars.nodes {
                bar.finish_and_clear();
                self.bars.remove(&bar);
            }
        }
    }

    fn on_node_end(&self, node: &NodeContext, _: Duration) {
        self.node_done(node);
    }

    fn on_node_cached(&self, node: &NodeContext) {
        self.node_done(node);
    }
}
