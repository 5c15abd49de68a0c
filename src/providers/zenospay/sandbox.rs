//! Zenospay as the sandbox emulates it. Written from docs/providers/zenospay.md, independently of the client:
//! the request check and the callback signature below build their own strings to sign.
//!
//! Merchant settings (`paycli sandbox --set zenospay.KEY=VALUE`):
//! - `callback_url`: the URL "registered at onboarding" for the sandbox merchant. Unset: no callbacks.

use crate::crypto;
use crate::sandbox::{DeliveryOutcome, Order, OrderState, OutgoingCallback, Sandbox, SandboxProvider, str_field};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration as ChronoDuration, FixedOffset, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The sandbox merchant's published test credentials (see keys/README.md).
pub const PARTNER_ID: &str = "9dbf86be-f9e9-4000-8b39-fdd5a841fce1";
pub const MERCHANT_PRIVATE_KEY: &str = include_str!("keys/sandbox-merchant.pem");
pub const PROVIDER_PUBLIC_KEY: &str = include_str!("keys/sandbox-provider.pub.pem");
/// What the sandbox itself holds: the merchant's registered public key and its own signing key.
const MERCHANT_PUBLIC_KEY: &str = include_str!("keys/sandbox-merchant.pub.pem");
const PROVIDER_PRIVATE_KEY: &str = include_str!("keys/sandbox-provider.pem");
/// How far a request's X-TIMESTAMP may be from the sandbox clock.
const MAX_SKEW_MINUTES: i64 = 5;

fn merchant_key() -> &'static crypto::PublicKey {
    static KEY: OnceLock<crypto::PublicKey> = OnceLock::new();
    KEY.get_or_init(|| crypto::parse_public_key(MERCHANT_PUBLIC_KEY).expect("committed sandbox key parses"))
}

fn provider_key() -> &'static crypto::PrivateKey {
    static KEY: OnceLock<crypto::PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| crypto::parse_private_key(PROVIDER_PRIVATE_KEY).expect("committed sandbox key parses"))
}

pub struct ZenospaySandbox;

impl SandboxProvider for ZenospaySandbox {
    fn settings(&self) -> &'static [crate::settings::Setting] {
        use crate::settings::{Setting, SettingKind};
        const SETTINGS: &[Setting] =
            &[Setting::new("callback_url", SettingKind::Url, "the URL registered at onboarding; unset: no callbacks")];
        SETTINGS
    }

    fn id(&self) -> &'static str {
        super::ID
    }

    fn routes(&self) -> Router<Arc<Sandbox>> {
        Router::new()
            .route("/api/checkout", post(create))
            .route("/api/check/transaction", post(check))
            .route("/checkout/{id}", get(page))
    }

    fn channels(&self) -> &'static [&'static str] {
        &["QRIS", "BCA", "BNI", "MANDIRI"]
    }

    /// The sandbox's tariff: QRIS 0.7% of the amount, bank transfers a flat 4,000 IDR.
    fn on_paid(&self, order: &mut Order) {
        let (rate, fee) = match order.channel.as_deref() {
            Some("QRIS") => (Decimal::new(7, 1), (order.amount * Decimal::new(7, 3)).round()),
            _ => (Decimal::ZERO, Decimal::from(4000).min(order.amount)),
        };
        order.fee = Some(fee);
        order.rrn = Some((0..12).map(|_| char::from(b'0' + rand::random_range(0..10u8))).collect());
        if let Value::Object(m) = &mut order.data {
            m.insert("service_fee_rate".into(), json!(rate.normalize().to_string()));
        }
    }

    /// Zenospay calls back only for completed payments, to the merchant's registered URL.
    fn callback(&self, sandbox: &Sandbox, order: &Order) -> Option<OutgoingCallback> {
        if order.state != OrderState::Paid {
            return None;
        }
        let url = sandbox.setting(super::ID, "callback_url")?.to_string();
        // SNAP signs the registered URL's path with its query string.
        let parsed = reqwest::Url::parse(&url).ok()?;
        let path = match parsed.query() {
            Some(q) => format!("{}?{q}", parsed.path()),
            None => parsed.path().to_string(),
        };
        let fee = order.fee.unwrap_or_default();
        let body = json!({
            "transaction_id": order.id,
            "merchant_transaction_id": order.merchant_order_id,
            "created_at": zenos_time(order.created_at),
            "amount": format!("{:.2}", order.amount),
            "currency": order.currency,
            "channel": order.channel,
            "service_fee_rate": rate(order).to_f64().unwrap_or_default(),
            "service_fee_amount": fee.to_i64().unwrap_or_default(),
            "nett_amount": (order.amount - fee).to_i64().unwrap_or_default(),
            "rrn": order.rrn,
            "customer_info": {
                "customer_name": order.data.get("customer_name"),
                "product_name": order.data.get("product"),
            },
        });
        let body = serde_json::to_vec(&body).expect("serializable");
        let ts = Utc::now()
            .with_timezone(&FixedOffset::east_opt(7 * 3600).expect("offset"))
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string();
        let signed = format!("POST:{path}:{}:{ts}", hex::encode(Sha256::digest(&body)));
        let signature = crypto::b64_encode(&crypto::rsa_sha256_sign(provider_key(), signed.as_bytes()).ok()?);
        Some(OutgoingCallback {
            url,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("X-TIMESTAMP".into(), ts),
                ("X-PARTNER-ID".into(), PARTNER_ID.into()),
                ("X-SIGNATURE".into(), signature),
            ],
            body,
        })
    }

    /// Zenospay documents that 5xx is retried but not when; 1m, 5m, 15m, 1h is the sandbox's choice.
    fn retry_delays(&self) -> Vec<Duration> {
        [1, 5, 15, 60].iter().map(|m| Duration::from_secs(m * 60)).collect()
    }

    fn judge(&self, status: u16, _body: &[u8]) -> DeliveryOutcome {
        match status {
            200..=299 => DeliveryOutcome::Accepted,
            400..=499 => DeliveryOutcome::GiveUp,
            _ => DeliveryOutcome::Retry,
        }
    }
}

fn rate(order: &Order) -> Decimal {
    order.data.get("service_fee_rate").and_then(crate::money::amount_from_json).unwrap_or_default()
}

/// Zenospay's own timestamps: `2024-12-18T16:21:07.000000Z`.
fn zenos_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"status": false, "message": message}))).into_response()
}

/// The SNAP check: partner id, timestamp freshness, then RSA-SHA256 over
/// `POST:<path>:<sha256hex(body)>:<X-TIMESTAMP>` with the merchant's registered public key.
fn authenticate(
    headers: &HeaderMap,
    uri: &Uri,
    body: &Bytes,
) -> Result<Map<String, Value>, (StatusCode, &'static str)> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim).unwrap_or("");
    let unauthorized = |m: &'static str| (StatusCode::UNAUTHORIZED, m);
    let partner = header("X-PARTNER-ID");
    if partner.is_empty() {
        return Err(unauthorized("X-PARTNER-ID header is required"));
    }
    if partner != PARTNER_ID {
        return Err(unauthorized("Unknown partner id"));
    }
    let ts = header("X-TIMESTAMP");
    let Ok(sent_at) = DateTime::parse_from_rfc3339(ts) else {
        return Err(unauthorized("X-TIMESTAMP must be ISO 8601 with an offset"));
    };
    if (Utc::now() - sent_at.with_timezone(&Utc)).abs() > ChronoDuration::minutes(MAX_SKEW_MINUTES) {
        return Err(unauthorized("X-TIMESTAMP is outside the allowed window of 5 minutes"));
    }
    let signed = format!("POST:{}:{}:{ts}", uri.path(), hex::encode(Sha256::digest(body)));
    let valid = crypto::b64_decode(header("X-SIGNATURE"))
        .is_some_and(|sig| crypto::rsa_sha256_verify(merchant_key(), signed.as_bytes(), &sig));
    if !valid {
        return Err(unauthorized("Invalid signature"));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err((StatusCode::BAD_REQUEST, "The request body must be a JSON object")),
    }
}

fn valid_name(v: &str) -> bool {
    (5..=25).contains(&v.chars().count()) && v.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

async fn create(State(sb): State<Arc<Sandbox>>, headers: HeaderMap, uri: Uri, body: Bytes) -> Response {
    let m = match authenticate(&headers, &uri, &body) {
        Ok(m) => m,
        Err((status, message)) => return refuse(status, message),
    };
    let invalid = |msg: &str| refuse(StatusCode::UNPROCESSABLE_ENTITY, msg);
    let Some(merchant_id) = str_field(&m, "merchant_transaction_id") else {
        return invalid("The merchant transaction id field is required.");
    };
    let amount_text = str_field(&m, "amount").unwrap_or_default();
    if amount_text.is_empty() || amount_text.len() > 12 || !amount_text.bytes().all(|b| b.is_ascii_digit()) {
        return invalid("The amount field must be a string of 1 to 12 digits.");
    }
    let amount = Decimal::from(amount_text.parse::<i64>().unwrap_or_default());
    if amount.is_zero() {
        return invalid("The amount field must be at least 1.");
    }
    if str_field(&m, "currency") != Some("IDR") {
        return invalid("The selected currency is invalid.");
    }
    let customer = str_field(&m, "customer_name").unwrap_or_default();
    if !valid_name(customer) {
        return invalid("The customer name field must be 5-25 characters of letters, digits, spaces or dashes.");
    }
    let product = str_field(&m, "product_name").unwrap_or_default();
    if !valid_name(product) {
        return invalid("The product name field must be 5-25 characters of letters, digits, spaces or dashes.");
    }
    let description = str_field(&m, "description").unwrap_or_default().to_string();
    let now = Utc::now();
    let id = uuid::Uuid::new_v4().to_string();
    let order = Order {
        provider: super::ID.into(),
        id: id.clone(),
        merchant_order_id: Some(merchant_id.to_string()),
        amount,
        currency: "IDR".into(),
        state: OrderState::Pending,
        channel: None,
        fee: None,
        rrn: None,
        created_at: now,
        updated_at: now,
        paid_at: None,
        expires_at: now + ChronoDuration::hours(24),
        callback_url: sb.setting(super::ID, "callback_url").map(str::to_string),
        page_path: format!("/checkout/{id}"),
        data: json!({"product": product, "customer_name": customer, "description": description}),
    };
    if sb.store.insert(order).is_err() {
        return invalid("The merchant transaction id has already been taken.");
    }
    let details = json!({"customer_name": customer, "product_name": product}).to_string();
    axum::Json(json!({
        "transaction_id": id,
        "client_id": PARTNER_ID,
        "amount": amount_text,
        "currency": "IDR",
        "description": description,
        "customer_details": details,
        "checkout_url": sb.url(&format!("/checkout/{id}")),
    }))
    .into_response()
}

async fn check(State(sb): State<Arc<Sandbox>>, headers: HeaderMap, uri: Uri, body: Bytes) -> Response {
    let m = match authenticate(&headers, &uri, &body) {
        Ok(m) => m,
        Err((status, message)) => return refuse(status, message),
    };
    let Some(merchant_id) = str_field(&m, "merchant_transaction_id") else {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, "The merchant transaction id field is required.");
    };
    // The RRN is searched first when given.
    let order = match str_field(&m, "rrn") {
        Some(rrn) => sb
            .store
            .all()
            .into_iter()
            .find(|o| o.provider == super::ID && o.rrn.as_deref() == Some(rrn))
            .and_then(|o| sb.store.get(super::ID, &o.id)),
        None => sb.store.find_by_merchant_id(super::ID, merchant_id),
    };
    // The documented failure shape, HTTP 200 (no 404 is documented for an unknown transaction).
    let Some(order) = order else {
        return (
            StatusCode::OK,
            axum::Json(json!({"status": false, "data": null, "message": "Transaction does not exist"})),
        )
            .into_response();
    };
    sb.log_query(&order);
    let word = match order.state {
        OrderState::Pending => "Pending",
        OrderState::Paid => "Success",
        OrderState::Failed | OrderState::Expired => "Fail",
    };
    let paid = order.state == OrderState::Paid;
    let fee = order.fee.unwrap_or_default();
    let money = |d: Decimal| if paid { json!(d.to_string()) } else { json!("0") };
    axum::Json(json!({
        "status": true,
        "data": {
            "status": word,
            "transaction_id": order.id,
            "created_at": zenos_time(order.created_at),
            "updated_at": zenos_time(order.updated_at),
            "merchant_transaction_id": order.merchant_order_id,
            "amount": format!("{:.2}", order.amount),
            "channel": order.channel,
            "service_fee_rate": money(rate(&order)),
            "service_fee_amount": "0",
            "service_fee_final": money(fee),
            "nett_amount": money(order.amount - fee),
            "rrn": order.rrn,
        }
    }))
    .into_response()
}

async fn page(State(sb): State<Arc<Sandbox>>, Path(id): Path<String>) -> Response {
    sb.page(super::ID, &id)
}
