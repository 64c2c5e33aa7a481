//! What every runner is configured with: callbacks, cache, and how questions are answered.
//! The builder methods are written (and documented) once, in [`config_methods!`], for
//! each runner.

use crate::interact::Interaction;
use crate::NoCache;

/// The configuration every runner holds.
#[derive(Clone, Debug, Default)]
pub(crate) struct Config<C, K> {
    pub(crate) callbacks: C,
    pub(crate) cache: K,
    pub(crate) interaction: Interaction,
}

impl Config<(), NoCache> {
    pub(crate) fn new() -> Self {
        Config {
            callbacks: (),
            cache: NoCache,
            interaction: Interaction::default(),
        }
    }
}

impl<C, K> Config<C, K> {
    pub(crate) fn with_callback<D>(self, callback: D) -> Config<(C, D), K> {
        Config {
            callbacks: (self.callbacks, callback),
            cache: self.cache,
            interaction: self.interaction,
        }
    }

    pub(crate) fn with_cache<K2>(self, cache: K2) -> Config<C, K2> {
        Config {
            callbacks: self.callbacks,
            cache,
            interaction: self.interaction,
        }
    }
}

/// The builder methods and accessors of a runner `$runner<C, K>` that holds a
/// `config: Config<C, K>` and has `fn reconfigure(self, impl FnOnce(Config<C, K>) ->
/// Config<C2, K2>) -> $runner<C2, K2>`. `$bound` is what the runner needs of a callback.
macro_rules! config_methods {
    ($runner:ident, $($bound:tt)+) => {
        impl<C: $($bound)+, K: $crate::Cache> $runner<C, K> {
            /// Adds a callback, called after those already added.
            pub fn with_callback<D: $($bound)+>(self, callback: D) -> $runner<(C, D), K> {
                self.reconfigure(|config| config.with_callback(callback))
            }

            /// Sets the cache that nodes marked `cache` read and write. Pass `&cache` or an
            /// `Arc` to keep using the cache (for its statistics, or to share it between
            /// runners).
            pub fn with_cache<K2: $crate::Cache>(self, cache: K2) -> $runner<C, K2> {
                self.reconfigure(|config| config.with_cache(cache))
            }

            /// Answers the questions nodes ask through an
            /// [`Interrupt`](crate::Interrupt)`<Q, A>` parameter: `handler` is called with
            /// the question and returns the answer, or `None` to leave it unanswered (the
            /// run then stops with [`Error::Interrupted`](crate::Error::Interrupted)). One
            /// handler per question and answer type; a later one replaces an earlier one.
            /// A handler is found by both types exactly: one for `Q` that returns another
            /// answer type than the node's `A` is never called.
            ///
            /// The handler is a plain function called on the asking node's thread, inside
            /// its call (or, under [`AsyncRunner`](crate::AsyncRunner), its poll); it may
            /// block, for example to read a terminal. To answer from elsewhere (a user
            /// interface, a web request), use [`AsyncRunner::iter`](crate::AsyncRunner::iter)
            /// and [`Events::respond`](crate::Events::respond) instead.
            pub fn with_handler<Q, A, F>(mut self, handler: F) -> Self
            where
                Q: ?Sized + $crate::QuestionType,
                A: Send + 'static,
                F: Fn(&Q) -> Option<A> + Send + Sync + 'static,
            {
                self.config.interaction = self.config.interaction.with_handler(handler);
                self
            }

            /// Supplies the answer to a question that stopped an earlier run
            /// ([`Error::Interrupted`](crate::Error::Interrupted)), so that a re-run resumes
            /// past it. Made by [`Question::answer`](crate::Question::answer); it is given
            /// before any handler.
            pub fn with_answer(mut self, answer: $crate::Answer) -> Self {
                self.config.interaction = self.config.interaction.with_answer(answer);
                self
            }

            /// The runner's callbacks.
            pub fn callbacks(&self) -> &C {
                &self.config.callbacks
            }

            /// The runner's cache.
            pub fn cache(&self) -> &K {
                &self.config.cache
            }
        }
    };
}

pub(crate) use config_methods;
