//! Journal writes for many answers: one thread owns the write connection and commits answers in
//! groups, so thousands of status checks or verified callbacks a second cost a few transactions,
//! not thousands of fsyncs (or round trips), and async workers never block on the database.
//!
//! The journal is opened on the first write: a command with nothing to record never opens it.

use super::{Journal, Location, Release, StatusUpdate, warn};
use crate::error::Error;
use std::thread::JoinHandle;
use tokio::sync::{mpsc, oneshot};

/// Writes committed per transaction at most; small enough that another process waiting for the
/// write lock is not kept waiting long.
const GROUP: usize = 256;

enum Write {
    /// An answer; the sender, when given, learns whether its group was committed.
    Status(Box<StatusUpdate>, Option<oneshot::Sender<bool>>),
    Release(Release),
}

pub struct JournalWriter {
    tx: Option<mpsc::Sender<Write>>,
    thread: Option<JoinHandle<Failures>>,
}

#[derive(Default)]
struct Failures {
    count: u64,
    first: Option<Error>,
}

impl Failures {
    fn add(&mut self, e: Error, n: usize) {
        if self.first.is_none() {
            warn(&e);
            self.first = Some(e);
        }
        self.count += n as u64;
    }
}

impl JournalWriter {
    /// Starts the writer thread for `location`; `None` (`--no-journal`) records nothing.
    pub fn new(location: Option<Location>) -> JournalWriter {
        let Some(location) = location else { return JournalWriter { tx: None, thread: None } };
        let (tx, rx) = mpsc::channel::<Write>(1024);
        let thread = std::thread::Builder::new()
            .name("journal-writer".into())
            .spawn(move || write_loop(&location, rx))
            .map_err(|e| warn(&Error::internal(format!("cannot start the journal writer: {e}"))))
            .ok();
        JournalWriter { tx: thread.as_ref().map(|_| tx), thread }
    }

    /// Queues one answer; waits only when the writer is a full channel behind.
    pub async fn record(&self, update: StatusUpdate) {
        if let Some(tx) = &self.tx {
            // The thread only stops after `finish`, so a send error cannot happen before it.
            let _ = tx.send(Write::Status(Box::new(update), None)).await;
        }
    }

    /// Queues one answer and waits until its group is committed: true when it is in the journal
    /// (or was already, for a callback event, or there is no journal: `--no-journal`), false when
    /// the journal could not take it.
    pub async fn record_committed(&self, update: StatusUpdate) -> bool {
        let Some(tx) = &self.tx else { return true };
        let (done, committed) = oneshot::channel();
        if tx.send(Write::Status(Box::new(update), Some(done))).await.is_err() {
            return false;
        }
        committed.await.unwrap_or(false)
    }

    /// Gives back the lease on an order whose check failed.
    pub async fn release(&self, release: Release) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Write::Release(release)).await;
        }
    }

    /// Commits everything queued and stops the thread.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        drop(self.tx.take());
        if let Some(thread) = self.thread.take() {
            match thread.join() {
                Ok(f) if f.count > 0 => {
                    crate::output::warn(format_args!("order journal: {} status answers were not recorded", f.count))
                }
                Ok(_) => {}
                Err(_) => crate::output::warn("order journal: the writer thread crashed"),
            }
        }
    }
}

fn write_loop(location: &Location, mut rx: mpsc::Receiver<Write>) -> Failures {
    let mut failures = Failures::default();
    let mut journal: Option<std::result::Result<Journal, ()>> = None;
    let mut group = Vec::with_capacity(GROUP);
    while let Some(first) = rx.blocking_recv() {
        group.push(first);
        while group.len() < GROUP {
            match rx.try_recv() {
                Ok(w) => group.push(w),
                Err(_) => break,
            }
        }
        let mut updates = Vec::new();
        let mut releases = Vec::new();
        let mut waiting = Vec::new();
        for w in group.drain(..) {
            match w {
                Write::Status(u, done) => {
                    updates.push(*u);
                    waiting.extend(done);
                }
                Write::Release(r) => releases.push(r),
            }
        }
        let opened = journal.get_or_insert_with(|| super::open(location).map_err(|e| failures.add(e, 0)));
        let committed = match opened {
            Ok(j) => match j.record_many(&updates, &releases) {
                Ok(_) => true,
                Err(e) => {
                    failures.add(e, updates.len());
                    false
                }
            },
            Err(()) => {
                failures.count += updates.len() as u64;
                false
            }
        };
        for done in waiting {
            let _ = done.send(committed);
        }
    }
    failures
}

impl Drop for JournalWriter {
    /// Even on an early return, what was queued gets committed.
    fn drop(&mut self) {
        self.stop();
    }
}
