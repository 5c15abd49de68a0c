//! Payfect callbacks: `X-Payfect-Signature` is a Fernet token (github.com/fernet/spec) of the JSON
//! payload, made with the merchant's webhook secret. The `fernet` crate checks the HMAC and
//! decrypts; the token's time policy (age, `--max-age`, clock skew) is ours, so that every refusal
//! can say precisely why.

use super::ACK;
use super::wire::Payment;
use crate::capture::CapturedRequest;
use crate::model::{SignatureCheck, format_time};
use crate::providers::wire::{CallbackVerdict, read};
use crate::providers::{VerifyExtra, VerifyOptions};
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::Value;

pub const HEADER: &str = "X-Payfect-Signature";
/// Version byte, 8-byte time, 16-byte IV, at least one 16-byte AES block, 32-byte HMAC.
const MIN_TOKEN_BYTES: usize = 1 + 8 + 16 + 16 + 32;

pub fn fernet_key(secret: &str) -> Option<fernet::Fernet> {
    fernet::Fernet::new(secret.trim())
}

/// The creation time a token claims, read before (and independently of) the HMAC check.
pub fn token_time(token: &str) -> Result<DateTime<Utc>, String> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.trim_end_matches('='))
        .map_err(|_| format!("{HEADER} is not a Fernet token: it is not url-safe base64"))?;
    if bytes.len() < MIN_TOKEN_BYTES || (bytes.len() - (1 + 8 + 16 + 32)) % 16 != 0 {
        return Err(format!("{HEADER} is not a Fernet token: {} bytes is not a token's length", bytes.len()));
    }
    if bytes[0] != 0x80 {
        return Err(format!("{HEADER} is not a Fernet token: version byte {:#04x}, not 0x80", bytes[0]));
    }
    let mut secs = [0u8; 8];
    secs.copy_from_slice(&bytes[1..9]);
    i64::try_from(u64::from_be_bytes(secs))
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or_else(|| format!("{HEADER} carries an impossible creation time"))
}

/// "42s", "5m 3s", "2h 10m", "3d 4h": ages as people read them.
pub fn human_duration(secs: i64) -> String {
    let s = secs.unsigned_abs();
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {}s", s / 60, s % 60),
        3600..86400 => format!("{}h {}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d {}h", s / 86400, s % 86400 / 3600),
    }
}

/// The first place two JSON values differ, as a path (`amount`, `payment_method.id`).
pub fn first_difference(a: &Value, b: &Value) -> Option<String> {
    fn walk(path: &str, a: &Value, b: &Value) -> Option<String> {
        let here = || if path.is_empty() { "the top level".to_string() } else { path.to_string() };
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    let diff = match y.get(k) {
                        Some(vb) => walk(&p, va, vb),
                        None => Some(p),
                    };
                    if diff.is_some() {
                        return diff;
                    }
                }
                y.keys()
                    .find(|k| !x.contains_key(*k))
                    .map(|k| if path.is_empty() { k.clone() } else { format!("{path}.{k}") })
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                x.iter().zip(y).enumerate().find_map(|(i, (va, vb))| walk(&format!("{path}[{i}]"), va, vb))
            }
            _ if a == b => None,
            _ => Some(here()),
        }
    }
    walk("", a, b)
}

pub fn verify(key: &fernet::Fernet, capture: &CapturedRequest, opts: &VerifyOptions) -> CallbackVerdict {
    let body = capture.json_body();
    // A body that is not JSON cannot match the token: the signature check says so.
    let claims = body.as_ref().ok().and_then(read::<Payment>).map(Payment::facts).unwrap_or_default();
    let (signature, reason) = match capture.header(HEADER) {
        None => (
            SignatureCheck::Missing,
            format!("no {HEADER} header: pass it with --header '{HEADER}: ...' or capture the whole request"),
        ),
        Some(token) => match check(key, token.trim(), body.as_ref().map_err(String::clone), opts) {
            Ok(note) => (SignatureCheck::Ok, note),
            Err(verdict) => verdict,
        },
    };
    CallbackVerdict::new(signature, Some(reason), Ok(claims), Some(ACK))
}

/// Ok carries the token's age; Err the verdict (`stale` for a genuine token outside its window,
/// `mismatch` otherwise) and why.
fn check(
    key: &fernet::Fernet,
    token: &str,
    body: Result<&Value, String>,
    opts: &VerifyOptions,
) -> Result<String, (SignatureCheck, String)> {
    let mismatch = |why: String| (SignatureCheck::Mismatch, why);
    let made = token_time(token).map_err(mismatch)?;
    // The time passed in equals the token's own, so the crate applies no TTL or skew rule of its
    // own and checks only the HMAC and the padding.
    let plain = key.decrypt_at_time(token, None, made.timestamp().unsigned_abs()).map_err(|_| {
        mismatch(
            "the token does not verify with this profile's webhook_secret (HMAC check failed): \
             it was made with another key, or altered"
                .to_string(),
        )
    })?;
    let signed: Value =
        serde_json::from_slice(&plain).map_err(|e| mismatch(format!("the signed token holds no JSON: {e}")))?;
    let body = body.map_err(mismatch)?;
    if let Some(path) = first_difference(&signed, body) {
        return Err(mismatch(format!("the body differs from the signed token (at {path})")));
    }
    let age = (opts.at - made).num_seconds();
    let made_text = format_time(&made);
    if age < 0 && -age > opts.tolerance.num_seconds() {
        return Err((
            SignatureCheck::Stale,
            format!(
                "the token was made at {made_text}, {} after the verification time: beyond the {} --tolerance \
             (check the clock, or --at)",
                human_duration(age),
                human_duration(opts.tolerance.num_seconds())
            ),
        ));
    }
    if let VerifyExtra::Payfect(super::TokenOptions { max_age: max }) = &opts.extra
        && age > max.num_seconds()
    {
        return Err((
            SignatureCheck::Stale,
            format!(
                "the token was made at {made_text} and is {} old ({age}s), older than --max-age {} ({}s)",
                human_duration(age),
                human_duration(max.num_seconds()),
                max.num_seconds()
            ),
        ));
    }
    if age < 0 {
        return Ok(format!(
            "token made at {made_text}, {} after the verification time (within --tolerance)",
            human_duration(age)
        ));
    }
    Ok(format!("token made at {made_text}, {} old ({age}s)", human_duration(age)))
}
