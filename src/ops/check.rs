//! Checking one order: sign, send, read, with retries (exponential backoff with jitter,
//! `Retry-After`) and an optional request-rate cap. Every status check in paycli comes through
//! `check_with_retries` — a single check is the same path with no retries. Only idempotent
//! queries come through here: `checkout create` is never retried.

use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpClient, HttpResponse};
use crate::model::StatusRecord;
use crate::providers::{Gateway, StatusQuery};
use chrono::Utc;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// One order's check, every attempt and wait included, ends within this (`--budget`).
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(120);

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    pub retries: u32,
    pub base: Duration,
    pub cap: Duration,
    /// The whole check's time: a `Retry-After` or backoff beyond it ends the check instead.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(250),
            cap: Duration::from_secs(10),
            budget: DEFAULT_BUDGET,
        }
    }
}

impl RetryPolicy {
    /// One attempt: the answer, whatever it is, is the result.
    pub const NONE: RetryPolicy =
        RetryPolicy { retries: 0, base: Duration::ZERO, cap: Duration::ZERO, budget: DEFAULT_BUDGET };

    /// `base * 2^attempt`, capped, then "equal jitter" (half fixed, half random) so a crowd of
    /// workers that failed together does not come back together.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let full = self.base.saturating_mul(1u32 << attempt.min(16)).min(self.cap);
        let half = full / 2;
        half + half.mul_f64(rand::random::<f64>())
    }
}

/// Spaces requests evenly: at most one every `interval`, shared by every worker.
pub struct RateLimiter {
    interval: Duration,
    next: Mutex<Instant>,
}

impl RateLimiter {
    /// At most one request every `interval` (`--rate`, parsed by the command line).
    pub fn every(interval: Duration) -> RateLimiter {
        RateLimiter { interval, next: Mutex::new(Instant::now()) }
    }

    pub async fn wait(&self) {
        let at = {
            let mut next = self.next.lock().expect("rate lock");
            let at = (*next).max(Instant::now());
            *next = at + self.interval;
            at
        };
        tokio::time::sleep_until(at).await;
    }
}

/// `Retry-After` as seconds or an HTTP date (at most ten years: no overflow on absurd values).
pub fn retry_after(resp: &HttpResponse) -> Option<Duration> {
    let value = resp.header("Retry-After")?.trim();
    let wait = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => crate::values::MAX_DURATION,
        Err(_) => {
            let when = chrono::DateTime::parse_from_rfc2822(value).ok()?.with_timezone(&Utc);
            (when - Utc::now()).to_std().unwrap_or(Duration::ZERO)
        }
    };
    Some(wait.min(crate::values::MAX_DURATION))
}

/// The answer to one order, and how many retries it took.
pub struct Checked {
    pub result: Result<StatusRecord>,
    pub retries: u32,
}

/// One status check, no retries: `callback verify --requery`, `demo`, `doctor` and the safe create.
pub async fn check_status(http: &HttpClient, gateway: &dyn Gateway, query: &StatusQuery) -> Result<StatusRecord> {
    check_with_retries(http, gateway, query, &RetryPolicy::NONE, None).await.result
}

/// One check, the answer as the provider stated it: an order id it did not name stays empty
/// (`check_with_retries` fills in the id that was asked about, for showing and journaling). A
/// re-query compares these, so that only what the provider said can prove a callback.
pub async fn stated_status(http: &HttpClient, gateway: &dyn Gateway, query: &StatusQuery) -> Result<StatusRecord> {
    attempts(http, gateway, query, &RetryPolicy::NONE, None).await.result
}

/// One status check with retries for network errors, HTTP 5xx and 429, and retryable provider
/// answers. Each attempt is signed afresh (new nonce and time). The whole check, from its first
/// attempt, takes at most `policy.budget`: a wait that would end past it (a long `Retry-After`)
/// ends the check at once as a retryable error instead of sleeping.
pub async fn check_with_retries(
    http: &HttpClient,
    gateway: &dyn Gateway,
    query: &StatusQuery,
    policy: &RetryPolicy,
    rate: Option<&RateLimiter>,
) -> Checked {
    let mut checked = attempts(http, gateway, query, policy, rate).await;
    if let Ok(record) = &mut checked.result {
        record.order.order_id.get_or_insert_with(|| query.id.clone());
    }
    checked
}

async fn attempts(
    http: &HttpClient,
    gateway: &dyn Gateway,
    query: &StatusQuery,
    policy: &RetryPolicy,
    rate: Option<&RateLimiter>,
) -> Checked {
    let mut attempt = 0u32;
    let mut deadline = None;
    loop {
        if let Some(r) = rate {
            r.wait().await;
        }
        let deadline = *deadline.get_or_insert_with(|| Instant::now() + policy.budget);
        let req = match gateway.status_request(query, Utc::now()) {
            Ok(req) => req,
            Err(e) => return Checked { result: Err(e), retries: attempt },
        };
        let last = attempt >= policy.retries;
        let sent = tokio::time::timeout_at(deadline, http.send(&req)).await;
        let Ok(sent) = sent else {
            return Checked { result: Err(over_budget(policy, &query.id)), retries: attempt };
        };
        let (wait, asked) = match sent {
            Err(e) if e.kind == ErrorKind::Network && !last => (policy.backoff(attempt), None),
            Err(e) => return Checked { result: Err(e), retries: attempt },
            Ok(resp) if (resp.status == 429 || resp.status >= 500) && !last => match retry_after(&resp) {
                Some(asked) => (asked, Some((resp.status, asked))),
                None => (policy.backoff(attempt), None),
            },
            Ok(resp) => match gateway.status_response(query, &resp) {
                Err(e) if e.retryable && !last => (policy.backoff(attempt), None),
                result => return Checked { result, retries: attempt },
            },
        };
        if Instant::now() + wait > deadline {
            let error = match asked {
                Some((status, asked)) => Error::provider(format!(
                    "{}: the provider answered HTTP {status} and asks to retry after {}s, beyond this check's budget \
                     of {}s",
                    query.id,
                    asked.as_secs(),
                    policy.budget.as_secs_f64()
                ))
                .with_hint("try again later (the check is safe to repeat); --budget sets how long one check may take")
                .retryable(),
                None => over_budget(policy, &query.id),
            };
            return Checked { result: Err(error), retries: attempt };
        }
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

fn over_budget(policy: &RetryPolicy, id: &str) -> Error {
    Error::network(format!(
        "{id}: no answer within this check's budget of {}s (every attempt and wait included)",
        policy.budget.as_secs_f64()
    ))
    .with_hint("the provider is slow or unreachable; try again later, or raise --budget")
    .retryable()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_jitter_and_a_cap() {
        let p = RetryPolicy {
            retries: 5,
            base: Duration::from_millis(100),
            cap: Duration::from_secs(1),
            ..Default::default()
        };
        for (attempt, full) in [(0, 100), (1, 200), (2, 400), (3, 800), (4, 1000), (10, 1000)] {
            let d = p.backoff(attempt).as_millis() as u64;
            assert!(d >= full / 2 && d <= full, "attempt {attempt}: {d}ms not in [{}, {full}]", full / 2);
        }
    }

    #[test]
    fn retry_after_values() {
        let resp =
            |v: &str| HttpResponse { status: 429, headers: vec![("retry-after".into(), v.into())], body: vec![] };
        assert_eq!(retry_after(&resp("2")), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(&resp("99999")), Some(Duration::from_secs(99999)));
        assert_eq!(retry_after(&resp("99999999999999999999999")), Some(crate::values::MAX_DURATION));
        assert_eq!(retry_after(&resp("Wed, 21 Oct 2015 07:28:00 GMT")), Some(Duration::ZERO), "past dates: now");
        assert_eq!(retry_after(&resp("soon")), None);
    }

    #[tokio::test]
    async fn the_rate_limit_spaces_requests() {
        let r = RateLimiter::every(Duration::from_millis(10));
        let start = std::time::Instant::now();
        for _ in 0..11 {
            r.wait().await;
        }
        assert!(start.elapsed() >= Duration::from_millis(95), "{:?}", start.elapsed());
    }
}
