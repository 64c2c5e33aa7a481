//! The error a run returns.

/// A boxed error from a node, as kept in [`Error::Node`].
///
/// A node returning `Result<T, E>` may use any `E` that converts into it (an error type
/// that is `Error + Send + Sync + 'static`, `String`, `anyhow::Error`, ...) and also
/// `Box<dyn Error>`, which is not `Send`: such an error is turned, where the node
/// returns it, into one that keeps its message and its chain of `source()`s as text, so
/// `error.node()`, `to_string()` and walking the sources still work.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An error kept as text: its message, and its sources' one by one (each an `ErrorText`
/// too), so that `to_string()` and walking `source()` read as the original did.
///
/// What a node's `Box<dyn Error>` becomes (that error cannot cross threads), and, with the
/// `cluster` feature, what a node's error that happened in another process is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "cluster", derive(serde::Serialize, serde::Deserialize))]
pub struct ErrorText {
    message: String,
    source: Option<Box<ErrorText>>,
}

impl ErrorText {
    /// `error` and its sources, as text.
    pub fn of(error: &dyn std::error::Error) -> Self {
        ErrorText {
            message: error.to_string(),
            source: error.source().map(|source| Box::new(ErrorText::of(source))),
        }
    }

    /// A message with no source.
    pub fn new(message: impl Into<String>) -> Self {
        ErrorText {
            message: message.into(),
            source: None,
        }
    }

    /// The error's own message (without its sources').
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for ErrorText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ErrorText {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// Why a run failed.
///
/// As Rust errors do, its `Display` says what failed at this level only (which node, which
/// item); what caused it comes from [`source`](std::error::Error::source), one level at a
/// time. [`Error::report`] prints the whole chain on one line, as `anyhow`'s `{:#}` does.
///
/// ```
/// use hypernodes::{graph, node, Runner};
///
/// #[node(output_name = "port")]
/// fn parse(text: String) -> Result<u16, std::num::ParseIntError> { text.parse() }
///
/// graph!(struct Config = [parse]);
///
/// let error = Runner::new().run(&Config, ConfigInputs { text: "http".into() }).unwrap_err();
/// assert_eq!(error.to_string(), "node `parse` in graph `Config` failed");
/// let cause = std::error::Error::source(&error).unwrap();
/// assert_eq!(cause.to_string(), "invalid digit found in string");
/// assert_eq!(
///     error.report().to_string(),
///     "node `parse` in graph `Config` failed: invalid digit found in string"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A node returned `Err`; the node's error is the [`source`](std::error::Error::source).
    #[error("node `{node}` in graph `{graph}` failed")]
    Node {
        /// The node's name.
        node: &'static str,
        /// The graph the node belongs to (the innermost, for nested graphs).
        graph: &'static str,
        /// The node's own error.
        #[source]
        source: BoxError,
    },
    /// A node panicked; the panic was caught and the run stopped.
    #[error("node `{node}` in graph `{graph}` panicked: {message}")]
    Panic {
        /// The node's name.
        node: &'static str,
        /// The graph the node belongs to (the innermost, for nested graphs).
        graph: &'static str,
        /// The panic's message, when it was a string.
        message: String,
    },
    /// A node asked a question ([`Interrupt`](crate::Interrupt)) that nothing answered, and
    /// returned the [`Interrupted`](crate::Interrupted) error. Answer the question and
    /// re-run to resume (see [`Error::question`]).
    #[error("node `{}` in graph `{}` is waiting for an answer to {question} (answer type `{}`); {}", question.node().name, question.graph().name, question.answer_type(), question.advice())]
    Interrupted {
        /// What the node asked.
        question: Box<crate::Question>,
    },
    /// The run was asked to stop ([`StopHandle::request`](crate::StopHandle::request))
    /// before node `node` started, so it did not run. A runner's `run_until_stopped`
    /// turns it into [`Run::Stopped`](crate::Run::Stopped) with what had been computed.
    #[error("node `{node}` in graph `{graph}` did not start: the run was asked to stop")]
    Stopped {
        /// The node that was not started.
        node: &'static str,
        /// The graph the node belongs to (the innermost, for nested graphs).
        graph: &'static str,
    },
    /// [`Question::answer`](crate::Question::answer) was given a value of another type
    /// than the node asks for.
    #[error("node `{node}` expects an answer of type `{expected}`, not `{found}`")]
    AnswerType {
        /// The node that asked.
        node: &'static str,
        /// The answer type of its `Interrupt` parameter, without module paths
        /// (`Vec<String>`).
        expected: String,
        /// The type given, without module paths.
        found: String,
    },
    /// [`Events::respond`](crate::Events::respond) got an answer for a node that is not
    /// waiting for one.
    #[error("node `{node}` is not waiting for an answer")]
    NotAsked {
        /// The node the answer was for.
        node: &'static str,
    },
    /// A [`DiskCache`](crate::DiskCache) directory cannot be used: it cannot be created or
    /// opened, or another user could replace its entries.
    #[error("cannot use cache directory {}{}", path.display(), source.advice(path))]
    CacheDirectory {
        /// The directory given.
        path: std::path::PathBuf,
        /// Why it cannot be used.
        #[source]
        source: DirectoryProblem,
    },
    /// `MapMode::Zip` was given mapped inputs of different lengths.
    #[error(
        "MapMode::Zip needs mapped inputs of equal length, but {}",
        describe_lengths(fields)
    )]
    MapLengths {
        /// Each mapped field and its length.
        fields: Vec<(&'static str, usize)>,
    },
    /// `MapMode::Product` over several mapped fields repeats their values, which needs
    /// `Clone`, and this field's type does not implement it.
    #[error("MapMode::Product repeats the values of `{field}` across combinations, but its type does not implement Clone; implement Clone, or use MapMode::Zip")]
    MapNotClone {
        /// The field whose type is not `Clone`.
        field: &'static str,
    },
    /// `MapMode::Product` over these mapped fields would have more items than a `usize`
    /// can count (so they could never all run).
    #[error(
        "MapMode::Product would have more items than fit in usize: {}",
        describe_lengths(fields)
    )]
    MapTooLarge {
        /// Each mapped field and its length.
        fields: Vec<(&'static str, usize)>,
    },
    /// An item of a map failed (the fail-fast `map`).
    #[error("item {index} of the map failed")]
    MapItem {
        /// The item's position in the map's input order.
        index: usize,
        /// Why it failed.
        #[source]
        source: Box<Error>,
    },
    /// The thread pool for a map could not be started (made by the runner's first map).
    #[error("cannot start a thread pool of {threads} threads: {message}")]
    ThreadPool {
        /// The parallelism asked for.
        threads: usize,
        /// The reason given by the operating system.
        message: String,
    },
    /// A [`ClusterRunner`](crate::cluster::ClusterRunner) map could not run across its
    /// processes (feature `cluster`).
    #[cfg(feature = "cluster")]
    #[error(transparent)]
    Cluster(#[from] crate::cluster::ClusterError),
    /// [`Diagram::save`](crate::viz::Diagram::save) was given a path whose extension
    /// names no format it writes.
    #[error("cannot save a diagram as {}: the file name must end in {supported}", path.display())]
    DiagramFormat {
        /// The path given.
        path: std::path::PathBuf,
        /// The extensions this build can write.
        supported: &'static str,
    },
    /// [`Diagram::save`](crate::viz::Diagram::save) could not write the file.
    #[error("cannot write the diagram to {}", path.display())]
    DiagramWrite {
        /// The path given.
        path: std::path::PathBuf,
        /// Why it could not be written.
        #[source]
        source: std::io::Error,
    },
}

/// Why a [`DiskCache`](crate::DiskCache) refuses a directory (its root, or a shard directory
/// inside it). Anyone who can write to a cache directory can make the cache return values of
/// their choosing, so a directory is trusted only when no one but its user (or, for
/// [`DiskCache::shared_by_group`](crate::DiskCache::shared_by_group), its group) can write to
/// it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DirectoryProblem {
    /// It cannot be created, opened or inspected.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The path exists and is not a directory.
    #[error("the path exists and is not a directory")]
    NotADirectory,
    /// A shard directory inside the cache is a symbolic link, which the cache never follows.
    #[error("it is a symbolic link, and the cache never follows links inside its directory")]
    Symlink,
    /// The directory belongs to another user, who could replace its entries.
    #[error("it is owned by uid {owner}, not by you (uid {user}), so its owner could replace your entries")]
    NotOwned {
        /// The directory's owner.
        owner: u32,
        /// The current (effective) user.
        user: u32,
    },
    /// The directory's permissions let other users (its group, or everyone) write entries.
    #[error("its mode {mode:04o} lets {} write to it, so they could replace your entries", writers(*mode))]
    Writable {
        /// The directory's permission bits.
        mode: u32,
    },
}

fn writers(mode: u32) -> &'static str {
    if mode & 0o002 != 0 {
        "every user"
    } else {
        "its group"
    }
}

impl DirectoryProblem {
    /// What to do about the problem, for the message of the error that holds it (empty
    /// when there is no fix to suggest). It names the directory, which the problem's own
    /// message does not know.
    pub(crate) fn advice(&self, path: &std::path::Path) -> String {
        let path = path.display();
        match self {
            DirectoryProblem::NotOwned { .. } => " (to fix: choose a directory of your own, or open a directory that a group shares on purpose with `DiskCache::shared_by_group`)".to_owned(),
            DirectoryProblem::Writable { mode } if mode & 0o002 != 0 => {
                format!(" (to fix: `chmod o-w {path}` or `chmod 700 {path}`)")
            }
            DirectoryProblem::Writable { .. } => format!(
                " (to fix: `chmod 700 {path}`, or open it with `DiskCache::shared_by_group` if its group shares the cache on purpose)"
            ),
            DirectoryProblem::Symlink => {
                format!(" (to fix: remove the link `{path}`; the cache recreates the directory)")
            }
            DirectoryProblem::Io(_) | DirectoryProblem::NotADirectory => String::new(),
        }
    }
}

fn describe_lengths(fields: &[(&'static str, usize)]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .map(|(name, len)| {
            format!(
                "`{name}` has {len} item{}",
                if *len == 1 { "" } else { "s" }
            )
        })
        .collect();
    match parts.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => parts.join(""),
    }
}

impl Error {
    /// The error for a panic caught while `node` of `graph` ran (or while its outputs were
    /// dropped, or its error reported).
    pub(crate) fn panic(
        node: &'static str,
        graph: &'static str,
        payload: &(dyn std::any::Any + Send),
    ) -> Error {
        Error::Panic {
            node,
            graph,
            message: panic_message(payload),
        }
    }

    /// The error and every [`source`](std::error::Error::source) below it, joined by
    /// `": "` when displayed: for a log line or a CLI's last words, where the chain would
    /// otherwise have to be walked by hand (`anyhow` and `eyre` walk it themselves).
    pub fn report(&self) -> Report<'_> {
        Report::new(self)
    }

    /// Whether the run ended because it was asked to stop ([`Error::Stopped`], also as
    /// a map item's error).
    pub fn is_stopped(&self) -> bool {
        match self {
            Error::Stopped { .. } => true,
            Error::MapItem { source, .. } => source.is_stopped(),
            _ => false,
        }
    }

    /// The name of the node that failed, for errors raised by a node.
    pub fn node(&self) -> Option<&'static str> {
        match self {
            Error::Node { node, .. }
            | Error::Panic { node, .. }
            | Error::AnswerType { node, .. }
            | Error::Stopped { node, .. }
            | Error::NotAsked { node } => Some(node),
            Error::Interrupted { question } => Some(question.node().name),
            Error::MapItem { source, .. } => source.node(),
            Error::CacheDirectory { .. }
            | Error::MapLengths { .. }
            | Error::MapNotClone { .. }
            | Error::MapTooLarge { .. }
            | Error::ThreadPool { .. }
            | Error::DiagramFormat { .. }
            | Error::DiagramWrite { .. } => None,
            #[cfg(feature = "cluster")]
            Error::Cluster(_) => None,
        }
    }

    /// The error the failing node returned, as its own type `E`, through every wrapper
    /// (a map's [`Error::MapItem`]; a node of a listed graph fails with its own
    /// [`Error::Node`]). `None` when the run failed otherwise, or the node's error is of
    /// another type.
    ///
    /// ```
    /// use hypernodes::{each, graph, node, MapMode, Runner};
    ///
    /// #[derive(Debug, thiserror::Error)]
    /// #[error("{0} is odd")]
    /// struct Odd(u32);
    ///
    /// #[node(output_name = "half")]
    /// fn halve(x: u32) -> Result<u32, Odd> {
    ///     if x.is_multiple_of(2) { Ok(x / 2) } else { Err(Odd(x)) }
    /// }
    ///
    /// graph!(struct Halve = [halve]);
    ///
    /// let error = Runner::new()
    ///     .map(&Halve, HalveMapInputs { x: each([2, 4, 5]) }, MapMode::Zip)
    ///     .unwrap_err();
    /// assert_eq!(error.node_error::<Odd>().map(|odd| odd.0), Some(5));
    /// assert_eq!(error.failed_item(), Some(2));
    /// assert_eq!(error.node(), Some("halve"));
    /// ```
    pub fn node_error<E: std::error::Error + 'static>(&self) -> Option<&E> {
        match self {
            Error::Node { source, .. } => source.downcast_ref::<E>(),
            Error::MapItem { source, .. } => source.node_error(),
            _ => None,
        }
    }

    /// The index of the map item that failed, for the error of a fail-fast `map`
    /// ([`Error::MapItem`]); `None` for a run's error.
    pub fn failed_item(&self) -> Option<usize> {
        match self {
            Error::MapItem { index, .. } => Some(*index),
            _ => None,
        }
    }

    /// The unanswered question, when a node's [`Interrupt`](crate::Interrupt) stopped the
    /// run (also inside [`Error::MapItem`]).
    pub fn question(&self) -> Option<&crate::Question> {
        match self {
            Error::Interrupted { question } => Some(question),
            Error::MapItem { source, .. } => source.question(),
            _ => None,
        }
    }

    /// The error for a node that returned `Err(source)`: [`Error::Interrupted`] when the
    /// node passed on an [`Interrupted`](crate::Interrupted) (directly, or as the source
    /// of its own error), else [`Error::Node`].
    pub(crate) fn from_node(
        node: &'static str,
        graph: &'static str,
        source: crate::BoxError,
    ) -> Error {
        let source = match source.downcast::<crate::Interrupted>() {
            Ok(interrupted) => {
                return Error::Interrupted {
                    question: interrupted.into_question(),
                }
            }
            Err(source) => source,
        };
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&*source);
        while let Some(error) = cause {
            if let Some(interrupted) = error.downcast_ref::<crate::Interrupted>() {
                return Error::Interrupted {
                    question: Box::new(interrupted.question().clone()),
                };
            }
            cause = error.source();
        }
        Error::Node {
            node,
            graph,
            source,
        }
    }
}

/// The text of a panic payload: `panic!("...")` gives a `&str` or a `String`.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic with a non-string payload".to_owned()
    }
}

/// An error and its chain of sources, displayed on one line: `what failed: why: why`.
/// Made by [`Error::report`], or by [`Report::new`] for any error (a
/// [`CacheError`](crate::CacheError) in a callback, say).
///
/// ```
/// use hypernodes::Report;
///
/// let io = std::io::Error::other("disk full");
/// let error = hypernodes::CacheError::Io { path: "/tmp/c".into(), source: io };
/// assert_eq!(Report::new(&error).to_string(), "cache I/O error on /tmp/c: disk full");
/// ```
#[derive(Clone, Copy)]
pub struct Report<'a>(&'a (dyn std::error::Error + 'static));

impl<'a> Report<'a> {
    /// The report of `error` and its sources.
    pub fn new(error: &'a (dyn std::error::Error + 'static)) -> Self {
        Report(error)
    }
}

impl std::fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(error) = cause {
            write!(f, ": {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}

impl std::fmt::Debug for Report<'_> {
    /// As `Display`, so `fn main() -> Result<(), Report>`-style printing shows the chain.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}
