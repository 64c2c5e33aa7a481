//! Items the generated code names by absolute path (`::hypernodes::__private::...`).
//! Not public API: they may change in any release.

use crate::{BoxError, CacheError, CacheKey, Error, Graph, KeyBuilder, KeyError, NodeInfo};
use std::future::Future;

pub use crate::map::{CloneProbe, Column, MapShape, ProbeClone, ProbeNoClone};
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
    /// Before a node's function is called (directly by the schedule, so that it inlines
    /// as a hand-written call would). Returns what `leave` needs.
    fn enter(&mut self, node: &'static NodeInfo) -> NodeStart;

    /// After the node returned: reports it and converts its error.
    fn leave<T>(
        &mut self,
        node: &'static NodeInfo,
        start: NodeStart,
        result: Result<T, BoxError>,
    ) -> Result<T, Error>;

    /// Runs one node: `call` invokes the function and converts its result.
    #[inline(always)]
    fn node<T>(
        &mut self,
        node: &'static NodeInfo,
        call: impl FnOnce() -> Result<T, BoxError>,
    ) -> Result<T, Error> {
        let start = self.enter(node);
        let result = call();
        self.leave(node, start, result)
    }

    /// Computes a cached node's key, if the runner has a cache.
    fn cache_key(
        &mut self,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<Result<CacheKey, KeyError>>;

    /// Runs a cached node: returns the stored output for `key` if there is a valid one,
    /// else calls it and stores the output.
    fn cached_node<T>(
        &mut self,
        node: &'static NodeInfo,
        key: Option<Result<CacheKey, KeyError>>,
        codec: Codec<T>,
        call: impl FnOnce() -> Result<T, BoxError>,
    ) -> Result<T, Error>;

    /// Runs a graph: the top one (`position` `None`), or one listed in another at
    /// `position` of its schedule.
    fn graph<G: Graph>(
        &mut self,
        position: Option<usize>,
        graph: &G,
        inputs: G::Inputs,
    ) -> Result<G::Outputs, Error>;

    /// The runner's end of a node's `Chunks` or `Interrupt` parameter; `position` is the
    /// node's in the running graph's schedule.
    fn channel(&self, node: &'static NodeInfo, position: usize) -> crate::interact::Channel<'_>;
}

/// When a node started, if a callback wants to know how long it took.
pub type NodeStart = Option<std::time::Instant>;

/// A graph listed in another graph: inputs and outputs as tuples in field order.
pub trait NestedGraph: Graph {
    type Args;
    type Rets;
    fn run_nested<E: Exec>(
        &self,
        exec: &mut E,
        position: usize,
        args: Self::Args,
    ) -> Result<Self::Rets, Error>;
    fn run_nested_async<'a, E: AsyncExec>(
        &'a self,
        exec: &'a E,
        scope: Scope,
        position: usize,
        args: Self::Args,
    ) -> impl Future<Output = Result<Self::Rets, Error>> + 'a;
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

/// How a cached node's output is stored: generated in the node's module, where the serde
/// bounds are checked (so a missing impl is reported at the node).
pub struct Codec<T> {
    pub encode: fn(&T) -> Result<Vec<u8>, CacheError>,
    pub decode: fn(&[u8]) -> Result<T, CacheError>,
}

/// Holds for the output of a cached node.
#[diagnostic::on_unimplemented(
    message = "a cached node's output must implement `serde::Serialize` and `serde::Deserialize`; `{Self}` does not",
    label = "the output of a node marked `cache`",
    note = "derive them with `#[derive(serde::Serialize, serde::Deserialize)]` on `{Self}`, or remove `cache` from the node"
)]
pub trait CacheableOutput: Sized {
    fn encode(&self) -> Result<Vec<u8>, CacheError>;
    fn decode(bytes: &[u8]) -> Result<Self, CacheError>;
}

impl<T: serde::Serialize + serde::de::DeserializeOwned> CacheableOutput for T {
    fn encode(&self) -> Result<Vec<u8>, CacheError> {
        crate::cache::encode(self)
    }
    fn decode(bytes: &[u8]) -> Result<Self, CacheError> {
        crate::cache::decode(bytes)
    }
}

/// The codec of a cached node's output; one bound, so a missing impl is one error.
pub const fn codec<T: CacheableOutput>() -> Codec<T> {
    Codec {
        encode: T::encode,
        decode: T::decode,
    }
}

/// Holds for the inputs of a cached node, which are hashed into its key.
#[diagnostic::on_unimplemented(
    message = "a cached node's inputs must implement `serde::Serialize`, which hashes them into the cache key; `{Self}` does not",
    label = "an input of a node marked `cache`",
    note = "derive it with `#[derive(serde::Serialize)]` on `{Self}`, or remove `cache` from the node"
)]
pub trait CacheKeyInput {
    fn feed(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>;
}

impl<T: serde::Serialize + ?Sized> CacheKeyInput for T {
    fn feed(&self, builder: &mut KeyBuilder) -> Result<(), KeyError> {
        builder.input(self)
    }
}

pub fn key_builder_cached(
    slot: &'static std::sync::OnceLock<[u8; 32]>,
    node: &NodeInfo,
    output_type: fn() -> &'static str,
) -> KeyBuilder {
    KeyBuilder::with_node_key(slot.get_or_init(|| crate::cache::node_key(node, output_type())))
}

/// An input being fed into a cache key. Generated code calls
/// `(&KeyInput(&value)).key_input(&mut builder)`: byte buffers and strings take the
/// `KeyViaBytes` path (one hasher update), everything else goes through serde.
pub struct KeyInput<'a, T: ?Sized>(pub &'a T);

pub trait KeyViaBytes {
    fn key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>;
}

macro_rules! key_via_bytes {
    ($($ty:ty),*) => {$(
        impl KeyViaBytes for KeyInput<'_, $ty> {
            #[inline]
            fn key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError> {
                builder.input_bytes(<$ty as AsRef<[u8]>>::as_ref(self.0));
                Ok(())
            }
        }
    )*};
}
key_via_bytes!(Vec<u8>, [u8], String, str);

pub trait KeyViaSerde<T: ?Sized> {
    fn key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>
    where
        T: CacheKeyInput;
}

impl<T: ?Sized> KeyViaSerde<T> for &KeyInput<'_, T> {
    #[inline]
    fn key_input(&self, builder: &mut KeyBuilder) -> Result<(), KeyError>
    where
        T: CacheKeyInput,
    {
        self.0.feed(builder)
    }
}

pub use crate::runner::slot::{Lease, Slot, Task};

pub use crate::interact::{Channel, Site};

/// Where async nodes run: the graph they belong to, how deeply nested, which map item.
/// Passed down explicitly because nested graphs run concurrently with their siblings.
#[derive(Clone, Debug)]
pub struct Scope {
    pub graph: &'static crate::GraphInfo,
    /// The graph the runner was given.
    pub root: &'static crate::GraphInfo,
    pub depth: usize,
    pub item: Option<usize>,
    /// Positions of the nested graphs from the runner's graph down to this one.
    pub path: std::sync::Arc<[usize]>,
}

impl Scope {
    /// The scope of a graph listed in this one at `position`.
    pub fn nested(&self, graph: &'static crate::GraphInfo, position: usize) -> Scope {
        Scope {
            graph,
            root: self.root,
            depth: self.depth + 1,
            item: self.item,
            path: self.path.iter().copied().chain([position]).collect(),
        }
    }

    /// Where the node at `position` of this scope's graph is.
    pub fn site(&self, node: &'static NodeInfo, position: usize) -> Site {
        Site::new(self.context(node), self.root, &self.path, position)
    }

    /// What callbacks hear about a node of this scope's graph.
    pub(crate) fn context(&self, node: &'static NodeInfo) -> crate::callbacks::NodeContext {
        crate::callbacks::NodeContext {
            node,
            graph: self.graph,
            depth: self.depth,
            item: self.item,
        }
    }

    /// What callbacks hear about this scope's graph.
    pub(crate) fn graph_context(&self) -> crate::callbacks::GraphContext {
        crate::callbacks::GraphContext {
            graph: self.graph,
            depth: self.depth,
            item: self.item,
        }
    }
}

/// What an async runner does around each node; the generated async schedule calls it from
/// node futures that run concurrently, hence `&self`.
pub trait AsyncExec: Sync {
    fn enter(&self, scope: &Scope, node: &'static NodeInfo) -> NodeStart;
    fn leave<T>(
        &self,
        scope: &Scope,
        node: &'static NodeInfo,
        start: NodeStart,
        result: std::thread::Result<Result<T, BoxError>>,
    ) -> Result<T, Error>;
    /// A cached node's key, if the runner has a cache and the inputs could be hashed (a
    /// failure to hash them is reported to callbacks).
    fn cache_key(
        &self,
        scope: &Scope,
        node: &'static NodeInfo,
        key: impl FnOnce() -> Result<CacheKey, KeyError>,
    ) -> Option<CacheKey>;
    /// The stored output, if any; reports the hit to callbacks.
    fn cache_lookup<T>(
        &self,
        scope: &Scope,
        node: &'static NodeInfo,
        key: Option<&CacheKey>,
        codec: &Codec<T>,
    ) -> Option<T>;
    fn cache_store<T>(
        &self,
        scope: &Scope,
        node: &'static NodeInfo,
        key: Option<CacheKey>,
        codec: &Codec<T>,
        value: &T,
    );
    fn graph_start(&self, scope: &Scope) -> NodeStart;
    fn graph_end(&self, scope: &Scope, start: NodeStart, result: Result<(), &Error>);
    /// The runner's end of a node's `Chunks` or `Interrupt` parameter.
    fn channel(&self, scope: &Scope, node: &'static NodeInfo, position: usize) -> Channel<'_>;
}

/// Runs a node's function, catching a panic.
#[inline(always)]
pub fn catch<R>(call: impl FnOnce() -> R) -> std::thread::Result<R> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call))
}

/// Awaits an async node's future, catching a panic in any of its polls.
pub async fn catch_async<F: Future>(future: F) -> std::thread::Result<F::Output> {
    use futures_util::FutureExt;
    std::panic::AssertUnwindSafe(future).catch_unwind().await
}
