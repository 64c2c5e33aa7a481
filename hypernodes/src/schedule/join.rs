//! Polling the node futures of one async schedule together (`join_tasks!`).
//!
//! The first poll runs every node future once, in schedule order: a node whose inputs are
//! ready (all of them, in a chain of plain nodes) finishes there, with no waker made and
//! nothing allocated. A node future that has to wait gets a waker of its own, which marks
//! it ready in a bit set and wakes the run; later polls poll only the marked nodes, so a
//! wake costs in proportion to the nodes it made ready, not to the nodes still pending.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// One future of the schedule (a group of steps), whether it is done, its own waker once
/// it waited, and what it returned besides its result (the returned values it made).
pub struct Task<F, O> {
    future: Pin<F>,
    done: bool,
    waker: Option<Waker>,
    returned: Option<O>,
}

/// What polling one [`Task`] gave.
#[doc(hidden)]
pub enum TaskPoll {
    /// Not done yet; its waker will mark it ready.
    Pending,
    /// Done just now.
    Finished,
    /// Failed just now.
    Failed(crate::Error),
    /// Already done before: nothing happened.
    Idle,
}

/// What a group's future gives: its result, and the values it made for the outputs.
type GroupOutput<O> = (Result<(), crate::Error>, O);

impl<O, F: std::ops::DerefMut<Target: Future<Output = GroupOutput<O>>>> Task<F, O> {
    /// A group's future, not yet done.
    pub fn new(future: Pin<F>) -> Self {
        Task {
            future,
            done: false,
            waker: None,
            returned: None,
        }
    }

    /// What the future returned besides its result, if it finished.
    pub fn into_returned(self) -> Option<O> {
        self.returned
    }

    fn poll_with(&mut self, cx: &mut Context<'_>) -> TaskPoll {
        poll_future(&mut self.future, &mut self.done, &mut self.returned, cx)
    }

    /// Polls the task at `index` of a join: with its own waker once it has one, else with
    /// the join's waker, and if it then waits, once more with a waker of its own (so that
    /// from then on its wakes name it).
    #[doc(hidden)]
    pub fn poll_in(&mut self, index: usize, cx: &mut Context<'_>, ready: &mut Ready) -> TaskPoll {
        if let Some(waker) = &self.waker {
            return poll_future(
                &mut self.future,
                &mut self.done,
                &mut self.returned,
                &mut Context::from_waker(waker),
            );
        }
        match self.poll_with(cx) {
            TaskPoll::Pending => {
                let waker = ready.waker(index, cx.waker());
                let polled = self.poll_with(&mut Context::from_waker(&waker));
                self.waker = Some(waker);
                polled
            }
            polled => polled,
        }
    }
}

/// Polls `future` unless `done`, and records when it ends and what it returned.
fn poll_future<O, F: std::ops::DerefMut<Target: Future<Output = GroupOutput<O>>>>(
    future: &mut Pin<F>,
    done: &mut bool,
    returned: &mut Option<O>,
    cx: &mut Context<'_>,
) -> TaskPoll {
    if *done {
        return TaskPoll::Idle;
    }
    match future.as_mut().poll(cx) {
        Poll::Ready((result, made)) => {
            *done = true;
            *returned = Some(made);
            match result {
                Ok(()) => TaskPoll::Finished,
                Err(error) => TaskPoll::Failed(error),
            }
        }
        Poll::Pending => TaskPoll::Pending,
    }
}

/// Which tasks of a join were woken. Made on the first task that waits.
#[doc(hidden)]
pub struct Ready {
    tasks: usize,
    shared: Option<Arc<Shared>>,
}

struct Shared {
    /// One bit per task: woken since last polled.
    bits: Box<[AtomicU64]>,
    /// Set while the join is polling tasks: a wake then needs no wake of the join.
    polling: AtomicBool,
    /// The waker of the future that awaits the join.
    parent: Mutex<Waker>,
}

impl Shared {
    fn mark(&self, index: usize) {
        self.bits[index / 64].fetch_or(1 << (index % 64), SeqCst);
        // Pairs with `JoinTasks::poll`: either it sees the bit after polling, or we see it
        // is not polling and wake it.
        if !self.polling.load(SeqCst) {
            self.parent
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .wake_by_ref();
        }
    }

    /// Takes the marks of one word of tasks.
    fn take_word(&self, word: usize) -> u64 {
        if self.bits[word].load(SeqCst) == 0 {
            0
        } else {
            self.bits[word].swap(0, SeqCst)
        }
    }

    fn any(&self) -> bool {
        self.bits.iter().any(|word| word.load(SeqCst) != 0)
    }
}

/// The waker of one task: marks it and wakes the join.
struct TaskWaker {
    shared: Arc<Shared>,
    index: usize,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.shared.mark(self.index);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.shared.mark(self.index);
    }
}

impl Ready {
    fn new(tasks: usize) -> Self {
        Ready {
            tasks,
            shared: None,
        }
    }

    /// A waker for task `index`, the join's own being `parent`.
    fn waker(&mut self, index: usize, parent: &Waker) -> Waker {
        let tasks = self.tasks;
        let shared = self.shared.get_or_insert_with(|| {
            Arc::new(Shared {
                bits: (0..tasks.div_ceil(64)).map(|_| AtomicU64::new(0)).collect(),
                polling: AtomicBool::new(true),
                parent: Mutex::new(parent.clone()),
            })
        });
        Waker::from(Arc::new(TaskWaker {
            shared: shared.clone(),
            index,
        }))
    }
}

/// The future of `join_tasks!`: ready with the first error, or with `Ok(())` once every
/// task is done. `poll_task(index, cx, ready)` polls the task at `index`.
#[doc(hidden)]
pub struct JoinTasks<P> {
    poll_task: P,
    ready: Ready,
    /// Tasks not done yet.
    remaining: usize,
    started: bool,
}

impl<P: FnMut(usize, &mut Context<'_>, &mut Ready) -> TaskPoll> JoinTasks<P> {
    /// A join of `tasks` tasks.
    pub fn new(tasks: usize, poll_task: P) -> Self {
        JoinTasks {
            poll_task,
            ready: Ready::new(tasks),
            remaining: tasks,
            started: false,
        }
    }

    /// Polls task `index`; `Err` if it failed.
    fn poll_one(&mut self, index: usize, cx: &mut Context<'_>) -> Result<(), crate::Error> {
        match (self.poll_task)(index, cx, &mut self.ready) {
            TaskPoll::Finished => self.remaining -= 1,
            TaskPoll::Failed(error) => return Err(error),
            TaskPoll::Pending | TaskPoll::Idle => {}
        }
        Ok(())
    }

    /// Polls every marked task until none is marked.
    fn poll_marked(&mut self, shared: &Shared, cx: &mut Context<'_>) -> Result<(), crate::Error> {
        loop {
            shared.polling.store(true, SeqCst);
            for word in 0..shared.bits.len() {
                let mut bits = shared.take_word(word);
                while bits != 0 {
                    let bit = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    self.poll_one(word * 64 + bit, cx)?;
                }
            }
            shared.polling.store(false, SeqCst);
            if !shared.any() {
                return Ok(());
            }
        }
    }
}

impl<P: FnMut(usize, &mut Context<'_>, &mut Ready) -> TaskPoll + Unpin> Future for JoinTasks<P> {
    type Output = Result<(), crate::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // The tasks are pinned where they live; the join holds only references to them.
        let this = self.get_mut();
        if !this.started {
            this.started = true;
            for index in 0..this.ready.tasks {
                if let Err(error) = this.poll_one(index, cx) {
                    return Poll::Ready(Err(error));
                }
            }
        }
        if let Some(shared) = this.ready.shared.clone() {
            {
                let mut parent = shared
                    .parent
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                if !parent.will_wake(cx.waker()) {
                    *parent = cx.waker().clone();
                }
            }
            if let Err(error) = this.poll_marked(&shared, cx) {
                return Poll::Ready(Err(error));
            }
        }
        if this.remaining == 0 {
            Poll::Ready(Ok(()))
        } else {
            Poll::Pending
        }
    }
}

/// Polls the node futures (`Task`s) of an async schedule together: ready with the first
/// error, or with `Ok(())` once every one is done. Only the tasks woken since the last poll
/// are polled again (see `schedule/join.rs`).
#[doc(hidden)]
#[macro_export]
macro_rules! __hypernodes_join_tasks {
    ($($task:ident),* $(,)?) => {
        $crate::__private::JoinTasks::new(
            [$(::core::stringify!($task)),*].len(),
            |index, cx, ready| {
                // The positions fold to constants: the chain becomes one jump.
                let mut position = 0usize;
                $(
                    if index == position {
                        return $task.poll_in(position, cx, ready);
                    }
                    position += 1;
                )*
                let _ = position;
                $crate::__private::TaskPoll::Idle
            },
        )
    };
}
