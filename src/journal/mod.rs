//! The order journal: an SQLite file in the data directory that remembers every checkout paycli
//! created and the latest status it learned (from status checks and verified callbacks).
//!
//! Safety with several paycli processes at once (two cron jobs) comes from SQLite itself: WAL mode,
//! a generous busy timeout, `BEGIN IMMEDIATE` for every write (so a reader never has to upgrade to a
//! writer, which would fail without waiting), and single-statement upserts instead of
//! read-modify-write, so concurrent writers cannot lose each other's updates.
//!
//! The journal is a convenience: when it cannot be opened or written, paycli warns on stderr and the
//! payment operation goes on.

mod writer;

pub use writer::JournalWriter;

use crate::error::{Error, Result};
use crate::model::{CheckoutRecord, OrderFacts, StatusRecord};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Bumped whenever the schema changes; `migrate` knows every step from 0.
const SCHEMA_VERSION: i64 = 1;
/// Long enough for another process's batch of writes to commit.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

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

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::internal(format!("{}: {e}", path.display()))
}

/// A journal opened on first use and kept open: commands that record now and then (`callback
/// verify` over many files, `callback listen`) share one connection, and a journal that cannot be
/// opened is reported once, not once per record.
pub struct LazyJournal {
    path: Option<PathBuf>,
    opened: Option<std::result::Result<Journal, ()>>,
    busy_timeout: Duration,
}

impl LazyJournal {
    /// `None` (no data directory, or `--no-journal`) records nothing.
    pub fn new(path: Option<PathBuf>) -> Self {
        LazyJournal { path, opened: None, busy_timeout: BUSY_TIMEOUT }
    }

    /// How long a write waits for another process's lock before it fails (a receiver that must
    /// answer within seconds waits less than a batch does).
    pub fn with_busy_timeout(mut self, wait: Duration) -> Self {
        self.busy_timeout = wait;
        self
    }

    /// Records one answer and says whether it is stored: a receiver must know, since an answer
    /// it cannot remember is one the provider has to send again. A journal that cannot be opened
    /// (locked, say) is tried again next time. No journal (`--no-journal`) stores nothing, fine.
    pub fn try_record_status(&mut self, update: &StatusUpdate) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        if !matches!(self.opened, Some(Ok(_))) {
            self.opened = Some(Ok(Journal::open_waiting(path, self.busy_timeout)?));
        }
        match &mut self.opened {
            Some(Ok(journal)) => journal.record_status(update),
            _ => Err(Error::internal("the journal is not open")),
        }
    }

    pub fn record_status(&mut self, update: &StatusUpdate) {
        let Some(path) = &self.path else { return };
        let wait = self.busy_timeout;
        let opened = self.opened.get_or_insert_with(|| Journal::open_waiting(path, wait).map_err(|e| warn(&e)));
        if let Ok(journal) = opened
            && let Err(e) = journal.record_status(update)
        {
            warn(&e);
        }
    }
}

/// One open journal connection.
pub struct Journal {
    conn: Connection,
    path: PathBuf,
}

/// What `orders list` prints: one row of the journal.
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
    ];
    const TABLE_FIRST: &'static [&'static str] =
        &["order_id", "status", "amount", "currency", "profile", "status_changed_at", "created_at"];
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
        }
    }
}

const SCHEMA_V1: &str = "
CREATE TABLE IF NOT EXISTS orders (
    profile           TEXT NOT NULL,
    provider          TEXT NOT NULL,
    order_id          TEXT NOT NULL,
    provider_ref      TEXT,
    amount            TEXT,             -- decimal string in major units, never a float
    currency          TEXT,
    checkout_url      TEXT,
    created_at        TEXT,             -- when paycli created the checkout
    first_seen_at     TEXT NOT NULL,
    status            TEXT NOT NULL,
    provider_status   TEXT,
    status_changed_at TEXT NOT NULL,
    last_checked_at   TEXT,
    checks            INTEGER NOT NULL DEFAULT 0,
    source            TEXT NOT NULL,
    PRIMARY KEY (profile, order_id)
);
CREATE INDEX IF NOT EXISTS orders_by_status ON orders (profile, status, order_id);
";

impl Journal {
    /// Opens (creating if needed) the journal at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Journal> {
        Self::open_waiting(path, BUSY_TIMEOUT)
    }

    /// `open`, waiting at most `busy_timeout` for other processes' locks (then and later).
    pub fn open_waiting(path: &Path, busy_timeout: Duration) -> Result<Journal> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::internal(format!("cannot create {}: {e}", dir.display())))?;
        }
        let mut conn = Connection::open(path).map_err(|e| db_error(path, e))?;
        conn.busy_timeout(busy_timeout).map_err(|e| db_error(path, e))?;
        // WAL lets readers and one writer work at once; NORMAL sync is durable across crashes of
        // paycli (not of the OS), plenty for a cache of provider answers.
        let mode: String =
            conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)).map_err(|e| db_error(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::internal(format!("{}: cannot switch to WAL mode (got {mode})", path.display())));
        }
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| db_error(path, e))?;
        migrate(&mut conn, path)?;
        Ok(Journal { conn, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    pub fn record_checkout(&mut self, record: &CheckoutRecord) -> Result<()> {
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| db_error(&self.path, e))?;
        upsert_checkout(&tx, record).map_err(|e| db_error(&self.path, e))?;
        tx.commit().map_err(|e| db_error(&self.path, e))
    }

    pub fn record_status(&mut self, update: &StatusUpdate) -> Result<()> {
        self.record_many(std::slice::from_ref(update))
    }

    /// Records several answers in one transaction (one fsync instead of one each).
    pub fn record_many(&mut self, updates: &[StatusUpdate]) -> Result<()> {
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| db_error(&self.path, e))?;
        for u in updates {
            upsert_status(&tx, u).map_err(|e| db_error(&self.path, e))?;
        }
        tx.commit().map_err(|e| db_error(&self.path, e))
    }

    /// The provider's reference for one of our order ids, when the journal knows it.
    pub fn provider_ref(&self, profile: &str, order_id: &str) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT provider_ref FROM orders WHERE profile = ?1 AND order_id = ?2")
            .map_err(|e| self.err(e))?;
        let found: Option<Option<String>> =
            stmt.query_row(params![profile, order_id], |r| r.get(0)).optional().map_err(|e| self.err(e))?;
        Ok(found.flatten())
    }

    pub fn get(&self, profile: &str, order_id: &str) -> Result<Option<OrderRow>> {
        let sql = format!("SELECT {COLUMNS} FROM orders WHERE profile = ?1 AND order_id = ?2");
        self.conn.query_row(&sql, params![profile, order_id], row).optional().map_err(|e| self.err(e))
    }

    /// Up to `limit` matching orders with `order_id` after `after`, in order id order: callers page
    /// through big journals without holding a read transaction open for the whole run.
    pub fn page(&self, filter: &OrderFilter, after: Option<&str>, limit: usize) -> Result<Vec<OrderRow>> {
        let mut sql = format!("SELECT {COLUMNS} FROM orders WHERE 1=1");
        let mut args: Vec<String> = Vec::new();
        let mut bind = |sql: &mut String, clause: &str, value: String| {
            args.push(value);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(p) = &filter.profile {
            bind(&mut sql, " AND profile = ?", p.clone());
        }
        if let Some(p) = &filter.provider {
            bind(&mut sql, " AND provider = ?", p.clone());
        }
        if !filter.statuses.is_empty() {
            sql.push_str(" AND status IN (");
            for (i, s) in filter.statuses.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                bind(&mut sql, "?", s.clone());
            }
            sql.push(')');
        }
        if let Some(t) = &filter.since {
            bind(&mut sql, " AND COALESCE(created_at, first_seen_at) >= ?", db_time(t));
        }
        if let Some(t) = &filter.before {
            bind(&mut sql, " AND COALESCE(created_at, first_seen_at) < ?", db_time(t));
        }
        if let Some(a) = after {
            bind(&mut sql, " AND order_id > ?", a.to_string());
        }
        sql.push_str(&format!(" ORDER BY order_id LIMIT {limit}"));
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), row).map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }
}

const COLUMNS: &str = "profile, provider, order_id, provider_ref, status, provider_status, amount, currency, \
     checkout_url, created_at, status_changed_at, last_checked_at, checks, source";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OrderRow> {
    Ok(OrderRow {
        profile: r.get(0)?,
        provider: r.get(1)?,
        order_id: r.get(2)?,
        provider_ref: r.get(3)?,
        status: r.get(4)?,
        provider_status: r.get(5)?,
        amount: r.get(6)?,
        currency: r.get(7)?,
        checkout_url: r.get(8)?,
        created_at: r.get(9)?,
        status_changed_at: r.get(10)?,
        last_checked_at: r.get(11)?,
        checks: r.get(12)?,
        source: r.get(13)?,
    })
}

/// Creates or upgrades the schema inside one immediate transaction, so two processes opening a
/// fresh journal at once do not both try to build it.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| db_error(path, e))?;
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    if version > SCHEMA_VERSION {
        return Err(Error::internal(format!(
            "{}: schema version {version} is newer than this paycli understands ({SCHEMA_VERSION}); upgrade paycli",
            path.display()
        )));
    }
    create_or_upgrade(conn).map_err(|e| db_error(path, e))
}

fn create_or_upgrade(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < 1 {
        tx.execute_batch(SCHEMA_V1)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}

fn upsert_checkout(conn: &Connection, r: &CheckoutRecord) -> rusqlite::Result<()> {
    let now = db_time(&Utc::now());
    let created = r.created_at.as_ref().map(db_time).unwrap_or_else(|| now.clone());
    conn.prepare_cached(
        "INSERT INTO orders (profile, provider, order_id, provider_ref, amount, currency, checkout_url,
                             created_at, first_seen_at, status, provider_status, status_changed_at, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?8, 'checkout')
         ON CONFLICT (profile, order_id) DO UPDATE SET
             provider = excluded.provider,
             provider_ref = COALESCE(excluded.provider_ref, provider_ref),
             amount = excluded.amount,
             currency = excluded.currency,
             checkout_url = excluded.checkout_url,
             created_at = excluded.created_at,
             status = excluded.status,
             provider_status = excluded.provider_status,
             status_changed_at = excluded.status_changed_at,
             source = 'checkout'",
    )?
    .execute(params![
        r.profile,
        r.provider,
        r.order_id,
        r.provider_ref,
        r.amount.map(|a| a.to_string()),
        r.currency,
        r.checkout_url,
        created,
        r.status.as_str(),
        r.provider_status,
    ])?;
    Ok(())
}

/// One statement, so the `checks` counter and the change time are computed by SQLite under its
/// write lock: no update from another process can slip in between a read and a write.
fn upsert_status(conn: &Connection, u: &StatusUpdate) -> rusqlite::Result<()> {
    let at = db_time(&u.at);
    let f = &u.facts;
    conn.prepare_cached(
        "INSERT INTO orders (profile, provider, order_id, provider_ref, amount, currency, first_seen_at,
                             status, provider_status, status_changed_at, last_checked_at, checks, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?7, ?7, 1, ?10)
         ON CONFLICT (profile, order_id) DO UPDATE SET
             provider_ref = COALESCE(provider_ref, excluded.provider_ref),
             amount = COALESCE(amount, excluded.amount),
             currency = COALESCE(currency, excluded.currency),
             status_changed_at = CASE WHEN status IS excluded.status THEN status_changed_at
                                      ELSE excluded.status_changed_at END,
             status = excluded.status,
             provider_status = excluded.provider_status,
             last_checked_at = MAX(COALESCE(last_checked_at, ''), excluded.last_checked_at),
             checks = checks + 1,
             source = excluded.source",
    )?
    .execute(params![
        u.profile,
        u.provider,
        u.order_id,
        f.provider_ref,
        f.amount.map(|a| a.to_string()),
        f.currency,
        at,
        f.status.as_str(),
        f.provider_status,
        u.source,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests;
