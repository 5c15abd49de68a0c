//! The create `param` and the seed's field rules, checked before anything is signed or sent.

use super::wire::{CreateParam, Customer, Item};
use super::{CURRENCY, MAX_EXPIRY_SECS, MIN_EXPIRY_SECS, NAME_SPECIALS, format_time};
use crate::error::{Error, Result};
use crate::money;
use crate::providers::CheckoutInput;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Profile settings used when the flags leave them out.
pub struct Defaults<'a> {
    pub callback_url: Option<&'a str>,
    pub redirect_url: Option<&'a str>,
}

/// `mchOrderId`: 10–32 ASCII letters and digits.
pub fn check_order_id(id: &str, what: &str) -> Result<()> {
    let len = id.chars().count();
    if !(10..=32).contains(&len) || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::usage(format!(
            "{what} {id:?} does not fit PayCools' mchOrderId: 10 to 32 letters and digits, nothing else"
        )));
    }
    Ok(())
}

fn centavos(amount: rust_decimal::Decimal, what: &str) -> Result<i64> {
    let minor = money::to_minor_units(amount, 2, CURRENCY).map_err(|e| {
        Error::usage(format!("{what}: {}", e.message)).with_hint("PHP amounts have at most 2 decimals, e.g. 50.00")
    })?;
    if minor < 1 {
        return Err(Error::usage(format!("{what} must be at least 0.01 PHP")));
    }
    Ok(minor)
}

/// Names (customer and item) allow letters, digits and PayCools' listed specials, 1–500 characters.
fn check_name(value: &str, flag: &str) -> Result<()> {
    let len = value.chars().count();
    if !(1..=500).contains(&len) {
        return Err(Error::usage(format!("{flag} must be 1 to 500 characters for PayCools, got {len}")));
    }
    if let Some(bad) = value.chars().find(|c| !(c.is_alphanumeric() || NAME_SPECIALS.contains(*c))) {
        return Err(Error::usage(format!(
            "{flag} contains {bad:?}; PayCools allows letters, digits, spaces and #(),.'\":;@&+ in names"
        )));
    }
    Ok(())
}

/// "Juan Dela Cruz" → ("Juan Dela", Some("Cruz")): the last word is the last name. One word is a
/// first name alone (PayCools marks neither as required, and inventing a last name would be wrong).
pub fn split_name(full: &str) -> (String, Option<String>) {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => (rest.join(" "), Some(last.to_string())),
        _ => (words.join(" "), None),
    }
}

fn check_email(email: &str) -> Result<()> {
    let ok = email.len() <= 128
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if !ok {
        return Err(Error::usage(format!(
            "--customer-email {email:?} is not an email address of at most 128 characters"
        )));
    }
    Ok(())
}

/// 11–14 characters of digits, with an optional leading `+` (international form, +639171234567).
fn check_mobile(mobile: &str) -> Result<()> {
    let digits = mobile.strip_prefix('+').unwrap_or(mobile);
    let len = mobile.chars().count();
    if !(11..=14).contains(&len) || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::usage(format!(
            "--customer-phone {mobile:?} must be 11 to 14 characters of digits (a leading + is allowed), e.g. 09171234567"
        ))
        .with_hint("no spaces or dashes"));
    }
    Ok(())
}

fn check_url(url: &str, flag: &str, max: usize) -> Result<()> {
    let parsed = reqwest::Url::parse(url).map_err(|_| Error::usage(format!("{flag} {url:?} is not a URL")))?;
    if !matches!(parsed.scheme(), "http" | "https") || url.len() > max {
        return Err(Error::usage(format!("{flag} must be an http(s) URL of at most {max} characters for PayCools")));
    }
    Ok(())
}

fn customer(input: &CheckoutInput) -> Result<Option<Customer<'_>>> {
    let mut c = Customer::default();
    if let Some(name) = input.customer_name.as_deref().filter(|n| !n.trim().is_empty()) {
        let (first, last) = split_name(name);
        check_name(&first, "--customer-name")?;
        if let Some(last) = &last {
            check_name(last, "--customer-name")?;
        }
        (c.first_name, c.last_name) = (Some(first), last);
    }
    if let Some(email) = &input.customer_email {
        check_email(email)?;
        c.email = Some(email);
    }
    if let Some(mobile) = &input.customer_phone {
        check_mobile(mobile)?;
        c.mobile = Some(mobile);
    }
    let empty = c.first_name.is_none() && c.email.is_none() && c.mobile.is_none();
    Ok(if empty { None } else { Some(c) })
}

/// `--item`s (unit prices in centavos), else one item carrying the full amount, named after
/// `--product-name` or the order (the PH checkout page marks `items` mandatory); totals must match.
fn items(input: &CheckoutInput, amount: i64) -> Result<Vec<Item<'_>>> {
    if input.items.is_empty() {
        let name = match &input.product_name {
            Some(name) => {
                check_name(name, "--product-name")?;
                Cow::Borrowed(name.as_str())
            }
            None => Cow::Owned(format!("Order {}", input.order_id)),
        };
        return Ok(vec![Item { name, amount, quantity: 1 }]);
    }
    let mut total: i64 = 0;
    let mut out = Vec::new();
    for item in &input.items {
        check_name(&item.name, "--item name")?;
        let unit = centavos(item.unit_price, &format!("--item {:?} price", item.name))?;
        let line = unit
            .checked_mul(i64::from(item.quantity))
            .and_then(|l| total.checked_add(l).map(|t| (l, t)))
            .ok_or_else(|| Error::usage("the --item totals are too large"))?;
        total = line.1;
        out.push(Item { name: Cow::Borrowed(&item.name), amount: unit, quantity: item.quantity });
    }
    if total != amount {
        return Err(Error::usage(format!(
            "the --item totals come to {} PHP but --amount is {} PHP; PayCools requires them to match",
            money::from_minor_units(total, 2),
            money::from_minor_units(amount, 2)
        )));
    }
    Ok(out)
}

/// The fields the PH checkout page marks mandatory, how to fill each, checked before signing.
const MANDATORY: &[(&str, &str)] = &[
    ("customer", "pass --customer-name (and --customer-email, --customer-phone as you have them)"),
    ("items", "pass --item NAME:QTY:UNIT_PRICE or --product-name"),
    ("callbackUrl", "pass --callback-url https://... or set callback_url in the profile"),
    ("redirectUrl", "pass --redirect-url https://... or set redirect_url in the profile"),
];

/// The create `param`, in a fixed field order (the order is what gets signed, so it must not drift).
pub fn create_param(input: &CheckoutInput, now: DateTime<Utc>, defaults: Defaults<'_>) -> Result<Map<String, Value>> {
    let currency = input.currency.as_deref().unwrap_or(CURRENCY);
    if !currency.eq_ignore_ascii_case(CURRENCY) {
        return Err(Error::usage(format!("PayCools only takes PHP, not {currency}")));
    }
    let amount = centavos(input.amount, "--amount")?;
    check_order_id(&input.order_id, "--order-id")?;
    if input.cancel_url.is_some() {
        return Err(Error::usage(
            "PayCools has no cancel URL; drop --cancel-url (--redirect-url is where the payer returns)",
        ));
    }
    let customer = customer(input)?;
    let items = items(input, amount)?;
    let callback_url = input.callback_url.as_deref().or(defaults.callback_url);
    if let Some(url) = callback_url {
        check_url(url, "--callback-url", 256)?;
    }
    let redirect_url = input.redirect_url.as_deref().or(defaults.redirect_url);
    if let Some(url) = redirect_url {
        check_url(url, "--redirect-url", 512)?;
    }
    if let Some(remark) = &input.description {
        let len = remark.chars().count();
        if !(1..=256).contains(&len) {
            return Err(Error::usage(format!(
                "--description becomes PayCools' remark: 1 to 256 characters, got {len}"
            )));
        }
    }
    let mut expire_time = None;
    if let Some(d) = input.expires_in {
        if !(MIN_EXPIRY_SECS..=MAX_EXPIRY_SECS).contains(&d.as_secs()) {
            return Err(Error::usage(
                "--expires-in for PayCools must be between 1m and 1d (PayCools allows at most one day)",
            ));
        }
        expire_time = Some(format_time(now + chrono::Duration::seconds(d.as_secs() as i64)));
    }
    let param = CreateParam {
        mch_order_id: &input.order_id,
        currency: CURRENCY,
        amount,
        customer,
        items,
        callback_url,
        redirect_url,
        remark: input.description.as_deref(),
        expire_time,
        timestamp: now.timestamp_millis(),
    };
    // Checked after `--set`, which may supply a field itself.
    let p = crate::providers::wire::with_extra(&param, &input.extra)?;
    // PayCools answers a missing one with code 1009 after the fact; say so before sending.
    if let Some((field, how)) = MANDATORY.iter().find(|(field, _)| p.get(*field).is_none_or(Value::is_null)) {
        return Err(Error::usage(format!(
            "PayCools requires `{field}` on every checkout (the PH checkout page marks it mandatory)"
        ))
        .with_hint(*how));
    }
    Ok(p)
}
