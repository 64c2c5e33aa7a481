//! `Chunks`: a node parameter through which the node streams partial results.

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
