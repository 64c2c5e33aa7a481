//! Calling a node and passing its values on: the parts of a step that are the same under
//! every runner.

use crate::BoxError;
use std::future::Future;

/// A node function's `Err`, as the executor receives it. A struct rather than the bare
/// `BoxError`: a future whose output names `dyn Error + 'static` inside a generic bound
/// trips rustc's `Send` check of the run's future ("one type is more general than the
/// other"); a plain struct has no lifetime to trip on.
pub struct Failure(pub BoxError);

/// What a node call returns to the executor.
pub type NodeResult<T> = Result<T, Failure>;

/// A node's return value as the executor takes it, for a function that cannot fail.
#[inline(always)]
pub fn infallible<T>(value: T) -> NodeResult<T> {
    Ok(value)
}

/// A node's return value as the executor takes it, for a function returning `Result`.
#[inline(always)]
pub fn fallible<T, E: NodeError>(result: Result<T, E>) -> NodeResult<T> {
    result.map_err(|error| Failure(error.into()))
}

/// An error type a node may return: anything that converts into a [`BoxError`].
#[diagnostic::on_unimplemented(
    message = "a node cannot return the error type `{Self}`: node errors are sent between threads, so they must convert into `hypernodes::BoxError` (an `Error + Send + Sync + 'static`)",
    label = "this node's error type",
    note = "return `Result<T, hypernodes::BoxError>`, or an error type that implements `std::error::Error + Send + Sync + 'static`"
)]
pub trait NodeError: Into<BoxError> {}
impl<E: Into<BoxError>> NodeError for E {}

/// [`fallible`] for `Result<T, Box<dyn Error>>`, the error type of most Rust examples,
/// which is neither `Send` nor `Sync`: the error becomes one that keeps its message and
/// its chain of sources.
#[inline]
pub fn fallible_local<T>(result: Result<T, Box<dyn std::error::Error>>) -> NodeResult<T> {
    result.map_err(|error| Failure(Box::new(crate::ErrorText::of(&*error))))
}

/// Keeps every output of a step (the `keep` of a step whose outputs are all used).
#[inline(always)]
pub fn keep_all<T>(outputs: T) -> T {
    outputs
}

/// Drives an `async fn` node to completion on the current thread (the synchronous
/// schedule's way to call it).
#[inline]
pub fn block_on<F: Future>(future: F) -> F::Output {
    pollster::block_on(future)
}

/// What a graph stores for an input that nodes only borrow: `String` for `str`.
pub trait Owned {
    /// The owned form.
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

/// Holds for values that several nodes take by value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` must implement `Clone`: the graph passes this value by value to more than one node (or to a node and the graph's outputs)",
    label = "this node takes the value by value, but it is needed afterwards",
    note = "implement or derive `Clone` for `{Self}`, or take the value by reference (`&{Self}`) in the nodes that only read it"
)]
pub trait SharedValue: Sized {
    /// A copy for one more by-value use.
    fn share(&self) -> Self;
}
impl<T: Clone> SharedValue for T {
    #[inline(always)]
    fn share(&self) -> Self {
        self.clone()
    }
}

/// An output a group of the async schedule returned, once the run succeeded: every group
/// finished, so each made its values.
#[inline]
pub fn made<T>(value: Option<T>) -> T {
    value.expect("a run that succeeded made every output")
}
