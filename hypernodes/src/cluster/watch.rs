//! Noticing a lost process. timely's connection threads panic when a connection breaks,
//! and its workers then wait forever for the lost process's progress. So every
//! connection is a [`WatchedStream`]: it follows timely's framing to tell a clean
//! shutdown from a broken connection, and raises the [`Alarm`] on the latter, which stops
//! this process's share and wakes the caller with [`ClusterError::PeerLost`].

use super::engine::Event;
use super::ClusterError;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, Once};

/// The first fault of a map, shared by the connection threads, the timely worker and the
/// caller.
pub(crate) struct Alarm {
    raised: AtomicBool,
    events: Mutex<Sender<Event>>,
}

impl Alarm {
    pub(crate) fn new(events: Sender<Event>) -> Arc<Self> {
        Arc::new(Alarm {
            raised: AtomicBool::new(false),
            events: Mutex::new(events),
        })
    }

    /// Records `fault` and wakes the caller; only the first fault is reported.
    pub(crate) fn raise(&self, fault: ClusterError) {
        if !self.raised.swap(true, Ordering::SeqCst) {
            tracing::warn!(target: "hypernodes::cluster", "{fault}");
            let events = self.events.lock().unwrap_or_else(|e| e.into_inner());
            let _ = events.send(Event::Fault(fault));
        }
    }

    /// Passes `event` to the caller.
    pub(crate) fn tell(&self, event: Event) {
        let events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        let _ = events.send(event);
    }

    /// Set once a fault is raised: the share stops starting items.
    pub(crate) fn flag(&self) -> &AtomicBool {
        &self.raised
    }

    pub(crate) fn is_raised(&self) -> bool {
        self.raised.load(Ordering::SeqCst)
    }
}

/// The size of timely's message header: six big-endian `u64`s, the fifth the length of
/// the payload that follows. A header with length 0 is the clean end of a connection.
const HEADER: usize = 48;
const LENGTH_AT: usize = 32;

/// A connection to process `peer`, as timely's network threads use it.
pub(crate) struct WatchedStream {
    inner: TcpStream,
    peer: usize,
    host: Arc<str>,
    alarm: Arc<Alarm>,
    frames: Frames,
}

impl WatchedStream {
    pub(crate) fn new(inner: TcpStream, peer: usize, host: &str, alarm: &Arc<Alarm>) -> Self {
        WatchedStream {
            inner,
            peer,
            host: host.into(),
            alarm: Arc::clone(alarm),
            frames: Frames::default(),
        }
    }

    fn lost(&self) {
        self.alarm.raise(ClusterError::PeerLost {
            process: self.peer,
            host: self.host.to_string(),
        });
    }
}

impl Read for WatchedStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let result = self.inner.read(buf);
        match &result {
            Ok(0) | Err(_) if !self.frames.ended => self.lost(),
            Ok(read) => self.frames.follow(&buf[..*read]),
            Err(_) => {}
        }
        result
    }
}

impl Write for WatchedStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        if result.is_err() {
            self.lost();
        }
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        if result.is_err() {
            self.lost();
        }
        result
    }
}

impl timely::communication::allocator::zero_copy::stream::Stream for WatchedStream {
    fn try_clone(&self) -> io::Result<Self> {
        Ok(WatchedStream {
            inner: self.inner.try_clone()?,
            peer: self.peer,
            host: Arc::clone(&self.host),
            alarm: Arc::clone(&self.alarm),
            frames: Frames::default(),
        })
    }

    fn set_nonblocking(&self, nonblocking: bool) -> io::Result<()> {
        self.inner.set_nonblocking(nonblocking)
    }

    fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.inner.shutdown(how)
    }
}

/// Where the reader is in timely's stream of `header, payload` frames.
struct Frames {
    header: [u8; HEADER],
    /// Header bytes read so far (while `payload_left` is 0).
    have: usize,
    payload_left: u64,
    /// The clean-shutdown header was read: the end of the stream is expected.
    ended: bool,
}

impl Default for Frames {
    fn default() -> Self {
        Frames {
            header: [0; HEADER],
            have: 0,
            payload_left: 0,
            ended: false,
        }
    }
}

impl Frames {
    fn follow(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() && !self.ended {
            if self.payload_left > 0 {
                let skip = bytes
                    .len()
                    .min(usize::try_from(self.payload_left).unwrap_or(usize::MAX));
                self.payload_left -= skip as u64;
                bytes = &bytes[skip..];
                continue;
            }
            let take = (HEADER - self.have).min(bytes.len());
            self.header[self.have..self.have + take].copy_from_slice(&bytes[..take]);
            self.have += take;
            bytes = &bytes[take..];
            if self.have == HEADER {
                self.have = 0;
                let mut length = [0; 8];
                length.copy_from_slice(&self.header[LENGTH_AT..LENGTH_AT + 8]);
                self.payload_left = u64::from_be_bytes(length);
                self.ended = self.payload_left == 0;
            }
        }
    }
}

/// Keeps timely's connection-thread panics (which follow a fault this module already
/// reports as an error) off stderr: they go to `tracing` at debug level. Every other
/// panic goes to the hook that was installed before.
pub(crate) fn quiet_engine_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            let name = thread.name().unwrap_or("");
            if name.starts_with("timely:") || name.starts_with(TEARDOWN_THREAD) {
                tracing::debug!(target: "hypernodes::cluster", "engine thread `{name}` stopped: {info}");
            } else {
                previous(info);
            }
        }));
    });
}

/// The thread that waits for the engine's threads to end after a map.
pub(crate) const TEARDOWN_THREAD: &str = "hypernodes-cluster-teardown";

#[cfg(test)]
mod tests {
    use super::*;

    fn header(length: u64) -> Vec<u8> {
        let mut bytes = vec![0u8; HEADER];
        bytes[LENGTH_AT..LENGTH_AT + 8].copy_from_slice(&length.to_be_bytes());
        bytes
    }

    #[test]
    fn frames_find_the_clean_end_across_any_split() {
        let mut stream = header(5);
        stream.extend([1, 2, 3, 4, 5]);
        stream.extend(header(0));
        for split in 0..stream.len() {
            let mut frames = Frames::default();
            frames.follow(&stream[..split]);
            assert!(!frames.ended, "split at {split}");
            frames.follow(&stream[split..]);
            assert!(frames.ended, "split at {split}");
        }
    }

    #[test]
    fn a_payload_of_zeros_is_not_taken_for_the_end() {
        let mut stream = header(HEADER as u64);
        stream.extend(vec![0u8; HEADER]);
        let mut frames = Frames::default();
        frames.follow(&stream);
        assert!(!frames.ended);
        assert_eq!((frames.payload_left, frames.have), (0, 0));
    }
}
