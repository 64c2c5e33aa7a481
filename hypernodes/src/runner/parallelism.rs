//! The threads `Runner::map` runs items on: how many, with how much stack, made when.
//!
//! Map workers get the main thread's stack size rather than rayon's 2 MiB, so that a node
//! that recurses deeply enough to work in `run` on the main thread also works in `map`
//! (a worker that overflows its stack aborts the whole process). Pools are made at the
//! first map that needs them, never when the runner is configured.

use crate::Error;
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

/// The most threads a map runs on; more are clamped to this. Past a few hundred, threads
/// only cost time to create and memory for their stacks.
pub(crate) const MAX_THREADS: usize = 256;

/// The smallest and largest stack a map worker is given.
const STACK_RANGE: (usize, usize) = (64 << 10, 1 << 30);

/// The stack a map worker gets when the main thread's is unknown or unlimited.
const FALLBACK_STACK: usize = 8 << 20;

/// How `map` spreads items over threads.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parallelism {
    threads: Threads,
    /// `None`: the main thread's stack size ([`main_stack_size`]).
    stack_size: Option<usize>,
    /// The runner's own pool, made by the first map that needs it; `None` while the
    /// process-wide pool fits, so that `Runner::new` allocates nothing. Clones of the
    /// runner share it.
    pool: Option<Arc<PoolCell>>,
}

/// A pool made at most once, or why it could not be.
type PoolCell = OnceLock<Result<Arc<rayon::ThreadPool>, PoolError>>;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Threads {
    /// One per core (or `RAYON_NUM_THREADS`).
    #[default]
    PerCore,
    /// One item after another on the calling thread.
    Sequential,
    /// This many (at least 2, at most [`MAX_THREADS`]).
    Fixed(usize),
}

impl Parallelism {
    /// Items on `threads` threads: `0` one per core, `1` on the calling thread; at most
    /// [`MAX_THREADS`]. Starts no thread.
    pub(crate) fn with_threads(self, threads: usize) -> Self {
        let threads = match threads {
            0 => Threads::PerCore,
            1 => Threads::Sequential,
            n => Threads::Fixed(n.min(MAX_THREADS)),
        };
        Parallelism {
            threads,
            stack_size: self.stack_size,
            pool: Some(Arc::default()),
        }
    }

    /// Workers with `bytes` of stack (clamped to 64 KiB ..= 1 GiB). Starts no thread.
    pub(crate) fn with_stack_size(self, bytes: usize) -> Self {
        Parallelism {
            threads: self.threads,
            stack_size: Some(bytes.clamp(STACK_RANGE.0, STACK_RANGE.1)),
            pool: Some(Arc::default()),
        }
    }

    /// Where this runner's maps run, making the pool if it is the first map: an error if
    /// the operating system refuses the threads.
    pub(crate) fn workers(&self) -> Result<Workers<'_>, Error> {
        match (self.threads, self.stack_size) {
            (Threads::Sequential, _) => Ok(Workers::Caller),
            (Threads::PerCore, None) => shared_pool(),
            (threads, stack_size) => {
                let Some(own) = &self.pool else {
                    return shared_pool();
                };
                let count = match threads {
                    Threads::Fixed(n) => n,
                    _ => 0,
                };
                let pool =
                    own.get_or_init(|| build(count, stack_size.unwrap_or_else(main_stack_size)));
                Ok(Workers::Pool(pool.as_ref().map_err(PoolError::to_error)?))
            }
        }
    }

    #[cfg(test)]
    fn started(&self) -> bool {
        self.pool.as_ref().is_some_and(|pool| pool.get().is_some())
    }
}

/// The process-wide pool: one thread per core, with the main thread's stack size.
fn shared_pool() -> Result<Workers<'static>, Error> {
    static SHARED: PoolCell = OnceLock::new();
    let pool = SHARED.get_or_init(|| build(0, main_stack_size()));
    Ok(Workers::Pool(pool.as_ref().map_err(PoolError::to_error)?))
}

/// Where one map's items run.
pub(crate) enum Workers<'p> {
    Caller,
    Pool(&'p Arc<rayon::ThreadPool>),
}

impl Workers<'_> {
    /// `run` over every item with its index, results in item order.
    pub(crate) fn map<I, T, F>(self, items: Vec<I>, run: F) -> Vec<T>
    where
        I: Send,
        T: Send,
        F: Fn((usize, I)) -> T + Sync + Send,
    {
        match self {
            Workers::Caller => items.into_iter().enumerate().map(run).collect(),
            Workers::Pool(pool) => {
                pool.install(|| items.into_par_iter().enumerate().map(run).collect())
            }
        }
    }
}

impl Workers<'_> {
    /// As [`map`](Workers::map), with a state made by `init` and reused for the items
    /// one worker runs in a row (rayon's `map_init`), so that per-item setup is paid once
    /// per batch of items.
    pub(crate) fn map_with<I, S, T>(
        self,
        items: Vec<I>,
        init: impl Fn() -> S + Sync + Send,
        run: impl Fn(&mut S, (usize, I)) -> T + Sync + Send,
    ) -> Vec<T>
    where
        I: Send,
        T: Send,
    {
        match self {
            Workers::Caller => {
                let mut state = init();
                items
                    .into_iter()
                    .enumerate()
                    .map(|item| run(&mut state, item))
                    .collect()
            }
            Workers::Pool(pool) => pool.install(|| {
                items
                    .into_par_iter()
                    .enumerate()
                    .map_init(init, run)
                    .collect()
            }),
        }
    }
}

/// Why a pool could not be made: kept, so that every map of the runner reports it.
#[derive(Debug)]
struct PoolError {
    threads: usize,
    message: String,
}

impl PoolError {
    fn to_error(&self) -> Error {
        Error::ThreadPool {
            threads: self.threads,
            message: self.message.clone(),
        }
    }
}

/// A pool of `threads` workers (`0`: rayon's default, one per core) with `stack_size`.
fn build(threads: usize, stack_size: usize) -> Result<Arc<rayon::ThreadPool>, PoolError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(stack_size)
        .thread_name(|index| format!("hypernodes-map-{index}"))
        .build()
        .map(Arc::new)
        .map_err(|error| PoolError {
            // `0` asked for one per core: say how many that is.
            threads: match threads {
                0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
                n => n,
            },
            message: error.to_string(),
        })
}

/// The main thread's stack size: on unix, the soft `RLIMIT_STACK` (what the kernel gives
/// the main thread), or 8 MiB when it is unlimited or unknown; never less than rayon's
/// 2 MiB default, nor more than 1 GiB.
pub(crate) fn main_stack_size() -> usize {
    static SIZE: OnceLock<usize> = OnceLock::new();
    *SIZE.get_or_init(|| {
        stack_limit()
            .unwrap_or(FALLBACK_STACK)
            .clamp(2 << 20, STACK_RANGE.1)
    })
}

#[cfg(unix)]
fn stack_limit() -> Option<usize> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `getrlimit` only writes the `rlimit` it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut limit) } != 0
        || limit.rlim_cur == libc::RLIM_INFINITY
    {
        return None;
    }
    usize::try_from(limit.rlim_cur).ok()
}

#[cfg(not(unix))]
fn stack_limit() -> Option<usize> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_parallelism_is_clamped_and_starts_no_thread() {
        // `Runner::new` (made per call in some programs) does not even allocate.
        assert!(Parallelism::default().pool.is_none());
        let parallelism = Parallelism::default().with_threads(usize::MAX);
        assert_eq!(parallelism.threads, Threads::Fixed(MAX_THREADS));
        assert!(!parallelism.started());
        let parallelism = Parallelism::default().with_threads(10_000);
        assert!(!parallelism.started());
    }

    #[test]
    fn a_pool_is_made_by_the_first_map_and_has_the_stack_size() {
        let parallelism = Parallelism::default()
            .with_threads(2)
            .with_stack_size(3 << 20);
        assert!(!parallelism.started());
        let out = parallelism.workers().unwrap().map(vec![1, 2, 3], |(i, x)| {
            (i, x * 10, rayon::current_num_threads())
        });
        assert_eq!(out, [(0, 10, 2), (1, 20, 2), (2, 30, 2)]);
        assert!(parallelism.started());
        // A clone shares the pool; a new setting makes a new one, later.
        assert!(parallelism.clone().started());
        assert!(!parallelism.with_threads(3).started());
    }

    #[test]
    fn map_workers_get_at_least_rayons_stack() {
        let size = main_stack_size();
        assert!((2 << 20..=1 << 30).contains(&size), "{size}");
        #[cfg(unix)]
        if let Some(limit) = stack_limit() {
            assert_eq!(size, limit.clamp(2 << 20, 1 << 30));
        }
    }
}
