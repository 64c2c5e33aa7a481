//! The error a run returns.

/// A boxed error from a node, as kept in [`Error::Node`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A node returned `Err`; the node's error is the [`source`](std::error::Error::source).
    #[error("node `{node}` in graph `{graph}` failed: {source}")]
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
    /// A [`DiskCache`](crate::DiskCache) directory cannot be used.
    #[error("cannot use cache directory {path}: {source}")]
    CacheDirectory {
        /// The directory given.
        path: std::path::PathBuf,
        /// Why it cannot be used.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The name of the node that failed, for errors raised by a node.
    pub fn node(&self) -> Option<&'static str> {
        match self {
            Error::Node { node, .. } | Error::Panic { node, .. } => Some(node),
            Error::CacheDirectory { .. } => None,
        }
    }
}
