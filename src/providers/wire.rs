//! What every provider's `wire.rs` is made of: lenient field readers for its answer and callback
//! structs, the one time parser, the one way a request struct becomes body bytes, and the one
//! verdict builder.
//!
//! Providers write ids and amounts as strings or numbers, leave fields out, or send `null`; the
//! readers here take what the provider means and read anything else as absent, so one odd field
//! never loses the rest of an answer. Signatures are never computed over what these structs
//! re-serialise: requests are signed over the exact bytes built here, callbacks verified over the
//! exact bytes received.

use crate::error::{Error, Result};
use crate::model::{OrderFacts, SignatureCheck};
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// Lenient readers, for `#[serde(default, deserialize_with = "...")]`.
pub mod lenient {
    use super::*;

    fn value<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Value>, D::Error> {
        Option::<Value>::deserialize(d)
    }

    /// A non-blank string as it is, or a number in its JSON form.
    pub fn text<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
        Ok(json_text(value(d)?.as_ref()))
    }

    /// A decimal amount written as a number or a string (normalized: `5000.00` is 5000).
    pub fn amount<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Decimal>, D::Error> {
        Ok(value(d)?.as_ref().and_then(crate::money::amount_from_json))
    }

    /// A JSON integer (a string of digits is not one).
    pub fn int<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<i64>, D::Error> {
        Ok(value(d)?.as_ref().and_then(Value::as_i64))
    }

    /// Any JSON value, kept as it is (`null` is absent).
    pub fn any<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Value>, D::Error> {
        Ok(value(d)?.filter(|v| !v.is_null()))
    }

    /// A nested object, read into its own wire struct; anything but an object is absent.
    pub fn object<'de, D: Deserializer<'de>, T: for<'a> Deserialize<'a>>(
        d: D,
    ) -> std::result::Result<Option<T>, D::Error> {
        Ok(value(d)?.as_ref().and_then(read))
    }

    /// A provider's word (a status): text as `text` reads it, in the provider's own type.
    pub fn word<'de, D: Deserializer<'de>, W: From<String>>(d: D) -> std::result::Result<Option<W>, D::Error> {
        Ok(text(d)?.map(W::from))
    }

    /// A time in any shape `parse_time` reads, wall-clock times in `zone`; providers wrap this in
    /// a reader of their own zone.
    pub fn time_in<'de, D: Deserializer<'de>>(
        d: D,
        zone: FixedOffset,
    ) -> std::result::Result<Option<DateTime<Utc>>, D::Error> {
        Ok(value(d)?.as_ref().and_then(|v| time_of(v, zone)))
    }

    /// A time whose wall-clock form is UTC.
    pub fn time_utc<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<DateTime<Utc>>, D::Error> {
        time_in(d, utc())
    }
}

pub fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("UTC is an offset")
}

/// Declares a provider's status word: the word as the provider spells it (kept verbatim as
/// `provider_status`), read with `lenient::word`. The provider writes its `From<&Word> for Status`.
macro_rules! provider_word {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(pub String);

        impl From<String> for $name {
            fn from(word: String) -> Self {
                $name(word)
            }
        }
    };
}
pub(crate) use provider_word;

/// A provider's JSON value as text: strings (non-blank) as they are, numbers in their JSON form.
pub fn json_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A time as a string or a number, naive wall-clock times taken in `zone`.
pub fn time_of(v: &Value, zone: FixedOffset) -> Option<DateTime<Utc>> {
    match v {
        Value::String(s) => parse_time(s, zone),
        Value::Number(n) => parse_time(&n.to_string(), zone),
        _ => None,
    }
}

/// The one time parser: epoch seconds (with an optional fraction) or milliseconds (from 10^11
/// on, so 1973 onwards), RFC 3339, or `YYYY-MM-DD[T ]HH:MM:SS[.fff][offset]`, where a time
/// without an offset is wall-clock time in `zone` (the provider's own: UTC+7 for Cashy, UTC+8
/// for PayCools, UTC for Payfect's Django servers).
pub fn parse_time(text: &str, zone: FixedOffset) -> Option<DateTime<Utc>> {
    let t = text.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let numeric =
        !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit());
    if numeric {
        let whole: i64 = int.parse().ok()?;
        // Fraction digits as nanoseconds of the unit, without going through floats.
        let frac_nanos = |digits: usize| -> i64 {
            let kept: String = frac.chars().take(digits).collect();
            format!("{kept:0<digits$}").parse().unwrap_or(0)
        };
        return if whole >= 100_000_000_000 {
            let nanos = (whole % 1000) * 1_000_000 + frac_nanos(6);
            DateTime::from_timestamp(whole / 1000, u32::try_from(nanos).ok()?)
        } else {
            DateTime::from_timestamp(whole, u32::try_from(frac_nanos(9)).ok()?)
        };
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%:z"]
        .iter()
        .find_map(|f| {
            DateTime::parse_from_str(t, f).map(|d| d.with_timezone(&Utc)).ok().or_else(|| {
                let naive = NaiveDateTime::parse_from_str(t, f).ok()?;
                zone.from_local_datetime(&naive).single().map(|d| d.with_timezone(&Utc))
            })
        })
}

/// A request struct as the body bytes that are sent and signed, with `--set` fields merged in
/// (a `--set` key replaces the field of the same name in place).
pub fn body_bytes(request: &impl Serialize, extra: &[(String, Value)]) -> Result<Vec<u8>> {
    serde_json::to_vec(&with_extra(request, extra)?).map_err(|e| Error::internal(e.to_string()))
}

/// A request struct as a JSON object, with `--set` fields merged in.
pub fn with_extra(request: &impl Serialize, extra: &[(String, Value)]) -> Result<serde_json::Map<String, Value>> {
    let mut body = match serde_json::to_value(request).map_err(|e| Error::internal(e.to_string()))? {
        Value::Object(m) => m,
        _ => return Err(Error::internal("a request body is not a JSON object")),
    };
    for (k, v) in extra {
        body.insert(k.clone(), v.clone());
    }
    Ok(body)
}

/// Reads a provider's JSON object (an answer's data, a callback body) into its wire struct.
/// Every field reader is lenient, so only a value that is not an object fails.
pub fn read<T: for<'de> Deserialize<'de>>(v: &Value) -> Option<T> {
    v.as_object()?;
    T::deserialize(v).ok()
}

/// A provider's reading of one callback.
#[derive(Debug, Clone)]
pub struct CallbackVerdict {
    pub signature: SignatureCheck,
    /// Why the signature is not `ok`, or what else is notable.
    pub reason: Option<String>,
    pub claims: OrderFacts,
    /// The exact reply body the provider expects from the merchant.
    pub ack: Option<String>,
}

impl CallbackVerdict {
    /// The one way a provider states its verdict: the signature check and why, what the body
    /// claims or why it could not be read (added to the reason), and the reply it expects.
    pub fn new(
        signature: SignatureCheck,
        reason: Option<String>,
        claims: std::result::Result<OrderFacts, String>,
        ack: Option<&str>,
    ) -> Self {
        let (claims, unreadable) = match claims {
            Ok(c) => (c, None),
            Err(why) => (OrderFacts::default(), Some(why)),
        };
        let reason = match (reason, unreadable) {
            (Some(r), Some(u)) => Some(format!("{r}; {u}")),
            (r, u) => r.or(u),
        };
        CallbackVerdict { signature, reason, claims, ack: ack.map(str::to_string) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format_time;
    use serde_json::json;

    #[test]
    fn times_in_every_providers_shape() {
        let utc = utc();
        let t = |s: &str| parse_time(s, utc).map(|t| format_time(&t));
        assert_eq!(t("1690532072.288761").as_deref(), Some("2023-07-28T08:14:32.288761Z"));
        assert_eq!(t("1690532072").as_deref(), Some("2023-07-28T08:14:32Z"));
        assert_eq!(t("1703939166000").as_deref(), Some("2023-12-30T12:26:06Z"));
        assert_eq!(t("1703939166123").as_deref(), Some("2023-12-30T12:26:06.123Z"));
        assert_eq!(t("2023-12-30T12:26:06Z").as_deref(), Some("2023-12-30T12:26:06Z"));
        assert_eq!(t("2023-12-30T20:26:06.5+08:00").as_deref(), Some("2023-12-30T12:26:06.500Z"));
        assert_eq!(t("2023-12-30T12:26:06.123456").as_deref(), Some("2023-12-30T12:26:06.123456Z"));
        assert_eq!(t("2023-12-30 12:26:06").as_deref(), Some("2023-12-30T12:26:06Z"));
        assert_eq!(time_of(&json!(1690532072), utc).map(|t| t.timestamp()), Some(1690532072));
        assert_eq!(time_of(&json!(1703939166000u64), utc).map(|t| t.timestamp()), Some(1703939166));
        for bad in ["", "soon", "-5", "1.2.3", "99999999999999999999999", "2023-13-40T00:00:00Z"] {
            assert_eq!(t(bad), None, "{bad:?}");
        }
        assert_eq!(time_of(&Value::Null, utc), None);
        // Wall-clock times are the provider's own zone.
        let wib = FixedOffset::east_opt(7 * 3600).unwrap();
        assert_eq!(
            parse_time("2024-07-30 15:31:10", wib).map(|t| format_time(&t)).as_deref(),
            Some("2024-07-30T08:31:10Z")
        );
    }

    #[derive(Deserialize)]
    struct Sample {
        #[serde(default, deserialize_with = "lenient::text")]
        id: Option<String>,
        #[serde(default, deserialize_with = "lenient::amount")]
        amount: Option<Decimal>,
        #[serde(default, deserialize_with = "lenient::int")]
        code: Option<i64>,
    }

    #[test]
    fn lenient_fields_read_strings_or_numbers_and_anything_else_as_absent() {
        let s: Sample = read(&json!({"id": 42, "amount": "5000.50", "code": "200"})).unwrap();
        assert_eq!((s.id.as_deref(), s.amount, s.code), (Some("42"), Some(Decimal::new(500050, 2)), None));
        let s: Sample = read(&json!({"id": " ", "amount": {"x": 1}, "extra": [1]})).unwrap();
        assert_eq!((s.id, s.amount, s.code), (None, None, None));
        assert!(read::<Sample>(&json!([1, 2])).is_none());
    }

    #[test]
    fn verdicts_join_the_signature_reason_and_an_unreadable_body() {
        let v = CallbackVerdict::new(SignatureCheck::Mismatch, Some("bad sign".into()), Err("not JSON".into()), None);
        assert_eq!((v.reason.as_deref(), v.ack), (Some("bad sign; not JSON"), None));
        let v = CallbackVerdict::new(SignatureCheck::Ok, None, Ok(OrderFacts::default()), Some("OK"));
        assert_eq!((v.reason, v.ack.as_deref()), (None, Some("OK")));
    }
}
