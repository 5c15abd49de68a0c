//! Zenospay's JSON, as typed structs: the two requests (field order is the order on the wire), the
//! answer (`status: false` with a `message` on refusal; the created checkout at the top level; a
//! status under `data`), and the transaction that status answers and callbacks describe.
//! Amounts come as strings (`"100000.00"`) or numbers, fees as either.

use crate::model::{OrderFacts, Status};
use crate::providers::wire::{lenient, provider_word};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `POST /api/checkout`.
#[derive(Debug, Serialize)]
pub struct CreateRequest<'a> {
    pub merchant_transaction_id: &'a str,
    /// Whole rupiah as a string of digits.
    pub amount: String,
    pub currency: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    pub customer_name: String,
    pub product_name: String,
}

/// `POST /api/check/transaction`: by RRN first when one is given.
#[derive(Debug, Serialize)]
pub struct StatusRequest<'a> {
    pub merchant_transaction_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rrn: Option<&'a str>,
}

/// Every answer. A refusal is `"status": false` with a free-text `message`.
#[derive(Debug, Deserialize)]
pub struct Answer {
    #[serde(default, deserialize_with = "lenient::any")]
    pub status: Option<Value>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub message: Option<String>,
    #[serde(default, deserialize_with = "lenient::any")]
    pub data: Option<Value>,
}

impl Answer {
    pub fn refused(&self) -> bool {
        self.status == Some(Value::Bool(false))
    }
}

/// A created checkout (the answer's top level).
#[derive(Debug, Deserialize)]
pub struct Created {
    #[serde(default, deserialize_with = "lenient::text")]
    pub transaction_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub checkout_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub merchant_transaction_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "lenient::any")]
    pub customer_details: Option<Value>,
}

/// A transaction: a status answer's `data`, and a callback's body.
#[derive(Debug, Deserialize)]
pub struct Transaction {
    #[serde(default, deserialize_with = "lenient::text")]
    pub merchant_transaction_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub transaction_id: Option<String>,
    /// Absent from callbacks: Zenospay calls back only after a completed payment.
    #[serde(default, deserialize_with = "lenient::word")]
    pub status: Option<TransactionStatus>,
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub currency: Option<String>,
    /// The fee in a status answer.
    #[serde(default, deserialize_with = "lenient::amount")]
    pub service_fee_final: Option<Decimal>,
    /// The fee in a callback.
    #[serde(default, deserialize_with = "lenient::amount")]
    pub service_fee_amount: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::amount")]
    pub nett_amount: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub channel: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub rrn: Option<String>,
    /// `2025-01-01T00:00:00.000000Z`.
    #[serde(default, deserialize_with = "lenient::time_utc")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl Transaction {
    /// What a status answer says. Fees are reported as given: the documented example's figures do
    /// not add up.
    pub fn status_facts(self) -> OrderFacts {
        let common = self.common();
        OrderFacts {
            status: self.status.as_ref().map_or(Status::Unknown, Status::from),
            provider_status: self.status.map(|w| w.0),
            fee: self.service_fee_final,
            currency: self.currency.or_else(|| Some("IDR".into())),
            ..common
        }
    }

    /// What a callback claims: its arrival means paid, whatever else it says.
    pub fn callback_facts(self) -> OrderFacts {
        let common = self.common();
        OrderFacts { status: Status::Paid, fee: self.service_fee_amount, currency: self.currency, ..common }
    }

    fn common(&self) -> OrderFacts {
        OrderFacts {
            order_id: self.merchant_transaction_id.clone(),
            provider_ref: self.transaction_id.clone(),
            amount: self.amount,
            net_amount: self.nett_amount,
            channel: self.channel.clone(),
            rrn: self.rrn.clone(),
            ..OrderFacts::default()
        }
    }
}

provider_word!(
    /// Zenospay's transaction `status` word.
    TransactionStatus
);

impl From<&TransactionStatus> for Status {
    fn from(word: &TransactionStatus) -> Status {
        match word.0.trim().to_ascii_lowercase().as_str() {
            "success" => Status::Paid,
            "pending" => Status::Pending,
            "fail" => Status::Failed,
            _ => Status::Unknown,
        }
    }
}

/// `customer_details` is documented as a JSON *string*; an already-decoded object is accepted too.
pub fn customer_details(v: Option<&Value>) -> Option<Map<String, Value>> {
    match v? {
        Value::Object(m) => Some(m.clone()),
        Value::String(s) => match serde_json::from_str(s) {
            Ok(Value::Object(m)) => Some(m),
            _ => None,
        },
        _ => None,
    }
}
