//! PayCools' JSON, as typed structs: the signed envelope and the `param` inside it (field order is
//! the order that gets signed, so it must not drift), the `{"code","message","data"}` answer, the
//! order it describes, and the fields of a callback (flat, or inside the envelope's `param`).
//! Amounts are centavos: an integer, sometimes written `5000.00` or as a string.

use crate::model::{OrderFacts, Status};
use crate::providers::wire::{lenient, provider_word};
use chrono::{DateTime, FixedOffset, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// What every request body is: the `param` JSON as a string, and its signature.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<'a> {
    pub app_id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub app_name: &'a str,
    pub param: &'a str,
    pub sign: String,
}

/// The `param` of `POST /api/v1/checkout`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateParam<'a> {
    pub mch_order_id: &'a str,
    pub currency: &'a str,
    /// Centavos.
    pub amount: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer<'a>>,
    pub items: Vec<Item<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<&'a str>,
    /// `YYYY-MM-DD HH:MM:SS` in UTC+8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<String>,
    /// Epoch milliseconds.
    pub timestamp: i64,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct Item<'a> {
    pub name: std::borrow::Cow<'a, str>,
    /// Centavos per unit.
    pub amount: i64,
    pub quantity: u32,
}

/// The `param` of `POST /api/v1/checkout/state`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusParam<'a> {
    pub mch_order_id: &'a str,
    pub timestamp: i64,
}

/// Every answer: `code` 1000 or 10000 with a `data` object, or a refusal code and message (some
/// answers say `msg`).
#[derive(Debug, Default, Deserialize)]
pub struct Answer {
    #[serde(default, deserialize_with = "lenient::int")]
    pub code: Option<i64>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub message: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub msg: Option<String>,
    #[serde(default, deserialize_with = "lenient::any")]
    pub data: Option<Value>,
}

/// A checkout as a create or status answer's `data` describes it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkout {
    #[serde(default, deserialize_with = "lenient::text")]
    pub mch_order_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub checkout_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::word")]
    pub transaction_status: Option<TransactionStatus>,
    #[serde(default, deserialize_with = "centavos")]
    pub amount: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub channel_code: Option<String>,
    /// The hosted page (create answers).
    #[serde(default, deserialize_with = "lenient::text")]
    pub redirect_url: Option<String>,
    #[serde(default, deserialize_with = "pht_time")]
    pub create_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "pht_time")]
    pub return_time: Option<DateTime<Utc>>,
}

/// The fields of a callback, whichever shape carried them.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(default, deserialize_with = "lenient::text")]
    pub mch_order_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub transaction_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub checkout_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::word")]
    pub transaction_status: Option<TransactionStatus>,
    /// `<app>.payment.success` or `<app>.payment.failed`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub event_name: Option<String>,
    #[serde(default, deserialize_with = "centavos")]
    pub amount: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub channel_code: Option<String>,
}

impl Event {
    /// What the callback claims. A failed event is failed whatever the status word says; a success
    /// event without a word is paid.
    pub fn facts(self) -> OrderFacts {
        let event = self.event_name.unwrap_or_default();
        let status = if event.ends_with(".payment.failed") {
            Status::Failed
        } else if let Some(w) = &self.transaction_status {
            Status::from(w)
        } else if event.ends_with(".payment.success") {
            Status::Paid
        } else {
            Status::Unknown
        };
        OrderFacts {
            order_id: self.mch_order_id,
            provider_ref: self.transaction_id.or(self.checkout_id),
            status,
            provider_status: self.transaction_status.map(|w| w.0).or(Some(event).filter(|e| !e.is_empty())),
            amount: self.amount,
            currency: Some(super::CURRENCY.into()),
            channel: self.channel_code,
            ..OrderFacts::default()
        }
    }
}

/// The two fields of a callback body that say its shape: `param` (the envelope's JSON string) and
/// `sign`.
#[derive(Debug, Default, Deserialize)]
pub struct Signed {
    #[serde(default, deserialize_with = "string_only")]
    pub param: Option<String>,
    #[serde(default, deserialize_with = "string_only")]
    pub sign: Option<String>,
}

provider_word!(
    /// PayCools' `transactionStatus` word.
    TransactionStatus
);

impl From<&TransactionStatus> for Status {
    fn from(word: &TransactionStatus) -> Status {
        match word.0.trim().to_ascii_uppercase().as_str() {
            "PENDING" => Status::Pending,
            "COMPLETE" | "COMPLETED" => Status::Paid,
            "FAILED" => Status::Failed,
            "CLOSED" => Status::Expired,
            _ => Status::Unknown,
        }
    }
}

/// PayCools is in the Philippines: its wall-clock times are UTC+8.
pub fn pht() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// `YYYY-MM-DD HH:MM:SS` in UTC+8, or epoch milliseconds.
fn pht_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    lenient::time_in(d, pht())
}

/// Centavos in pesos. A fractional centavo is not an amount: absent.
fn centavos<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let Some(minor) = lenient::amount(d)? else { return Ok(None) };
    if !minor.fract().is_zero() {
        return Ok(None);
    }
    let minor = rust_decimal::prelude::ToPrimitive::to_i64(&minor);
    Ok(minor.map(|m| crate::money::from_minor_units(m, 2)))
}

/// A JSON string, as it is; anything else is absent.
fn string_only<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(lenient::any(d)?.and_then(|v| v.as_str().map(str::to_string)))
}
