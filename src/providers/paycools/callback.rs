//! PayCools callbacks come in three shapes (docs/providers/paycools.md); each is checked its own way and
//! answered with the reply that shape expects.

use super::PaycoolsGateway;
use super::wire::{Event, Signed};
use crate::capture::CapturedRequest;
use crate::crypto;
use crate::error::Result;
use crate::model::SignatureCheck;
use crate::providers::wire::{CallbackVerdict, read};
use serde_json::Value;

/// What the envelope shape expects back.
pub const ENVELOPE_ACK: &str = r#"{"code":10000,"message":"Success"}"#;
/// What both flat shapes expect back.
pub const FLAT_ACK: &str = r#"{"code":1,"msg":"success","data":{}}"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `{"param": "<json>", "sign": "<base64>"}`: RSA over the raw `param` string.
    Envelope,
    /// Flat fields with a base64 `sign`: RSA over the sorted `key=value&...`.
    Flat,
    /// Flat fields with a 40-hex `sign`: SHA-1 of the sorted pairs plus `&secret=`.
    Legacy,
}

impl Shape {
    pub fn ack(self) -> &'static str {
        match self {
            Shape::Envelope => ENVELOPE_ACK,
            Shape::Flat | Shape::Legacy => FLAT_ACK,
        }
    }
}

fn is_hex40(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn detect(body: &Signed) -> Shape {
    if body.param.is_some() {
        Shape::Envelope
    } else if body.sign.as_deref().is_some_and(is_hex40) {
        Shape::Legacy
    } else {
        Shape::Flat
    }
}

/// The flat shapes' string: every non-empty field except `sign`, ASCII key order, `k=v` joined by
/// `&`. Strings go in as they are, numbers and booleans as their JSON text.
/// The flat shapes' signed text: non-empty fields except `sign`, sorted by key, `key=value`
/// joined with `&`. Each value is taken as written in the body (strings unescaped, numbers as
/// their JSON text), so `"amount":5000.00` signs as `5000.00` — re-serialising would change it.
pub fn sorted_pairs(body: &[u8]) -> Option<String> {
    let raw: std::collections::BTreeMap<String, &serde_json::value::RawValue> = serde_json::from_slice(body).ok()?;
    let mut pairs = Vec::new();
    for (key, value) in &raw {
        let text = value.get();
        let shown = if key == "sign" || text == "null" {
            continue;
        } else if text.starts_with('"') {
            serde_json::from_str::<String>(text).ok()?
        } else {
            text.to_string()
        };
        if !shown.is_empty() {
            pairs.push(format!("{key}={shown}"));
        }
    }
    Some(pairs.join("&"))
}

type Check = (SignatureCheck, Option<String>);

fn rsa_check(gw: &PaycoolsGateway, message: &[u8], sign: &str) -> Result<Check> {
    if !gw.platform_public_key.is_set() {
        return Ok((
            SignatureCheck::Unverifiable,
            Some("no platform_public_key in the profile to check PayCools' RSA signature with".into()),
        ));
    }
    let key = gw.platform_public_key.get()?;
    let Some(signature) = crypto::b64_decode(sign) else {
        return Ok((SignatureCheck::Mismatch, Some("sign is not base64".into())));
    };
    if crypto::rsa_sha256_verify(key, message, &signature) {
        Ok((SignatureCheck::Ok, None))
    } else {
        Ok((
            SignatureCheck::Mismatch,
            Some("sign does not verify with platform_public_key: the callback was changed or the key differs".into()),
        ))
    }
}

fn legacy_check(gw: &PaycoolsGateway, signed_pairs: &str, sign: &str) -> Result<Check> {
    if !gw.callback_secret.is_set() {
        return Ok((
            SignatureCheck::Unverifiable,
            Some("legacy SHA-1 callback, but the profile has no callback_secret".into()),
        ));
    }
    let secret = gw.callback_secret.get()?;
    let expected = crypto::sha1_hex(format!("{}&secret={}", signed_pairs, secret.expose()).as_bytes());
    if crypto::ct_eq_hex(sign, &expected) {
        Ok((SignatureCheck::LegacyOk, Some("legacy SHA-1 signature (shared secret), not RSA".into())))
    } else {
        Ok((
            SignatureCheck::Mismatch,
            Some("legacy sign is not SHA-1(sorted fields + &secret=callback_secret): changed or another secret".into()),
        ))
    }
}

pub fn verify(gw: &PaycoolsGateway, capture: &CapturedRequest) -> Result<CallbackVerdict> {
    let body = match capture.json_body() {
        Ok(v) if v.is_object() => v,
        Ok(_) => return Ok(unreadable("the body is not a JSON object".into())),
        Err(why) => return Ok(unreadable(why)),
    };
    let signed: Signed = read(&body).unwrap_or_default();
    let shape = detect(&signed);
    let sign = signed.sign.as_deref().map(str::trim).filter(|s| !s.is_empty());
    // The envelope's fields are the JSON inside `param`; the flat shapes' are the body's own.
    let (fields, param_text) = match (shape, signed.param.as_deref()) {
        (Shape::Envelope, Some(p)) => (serde_json::from_str::<Value>(p).ok().as_ref().and_then(read::<Event>), Some(p)),
        _ => (read::<Event>(&body), None),
    };
    let (signature, reason) = match (sign, shape) {
        // Missing proves nothing false unless the profile could have checked a signature.
        (None, _) if !can_check(gw, shape) => (
            SignatureCheck::Unverifiable,
            Some("the callback has no sign field, and the profile has no platform_public_key to check one with".into()),
        ),
        (None, _) => (SignatureCheck::Missing, Some("the callback has no sign field".to_string())),
        (Some(s), Shape::Envelope) => rsa_check(gw, param_text.unwrap_or_default().as_bytes(), s)?,
        (Some(s), Shape::Flat) => rsa_check(gw, flat_pairs(capture).as_bytes(), s)?,
        (Some(s), Shape::Legacy) => legacy_check(gw, &flat_pairs(capture), s)?,
    };
    let claims = fields.map(Event::facts).ok_or_else(|| "param is not a JSON object".to_string());
    Ok(CallbackVerdict::new(signature, reason, claims, Some(shape.ack())))
}

/// Whether the profile holds a key that checks this shape's signature.
fn can_check(gw: &PaycoolsGateway, shape: Shape) -> bool {
    gw.platform_public_key.is_set() || (shape != Shape::Envelope && gw.callback_secret.is_set())
}

/// The body parsed as a JSON object already, so its raw pairs are there.
fn flat_pairs(capture: &CapturedRequest) -> String {
    sorted_pairs(&capture.body).unwrap_or_default()
}

fn unreadable(why: String) -> CallbackVerdict {
    CallbackVerdict::new(SignatureCheck::Missing, None, Err(why), None)
}
