//! Calling a hook so that a panicking callback cannot change a run: callbacks observe, so
//! a panic in one is caught, reported as a `tracing` WARN naming the hook, and the run
//! goes on as if the callback had returned.

use super::Callback;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Calls `call(callbacks)`, the hook named `hook`, catching a panic. For no callback
/// (`C::ACTIVE == false`) it does nothing at all, so the no-callback path stays a plain
/// call with no unwind boundary.
#[inline(always)]
pub(crate) fn hook<C: Callback + ?Sized>(callbacks: &C, hook: &'static str, call: impl FnOnce(&C)) {
    if !C::ACTIVE {
        return;
    }
    if let Err(payload) = catch_unwind(AssertUnwindSafe(|| call(callbacks))) {
        panicked(hook, std::any::type_name::<C>(), payload.as_ref());
    }
}

/// Reports a hook that panicked; the run is not told.
#[cold]
#[inline(never)]
fn panicked(hook: &'static str, callback: &'static str, payload: &(dyn std::any::Any + Send)) {
    let message = crate::error::panic_message(payload);
    tracing::warn!(
        hook,
        callback,
        panic = %message,
        "hypernodes callback panicked in {hook}: {message}; the run goes on without it"
    );
}

/// Calls the hook `$hook($args)` of `$callbacks` through [`hook`]: a panic in it is
/// caught and reported, never seen by the run.
macro_rules! call_hook {
    ($callbacks:expr, $hook:ident($($arg:expr),* $(,)?)) => {
        $crate::callbacks::shield::hook($callbacks, stringify!($hook), |callbacks| {
            callbacks.$hook($($arg),*)
        })
    };
}
pub(crate) use call_hook;
