//! Talking to a running node: chunks it streams out, questions it asks in.
//!
//! A node opts in with a parameter of a library type, which `graph!` does not wire by
//! name: [`Chunks`] to send partial results as it works, [`Interrupt`] to ask a question
//! and wait for the answer (human in the loop), [`Stop`] to see that the caller asked the
//! run to stop. The runner supplies the other end.

mod chunks;
mod direct;
mod interrupt;
mod port;
mod stop;
mod type_name;
mod value;

pub use chunks::Chunks;
pub use interrupt::{Answer, Interrupt, Interrupted, Question};
pub(crate) use port::Interaction;
pub use port::{Channel, QuestionType, Site, Switchboard};
pub use stop::{Stop, StopHandle};
pub use value::AnyValue;
