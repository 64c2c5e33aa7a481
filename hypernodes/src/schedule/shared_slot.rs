//! A value of the async schedule that is also lent beyond the schedule's own futures:
//! to a `blocking` node's call on another thread, or (a graph input every node borrows)
//! shared by the items of a map. The value sits in an `Arc`, so such a borrower can own a
//! handle on it; see [`Slot`](super::Slot) for every other value.
//!
//! The producer sets it once. Borrowers lease it (`&T`); consumers that need a copy clone
//! it; the one consumer that takes it by value (the value's last use in the synchronous
//! schedule, so never a node any borrower depends on) waits until every other use has
//! finished and then moves it out. The async schedule thus needs `Clone` exactly where the
//! synchronous one does.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// A value of the async schedule lent beyond it. See the module docs.
pub struct SharedSlot<T> {
    state: Mutex<State<T>>,
}

struct State<T> {
    value: Option<Arc<T>>,
    /// Uses (leases and clones) that have not finished yet.
    pending: usize,
    wakers: Vec<Waker>,
}

impl<T> SharedSlot<T> {
    /// An empty slot whose value will have `uses` leases and clones besides its owner.
    pub fn new(uses: usize) -> Self {
        SharedSlot {
            state: Mutex::new(State {
                value: None,
                pending: uses,
                wakers: Vec::new(),
            }),
        }
    }

    /// A slot holding `value` from the start (a graph input).
    pub fn filled(value: T, uses: usize) -> Self {
        let slot = Self::new(uses);
        slot.set(value);
        slot
    }

    /// A slot holding an input that every use borrows: the value every map item shares
    /// is stored as it is, not copied.
    pub fn filled_lent(value: crate::map::LentInput<T>, uses: usize) -> Self {
        let slot = Self::new(uses);
        slot.lock().value = Some(value.into_arc());
        slot
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // Every update is a single assignment, so a poisoned lock is still consistent.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Stores the produced value and wakes every waiting use.
    pub fn set(&self, value: T) {
        let wakers = {
            let mut state = self.lock();
            state.value = Some(Arc::new(value));
            std::mem::take(&mut state.wakers)
        };
        wakers.into_iter().for_each(Waker::wake);
    }

    fn wait(state: &mut State<T>, cx: &Context<'_>) {
        if !state.wakers.iter().any(|w| w.will_wake(cx.waker())) {
            state.wakers.push(cx.waker().clone());
        }
    }

    /// Waits for the value and borrows it until the lease is dropped.
    pub fn lease(&self) -> impl Future<Output = SharedLease<'_, T>> + '_ {
        std::future::poll_fn(move |cx| {
            let mut state = self.lock();
            match &state.value {
                Some(value) => Poll::Ready(SharedLease {
                    value: Some(value.clone()),
                    slot: self,
                }),
                None => {
                    Self::wait(&mut state, cx);
                    Poll::Pending
                }
            }
        })
    }

    /// Waits for the value and moves it out once every other use has finished.
    pub fn take(&self) -> impl Future<Output = T> + '_ {
        std::future::poll_fn(move |cx| {
            let mut state = self.lock();
            if state.pending == 0 {
                if let Some(value) = state.value.take() {
                    match Arc::try_unwrap(value) {
                        Ok(value) => return Poll::Ready(value),
                        // A lease is still alive (its drop is on its way): wait for it.
                        Err(value) => state.value = Some(value),
                    }
                }
            }
            Self::wait(&mut state, cx);
            Poll::Pending
        })
    }

    /// The value, once every use has finished (a graph output after the run's steps):
    /// no waiting, since nothing else can hold it any more.
    pub fn into_value(self) -> T {
        let state = self
            .state
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let value = state
            .value
            .expect("a graph output is set by the step that produces it");
        Arc::try_unwrap(value)
            .unwrap_or_else(|_| unreachable!("every lease ends with the steps that took it"))
    }

    /// The value if its step filled the slot (a graph output of a stopped run); `None`
    /// if not, or if a use still holds it.
    pub fn into_option(self) -> Option<T> {
        let state = self
            .state
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.value.and_then(|value| Arc::try_unwrap(value).ok())
    }

    fn finish_use(&self) {
        let wakers = {
            let mut state = self.lock();
            state.pending = state.pending.saturating_sub(1);
            std::mem::take(&mut state.wakers)
        };
        wakers.into_iter().for_each(Waker::wake);
    }
}

/// A borrow of a [`SharedSlot`]'s value; dropping it counts the use as finished.
pub struct SharedLease<'s, T> {
    value: Option<Arc<T>>,
    slot: &'s SharedSlot<T>,
}

impl<T> SharedLease<'_, T> {
    /// The value itself, shared, for a `blocking` node's call on another thread. The
    /// lease still counts as a use until dropped, so keep it until the call is done.
    pub fn shared(&self) -> Arc<T> {
        Arc::clone(
            self.value
                .as_ref()
                .expect("a lease holds its value until dropped"),
        )
    }
}

impl<T> std::ops::Deref for SharedLease<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value
            .as_deref()
            .expect("a lease holds its value until dropped")
    }
}

impl<T> Drop for SharedLease<'_, T> {
    fn drop(&mut self) {
        // Release the value before counting the use as done, so the owner can take it.
        drop(self.value.take());
        self.slot.finish_use();
    }
}
