//! Cashy as the sandbox emulates it. Written from docs/providers/cashy.md, independently of the client:
//! the signature check below builds its own `body + key` and shares nothing with the signer.

use crate::sandbox::{
    CallbackKey, DeliveryOutcome, Order, OrderState, OutgoingCallback, Sandbox, SandboxProvider, str_field,
};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{Duration as ChronoDuration, FixedOffset, Utc};
use md5::{Digest, Md5};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// The sandbox merchant's published test credentials.
pub const MERCHANT_ID: &str = "100001";
pub const API_KEY: &str = "cashy-sandbox-key-8d2f6b0a4c9e1735";

pub struct CashySandbox;

impl SandboxProvider for CashySandbox {
    fn settings(&self) -> &'static [crate::settings::Setting] {
        use crate::settings::{Setting, SettingKind};
        const SETTINGS: &[Setting] = &[
            Setting::new(
                "pending_status",
                SettingKind::Choice(&["PAYING", "PROCESSING"]),
                "a pending order's orderStatus",
            ),
            Setting::new("failed_status", SettingKind::Choice(&["FAIL", "CANCEL"]), "a failed order's orderStatus"),
        ];
        SETTINGS
    }

    fn id(&self) -> &'static str {
        super::ID
    }

    fn routes(&self) -> Router<Arc<Sandbox>> {
        Router::new()
            .route("/api/payDesk", post(create))
            .route("/api/payDeskQuery", post(query))
            .route("/paydesk/{order_no}", get(page))
    }

    fn channels(&self) -> &'static [&'static str] {
        &["QRIS", "BCA_VA", "BRI_VA", "OVO"]
    }

    fn on_paid(&self, order: &mut Order) {
        // 4% as in the real test callback (20000 → 800).
        order.fee = Some((order.amount * Decimal::new(4, 2)).round());
    }

    fn callback(&self, sandbox: &Sandbox, order: &Order) -> Option<OutgoingCallback> {
        signed_callback(sandbox, order, MERCHANT_ID, API_KEY)
    }

    fn callback_with_key(
        &self,
        sandbox: &Sandbox,
        order: &Order,
        key: &CallbackKey,
    ) -> crate::error::Result<OutgoingCallback> {
        let merchant = key.merchant_id.as_deref().unwrap_or(MERCHANT_ID);
        signed_callback(sandbox, order, merchant, key.secret.expose()).ok_or_else(|| {
            crate::error::Error::usage("Cashy sends callbacks only for paid or failed orders with a notify URL")
        })
    }

    fn retry_delays(&self) -> Vec<Duration> {
        [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].iter().map(|m| Duration::from_secs(m * 60)).collect()
    }

    fn judge(&self, _status: u16, body: &[u8]) -> DeliveryOutcome {
        if body.trim_ascii() == super::ACK.as_bytes() { DeliveryOutcome::Accepted } else { DeliveryOutcome::Retry }
    }
}

/// A pending order's `orderStatus`: `PAYING`, or `PROCESSING` with `--set cashy.pending_status=PROCESSING`
/// (both are pending on the query page).
fn pending_word(sb: &Sandbox) -> &'static str {
    match sb.setting(super::ID, "pending_status") {
        Some("PROCESSING") => "PROCESSING",
        _ => "PAYING",
    }
}

/// A failed order's `orderStatus`: `FAIL`, or `CANCEL` with `--set cashy.failed_status=CANCEL` (the
/// webhook page lists both).
fn failed_word(sb: &Sandbox) -> &'static str {
    match sb.setting(super::ID, "failed_status") {
        Some("CANCEL") => "CANCEL",
        _ => "FAIL",
    }
}

/// The webhook as Cashy sends it, signed MD5(body + key) for `merchant`.
fn signed_callback(sb: &Sandbox, order: &Order, merchant: &str, key: &str) -> Option<OutgoingCallback> {
    let status = match order.state {
        OrderState::Paid => "SUCCESS",
        OrderState::Failed => failed_word(sb),
        _ => return None,
    };
    // Sorted keys and float amounts, like the real webhook.
    let mut fields: BTreeMap<&str, Value> = BTreeMap::new();
    fields.insert("amount", json!(order.amount.to_f64().unwrap_or_default()));
    fields.insert("fee", json!(order.fee.unwrap_or_default().to_f64().unwrap_or_default()));
    fields.insert("mchOrderNo", json!(order.merchant_order_id));
    fields.insert("merchantId", json!(merchant));
    fields.insert("nonceStr", json!(Utc::now().timestamp_millis().to_string()));
    fields.insert("orderNo", json!(order.id));
    fields.insert("orderStatus", json!(status));
    fields.insert("payType", json!(order.channel.clone().unwrap_or_default()));
    if order.state == OrderState::Paid {
        fields.insert("completionTime", json!(wib_time(order.paid_at.unwrap_or_else(Utc::now))));
        fields.insert("payCode", json!(format!("8808{}", &order.id[order.id.len().saturating_sub(10)..])));
    }
    let body = serde_json::to_vec(&fields).expect("serializable");
    let mut signed = body.clone();
    signed.extend_from_slice(key.as_bytes());
    let sign = hex::encode(Md5::digest(&signed)).to_uppercase();
    Some(OutgoingCallback {
        url: order.callback_url.clone()?,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("MerchantId".into(), merchant.into()),
            ("Sign".into(), sign),
        ],
        body,
    })
}

fn wib_time(t: chrono::DateTime<Utc>) -> String {
    t.with_timezone(&FixedOffset::east_opt(7 * 3600).expect("offset")).format("%Y-%m-%d %H:%M:%S").to_string()
}

fn refuse(code: u16, msg: &str) -> Response {
    axum::Json(json!({"code": code, "msg": msg, "data": null})).into_response()
}

/// Checks headers and signature the way Cashy does, then parses the body.
/// On refusal, the error word Cashy answers with.
fn authenticate(headers: &HeaderMap, body: &Bytes) -> Result<serde_json::Map<String, Value>, &'static str> {
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.starts_with("application/json") {
        return Err("RequestContentType_not_json");
    }
    if body.is_empty() {
        return Err("RequestBody_is_null");
    }
    let merchant = headers.get("MerchantId").and_then(|v| v.to_str().ok()).unwrap_or("").trim();
    if merchant.is_empty() {
        return Err("MerchantId_is_null");
    }
    if !merchant.bytes().all(|b| b.is_ascii_digit()) {
        return Err("MerchantId_not_Number");
    }
    if merchant != MERCHANT_ID {
        return Err("MerchantId_is_error");
    }
    let given = headers.get("Sign").and_then(|v| v.to_str().ok()).unwrap_or("");
    let mut signed = body.to_vec();
    signed.extend_from_slice(API_KEY.as_bytes());
    let expected = hex::encode(Md5::digest(&signed));
    if !given.eq_ignore_ascii_case(&expected) {
        return Err("Sign_verify_error");
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err("Params_jsonFormat_error"),
    }
}

async fn create(State(sb): State<Arc<Sandbox>>, headers: HeaderMap, body: Bytes) -> Response {
    let m = match authenticate(&headers, &body) {
        Ok(m) => m,
        Err(word) => return refuse(400, word),
    };
    for required in ["currency", "mchOrderNo", "notifyUrl", "remark", "realName"] {
        if str_field(&m, required).is_none() {
            return refuse(400, &format!("Params_{required}_Required"));
        }
    }
    if !nonce_given(&m) {
        return refuse(400, "Params_nonceStr_Required");
    }
    for required in ["amount", "reusableStatus", "expireTime"] {
        if m.get(required).is_none_or(Value::is_null) {
            return refuse(400, &format!("Params_{required}_Required"));
        }
    }
    // realName is string(64) on the current IDN PayDesk page; the other texts string(32).
    for field in
        ["currency", "mchOrderNo", "nonceStr", "remark", "realName", "phone", "email", "goodsSubject", "goodsBody"]
    {
        let max = if field == "realName" { 64 } else { 32 };
        if str_field(&m, field).is_some_and(|v| v.chars().count() > max) {
            return refuse(400, &format!("Params_{field}_error"));
        }
    }
    if str_field(&m, "currency") != Some("IDR") {
        return refuse(400, "Params_currency_error");
    }
    let amount = match m.get("amount").and_then(Value::as_i64) {
        Some(a) if a >= 10_000 => a,
        _ => return refuse(400, "Params_amount_error"),
    };
    if m.get("reusableStatus") != Some(&Value::Bool(false)) {
        return refuse(400, "Params_reusableStatus_error");
    }
    let expire = match m.get("expireTime").and_then(Value::as_i64) {
        Some(e) if e > 0 => e,
        _ => return refuse(400, "Params_expireTime_error"),
    };
    let notify = str_field(&m, "notifyUrl").unwrap_or_default();
    if !(notify.starts_with("http://") || notify.starts_with("https://")) || notify.len() > 250 {
        return refuse(400, "Params_notifyUrl_error");
    }
    let now = Utc::now();
    let order_no = format!("PAYDESK{}{:06}", now.timestamp_millis(), rand::random_range(0..1_000_000u32));
    let order = Order {
        provider: super::ID.into(),
        id: order_no.clone(),
        merchant_order_id: str_field(&m, "mchOrderNo").map(str::to_string),
        amount: Decimal::from(amount),
        currency: "IDR".into(),
        state: OrderState::Pending,
        channel: None,
        fee: None,
        rrn: None,
        created_at: now,
        updated_at: now,
        paid_at: None,
        expires_at: now + ChronoDuration::seconds(expire),
        callback_url: Some(notify.to_string()),
        page_path: format!("/paydesk/{order_no}"),
        data: json!({"product": str_field(&m, "goodsSubject").unwrap_or("PayDesk order"), "realName": str_field(&m, "realName")}),
    };
    let Ok(order) = sb.store.insert(order) else {
        return refuse(400, "Params_mchOrderNo_error");
    };
    let url = sb.url(&order.page_path);
    axum::Json(json!({
        "msg": "SUCCESS",
        "code": 200,
        "data": {
            "merchantId": MERCHANT_ID,
            "mchOrderNo": order.merchant_order_id,
            "orderNo": order.id,
            "payUrl": url,
            "payDeskUrl": url,
            "amount": amount.to_string(),
            "expireTime": wib_time(order.expires_at),
        }
    }))
    .into_response()
}

/// `nonceStr` is there: a non-empty string, or a number (a public PHP driver sends one, and
/// Cashy's test system accepted it). Only a field that is really absent or empty is "Required".
fn nonce_given(m: &serde_json::Map<String, Value>) -> bool {
    match m.get("nonceStr") {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(_)) => true,
        _ => false,
    }
}

async fn query(State(sb): State<Arc<Sandbox>>, headers: HeaderMap, body: Bytes) -> Response {
    let m = match authenticate(&headers, &body) {
        Ok(m) => m,
        Err(word) => return refuse(400, word),
    };
    if !nonce_given(&m) {
        return refuse(400, "Params_nonceStr_Required");
    }
    let order = match (str_field(&m, "orderNo"), str_field(&m, "mchOrderNo")) {
        (Some(no), _) => sb.store.get(super::ID, no),
        (None, Some(mch)) => sb.store.find_by_merchant_id(super::ID, mch),
        (None, None) => return refuse(400, "Params_mchOrderNo_Required"),
    };
    let Some(order) = order else {
        return refuse(400, "Params_mchOrderNo_error");
    };
    sb.log_query(&order);
    let (status, paid) = match order.state {
        OrderState::Pending => (pending_word(&sb), false),
        OrderState::Paid => ("SUCCESS", true),
        OrderState::Failed | OrderState::Expired => (failed_word(&sb), false),
    };
    axum::Json(json!({
        "msg": "SUCCESS",
        "code": 200,
        "data": {
            "merchantId": MERCHANT_ID.parse::<u64>().unwrap_or_default(),
            "mchOrderNo": order.merchant_order_id,
            "orderNo": order.id,
            "payUrl": sb.url(&order.page_path),
            "amount": order.amount.to_f64().unwrap_or_default(),
            "fee": if paid { json!(order.fee.unwrap_or_default().to_f64().unwrap_or_default()) } else { json!(0) },
            "orderStatus": status,
            "payType": order.channel,
            "completionTime": order.paid_at.filter(|_| paid).map(wib_time),
        }
    }))
    .into_response()
}

async fn page(State(sb): State<Arc<Sandbox>>, Path(order_no): Path<String>) -> Response {
    sb.page(super::ID, &order_no)
}
