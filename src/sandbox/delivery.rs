//! Delivering signed callbacks to the merchant, retrying on the provider's schedule.

use super::{Order, Sandbox, SandboxProvider};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct OutgoingCallback {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Accepted,
    Retry,
    GiveUp,
}

/// One delivery attempt, as shown by `GET /_sandbox/deliveries`.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryRecord {
    pub provider: String,
    pub order: String,
    pub url: String,
    pub attempt: usize,
    pub at: DateTime<Utc>,
    /// The merchant's HTTP status, or none when the request failed.
    pub status: Option<u16>,
    pub answer: String,
    pub outcome: String,
}

pub(super) async fn deliver(
    sandbox: Arc<Sandbox>,
    provider: Arc<dyn SandboxProvider>,
    order: Order,
    delays: Vec<Duration>,
) {
    for attempt in 0..=delays.len() {
        // Signed anew for every attempt, as a provider does: a retry an hour later must carry a
        // fresh timestamp, or the merchant's replay window rejects it.
        let Some(callback) = provider.callback(&sandbox, &order) else { return };
        let mut req = sandbox.client.post(&callback.url).body(callback.body.clone());
        for (n, v) in &callback.headers {
            req = req.header(n, v);
        }
        let (status, answer, outcome) = match req.send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let body = resp.bytes().await.unwrap_or_default();
                let outcome = provider.judge(status, &body);
                (Some(status), String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(), outcome)
            }
            Err(e) => (None, e.to_string(), DeliveryOutcome::Retry),
        };
        sandbox.deliveries.lock().expect("deliveries lock").push(DeliveryRecord {
            provider: provider.id().to_string(),
            order: order.id.clone(),
            url: callback.url.clone(),
            attempt: attempt + 1,
            at: Utc::now(),
            status,
            answer,
            outcome: format!("{outcome:?}").to_lowercase(),
        });
        if sandbox.log {
            let status = status.map_or_else(|| "no answer".to_string(), |s| format!("HTTP {s}"));
            crate::output::note(format_args!(
                "callback {} {} attempt {} to {} -> {status}, {}",
                provider.id(),
                order.id,
                attempt + 1,
                callback.url,
                match outcome {
                    DeliveryOutcome::Accepted => "accepted",
                    DeliveryOutcome::Retry if attempt < delays.len() => "will retry",
                    DeliveryOutcome::Retry => "giving up after the last retry",
                    DeliveryOutcome::GiveUp => "giving up",
                }
            ));
        }
        match outcome {
            DeliveryOutcome::Accepted | DeliveryOutcome::GiveUp => return,
            DeliveryOutcome::Retry => match delays.get(attempt) {
                Some(d) => tokio::time::sleep(*d).await,
                None => return,
            },
        }
    }
}
