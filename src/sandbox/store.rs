//! The sandbox's orders, optionally kept in a state file across restarts.
//!
//! The file is an append-only log of order snapshots, one JSON line each, compacted on open. A
//! crash can at worst leave a torn last line, which is ignored: the file is never corrupt.

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    Pending,
    Paid,
    Failed,
    Expired,
}

/// One order as the emulated provider holds it. Provider-specific data lives in `data`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Order {
    pub provider: String,
    /// The provider's own id for the order (what it hands out as the reference).
    pub id: String,
    pub merchant_order_id: Option<String>,
    pub amount: Decimal,
    pub currency: String,
    pub state: OrderState,
    pub channel: Option<String>,
    pub fee: Option<Decimal>,
    pub rrn: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    /// Where the merchant wants callbacks for this order.
    pub callback_url: Option<String>,
    /// Path of the hosted checkout page on the sandbox.
    pub page_path: String,
    #[serde(default)]
    pub data: serde_json::Value,
}

impl Order {
    pub fn key(&self) -> String {
        key(&self.provider, &self.id)
    }
}

fn key(provider: &str, id: &str) -> String {
    format!("{provider}\u{1f}{id}")
}

#[derive(Default)]
struct Inner {
    orders: HashMap<String, Order>,
    by_merchant_id: HashMap<String, String>,
    log: Option<File>,
}

pub struct OrderStore {
    inner: Mutex<Inner>,
    path: Option<PathBuf>,
}

#[derive(Debug)]
pub struct Duplicate;

impl OrderStore {
    pub fn in_memory() -> Self {
        OrderStore { inner: Mutex::new(Inner::default()), path: None }
    }

    /// Opens (or creates) a state file, replays it and compacts it atomically.
    pub fn open(path: &Path) -> Result<Self> {
        let mut inner = Inner::default();
        if path.exists() {
            let file = File::open(path)
                .map_err(|e| Error::config(format!("cannot read sandbox state {}: {e}", path.display())))?;
            // One order a line; a longer line (or /dev/zero) ends the replay instead of growing.
            for line in crate::bounded::Lines::new(BufReader::new(file), 1024 * 1024) {
                let Ok(line) = line else { break };
                // A torn last line from a crash is skipped; earlier lines are whole.
                if let Ok(order) = serde_json::from_str::<Order>(&line) {
                    inner.index(order);
                }
            }
        }
        let tmp = path.with_extension("tmp");
        {
            let mut out = File::create(&tmp)
                .map_err(|e| Error::config(format!("cannot write sandbox state {}: {e}", tmp.display())))?;
            for order in inner.orders.values() {
                writeln!(out, "{}", serde_json::to_string(order).expect("orders serialize"))?;
            }
            out.sync_all()?;
        }
        std::fs::rename(&tmp, path)?;
        inner.log = Some(OpenOptions::new().append(true).open(path)?);
        Ok(OrderStore { inner: Mutex::new(inner), path: Some(path.to_path_buf()) })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Adds a new order; a merchant order id may be used once per provider.
    pub fn insert(&self, order: Order) -> std::result::Result<Order, Duplicate> {
        let mut inner = self.inner.lock().expect("store lock");
        if let Some(m) = &order.merchant_order_id
            && inner.by_merchant_id.contains_key(&key(&order.provider, m))
        {
            return Err(Duplicate);
        }
        inner.record(&order);
        inner.index(order.clone());
        Ok(order)
    }

    pub fn get(&self, provider: &str, id: &str) -> Option<Order> {
        self.expire_and_get(key(provider, id))
    }

    pub fn find_by_merchant_id(&self, provider: &str, merchant_order_id: &str) -> Option<Order> {
        let id = {
            let inner = self.inner.lock().expect("store lock");
            inner.by_merchant_id.get(&key(provider, merchant_order_id)).cloned()?
        };
        self.get(provider, &id)
    }

    /// Applies `change` and records the result; returns the updated order.
    pub fn update(&self, provider: &str, id: &str, change: impl FnOnce(&mut Order)) -> Option<Order> {
        let mut inner = self.inner.lock().expect("store lock");
        let order = inner.orders.get_mut(&key(provider, id))?;
        change(order);
        order.updated_at = Utc::now();
        let updated = order.clone();
        inner.record(&updated);
        Some(updated)
    }

    pub fn all(&self) -> Vec<Order> {
        let inner = self.inner.lock().expect("store lock");
        let mut v: Vec<Order> = inner.orders.values().cloned().collect();
        v.sort_by_key(|o| o.created_at);
        v
    }

    /// Orders past their expiry become expired when next read.
    fn expire_and_get(&self, k: String) -> Option<Order> {
        let mut inner = self.inner.lock().expect("store lock");
        let order = inner.orders.get_mut(&k)?;
        if order.state == OrderState::Pending && Utc::now() >= order.expires_at {
            order.state = OrderState::Expired;
            order.updated_at = Utc::now();
            let updated = order.clone();
            inner.record(&updated);
            return Some(updated);
        }
        Some(order.clone())
    }
}

impl Inner {
    fn index(&mut self, order: Order) {
        if let Some(m) = &order.merchant_order_id {
            self.by_merchant_id.insert(key(&order.provider, m), order.id.clone());
        }
        self.orders.insert(order.key(), order);
    }

    fn record(&mut self, order: &Order) {
        if let Some(log) = &mut self.log {
            let line = format!("{}\n", serde_json::to_string(order).expect("orders serialize"));
            // One write call per line keeps lines whole; a failure is reported, never fatal.
            if let Err(e) = log.write_all(line.as_bytes()) {
                crate::output::warn(format_args!("sandbox: cannot append to the state file: {e}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(id: &str, m: &str) -> Order {
        Order {
            provider: "cashy".into(),
            id: id.into(),
            merchant_order_id: Some(m.into()),
            amount: Decimal::from(10000),
            currency: "IDR".into(),
            state: OrderState::Pending,
            channel: None,
            fee: None,
            rrn: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            paid_at: None,
            expires_at: Utc::now() + chrono::Duration::hours(1),
            callback_url: None,
            page_path: format!("/p/{id}"),
            data: serde_json::Value::Null,
        }
    }

    #[test]
    fn state_survives_restart_and_torn_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.ndjson");
        {
            let store = OrderStore::open(&path).unwrap();
            store.insert(order("O1", "M1")).unwrap();
            assert!(store.insert(order("O2", "M1")).is_err(), "duplicate merchant id");
            store.update("cashy", "O1", |o| o.state = OrderState::Paid).unwrap();
        }
        // Simulate a crash in the middle of a write.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"provider\":\"cashy\",\"id\":\"O3\"").unwrap();
        drop(f);
        let store = OrderStore::open(&path).unwrap();
        assert_eq!(store.get("cashy", "O1").unwrap().state, OrderState::Paid);
        assert!(store.get("cashy", "O3").is_none());
        assert_eq!(store.find_by_merchant_id("cashy", "M1").unwrap().id, "O1");
        assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 1, "compacted");
    }

    #[test]
    fn pending_orders_expire_on_read() {
        let store = OrderStore::in_memory();
        let mut o = order("O1", "M1");
        o.expires_at = Utc::now() - chrono::Duration::seconds(1);
        store.insert(o).unwrap();
        assert_eq!(store.get("cashy", "O1").unwrap().state, OrderState::Expired);
    }
}
