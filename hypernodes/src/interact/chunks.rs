//! `Chunks`: a node parameter through which the node streams partial results.

use super::direct::ChunkSink;
use super::port::Channel;
use std::fmt::Debug;
use std::marker::PhantomData;

/// A node parameter for streaming: each [`send`](Chunks::send) hands a chunk (a token, a
/// row, a progress report) to whoever watches the run, while the node keeps working.
///
/// `graph!` does not wire it by name: the runner supplies it. Under [`Runner`](crate::Runner)
/// chunks reach callbacks ([`Callback::on_chunk`](crate::Callback::on_chunk)); under
/// [`AsyncRunner::iter`](crate::AsyncRunner::iter) they are also events, typed per graph
/// as its `{Name}Chunk` enum, with one variant per streaming node. Chunks of one node
/// arrive in the order sent.
///
/// A node has at most one `Chunks` parameter, and a streaming node cannot be `cache`d (a
/// cache hit would skip its chunks).
///
/// ```
/// use hypernodes::{graph, node, Chunks};
///
/// #[node(output_name = "text")]
/// fn generate(prompt: String, tokens: Chunks<'_, String>) -> String {
///     let words: Vec<String> = prompt.split(' ').map(str::to_uppercase).collect();
///     for word in &words {
///         tokens.send(word.clone());
///     }
///     words.join(" ")
/// }
///
/// graph!(struct Writer = [generate]);
/// // `WriterChunk::Generate(String)` is the chunk type of `Writer`'s events.
/// let _: fn(String) -> WriterChunk = WriterChunk::Generate;
/// ```
pub struct Chunks<'a, T: Debug + Send + Sync + 'static> {
    channel: Channel<'a>,
    chunk: PhantomData<fn(T)>,
}

impl<'a, T: Debug + Send + Sync + 'static> Chunks<'a, T> {
    #[doc(hidden)]
    pub fn __new(channel: Channel<'a>) -> Self {
        Chunks {
            channel,
            chunk: PhantomData,
        }
    }

    /// Chunks that are pushed onto `chunks`, for calling a streaming node directly (in a
    /// unit test, or outside any graph): the node stays a plain function.
    ///
    /// ```
    /// use hypernodes::{node, Chunks};
    ///
    /// #[node(output_name = "text")]
    /// fn generate(prompt: String, tokens: Chunks<'_, String>) -> String {
    ///     for word in prompt.split(' ') {
    ///         tokens.send(word.to_uppercase());
    ///     }
    ///     prompt.to_uppercase()
    /// }
    ///
    /// let mut sent = Vec::new();
    /// assert_eq!(generate("a b".into(), Chunks::into_vec(&mut sent)), "A B");
    /// assert_eq!(sent, ["A", "B"]);
    /// ```
    pub fn into_vec(chunks: &'a mut Vec<T>) -> Self {
        Self::to_fn(move |chunk| chunks.push(chunk))
    }

    /// Chunks that are handed to `sink` as they are sent, for calling a streaming node
    /// directly (see [`into_vec`](Chunks::into_vec)).
    ///
    /// ```
    /// use hypernodes::Chunks;
    ///
    /// let mut total = 0;
    /// let progress = Chunks::to_fn(|percent: u32| total += percent);
    /// progress.send(40);
    /// progress.send(60);
    /// drop(progress);
    /// assert_eq!(total, 100);
    /// ```
    pub fn to_fn(sink: impl FnMut(T) + Send + 'a) -> Self {
        Self::__new(Channel::direct(ChunkSink::new(sink)))
    }

    /// Streams one chunk out of the node. It is delivered right away (callbacks are called
    /// before `send` returns; `iter` buffers it until the stream is polled).
    pub fn send(&self, chunk: T) {
        self.channel.chunk(Box::new(chunk));
    }
}

impl<T: Debug + Send + Sync + 'static> Debug for Chunks<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chunks")
            .field("node", &self.channel.site().node.name)
            .finish()
    }
}
