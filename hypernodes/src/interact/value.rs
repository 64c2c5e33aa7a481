//! `AnyValue`: a chunk or question as code that is not generic over the graph sees it.

use std::any::Any;
use std::fmt::Debug;

/// A streamed chunk or a question, as callbacks and errors hold it: printable with
/// `Debug`, and readable as its own type with [`downcast_ref`](trait@AnyValue).
///
/// Events of [`AsyncRunner::iter`](crate::AsyncRunner::iter) carry them typed instead, as
/// the graph's generated `{Name}Chunk` and `{Name}Question` enums.
///
/// ```
/// use hypernodes::AnyValue;
///
/// let chunk: &dyn AnyValue = &String::from("token");
/// assert_eq!(chunk.downcast_ref::<String>().map(String::as_str), Some("token"));
/// assert_eq!(format!("{chunk:?}"), "\"token\"");
/// ```
pub trait AnyValue: Any + Debug + Send + Sync {
    /// The value as `Any`, to downcast.
    fn as_any(&self) -> &dyn Any;
    /// The boxed value as `Any`, to downcast by value.
    fn into_any(self: Box<Self>) -> Box<dyn Any + Send>;
}

impl<T: Any + Debug + Send + Sync> AnyValue for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any + Send> {
        self
    }
}

impl dyn AnyValue {
    /// The value, if it has type `T`.
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        self.as_any().downcast_ref()
    }
}
