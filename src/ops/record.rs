//! Remembering what paycli learned about an order in the journal. A journal problem is a warning:
//! it never hides a result the provider already gave.

use crate::journal::{Journal, LazyJournal, StatusUpdate};
use crate::model::{CallbackRecord, CheckoutRecord};

/// A created checkout: the order exists at the provider now.
pub fn record_checkout(journal: Option<Journal>, record: &CheckoutRecord) {
    if let Some(mut journal) = journal
        && let Err(e) = journal.record_checkout(record)
    {
        crate::journal::warn(&e);
    }
}

/// A verified callback is the provider's word on the order: remember it. Unverified callbacks
/// and callbacks that name no order are not recorded.
pub fn record_callback(journal: &mut LazyJournal, profile: &str, record: &CallbackRecord) {
    if let Some(update) = callback_update(profile, record) {
        journal.record_status(&update);
    }
}

/// What the journal records of a callback: only a verified one that names its order.
pub fn callback_update(profile: &str, record: &CallbackRecord) -> Option<StatusUpdate> {
    let (true, Some(order_id)) = (record.verified, record.claims.order_id.clone()) else { return None };
    Some(StatusUpdate {
        profile: profile.to_string(),
        provider: record.provider.clone(),
        order_id,
        facts: record.claims.clone(),
        source: "callback",
        at: chrono::Utc::now(),
    })
}
