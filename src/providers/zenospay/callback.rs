//! Checking a captured Zenospay callback.
//!
//! Zenospay does not document how callbacks are signed. The one public integration assumes the
//! request scheme mirrored: RSA-SHA256 with the provider's key over
//! `POST:<callback path>:<sha256hex(body)>:<X-TIMESTAMP>`. paycli checks that when the profile has
//! `provider_public_key`, and otherwise says `unverifiable` so only `--requery` can vouch for it.
//! The body has no status field: its arrival means "paid".

use super::wire::Transaction;
use super::{ACK, ZenospayGateway, signing};
use crate::capture::CapturedRequest;
use crate::error::Result;
use crate::model::{OrderFacts, SignatureCheck};
use crate::providers::VerifyOptions;
use crate::providers::wire::{CallbackVerdict, read};
use chrono::{DateTime, Utc};

pub(super) fn verify(gw: &ZenospayGateway, capture: &CapturedRequest, opts: &VerifyOptions) -> Result<CallbackVerdict> {
    let claims = read_claims(capture);
    let (signature, reason) = match check(gw, capture, opts)? {
        Ok(covered) => (SignatureCheck::Ok, covered),
        Err((sig, why)) => (sig, why),
    };
    Ok(CallbackVerdict::new(signature, Some(reason), claims, Some(ACK)))
}

/// Ok carries what the signature covered (path, exact or minified body); Err the verdict and why.
type Check = std::result::Result<String, (SignatureCheck, String)>;

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
    // The provider signs the path of the URL registered at onboarding, query string included (the
    // SNAP rule); a reverse proxy may have rewritten the request line, so the profile's setting wins.
    let Some(path) = gw.callback_path.as_deref().or(capture.path.as_deref().filter(|p| p.starts_with('/'))) else {
        return Ok(Err((
            SignatureCheck::Unverifiable,
            "the signed string includes the callback URL path, which this capture lacks: pass a raw request capture \
             (with its request line) or set callback_path in the profile"
                .into(),
        )));
    };
    let method = capture.method.as_deref().unwrap_or("POST");
    // SNAP hashes the minified JSON; a sender that hashes what it sends signs the exact bytes.
    // Both are tried, exact bytes first, and the verdict says which one matched.
    let minified = minify_json(&capture.body).filter(|m| *m != capture.body);
    let mut bodies = vec![(capture.body.as_slice(), "the exact body bytes")];
    if let Some(m) = &minified {
        bodies.push((m.as_slice(), "the minified JSON body (SNAP rule), not the exact bytes"));
    }
    let mut matched = None;
    for (body, what) in bodies {
        let text = signing::string_to_sign(method, path, body, ts);
        match signing::verify(key, &text, given) {
            Ok(()) => {
                matched = Some(what);
                break;
            }
            Err(signing::Failure::NotBase64) => {
                return Ok(Err((SignatureCheck::Mismatch, "signature check failed: X-SIGNATURE is not base64".into())));
            }
            Err(signing::Failure::Mismatch) => {}
        }
    }
    let Some(matched) = matched else {
        let tried = if minified.is_some() { "the exact body bytes or the minified JSON" } else { "the body" };
        return Ok(Err((
            SignatureCheck::Mismatch,
            format!(
                "signature mismatch: X-SIGNATURE does not verify with provider_public_key over \
                 {method}:{path}:<sha256 of {tried}>:{ts} (the body, path or timestamp changed, or it was signed \
                 with another key)"
            ),
        )));
    };
    // The signature covers the header as sent, so its form does not matter for the signature;
    // only its instant does, for freshness. A form paycli cannot read cannot be judged now.
    let Some(signed_at) = signed_time(ts) else {
        return Ok(Err((
            SignatureCheck::Unverifiable,
            format!(
                "the signature verifies, but X-TIMESTAMP {ts:?} is in a form paycli does not read (ISO 8601 with an \
                 offset, or Unix seconds or milliseconds), so its freshness cannot be judged"
            ),
        )));
    };
    let skew = opts.at.signed_duration_since(signed_at);
    if skew.abs() > opts.tolerance {
        let direction = if skew > chrono::Duration::zero() { "before" } else { "after" };
        return Ok(Err((
            SignatureCheck::Stale,
            format!(
                "stale timestamp: X-TIMESTAMP {ts} is {} {direction} the verification time {}, outside the tolerance \
                 of {} (a replay? for an old capture pass --at, or widen --tolerance)",
                human(skew.abs()),
                crate::model::format_time(&opts.at),
                human(opts.tolerance)
            ),
        )));
    }
    Ok(Ok(format!("signed over {path} and {matched}")))
}

/// The instant of an `X-TIMESTAMP` in the forms real senders write: ISO 8601 / RFC 3339 with an
/// offset (`+07:00`, `+0700`, `Z`; a `T` or a space; any fraction of a second) as SNAP documents,
/// or Unix time in seconds or milliseconds (a public Node client, common PHP and Java code).
pub(super) fn signed_time(ts: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(ts) {
        return Some(t.with_timezone(&Utc));
    }
    for form in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%:z"] {
        if let Ok(t) = DateTime::parse_from_str(ts, form) {
            return Some(t.with_timezone(&Utc));
        }
    }
    if !ts.is_empty() && ts.len() <= 13 && ts.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = ts.parse().ok()?;
        // Ten digits are seconds (until 2286), thirteen milliseconds.
        return match ts.len() {
            13 => DateTime::from_timestamp_millis(n),
            9 | 10 => DateTime::from_timestamp(n, 0),
            _ => None,
        };
    }
    None
}

/// The body without insignificant whitespace, every other byte kept (numbers, escapes and key
/// order exactly as sent); `None` when the body is not JSON.
pub(super) fn minify_json(body: &[u8]) -> Option<Vec<u8>> {
    serde_json::from_slice::<serde::de::IgnoredAny>(body).ok()?;
    let mut out = Vec::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in body {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            if b == b'"' {
                in_string = true;
            }
            out.push(b);
        }
    }
    Some(out)
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
    read::<Transaction>(&body).map(Transaction::callback_facts).ok_or_else(|| "the body is not a JSON object".into())
}
