//! Verifying one captured callback: the provider's reading of the raw bytes (signature, claims,
//! ack), then optionally the provider's status API as a second opinion (`--requery`). Shared by
//! `callback verify`, `callback listen`, `callback send` and `demo`.

use crate::capture::CapturedRequest;
use crate::error::Result;
use crate::http::HttpClient;
use crate::model::{CallbackClaims, CallbackRecord, RequeryCheck, SignatureCheck, Status, StatusRecord};
use crate::providers::{Gateway, VerifyOptions};

/// What verifying needs besides the capture; `http` is set when the provider must be asked.
pub struct VerifyRequest<'a> {
    pub gateway: &'a dyn Gateway,
    pub http: Option<&'a HttpClient>,
    pub opts: &'a VerifyOptions,
}

/// Checks one capture: the provider's signature verdict, then (with `http`) the status API.
pub async fn verify_capture(req: &VerifyRequest<'_>, capture: &CapturedRequest) -> Result<CallbackRecord> {
    let verdict = req.gateway.verify_callback(capture, req.opts)?;
    let claims = &verdict.claims;
    let mut reason = verdict.reason.clone();
    let requery = match req.http {
        None => RequeryCheck::Skipped,
        Some(http) => match req.gateway.requery_for(claims) {
            None => {
                reason.get_or_insert_with(|| "requery: the callback names no order to query".into());
                RequeryCheck::Error
            }
            Some(query) => match super::check_status(http, req.gateway, &query).await {
                Ok(status) => match disagreement(claims, &status) {
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
            },
        },
    };
    let verified = match verdict.signature {
        SignatureCheck::Ok | SignatureCheck::LegacyOk => matches!(requery, RequeryCheck::Ok | RequeryCheck::Skipped),
        SignatureCheck::Unverifiable => requery == RequeryCheck::Ok,
        SignatureCheck::Mismatch | SignatureCheck::Missing => false,
    };
    if verdict.signature == SignatureCheck::Unverifiable && requery == RequeryCheck::Skipped {
        reason = Some(join(reason, "no signature to check: use --requery to confirm with the provider".into()));
    }
    Ok(CallbackRecord {
        provider: req.gateway.provider().into(),
        source: capture.source.clone(),
        verified,
        signature: verdict.signature,
        requery,
        reason,
        claims: verdict.claims,
        ack: verdict.ack,
    })
}

fn join(a: Option<String>, b: String) -> String {
    match a {
        Some(a) => format!("{a}; {b}"),
        None => b,
    }
}

/// Where the provider's status answer contradicts the callback (status, amount, currency).
fn disagreement(claims: &CallbackClaims, status: &StatusRecord) -> Option<String> {
    let claimed = claims.status.unwrap_or(Status::Unknown);
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
