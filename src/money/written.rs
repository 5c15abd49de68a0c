//! Amounts as people write them: `Rp150.000`, `1,500.00`, `1 500`, `₱50.00`. paycli never guesses
//! which mark groups thousands and which one is the decimal point, so anything but a plain decimal is
//! refused here, with the plain form to write instead. The one place for `--amount`, `--item` and
//! `reconcile` ledger amounts.

use crate::error::{Error, Result};
use rust_decimal::Decimal;

/// An amount as the user typed it; read only once the currency is known (`150.000` is 150 USDT
/// but ambiguous in rupiah).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountText(pub String);

impl AmountText {
    /// The amount in `currency` (the `--currency` given, else the provider's).
    pub fn read(&self, currency: &str) -> Result<Decimal> {
        parse_amount_in(&self.0, currency)
    }
}

/// How many decimals a currency has: IDR none, PHP 2 (centavos), USDT 6. `None`: not one of paycli's.
pub fn minor_digits(currency: &str) -> Option<u32> {
    match currency.trim().to_ascii_uppercase().as_str() {
        "IDR" => Some(0),
        "PHP" => Some(2),
        "USDT" => Some(6),
        _ => None,
    }
}

/// How an amount in `currency` is written on a price tag, for hints (`Rp 150.000`, `₱150,000`).
fn tag(currency: &str, grouped: &str) -> String {
    match currency.trim().to_ascii_uppercase().as_str() {
        "IDR" => format!("Rp {grouped}"),
        "PHP" => format!("₱{grouped}"),
        other => format!("{grouped} {other}"),
    }
}

/// `parse_amount` for an amount in `currency`: also refuses a mark that can only group thousands
/// in that currency (`150.000` or `150,000` rupiah; three "decimals" in pesos).
pub fn parse_amount_in(text: &str, currency: &str) -> Result<Decimal> {
    let t = text.trim();
    if let (Some(digits), Some(scale)) = (thousands_groups(t), minor_digits(currency))
        && scale < 3
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        let shown = crate::values::shown(text);
        let cur = currency.trim().to_ascii_uppercase();
        let why = if scale == 0 {
            format!("{cur} has no minor unit, so the mark can only group thousands")
        } else {
            format!("{cur} has {scale} decimals, so three digits after the mark read as a thousands group")
        };
        let mut hint = format!("for {} write {digits}", tag(&cur, t));
        if scale > 0 && t.matches(['.', ',']).count() == 1 {
            let whole = t.split(['.', ',']).next().unwrap_or(t);
            hint.push_str(&format!("; for {} write {whole}.{}", tag(&cur, whole), "0".repeat(scale as usize)));
        }
        return Err(Error::usage(format!("amount {shown} is ambiguous: {why}")).with_hint(hint));
    }
    super::parse_amount(text)
}

/// The checks `parse_amount` makes before the digits themselves: a currency sign or code, a
/// thousands separator or a decimal comma. `None` when the text is none of these.
pub(super) fn refuse_written_forms(text: &str) -> Option<Error> {
    let t = text.trim();
    let shown = crate::values::shown(text);
    if let Some((currency, number)) = split_currency(t) {
        let plain = plain_form(number, currency).unwrap_or_else(|| "150000".into());
        let hint = match currency {
            Some(c) => format!("write the number alone and the currency as a flag: --amount {plain} --currency {c}"),
            None => {
                format!("write the number alone: --amount {plain}, and the currency with --currency (IDR, PHP or USDT)")
            }
        };
        return Some(Error::usage(format!("amount {shown} has a currency sign or code in it")).with_hint(hint));
    }
    if has_separator(t) {
        let hint = match thousands_groups(t) {
            Some(digits) if t.matches(['.', ',']).count() == 1 && t.contains(',') => {
                let decimal = t.replace(',', ".");
                format!("write {digits} if the comma groups thousands, or {decimal} if it is a decimal comma")
            }
            _ => match plain_form(t, None) {
                Some(plain) => format!("write it without separators, the decimal mark a dot: {plain}"),
                None => "write it without separators, the decimal mark a dot: 1500000 or 1500.50".into(),
            },
        };
        let msg =
            format!("amount {shown} has a thousands separator or a decimal comma, and paycli does not guess which");
        return Some(Error::usage(msg).with_hint(hint));
    }
    None
}

const GROUP_MARKS: [char; 6] = [',', ' ', '\u{a0}', '\u{202f}', '\'', '_'];

/// A mark other than one decimal point between digits: `1,500`, `1 500`, `1.500.000`, `1.500,00`
/// (`1.2.3` is no number at all, not a grouping).
fn has_separator(t: &str) -> bool {
    let digits_and_marks = t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || GROUP_MARKS.contains(&c));
    digits_and_marks && (t.contains(GROUP_MARKS) || (t.matches('.').count() > 1 && thousands_groups(t).is_some()))
}

/// `150.000`, `1,500,000`, `1 500`: one to three digits, then groups of three, one kind of mark.
/// Gives the digits alone.
fn thousands_groups(t: &str) -> Option<String> {
    let mark = t.chars().find(|c| !c.is_ascii_digit())?;
    if mark.is_ascii_digit() || !(mark == '.' || GROUP_MARKS.contains(&mark)) {
        return None;
    }
    let groups: Vec<&str> = t.split(mark).collect();
    let first_ok = (1..=3).contains(&groups[0].len()) && groups[0].bytes().all(|b| b.is_ascii_digit());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok).then(|| groups.concat())
}

/// The plain decimal a written number stands for when only one reading exists: groups with one
/// mark and a different final decimal mark (`1,500.00`, `1.500,00` → `1500.00`), groups alone in a
/// currency without decimals, or an already plain number.
fn plain_form(number: &str, currency: Option<&str>) -> Option<String> {
    let n = number.trim();
    if super::exact_decimal(n).is_ok() && n.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        if currency.and_then(minor_digits) == Some(0) {
            return thousands_groups(n).or_else(|| Some(n.to_string()));
        }
        return Some(n.to_string());
    }
    if let Some(digits) = thousands_groups(n) {
        let mark = n.chars().find(|c| !c.is_ascii_digit())?;
        // A lone comma or dot before three digits reads two ways, except in a currency without decimals.
        if mark != '.' && mark != ',' || currency.and_then(minor_digits) == Some(0) {
            return Some(digits);
        }
        return None;
    }
    let last = n.rfind(['.', ','])?;
    let (whole, frac) = (&n[..last], &n[last + 1..]);
    let decimal_mark = n[last..].chars().next()?;
    let frac_ok = !frac.is_empty() && frac.len() != 3 && frac.bytes().all(|b| b.is_ascii_digit());
    let whole_digits = thousands_groups(whole)?;
    let group_mark = whole.chars().find(|c| !c.is_ascii_digit())?;
    (frac_ok && group_mark != decimal_mark).then(|| format!("{whole_digits}.{frac}"))
}

/// `Rp150000`, `IDR 150000`, `₱50.00`, `$20`, `20.5 USDT`: the currency the sign or code names
/// (`None` for one paycli does not take, like `$`) and the number without it.
fn split_currency(t: &str) -> Option<(Option<&'static str>, &str)> {
    let is_number = |c: char| c.is_ascii_digit() || c == '.' || GROUP_MARKS.contains(&c);
    let start = t.find(is_number)?;
    let end = t.rfind(is_number)? + t[t.rfind(is_number)?..].chars().next()?.len_utf8();
    let (prefix, number, suffix) = (t[..start].trim(), t[start..end].trim(), t[end..].trim());
    let marker = match (prefix.is_empty(), suffix.is_empty()) {
        (true, true) => return None,
        (false, true) => prefix,
        (true, false) => suffix,
        (false, false) => return None,
    };
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let currency = match marker.to_ascii_uppercase().as_str() {
        "RP" | "RP." | "IDR" => Some("IDR"),
        "₱" | "PHP" | "P" => Some("PHP"),
        "USDT" | "USD₮" | "₮" => Some("USDT"),
        "$" | "US$" | "USD" | "€" | "EUR" | "£" | "¥" | "SGD" | "S$" | "MYR" | "RM" | "THB" | "฿" | "VND" | "₫" => {
            None
        }
        _ => return None,
    };
    Some((currency, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str, currency: &str) -> Error {
        parse_amount_in(text, currency).expect_err(text)
    }

    #[test]
    fn rupiah_thousands_marks_are_refused_with_the_plain_form() {
        for (text, plain) in
            [("150.000", "150000"), ("150,000", "150000"), ("1.500.000", "1500000"), ("1,500,000", "1500000")]
        {
            let e = refused(text, "IDR");
            assert_eq!(e.kind, crate::error::ErrorKind::Usage);
            assert!(e.message.contains("ambiguous"), "{text}: {}", e.message);
            let hint = e.hint.unwrap();
            assert_eq!(hint, format!("for Rp {text} write {plain}"));
        }
        assert_eq!(parse_amount_in("150000", "idr").unwrap(), Decimal::from(150_000));
        assert_eq!(
            parse_amount_in("150000.00", "IDR").unwrap(),
            Decimal::from(150_000),
            "two decimals are not a group"
        );
    }

    #[test]
    fn exact_amount_rules_of_pesos_and_usdt_stay() {
        assert_eq!(parse_amount_in("50.00", "PHP").unwrap().to_string(), "50");
        assert_eq!(parse_amount_in("20.500", "USDT").unwrap().to_string(), "20.5");
        assert_eq!(parse_amount_in("150.000", "USDT").unwrap(), Decimal::from(150));
        let e = refused("150.000", "PHP");
        assert_eq!(e.hint.unwrap(), "for ₱150.000 write 150000; for ₱150 write 150.00");
        let e = refused("150,000", "PHP");
        assert!(e.hint.unwrap().starts_with("for ₱150,000 write 150000"));
        let e = refused("150,000", "USDT");
        assert_eq!(e.hint.unwrap(), "write 150000 if the comma groups thousands, or 150.000 if it is a decimal comma");
    }

    #[test]
    fn thousands_separators_are_refused_in_every_currency() {
        for currency in ["IDR", "PHP", "USDT", "XXX"] {
            for (text, plain) in [
                ("1,500.00", "1500.00"),
                ("1.500,00", "1500.00"),
                ("1 500", "1500"),
                ("1\u{a0}500\u{a0}000", "1500000"),
                ("1'500.5", "1500.5"),
                ("1_500", "1500"),
                ("12,345,678.9", "12345678.9"),
            ] {
                let e = refused(text, currency);
                assert!(e.message.contains("thousands separator"), "{text} {currency}: {}", e.message);
                assert!(e.hint.as_deref().unwrap().ends_with(plain), "{text} {currency}: {:?}", e.hint);
            }
        }
        // Marks that give no single reading get the rule, not a guess.
        let e = refused("1,50,000.5.5", "USDT");
        assert!(e.hint.unwrap().contains("without separators"));
    }

    #[test]
    fn currency_signs_and_codes_name_the_plain_form() {
        for (text, hint) in [
            ("Rp150000", "--amount 150000 --currency IDR"),
            ("Rp 150.000", "--amount 150000 --currency IDR"),
            ("Rp150.000", "--amount 150000 --currency IDR"),
            ("IDR 150000", "--amount 150000 --currency IDR"),
            ("150000 IDR", "--amount 150000 --currency IDR"),
            ("₱50.00", "--amount 50.00 --currency PHP"),
            ("PHP 1,500.00", "--amount 1500.00 --currency PHP"),
            ("20.5 USDT", "--amount 20.5 --currency USDT"),
            ("$20", "--amount 20, and the currency with --currency (IDR, PHP or USDT)"),
        ] {
            for currency in ["IDR", "PHP", "USDT"] {
                let e = refused(text, currency);
                assert!(e.message.contains("currency sign or code"), "{text}: {}", e.message);
                assert!(e.hint.as_deref().unwrap().ends_with(hint), "{text}: {:?}", e.hint);
            }
        }
        // Signs, words and exponents keep the plain-decimal message.
        for text in ["-5", "+5", "abc", "1e3", "Rp", "rp-5"] {
            assert!(refused(text, "IDR").message.contains("not a positive decimal"), "{text}");
        }
    }
}
