//! PayCools callbacks come in three shapes (providers.md); each is checked its own way and
//! answered with the reply that shape expects.

use super::{PaycoolsGateway, centavos, map_status};
use crate::capture::CapturedRequest;
use crate::crypto;
use crate::error::Result;
use crate::model::{OrderFacts, SignatureCheck, Status};
use crate::providers::CallbackVerdict;
use crate::providers::json_text;
use serde_json::{Map, Value};

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

pub fn detect(body: &Map<String, Value>) -> Shape {
    if matches!(body.get("param"), Some(Value::String(_))) {
        Shape::Envelope
    } else if body.get("sign").and_then(Value::as_str).is_some_and(is_hex40) {
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

fn claims(fields: &Map<String, Value>) -> OrderFacts {
    let word = json_text(fields.get("transactionStatus"));
    let event = json_text(fields.get("eventName")).unwrap_or_default();
    let status = if event.ends_with(".payment.failed") {
        Status::Failed
    } else if let Some(w) = &word {
        map_status(w)
    } else if event.ends_with(".payment.success") {
        Status::Paid
    } else {
        Status::Unknown
    };
    OrderFacts {
        order_id: json_text(fields.get("mchOrderId")),
        provider_ref: json_text(fields.get("transactionId")).or_else(|| json_text(fields.get("checkoutId"))),
        status,
        provider_status: word.or(Some(event).filter(|e| !e.is_empty())),
        amount: centavos(fields.get("amount")),
        currency: Some(super::CURRENCY.into()),
        fee: None,
        net_amount: None,
        channel: json_text(fields.get("channelCode")),
        rrn: None,
    }
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
        Ok(Value::Object(m)) => m,
        Ok(_) => return Ok(unreadable("the body is not a JSON object".into())),
        Err(why) => return Ok(unreadable(why)),
    };
    let shape = detect(&body);
    let sign = body.get("sign").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let (fields, param_text) = match (shape, body.get("param")) {
        (Shape::Envelope, Some(Value::String(p))) => match serde_json::from_str::<Value>(p) {
            Ok(Value::Object(m)) => (m, Some(p.as_str())),
            _ => (Map::new(), Some(p.as_str())),
        },
        _ => (body.clone(), None),
    };
    let (signature, mut reason) = match (sign, shape) {
        (None, _) => (SignatureCheck::Missing, Some("the callback has no sign field".to_string())),
        (Some(s), Shape::Envelope) => rsa_check(gw, param_text.unwrap_or_default().as_bytes(), s)?,
        (Some(s), Shape::Flat) => rsa_check(gw, flat_pairs(capture).as_bytes(), s)?,
        (Some(s), Shape::Legacy) => legacy_check(gw, &flat_pairs(capture), s)?,
    };
    if shape == Shape::Envelope && fields.is_empty() {
        reason = Some(match reason {
            Some(r) => format!("{r}; param is not a JSON object"),
            None => "param is not a JSON object".into(),
        });
    }
    Ok(CallbackVerdict { signature, reason, claims: claims(&fields), ack: Some(shape.ack().into()) })
}

/// The body parsed as a JSON object already, so its raw pairs are there.
fn flat_pairs(capture: &CapturedRequest) -> String {
    sorted_pairs(&capture.body).unwrap_or_default()
}

fn unreadable(why: String) -> CallbackVerdict {
    CallbackVerdict { signature: SignatureCheck::Missing, reason: Some(why), claims: OrderFacts::default(), ack: None }
}
