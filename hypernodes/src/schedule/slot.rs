//! A value flowing between concurrently running nodes of the async schedule.
//!
//! The producer sets it once. Borrowers lease it (`&T`); consumers that need a copy clone
//! it; the one consumer that takes it by value (the value's last use in the synchronous
//! schedule, so never a node any borrower depends on) waits until every other use has
//! finished and then moves it out. The async schedule thus needs `Clone` exactly where the
//! synchronous one does.
//!
//! A value lent to a `blocking` node's call or shared by a map's items lives in a
//! [`SharedSlot`](super::SharedSlot) instead: those borrowers need an `Arc` of it.
//!
//! Why not `Mutex<Option<Arc<T>>>`: a slot is on the path of every node of every async run,
//! and a lock plus an allocation per value cost more than the node itself. The value sits
//! in place; one atomic word says whether it is there, how many leases borrow it and how
//! many uses have not started, so setting the value, starting and ending a lease and
//! taking the value are one atomic read-modify-write each when nobody waits. Wakers are kept under a lock
//! that is touched only when a use actually has to wait.

use std::cell::UnsafeCell;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering::AcqRel, Ordering::Acquire, Ordering::Release};
use std::sync::{Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// The value is being written (set once; a second `set` is ignored).
const WRITING: usize = 1;
/// The value is there and may be leased.
const FILLED: usize = 2;
/// The value has been moved out.
const TAKEN: usize = 4;
/// `wakers` may hold a waker: whoever changes the state wakes them.
const WAITING: usize = 8;
/// Bits of each of the two counts above the flags.
const COUNT_BITS: u32 = (usize::BITS - 4) / 2;
/// The largest value of a count.
const COUNT_MAX: usize = (1 << COUNT_BITS) - 1;
/// One live lease.
const ACTIVE: usize = 1 << 4;
/// One announced use that has not started (its lease not yet taken).
const UNCLAIMED: usize = 1 << (4 + COUNT_BITS);

fn active(state: usize) -> usize {
    (state / ACTIVE) & COUNT_MAX
}

fn unclaimed(state: usize) -> usize {
    state / UNCLAIMED
}

/// One value of the async schedule. See the module docs.
pub struct Slot<T> {
    /// Written once under `WRITING`, before `FILLED`; moved out only by the `TAKEN`
    /// transition, which requires no live lease.
    value: UnsafeCell<Option<T>>,
    /// The flags above, the live leases (`ACTIVE` each) and the uses not yet started
    /// (`UNCLAIMED` each): one word, so that each step of a use is one atomic operation.
    state: AtomicUsize,
    wakers: Mutex<Vec<Waker>>,
}

// SAFETY: the value is moved in by one `set` (the `WRITING` claim) before readers can see
// `FILLED`, borrowed (`&T`, so `T: Sync`) only by leases counted in `state`, and moved out
// (so `T: Send`) only by the compare-and-swap to `TAKEN` that requires no live lease.
unsafe impl<T: Send + Sync> Sync for Slot<T> {}

impl<T> Slot<T> {
    /// An empty slot whose value will have `uses` leases and clones besides its owner.
    pub fn new(uses: usize) -> Self {
        Slot {
            value: UnsafeCell::new(None),
            state: AtomicUsize::new(uses.min(COUNT_MAX) * UNCLAIMED),
            wakers: Mutex::new(Vec::new()),
        }
    }

    /// A slot holding `value` from the start (a graph input).
    pub fn filled(value: T, uses: usize) -> Self {
        let mut slot = Self::new(uses);
        *slot.value.get_mut() = Some(value);
        *slot.state.get_mut() |= WRITING | FILLED;
        slot
    }

    fn wakers(&self) -> MutexGuard<'_, Vec<Waker>> {
        // Every update is a single push or take, so a poisoned lock is still consistent.
        self.wakers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Stores the produced value and wakes every waiting use. A slot is set once: a
    /// second value is dropped (generated code never sets twice).
    pub fn set(&self, value: T) {
        // Claim the slot. From the claim until `FILLED`, nobody else changes the state: a
        // lease, a take or a lease's end need `FILLED`, and `register` waits for it.
        let mut state = self.state.load(Acquire);
        loop {
            if state & WRITING != 0 {
                debug_assert!(false, "a slot is set once");
                return;
            }
            match self
                .state
                .compare_exchange_weak(state, state | WRITING, AcqRel, Acquire)
            {
                Ok(_) => break,
                Err(now) => state = now,
            }
        }
        // SAFETY: the `WRITING` claim above is ours alone, and nobody reads before `FILLED`.
        unsafe { *self.value.get() = Some(value) };
        // The state is still what the claim saw, so a plain store publishes the value.
        self.state.store(state | WRITING | FILLED, Release);
        self.wake_if_waiting(state);
    }

    /// Wakes every registered waker if `state` (the state before a change) says some wait.
    fn wake_if_waiting(&self, state: usize) {
        if state & WAITING != 0 {
            let wakers = {
                let mut wakers = self.wakers();
                self.state.fetch_and(!WAITING, AcqRel);
                std::mem::take(&mut *wakers)
            };
            wakers.into_iter().for_each(Waker::wake);
        }
    }

    /// Registers `cx`'s waker; the caller then checks its condition once more. Either that
    /// check sees a change made after this, or the change sees `WAITING` and wakes. While
    /// the value is being written (by another thread), `WAITING` must not change: the use
    /// is woken at once to try again instead.
    fn register(&self, cx: &Context<'_>) {
        let mut wakers = self.wakers();
        let mut state = self.state.load(Acquire);
        loop {
            if state & (WRITING | FILLED) == WRITING {
                drop(wakers);
                cx.waker().wake_by_ref();
                return;
            }
            match self
                .state
                .compare_exchange_weak(state, state | WAITING, AcqRel, Acquire)
            {
                Ok(_) => break,
                Err(now) => state = now,
            }
        }
        if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
            wakers.push(cx.waker().clone());
        }
    }

    /// Starts a lease (claiming one announced use, if any is left) if the value is there
    /// and not taken.
    fn try_lease(&self) -> bool {
        let mut state = self.state.load(Acquire);
        while state & FILLED != 0 && state & TAKEN == 0 && active(state) < COUNT_MAX {
            let claim = if unclaimed(state) > 0 { UNCLAIMED } else { 0 };
            match self
                .state
                .compare_exchange_weak(state, state + ACTIVE - claim, AcqRel, Acquire)
            {
                Ok(_) => return true,
                Err(now) => state = now,
            }
        }
        false
    }

    /// Moves the value out if it is there, every announced use has started and no lease is
    /// alive.
    fn try_take(&self) -> Option<T> {
        let mut state = self.state.load(Acquire);
        while state & FILLED != 0
            && state & TAKEN == 0
            && active(state) == 0
            && unclaimed(state) == 0
        {
            match self
                .state
                .compare_exchange_weak(state, state | TAKEN, AcqRel, Acquire)
            {
                // SAFETY: `TAKEN` is set by this exchange alone, with no live lease, and no
                // lease can start after it.
                Ok(_) => return unsafe { (*self.value.get()).take() },
                Err(now) => state = now,
            }
        }
        None
    }

    /// Waits for the value and borrows it until the lease is dropped.
    pub fn lease(&self) -> impl Future<Output = Lease<'_, T>> + '_ {
        std::future::poll_fn(move |cx| {
            if !self.try_lease() {
                self.register(cx);
                if !self.try_lease() {
                    return Poll::Pending;
                }
            }
            Poll::Ready(Lease { slot: self })
        })
    }

    /// Waits for the value and moves it out once every other use has finished.
    pub fn take(&self) -> impl Future<Output = T> + '_ {
        std::future::poll_fn(move |cx| {
            if let Some(value) = self.try_take() {
                return Poll::Ready(value);
            }
            self.register(cx);
            match self.try_take() {
                Some(value) => Poll::Ready(value),
                None => Poll::Pending,
            }
        })
    }

    /// The value, once every node future is gone (the slot is owned again, so no lease can
    /// be alive and no atomic operation is needed): how a run returns its outputs.
    ///
    /// # Panics
    ///
    /// If the value was never set or was taken: generated code calls it only for outputs,
    /// which every successful run sets and no node takes.
    pub fn into_value(self) -> T {
        self.value
            .into_inner()
            .expect("an output's slot holds its value once every node has finished")
    }

    /// The value if its step filled the slot and no node took it (a graph output of a
    /// stopped run), once every node future is gone, as for [`Slot::into_value`].
    pub fn into_option(self) -> Option<T> {
        self.value.into_inner()
    }

    /// Ends a lease, so that the owner may take the value once no other is alive.
    fn finish_use(&self) {
        let before = self.state.fetch_sub(ACTIVE, AcqRel);
        self.wake_if_waiting(before);
    }
}

/// A borrow of a [`Slot`]'s value; dropping it counts the use as finished.
pub struct Lease<'s, T> {
    slot: &'s Slot<T>,
}

impl<T> std::ops::Deref for Lease<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: a live lease is counted in `state`, so the value is there (`FILLED`) and
        // cannot be taken or written until the lease is dropped.
        unsafe { &*self.slot.value.get() }
            .as_ref()
            .expect("a leased slot holds its value")
    }
}

impl<T> Drop for Lease<'_, T> {
    fn drop(&mut self) {
        self.slot.finish_use();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::sync::atomic::Ordering::SeqCst;
    use std::sync::Arc;
    use std::task::Wake;

    struct Count(AtomicUsize);
    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, SeqCst);
        }
    }

    fn poll<F: Future>(future: std::pin::Pin<&mut F>, waker: &Waker) -> Poll<F::Output> {
        future.poll(&mut Context::from_waker(waker))
    }

    #[test]
    fn a_lease_waits_for_the_value_and_is_woken_by_set() {
        let count = Arc::new(Count(AtomicUsize::new(0)));
        let waker = Waker::from(count.clone());
        let slot = Slot::new(1);
        let mut lease = pin!(slot.lease());
        assert!(poll(lease.as_mut(), &waker).is_pending());
        slot.set(String::from("v"));
        assert_eq!(count.0.load(SeqCst), 1);
        let Poll::Ready(lease) = poll(lease, &waker) else {
            panic!("the value is set")
        };
        assert_eq!(&*lease, "v");
    }

    #[test]
    fn take_waits_for_every_use_and_every_live_lease() {
        let count = Arc::new(Count(AtomicUsize::new(0)));
        let waker = Waker::from(count.clone());
        let slot = Slot::filled(vec![1, 2], 1);
        let mut take = pin!(slot.take());
        // The announced use has not started yet.
        assert!(poll(take.as_mut(), &waker).is_pending());
        let Poll::Ready(lease) = poll(pin!(slot.lease()), &waker) else {
            panic!("the value is there")
        };
        assert!(poll(take.as_mut(), &waker).is_pending());
        drop(lease);
        assert!(count.0.load(SeqCst) >= 1, "ending the use wakes the owner");
        assert_eq!(poll(take, &waker), Poll::Ready(vec![1, 2]));
    }

    #[test]
    fn an_extra_lease_still_blocks_take_and_a_taken_slot_is_never_leased() {
        let waker = Waker::noop();
        let slot = Slot::filled(7u8, 0);
        let Poll::Ready(extra) = poll(pin!(slot.lease()), waker) else {
            panic!("the value is there")
        };
        let mut take = pin!(slot.take());
        assert!(poll(take.as_mut(), waker).is_pending());
        drop(extra);
        assert_eq!(poll(take, waker), Poll::Ready(7));
        assert!(poll(pin!(slot.lease()), waker).is_pending());
    }

    #[test]
    fn an_owned_slot_gives_its_value_without_waiting() {
        let slot = Slot::new(0);
        slot.set(String::from("out"));
        assert_eq!(slot.into_value(), "out");
    }

    #[test]
    fn a_second_set_is_ignored_in_release() {
        if cfg!(debug_assertions) {
            return;
        }
        let slot = Slot::new(0);
        slot.set(1u8);
        slot.set(2u8);
        assert_eq!(poll(pin!(slot.take()), Waker::noop()), Poll::Ready(1));
    }

    #[test]
    fn leases_from_many_threads_all_end_before_take() {
        let slot = Arc::new(Slot::new(8));
        let readers: Vec<_> = (0..8)
            .map(|_| {
                let slot = slot.clone();
                std::thread::spawn(move || {
                    let lease = futures_executor::block_on(slot.lease());
                    assert_eq!(*lease, vec![3u8; 64]);
                })
            })
            .collect();
        slot.set(vec![3u8; 64]);
        let value = futures_executor::block_on(slot.take());
        assert_eq!(value, vec![3u8; 64]);
        readers.into_iter().for_each(|r| r.join().unwrap());
    }
}
