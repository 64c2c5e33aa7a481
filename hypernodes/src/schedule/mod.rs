//! The building blocks of the code `graph!` generates, independent of any runner: how a
//! node is called and its values passed on, how a listed graph is fed, how the async
//! schedule shares values between node futures, and how the generated structs print.
//!
//! Generated code reaches them through `::hypernodes::__private`; the runners' executors
//! use the few they share with it (`NodeResult`, `Failure`, `keep_all`) from here.

mod blocking;
mod fields;
mod halt;
mod join;
mod nested;
mod shared_slot;
mod slot;
mod values;

pub use blocking::blocking;
pub use fields::{DebugField, FieldOpaque, FieldViaDebug};
pub use halt::Halt;
pub use join::{JoinTasks, Ready, Task, TaskPoll};
pub use nested::{NestedGraph, Out, Param};
pub use shared_slot::{SharedLease, SharedSlot};
pub use slot::{Lease, Slot};
pub use values::{
    block_on, fallible, fallible_local, infallible, keep_all, made, Failure, NodeError, NodeResult,
    Owned, SharedValue,
};
