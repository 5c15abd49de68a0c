//! Journal writes for batches: one thread owns the write connection and commits answers in groups,
//! so thousands of status checks a second cost a few transactions, not thousands of fsyncs, and the
//! async workers never block on SQLite.

use super::{Journal, StatusUpdate, warn};
use crate::error::Error;
use std::path::Path;
use std::thread::JoinHandle;
use tokio::sync::mpsc;

/// Answers committed per transaction at most; small enough that another process waiting for the
/// write lock is not kept waiting long.
const GROUP: usize = 256;

pub struct JournalWriter {
    tx: Option<mpsc::Sender<StatusUpdate>>,
    thread: Option<JoinHandle<Failures>>,
}

#[derive(Default)]
struct Failures {
    count: u64,
    first: Option<Error>,
}

impl JournalWriter {
    /// Starts the writer thread on its own connection.
    pub fn open(path: &Path) -> crate::error::Result<JournalWriter> {
        let mut journal = Journal::open(path)?;
        let (tx, mut rx) = mpsc::channel::<StatusUpdate>(1024);
        let thread = std::thread::Builder::new()
            .name("journal-writer".into())
            .spawn(move || {
                let mut failures = Failures::default();
                let mut group = Vec::with_capacity(GROUP);
                while let Some(first) = rx.blocking_recv() {
                    group.push(first);
                    while group.len() < GROUP {
                        match rx.try_recv() {
                            Ok(u) => group.push(u),
                            Err(_) => break,
                        }
                    }
                    if let Err(e) = journal.record_many(&group) {
                        if failures.first.is_none() {
                            warn(&e);
                            failures.first = Some(e);
                        }
                        failures.count += group.len() as u64;
                    }
                    group.clear();
                }
                failures
            })
            .map_err(|e| Error::internal(format!("cannot start the journal writer: {e}")))?;
        Ok(JournalWriter { tx: Some(tx), thread: Some(thread) })
    }

    /// Queues one answer; waits only when the writer is a full channel behind.
    pub async fn record(&self, update: StatusUpdate) {
        if let Some(tx) = &self.tx {
            // The thread only stops after `finish`, so a send error cannot happen before it.
            let _ = tx.send(update).await;
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

impl Drop for JournalWriter {
    /// Even on an early return, what was queued gets committed.
    fn drop(&mut self) {
        self.stop();
    }
}
