//! `AsyncRunner::map_iter`: a map whose results come as a stream, as items finish.

use crate::callbacks::shield::call_hook;
use crate::callbacks::{Callback, MapContext};
use crate::Error;
use futures_util::stream::{Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

/// The results of [`AsyncRunner::map_iter`](crate::AsyncRunner::map_iter), in the order
/// items finish: `(index, result)` for every item, each index once. Dropping it cancels
/// the items still running; `on_map_end` fires when it ends or is dropped.
#[must_use = "a stream does nothing unless polled"]
pub struct MapStream<'a, S, C: Callback> {
    items: S,
    /// `None` once `on_map_end` has fired.
    end: Option<MapEnd<'a, C>>,
}

struct MapEnd<'a, C: Callback> {
    callbacks: &'a C,
    context: MapContext,
    started: Instant,
}

impl<C: Callback> MapEnd<'_, C> {
    fn fire(self) {
        call_hook!(
            self.callbacks,
            on_map_end(&self.context, self.started.elapsed())
        );
    }
}

impl<'a, S, C: Callback> MapStream<'a, S, C> {
    pub(super) fn new(items: S, callbacks: &'a C, context: MapContext) -> Self {
        MapStream {
            items,
            end: Some(MapEnd {
                callbacks,
                context,
                started: Instant::now(),
            }),
        }
    }
}

impl<T, S, C> Stream for MapStream<'_, S, C>
where
    S: Stream<Item = (usize, Result<T, Error>)> + Unpin,
    C: Callback,
{
    type Item = (usize, Result<T, Error>);

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        let next = this.items.poll_next_unpin(cx);
        if let Poll::Ready(None) = next {
            if let Some(end) = this.end.take() {
                end.fire();
            }
        }
        next
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl<S, C: Callback> Drop for MapStream<'_, S, C> {
    fn drop(&mut self) {
        if let Some(end) = self.end.take() {
            end.fire();
        }
    }
}

impl<S, C: Callback> std::fmt::Debug for MapStream<'_, S, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MapStream")
            .field("ended", &self.end.is_none())
            .finish()
    }
}
