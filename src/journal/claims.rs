//! Splitting `status check --pending` across processes and hosts that share one journal.
//!
//! The lease rules (docs/journal.md, "Several hosts"):
//!
//! - An order is **due** when its status is `pending` or `unknown`, it is older than
//!   `--older-than`, and it was neither claimed nor checked since the round's cutoff (the start of
//!   this run, or `--recheck-after` ago).
//! - A run **claims** a block of due orders in one statement (PostgreSQL: `FOR UPDATE SKIP
//!   LOCKED`, so concurrent claims never wait for or overlap each other), writing its owner id and
//!   a lease end (`--lease`, on the database's clock).
//! - Recording an answer ends the lease. A failed check gives the lease back, and the order is not
//!   due again this round (its claim time is recent). Orders claimed but never started (Ctrl-C)
//!   go back as if never claimed.
//! - A live run renews its leases every third of `--lease` until it records or releases them, so a
//!   lease only ends when its run died or lost the journal: a slow host (a loaded machine, a slow
//!   provider) never has its orders checked a second time by another.
//! - A lease that ends without any of that (the host was killed) makes the order claimable again
//!   at once, whatever its claim time. A run with nothing left to claim waits while other owners
//!   hold live leases on orders it would want, so that the round finishes even when a host dies.

use super::{Journal, OrderRow, db_time};
use crate::error::Result;
use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Duration;

/// How long a run waits between looks at other owners' leases.
const POLL: Duration = Duration::from_millis(200);

/// Who claims, what, and for how long.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Unique per run: host name, process id and a random part.
    pub owner: String,
    pub profile: String,
    /// Only orders created (or first seen) before this (`--older-than`).
    pub before: Option<DateTime<Utc>>,
    /// Orders claimed or checked at or after this are not due.
    pub cutoff: DateTime<Utc>,
    pub lease: Duration,
}

impl Claim {
    pub fn new(profile: &str, before: Option<DateTime<Utc>>, cutoff: DateTime<Utc>, lease: Duration) -> Claim {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .or_else(|| std::env::var("HOSTNAME").ok())
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "host".into());
        let random = uuid::Uuid::new_v4().simple().to_string();
        Claim {
            owner: format!("{host}:{}:{}", std::process::id(), &random[..8]),
            profile: profile.to_string(),
            before,
            cutoff,
            lease,
        }
    }

    /// (owner, profile, before, cutoff) as the statements bind them.
    pub(super) fn binds(&self) -> (&str, &str, String, String) {
        let before = self.before.as_ref().map_or_else(|| "9999-12-31T23:59:59.999999Z".to_string(), db_time);
        (&self.owner, &self.profile, before, db_time(&self.cutoff))
    }
}

/// The due orders of one run, claimed a block at a time as the workers need them.
pub fn claimed_orders(journal: Journal, claim: Claim, block: usize) -> impl Iterator<Item = Result<OrderRow>> + Send {
    let block = block.max(1);
    let journal = Arc::new(Mutex::new(journal));
    keep_leases(Arc::downgrade(&journal), claim.clone());
    blocks(move || {
        loop {
            let rows = locked(&journal).claim(&claim, block)?;
            if !rows.is_empty() {
                return Ok(rows);
            }
            // Bound first: the lock must not be held while this run waits.
            let foreign = locked(&journal).foreign_leases(&claim)?;
            match foreign {
                None => return Ok(rows),
                Some(left) => std::thread::sleep(left.clamp(Duration::from_millis(10), POLL)),
            }
        }
    })
}

/// Renews `claim`'s leases every third of the lease for as long as the claiming iterator lives.
/// A failed renewal is left to the next one: at worst a lease ends and another run checks that
/// order again, which is what happens when a host dies (never a wrong record).
fn keep_leases(journal: Weak<Mutex<Journal>>, claim: Claim) {
    let every = (claim.lease / 3).max(Duration::from_millis(20));
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(every);
            let Some(journal) = journal.upgrade() else { return };
            let _ = locked(&journal).renew_leases(&claim);
        }
    });
}

fn locked(journal: &Mutex<Journal>) -> MutexGuard<'_, Journal> {
    // A panic elsewhere while holding the lock leaves the journal as usable as before it.
    journal.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Rows fetched a block at a time by `fetch`; an empty block or an error ends the iteration.
pub fn blocks<T, F>(fetch: F) -> Blocks<T, F>
where
    F: FnMut() -> Result<Vec<T>>,
{
    Blocks { fetch, block: Vec::new().into_iter(), done: false }
}

pub struct Blocks<T, F> {
    fetch: F,
    block: std::vec::IntoIter<T>,
    done: bool,
}

impl<T, F> Iterator for Blocks<T, F>
where
    F: FnMut() -> Result<Vec<T>>,
{
    type Item = Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(row) = self.block.next() {
            return Some(Ok(row));
        }
        if self.done {
            return None;
        }
        match (self.fetch)() {
            Ok(rows) => {
                self.done = rows.is_empty();
                self.block = rows.into_iter();
                self.block.next().map(Ok)
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}
