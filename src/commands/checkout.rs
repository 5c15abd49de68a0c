//! `paycli checkout create`.

use super::App;
use crate::cli::CheckoutArgs;
use crate::error::{Error, Result};
use crate::model::CheckoutRecord;
use crate::money;
use crate::ops::create_checkout;
use crate::ops::record::record_checkout;
use crate::output;
use crate::providers::{CheckoutInput, LineItem};
use chrono::{SubsecRound, Utc};

pub async fn run(app: &App, args: CheckoutArgs) -> Result<u8> {
    let (profile, gateway) = app.gateway()?;
    let mut input = input_from_args(&args)?;
    let now = Utc::now().trunc_subsecs(3);
    if input.order_id.is_empty() {
        input.order_id = gateway.new_order_id(now);
    }
    if args.dry_run {
        let req = gateway.checkout_request(&input, now)?;
        output::print(&(serde_json::to_string_pretty(&req.dry_run_json()).expect("json") + "\n"))?;
        return Ok(0);
    }
    let http = app.http(Some(&profile))?;
    let record = create_checkout(&http, gateway.as_ref(), &input, args.retry_safe).await?;
    // The checkout exists at the provider now; a journal problem must not hide its URL.
    record_checkout(app.journal(), &record);
    let mut sink = app.sink::<CheckoutRecord>(false);
    sink.push(&record)?;
    sink.finish()?;
    if args.qr {
        match &record.checkout_url {
            // stderr, so stdout stays the record a script reads.
            Some(url) => output::stderr_text(&terminal_qr(url)?),
            None => output::warn("no checkout URL came back, so there is no QR code to show"),
        }
    }
    Ok(0)
}

/// The URL as a QR code in Unicode half blocks, dark on light with the quiet zone phones need.
pub fn terminal_qr(text: &str) -> Result<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| Error::usage(format!("the checkout URL cannot be drawn as a QR code: {e}")))?;
    let art =
        code.render::<Dense1x2>().dark_color(Dense1x2::Light).light_color(Dense1x2::Dark).quiet_zone(true).build();
    Ok(format!("{art}\n{text}\n"))
}

fn input_from_args(args: &CheckoutArgs) -> Result<CheckoutInput> {
    let items = args.items.iter().map(|s| parse_item(s)).collect::<Result<Vec<_>>>()?;
    let amount = match &args.amount {
        Some(text) => money::parse_amount(text)?,
        None => items_total(&items)?,
    };
    let extra = args.set.iter().map(|s| parse_set(s)).collect::<Result<Vec<_>>>()?;
    let expires_in = args.expires_in.as_deref().map(|t| super::parse_duration("--expires-in", t)).transpose()?;
    if let Some(id) = &args.order_id
        && id.trim().is_empty()
    {
        return Err(Error::usage("--order-id must not be empty"));
    }
    let order_id =
        args.order_id.as_deref().map(|id| crate::ops::batch::input::checked_id("--order-id", id)).transpose()?;
    Ok(CheckoutInput {
        order_id: order_id.unwrap_or_default(),
        amount,
        currency: args.currency.clone(),
        customer_name: args.customer_name.clone(),
        customer_email: args.customer_email.clone(),
        customer_phone: args.customer_phone.clone(),
        product_name: args.product_name.clone(),
        description: args.description.clone(),
        items,
        callback_url: args.callback_url.clone(),
        redirect_url: args.redirect_url.clone(),
        cancel_url: args.cancel_url.clone(),
        expires_in,
        extra,
    })
}

/// What the line items add up to: the amount when `--amount` is not given.
fn items_total(items: &[LineItem]) -> Result<rust_decimal::Decimal> {
    if items.is_empty() {
        return Err(Error::usage("--amount is required").with_hint("pass --amount, or --item NAME:QTY:UNIT_PRICE"));
    }
    items.iter().try_fold(rust_decimal::Decimal::ZERO, |sum, i| {
        i.unit_price
            .checked_mul(rust_decimal::Decimal::from(i.quantity))
            .and_then(|line| sum.checked_add(line))
            .ok_or_else(|| Error::usage("the items' total is too large to hold exactly"))
    })
}

/// `NAME:QTY:UNIT_PRICE`; the name may itself contain colons.
pub fn parse_item(text: &str) -> Result<LineItem> {
    let bad = || Error::usage(format!("--item {text:?} is not NAME:QTY:UNIT_PRICE (e.g. 'Standard Plan:1:20.5')"));
    let mut parts = text.rsplitn(3, ':');
    let (Some(price), Some(qty), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    if name.trim().is_empty() {
        return Err(bad());
    }
    let quantity: u32 = qty.trim().parse().map_err(|_| bad())?;
    if quantity == 0 {
        return Err(Error::usage(format!("--item {text:?}: the quantity must be at least 1")));
    }
    let unit_price = money::parse_amount(price)?;
    Ok(LineItem { name: name.trim().to_string(), quantity, unit_price })
}

/// `KEY=TEXT` sends a string; `KEY:=JSON` sends raw JSON (a number, bool, object...).
pub fn parse_set(text: &str) -> Result<(String, serde_json::Value)> {
    if let Some((k, v)) = text.split_once(":=")
        && !k.contains('=')
    {
        let value = serde_json::from_str(v)
            .map_err(|e| Error::usage(format!("--set {text:?}: the value after := is not JSON: {e}")))?;
        return check_key(k).map(|k| (k, value));
    }
    let (k, v) =
        text.split_once('=').ok_or_else(|| Error::usage(format!("--set {text:?} is not KEY=VALUE or KEY:=JSON")))?;
    check_key(k).map(|k| (k, serde_json::Value::String(v.to_string())))
}

fn check_key(k: &str) -> Result<String> {
    if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::usage(format!("--set key {k:?} must be letters, digits or _")));
    }
    Ok(k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items() {
        let i = parse_item("Plan: Pro:2:20.5").unwrap();
        assert_eq!((i.name.as_str(), i.quantity, i.unit_price.to_string().as_str()), ("Plan: Pro", 2, "20.5"));
        for bad in ["x", "x:1", ":1:2", "x:0:1", "x:a:1", "x:1:-1", "x:1:"] {
            assert!(parse_item(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn set_fields() {
        assert_eq!(parse_set("remark=hi=there").unwrap(), ("remark".into(), serde_json::json!("hi=there")));
        assert_eq!(parse_set("expireTime:=600").unwrap(), ("expireTime".into(), serde_json::json!(600)));
        assert!(parse_set("x:=nope").is_err());
        assert!(parse_set("novalue").is_err());
        assert!(parse_set("bad key=1").is_err());
    }
}
