//! The order journal: every checkout paycli created and the latest status it learned (from status
//! checks and verified callbacks), kept in one of two stores behind the `Store` interface:
//!
//! - SQLite, a file in the data directory (the default; one machine);
//! - PostgreSQL, when the `journal` setting or `PAYCLI_JOURNAL` is a `postgres://` URL (several
//!   hosts, containers that lose their files).
//!
//! Both stores run the same statements (`sql.rs`) and the same versioned migrations
//! (`migrations.rs`), so they behave alike; the differences (how a lease's time is measured, how
//! rows are locked) are confined to the two implementations.
//!
//! The journal is a convenience: when it cannot be opened or written, paycli warns on stderr and the
//! payment operation goes on.

mod claims;
mod location;
mod migrations;
mod postgres;
mod sql;
mod sqlite;
pub mod transition;
mod writer;

pub use claims::{Claim, blocks, claimed_orders};
pub use location::Location;
pub use migrations::{SCHEMA_VERSION, migrate};
pub use writer::JournalWriter;

use crate::error::{Error, Result};
use crate::model::{CheckoutRecord, OrderFacts, StatusRecord};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;

/// `$PAYCLI_DATA_DIR/journal.sqlite3`, else `<data dir>/paycli/journal.sqlite3`.
pub fn default_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PAYCLI_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("journal.sqlite3"));
    }
    dirs::data_dir().map(|d| d.join("paycli").join("journal.sqlite3"))
}

/// Journal times: RFC 3339 UTC to the microsecond, fixed width so text order is time order.
pub fn db_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Prints a journal problem; the operation it belongs to carries on.
pub fn warn(e: &Error) {
    crate::output::warn(format_args!("order journal: {} (the operation itself is unaffected)", e.message));
}

/// An open journal, whichever store holds it.
pub type Journal = Box<dyn Store>;

/// Opens the journal at `location` and brings its schema up to date when that is safe (every
/// pending migration only adds); otherwise the error says to run `paycli journal migrate`.
pub fn open(location: &Location) -> Result<Journal> {
    let mut journal = open_unmigrated(location)?;
    migrations::auto_migrate(journal.as_mut())?;
    Ok(journal)
}

/// Opens the journal without touching its schema (`journal migrate`, `doctor`).
pub fn open_unmigrated(location: &Location) -> Result<Journal> {
    match location {
        Location::Sqlite(path) => Ok(Box::new(sqlite::SqliteStore::open(path, location.clone())?)),
        Location::Postgres(_) => Ok(Box::new(postgres::PgStore::connect(location.clone())?)),
    }
}

/// What the journal can do, whichever store holds it. Every write is one transaction; several
/// processes (or hosts) may use one journal at once without losing each other's updates.
pub trait Store: Send {
    /// Where the journal is, printable (a PostgreSQL password is redacted).
    fn location(&self) -> &Location;

    fn record_checkout(&mut self, record: &CheckoutRecord) -> Result<()>;

    /// Records answers and lease releases in one transaction (one fsync or round of commits for
    /// the lot). A callback whose `event` is already journaled is skipped; returns how many
    /// answers were applied.
    fn record_many(&mut self, updates: &[StatusUpdate], releases: &[Release]) -> Result<usize>;

    /// The provider's reference for one of our order ids, when the journal knows it.
    fn provider_ref(&mut self, profile: &str, order_id: &str) -> Result<Option<String>>;

    fn get(&mut self, profile: &str, order_id: &str) -> Result<Option<OrderRow>>;

    /// Up to `limit` matching orders after `after` in (order id, profile) order: callers page
    /// through big journals without holding a read transaction open for the whole run.
    fn page(&mut self, filter: &OrderFilter, after: Option<&PageKey>, limit: usize) -> Result<Vec<OrderRow>>;

    /// Leases up to `limit` due orders to `claim.owner` (see `claims.rs` for the rules).
    fn claim(&mut self, claim: &Claim, limit: usize) -> Result<Vec<OrderRow>>;

    /// How long until the first live lease of another owner on an order `claim` would want ends;
    /// `None` when no other owner holds such a lease.
    fn foreign_leases(&mut self, claim: &Claim) -> Result<Option<Duration>>;

    /// Extends every live lease `claim.owner` still holds to a full `claim.lease` from now: a run
    /// that is alive keeps what it claimed, however slowly it works. Returns how many.
    fn renew_leases(&mut self, claim: &Claim) -> Result<u64>;

    /// Gives back every lease `owner` still holds, as if never claimed (orders not checked).
    fn release_all(&mut self, owner: &str) -> Result<u64>;

    /// The schema version the journal is at (0 when empty).
    fn schema_version(&mut self) -> Result<i64>;

    /// Applies one migration step and records the new version, in one transaction, guarded so
    /// that two processes migrating at once apply it once.
    fn apply_migration(&mut self, step: &migrations::Step) -> Result<bool>;

    /// Callback events, a page at a time in (profile, event key) order, for `journal copy`.
    fn events_page(&mut self, after: Option<&PageKey>, limit: usize) -> Result<Vec<CallbackEvent>>;

    /// Inserts rows copied from another journal, keeping rows that are already here; returns how
    /// many orders and events were added.
    fn import(&mut self, orders: &[OrderRow], events: &[CallbackEvent]) -> Result<(u64, u64)>;

    /// Proves the journal accepts writes (a callback event written and rolled back; on an empty
    /// journal, a table created and rolled back).
    fn probe_write(&mut self) -> Result<()>;
}

/// One row of the journal; what `orders list` prints.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OrderRow {
    pub profile: String,
    pub provider: String,
    pub order_id: String,
    pub provider_ref: Option<String>,
    pub status: String,
    pub provider_status: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub checkout_url: Option<String>,
    pub created_at: Option<String>,
    pub status_changed_at: String,
    pub last_checked_at: Option<String>,
    /// How many status answers (checks and callbacks) the journal has recorded for the order.
    pub checks: i64,
    /// What wrote the current status: `checkout`, `status` or `callback`.
    pub source: String,
    /// When the journal first heard of the order (kept by `journal copy`; not printed).
    #[serde(skip)]
    pub first_seen_at: String,
    /// A late payment: paid after the order had been `failed` or `expired`.
    pub late: bool,
    /// For a late payment, the status the order had when the payment came (`failed`/`expired`).
    pub late_after: Option<String>,
}

impl OrderRow {
    pub fn key(&self) -> PageKey {
        PageKey(self.order_id.clone(), self.profile.clone())
    }
}

/// Where a page ends: (order id, profile) for orders, (profile, event key) for events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKey(pub String, pub String);

/// A verified callback the journal has recorded, keyed by what the provider said (so a retried
/// delivery of the same event, to any listener on any host, is recorded once).
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackEvent {
    pub profile: String,
    pub event_key: String,
    pub order_id: String,
    pub recorded_at: String,
}

impl crate::output::Record for OrderRow {
    const COLUMNS: &'static [&'static str] = &[
        "profile",
        "provider",
        "order_id",
        "provider_ref",
        "status",
        "provider_status",
        "amount",
        "currency",
        "checkout_url",
        "created_at",
        "status_changed_at",
        "last_checked_at",
        "checks",
        "source",
        "late",
        "late_after",
    ];
    const TABLE_FIRST: &'static [&'static str] =
        &["order_id", "status", "late", "amount", "currency", "profile", "status_changed_at", "created_at"];
}

/// Filters of `orders list` and `status check --pending`.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub profile: Option<String>,
    pub provider: Option<String>,
    pub statuses: Vec<String>,
    /// Only orders created (or first seen) at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only orders created (or first seen) before this time (`--older-than`).
    pub before: Option<DateTime<Utc>>,
}

/// A status answer to record: from a status check or a verified callback.
#[derive(Debug, Clone)]
pub struct StatusUpdate {
    pub profile: String,
    pub provider: String,
    /// The order the facts are about (the queried id when the answer names none).
    pub order_id: String,
    pub facts: OrderFacts,
    /// `status` or `callback`.
    pub source: &'static str,
    pub at: DateTime<Utc>,
    /// For callbacks: the provider event's identity; the same event is recorded once.
    pub event: Option<String>,
}

/// An order claimed for checking whose check failed: its lease is given back (the order is not
/// claimed again this round; see `claims.rs`).
#[derive(Debug, Clone)]
pub struct Release {
    pub profile: String,
    pub order_id: String,
    pub owner: String,
}

impl StatusUpdate {
    pub fn from_status(profile: &str, record: &StatusRecord, fallback_id: &str, at: DateTime<Utc>) -> Self {
        StatusUpdate {
            profile: profile.to_string(),
            provider: record.provider.clone(),
            order_id: record.order.order_id.clone().unwrap_or_else(|| fallback_id.to_string()),
            facts: record.order.clone(),
            source: "status",
            at,
            event: None,
        }
    }
}

#[cfg(test)]
mod tests;
