//! Versioned schema migrations, one list for both stores. SQLite keeps its version in
//! `PRAGMA user_version`; PostgreSQL in a `journal_schema` table (one row per applied step).
//!
//! A step marked `additive` only adds tables, columns or indexes: paycli applies it by itself
//! when it opens the journal. Any other step waits for `paycli journal migrate`, run on purpose
//! (on a shared journal, after every host runs a paycli that knows the new schema).

use super::Store;
use crate::error::{Error, Result};

/// The version this paycli writes; it refuses journals newer than this rather than damage them.
pub const SCHEMA_VERSION: i64 = 3;

pub struct Step {
    pub version: i64,
    pub description: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
    pub additive: bool,
}

pub const STEPS: &[Step] = &[
    Step {
        version: 1,
        description: "orders",
        sqlite: "
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
CREATE INDEX IF NOT EXISTS orders_by_status ON orders (profile, status, order_id);",
        // Times are the same fixed-width RFC 3339 UTC text as in SQLite (text order is time
        // order), amounts the same decimal strings: `journal copy` moves rows unchanged.
        postgres: "
CREATE TABLE IF NOT EXISTS orders (
    profile           TEXT NOT NULL,
    provider          TEXT NOT NULL,
    order_id          TEXT NOT NULL,
    provider_ref      TEXT,
    amount            TEXT,
    currency          TEXT,
    checkout_url      TEXT,
    created_at        TEXT,
    first_seen_at     TEXT NOT NULL,
    status            TEXT NOT NULL,
    provider_status   TEXT,
    status_changed_at TEXT NOT NULL,
    last_checked_at   TEXT,
    checks            BIGINT NOT NULL DEFAULT 0,
    source            TEXT NOT NULL,
    PRIMARY KEY (profile, order_id)
);
CREATE INDEX IF NOT EXISTS orders_by_status ON orders (profile, status, order_id);",
        additive: true,
    },
    Step {
        version: 2,
        description: "leases for shared --pending runs; callback events recorded once",
        sqlite: "
ALTER TABLE orders ADD COLUMN lease_owner TEXT;
ALTER TABLE orders ADD COLUMN lease_until TEXT;
ALTER TABLE orders ADD COLUMN last_claimed_at TEXT;
CREATE TABLE IF NOT EXISTS callback_events (
    profile     TEXT NOT NULL,
    event_key   TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (profile, event_key)
);",
        // A lease's end is measured on the database server's clock, the one clock every host shares.
        postgres: "
ALTER TABLE orders ADD COLUMN IF NOT EXISTS lease_owner TEXT;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS lease_until TIMESTAMPTZ;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS last_claimed_at TEXT;
CREATE TABLE IF NOT EXISTS callback_events (
    profile     TEXT NOT NULL,
    event_key   TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (profile, event_key)
);",
        additive: true,
    },
    Step {
        version: 3,
        description: "late payments: the status a paid order had before it was paid",
        sqlite: "ALTER TABLE orders ADD COLUMN late_after TEXT;",
        postgres: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS late_after TEXT;",
        additive: true,
    },
];

/// Brings the schema up to date on open, when every pending step is additive.
pub fn auto_migrate(journal: &mut dyn Store) -> Result<()> {
    let version = check_version(journal)?;
    let pending: Vec<&Step> = STEPS.iter().filter(|s| s.version > version).collect();
    if let Some(step) = pending.iter().find(|s| !s.additive) {
        return Err(Error::config(format!(
            "{}: schema version {version} needs migration {} ({}), which paycli does not run by itself",
            journal.location(),
            step.version,
            step.description
        ))
        .with_hint("run `paycli journal migrate` once every host runs this paycli version"));
    }
    for step in pending {
        journal.apply_migration(step)?;
    }
    Ok(())
}

/// `paycli journal migrate`: applies every pending step; returns (from, to).
pub fn migrate(journal: &mut dyn Store) -> Result<(i64, i64)> {
    let from = check_version(journal)?;
    for step in STEPS.iter().filter(|s| s.version > from) {
        journal.apply_migration(step)?;
    }
    Ok((from, journal.schema_version()?))
}

fn check_version(journal: &mut dyn Store) -> Result<i64> {
    let version = journal.schema_version()?;
    if version > SCHEMA_VERSION {
        return Err(Error::config(format!(
            "{}: schema version {version} is newer than this paycli understands ({SCHEMA_VERSION})",
            journal.location()
        ))
        .with_hint("upgrade paycli on this host"));
    }
    Ok(version)
}
