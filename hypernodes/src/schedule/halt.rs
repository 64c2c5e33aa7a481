//! `Halt`: how an async schedule ends early, with what it had computed if it was stopped.

use crate::Error;

/// Why a graph's async schedule ended without its outputs: the error, and, when the run
/// was stopped ([`Error::Stopped`]), the outputs that had been produced (the graph's
/// `{Name}Partial`). Runners keep the partial of the graph they were asked to run; a
/// listed graph's is dropped with its error.
#[derive(Debug)]
pub struct Halt<P> {
    /// What ended the run.
    pub error: Error,
    /// The finished outputs, if the run was stopped.
    pub partial: Option<P>,
}

impl<P> Halt<P> {
    /// Ends with `error`, keeping `partial()` only if the run was stopped.
    pub fn new(error: Error, partial: impl FnOnce() -> P) -> Self {
        let partial = error.is_stopped().then(partial);
        Halt { error, partial }
    }
}

impl<P> From<Error> for Halt<P> {
    fn from(error: Error) -> Self {
        Halt {
            error,
            partial: None,
        }
    }
}
