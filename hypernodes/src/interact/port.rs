//! The runner's end of [`Chunks`](super::Chunks) and [`Interrupt`](super::Interrupt).

use super::interrupt::{Answer, Question};
use super::value::AnyValue;
use crate::{GraphInfo, NodeInfo};
use std::any::{Any, TypeId};
use std::sync::Arc;

/// Where a chunk or question comes from: a node, at one place in the run.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct Site {
    pub node: &'static NodeInfo,
    pub graph: &'static GraphInfo,
    /// The graph the runner was given (`graph` is the innermost one the node is listed in):
    /// with `path`, it says which question this is, for answers supplied to a re-run.
    pub root: &'static GraphInfo,
    pub depth: usize,
    pub item: Option<usize>,
    /// Positions from the runner's graph down to the node: nested graphs, then the node.
    pub path: Arc<[usize]>,
}

/// An answer as the runner moves it: the `A` of an `Interrupt<Q, A>`, boxed.
pub(crate) type RawAnswer = Box<dyn Any + Send>;

/// What a runner does with chunks and questions. Object-safe, so that the node-side
/// handles are not generic over the runner (nodes are plain functions).
#[doc(hidden)]
pub trait Switchboard: Sync {
    /// A node streamed a chunk.
    fn chunk(&self, site: &Site, chunk: Box<dyn AnyValue>);
    /// An answer available at once: one supplied for a re-run, or a handler's.
    /// `key` identifies the question and answer types.
    fn answer_now(&self, site: &Site, key: TypeId, question: &dyn AnyValue) -> Option<RawAnswer>;
    /// The answer type of a handler given for questions of type `question` (whatever
    /// answer it gives), so that an unanswered question can say a handler for another
    /// answer type was given.
    fn handler_answer_type(&self, question: TypeId) -> Option<&'static str> {
        let _ = question;
        None
    }

    /// Whether the run was asked to stop (what a node's [`Stop`](crate::Stop) reports).
    fn stop_requested(&self) -> bool {
        false
    }

    /// Hands the question to someone who answers later (`iter`'s caller), or gives it
    /// back if there is no one. `asked` is the same question as an error would carry it,
    /// for a run that ends while it is unanswered.
    fn wait(
        &self,
        site: &Site,
        question: Box<dyn AnyValue>,
        asked: &Question,
    ) -> Result<futures_channel::oneshot::Receiver<RawAnswer>, Box<dyn AnyValue>>;
}

/// What the generated schedule passes to a node's `Chunks` or `Interrupt` parameter.
#[doc(hidden)]
pub struct Channel<'a> {
    port: Port<'a>,
    site: Site,
}

/// A runner's switchboard, or one of its own for a node called directly (a unit test).
enum Port<'a> {
    Runner(&'a dyn Switchboard),
    Direct(Box<dyn Switchboard + Send + 'a>),
}

impl<'a> Channel<'a> {
    pub fn new(port: &'a dyn Switchboard, site: Site) -> Self {
        Channel {
            port: Port::Runner(port),
            site,
        }
    }

    /// A channel to `port`, for a node called without a runner.
    pub(crate) fn direct(port: impl Switchboard + Send + 'a) -> Self {
        Channel {
            port: Port::Direct(Box::new(port)),
            site: super::direct::site(),
        }
    }

    pub(crate) fn site(&self) -> &Site {
        &self.site
    }

    pub(crate) fn port(&self) -> &dyn Switchboard {
        match &self.port {
            Port::Runner(port) => *port,
            Port::Direct(port) => &**port,
        }
    }

    pub(crate) fn chunk(&self, chunk: Box<dyn AnyValue>) {
        self.port().chunk(&self.site, chunk);
    }
}

/// What a handler given with `with_handler` takes a question as (`&Q`): the question
/// type of a node's [`Interrupt`](crate::Interrupt)`<'_, Q, A>`, an owned value. Implemented
/// for every sized `'static` type; its message explains a handler written for `&str`.
#[diagnostic::on_unimplemented(
    message = "a handler takes `&Q` for a node's `Interrupt<'_, Q, A>`, so `Q` is an owned question type; `{Self}` is not one",
    label = "this handler takes a `&{Self}`",
    note = "the graph asks the question types `Q` of its nodes' `Interrupt<'_, Q, A>` parameters (its generated `{{Graph}}Question` enum lists them); for `Interrupt<'_, String, A>`, write `|question: &String|`"
)]
pub trait QuestionType: Sized + 'static {}

impl<T: 'static> QuestionType for T {}

type Handler = Arc<dyn Fn(&dyn Any) -> Option<RawAnswer> + Send + Sync>;

/// A handler as given: found by its `(Q, A)` key; `Q` and `A`'s name say, for an
/// unanswered question, that a handler for another answer type was given.
#[derive(Clone)]
struct Registered {
    key: TypeId,
    question: TypeId,
    answer_type: &'static str,
    handler: Handler,
}

/// How a runner answers questions without asking anyone: answers supplied for a re-run,
/// then handlers by question and answer type.
#[derive(Clone, Default)]
pub(crate) struct Interaction {
    handlers: Vec<Registered>,
    answers: Vec<Answer>,
}

impl Interaction {
    pub(crate) fn with_handler<Q, A, F>(mut self, handler: F) -> Self
    where
        Q: 'static,
        A: Send + 'static,
        F: Fn(&Q) -> Option<A> + Send + Sync + 'static,
    {
        let key = TypeId::of::<(Q, A)>();
        let handler: Handler = Arc::new(move |question: &dyn Any| {
            let question = question.downcast_ref::<Q>()?;
            handler(question).map(|answer| Box::new(answer) as RawAnswer)
        });
        self.handlers.retain(|registered| registered.key != key);
        self.handlers.push(Registered {
            key,
            question: TypeId::of::<Q>(),
            answer_type: std::any::type_name::<A>(),
            handler,
        });
        self
    }

    pub(crate) fn with_answer(mut self, answer: Answer) -> Self {
        self.answers.retain(|a| !a.same_question(&answer));
        self.answers.push(answer);
        self
    }

    pub(crate) fn answer_now(
        &self,
        site: &Site,
        key: TypeId,
        question: &dyn AnyValue,
    ) -> Option<RawAnswer> {
        if let Some(answer) = self.answers.iter().find(|a| a.answers(site, key)) {
            return Some(answer.raw());
        }
        let registered = self.handlers.iter().find(|r| r.key == key)?;
        (registered.handler)(question.as_any())
    }

    /// See [`Switchboard::handler_answer_type`].
    pub(crate) fn handler_answer_type(&self, question: TypeId) -> Option<&'static str> {
        self.handlers
            .iter()
            .find(|registered| registered.question == question)
            .map(|registered| registered.answer_type)
    }
}

impl std::fmt::Debug for Interaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interaction")
            .field("handlers", &self.handlers.len())
            .field("answers", &self.answers)
            .finish()
    }
}
