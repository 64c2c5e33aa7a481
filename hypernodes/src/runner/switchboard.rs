//! The runners' end of `Chunks` and `Interrupt`: callbacks, answers and handlers, and,
//! for `iter`, the event stream.

use crate::callbacks::shield::call_hook;
use crate::callbacks::{Callback, NodeContext};
use crate::interact::{AnyValue, Interaction, Site, Switchboard};
use crate::{GraphInfo, Question};
use futures_channel::oneshot::Receiver;
use std::any::{Any, TypeId};

/// Who else hears of chunks and questions besides the callbacks: nobody for `run` and
/// `map`, the event stream for `iter`.
pub(crate) trait Listener: Sync {
    fn chunk(&self, site: &Site, chunk: Box<dyn AnyValue>);
    fn wait(
        &self,
        site: &Site,
        question: Box<dyn AnyValue>,
        asked: &Question,
    ) -> Result<Receiver<Box<dyn Any + Send>>, Box<dyn AnyValue>>;
}

impl Listener for () {
    fn chunk(&self, _: &Site, _: Box<dyn AnyValue>) {}
    fn wait(
        &self,
        _: &Site,
        question: Box<dyn AnyValue>,
        _: &Question,
    ) -> Result<Receiver<Box<dyn Any + Send>>, Box<dyn AnyValue>> {
        Err(question)
    }
}

/// A run's switchboard: its callbacks, its answers and handlers, and its listener.
pub(crate) struct RunSwitchboard<'r, C, L> {
    pub(crate) callbacks: &'r C,
    pub(crate) interaction: &'r Interaction,
    pub(crate) listener: L,
    /// The run's stop flag, if it can be stopped.
    pub(crate) stop: Option<&'r super::stopping::StopState>,
}

impl<C: Callback + Sync, L: Listener> Switchboard for RunSwitchboard<'_, C, L> {
    fn chunk(&self, site: &Site, chunk: Box<dyn AnyValue>) {
        call_hook!(self.callbacks, on_chunk(&site_context(site), &*chunk));
        self.listener.chunk(site, chunk);
    }

    fn answer_now(
        &self,
        site: &Site,
        key: TypeId,
        question: &dyn AnyValue,
    ) -> Option<Box<dyn Any + Send>> {
        self.interaction.answer_now(site, key, question)
    }

    fn handler_answer_type(&self, question: TypeId) -> Option<&'static str> {
        self.interaction.handler_answer_type(question)
    }

    fn stop_requested(&self) -> bool {
        self.stop.is_some_and(super::stopping::StopState::requested)
    }

    fn wait(
        &self,
        site: &Site,
        question: Box<dyn AnyValue>,
        asked: &Question,
    ) -> Result<Receiver<Box<dyn Any + Send>>, Box<dyn AnyValue>> {
        self.listener.wait(site, question, asked)
    }
}

/// Where the node of `context` is: at `position` of a graph listed at `nested`.
pub(super) fn site(
    context: NodeContext,
    root: &'static GraphInfo,
    nested: &[usize],
    position: usize,
) -> Site {
    Site {
        node: context.node,
        graph: context.graph,
        root,
        depth: context.depth,
        item: context.item,
        path: nested.iter().copied().chain([position]).collect(),
    }
}

/// What callbacks hear about the node at `site`.
fn site_context(site: &Site) -> NodeContext {
    NodeContext {
        node: site.node,
        graph: site.graph,
        depth: site.depth,
        item: site.item,
    }
}
