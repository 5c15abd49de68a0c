//! Verifying one captured callback: the provider's reading of the raw bytes (signature, claims,
//! ack), then optionally the provider's status API as a second opinion (`--requery`). Shared by
//! `callback verify`, `callback listen`, `callback send` and `demo`.

use crate::capture::CapturedRequest;
use crate::error::Result;
use crate::http::HttpClient;
use crate::journal::{Journal, Location};
use crate::model::{CallbackRecord, OrderFacts, RequeryCheck, SignatureCheck, StatusRecord};
use crate::providers::{Gateway, Requery, VerifyOptions};
use std::sync::{Arc, Mutex};

/// What verifying needs besides the capture; `http` is set when the provider must be asked.
pub struct VerifyRequest<'a> {
    pub gateway: &'a dyn Gateway,
    pub http: Option<&'a HttpClient>,
    pub opts: &'a VerifyOptions,
    /// When a requery must have its answer (a receiver's answer budget); `None`: the HTTP timeouts.
    pub deadline: Option<tokio::time::Instant>,
    /// Where a requery finds the provider's reference for the callback's order (Payfect).
    pub journal: Option<&'a JournalLookup>,
}

/// The journal's provider reference for an order, read on a blocking thread (SQLite calls block,
/// and a receiver must keep answering); `None` when there is no journal or it cannot tell.
pub struct JournalLookup {
    location: Option<Location>,
    profile: String,
    open: Arc<Mutex<Option<Journal>>>,
}

impl JournalLookup {
    pub fn new(location: Option<Location>, profile: &str) -> Self {
        JournalLookup { location, profile: profile.to_string(), open: Arc::new(Mutex::new(None)) }
    }

    async fn provider_ref(&self, order_id: &str, deadline: Option<tokio::time::Instant>) -> Option<String> {
        let location = self.location.clone()?;
        let (open, profile, order) = (self.open.clone(), self.profile.clone(), order_id.to_string());
        let read = tokio::task::spawn_blocking(move || {
            let mut open = open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if open.is_none() {
                *open = Some(crate::journal::open(&location).ok()?);
            }
            open.as_mut()?.provider_ref(&profile, &order).ok().flatten()
        });
        match deadline {
            Some(d) => tokio::time::timeout_at(d, read).await.ok()?.ok().flatten(),
            None => read.await.ok().flatten(),
        }
    }
}

/// Checks one capture: the provider's signature verdict, then (with `http`) the status API.
///
/// A callback whose signature is proven false (`mismatch`, `missing`) is never re-queried: that
/// would make paycli send a request signed with the merchant's key for anyone who posts to it.
/// `unverifiable` and `stale` callbacks are verified only when the provider's status API agrees.
pub async fn verify_capture(req: &VerifyRequest<'_>, capture: &CapturedRequest) -> Result<CallbackRecord> {
    let mut verdict = req.gateway.verify_callback(capture, req.opts)?;
    // A capture that cannot say which request was sent is not verified, whatever its first
    // signature header says (two different Sign headers, a Content-Length the body disagrees with).
    let problems = capture.integrity_problems();
    if !problems.is_empty() {
        verdict.signature = SignatureCheck::Mismatch;
        let own = verdict.reason.take().map(|r| format!("; {r}")).unwrap_or_default();
        verdict.reason = Some(format!("{}{own}", problems.join("; ")));
    }
    let claims = &verdict.claims;
    let mut reason = verdict.reason.clone();
    let proven_false = matches!(verdict.signature, SignatureCheck::Mismatch | SignatureCheck::Missing);
    let requery = match req.http {
        None => RequeryCheck::Skipped,
        Some(_) if proven_false => {
            reason = Some(join(reason, "not re-queried: the signature is proven false".into()));
            RequeryCheck::Skipped
        }
        Some(http) => {
            let journal_ref = match (req.journal, &claims.order_id) {
                (Some(journal), Some(order)) => journal.provider_ref(order, req.deadline).await,
                _ => None,
            };
            let candidates = req.gateway.requeries(claims, journal_ref.as_deref());
            match first_known(http, req, candidates).await {
                None => {
                    reason = Some(join(reason, "requery: the callback names no order to query".into()));
                    RequeryCheck::Error
                }
                Some((via, answer)) => {
                    if let Some(via) = via {
                        reason = Some(join(reason, format!("requery used {via}")));
                    }
                    match answer {
                        Ok(status) => match disagreement(claims, &status.order) {
                            None => RequeryCheck::Ok,
                            Some(why) => {
                                reason = Some(join(reason, format!("requery: {why}")));
                                RequeryCheck::Mismatch
                            }
                        },
                        Err(e) => {
                            reason = Some(join(reason, format!("requery failed: {}", e.message)));
                            RequeryCheck::Error
                        }
                    }
                }
            }
        }
    };
    let verified = match verdict.signature {
        SignatureCheck::Ok | SignatureCheck::LegacyOk => matches!(requery, RequeryCheck::Ok | RequeryCheck::Skipped),
        SignatureCheck::Unverifiable | SignatureCheck::Stale => requery == RequeryCheck::Ok,
        SignatureCheck::Mismatch | SignatureCheck::Missing => false,
    };
    if matches!(verdict.signature, SignatureCheck::Unverifiable | SignatureCheck::Stale)
        && requery == RequeryCheck::Skipped
    {
        let what =
            if verdict.signature == SignatureCheck::Stale { "the signature is stale" } else { "no signature to check" };
        reason = Some(join(reason, format!("{what}: use --requery to confirm with the provider")));
    }
    Ok(CallbackRecord {
        provider: req.gateway.provider().into(),
        source: capture.source.clone(),
        verified,
        signature: verdict.signature,
        requery,
        reason,
        claims: verdict.claims,
        // Shown only when it is the answer to give: an ack beside a forgery reads as "reply this".
        ack: verdict.ack.filter(|_| verified),
    })
}

/// Asks each candidate in turn until the provider knows one (a "not found" moves on to the next);
/// `None` when there is nothing to ask.
async fn first_known(
    http: &HttpClient,
    req: &VerifyRequest<'_>,
    candidates: Vec<Requery>,
) -> Option<(Option<String>, Result<StatusRecord>)> {
    let count = candidates.len();
    let mut last = None;
    for (i, candidate) in candidates.into_iter().enumerate() {
        let answer = requery(http, req.gateway, &candidate.query, req.deadline).await;
        let unknown = answer.as_ref().is_err_and(|e| e.not_found);
        last = Some((candidate.via, answer));
        if !(unknown && i + 1 < count) {
            break;
        }
    }
    last
}

/// One status check, cut off at the deadline when there is one.
async fn requery(
    http: &HttpClient,
    gateway: &dyn Gateway,
    query: &crate::providers::StatusQuery,
    deadline: Option<tokio::time::Instant>,
) -> Result<StatusRecord> {
    let check = super::check_status(http, gateway, query);
    let Some(deadline) = deadline else { return check.await };
    match tokio::time::timeout_at(deadline, check).await {
        Ok(answer) => answer,
        Err(_) => Err(crate::error::Error::network("the provider did not answer within the answer budget")),
    }
}

fn join(a: Option<String>, b: String) -> String {
    match a {
        Some(a) => format!("{a}; {b}"),
        None => b,
    }
}

/// Where the provider's status answer contradicts the callback (status, amount, currency).
fn disagreement(claims: &OrderFacts, status: &OrderFacts) -> Option<String> {
    let claimed = claims.status;
    if claimed != status.status {
        return Some(format!(
            "the callback says {} but the provider says {}",
            claimed.as_str(),
            status.status.as_str()
        ));
    }
    if let (Some(a), Some(b)) = (claims.amount, status.amount)
        && a.normalize() != b.normalize()
    {
        return Some(format!("the callback says amount {a} but the provider says {b}"));
    }
    if let (Some(a), Some(b)) = (&claims.currency, &status.currency)
        && !a.eq_ignore_ascii_case(b)
    {
        return Some(format!("the callback says currency {a} but the provider says {b}"));
    }
    None
}
