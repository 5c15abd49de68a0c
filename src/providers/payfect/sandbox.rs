//! Payfect as the sandbox emulates it, written from docs/providers/payfect.md, independently of
//! the client: its own request validation (Django REST field maps), its own checkout object, and
//! callbacks whose Fernet token is made with the `fernet` crate from the provider's side.

use crate::sandbox::{DeliveryOutcome, Order, OrderState, OutgoingCallback, Sandbox, SandboxProvider};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};
use std::sync::Arc;
use std::time::Duration;

/// The sandbox merchant's published test credentials.
pub const API_KEY: &str = "5a31f3a4-279c-11ee-be56-0242ac120002";
/// url-safe base64 of the 32 bytes `paycli-sandbox-payfect-webhook!!`: a valid Fernet key.
pub const WEBHOOK_SECRET: &str = "cGF5Y2xpLXNhbmRib3gtcGF5ZmVjdC13ZWJob29rISE=";
const MERCHANT_ID: &str = "bf065cc8-343d-4419-be7d-ed2190f1df4d";
const MERCHANT_NAME: &str = "paycli sandbox merchant";
const REQUIRED: &str = "This field is required.";

pub struct PayfectSandbox;

impl SandboxProvider for PayfectSandbox {
    fn settings(&self) -> &'static [crate::settings::Setting] {
        use crate::settings::{Setting, SettingKind};
        const SETTINGS: &[Setting] = &[
            Setting::new("callback_url", SettingKind::Url, "where callbacks go for checkouts created without one"),
            Setting::new(
                "callback_id",
                SettingKind::Choice(&["checkout", "payment"]),
                "which id a callback's `id` carries",
            ),
        ];
        SETTINGS
    }

    fn id(&self) -> &'static str {
        super::ID
    }

    fn routes(&self) -> Router<Arc<Sandbox>> {
        Router::new()
            .route("/api/v1/checkouts/", post(create))
            .route("/api/v1/checkouts/{id}/", get(retrieve))
            .route("/checkouts/{id}", get(page))
    }

    fn channels(&self) -> &'static [&'static str] {
        &["USDT (TRC20)"]
    }

    fn callback(&self, sandbox: &Sandbox, order: &Order) -> Option<OutgoingCallback> {
        // Payfect notifies successes only.
        if order.state != OrderState::Paid {
            return None;
        }
        // The payload is shaped like a charge, so its `id` may be the payment's rather than the
        // checkout's (docs/providers/payfect.md): `--set payfect.callback_id=payment` sends that reading.
        let id = match sandbox.setting(super::ID, "callback_id") {
            Some("payment") => payment_id(order),
            _ => order.id.clone(),
        };
        let body = json!({
            "id": id,
            "amount": amount_text(order.amount),
            "status": "succeeded",
            "currency": "usdt",
            "merchant": MERCHANT_ID,
            "is_livemode": false,
            "payment_intent": order.data.get("paymentIntent"),
            "payment_method": {
                "id": order.data.get("paymentMethodId"),
                "payment_method_detail": {"network": order.data.get("network").and_then(Value::as_str).unwrap_or("tron"), "currency": "usdt"},
            },
            "client_reference_id": order.merchant_order_id,
        });
        let bytes = serde_json::to_vec(&body).expect("serializable");
        // The token holds the same object in another layout: receivers must compare parsed JSON.
        let signed = serde_json::to_vec_pretty(&body).expect("serializable");
        let token = fernet::Fernet::new(WEBHOOK_SECRET).expect("the sandbox key is a Fernet key").encrypt(&signed);
        Some(OutgoingCallback {
            url: order.callback_url.clone()?,
            headers: vec![("Content-Type".into(), "application/json".into()), ("X-Payfect-Signature".into(), token)],
            body: bytes,
        })
    }

    /// "One POST after success": no retries.
    fn retry_delays(&self) -> Vec<Duration> {
        Vec::new()
    }

    fn judge(&self, status: u16, _body: &[u8]) -> DeliveryOutcome {
        if (200..300).contains(&status) { DeliveryOutcome::Accepted } else { DeliveryOutcome::GiveUp }
    }
}

/// Payfect shows at least two decimals ("20.00").
fn amount_text(amount: Decimal) -> String {
    let n = amount.normalize();
    let mut d = n;
    d.rescale(n.scale().max(2));
    d.to_string()
}

fn epoch_seconds(t: DateTime<Utc>) -> String {
    format!("{}.{:06}", t.timestamp(), t.timestamp_subsec_micros())
}

fn refuse(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// Django REST's answers for a missing or wrong key: the `detail` text of the 401.
fn authenticate(headers: &HeaderMap) -> Result<(), &'static str> {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    match auth.strip_prefix("Api-Key ") {
        None => Err("Authentication credentials were not provided."),
        Some(key) if key.trim() == API_KEY => Ok(()),
        Some(_) => Err("Invalid API key."),
    }
}

fn field_errors(messages: &[&str]) -> Value {
    json!(messages)
}

fn choice(field: Option<&Value>, allowed: &str) -> Option<Value> {
    match field {
        None | Some(Value::Null) => Some(field_errors(&[REQUIRED])),
        Some(Value::String(s)) if s == allowed => None,
        Some(other) => {
            let shown = other.as_str().map_or_else(|| other.to_string(), str::to_string);
            Some(json!([format!("\"{shown}\" is not a valid choice.")]))
        }
    }
}

fn decimal(v: Option<&Value>) -> Result<Decimal, Value> {
    let text = match v {
        None | Some(Value::Null) => return Err(field_errors(&[REQUIRED])),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(field_errors(&["A valid number is required."])),
    };
    // Exact or refused, as paycli itself reads amounts: the emulator must not round either.
    let d = crate::money::exact_decimal(&text).map_err(|_| field_errors(&["A valid number is required."]))?;
    if d <= Decimal::ZERO {
        return Err(field_errors(&["Ensure this value is greater than 0."]));
    }
    if d.normalize().scale() > 6 {
        return Err(field_errors(&["Ensure that there are no more than 6 decimal places."]));
    }
    Ok(d)
}

struct Item {
    name: String,
    quantity: u32,
    unit: Decimal,
}

/// One invoice item, or its field map of errors.
fn item(v: &Value) -> Result<Item, Value> {
    let mut errors = Map::new();
    let quantity = match v.get("quantity") {
        None | Some(Value::Null) => {
            errors.insert("quantity".into(), field_errors(&[REQUIRED]));
            0
        }
        Some(q) => match q.as_u64().and_then(|q| u32::try_from(q).ok()) {
            Some(q) if q >= 1 => q,
            Some(_) => {
                errors.insert("quantity".into(), field_errors(&["Ensure this value is greater than or equal to 1."]));
                0
            }
            None => {
                errors.insert("quantity".into(), field_errors(&["A valid integer is required."]));
                0
            }
        },
    };
    let mut price_errors = Map::new();
    let price = v.get("price_data");
    if let Some(e) = choice(price.and_then(|p| p.get("currency")), "usdt") {
        price_errors.insert("currency".into(), e);
    }
    let unit =
        decimal(price.and_then(|p| p.get("unit_amount"))).map_err(|e| price_errors.insert("unit_amount".into(), e));
    let name = price.and_then(|p| p.get("product_data")).and_then(|p| p.get("name")).and_then(Value::as_str);
    if name.is_none_or(|n| n.trim().is_empty()) {
        price_errors.insert("product_data".into(), json!({"name": [REQUIRED]}));
    }
    if price.is_none() {
        errors.insert("price_data".into(), field_errors(&[REQUIRED]));
    } else if !price_errors.is_empty() {
        errors.insert("price_data".into(), Value::Object(price_errors));
    }
    match unit {
        Ok(unit) if errors.is_empty() => Ok(Item { name: name.unwrap_or_default().to_string(), quantity, unit }),
        _ => Err(Value::Object(errors)),
    }
}

fn url_field(m: &Map<String, Value>, name: &str, errors: &mut Map<String, Value>) -> Option<String> {
    match m.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if reqwest::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) => {
            Some(s.clone())
        }
        Some(_) => {
            errors.insert(name.into(), field_errors(&["Enter a valid URL."]));
            None
        }
    }
}

async fn create(State(sb): State<Arc<Sandbox>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(detail) = authenticate(&headers) {
        return refuse(StatusCode::UNAUTHORIZED, json!({ "detail": detail }));
    }
    let m = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(m)) => m,
        Ok(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                json!({"non_field_errors": ["Invalid data. Expected a dictionary."]}),
            );
        }
        Err(e) => return refuse(StatusCode::BAD_REQUEST, json!({"detail": format!("JSON parse error - {e}")})),
    };
    let mut errors = Map::new();
    if let Some(e) = choice(m.get("currency"), "usdt") {
        errors.insert("currency".into(), e);
    }
    let mut items = Vec::new();
    match m.get("invoice_items") {
        Some(Value::Array(list)) if !list.is_empty() => {
            let results: Vec<Result<Item, Value>> = list.iter().map(item).collect();
            if results.iter().any(Result::is_err) {
                let shown = results.iter().map(|r| r.as_ref().err().cloned().unwrap_or_else(|| json!({}))).collect();
                errors.insert("invoice_items".into(), Value::Array(shown));
            }
            items = results.into_iter().filter_map(Result::ok).collect();
        }
        Some(Value::Array(_)) => {
            errors.insert("invoice_items".into(), field_errors(&["This list may not be empty."]));
        }
        None | Some(Value::Null) => {
            errors.insert("invoice_items".into(), field_errors(&[REQUIRED]));
        }
        Some(_) => {
            errors.insert("invoice_items".into(), field_errors(&["Expected a list of items."]));
        }
    }
    let success_url = url_field(&m, "success_url", &mut errors);
    let cancel_url = url_field(&m, "cancel_url", &mut errors);
    let callback_url = url_field(&m, "callback_url", &mut errors);
    let mut network = "tron".to_string();
    if let Some(pm) = m.get("payment_method_data").filter(|v| !v.is_null()) {
        let mut pm_errors = Map::new();
        if let Some(e) = choice(pm.get("type"), "cryptopaymentmethoddetail") {
            pm_errors.insert("type".into(), e);
        }
        let detail = pm.get("paymentMethodDetail");
        let mut detail_errors = Map::new();
        // The sandbox merchant has USDT on Tron only.
        for (field, allowed) in [("currency", "usdt"), ("network", "tron")] {
            if let Some(e) = choice(detail.and_then(|d| d.get(field)), allowed) {
                detail_errors.insert(field.into(), e);
            }
        }
        if detail.is_some() && !detail_errors.is_empty() {
            pm_errors.insert("paymentMethodDetail".into(), Value::Object(detail_errors));
        }
        if !pm_errors.is_empty() {
            errors.insert("payment_method_data".into(), Value::Object(pm_errors));
        }
        if let Some(n) = detail.and_then(|d| d.get("network")).and_then(Value::as_str) {
            network = n.to_string();
        }
    }
    let reference = match m.get("client_reference_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.insert("client_reference_id".into(), field_errors(&["Not a valid string."]));
            None
        }
    };
    if !errors.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, Value::Object(errors));
    }
    let total: Decimal = items.iter().map(|i| i.unit * Decimal::from(i.quantity)).sum();
    let lines: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "id": uuid::Uuid::new_v4().to_string(),
                "price": uuid::Uuid::new_v4().to_string(),
                "quantity": i.quantity,
                "amount": amount_text(i.unit * Decimal::from(i.quantity)),
            })
        })
        .collect();
    let now = Utc::now();
    let id = uuid::Uuid::new_v4().to_string();
    let order = Order {
        provider: super::ID.into(),
        id: id.clone(),
        merchant_order_id: reference,
        amount: total.normalize(),
        currency: "usdt".into(),
        state: OrderState::Pending,
        channel: None,
        fee: None,
        rrn: None,
        created_at: now,
        updated_at: now,
        paid_at: None,
        // "Checkouts last about 24 h."
        expires_at: now + ChronoDuration::hours(24),
        callback_url: callback_url.or_else(|| sb.setting(super::ID, "callback_url").map(str::to_string)),
        page_path: format!("/checkouts/{id}"),
        data: json!({
            "product": items.first().map(|i| i.name.clone()),
            "invoiceItems": lines,
            "successUrl": success_url,
            "cancelUrl": cancel_url,
            "paymentIntent": uuid::Uuid::new_v4().to_string(),
            "paymentMethodId": uuid::Uuid::new_v4().to_string(),
            "network": network,
        }),
    };
    let Ok(order) = sb.store.insert(order) else {
        // The sandbox keeps one checkout per client_reference_id so that it can be found again.
        return refuse(
            StatusCode::BAD_REQUEST,
            json!({"client_reference_id": ["checkout with this client reference id already exists."]}),
        );
    };
    (StatusCode::CREATED, axum::Json(checkout_object(&sb, &order))).into_response()
}

/// The checkout object of Payfect's API page (docs/providers/payfect.md; camelCase, times in the mixed formats Payfect uses).
fn checkout_object(sb: &Sandbox, order: &Order) -> Value {
    let status = match order.state {
        OrderState::Pending => "open",
        OrderState::Paid => "complete",
        // Payfect has no failed checkout: one that is not paid ends expired.
        OrderState::Failed | OrderState::Expired => "expired",
    };
    let d = &order.data;
    json!({
        "id": order.id,
        "merchant": {"id": MERCHANT_ID, "name": MERCHANT_NAME},
        "nameCollection": false,
        "emailCollection": false,
        "phoneNumberCollection": false,
        "shippingAddressCollection": null,
        "invoiceItems": d.get("invoiceItems"),
        "amountTotal": amount_text(order.amount),
        "status": status,
        "createdAt": epoch_seconds(order.created_at),
        "updatedAt": epoch_seconds(order.updated_at),
        "clientReferenceId": order.merchant_order_id,
        "currency": "usdt",
        "successUrl": d.get("successUrl"),
        "cancelUrl": d.get("cancelUrl"),
        "expiresAt": order.expires_at.timestamp_millis().to_string(),
        "paymentIntent": d.get("paymentIntent"),
        "paymentMethodTypes": ["crypto"],
        "paymentMethodOptions": {
            "crypto": [{
                "currency": {"value": "usdt", "name": "Tether", "logo": "/static/images/cryptos/usdt.png"},
                "networks": [{"value": "tron", "name": "Tron (TRC20)"}],
            }],
            "card": null,
        },
        "url": sb.url(&order.page_path),
        "metadata": null,
        "isLivemode": false,
    })
}

async fn retrieve(State(sb): State<Arc<Sandbox>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(detail) = authenticate(&headers) {
        return refuse(StatusCode::UNAUTHORIZED, json!({ "detail": detail }));
    }
    match sb.store.get(super::ID, &id) {
        Some(order) => {
            sb.log_query(&order);
            axum::Json(checkout_object(&sb, &order)).into_response()
        }
        None => refuse(StatusCode::NOT_FOUND, json!({"detail": "Not found."})),
    }
}

async fn page(State(sb): State<Arc<Sandbox>>, Path(id): Path<String>) -> Response {
    sb.page(super::ID, &id)
}

/// A payment id for the order, unlike any checkout id (`GET /checkouts/<it>/` is 404).
fn payment_id(order: &Order) -> String {
    format!("py_{}", order.id.replace('-', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_secret_is_a_fernet_key_and_amounts_show_two_decimals() {
        assert!(fernet::Fernet::new(WEBHOOK_SECRET).is_some());
        assert_eq!(amount_text(Decimal::new(205, 1)), "20.50");
        assert_eq!(amount_text(Decimal::new(20, 0)), "20.00");
        assert_eq!(amount_text(Decimal::new(20123456, 6)), "20.123456");
    }

    #[test]
    fn invalid_items_get_field_maps() {
        let e = item(&json!({"quantity": 0, "price_data": {"currency": "cny", "unit_amount": "x"}})).err().unwrap();
        assert_eq!(e["quantity"][0], "Ensure this value is greater than or equal to 1.");
        assert_eq!(e["price_data"]["currency"][0], "\"cny\" is not a valid choice.");
        assert_eq!(e["price_data"]["unit_amount"][0], "A valid number is required.");
        assert_eq!(e["price_data"]["product_data"]["name"][0], REQUIRED);
        let ok = item(
            &json!({"quantity": 2, "price_data": {"currency": "usdt", "unit_amount": "20.5", "product_data": {"name": "P"}}}),
        );
        assert_eq!(ok.ok().unwrap().unit, Decimal::new(205, 1));
    }
}
