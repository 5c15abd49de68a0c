use super::*;
use crate::error::ErrorKind;
use crate::providers::LineItem;
use serde_json::json;
use std::str::FromStr;

const FIXTURE_KEY: &str = "a7Kq2ZxT9mWb4LpR";

fn gateway() -> CashyGateway {
    let table: toml::Table = format!(
        "provider = \"cashy\"\nbase_url = \"https://cashier.example\"\nmerchant_id = \"3006075\"\napi_key = \"{FIXTURE_KEY}\"\nnotify_url = \"https://shop.example/hooks/cashy\""
    )
    .parse()
    .unwrap();
    let profile = Profile::from_table("t", table).unwrap();
    CashyGateway {
        profile: "t".into(),
        base_url: profile.base_url().unwrap(),
        merchant_id: profile.require_str("merchant_id").unwrap(),
        api_key: profile.secret("api_key").unwrap(),
        notify_url: profile.str("notify_url").unwrap(),
    }
}

fn input() -> CheckoutInput {
    CheckoutInput {
        order_id: "ORDER123".into(),
        amount: rust_decimal::Decimal::from(150000),
        customer_name: Some("Budi Santoso".into()),
        ..Default::default()
    }
}

fn usage_error(i: CheckoutInput) -> String {
    let e = gateway().checkout_request(&i, Utc::now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage, "{}", e.message);
    e.message
}

#[test]
fn sign_matches_md5sum_vector() {
    // printf '%s%s' '{"mchOrderNo":"ORDER1","nonceStr":"n1"}' 'a7Kq2ZxT9mWb4LpR' | md5sum
    let req = gateway().signed("/api/payDeskQuery", br#"{"mchOrderNo":"ORDER1","nonceStr":"n1"}"#.to_vec()).unwrap();
    assert_eq!(req.header_value("Sign"), Some("654A97A5DCC453B5EE0695402112059E"));
    assert_eq!(req.header_value("MerchantId"), Some("3006075"));
    assert_eq!(req.url, "https://cashier.example/api/payDeskQuery");
}

#[test]
fn create_body_has_the_documented_fields() {
    let req = gateway().checkout_request(&input(), Utc::now()).unwrap();
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(body["amount"], json!(150000));
    assert_eq!(body["currency"], "IDR");
    assert_eq!(body["reusableStatus"], false);
    assert_eq!(body["mchOrderNo"], "ORDER123");
    assert_eq!(body["expireTime"], 3600);
    assert_eq!(body["notifyUrl"], "https://shop.example/hooks/cashy");
    assert_eq!(body["realName"], "Budi Santoso");
    assert!(body["nonceStr"].as_str().unwrap().len() <= 32);
}

#[test]
fn validation_rules() {
    let mut i = input();
    i.currency = Some("USD".into());
    assert!(usage_error(i).contains("only takes IDR"));
    let mut i = input();
    i.amount = rust_decimal::Decimal::from(9999);
    assert!(usage_error(i).contains("minimum amount"));
    let mut i = input();
    i.amount = rust_decimal::Decimal::from_str("15000.5").unwrap();
    assert!(usage_error(i).contains("decimal place"));
    let mut i = input();
    i.order_id = "X".repeat(33);
    assert!(usage_error(i).contains("at most 32"));
    let mut i = input();
    i.order_id = "bad id!".into();
    assert!(usage_error(i).contains("letters, digits"));
    let mut i = input();
    i.callback_url = Some("ftp://shop.example/x".into());
    assert!(usage_error(i).contains("http(s)"));
    let mut i = input();
    i.callback_url = Some("not a url".into());
    assert!(usage_error(i).contains("not a URL"));
    let mut i = input();
    i.customer_name = None;
    assert!(usage_error(i).contains("payer's name"));
    let mut i = input();
    i.customer_name = Some("N".repeat(65));
    assert!(usage_error(i).contains("realName allows at most 64"));
    let mut i = input();
    i.customer_name = Some("N".repeat(64));
    assert!(gateway().checkout_request(&i, Utc::now()).is_ok(), "64 characters fit realName");
    let mut i = input();
    i.customer_email = Some(format!("{}@x.example", "e".repeat(30)));
    assert!(usage_error(i).contains("email"));
    let mut i = input();
    i.items = vec![LineItem { name: "a".into(), quantity: 1, unit_price: i.amount }];
    assert!(usage_error(i).contains("line items"));
    let mut i = input();
    i.expires_in = Some(std::time::Duration::from_secs(5));
    assert!(usage_error(i).contains("--expires-in"));
}

#[test]
fn missing_notify_url_is_a_usage_error_with_hint() {
    let mut g = gateway();
    g.notify_url = None;
    let e = g.checkout_request(&input(), Utc::now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage);
    assert!(e.hint.unwrap().contains("--callback-url"));
}

fn capture(raw: Vec<u8>) -> CapturedRequest {
    CapturedRequest::parse("fixture", raw, &[]).unwrap()
}

fn opts() -> VerifyOptions {
    VerifyOptions::new(Utc::now(), chrono::Duration::minutes(5))
}

#[test]
fn real_callback_fixture_verifies() {
    let raw = include_bytes!("../../../tests/fixtures/cashy/callback.http").to_vec();
    let v = gateway().verify_callback(&capture(raw), &opts()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert_eq!(v.claims.order_id.as_deref(), Some("cashypay_65543616"));
    assert_eq!(v.claims.status, Status::Paid);
    assert_eq!(v.claims.amount, Some(rust_decimal::Decimal::from(20000)));
    assert_eq!(v.claims.fee, Some(rust_decimal::Decimal::from(800)));
    assert_eq!(v.ack.as_deref(), Some("SUCCESS"));
}

#[test]
fn one_changed_byte_is_a_mismatch() {
    let mut raw = include_bytes!("../../../tests/fixtures/cashy/callback.http").to_vec();
    let pos = raw.windows(7).position(|w| w == b"20000.0").unwrap();
    raw[pos] = b'9';
    let v = gateway().verify_callback(&capture(raw), &opts()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
}

#[test]
fn missing_sign_and_foreign_merchant() {
    let body = include_bytes!("../../../tests/fixtures/cashy/callback-body.json").to_vec();
    let v = gateway().verify_callback(&capture(body.clone()), &opts()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Missing);
    let c = CapturedRequest::parse(
        "f",
        body,
        &[("Sign".into(), "04355e29e0a46e33e08882079811ba9d".into()), ("MerchantId".into(), "999".into())],
    )
    .unwrap();
    let v = gateway().verify_callback(&c, &opts()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert!(v.reason.unwrap().contains("merchant_id"));
}

#[test]
fn status_words_and_times() {
    let map_status = |w: &str| Status::from(&wire::OrderStatus(w.into()));
    let parse_time = |t: &str| crate::providers::wire::parse_time(t, wire::wib());
    assert_eq!(map_status("PAYING"), Status::Pending);
    assert_eq!(map_status("SUCCESS"), Status::Paid);
    assert_eq!(map_status("FAIL"), Status::Failed);
    assert_eq!(map_status("PROCESSING"), Status::Pending);
    assert_eq!(map_status("CANCEL"), Status::Failed);
    assert_eq!(map_status("REFUNDED"), Status::Unknown);
    assert_eq!(crate::model::format_time(&parse_time("2024-07-30 15:31:10").unwrap()), "2024-07-30T08:31:10Z");
}

#[test]
fn refusals_carry_hints() {
    let resp =
        HttpResponse { status: 200, headers: vec![], body: br#"{"code":400,"msg":"Sign_verify_error"}"#.to_vec() };
    let e = gateway().status_response(&StatusQuery { id: "A".into(), ..Default::default() }, &resp).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Provider);
    assert!(e.message.contains("Sign_verify_error"));
    assert!(e.hint.unwrap().contains("api_key"));
    assert!(hint_for("Params_amount_error").contains("amount"));
    assert!(hint_for("System_busy").contains("try again"));
    let html = HttpResponse { status: 502, headers: vec![], body: b"<html>bad gateway</html>".to_vec() };
    let e = gateway().status_response(&StatusQuery { id: "A".into(), ..Default::default() }, &html).unwrap_err();
    assert!(e.message.contains("not JSON") && e.message.contains("bad gateway"));
}
