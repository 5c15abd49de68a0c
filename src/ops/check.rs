//! Checking one order: sign, send, read, with retries (exponential backoff with jitter,
//! `Retry-After`) and an optional request-rate cap. Every status check in paycli comes through
//! `check_with_retries` — a single check is the same path with no retries. Only idempotent
//! queries come through here: `checkout create` is never retried.

use crate::error::{ErrorKind, Result};
use crate::http::{HttpClient, HttpResponse};
use crate::model::StatusRecord;
use crate::providers::{Gateway, StatusQuery};
use chrono::Utc;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// A `Retry-After` longer than this is cut short: a cron job should not sleep for an hour.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    pub retries: u32,
    pub base: Duration,
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { retries: 3, base: Duration::from_millis(250), cap: Duration::from_secs(10) }
    }
}

impl RetryPolicy {
    /// One attempt: the answer, whatever it is, is the result.
    pub const NONE: RetryPolicy = RetryPolicy { retries: 0, base: Duration::ZERO, cap: Duration::ZERO };

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

/// `Retry-After` as seconds or an HTTP date.
pub fn retry_after(resp: &HttpResponse) -> Option<Duration> {
    let value = resp.header("Retry-After")?.trim();
    let wait = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => {
            let when = chrono::DateTime::parse_from_rfc2822(value).ok()?.with_timezone(&Utc);
            (when - Utc::now()).to_std().unwrap_or(Duration::ZERO)
        }
    };
    Some(wait.min(MAX_RETRY_AFTER))
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

/// One status check with retries for network errors, HTTP 5xx and 429, and retryable provider
/// answers. Each attempt is signed afresh (new nonce and time).
pub async fn check_with_retries(
    http: &HttpClient,
    gateway: &dyn Gateway,
    query: &StatusQuery,
    policy: &RetryPolicy,
    rate: Option<&RateLimiter>,
) -> Checked {
    let mut attempt = 0u32;
    loop {
        if let Some(r) = rate {
            r.wait().await;
        }
        let req = match gateway.status_request(query, Utc::now()) {
            Ok(req) => req,
            Err(e) => return Checked { result: Err(e), retries: attempt },
        };
        let last = attempt >= policy.retries;
        let wait = match http.send(&req).await {
            Err(e) if e.kind == ErrorKind::Network && !last => policy.backoff(attempt),
            Err(e) => return Checked { result: Err(e), retries: attempt },
            Ok(resp) if (resp.status == 429 || resp.status >= 500) && !last => {
                retry_after(&resp).unwrap_or_else(|| policy.backoff(attempt))
            }
            Ok(resp) => match gateway.status_response(query, &resp) {
                Err(e) if e.retryable && !last => policy.backoff(attempt),
                result => return Checked { result, retries: attempt },
            },
        };
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_jitter_and_a_cap() {
        let p = RetryPolicy { retries: 5, base: Duration::from_millis(100), cap: Duration::from_secs(1) };
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
        assert_eq!(retry_after(&resp("99999")), Some(MAX_RETRY_AFTER));
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
