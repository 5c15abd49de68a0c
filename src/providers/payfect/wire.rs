//! Payfect's JSON, as typed structs: the create request (snake_case, field order as on the wire),
//! the checkout it answers with (camelCase), Django's error body, and the callback payload
//! (snake_case again). Amounts come as strings or numbers, times as epoch seconds, epoch
//! milliseconds or ISO 8601 (`wire::parse_time` reads them all; naive times are UTC).

use crate::model::{OrderFacts, Status};
use crate::providers::wire::{lenient, provider_word};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `POST /checkouts/`.
#[derive(Debug, Serialize)]
pub struct CreateRequest<'a> {
    pub client_reference_id: &'a str,
    pub currency: &'a str,
    pub invoice_items: Vec<InvoiceItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<&'a str>,
    pub payment_method_data: PaymentMethodData<'a>,
}

#[derive(Debug, Serialize)]
pub struct InvoiceItem<'a> {
    pub price_data: PriceData<'a>,
    pub quantity: u32,
}

#[derive(Debug, Serialize)]
pub struct PriceData<'a> {
    pub product_data: ProductData<'a>,
    pub currency: &'a str,
    /// Major units as a decimal string (`"20.5"`).
    pub unit_amount: String,
}

#[derive(Debug, Serialize)]
pub struct ProductData<'a> {
    pub name: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct PaymentMethodData<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    #[serde(rename = "paymentMethodDetail")]
    pub detail: PaymentMethodDetail<'a>,
}

#[derive(Debug, Serialize)]
pub struct PaymentMethodDetail<'a> {
    pub currency: &'a str,
    pub network: &'a str,
}

/// A checkout, as `POST /checkouts/` and `GET /checkouts/{id}/` answer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkout {
    #[serde(default, deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub client_reference_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::word")]
    pub status: Option<CheckoutStatus>,
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount_total: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "lenient::time_utc")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::time_utc")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::time_utc")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl Checkout {
    pub fn facts(&self) -> OrderFacts {
        OrderFacts {
            order_id: self.client_reference_id.clone(),
            provider_ref: self.id.clone(),
            status: self.status.as_ref().map_or(Status::Unknown, Status::from),
            provider_status: self.status.as_ref().map(|w| w.0.clone()),
            amount: self.amount_total,
            currency: upper(self.currency.as_deref()),
            ..OrderFacts::default()
        }
    }
}

/// Django REST framework's error body; `detail` marks an answer from the API itself.
#[derive(Debug, Deserialize)]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "lenient::any")]
    pub detail: Option<Value>,
}

/// The JSON payload of a callback (and of the Fernet token that signs it).
#[derive(Debug, Deserialize)]
pub struct Payment {
    #[serde(default, deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub client_reference_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::word")]
    pub status: Option<PaymentStatus>,
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub payment_method: Option<PaymentMethod>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PaymentMethod {
    #[serde(default, deserialize_with = "lenient::object")]
    pub payment_method_detail: Option<PaymentNetwork>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PaymentNetwork {
    #[serde(default, deserialize_with = "lenient::text")]
    pub network: Option<String>,
}

impl Payment {
    pub fn facts(self) -> OrderFacts {
        let network = self.payment_method.and_then(|m| m.payment_method_detail).and_then(|d| d.network);
        OrderFacts {
            order_id: self.client_reference_id,
            provider_ref: self.id,
            status: self.status.as_ref().map_or(Status::Unknown, Status::from),
            provider_status: self.status.map(|w| w.0),
            amount: self.amount,
            currency: upper(self.currency.as_deref()),
            channel: network,
            ..OrderFacts::default()
        }
    }
}

/// Currencies are shown upper case like every other provider's (`usdt` → `USDT`).
fn upper(currency: Option<&str>) -> Option<String> {
    currency.map(str::to_ascii_uppercase)
}

provider_word!(
    /// A checkout's `status`.
    CheckoutStatus
);

impl From<&CheckoutStatus> for Status {
    fn from(word: &CheckoutStatus) -> Status {
        match word.0.as_str() {
            "open" => Status::Pending,
            "complete" => Status::Paid,
            "expired" => Status::Expired,
            _ => Status::Unknown,
        }
    }
}

provider_word!(
    /// A callback's payment `status`: only `succeeded` is documented.
    PaymentStatus
);

impl From<&PaymentStatus> for Status {
    fn from(word: &PaymentStatus) -> Status {
        match word.0.as_str() {
            "succeeded" => Status::Paid,
            _ => Status::Unknown,
        }
    }
}
