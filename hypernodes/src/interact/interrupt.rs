//! `Interrupt`: a node parameter through which the node asks a question and waits for
//! the answer; `Question` and `Answer`: the question as an error carries it, and the
//! answer a re-run supplies.

use super::direct::Answerer;
use super::port::{Channel, RawAnswer, Site};
use super::type_name::short_type_name;
use super::value::AnyValue;
use crate::{Error, GraphInfo, NodeInfo};
use std::any::{Any, TypeId};
use std::fmt::{self, Debug};
use std::marker::PhantomData;
use std::sync::Arc;

/// A node parameter for human-in-the-loop steps: the node asks a question of type `Q`
/// and gets an answer of type `A`.
///
/// `graph!` does not wire it by name; the runner answers, in this order:
/// 1. an answer supplied for this node with `with_answer` (how a stopped run resumes);
/// 2. a handler for `Q` and `A` given with `with_handler`;
/// 3. under [`AsyncRunner::iter`](crate::AsyncRunner::iter), from an `async` node: the
///    caller, who gets the question as an [`Event::Interrupt`](crate::Event::Interrupt)
///    and answers with [`Events::respond`](crate::Events::respond).
///
/// Otherwise `ask` returns [`Interrupted`]: return it with `?`, and the run stops with
/// [`Error::Interrupted`], which carries the [`Question`]. Answer it and re-run: nodes
/// marked `cache` that ran before the question are served from the cache.
///
/// A node has at most one `Interrupt` parameter (it may ask several times) and cannot be
/// `cache`d (its output depends on the answer, which is not part of the key).
///
/// ```
/// use hypernodes::{graph, node, BoxError, Interrupt, Runner};
///
/// #[node(output_name = "published")]
/// fn publish(draft: String, approval: Interrupt<'_, String, bool>) -> Result<bool, BoxError> {
///     let approved = approval.ask_blocking(format!("publish {draft:?}?"))?;
///     Ok(approved)
/// }
///
/// graph!(struct Publish = [publish]);
///
/// let inputs = || PublishInputs { draft: "hello".into() };
///
/// // No one to answer: the run stops with the question.
/// let error = Runner::new().run(&Publish, inputs()).unwrap_err();
/// let question = error.question().unwrap();
/// assert_eq!(question.get::<String>().unwrap(), "publish \"hello\"?");
///
/// // Re-run with the answer.
/// let runner = Runner::new().with_answer(question.answer(true)?);
/// assert!(runner.run(&Publish, inputs())?.published);
///
/// // Or answer with a handler.
/// let runner = Runner::new().with_handler(|_: &String| Some(false));
/// assert!(!runner.run(&Publish, inputs())?.published);
/// # Ok::<(), hypernodes::Error>(())
/// ```
pub struct Interrupt<'a, Q, A>
where
    Q: Debug + Clone + Send + Sync + 'static,
    A: Debug + Clone + Send + Sync + 'static,
{
    channel: Channel<'a>,
    types: PhantomData<fn(Q) -> A>,
}

/// What `ask` does once the runner has seen the question.
enum Asked<A> {
    Now(Result<A, Interrupted>),
    Later(futures_channel::oneshot::Receiver<RawAnswer>, Question),
}

impl<'a, Q, A> Interrupt<'a, Q, A>
where
    Q: Debug + Clone + Send + Sync + 'static,
    A: Debug + Clone + Send + Sync + 'static,
{
    #[doc(hidden)]
    pub fn __new(channel: Channel<'a>) -> Self {
        Interrupt {
            channel,
            types: PhantomData,
        }
    }

    /// An `Interrupt` that answers every question with a clone of `answer`, for calling
    /// an asking node directly (in a unit test, or outside any graph).
    ///
    /// ```
    /// use hypernodes::{node, BoxError, Interrupt};
    ///
    /// #[node(output_name = "published")]
    /// fn publish(draft: String, approval: Interrupt<'_, String, bool>) -> Result<bool, BoxError> {
    ///     Ok(approval.ask_blocking(format!("publish {draft:?}?"))?)
    /// }
    ///
    /// assert!(publish("hello".into(), Interrupt::with_answer(true))?);
    /// # Ok::<(), BoxError>(())
    /// ```
    pub fn with_answer(answer: A) -> Self {
        Self::with_handler(move |_: &Q| Some(answer.clone()))
    }

    /// An `Interrupt` that answers with `handler(question)`; `None` leaves the question
    /// unanswered, so `ask` returns [`Interrupted`] (as under a runner with no answer).
    ///
    /// ```
    /// use hypernodes::Interrupt;
    ///
    /// let approval = Interrupt::<String, bool>::with_handler(|draft: &String| {
    ///     (!draft.is_empty()).then(|| draft.len() < 10)
    /// });
    /// assert_eq!(approval.ask_blocking("short".into()).ok(), Some(true));
    /// let unanswered = approval.ask_blocking(String::new()).unwrap_err();
    /// assert_eq!(unanswered.question().get::<String>().map(String::as_str), Some(""));
    /// ```
    pub fn with_handler(handler: impl Fn(&Q) -> Option<A> + Send + Sync + 'a) -> Self {
        Self::__new(Channel::direct(Answerer::new(handler)))
    }

    fn question(&self, question: Q) -> Question {
        let mut asked = Question::new::<Q, A>(self.channel.site().clone(), question);
        asked.other_handler = self.channel.port().handler_answer_type(TypeId::of::<Q>());
        asked
    }

    fn answer_now(&self, question: &Q) -> Option<Result<A, Interrupted>> {
        let key = TypeId::of::<(Q, A)>();
        let raw = self
            .channel
            .port()
            .answer_now(self.channel.site(), key, question)?;
        Some(downcast(raw, || self.question(question.clone())))
    }

    fn start(&self, question: Q, wait: bool) -> Asked<A> {
        if let Some(answer) = self.answer_now(&question) {
            return Asked::Now(answer);
        }
        let asked = self.question(question.clone());
        if !wait {
            return Asked::Now(Err(Interrupted::new(asked)));
        }
        match self
            .channel
            .port()
            .wait(self.channel.site(), Box::new(question), &asked)
        {
            Ok(receiver) => Asked::Later(receiver, asked),
            Err(_) => Asked::Now(Err(Interrupted::new(asked))),
        }
    }

    /// Asks the question and waits for the answer. Under
    /// [`AsyncRunner::iter`](crate::AsyncRunner::iter) the question goes out as an event
    /// when nothing answers it at once; elsewhere an unanswered question returns
    /// [`Interrupted`] right away.
    pub async fn ask(&self, question: Q) -> Result<A, Interrupted> {
        match self.start(question, true) {
            Asked::Now(answer) => answer,
            Asked::Later(receiver, asked) => match receiver.await {
                Ok(raw) => downcast(raw, || asked.clone()),
                // The run is being dropped.
                Err(_) => Err(Interrupted::new(asked)),
            },
        }
    }

    /// Asks the question from a plain (non-`async`) node: answered by a supplied answer or
    /// a handler (which may block, for example to read a terminal), or [`Interrupted`].
    /// It never waits for [`Events::respond`](crate::Events::respond), which needs the
    /// node to be `async`.
    pub fn ask_blocking(&self, question: Q) -> Result<A, Interrupted> {
        match self.start(question, false) {
            Asked::Now(answer) => answer,
            Asked::Later(_, asked) => Err(Interrupted::new(asked)),
        }
    }
}

fn downcast<A: 'static>(
    raw: RawAnswer,
    asked: impl FnOnce() -> Question,
) -> Result<A, Interrupted> {
    // Answers are looked up by the `(Q, A)` type pair, so the type always matches.
    raw.downcast::<A>()
        .map(|answer| *answer)
        .map_err(|_| Interrupted::new(asked()))
}

impl<Q, A> Debug for Interrupt<'_, Q, A>
where
    Q: Debug + Clone + Send + Sync + 'static,
    A: Debug + Clone + Send + Sync + 'static,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Interrupt")
            .field("node", &self.channel.site().node.name)
            .finish()
    }
}

/// A question a node asked that nothing answered, as [`Error::Interrupted`] carries it.
/// Read it with [`get`](Question::get); answer it with [`answer`](Question::answer) and
/// pass the answer to the runner's `with_answer` to resume.
#[derive(Clone)]
pub struct Question {
    site: Site,
    value: Arc<dyn AnyValue>,
    key: TypeId,
    answer_type: TypeId,
    /// The answer type as written, without module paths (`Vec<String>`).
    answer_type_name: Arc<str>,
    /// The answer type of a handler given for this question type, which (answering
    /// another type than the node's) was not called.
    other_handler: Option<&'static str>,
}

impl Question {
    fn new<Q, A>(site: Site, value: Q) -> Self
    where
        Q: Debug + Send + Sync + 'static,
        A: 'static,
    {
        Question {
            site,
            value: Arc::new(value),
            key: TypeId::of::<(Q, A)>(),
            answer_type: TypeId::of::<A>(),
            answer_type_name: short_type_name(std::any::type_name::<A>()).into(),
            other_handler: None,
        }
    }

    /// What to do about the question, for [`Error::Interrupted`]'s message: a handler
    /// for its question type that answers another type was not called, so say so.
    pub(crate) fn advice(&self) -> String {
        let expected = &self.answer_type_name;
        match self.other_handler {
            Some(given) => format!(
                "a handler for this question type was given with `with_handler`, but it answers `{}`, not `{expected}`, so it was not called; make the handler return `Option<{expected}>`, or re-run with `with_answer(question.answer(..)?)`",
                short_type_name(given)
            ),
            None => "give a handler with `with_handler`, re-run with `with_answer(question.answer(..)?)`, or, under `iter`, `respond` before polling again".to_owned(),
        }
    }

    /// The node that asked.
    pub fn node(&self) -> &'static NodeInfo {
        self.site.node
    }

    /// The graph the node is listed in (the innermost, for nested graphs).
    pub fn graph(&self) -> &'static GraphInfo {
        self.site.graph
    }

    /// The graph the runner was given when the node asked (the outermost, for nested
    /// graphs; the mapped graph, in a map). An answer to this question answers only runs
    /// of this graph.
    pub fn root_graph(&self) -> &'static GraphInfo {
        self.site.root
    }

    /// The question, if it has type `Q`.
    pub fn get<Q: Any>(&self) -> Option<&Q> {
        self.value.downcast_ref()
    }

    /// The question, whatever its type (printable with `Debug`).
    pub fn value(&self) -> &dyn AnyValue {
        &*self.value
    }

    /// The name of the answer type the node expects, as written in its `Interrupt`
    /// parameter, without module paths (`String`, `Vec<Label>`).
    pub fn answer_type(&self) -> &str {
        &self.answer_type_name
    }

    /// An answer to this question, for the runner's `with_answer`; an error if `answer`
    /// is not of the type the node expects.
    pub fn answer<A: Debug + Clone + Send + Sync + 'static>(
        &self,
        answer: A,
    ) -> Result<Answer, Error> {
        if TypeId::of::<A>() != self.answer_type {
            return Err(Error::AnswerType {
                node: self.site.node.name,
                expected: self.answer_type_name.to_string(),
                found: short_type_name(std::any::type_name::<A>()),
            });
        }
        Ok(Answer {
            root: Named::graph(self.site.root),
            path: Arc::clone(&self.site.path),
            node: Named::node(self.site.node),
            key: self.key,
            value: Arc::new(answer),
            raw: |value| {
                let answer = value
                    .downcast_ref::<A>()
                    .expect("an answer holds the type it was made with");
                Box::new(answer.clone())
            },
        })
    }
}

impl Debug for Question {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Question")
            .field("node", &self.site.node.name)
            .field("graph", &self.site.graph.name)
            .field("question", &self.value)
            .field("answer_type", &self.answer_type_name)
            .finish()
    }
}

impl fmt::Display for Question {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.value)
    }
}

/// An answer for a re-run: made by [`Question::answer`], given to the runner's
/// `with_answer`. It answers the same node at the same place in the same graph on every
/// run of that runner (every item, in a map), and every question that node asks with the
/// same types: a node that asks two different things should be two nodes.
///
/// It answers nothing else: not a node at the same position of another graph the runner
/// runs, not another node that asks with the same types (an approval given to `publish`
/// never approves `delete_everything`). Graphs and nodes are told apart by name and
/// module path.
#[derive(Clone)]
pub struct Answer {
    /// The graph the runner ran when the question was asked.
    root: Named,
    /// Where the node is in `root`: nested graphs, then the node.
    path: Arc<[usize]>,
    node: Named,
    key: TypeId,
    value: Arc<dyn AnyValue>,
    raw: fn(&dyn AnyValue) -> RawAnswer,
}

/// A graph or node by name and module path: what stays the same across runs and builds,
/// unlike the address of its `GraphInfo` (a `const` may be duplicated).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Named {
    name: &'static str,
    module_path: &'static str,
}

impl Named {
    fn graph(graph: &GraphInfo) -> Self {
        Named {
            name: graph.name,
            module_path: graph.module_path,
        }
    }

    fn node(node: &NodeInfo) -> Self {
        Named {
            name: node.name,
            module_path: node.module_path,
        }
    }
}

impl Answer {
    /// Whether this answers the question of types `key` asked at `site`.
    pub(crate) fn answers(&self, site: &Site, key: TypeId) -> bool {
        self.key == key
            && *self.path == *site.path
            && self.node == Named::node(site.node)
            && self.root == Named::graph(site.root)
    }

    /// Whether both answer the same question (a later one replaces an earlier one).
    pub(crate) fn same_question(&self, other: &Answer) -> bool {
        self.key == other.key
            && self.path == other.path
            && self.node == other.node
            && self.root == other.root
    }

    pub(crate) fn raw(&self) -> RawAnswer {
        (self.raw)(&*self.value)
    }
}

impl Debug for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answer")
            .field("graph", &self.root.name)
            .field("node", &self.node.name)
            .field("path", &self.path)
            .field("answer", &self.value)
            .finish()
    }
}

/// What [`Interrupt::ask`] returns when nothing answers: return it from the node with `?`
/// and the run stops with [`Error::Interrupted`].
#[derive(Clone, Debug, thiserror::Error)]
#[error("node `{}` asked {} and nothing answered", .0.site.node.name, .0)]
pub struct Interrupted(Box<Question>);

impl Interrupted {
    fn new(question: Question) -> Self {
        Interrupted(Box::new(question))
    }

    /// The question.
    pub fn question(&self) -> &Question {
        &self.0
    }

    pub(crate) fn into_question(self) -> Box<Question> {
        self.0
    }
}
