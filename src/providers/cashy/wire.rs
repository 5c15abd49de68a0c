//! Cashy's JSON, as typed structs: the requests paycli sends (field order is the order on the
//! wire), the `{"code","msg","data"}` answer, and the order Cashy describes in status answers and
//! callbacks alike. Ids and amounts may come as strings or numbers.

use crate::model::{OrderFacts, Status};
use crate::providers::wire::{lenient, provider_word};
use chrono::{DateTime, FixedOffset, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// `POST /api/payDesk`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest<'a> {
    pub currency: &'a str,
    pub amount: i64,
    pub reusable_status: bool,
    pub mch_order_no: &'a str,
    pub expire_time: u64,
    pub notify_url: &'a str,
    pub nonce_str: String,
    pub remark: &'a str,
    pub real_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_subject: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_body: Option<&'a str>,
}

/// `POST /api/payDeskQuery`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<&'a str>,
    pub mch_order_no: &'a str,
    pub nonce_str: String,
}

/// Every answer: `code` 200 and `msg` `SUCCESS` with a `data` object, or a refusal word in `msg`.
#[derive(Debug, Default, Deserialize)]
pub struct Answer {
    #[serde(default, deserialize_with = "lenient::int")]
    pub code: Option<i64>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub msg: Option<String>,
    #[serde(default, deserialize_with = "lenient::any")]
    pub data: Option<Value>,
}

/// The `data` of a created checkout.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    #[serde(default, deserialize_with = "lenient::text")]
    pub pay_desk_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub pay_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub mch_order_no: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub order_no: Option<String>,
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount: Option<Decimal>,
    #[serde(default, deserialize_with = "wib_time")]
    pub expire_time: Option<DateTime<Utc>>,
}

/// An order as Cashy describes it: the `data` of a status answer, and the body of a callback.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    #[serde(default, deserialize_with = "lenient::text")]
    pub mch_order_no: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub order_no: Option<String>,
    #[serde(default, deserialize_with = "lenient::word")]
    pub order_status: Option<OrderStatus>,
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::amount")]
    pub fee: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub pay_type: Option<String>,
    #[serde(default, deserialize_with = "wib_time")]
    pub completion_time: Option<DateTime<Utc>>,
}

impl Order {
    /// What the order says, in paycli's terms (Cashy is IDR only).
    pub fn facts(self) -> OrderFacts {
        OrderFacts {
            order_id: self.mch_order_no,
            provider_ref: self.order_no,
            status: self.order_status.as_ref().map_or(Status::Unknown, Status::from),
            provider_status: self.order_status.map(|w| w.0),
            amount: self.amount,
            currency: Some("IDR".into()),
            fee: self.fee,
            channel: self.pay_type,
            ..OrderFacts::default()
        }
    }
}

provider_word!(
    /// Cashy's `orderStatus` word.
    OrderStatus
);

/// `PAYING`/`PROCESSING` pending, `SUCCESS` paid, `FAIL`/`CANCEL` failed (the query and webhook pages).
impl From<&OrderStatus> for Status {
    fn from(word: &OrderStatus) -> Status {
        match word.0.as_str() {
            "PAYING" | "PROCESSING" => Status::Pending,
            "SUCCESS" => Status::Paid,
            "FAIL" | "CANCEL" => Status::Failed,
            _ => Status::Unknown,
        }
    }
}

/// Cashy's wall clock is Western Indonesia Time, UTC+7.
pub fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

fn wib_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    lenient::time_in(d, wib())
}
