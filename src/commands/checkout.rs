//! `paycli checkout create`.

use super::App;
use crate::cli::CheckoutArgs;
use crate::error::{Error, Result};
use crate::model::CheckoutRecord;
use crate::ops::create_checkout;
use crate::ops::record::record_checkout;
use crate::output;
use crate::providers::{CheckoutInput, LineItem};
use chrono::{SubsecRound, Utc};

pub async fn run(app: &App, args: CheckoutArgs) -> Result<u8> {
    let (profile, gateway) = app.gateway()?;
    let currency =
        args.currency.clone().unwrap_or_else(|| crate::providers::default_currency(gateway.provider()).to_string());
    let mut input = input_from_args(&args, &currency)?;
    let now = Utc::now().trunc_subsecs(3);
    if input.order_id.is_empty() {
        input.order_id = gateway.new_order_id(now);
    }
    if args.dry_run {
        let req = gateway.checkout_request(&input, now)?;
        output::print_exact(&(serde_json::to_string_pretty(&req.dry_run_json()).expect("json") + "\n"))?;
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

/// Every amount read in `currency`, so `150.000` rupiah is refused (README, "checkout create").
fn input_from_args(args: &CheckoutArgs, currency: &str) -> Result<CheckoutInput> {
    let items = args.items.iter().map(|i| i.read(currency)).collect::<Result<Vec<_>>>()?;
    let amount = match &args.amount {
        Some(amount) => amount.read(currency)?,
        None => items_total(&items)?,
    };
    Ok(CheckoutInput {
        order_id: args.order_id.clone().unwrap_or_default(),
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
        expires_in: args.expires_in,
        extra: args.set.clone(),
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
