//! The journal in an SQLite file (the default).
//!
//! Several processes on one machine: WAL mode (readers and one writer at once), a generous busy
//! timeout, `BEGIN IMMEDIATE` for every write (a reader never has to upgrade to a writer, which
//! would fail without waiting), single-statement upserts.
//!
//! Durability (docs/journal.md, "Durability"): `synchronous=NORMAL` in WAL mode. A commit is in the
//! WAL file before paycli goes on, so it survives paycli being killed at any point; the WAL is
//! synced only at checkpoints, so a power loss or OS crash can lose the last commits since then
//! (never corrupt the file). No checkpoint on close: a command that wrote one row does not pay
//! the fsyncs of copying the WAL back; the next writer's automatic checkpoint does that later.

use super::claims::Claim;
use super::migrations::Step;
use super::{CallbackEvent, Location, OrderFilter, OrderRow, PageKey, Release, StatusUpdate, Store, db_time, sql};
use crate::error::{Error, Result};
use crate::model::CheckoutRecord;
use chrono::Utc;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;
use std::time::Duration;

/// Long enough for another process's batch of writes to commit.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct SqliteStore {
    conn: Connection,
    location: Location,
}

impl SqliteStore {
    pub fn open(path: &Path, location: Location) -> Result<SqliteStore> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::config(format!("cannot create {}: {e}", dir.display())))?;
        }
        let conn = Connection::open(path).map_err(|e| db_error(&location, e))?;
        let store = SqliteStore { conn, location };
        store.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| store.err(e))?;
        let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).map_err(|e| store.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            let mode: String =
                store.conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)).map_err(|e| store.err(e))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::config(format!("{}: cannot switch to WAL mode (got {mode})", store.location)));
            }
        }
        store.conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| store.err(e))?;
        store.conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true).map_err(|e| store.err(e))?;
        Ok(store)
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.location, e)
    }

    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>) -> Result<T> {
        let location = self.location.clone();
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| db_error(&location, e))?;
        let value = f(&tx).map_err(|e| db_error(&location, e))?;
        tx.commit().map_err(|e| db_error(&location, e))?;
        Ok(value)
    }
}

fn db_error(location: &Location, e: rusqlite::Error) -> Error {
    Error::config(format!("{location}: {e}"))
}

impl Store for SqliteStore {
    fn location(&self) -> &Location {
        &self.location
    }

    fn record_checkout(&mut self, r: &CheckoutRecord) -> Result<()> {
        let created = db_time(&r.created_at.unwrap_or_else(Utc::now));
        self.write(|tx| {
            tx.prepare_cached(&sql::for_sqlite(&sql::UPSERT_CHECKOUT))?.execute(params![
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
        })
    }

    fn record_many(&mut self, updates: &[StatusUpdate], releases: &[Release]) -> Result<usize> {
        self.write(|tx| {
            let mut applied = 0;
            for u in updates {
                let at = db_time(&u.at);
                if let Some(event) = &u.event {
                    let inserted = tx
                        .prepare_cached(&sql::for_sqlite(sql::INSERT_EVENT))?
                        .execute(params![u.profile, event, u.order_id, at])?;
                    if inserted == 0 {
                        continue;
                    }
                }
                let f = &u.facts;
                tx.prepare_cached(&sql::for_sqlite(&sql::UPSERT_STATUS))?.execute(params![
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
                applied += 1;
            }
            for r in releases {
                tx.prepare_cached(&sql::for_sqlite(sql::RELEASE_ONE))?
                    .execute(params![r.profile, r.order_id, r.owner])?;
            }
            Ok(applied)
        })
    }

    fn provider_ref(&mut self, profile: &str, order_id: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(&sql::for_sqlite(sql::PROVIDER_REF)).map_err(|e| self.err(e))?;
        let found: Option<Option<String>> =
            stmt.query_row(params![profile, order_id], |r| r.get(0)).optional().map_err(|e| self.err(e))?;
        Ok(found.flatten())
    }

    fn get(&mut self, profile: &str, order_id: &str) -> Result<Option<OrderRow>> {
        self.conn
            .query_row(&sql::for_sqlite(&sql::get()), params![profile, order_id], row)
            .optional()
            .map_err(|e| self.err(e))
    }

    fn page(&mut self, filter: &OrderFilter, after: Option<&PageKey>, limit: usize) -> Result<Vec<OrderRow>> {
        let (text, args) = sql::page(filter, after, limit);
        let mut stmt = self.conn.prepare_cached(&sql::for_sqlite(&text)).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), row).map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    fn claim(&mut self, claim: &Claim, limit: usize) -> Result<Vec<OrderRow>> {
        let now = Utc::now();
        let until = db_time(&(now + chrono::Duration::from_std(claim.lease).unwrap_or(chrono::Duration::MAX)));
        let text = format!(
            "UPDATE orders SET lease_owner = ?1, lease_until = ?2, last_claimed_at = ?3
             WHERE rowid IN (
                 SELECT rowid FROM orders
                 WHERE profile = ?4 AND status IN ('pending', 'unknown')
                   AND COALESCE(created_at, first_seen_at) < ?5
                   AND ((lease_until IS NULL AND COALESCE(last_claimed_at, '') < ?6
                         AND COALESCE(last_checked_at, '') < ?6)
                        OR lease_until < ?3)
                 ORDER BY order_id LIMIT {limit})
             RETURNING {}",
            sql::COLUMNS
        );
        let (owner, profile, before, cutoff) = claim.binds();
        let mut rows = self.write(|tx| {
            let mut stmt = tx.prepare_cached(&text)?;
            let rows = stmt.query_map(params![owner, until, db_time(&now), profile, before, cutoff], row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        rows.sort_by(|a, b| a.order_id.cmp(&b.order_id));
        Ok(rows)
    }

    fn foreign_leases(&mut self, claim: &Claim) -> Result<Option<Duration>> {
        let now = Utc::now();
        let (owner, profile, before, _) = claim.binds();
        let soonest: Option<String> = self
            .conn
            .query_row(
                "SELECT MIN(lease_until) FROM orders
                 WHERE profile = ?1 AND status IN ('pending', 'unknown') AND COALESCE(created_at, first_seen_at) < ?2
                   AND lease_owner <> ?3 AND lease_until >= ?4",
                params![profile, before, owner, db_time(&now)],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(soonest.map(|t| {
            chrono::DateTime::parse_from_rfc3339(&t)
                .ok()
                .and_then(|t| (t.with_timezone(&Utc) - now).to_std().ok())
                .unwrap_or_default()
        }))
    }

    fn renew_leases(&mut self, claim: &Claim) -> Result<u64> {
        let now = Utc::now();
        let until = db_time(&(now + chrono::Duration::from_std(claim.lease).unwrap_or(chrono::Duration::MAX)));
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE orders SET lease_until = ?2 WHERE lease_owner = ?1 AND lease_until >= ?3",
                params![claim.owner, until, db_time(&now)],
            )? as u64)
        })
    }

    fn release_all(&mut self, owner: &str) -> Result<u64> {
        self.write(|tx| Ok(tx.execute(&sql::for_sqlite(sql::RELEASE_ALL), params![owner])? as u64))
    }

    fn schema_version(&mut self) -> Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    fn apply_migration(&mut self, step: &Step) -> Result<bool> {
        self.write(|tx| {
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version >= step.version {
                return Ok(false);
            }
            tx.execute_batch(step.sqlite)?;
            tx.pragma_update(None, "user_version", step.version)?;
            Ok(true)
        })
    }

    fn events_page(&mut self, after: Option<&PageKey>, limit: usize) -> Result<Vec<CallbackEvent>> {
        let text = sql::for_sqlite(&sql::events_page(after, limit));
        let mut stmt = self.conn.prepare_cached(&text).map_err(|e| self.err(e))?;
        let map = |r: &rusqlite::Row<'_>| {
            Ok(CallbackEvent { profile: r.get(0)?, event_key: r.get(1)?, order_id: r.get(2)?, recorded_at: r.get(3)? })
        };
        let rows = match after {
            Some(PageKey(a, b)) => stmt.query_map(params![a, b], map),
            None => stmt.query_map([], map),
        }
        .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    fn import(&mut self, orders: &[OrderRow], events: &[CallbackEvent]) -> Result<(u64, u64)> {
        self.write(|tx| {
            let (mut o, mut e) = (0, 0);
            for r in orders {
                o += tx.prepare_cached(&sql::for_sqlite(&sql::import_order()))?.execute(params![
                    r.profile,
                    r.provider,
                    r.order_id,
                    r.provider_ref,
                    r.status,
                    r.provider_status,
                    r.amount,
                    r.currency,
                    r.checkout_url,
                    r.created_at,
                    r.status_changed_at,
                    r.last_checked_at,
                    r.checks,
                    r.source,
                    r.first_seen_at,
                    r.late_after,
                ])? as u64;
            }
            for ev in events {
                e += tx.prepare_cached(&sql::for_sqlite(sql::INSERT_EVENT))?.execute(params![
                    ev.profile,
                    ev.event_key,
                    ev.order_id,
                    ev.recorded_at
                ])? as u64;
            }
            Ok((o, e))
        })
    }

    fn probe_write(&mut self) -> Result<()> {
        let probe = sql::probe(self.schema_version()?);
        let location = self.location.clone();
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| db_error(&location, e))?;
        tx.execute_batch(probe).map_err(|e| db_error(&location, e))?;
        tx.rollback().map_err(|e| db_error(&location, e))
    }
}

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
        first_seen_at: r.get(14)?,
        late: r.get::<_, Option<String>>(15)?.is_some(),
        late_after: r.get(15)?,
    })
}
