//! Inputs that every node only borrows: a map can hand all its items one shared value.
//!
//! `graph!` knows which inputs no node takes by value and no output returns; their map
//! field is `Over<T, Lent>`, which [`shared`](crate::shared) can fill.
//! Each item then holds a [`LentInput`]: the `Arc` (shared, never cloned) or a value of
//! its own, which the schedule lends to the nodes as `&T` either way.

use std::ops::Deref;
use std::sync::Arc;

/// How the graph uses an input: the second parameter of [`Over`](crate::Over).
///
/// With `Taken` (the default), some node takes the value itself or the graph returns it,
/// so each item needs a value of its own: [`fixed`](crate::fixed) clones it per item, and
/// [`shared`](crate::shared) is refused.
/// Uninhabited: no value of it exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {}

/// How the graph uses an input: every node borrows it (`&T`), and the graph does not
/// return it. Besides [`fixed`](crate::fixed) (cloned per item), the field then accepts
/// [`shared`](crate::shared): one value every item reads, with no clone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lent(());

/// What a map item holds for an input every node borrows: its own value, or the value
/// every item shares. Generated code lends it as `&T`.
#[doc(hidden)]
pub struct LentInput<T>(Holder<T>);

enum Holder<T> {
    Own(T),
    /// Made only from a `FixedKind::Shared`: see the `Send` and `Sync` impls.
    Shared(Arc<T>),
}

impl<T> LentInput<T> {
    /// A value of the item's own (what `run` gives, or a copy made for the item).
    pub fn own(value: T) -> Self {
        LentInput(Holder::Own(value))
    }

    /// The value shared with other items, from a `FixedKind::Shared`.
    pub(crate) fn shared(value: Arc<T>) -> Self {
        LentInput(Holder::Shared(value))
    }

    /// The value in an `Arc`, for an async slot (which stores values that way).
    pub fn into_arc(self) -> Arc<T> {
        match self.0 {
            Holder::Own(value) => Arc::new(value),
            Holder::Shared(value) => value,
        }
    }
}

impl<T> Deref for LentInput<T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        match &self.0 {
            Holder::Own(value) => value,
            Holder::Shared(value) => value,
        }
    }
}

/// Sent as the value it lends (the cluster runner sends items between processes); received
/// as a value of the item's own.
impl<T: serde::Serialize> serde::Serialize for LentInput<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for LentInput<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(LentInput::own)
    }
}

// SAFETY: a `LentInput` holds a `T` or an `Arc<T>`. The `Arc` comes only from a
// `FixedKind::Shared` (`LentInput::shared` is private to the crate and called only by
// `Column<T, Lent>::value`), which only `crate::shared` makes (`Over`'s field is
// private), and it requires `T: Send + Sync`, for which `Arc<T>` is `Send` and `Sync`.
// So every `LentInput<T>` that exists for a `T` that is `Send` but not `Sync` holds a
// plain `T`, and sending it sends a `T`; sharing `&LentInput<T>` only
// gives out `&T` (or `&Arc<T>` with `T: Send + Sync`), which needs `T: Sync`. Without
// these impls an item would need `T: Sync` to cross threads even when it holds a `T`.
unsafe impl<T: Send> Send for LentInput<T> {}
// SAFETY: see above.
unsafe impl<T: Sync> Sync for LentInput<T> {}

/// Holds for [`Lent`], the one way of using an input that lets every map item share a
/// value: what [`shared`](crate::shared) asks of the field it fills.
#[diagnostic::on_unimplemented(
    message = "`shared(..)` gives every item the same value, so every node must borrow this input, but some node takes it by value (or the graph returns it)",
    label = "this input is not only borrowed",
    note = "each item needs a value of its own here: give `fixed(value)` (cloned into every item) or map over values with `each(..)`; to share one value, make every node that uses this input take it by reference (`&T`)"
)]
pub trait Shares: sealed::Sealed {
    #[doc(hidden)]
    fn lent() -> Self;
}

impl Shares for Lent {
    fn lent() -> Self {
        Lent(())
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Lent {}
}

/// A value for every item: copied per item, or shared (then `K` is [`Lent`]: a
/// [`Taken`] has no value).
#[derive(Clone, Debug)]
pub(super) enum FixedKind<T, K> {
    /// Copied into each item.
    Cloned(T, fn(&T) -> T),
    /// Shared by every item; made only by `shared`, which requires `T: Send + Sync`.
    Shared(Arc<T>, K),
}
