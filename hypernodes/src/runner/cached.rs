//! Reading and writing a cached node's output, as both runners do it: a failing cache
//! never fails the run; it is reported to the callbacks and as a tracing WARN.

use crate::cache::node::Codec;
use crate::callbacks::shield::call_hook;
use crate::callbacks::{Callback, NodeContext};
use crate::{Cache, CacheError, CacheKey, KeyError};

/// Reports a cache failure; the run goes on.
pub(super) fn report<C: Callback>(callbacks: &C, context: &NodeContext, error: &CacheError) {
    tracing::warn!(node = context.node.name, graph = context.graph.name, error = %crate::Report::new(error), "hypernodes cache error");
    call_hook!(callbacks, on_cache_error(context, error));
}

/// The key to use, if the runner has a cache and the inputs could be hashed (a failure to
/// hash them is reported, and the node runs uncached).
pub(super) fn usable_key<C: Callback>(
    callbacks: &C,
    context: &NodeContext,
    key: Option<Result<CacheKey, KeyError>>,
) -> Option<CacheKey> {
    match key? {
        Ok(key) => Some(key),
        Err(error) => {
            report(callbacks, context, &CacheError::Key(error));
            None
        }
    }
}

/// The stored output for `key`, if there is a valid one. A damaged or foreign entry is
/// reported and treated as a miss, so the node recomputes and overwrites it.
pub(super) fn lookup<C: Callback, K: Cache, T>(
    callbacks: &C,
    cache: &K,
    context: &NodeContext,
    key: &CacheKey,
    codec: &Codec<T>,
) -> Option<T> {
    match cache.get_decoded(key, codec.decode) {
        Ok(Some(Ok(value))) => Some(value),
        Ok(Some(Err(error))) | Err(error) => {
            report(callbacks, context, &error);
            None
        }
        Ok(None) => None,
    }
}

/// Stores a node's output under `key`; a failure is reported.
pub(super) fn store<C: Callback, K: Cache, T>(
    callbacks: &C,
    cache: &K,
    context: &NodeContext,
    key: &CacheKey,
    codec: &Codec<T>,
    value: &T,
) {
    if let Err(error) = (codec.encode)(value).and_then(|bytes| cache.put(key, &bytes)) {
        report(callbacks, context, &error);
    }
}
