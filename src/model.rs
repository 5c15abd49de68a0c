//! The normalized records every provider maps onto; field order is the output column order.

use crate::output::Record;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Paid,
    Failed,
    Expired,
    /// Also what a callback that says nothing about the status claims.
    #[default]
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Paid => "paid",
            Status::Failed => "failed",
            Status::Expired => "expired",
            Status::Unknown => "unknown",
        }
    }
    pub fn parse(text: &str) -> Option<Status> {
        Some(match text.to_ascii_lowercase().as_str() {
            "pending" => Status::Pending,
            "paid" => Status::Paid,
            "failed" => Status::Failed,
            "expired" => Status::Expired,
            "unknown" => Status::Unknown,
            _ => return None,
        })
    }
    pub fn is_final(self) -> bool {
        matches!(self, Status::Paid | Status::Failed | Status::Expired)
    }
}

fn decimal_str<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

fn rfc3339<S: Serializer>(v: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(t) => s.serialize_str(&format_time(t)),
        None => s.serialize_none(),
    }
}

/// RFC 3339 in UTC with a `Z`, seconds precision unless the source had a fraction.
pub fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckoutRecord {
    pub provider: String,
    pub profile: String,
    pub order_id: String,
    pub provider_ref: Option<String>,
    pub status: Status,
    pub provider_status: Option<String>,
    #[serde(serialize_with = "decimal_str")]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    pub checkout_url: Option<String>,
    #[serde(serialize_with = "rfc3339")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "rfc3339")]
    pub created_at: Option<DateTime<Utc>>,
}

/// What is known about one order, as a status answer or a callback tells it: the fields the
/// status and callback records share, in their output order. Amounts stay `Decimal` until they
/// are written out (output, SQL).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OrderFacts {
    pub order_id: Option<String>,
    pub provider_ref: Option<String>,
    pub status: Status,
    pub provider_status: Option<String>,
    #[serde(serialize_with = "decimal_str")]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    #[serde(serialize_with = "decimal_str")]
    pub fee: Option<Decimal>,
    #[serde(serialize_with = "decimal_str")]
    pub net_amount: Option<Decimal>,
    pub channel: Option<String>,
    pub rrn: Option<String>,
}

/// A provider's answer to a status query.
#[derive(Debug, Clone, Serialize)]
pub struct StatusRecord {
    pub provider: String,
    pub profile: String,
    #[serde(flatten)]
    pub order: OrderFacts,
    #[serde(serialize_with = "rfc3339")]
    pub paid_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "rfc3339")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl StatusRecord {
    pub fn new(provider: &str, profile: &str, order: OrderFacts) -> Self {
        StatusRecord { provider: provider.into(), profile: profile.into(), order, paid_at: None, updated_at: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureCheck {
    Ok,
    Mismatch,
    Missing,
    /// Signed by the right key, but its signed timestamp or token is outside the allowed window:
    /// not a forgery, not fresh either (a delayed delivery, an old capture, or a replay).
    Stale,
    Unverifiable,
    LegacyOk,
}

impl SignatureCheck {
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureCheck::Ok => "ok",
            SignatureCheck::Mismatch => "mismatch",
            SignatureCheck::Missing => "missing",
            SignatureCheck::Stale => "stale",
            SignatureCheck::Unverifiable => "unverifiable",
            SignatureCheck::LegacyOk => "legacy_ok",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequeryCheck {
    Ok,
    Mismatch,
    Skipped,
    Error,
}

/// A callback as judged: the checks, then what it claims about the order.
#[derive(Debug, Clone, Serialize)]
pub struct CallbackRecord {
    pub provider: String,
    pub source: String,
    pub verified: bool,
    pub signature: SignatureCheck,
    pub requery: RequeryCheck,
    pub reason: Option<String>,
    /// What the callback claims, as the provider module read it from the body.
    #[serde(flatten)]
    pub claims: OrderFacts,
    /// The reply the provider expects, only when the callback verified: it reads as "reply this".
    pub ack: Option<String>,
}

impl Record for CheckoutRecord {
    const COLUMNS: &'static [&'static str] = &[
        "provider",
        "profile",
        "order_id",
        "provider_ref",
        "status",
        "provider_status",
        "amount",
        "currency",
        "checkout_url",
        "expires_at",
        "created_at",
    ];
    const TABLE_FIRST: &'static [&'static str] = &["order_id", "status", "amount", "currency", "checkout_url"];
}

impl Record for StatusRecord {
    const COLUMNS: &'static [&'static str] = &[
        "provider",
        "profile",
        "order_id",
        "provider_ref",
        "status",
        "provider_status",
        "amount",
        "currency",
        "fee",
        "net_amount",
        "channel",
        "rrn",
        "paid_at",
        "updated_at",
    ];
    const TABLE_FIRST: &'static [&'static str] =
        &["order_id", "status", "amount", "currency", "provider_status", "paid_at", "channel", "provider_ref"];
}

impl Record for CallbackRecord {
    const COLUMNS: &'static [&'static str] = &[
        "provider",
        "source",
        "verified",
        "signature",
        "requery",
        "reason",
        "order_id",
        "provider_ref",
        "status",
        "provider_status",
        "amount",
        "currency",
        "fee",
        "net_amount",
        "channel",
        "rrn",
        "ack",
    ];
    /// A callback that could not be read is named by its file.
    const KEY: &'static str = "source";
    const TABLE_FIRST: &'static [&'static str] =
        &["source", "verified", "signature", "order_id", "status", "amount", "currency", "reason"];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::assert_columns;

    #[test]
    fn records_declare_their_columns() {
        assert_columns(&StatusRecord::new("cashy", "p", OrderFacts::default()));
        assert_columns(&CheckoutRecord {
            provider: "cashy".into(),
            profile: "p".into(),
            order_id: "A".into(),
            provider_ref: None,
            status: Status::Pending,
            provider_status: None,
            amount: None,
            currency: None,
            checkout_url: None,
            expires_at: None,
            created_at: None,
        });
        assert_columns(&CallbackRecord {
            provider: "cashy".into(),
            source: "f".into(),
            verified: false,
            signature: SignatureCheck::Missing,
            requery: RequeryCheck::Skipped,
            reason: None,
            claims: OrderFacts::default(),
            ack: None,
        });
    }

    #[test]
    fn status_words() {
        for s in [Status::Pending, Status::Paid, Status::Failed, Status::Expired, Status::Unknown] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("PAID"), Some(Status::Paid));
        assert_eq!(Status::parse("complete"), None);
    }

    #[test]
    fn times_are_utc_rfc3339() {
        let t = DateTime::parse_from_rfc3339("2024-07-30T15:31:10+07:00").unwrap();
        assert_eq!(format_time(&t.with_timezone(&Utc)), "2024-07-30T08:31:10Z");
    }
}
