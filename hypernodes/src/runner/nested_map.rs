//! What every map shares (`Runner::map`, and a mapped list entry, `each(..)` in a
//! `graph!` list, under both executors): stopping after the first failure, and the
//! outputs in item order.

use crate::Error;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The lowest item index that failed so far: items after it need not run.
pub(super) struct FirstFailure(AtomicUsize);

impl Default for FirstFailure {
    fn default() -> Self {
        FirstFailure(AtomicUsize::new(usize::MAX))
    }
}

impl FirstFailure {
    /// Whether item `index` comes after a failed one, so its result cannot matter.
    pub(super) fn skips(&self, index: usize) -> bool {
        index > self.0.load(Ordering::Relaxed)
    }

    pub(super) fn record<T>(&self, index: usize, result: &Result<T, Error>) {
        if result.is_err() {
            self.0.fetch_min(index, Ordering::Relaxed);
        }
    }
}

/// The outputs in item order, or the error of the first failed item, with its index.
/// Items are skipped (`None`) only after a failure at a lower index.
pub(super) fn in_order<T>(results: Vec<Option<Result<T, Error>>>) -> Result<Vec<T>, Error> {
    let mut outputs = Vec::with_capacity(results.len());
    for (index, result) in results.into_iter().enumerate() {
        match result {
            Some(Ok(output)) => outputs.push(output),
            Some(Err(error)) => {
                return Err(Error::MapItem {
                    index,
                    source: Box::new(error),
                })
            }
            None => unreachable!("items are skipped only after a failure at a lower index"),
        }
    }
    Ok(outputs)
}
