//! Money in major units as `Decimal`, and the explicit conversions each provider needs.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::str::FromStr;

/// Parses a user-supplied amount in major units ("100000", "50.00", "20.5").
/// Rejects signs, exponents, thousands separators and anything that is not a plain decimal.
pub fn parse_amount(text: &str) -> Result<Decimal> {
    let t = text.trim();
    let plain = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.');
    if !plain {
        return Err(Error::usage(format!("amount {text:?} is not a positive decimal number in major units"))
            .with_hint("write it like 100000 (IDR), 50.00 (PHP) or 20.5 (USDT), without signs or separators"));
    }
    let value = Decimal::from_str(t).map_err(|_| Error::usage(format!("amount {text:?} is too large")))?;
    if value.is_zero() {
        return Err(Error::usage("amount must be greater than zero"));
    }
    Ok(value.normalize())
}

/// Converts major units to an integer count of minor units with exactly `scale` decimals
/// (PHP: scale 2, ₱50.00 → 5000). More decimals than the currency has is an error, never rounding.
pub fn to_minor_units(amount: Decimal, scale: u32, currency: &str) -> Result<i64> {
    if amount.is_sign_negative() {
        return Err(Error::usage(format!("amount {amount} {currency} must not be negative")));
    }
    let normalized = amount.normalize();
    if normalized.scale() > scale {
        return Err(Error::usage(format!("amount {amount} {currency} has more than {scale} decimal place(s)")));
    }
    let factor = Decimal::from(10i64.pow(scale));
    let minor = normalized
        .checked_mul(factor)
        .ok_or_else(|| Error::usage(format!("amount {amount} {currency} is too large")))?;
    minor.to_i64().ok_or_else(|| Error::usage(format!("amount {amount} {currency} is too large")))
}

/// Minor units back to major units (5000 centavos → 50.00).
pub fn from_minor_units(minor: i64, scale: u32) -> Decimal {
    Decimal::new(minor, scale)
}

/// A whole amount (IDR here has no fractions): "100000" or "100000.00" is fine, "100000.5" is not.
pub fn to_whole_units(amount: Decimal, currency: &str) -> Result<i64> {
    to_minor_units(amount, 0, currency)
}

/// Parses an amount a provider sent: a JSON string or number, in major units.
pub fn amount_from_json(value: &serde_json::Value) -> Option<Decimal> {
    match value {
        serde_json::Value::String(s) => Decimal::from_str(s.trim()).ok(),
        serde_json::Value::Number(n) => {
            let text = n.to_string();
            Decimal::from_str(&text).or_else(|_| Decimal::from_scientific(&text)).ok()
        }
        _ => None,
    }
    .map(|d| d.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_plain_amounts() {
        assert_eq!(parse_amount("100000").unwrap(), d("100000"));
        assert_eq!(parse_amount("50.00").unwrap(), d("50"));
        assert_eq!(parse_amount("20.5").unwrap(), d("20.5"));
    }

    #[test]
    fn rejects_bad_amounts() {
        for bad in ["", "-5", "+5", "1e3", "1,000", "abc", "1.2.3", ".5", "5.", "0", "0.00", " "] {
            let err = parse_amount(bad).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage, "{bad:?}");
        }
    }

    #[test]
    fn centavo_conversion() {
        assert_eq!(to_minor_units(d("0.01"), 2, "PHP").unwrap(), 1);
        assert_eq!(to_minor_units(d("50"), 2, "PHP").unwrap(), 5000);
        assert_eq!(to_minor_units(d("50.00"), 2, "PHP").unwrap(), 5000);
        assert_eq!(to_minor_units(d("50.5"), 2, "PHP").unwrap(), 5050);
        assert_eq!(to_minor_units(d("1234567.89"), 2, "PHP").unwrap(), 123456789);
        assert!(to_minor_units(d("1.234"), 2, "PHP").is_err());
        assert!(to_minor_units(d("-1"), 2, "PHP").is_err());
        assert_eq!(from_minor_units(5000, 2), d("50.00"));
        assert_eq!(from_minor_units(5000, 2).to_string(), "50.00");
    }

    #[test]
    fn whole_rupiah() {
        assert_eq!(to_whole_units(d("150000"), "IDR").unwrap(), 150000);
        assert_eq!(to_whole_units(d("150000.00"), "IDR").unwrap(), 150000);
        assert!(to_whole_units(d("150000.5"), "IDR").is_err());
    }

    #[test]
    fn provider_amounts_as_string_or_number() {
        use serde_json::json;
        assert_eq!(amount_from_json(&json!("100000.00")), Some(d("100000")));
        assert_eq!(amount_from_json(&json!(20000.0)), Some(d("20000")));
        assert_eq!(amount_from_json(&json!(96000)), Some(d("96000")));
        assert_eq!(amount_from_json(&json!(null)), None);
        assert_eq!(amount_from_json(&json!("n/a")), None);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any whole count of minor units survives major units and back, at every scale.
        #[test]
        fn minor_units_round_trip(units in 1i64..1_000_000_000_000_000, scale in 0u32..=6) {
            let amount = from_minor_units(units, scale);
            prop_assert_eq!(to_minor_units(amount, scale, "XXX").unwrap(), units);
            // The same amount printed and parsed back as a user would type it.
            prop_assert_eq!(parse_amount(&amount.to_string()).unwrap(), amount.normalize());
        }

        /// An amount with more decimals than the currency has is refused, never rounded.
        #[test]
        fn excess_decimals_are_refused(units in 1i64..1_000_000_000, extra in 1u32..=4, scale in 0u32..=2) {
            let amount = Decimal::new(units * 10 + 1, scale + extra);
            prop_assert!(to_minor_units(amount, scale, "XXX").is_err());
        }

        /// Whatever the user types, parsing either refuses it or yields a positive amount.
        #[test]
        fn parse_never_yields_zero_or_negative(text in "\\PC{0,24}") {
            if let Ok(d) = parse_amount(&text) {
                prop_assert!(d > Decimal::ZERO);
            }
        }
    }
}
