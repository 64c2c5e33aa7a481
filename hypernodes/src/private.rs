//! Items the generated code names by absolute path (`::hypernodes::__private::...`).
//! Not public API: they may change in any release.

use crate::{BoxError, Error, Graph, NodeInfo};
use std::future::Future;

pub use hypernodes_macros::__graph_impl as graph_impl;

/// The type parameter `I` of a node takes: `T` for both `T` and `&T` parameters.
pub trait Param<const I: usize> {
    type Type: ?Sized;
}

/// The type of output `I` of a node.
pub trait Out<const I: usize> {
    type Type;
}

/// What a graph stores for an input that nodes only borrow: `String` for `str`.
pub trait Owned {
    type Type;
}
impl<T> Owned for T {
    type Type = T;
}
impl Owned for str {
    type Type = String;
}
impl<T> Owned for [T] {
    type Type = Vec<T>;
}
impl Owned for std::path::Path {
    type Type = std::path::PathBuf;
}
impl Owned for std::ffi::OsStr {
    type Type = std::ffi::OsString;
}
impl Owned for std::ffi::CStr {
    type Type = std::ffi::CString;
}

/// What a runner does around each node and nested graph; the generated schedule calls it.
/// Generic methods, so every runner gets its own monomorphised schedule.
pub trait Exec: Sized {
    /// Runs one node: `call` invokes the function and converts its result.
    fn node<T>(
        &mut self,
        node: &'static NodeInfo,
        call: impl FnOnce() -> Result<T, BoxError>,
    ) -> Result<T, Error>;

    /// Runs a graph (the top one, or one listed in another).
    fn graph<G: Graph>(&mut self, graph: &G, inputs: G::Inputs) -> Result<G::Outputs, Error>;
}

/// A graph listed in another graph: inputs and outputs as tuples in field order.
pub trait NestedGraph {
    type Args;
    type Rets;
    fn run_nested<E: Exec>(&self, exec: &mut E, args: Self::Args) -> Result<Self::Rets, Error>;
}

#[inline(always)]
pub fn infallible<T>(value: T) -> Result<T, BoxError> {
    Ok(value)
}

#[inline(always)]
pub fn fallible<T, E: Into<BoxError>>(result: Result<T, E>) -> Result<T, BoxError> {
    result.map_err(Into::into)
}

/// Drives an `async fn` node to completion on the current thread.
#[inline]
pub fn block_on<F: Future>(future: F) -> F::Output {
    pollster::block_on(future)
}

/// Holds for values that several nodes take by value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` must implement `Clone`: the graph passes this value by value to more than one node (or to a node and the graph's outputs)",
    label = "this node takes the value by value, but it is needed afterwards",
    note = "implement or derive `Clone` for `{Self}`, or take the value by reference (`&{Self}`) in the nodes that only read it"
)]
pub trait SharedValue: Sized {
    fn share(&self) -> Self;
}
impl<T: Clone> SharedValue for T {
    #[inline(always)]
    fn share(&self) -> Self {
        self.clone()
    }
}

#[inline(always)]
pub fn clone_value<T: SharedValue>(value: &T) -> T {
    value.share()
}

/// Formats a generated struct's field with `Debug` when its type has it, else as `..`
/// (autoref specialisation: the generated code calls `(&DebugField(&field)).field_debug()`
/// on a concrete type, so the `Debug` impl wins where it applies).
pub struct DebugField<'a, T>(pub &'a T);

pub trait FieldViaDebug {
    fn field_debug(&self) -> &dyn std::fmt::Debug;
}
impl<T: std::fmt::Debug> FieldViaDebug for DebugField<'_, T> {
    fn field_debug(&self) -> &dyn std::fmt::Debug {
        self.0
    }
}

pub trait FieldOpaque {
    fn field_debug(&self) -> &dyn std::fmt::Debug;
}
impl<T> FieldOpaque for &DebugField<'_, T> {
    fn field_debug(&self) -> &dyn std::fmt::Debug {
        struct Opaque;
        impl std::fmt::Debug for Opaque {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("..")
            }
        }
        &Opaque
    }
}
