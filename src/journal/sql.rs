//! Statements both stores run, written once in PostgreSQL's `$N` style; `for_sqlite` turns the
//! placeholders into SQLite's `?N`. Every write is a single statement so that the database, under
//! its own row lock, computes counters and change times: no update from another process can slip
//! in between a read and a write.

use super::transition::rank_sql;
use super::{OrderFilter, PageKey, db_time};
use std::sync::LazyLock;

pub const COLUMNS: &str = "profile, provider, order_id, provider_ref, status, provider_status, amount, currency, \
     checkout_url, created_at, status_changed_at, last_checked_at, checks, source, first_seen_at, late_after";

/// `$1` → `?1`: SQLite binds `?N` by number, exactly as PostgreSQL binds `$N`.
pub fn for_sqlite(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

/// `excluded` (the answer being written) moves the order forward (see `transition.rs`).
fn moves() -> String {
    format!("{} > {}", rank_sql("excluded.status"), rank_sql("orders.status"))
}

/// Params: profile, provider, order_id, provider_ref, amount, currency, checkout_url, created_at,
/// status, provider_status. A checkout of an order the journal already has (a callback came
/// first, or the id was created again) never moves its status back.
pub static UPSERT_CHECKOUT: LazyLock<String> = LazyLock::new(|| {
    let states = format!("{} OR orders.status = excluded.status", moves());
    format!(
        "
INSERT INTO orders (profile, provider, order_id, provider_ref, amount, currency, checkout_url,
                    created_at, first_seen_at, status, provider_status, status_changed_at, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $8, 'checkout')
ON CONFLICT (profile, order_id) DO UPDATE SET
    provider = excluded.provider,
    provider_ref = COALESCE(excluded.provider_ref, orders.provider_ref),
    amount = excluded.amount,
    currency = excluded.currency,
    checkout_url = excluded.checkout_url,
    created_at = excluded.created_at,
    status = CASE WHEN {states} THEN excluded.status ELSE orders.status END,
    provider_status = CASE WHEN {states} THEN excluded.provider_status ELSE orders.provider_status END,
    status_changed_at = CASE WHEN {states} THEN excluded.status_changed_at ELSE orders.status_changed_at END,
    source = CASE WHEN {states} THEN 'checkout' ELSE orders.source END"
    )
});

/// Params: profile, provider, order_id, provider_ref, amount, currency, at, status,
/// provider_status, source. A recorded answer ends any lease on the order: it has been checked.
///
/// The status moves forward only (`transition.rs`): an answer of a lower or equal rank is counted
/// (`checks`, `last_checked_at`) but leaves the status, the provider's word for it and its source
/// as they were. The same status again updates the provider's word (`INIT` → `PAYING`).
/// `failed`/`expired` → `paid` keeps the status it came from in `late_after`.
pub static UPSERT_STATUS: LazyLock<String> = LazyLock::new(|| {
    let moves = moves();
    let states = format!("{moves} OR orders.status = excluded.status");
    format!(
        "
INSERT INTO orders (profile, provider, order_id, provider_ref, amount, currency, first_seen_at,
                    status, provider_status, status_changed_at, last_checked_at, checks, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $7, $7, 1, $10)
ON CONFLICT (profile, order_id) DO UPDATE SET
    provider_ref = COALESCE(orders.provider_ref, excluded.provider_ref),
    amount = COALESCE(orders.amount, excluded.amount),
    currency = COALESCE(orders.currency, excluded.currency),
    status_changed_at = CASE WHEN {moves} THEN excluded.status_changed_at ELSE orders.status_changed_at END,
    status = CASE WHEN {moves} THEN excluded.status ELSE orders.status END,
    provider_status = CASE WHEN {states} THEN excluded.provider_status ELSE orders.provider_status END,
    late_after = CASE WHEN {moves} AND excluded.status = 'paid' AND orders.status IN ('failed', 'expired')
                      THEN orders.status ELSE orders.late_after END,
    last_checked_at = CASE WHEN COALESCE(orders.last_checked_at, '') < excluded.last_checked_at
                           THEN excluded.last_checked_at ELSE orders.last_checked_at END,
    checks = orders.checks + 1,
    source = CASE WHEN {states} THEN excluded.source ELSE orders.source END,
    lease_owner = NULL,
    lease_until = NULL"
    )
});

/// Params: profile, event_key, order_id, recorded_at. Inserts nothing when the event is known.
pub const INSERT_EVENT: &str = "
INSERT INTO callback_events (profile, event_key, order_id, recorded_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (profile, event_key) DO NOTHING";

/// Params: profile, order_id, owner. `last_claimed_at` stays: the order is not due again this round.
pub const RELEASE_ONE: &str = "UPDATE orders SET lease_owner = NULL, lease_until = NULL WHERE profile = $1 AND order_id = $2 AND lease_owner = $3";

/// Params: owner. Orders claimed but never checked go back as if never claimed.
pub const RELEASE_ALL: &str =
    "UPDATE orders SET lease_owner = NULL, lease_until = NULL, last_claimed_at = NULL WHERE lease_owner = $1";

/// What `probe_write` runs, rolled back: the journal's own kind of write once it has a schema.
pub fn probe(schema_version: i64) -> &'static str {
    if schema_version >= 2 {
        "INSERT INTO callback_events (profile, event_key, order_id, recorded_at)
         VALUES ('paycli doctor', 'write probe', '-', '-')"
    } else {
        "CREATE TABLE paycli_write_probe (x INTEGER)"
    }
}

pub const PROVIDER_REF: &str = "SELECT provider_ref FROM orders WHERE profile = $1 AND order_id = $2";

pub fn get() -> String {
    format!("SELECT {COLUMNS} FROM orders WHERE profile = $1 AND order_id = $2")
}

/// Params: every column of `COLUMNS`, in order. Rows already in the target are kept as they are.
pub fn import_order() -> String {
    format!(
        "INSERT INTO orders ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (profile, order_id) DO NOTHING"
    )
}

/// Params: after.0, after.1 when `after` is set.
pub fn events_page(after: Option<&PageKey>, limit: usize) -> String {
    let after = if after.is_some() { "WHERE (profile, event_key) > ($1, $2)" } else { "" };
    format!(
        "SELECT profile, event_key, order_id, recorded_at FROM callback_events {after}
         ORDER BY profile, event_key LIMIT {limit}"
    )
}

/// The `orders` conditions of a filter, with their arguments (`$N` from 1).
pub struct Where {
    pub sql: String,
    pub args: Vec<String>,
}

impl Where {
    pub fn new(filter: &OrderFilter) -> Where {
        let mut w = Where { sql: "1=1".into(), args: Vec::new() };
        if let Some(p) = &filter.profile {
            w.push(" AND profile = ?", p.clone());
        }
        if let Some(p) = &filter.provider {
            w.push(" AND provider = ?", p.clone());
        }
        if !filter.statuses.is_empty() {
            w.sql.push_str(" AND status IN (");
            for (i, s) in filter.statuses.iter().enumerate() {
                w.push(if i == 0 { "?" } else { ",?" }, s.clone());
            }
            w.sql.push(')');
        }
        if let Some(t) = &filter.since {
            w.push(" AND COALESCE(created_at, first_seen_at) >= ?", db_time(t));
        }
        if let Some(t) = &filter.before {
            w.push(" AND COALESCE(created_at, first_seen_at) < ?", db_time(t));
        }
        w
    }

    /// Appends `clause`, its one `?` becoming the next `$N`.
    pub fn push(&mut self, clause: &str, value: String) {
        self.args.push(value);
        self.sql.push_str(&clause.replace('?', &format!("${}", self.args.len())));
    }

    /// Appends a literal clause, each `?` a numbered placeholder for the next value.
    pub fn push_many(&mut self, clause: &str, values: &[&str]) {
        let mut out = String::new();
        let mut values = values.iter();
        for c in clause.chars() {
            if c == '?' {
                self.args.push(values.next().map(|v| v.to_string()).unwrap_or_default());
                out.push_str(&format!("${}", self.args.len()));
            } else {
                out.push(c);
            }
        }
        self.sql.push_str(&out);
    }
}

/// One page of `orders`, in (order id, profile) order.
pub fn page(filter: &OrderFilter, after: Option<&PageKey>, limit: usize) -> (String, Vec<String>) {
    let mut w = Where::new(filter);
    if let Some(PageKey(order_id, profile)) = after {
        w.push_many(" AND (order_id, profile) > (?, ?)", &[order_id, profile]);
    }
    (format!("SELECT {COLUMNS} FROM orders WHERE {} ORDER BY order_id, profile LIMIT {limit}", w.sql), w.args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_renumbered_for_sqlite() {
        assert_eq!(for_sqlite("a = $1 AND b = $12 AND c = '$x'"), "a = ?1 AND b = ?12 AND c = '$x'");
    }

    #[test]
    fn filters_bind_every_value() {
        let f = OrderFilter {
            profile: Some("p".into()),
            statuses: vec!["pending".into(), "unknown".into()],
            ..Default::default()
        };
        let (sql, args) = page(&f, Some(&PageKey("A".into(), "p".into())), 10);
        assert!(sql.contains("profile = $1 AND status IN ($2,$3) AND (order_id, profile) > ($4, $5)"), "{sql}");
        assert_eq!(args, ["p", "pending", "unknown", "A", "p"]);
    }
}
