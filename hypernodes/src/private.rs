//! Items the generated code names by absolute path (`::hypernodes::__private::...`),
//! gathered from the modules that own them. Not public API: they may change in any
//! release. Nothing in the crate imports from here.

pub use crate::__hypernodes_join_tasks as join_tasks;
pub use crate::cache::node::{
    codec, key_builder_cached, CacheKeyInput, CacheableOutput, Codec, KeyInput, KeyViaBytes,
    KeyViaSerde, KeyViaShared, SharedKeyInput,
};
pub use crate::graph::executor::{AsyncExecutor, Executor};
pub use crate::graph::Fields;
pub use crate::interact::{Channel, Site, Switchboard};
pub use crate::map::{
    CloneProbe, Column, LentInput, MapShape, MappedList, ProbeClone, ProbeNoClone,
};
pub use crate::node::defining_module;
pub use crate::schedule::{
    block_on, blocking, fallible, fallible_local, infallible, keep_all, made, DebugField, Failure,
    FieldOpaque, FieldViaDebug, Halt, JoinTasks, Lease, NestedGraph, NodeError, NodeResult, Out,
    Owned, Param, Ready, SharedLease, SharedSlot, SharedValue, Slot, Task, TaskPoll,
};
pub use hypernodes_macros::__graph_impl as graph_impl;
