//! PayCools as the sandbox emulates it. Written from docs/providers/paycools.md, independently of the client:
//! the request signature check builds its own string to verify and shares nothing with the signer.
//!
//! Sandbox settings (`paycli sandbox --set paycools.KEY=VALUE`):
//! - `sign_mode` = `envelope_sorted` (default) | `param_only`: what the merchant's `sign` must cover.
//! - `callback_shape` = `envelope` (default) | `flat` | `legacy`: how callbacks are signed.
//! - `callback_url`: where callbacks go for orders created without `callbackUrl`.

use crate::crypto;
use crate::sandbox::{DeliveryOutcome, Order, OrderState, OutgoingCallback, Sandbox, SandboxProvider};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};
use sha1::Digest;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The sandbox merchant's published test credentials (keys/README.md).
pub const APP_ID: &str = "7c1e5a9f3b2d4e6f8a0b1c2d3e4f5a6b";
pub const APP_NAME: &str = "paycli sandbox";
pub const MERCHANT_PRIVATE_KEY: &str = include_str!("keys/merchant-private.b64");
const MERCHANT_PUBLIC_KEY: &str = include_str!("keys/merchant-public.pem");
const PLATFORM_PRIVATE_KEY: &str = include_str!("keys/platform-private.pem");
pub const PLATFORM_PUBLIC_KEY: &str = include_str!("keys/platform-public.b64");
pub const CALLBACK_SECRET: &str = "paycools-sandbox-callback-secret-4b8e1d";

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

pub struct PaycoolsSandbox;

impl SandboxProvider for PaycoolsSandbox {
    fn settings(&self) -> &'static [crate::settings::Setting] {
        use crate::settings::{Setting, SettingKind};
        const SETTINGS: &[Setting] = &[
            Setting::new(
                "sign_mode",
                SettingKind::Choice(&["envelope_sorted", "param_only"]),
                "what the merchant's sign must cover",
            ),
            Setting::new(
                "callback_shape",
                SettingKind::Choice(&["envelope", "flat", "legacy"]),
                "how callbacks are signed",
            ),
            Setting::new("callback_url", SettingKind::Url, "where callbacks go for orders created without callbackUrl"),
        ];
        SETTINGS
    }

    fn id(&self) -> &'static str {
        super::ID
    }

    fn routes(&self) -> Router<Arc<Sandbox>> {
        Router::new()
            .route("/api/v1/checkout", post(create))
            .route("/api/v1/checkout/state", post(state))
            .route("/p/{code}", get(page))
    }

    fn channels(&self) -> &'static [&'static str] {
        &["GCASH", "MAYA", "QRPH", "BPI"]
    }

    fn callback(&self, sandbox: &Sandbox, order: &Order) -> Option<OutgoingCallback> {
        let (event, word) = match order.state {
            OrderState::Paid => ("checkout.payment.success", "COMPLETED"),
            OrderState::Failed => ("checkout.payment.failed", "FAILED"),
            // PayCools documents no event for a closed checkout.
            _ => return None,
        };
        let mut f = Map::new();
        f.insert("eventName".into(), json!(event));
        f.insert("mchOrderId".into(), json!(order.merchant_order_id));
        f.insert("transactionId".into(), json!(order.id));
        f.insert("amount".into(), json!(centavos(order.amount)));
        f.insert("transactionStatus".into(), json!(word));
        f.insert("createTime".into(), json!(pht(order.created_at)));
        f.insert("returnTime".into(), json!(pht(order.paid_at.unwrap_or(order.updated_at))));
        f.insert("channelCode".into(), json!(order.channel.clone().unwrap_or_default()));
        if order.state == OrderState::Failed {
            f.insert("failedCode".into(), json!("E102"));
            f.insert("failedMessage".into(), json!("Payment declined by the payer's wallet"));
        }
        let body = match sandbox.setting(super::ID, "callback_shape").unwrap_or("envelope") {
            "flat" => {
                let sign = B64.encode(platform_sign(joined_fields(&f).as_bytes()));
                f.insert("sign".into(), json!(sign));
                Value::Object(f)
            }
            "legacy" => {
                let digest = sha1::Sha1::digest(format!("{}&secret={CALLBACK_SECRET}", joined_fields(&f)).as_bytes());
                f.insert("sign".into(), json!(hex::encode(digest)));
                Value::Object(f)
            }
            _ => {
                let param = Value::Object(f).to_string();
                let sign = B64.encode(platform_sign(param.as_bytes()));
                json!({"param": param, "sign": sign})
            }
        };
        let url =
            order.callback_url.clone().or_else(|| sandbox.setting(super::ID, "callback_url").map(str::to_string))?;
        Some(OutgoingCallback {
            url,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        })
    }

    /// PayCools documents no retry policy: this modest schedule is the sandbox's own choice.
    fn retry_delays(&self) -> Vec<Duration> {
        [60, 300, 900, 3600, 21600].iter().map(|s| Duration::from_secs(*s)).collect()
    }

    /// Any 2xx ends the delivery (the reply body is not documented as checked).
    fn judge(&self, status: u16, _body: &[u8]) -> DeliveryOutcome {
        if (200..300).contains(&status) { DeliveryOutcome::Accepted } else { DeliveryOutcome::Retry }
    }
}

fn platform_sign(message: &[u8]) -> Vec<u8> {
    static KEY: OnceLock<crypto::PrivateKey> = OnceLock::new();
    let key = KEY.get_or_init(|| crypto::parse_private_key(PLATFORM_PRIVATE_KEY).expect("the committed key parses"));
    // The committed 2048-bit key always signs; an empty signature would fail verification.
    crypto::rsa_sha256_sign(key, message).unwrap_or_default()
}

fn merchant_key() -> &'static crypto::PublicKey {
    static KEY: OnceLock<crypto::PublicKey> = OnceLock::new();
    KEY.get_or_init(|| crypto::parse_public_key(MERCHANT_PUBLIC_KEY).expect("the committed merchant key parses"))
}

/// Flat callbacks: non-empty fields except `sign`, sorted by key, `k=v` joined with `&`.
fn joined_fields(f: &Map<String, Value>) -> String {
    let mut keys: Vec<&String> = f.keys().filter(|k| *k != "sign").collect();
    keys.sort();
    let mut parts = Vec::new();
    for k in keys {
        match &f[k] {
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            Value::String(s) => parts.push(format!("{k}={s}")),
            v => parts.push(format!("{k}={v}")),
        }
    }
    parts.join("&")
}

fn centavos(amount: Decimal) -> i64 {
    (amount * Decimal::from(100)).round().to_i64().unwrap_or_default()
}

fn pht_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("offset")
}

fn pht(t: DateTime<Utc>) -> String {
    t.with_timezone(&pht_offset()).format("%Y-%m-%d %H:%M:%S").to_string()
}

fn answer(code: u32, message: &str) -> Response {
    axum::Json(json!({"code": code, "message": message})).into_response()
}

fn short_code(checkout_id: &str) -> String {
    let mut n: u64 = checkout_id.trim_start_matches("CH").parse().unwrap_or_default();
    let mut out = Vec::new();
    while n > 0 {
        out.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn checkout_id_of(code: &str) -> Option<String> {
    let mut n: u64 = 0;
    for b in code.bytes() {
        let digit = BASE62.iter().position(|c| *c == b)? as u64;
        n = n.checked_mul(62)?.checked_add(digit)?;
    }
    Some(format!("CH{n}"))
}

/// Checks appId and `sign` as PayCools does, in the merchant's configured mode, and returns `param`.
/// A refusal is PayCools' code and message.
fn authenticate(sb: &Sandbox, body: &[u8]) -> Result<Map<String, Value>, (u32, &'static str)> {
    let Ok(Value::Object(envelope)) = serde_json::from_slice::<Value>(body) else {
        return Err((1009, "param error: the body is not a JSON object"));
    };
    if envelope.get("appId").and_then(Value::as_str) != Some(APP_ID) {
        return Err((1001, "appId is invalid"));
    }
    let Some(param) = envelope.get("param").and_then(Value::as_str) else {
        return Err((1009, "param error: param is required"));
    };
    let signed = match sb.setting(super::ID, "sign_mode").unwrap_or("envelope_sorted") {
        "param_only" => param.to_string(),
        _ => {
            let mut parts: Vec<(String, String)> = envelope
                .iter()
                .filter(|(k, _)| k.as_str() != "sign")
                .filter_map(|(k, v)| match v {
                    Value::String(s) if s.is_empty() => None,
                    Value::String(s) => Some((k.clone(), s.clone())),
                    Value::Null => None,
                    other => Some((k.clone(), other.to_string())),
                })
                .collect();
            parts.sort();
            parts.into_iter().map(|(k, v)| k + "=" + &v).collect::<Vec<_>>().join("&")
        }
    };
    let sign = envelope.get("sign").and_then(Value::as_str).unwrap_or_default();
    let good = B64.decode(sign).is_ok_and(|sig| crypto::rsa_sha256_verify(merchant_key(), signed.as_bytes(), &sig));
    if !good {
        return Err((1003, "request sign is invalid"));
    }
    match serde_json::from_str::<Value>(param) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err((1009, "param error: param is not a JSON object")),
    }
}

fn order_id_ok(id: &str) -> bool {
    (10..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn bad(field: &str) -> Response {
    answer(1009, &format!("param error: {field} is invalid"))
}

fn url_ok(v: Option<&Value>, max: usize) -> bool {
    match v {
        None => true,
        Some(Value::String(s)) => (s.starts_with("http://") || s.starts_with("https://")) && s.len() <= max,
        _ => false,
    }
}

async fn create(State(sb): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let p = match authenticate(&sb, &body) {
        Ok(p) => p,
        Err((code, message)) => return answer(code, message),
    };
    let Some(mch) = p.get("mchOrderId").and_then(Value::as_str).filter(|m| order_id_ok(m)) else {
        return bad("mchOrderId");
    };
    if p.get("currency").is_some_and(|c| c.as_str() != Some("PHP")) {
        return bad("currency");
    }
    let Some(amount) = p.get("amount").and_then(Value::as_i64).filter(|a| *a > 0) else {
        return bad("amount");
    };
    if p.get("timestamp").and_then(Value::as_i64).is_none() {
        return bad("timestamp");
    }
    // The PH checkout page marks these mandatory: a create without one is a parameter error.
    for field in ["customer", "items", "callbackUrl", "redirectUrl"] {
        if p.get(field).is_none_or(Value::is_null) {
            return answer(1009, &format!("param error: {field} is required"));
        }
    }
    if let Some(mobile) = p.get("customer").and_then(|c| c.get("mobile"))
        && !mobile.as_str().is_some_and(|m| (11..=14).contains(&m.len()))
    {
        return bad("customer.mobile");
    }
    if let Some(items) = p.get("items") {
        let total: Option<i64> = items.as_array().and_then(|list| {
            list.iter().try_fold(0i64, |acc, i| {
                acc.checked_add(i.get("amount")?.as_i64()?.checked_mul(i.get("quantity")?.as_i64()?)?)
            })
        });
        if total != Some(amount) {
            return bad("items");
        }
    }
    if !url_ok(p.get("callbackUrl"), 256) {
        return bad("callbackUrl");
    }
    if !url_ok(p.get("redirectUrl"), 512) {
        return bad("redirectUrl");
    }
    let now = Utc::now();
    let expires_at = match p.get("expireTime") {
        None => now + chrono::Duration::hours(1),
        Some(v) => {
            let parsed = v
                .as_str()
                .and_then(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok())
                .and_then(|n| pht_offset().from_local_datetime(&n).single())
                .map(|t| t.with_timezone(&Utc));
            match parsed {
                Some(t) if t > now && t <= now + chrono::Duration::days(1) + chrono::Duration::minutes(1) => t,
                _ => return bad("expireTime"),
            }
        }
    };
    let checkout_id = format!("CH1{:018}", rand::random_range(0..1_000_000_000_000_000_000u64));
    let product =
        p.get("items").and_then(|i| i.pointer("/0/name")).and_then(Value::as_str).unwrap_or("PayCools checkout");
    let order = Order {
        provider: super::ID.into(),
        id: checkout_id.clone(),
        merchant_order_id: Some(mch.to_string()),
        amount: Decimal::new(amount, 2),
        currency: "PHP".into(),
        state: OrderState::Pending,
        channel: None,
        fee: None,
        rrn: None,
        created_at: now,
        updated_at: now,
        paid_at: None,
        expires_at,
        callback_url: p.get("callbackUrl").and_then(Value::as_str).map(str::to_string),
        page_path: format!("/p/{}", short_code(&checkout_id)),
        data: json!({"product": product, "redirectUrl": p.get("redirectUrl")}),
    };
    let Ok(order) = sb.store.insert(order) else {
        return answer(1012, "mchOrderId is repeated");
    };
    axum::Json(json!({
        "code": 1000,
        "message": "success",
        "data": {"redirectUrl": sb.url(&order.page_path), "transactionStatus": "PENDING", "checkoutId": order.id}
    }))
    .into_response()
}

async fn state(State(sb): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let p = match authenticate(&sb, &body) {
        Ok(p) => p,
        Err((code, message)) => return answer(code, message),
    };
    let Some(mch) = p.get("mchOrderId").and_then(Value::as_str) else {
        return bad("mchOrderId");
    };
    let Some(order) = sb.store.find_by_merchant_id(super::ID, mch) else {
        return answer(1008, "order not found");
    };
    sb.log_query(&order);
    let word = match order.state {
        OrderState::Pending => "PENDING",
        OrderState::Paid => "COMPLETED",
        OrderState::Failed => "FAILED",
        OrderState::Expired => "CLOSED",
    };
    let settled = order.state != OrderState::Pending;
    axum::Json(json!({
        "code": 1000,
        "message": "success",
        "data": {
            "mchOrderId": order.merchant_order_id,
            "checkoutId": order.id,
            "amount": centavos(order.amount),
            "currency": order.currency,
            "transactionStatus": word,
            "createTime": pht(order.created_at),
            "returnTime": if settled { json!(pht(order.paid_at.unwrap_or(order.updated_at))) } else { Value::Null },
            "channelCode": order.channel,
        }
    }))
    .into_response()
}

async fn page(State(sb): State<Arc<Sandbox>>, Path(code): Path<String>) -> Response {
    match checkout_id_of(&code) {
        Some(id) => sb.page(super::ID, &id),
        None => sb.page(super::ID, ""),
    }
}

#[cfg(test)]
#[path = "sandbox_tests.rs"]
mod tests;
