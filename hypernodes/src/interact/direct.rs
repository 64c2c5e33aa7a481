//! The other end of `Chunks` and `Interrupt` when a test calls a node directly, with no
//! runner: streaming and asking nodes stay plain functions.

use super::interrupt::Question;
use super::port::{RawAnswer, Site, Switchboard};
use super::value::AnyValue;
use crate::{GraphInfo, NodeInfo};
use futures_channel::oneshot::Receiver;
use std::any::TypeId;
use std::marker::PhantomData;
use std::sync::Mutex;

/// Where a directly called node is, as a question it asks names it.
static DIRECT: GraphInfo = GraphInfo {
    name: "(called directly)",
    module_path: "",
    nodes: &[NODE],
    inputs: &[],
    outputs: &[],
    edges: &[],
};

const NODE: NodeInfo = NodeInfo {
    name: "(called directly)",
    module_path: "",
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
};

pub(super) fn site() -> Site {
    Site {
        node: &DIRECT.nodes[0],
        graph: &DIRECT,
        root: &DIRECT,
        depth: 0,
        item: None,
        path: [0].into(),
    }
}

/// Hands each chunk of type `T` to `sink`; it is the only type a `Chunks<T>` sends.
pub(super) struct ChunkSink<T, F> {
    sink: Mutex<F>,
    chunk: PhantomData<fn(T)>,
}

impl<T, F: FnMut(T)> ChunkSink<T, F> {
    pub(super) fn new(sink: F) -> Self {
        ChunkSink {
            sink: Mutex::new(sink),
            chunk: PhantomData,
        }
    }
}

impl<T: 'static, F: FnMut(T) + Send> Switchboard for ChunkSink<T, F> {
    fn chunk(&self, _: &Site, chunk: Box<dyn AnyValue>) {
        if let Ok(chunk) = chunk.into_any().downcast::<T>() {
            // A sink that panicked once still takes the next chunks.
            let mut sink = self.sink.lock().unwrap_or_else(|p| p.into_inner());
            (sink)(*chunk);
        }
    }
    fn answer_now(&self, _: &Site, _: TypeId, _: &dyn AnyValue) -> Option<RawAnswer> {
        None
    }
    fn wait(
        &self,
        _: &Site,
        question: Box<dyn AnyValue>,
        _: &Question,
    ) -> Result<Receiver<RawAnswer>, Box<dyn AnyValue>> {
        Err(question)
    }
}

/// Answers questions of type `Q` with `answer(question)`; `None` leaves them unanswered.
pub(super) struct Answerer<Q, A, F> {
    answer: F,
    types: PhantomData<fn(Q) -> A>,
}

impl<Q, A, F: Fn(&Q) -> Option<A>> Answerer<Q, A, F> {
    pub(super) fn new(answer: F) -> Self {
        Answerer {
            answer,
            types: PhantomData,
        }
    }
}

impl<Q: 'static, A: Send + 'static, F: Fn(&Q) -> Option<A> + Sync> Switchboard
    for Answerer<Q, A, F>
{
    fn chunk(&self, _: &Site, _: Box<dyn AnyValue>) {}
    fn answer_now(&self, _: &Site, _: TypeId, question: &dyn AnyValue) -> Option<RawAnswer> {
        let question = question.downcast_ref::<Q>()?;
        (self.answer)(question).map(|answer| Box::new(answer) as RawAnswer)
    }
    fn wait(
        &self,
        _: &Site,
        question: Box<dyn AnyValue>,
        _: &Question,
    ) -> Result<Receiver<RawAnswer>, Box<dyn AnyValue>> {
        Err(question)
    }
}
