//! The only user of timely: one dataflow per map, in two phases.
//!
//! 1. Process 0 feeds every item, as `(index, bytes)`, into an input that is exchanged by
//!    index, so item `i` lands on process `i % processes`. Each process's share is handed
//!    to the caller's thread, which runs it with the wrapped `Runner`.
//! 2. Each process feeds its results into a second input, exchanged to process 0, which
//!    hands them all to its caller.
//!
//! An input's sink knows its phase is over when its frontier is empty: every process has
//! closed that input and everything sent has arrived. The timely worker runs on its own
//! thread; the caller talks to it through channels, so a fault raised by the
//! [`Alarm`] wakes the caller even while the worker waits.

use super::watch::{quiet_engine_panics, Alarm, WatchedStream, TEARDOWN_THREAD};
use super::ClusterError;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use timely::communication::allocator::zero_copy::initialize::initialize_networking_from_sockets;
use timely::communication::allocator::{AllocatorBuilder, ProcessBuilder};
use timely::communication::Hooks;
use timely::dataflow::channels::pact::Pipeline;
use timely::dataflow::operators::generic::Operator;
use timely::dataflow::operators::{Exchange, Input};
use timely::dataflow::InputHandleVec;
use timely::worker::Worker;
use timely::WorkerConfig;

/// One item (its index in the map) and its inputs or its result, encoded.
pub(crate) type Message = (u64, Vec<u8>);

/// The messages for one process, as one record: timely's cost is per record, so a map
/// sends one per process and phase rather than one per item.
type Batch = (u64, Vec<Message>);

/// What the engine tells the caller.
pub(crate) enum Event {
    /// This process's items.
    Share(Vec<Message>),
    /// Every process's results (process 0 only), when the map is over.
    Collected(Vec<Message>),
    /// The map is over here (processes other than 0).
    Finished,
    /// The map cannot go on.
    Fault(ClusterError),
}

/// How long the worker sleeps between checks while it waits for the caller or a peer.
const PARK: Duration = Duration::from_millis(5);

/// A map in progress, from the caller's side.
pub(crate) struct Session {
    events: Receiver<Event>,
    results: Option<Sender<Vec<Message>>>,
    alarm: Arc<Alarm>,
    /// Joined after a clean end; left to a background thread after a fault.
    guards: Option<Box<dyn Send>>,
}

impl Session {
    /// A fresh alarm and the channel it reports to, for [`connect`](super::mesh::connect).
    pub(crate) fn new_alarm() -> (Arc<Alarm>, Receiver<Event>) {
        let (sender, events) = channel();
        (Alarm::new(sender), events)
    }

    /// Starts the engine over `streams` (one per other process; none for a local map).
    /// `items` are given on process 0.
    pub(crate) fn start(
        streams: Vec<Option<WatchedStream>>,
        index: usize,
        items: Option<Vec<Message>>,
        alarm: Arc<Alarm>,
        events: Receiver<Event>,
    ) -> Result<Self, ClusterError> {
        let engine = |message: String| ClusterError::Engine { message };
        let (builders, others): (Vec<AllocatorBuilder>, Box<dyn std::any::Any + Send>) =
            if streams.len() <= 1 {
                timely::CommunicationConfig::Thread
                    .try_build()
                    .map_err(engine)?
            } else {
                quiet_engine_panics();
                let hooks = Hooks::default();
                let process = ProcessBuilder::new_typed_vector(1, hooks.refill.clone(), None);
                let (builders, guard) =
                    initialize_networking_from_sockets(process, streams, index, 1, hooks)
                        .map_err(|e| engine(e.to_string()))?;
                (
                    builders.into_iter().map(AllocatorBuilder::Tcp).collect(),
                    Box::new(guard),
                )
            };
        let (results_in, results) = channel();
        let worker = Arc::new(WorkerSide {
            items: Mutex::new(items),
            results: Mutex::new(results),
            alarm: Arc::clone(&alarm),
        });
        let guards = timely::execute::execute_from(
            builders,
            others,
            WorkerConfig::default(),
            move |timely| worker.run(timely),
        )
        .map_err(engine)?;
        Ok(Session {
            events,
            results: Some(results_in),
            alarm,
            guards: Some(Box::new(guards)),
        })
    }

    /// Set when a fault is raised: the caller stops starting items.
    pub(crate) fn alarm(&self) -> &Alarm {
        &self.alarm
    }

    /// Waits for this process's items.
    pub(crate) fn share(&mut self) -> Result<Vec<Message>, ClusterError> {
        match self.next_event()? {
            Event::Share(items) => Ok(items),
            _ => Err(self.fail("the items came out of order".into())),
        }
    }

    /// Sends this process's results and waits for the end of the map: every result on
    /// process 0, `None` elsewhere.
    pub(crate) fn finish(
        mut self,
        results: Vec<Message>,
    ) -> Result<Option<Vec<Message>>, ClusterError> {
        let sender = self.results.take().expect("finish is called once");
        if sender.send(results).is_err() {
            return Err(self.fail("the worker stopped before the results".into()));
        }
        drop(sender);
        let outcome = match self.next_event()? {
            Event::Collected(results) => Some(results),
            Event::Finished => None,
            _ => return Err(self.fail("the results came out of order".into())),
        };
        // A clean end: the engine's threads finish once every process has its results.
        if let Some(guards) = self.guards.take() {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(guards)));
        }
        Ok(outcome)
    }

    fn next_event(&mut self) -> Result<Event, ClusterError> {
        match self.events.recv() {
            Ok(Event::Fault(fault)) => Err(fault),
            Ok(event) => Ok(event),
            Err(_) => Err(self.fail("the worker thread ended unexpectedly".into())),
        }
    }

    /// The fault already reported, if any (it explains what went wrong better than the
    /// symptom seen here); else an engine error saying `message`.
    fn fail(&self, message: String) -> ClusterError {
        while let Ok(event) = self.events.try_recv() {
            if let Event::Fault(fault) = event {
                return fault;
            }
        }
        self.alarm.raise(ClusterError::Engine {
            message: message.clone(),
        });
        ClusterError::Engine { message }
    }
}

impl Drop for Session {
    /// After a fault, the engine's threads may wait on processes that are gone or slow to
    /// notice: they are left to end in the background rather than block the caller.
    fn drop(&mut self) {
        if let Some(guards) = self.guards.take() {
            self.alarm
                .flag()
                .store(true, std::sync::atomic::Ordering::SeqCst);
            let spawned = std::thread::Builder::new()
                .name(TEARDOWN_THREAD.into())
                .spawn(move || drop(guards));
            if let Err(error) = spawned {
                tracing::warn!(target: "hypernodes::cluster", "cannot start the teardown thread: {error}");
            }
        }
    }
}

/// Moves the messages of received batches into `store`.
fn gather(store: &RefCell<Vec<Message>>, batches: &mut Vec<Batch>) {
    let mut store = store.borrow_mut();
    for (_, messages) in batches.drain(..) {
        store.extend(messages);
    }
}

/// What the timely worker thread shares with the caller.
struct WorkerSide {
    items: Mutex<Option<Vec<Message>>>,
    results: Mutex<Receiver<Vec<Message>>>,
    alarm: Arc<Alarm>,
}

impl WorkerSide {
    fn run(&self, timely: &mut Worker) {
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.phases(timely)));
        match outcome {
            Ok(Ok(event)) => self.tell(event),
            Ok(Err(fault)) => self.alarm.raise(fault),
            Err(panic) => self.alarm.raise(ClusterError::Engine {
                message: crate::error::panic_message(&*panic),
            }),
        }
        // Whatever remains would wait for processes that may be gone.
        for dataflow in timely.installed_dataflows() {
            timely.drop_dataflow(dataflow);
        }
    }

    fn tell(&self, event: Event) {
        if !self.alarm.is_raised() {
            self.alarm.tell(event);
        }
    }

    fn phases(&self, timely: &mut Worker) -> Result<Event, ClusterError> {
        let me = timely.index();
        let peers = timely.peers();
        let mut items_in: InputHandleVec<u64, Batch> = InputHandleVec::new();
        let mut results_in: InputHandleVec<u64, Batch> = InputHandleVec::new();
        let (share, share_done) = (Rc::new(RefCell::new(Vec::new())), Rc::new(Cell::new(false)));
        let (collected, collected_done) =
            (Rc::new(RefCell::new(Vec::new())), Rc::new(Cell::new(false)));
        timely.dataflow::<u64, _, _>(|scope| {
            let (store, done) = (Rc::clone(&share), Rc::clone(&share_done));
            scope
                .input_from(&mut items_in)
                .exchange(|batch| batch.0)
                .sink(Pipeline, "share", move |(input, frontier)| {
                    input.for_each(|_, data| gather(&store, data));
                    done.set(frontier.is_empty());
                });
            let (store, done) = (Rc::clone(&collected), Rc::clone(&collected_done));
            scope.input_from(&mut results_in).exchange(|_| 0).sink(
                Pipeline,
                "collect",
                move |(input, frontier)| {
                    input.for_each(|_, data| gather(&store, data));
                    done.set(frontier.is_empty());
                },
            );
        });

        // Phase 1: the items.
        let items = self.items.lock().unwrap_or_else(|e| e.into_inner()).take();
        // Item `i` runs on process `i % peers`.
        let mut batches: Vec<Vec<Message>> = (0..peers).map(|_| Vec::new()).collect();
        for item in items.into_iter().flatten() {
            let destination = usize::try_from(item.0).unwrap_or(0) % peers;
            batches[destination].push(item);
        }
        for (destination, batch) in batches.into_iter().enumerate() {
            if !batch.is_empty() {
                items_in.send((destination as u64, batch));
            }
        }
        items_in.close();
        self.step_until(timely, || Ok(share_done.get().then_some(())))?;
        self.tell(Event::Share(share.take()));

        // Phase 2: the results, once the caller has them.
        let results = self.results.lock().unwrap_or_else(|e| e.into_inner());
        let mine = self.step_until(timely, || match results.try_recv() {
            Ok(mine) => Ok(Some(mine)),
            Err(std::sync::mpsc::TryRecvError::Empty) => Ok(None),
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(ClusterError::Engine {
                message: "the caller stopped before its results".into(),
            }),
        })?;
        results_in.send((0, mine));
        results_in.close();
        self.step_until(timely, || Ok(collected_done.get().then_some(())))?;
        Ok(if me == 0 {
            Event::Collected(collected.take())
        } else {
            Event::Finished
        })
    }

    /// Steps the worker until `ready` gives a value, or until a fault.
    fn step_until<T>(
        &self,
        timely: &mut Worker,
        mut ready: impl FnMut() -> Result<Option<T>, ClusterError>,
    ) -> Result<T, ClusterError> {
        loop {
            if let Some(value) = ready()? {
                return Ok(value);
            }
            if self.alarm.is_raised() {
                return Err(ClusterError::Engine {
                    message: "stopped".into(),
                });
            }
            timely.step_or_park(Some(PARK));
        }
    }
}
