//! Checking a captured Zenospay callback.
//!
//! Zenospay does not document how callbacks are signed. The one public integration assumes the
//! request scheme mirrored: RSA-SHA256 with the provider's key over
//! `POST:<callback path>:<sha256hex(body)>:<X-TIMESTAMP>`. paycli checks that when the profile has
//! `provider_public_key`, and otherwise says `unverifiable` so only `--requery` can vouch for it.
//! The body has no status field: its arrival means "paid".

use super::{ACK, ZenospayGateway, signing};
use crate::capture::CapturedRequest;
use crate::error::Result;
use crate::model::{OrderFacts, SignatureCheck, Status};
use crate::money;
use crate::providers::json_text;
use crate::providers::{CallbackVerdict, VerifyOptions};
use chrono::{DateTime, Utc};

pub(super) fn verify(gw: &ZenospayGateway, capture: &CapturedRequest, opts: &VerifyOptions) -> Result<CallbackVerdict> {
    let claims = read_claims(capture);
    let (signature, reason) = match check(gw, capture, opts)? {
        Ok(()) => (SignatureCheck::Ok, None),
        Err((sig, why)) => (sig, Some(why)),
    };
    let reason = reason.or_else(|| claims.as_ref().err().cloned());
    Ok(CallbackVerdict { signature, reason, claims: claims.unwrap_or_default(), ack: Some(ACK.into()) })
}

type Check = std::result::Result<(), (SignatureCheck, String)>;

/// The outer `Result` is for configuration problems (an unreadable key); the inner one is the verdict.
fn check(gw: &ZenospayGateway, capture: &CapturedRequest, opts: &VerifyOptions) -> Result<Check> {
    // A foreign partner id means the callback is not for this merchant, signed or not.
    match capture.header("X-PARTNER-ID").map(str::trim) {
        Some(p) if p == gw.partner_id => {}
        Some(p) => {
            return Ok(Err((
                SignatureCheck::Mismatch,
                format!(
                    "partner id check failed: X-PARTNER-ID {p:?} is not this profile's partner_id {:?}",
                    gw.partner_id
                ),
            )));
        }
        None if gw.provider_public_key.is_set() => {
            return Ok(Err((
                SignatureCheck::Missing,
                "partner id check failed: no X-PARTNER-ID header (capture the whole request or add --header)".into(),
            )));
        }
        None => {}
    }
    let Some(key) = gw.provider_key()? else {
        return Ok(Err((
            SignatureCheck::Unverifiable,
            "Zenospay does not document its callback signature and the profile has no provider_public_key to check \
             X-SIGNATURE with"
                .into(),
        )));
    };
    let Some(given) = capture.header("X-SIGNATURE") else {
        return Ok(Err((
            SignatureCheck::Missing,
            "no X-SIGNATURE header: capture the whole request or pass it with --header 'X-SIGNATURE: ...'".into(),
        )));
    };
    let Some(ts) = capture.header("X-TIMESTAMP").map(str::trim) else {
        return Ok(Err((
            SignatureCheck::Missing,
            "no X-TIMESTAMP header: it is part of what is signed; capture the whole request or add --header".into(),
        )));
    };
    let Some(path) = capture.path_only().filter(|p| p.starts_with('/')).or(gw.callback_path.as_deref()) else {
        return Ok(Err((
            SignatureCheck::Unverifiable,
            "the signed string includes the callback URL path, which this capture lacks: pass a raw request capture \
             (with its request line) or set callback_path in the profile"
                .into(),
        )));
    };
    let method = capture.method.as_deref().unwrap_or("POST");
    let text = signing::string_to_sign(method, path, &capture.body, ts);
    match signing::verify(&key, &text, given) {
        Ok(()) => {}
        Err(signing::Failure::NotBase64) => {
            return Ok(Err((SignatureCheck::Mismatch, "signature check failed: X-SIGNATURE is not base64".into())));
        }
        Err(signing::Failure::Mismatch) => {
            return Ok(Err((
                SignatureCheck::Mismatch,
                format!(
                    "signature mismatch: X-SIGNATURE does not verify with provider_public_key over \
                     {method}:{path}:<sha256 of body>:{ts} (the body, path or timestamp changed, or it was signed \
                     with another key)"
                ),
            )));
        }
    }
    let Ok(signed_at) = DateTime::parse_from_rfc3339(ts) else {
        return Ok(Err((
            SignatureCheck::Mismatch,
            format!("timestamp check failed: X-TIMESTAMP {ts:?} is not ISO 8601 with an offset"),
        )));
    };
    let skew = opts.at.signed_duration_since(signed_at.with_timezone(&Utc));
    if skew.abs() > opts.tolerance {
        let direction = if skew > chrono::Duration::zero() { "before" } else { "after" };
        return Ok(Err((
            SignatureCheck::Mismatch,
            format!(
                "stale timestamp: X-TIMESTAMP {ts} is {} {direction} the verification time {}, outside the tolerance \
                 of {} (a replay? for an old capture pass --at, or widen --tolerance)",
                human(skew.abs()),
                crate::model::format_time(&opts.at),
                human(opts.tolerance)
            ),
        )));
    }
    Ok(Ok(()))
}

fn human(d: chrono::Duration) -> String {
    let s = d.num_seconds();
    let (days, h, m, sec) = (s / 86400, s % 86400 / 3600, s % 3600 / 60, s % 60);
    let parts: Vec<String> = [(days, "d"), (h, "h"), (m, "m"), (sec, "s")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, u)| format!("{n}{u}"))
        .collect();
    if parts.is_empty() { "0s".into() } else { parts.join(" ") }
}

fn read_claims(capture: &CapturedRequest) -> std::result::Result<OrderFacts, String> {
    let body = capture.json_body()?;
    if !body.is_object() {
        return Err("the body is not a JSON object".into());
    }
    Ok(OrderFacts {
        order_id: json_text(body.get("merchant_transaction_id")),
        provider_ref: json_text(body.get("transaction_id")),
        // Zenospay calls back only after a completed payment; there is no status field to read.
        status: Status::Paid,
        provider_status: None,
        amount: body.get("amount").and_then(money::amount_from_json),
        currency: json_text(body.get("currency")),
        fee: body.get("service_fee_amount").and_then(money::amount_from_json),
        net_amount: body.get("nett_amount").and_then(money::amount_from_json),
        channel: json_text(body.get("channel")),
        rrn: json_text(body.get("rrn")),
    })
}
