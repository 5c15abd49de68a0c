//! Remembering what paycli learned about an order in the journal. A journal problem is a warning:
//! it never hides a result the provider already gave.

use crate::journal::{Journal, JournalWriter, StatusUpdate};
use crate::model::{CallbackRecord, CheckoutRecord};

/// A created checkout: the order exists at the provider now.
pub fn record_checkout(journal: Option<Journal>, record: &CheckoutRecord) {
    if let Some(mut journal) = journal
        && let Err(e) = journal.record_checkout(record)
    {
        crate::journal::warn(&e);
    }
}

/// A verified callback is the provider's word on the order: remember it (queued; committed in
/// groups). Unverified callbacks and callbacks that name no order are not recorded.
pub async fn record_callback(journal: &JournalWriter, profile: &str, record: &CallbackRecord) {
    if let Some(update) = callback_update(profile, record) {
        journal.record(update).await;
    }
}

/// What the journal records of a callback: only a verified one that names its order.
///
/// Its event key is what the provider said, not how the request looked: a provider's retry of
/// the same event (new timestamp, new signature) has the same key, so listeners on several hosts
/// record it once.
pub fn callback_update(profile: &str, record: &CallbackRecord) -> Option<StatusUpdate> {
    let (true, Some(order_id)) = (record.verified, record.claims.order_id.clone()) else { return None };
    let facts = &record.claims;
    let amount = facts.amount.map(|a| a.normalize().to_string());
    let event = {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [
            record.provider.as_str(),
            &order_id,
            facts.provider_ref.as_deref().unwrap_or(""),
            facts.status.as_str(),
            facts.provider_status.as_deref().unwrap_or(""),
            amount.as_deref().unwrap_or(""),
            facts.currency.as_deref().unwrap_or(""),
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        hex::encode(h.finalize())
    };
    Some(StatusUpdate {
        profile: profile.to_string(),
        provider: record.provider.clone(),
        order_id,
        facts: facts.clone(),
        source: "callback",
        at: chrono::Utc::now(),
        event: Some(event),
    })
}
