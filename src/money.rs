//! Money in major units as `Decimal`, and the explicit conversions each provider needs.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

mod written;
pub use written::{AmountText, minor_digits, parse_amount_in};

/// Parses a user-supplied amount in major units ("100000", "50.00", "20.5") whatever the currency
/// (`parse_amount_in` adds the currency's own rule). Rejects currency signs and thousands
/// separators with the plain form to write (`written`), signs, exponents and anything else that is
/// not a plain decimal, and any amount a `Decimal` cannot hold digit for digit (it would round past
/// 28 digits).
pub fn parse_amount(text: &str) -> Result<Decimal> {
    let t = text.trim();
    let shown = crate::values::shown(text);
    if let Some(refused) = written::refuse_written_forms(text) {
        return Err(refused);
    }
    let plain = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.');
    if !plain {
        return Err(Error::usage(format!("amount {shown} is not a positive decimal number in major units"))
            .with_hint("write it like 100000 (IDR), 50.00 (PHP) or 20.5 (USDT), without signs or separators"));
    }
    let value = exact_decimal(t).map_err(|why| {
        Error::usage(format!("amount {shown} {why}"))
            .with_hint("paycli never rounds an amount: write it with at most 28 significant digits")
    })?;
    if value.is_zero() {
        return Err(Error::usage("amount must be greater than zero"));
    }
    Ok(value)
}

/// An amount flag as typed, read once the currency is known (`AmountText::read`), so that its error
/// carries the hint and the currency's rule; in the shape of a clap value parser.
pub fn amount_arg(text: &str) -> std::result::Result<AmountText, String> {
    Ok(AmountText(text.to_string()))
}

/// Why a number cannot be held exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inexact {
    NotANumber,
    /// More significant digits (or decimals) than a `Decimal` keeps: it would be rounded.
    TooPrecise,
    TooLarge,
}

impl std::fmt::Display for Inexact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Inexact::NotANumber => "is not a decimal number",
            Inexact::TooPrecise => {
                "cannot be held exactly: it has more than 28 significant digits or decimals, and paycli does not round"
            }
            Inexact::TooLarge => "is too large to be held exactly",
        })
    }
}

/// The one exact decimal parser: `[-]digits[.digits][e[+-]digits]` (a JSON number), normalized, or
/// an error when a `Decimal` cannot hold every digit. `Decimal::from_str` would silently round
/// `100000.000000000000000000000000001` to `100000`; this refuses it.
pub fn exact_decimal(text: &str) -> std::result::Result<Decimal, Inexact> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits_only(int) || !digits_only(frac) || (mantissa.contains('.') && frac.is_empty()) {
        return Err(Inexact::NotANumber);
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let body = e.strip_prefix(['+', '-']).unwrap_or(e);
            if body.is_empty() || !digits_only(body) {
                return Err(Inexact::NotANumber);
            }
            // Far beyond any Decimal either way; the digits decide between zero and too large.
            let magnitude: i64 = body.parse().unwrap_or(i64::MAX / 4).min(1_000_000);
            if e.starts_with('-') { -magnitude } else { magnitude }
        }
    };
    let mut digits: String = format!("{int}{frac}").trim_start_matches('0').to_string();
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let mut scale = frac.len() as i64 - exp;
    while scale > 0 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    if scale < 0 {
        if digits.len() as i64 - scale > 29 {
            return Err(Inexact::TooLarge);
        }
        digits.push_str(&"0".repeat((-scale) as usize));
        scale = 0;
    }
    let whole_digits = digits.len() as i64 - scale;
    if whole_digits > 29 {
        return Err(Inexact::TooLarge);
    }
    if scale > 28 || digits.len() > 29 {
        return Err(Inexact::TooPrecise);
    }
    let m: i128 = digits.parse().map_err(|_| Inexact::TooLarge)?;
    let value = Decimal::try_from_i128_with_scale(m, scale as u32).map_err(|_| {
        // 29 digits that overflow 96 bits: too large when whole, too precise when it has decimals.
        if scale == 0 { Inexact::TooLarge } else { Inexact::TooPrecise }
    })?;
    Ok(if negative { -value } else { value })
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

/// Parses an amount a provider sent: a JSON string or number, in major units. An amount that
/// cannot be held exactly is no amount at all (`None`), never a rounded one.
pub fn amount_from_json(value: &serde_json::Value) -> Option<Decimal> {
    match value {
        serde_json::Value::String(s) => exact_decimal(s.trim()).ok(),
        serde_json::Value::Number(n) => exact_decimal(&n.to_string()).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

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
    fn amounts_that_would_round_are_refused() {
        // Each of these is rounded by Decimal::from_str (issue #12): refused instead.
        for bad in [
            "50.009999999999999999999999999999",
            "100000.000000000000000000000000001",
            "20.0000009999999999999999999999",
            "0.00000000000000000000000000001",
            "79228162514264337593543950336",
        ] {
            let err = parse_amount(bad).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage, "{bad}");
            assert!(err.message.contains("exactly"), "{bad}: {}", err.message);
        }
        // 28 decimals and 29 digits that fit are held exactly.
        assert_eq!(
            parse_amount("0.0000000000000000000000000001").unwrap().to_string(),
            "0.0000000000000000000000000001"
        );
        assert_eq!(parse_amount("79228162514264337593543950335").unwrap().to_string(), "79228162514264337593543950335");
        assert_eq!(parse_amount("000150000.5000").unwrap().to_string(), "150000.5");
    }

    #[test]
    fn exact_decimal_reads_json_numbers() {
        assert_eq!(exact_decimal("2e4").unwrap(), d("20000"));
        assert_eq!(exact_decimal("20000.0").unwrap(), d("20000"));
        assert_eq!(exact_decimal("-1.50").unwrap(), d("-1.5"));
        assert_eq!(exact_decimal("1.5E-3").unwrap(), d("0.0015"));
        assert_eq!(exact_decimal("0e999999999999").unwrap(), Decimal::ZERO);
        assert_eq!(exact_decimal("1e29"), Err(Inexact::TooLarge));
        assert_eq!(exact_decimal("1e-29"), Err(Inexact::TooPrecise));
        assert_eq!(exact_decimal("1e-99999999999999999999"), Err(Inexact::TooPrecise));
        for bad in ["", "-", ".5", "5.", "1e", "1e+", "+1", "0x10", "1_000", "1.2.3"] {
            assert_eq!(exact_decimal(bad), Err(Inexact::NotANumber), "{bad}");
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
        assert_eq!(amount_from_json(&json!("100000.000000000000000000000000001")), None, "never rounded");
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

        /// Whatever digits the user types, an accepted amount prints back as the same number.
        #[test]
        fn accepted_amounts_are_exact(int in "[0-9]{1,32}", frac in "[0-9]{0,32}") {
            let text = if frac.is_empty() { int.clone() } else { format!("{int}.{frac}") };
            if let Ok(d) = parse_amount(&text) {
                let int = int.trim_start_matches('0');
                let frac = frac.trim_end_matches('0');
                let expected = match (int.is_empty(), frac.is_empty()) {
                    (_, true) => int.to_string(),
                    (true, false) => format!("0.{frac}"),
                    (false, false) => format!("{int}.{frac}"),
                };
                prop_assert_eq!(d.to_string(), expected);
            }
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
