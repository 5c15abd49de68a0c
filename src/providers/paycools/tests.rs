//! Vectors come from tests/fixtures/paycools (made by openssl and sha1sum, see its README.md).

use super::*;
use crate::error::ErrorKind;
use crate::model::SignatureCheck;
use crate::providers::LineItem;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../tests/fixtures/paycools/", $name))
    };
}

const KEY_2048: &str = fixture!("key-2048.pem");
const KEY_2048_B64: &str = fixture!("key-2048.pk8.b64");
const KEY_4096: &str = fixture!("key-4096.pem");
const PUB_2048_B64: &str = fixture!("key-2048.pub.b64");
const PUB_4096: &str = fixture!("key-4096.pub.pem");
const LEGACY_SECRET: &str = "fixture-callback-secret-7Qx";

fn profile_with(extra: &[(&str, &str)]) -> Profile {
    let mut t = toml::Table::new();
    for (k, v) in [
        ("provider", "paycools"),
        ("base_url", "https://api-uat.paycools.com/"),
        ("app_id", "f90addc4861540ef9312e87d8f360e08"),
        ("app_name", "My Shop"),
        ("private_key", KEY_2048),
        ("platform_public_key", PUB_2048_B64),
        ("callback_secret", LEGACY_SECRET),
    ]
    .iter()
    .chain(extra)
    {
        t.insert(k.to_string(), v.to_string().into());
    }
    Profile::from_table("t", t).unwrap()
}

fn gateway_with(extra: &[(&str, &str)]) -> PaycoolsGateway {
    PaycoolsGateway::from_profile(&profile_with(extra)).unwrap()
}

fn gateway_without(key: &str) -> PaycoolsGateway {
    let mut t = profile_with(&[]).table().clone();
    t.remove(key);
    PaycoolsGateway::from_profile(&Profile::from_table("t", t).unwrap()).unwrap()
}

fn gateway() -> PaycoolsGateway {
    gateway_with(&[])
}

/// 2024-05-01 04:00:00 UTC = 12:00:00 in Manila.
fn fixed_now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(1_714_536_000_000).unwrap()
}

/// The order in create-param.json.
fn input() -> CheckoutInput {
    CheckoutInput {
        order_id: "PCT20240501ABC123".into(),
        amount: Decimal::from(50),
        customer_name: Some("Juan Dela Cruz".into()),
        customer_email: Some("juan@example.ph".into()),
        customer_phone: Some("09171234567".into()),
        product_name: Some("Adobo Kit".into()),
        callback_url: Some("https://shop.example/hooks/paycools".into()),
        redirect_url: Some("https://shop.example/thanks".into()),
        expires_in: Some(std::time::Duration::from_secs(1800)),
        ..Default::default()
    }
}

fn envelope(g: &PaycoolsGateway, i: &CheckoutInput) -> Value {
    let req = g.checkout_request(i, fixed_now()).unwrap();
    assert_eq!(req.url, "https://api-uat.paycools.com/api/v1/checkout");
    assert_eq!(req.header_value("Content-Type"), Some("application/json"));
    serde_json::from_slice(&req.body).unwrap()
}

fn param(g: &PaycoolsGateway, i: &CheckoutInput) -> Value {
    serde_json::from_str(envelope(g, i)["param"].as_str().unwrap()).unwrap()
}

#[test]
fn envelope_sorted_signature_matches_openssl() {
    let body = envelope(&gateway(), &input());
    assert_eq!(body["appId"], "f90addc4861540ef9312e87d8f360e08");
    assert_eq!(body["appName"], "My Shop");
    assert_eq!(body["param"].as_str().unwrap(), fixture!("create-param.json"));
    assert_eq!(body["sign"].as_str().unwrap(), fixture!("create-envelope-sorted.sig"));
}

#[test]
fn param_only_signature_matches_openssl() {
    let body = envelope(&gateway_with(&[("sign_mode", "param_only")]), &input());
    assert_eq!(body["param"].as_str().unwrap(), fixture!("create-param.json"));
    assert_eq!(body["sign"].as_str().unwrap(), fixture!("create-param-only.sig"));
}

#[test]
fn empty_app_name_is_dropped_from_envelope_and_signed_string() {
    let body = envelope(&gateway_with(&[("app_name", "")]), &input());
    assert!(body.get("appName").is_none());
    assert_eq!(body["sign"].as_str().unwrap(), fixture!("create-envelope-sorted-noname.sig"));
}

#[test]
fn bare_base64_pkcs8_and_4096_bit_keys_sign_like_openssl() {
    let body = envelope(&gateway_with(&[("private_key", KEY_2048_B64)]), &input());
    assert_eq!(body["sign"].as_str().unwrap(), fixture!("create-envelope-sorted.sig"));
    let body = envelope(&gateway_with(&[("private_key", KEY_4096)]), &input());
    assert_eq!(body["sign"].as_str().unwrap(), fixture!("create-envelope-sorted-4096.sig"));
}

#[test]
fn bad_sign_mode_and_bad_key_are_config_errors() {
    let e = PaycoolsGateway::from_profile(&profile_with(&[("sign_mode", "sorted")])).err().unwrap();
    assert_eq!(e.kind, ErrorKind::Config);
    assert!(e.hint.unwrap().contains("param_only"));
    let g = gateway_with(&[("private_key", "bm90IGEga2V5")]);
    let e = g.checkout_request(&input(), fixed_now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Config);
    assert!(e.message.contains("private_key") && !e.message.contains("bm90IGEga2V5"));
}

#[test]
fn amounts_become_centavos() {
    for (major, minor) in [("0.01", 1), ("50", 5000), ("50.5", 5050), ("1234567.89", 123_456_789)] {
        let mut i = input();
        i.amount = Decimal::from_str(major).unwrap();
        i.product_name = None;
        assert_eq!(param(&gateway(), &i)["amount"], json!(minor), "{major}");
    }
    for bad in ["1.234", "-5"] {
        let mut i = input();
        i.amount = Decimal::from_str(bad).unwrap();
        assert_eq!(usage(i).kind, ErrorKind::Usage, "{bad}");
    }
}

fn usage(i: CheckoutInput) -> Error {
    let e = gateway().checkout_request(&i, fixed_now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage, "{}", e.message);
    e
}

fn rejects(change: impl FnOnce(&mut CheckoutInput), words: &str) {
    let mut i = input();
    change(&mut i);
    let e = usage(i);
    assert!(e.message.contains(words), "{:?} lacks {words:?}", e.message);
}

#[test]
fn validation_rules() {
    rejects(|i| i.order_id = "SHORT1234".into(), "10 to 32");
    rejects(|i| i.order_id = "A".repeat(33), "10 to 32");
    rejects(|i| i.order_id = "PCT-20240501-ABC".into(), "letters and digits");
    rejects(|i| i.currency = Some("USD".into()), "only takes PHP");
    rejects(|i| i.amount = Decimal::from_str("1.234").unwrap(), "decimal");
    rejects(|i| i.customer_name = Some("Juan <script>".into()), "--customer-name");
    rejects(|i| i.customer_email = Some("juan.example.ph".into()), "--customer-email");
    rejects(|i| i.customer_phone = Some("0917123456".into()), "11 to 14");
    rejects(|i| i.customer_phone = Some("091712345678901".into()), "11 to 14");
    rejects(|i| i.customer_phone = Some("0917-123-4567".into()), "11 to 14");
    rejects(|i| i.product_name = Some("Adobo Kit\u{2122}".into()), "--product-name");
    rejects(|i| i.callback_url = Some("ftp://shop.example/x".into()), "http(s)");
    rejects(|i| i.callback_url = Some(format!("https://shop.example/{}", "x".repeat(240))), "256");
    rejects(|i| i.redirect_url = Some("not a url".into()), "not a URL");
    rejects(|i| i.cancel_url = Some("https://shop.example/c".into()), "cancel");
    rejects(|i| i.expires_in = Some(std::time::Duration::from_secs(86_401)), "1d");
    rejects(|i| i.expires_in = Some(std::time::Duration::from_secs(59)), "1m");
    rejects(|i| i.description = Some("d".repeat(257)), "256");
    rejects(
        |i| i.items = vec![LineItem { name: "Adobo Kit".into(), quantity: 3, unit_price: Decimal::from(20) }],
        "60.00 PHP but --amount is 50.00",
    );
}

#[test]
fn accepted_variants() {
    let mut i = input();
    i.customer_phone = Some("+639171234567".into());
    i.customer_name = Some("Cher".into());
    i.items = vec![
        LineItem { name: "Adobo Kit".into(), quantity: 2, unit_price: Decimal::from_str("12.5").unwrap() },
        LineItem { name: "Rice (1kg)".into(), quantity: 1, unit_price: Decimal::from(25) },
    ];
    i.expires_in = Some(std::time::Duration::from_secs(86_400));
    i.description = Some("Gift wrap".into());
    i.extra = vec![("availableChannelCodes".into(), json!("GCASH,MAYA")), ("metadata".into(), json!("x=1"))];
    let p = param(&gateway(), &i);
    assert_eq!(p["customer"], json!({"firstName": "Cher", "email": "juan@example.ph", "mobile": "+639171234567"}));
    assert_eq!(
        p["items"],
        json!([{"name": "Adobo Kit", "amount": 1250, "quantity": 2}, {"name": "Rice (1kg)", "amount": 2500, "quantity": 1}])
    );
    assert_eq!(p["expireTime"], "2024-05-02 12:00:00");
    assert_eq!(p["remark"], "Gift wrap");
    assert_eq!(p["availableChannelCodes"], "GCASH,MAYA");
    assert_eq!(p["metadata"], "x=1");
    assert_eq!(p["timestamp"], json!(1_714_536_000_000i64));
}

#[test]
fn profile_urls_fill_in_and_names_split_on_the_last_word() {
    let g = gateway_with(&[("callback_url", "https://p.example/cb"), ("redirect_url", "https://p.example/back")]);
    let mut i = input();
    i.callback_url = None;
    i.redirect_url = None;
    let p = param(&g, &i);
    assert_eq!(
        (p["callbackUrl"].as_str(), p["redirectUrl"].as_str()),
        (Some("https://p.example/cb"), Some("https://p.example/back"))
    );
    assert_eq!(request::split_name("  Juan   Dela Cruz "), ("Juan Dela".into(), Some("Cruz".into())));
    assert_eq!(request::split_name("Cher"), ("Cher".into(), None));
}

#[test]
fn status_request_param() {
    let req = gateway()
        .status_request(&StatusQuery { id: "PCT20240501ABC123".into(), ..Default::default() }, fixed_now())
        .unwrap();
    assert_eq!(req.url, "https://api-uat.paycools.com/api/v1/checkout/state");
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(body["param"], r#"{"mchOrderId":"PCT20240501ABC123","timestamp":1714536000000}"#);
    let e = gateway().status_request(&StatusQuery { id: "x".into(), ..Default::default() }, fixed_now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage);
}

fn resp(body: &str) -> HttpResponse {
    HttpResponse { status: 200, headers: vec![], body: body.as_bytes().to_vec() }
}

fn status_of(body: &str) -> Result<StatusRecord> {
    gateway().status_response(&StatusQuery { id: "PCT20240501ABC123".into(), ..Default::default() }, &resp(body))
}

#[test]
fn status_words_and_amounts() {
    for (word, want) in [
        ("PENDING", Status::Pending),
        ("COMPLETE", Status::Paid),
        ("COMPLETED", Status::Paid),
        ("FAILED", Status::Failed),
        ("CLOSED", Status::Expired),
        ("REFUNDED", Status::Unknown),
    ] {
        assert_eq!(Status::from(&wire::TransactionStatus(word.into())), want, "{word}");
    }
    let r = status_of(r#"{"code":10000,"message":"Success","data":{"mchOrderId":"PCT20240501ABC123","checkoutId":"CH1","amount":123456789,"transactionStatus":"COMPLETED","createTime":"2024-05-01 12:00:00","returnTime":"2024-05-01 12:05:10","channelCode":"GCASH"}}"#).unwrap();
    assert_eq!(r.order.status, Status::Paid);
    assert_eq!(r.order.amount.unwrap().to_string(), "1234567.89");
    assert_eq!(r.order.currency.as_deref(), Some("PHP"));
    assert_eq!(r.order.channel.as_deref(), Some("GCASH"));
    assert_eq!(crate::model::format_time(&r.paid_at.unwrap()), "2024-05-01T04:05:10Z");
    let r = status_of(r#"{"code":1000,"data":{"amount":"5000","transactionStatus":"PENDING"}}"#).unwrap();
    assert_eq!(
        (r.order.status, r.order.amount.unwrap().to_string().as_str(), r.paid_at),
        (Status::Pending, "50.00", None)
    );
}

#[test]
fn refusal_codes() {
    let e = status_of(r#"{"code":1003,"message":"request sign is invalid"}"#).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Provider);
    assert!(e.message.contains("1003") && e.hint.unwrap().contains("sign_mode"));
    let e = status_of(r#"{"code":1008,"message":"order not exist"}"#).unwrap_err();
    assert!(e.message.contains("not found") && !e.retryable);
    let e = status_of(r#"{"code":1009,"message":"param error: customer.mobile is invalid"}"#).unwrap_err();
    assert!(e.message.contains("customer.mobile"));
    for code in [1013, 1018] {
        let e = status_of(&format!(r#"{{"code":{code},"message":"busy"}}"#)).unwrap_err();
        assert!(e.retryable, "{code}");
    }
    let e = gateway()
        .checkout_response(&input(), &resp(r#"{"code":1012,"message":"mchOrderId repeat"}"#), fixed_now())
        .unwrap_err();
    assert!(e.hint.unwrap().contains("paycli status check"));
    assert!(
        status_of(r#"{"code":1002,"message":"merchant white ip forbidden"}"#)
            .unwrap_err()
            .hint
            .unwrap()
            .contains("whitelisted")
    );
    let c = gateway()
        .checkout_response(&input(), &resp(r#"{"code":1000,"message":"success","data":{"redirectUrl":"https://a.api-uat.paycools.com/1L9zPnp","transactionStatus":"PENDING","checkoutId":"CH1175676368800878371"}}"#), fixed_now())
        .unwrap();
    assert_eq!(c.checkout_url.as_deref(), Some("https://a.api-uat.paycools.com/1L9zPnp"));
    assert_eq!(c.provider_ref.as_deref(), Some("CH1175676368800878371"));
    assert_eq!((c.status, c.amount.unwrap().to_string().as_str()), (Status::Pending, "50.00"));
    assert_eq!(crate::model::format_time(&c.expires_at.unwrap()), "2024-05-01T04:30:00Z");
}

fn verify(g: &PaycoolsGateway, body: &[u8]) -> CallbackVerdict {
    let c = CapturedRequest::parse("fixture", body.to_vec(), &[]).unwrap();
    let opts = VerifyOptions::new(Utc::now(), chrono::Duration::minutes(5));
    g.verify_callback(&c, &opts).unwrap()
}

/// Changes the first occurrence of `from` (same length) inside the body.
fn tampered(body: &str, from: &str, to: &str) -> Vec<u8> {
    assert!(body.contains(from));
    body.replacen(from, to, 1).into_bytes()
}

#[test]
fn envelope_callback() {
    let body = fixture!("callback-envelope.json");
    let v = verify(&gateway(), body.as_bytes());
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert_eq!(v.ack.as_deref(), Some(r#"{"code":10000,"message":"Success"}"#));
    assert_eq!(v.claims.order_id.as_deref(), Some("PCT20240501ABC123"));
    assert_eq!(v.claims.provider_ref.as_deref(), Some("CH1175676368800878371"));
    assert_eq!((v.claims.status, v.claims.amount.map(|a| a.to_string())), (Status::Paid, Some("50.00".into())));
    assert_eq!(v.claims.channel.as_deref(), Some("GCASH"));
    let v = verify(&gateway(), &tampered(body, "5000", "9000"));
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    let v =
        verify(&gateway_with(&[("platform_public_key", PUB_4096)]), fixture!("callback-envelope-4096.json").as_bytes());
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    let v = verify(&gateway(), fixture!("callback-envelope-4096.json").as_bytes());
    assert_eq!(v.signature, SignatureCheck::Mismatch, "signed by another key");
}

#[test]
fn flat_rsa_callback() {
    let body = fixture!("callback-flat.json");
    let v = verify(&gateway(), body.as_bytes());
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert_eq!(v.ack.as_deref(), Some(r#"{"code":1,"msg":"success","data":{}}"#));
    assert_eq!((v.claims.status, v.claims.provider_status.as_deref()), (Status::Paid, Some("COMPLETE")));
    assert_eq!(v.claims.channel.as_deref(), Some("MAYA"));
    assert_eq!(verify(&gateway(), &tampered(body, "MAYA", "BPI0")).signature, SignatureCheck::Mismatch);
    let v = verify(&gateway_without("platform_public_key"), body.as_bytes());
    assert_eq!(v.signature, SignatureCheck::Unverifiable);
}

/// The signed text keeps values as written: `5000.00` (not `5000.0`) and the unescaped remark.
#[test]
fn flat_rsa_callback_with_a_decimal_amount_and_escapes() {
    let body = fixture!("callback-flat-decimal.json");
    let v = verify(&gateway(), body.as_bytes());
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert_eq!(v.claims.amount.map(|a| a.to_string()).as_deref(), Some("50.00"));
    // The same value written differently is a different signed text.
    assert_eq!(verify(&gateway(), &tampered(body, "5000.00", "5000.0")).signature, SignatureCheck::Mismatch);
    assert_eq!(verify(&gateway(), &tampered(body, "JD", "JR")).signature, SignatureCheck::Mismatch);
}

#[test]
fn legacy_sha1_callback() {
    let body = fixture!("callback-legacy.json");
    let v = verify(&gateway(), body.as_bytes());
    assert_eq!(v.signature, SignatureCheck::LegacyOk, "{:?}", v.reason);
    assert_eq!(v.ack.as_deref(), Some(r#"{"code":1,"msg":"success","data":{}}"#));
    assert_eq!(v.claims.status, Status::Failed);
    assert_eq!(v.claims.amount.map(|a| a.to_string()).as_deref(), Some("1250.50"));
    assert_eq!(verify(&gateway(), &tampered(body, "E102", "E103")).signature, SignatureCheck::Mismatch);
    let v = verify(&gateway_with(&[("callback_secret", "another-secret")]), body.as_bytes());
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert_eq!(verify(&gateway_without("callback_secret"), body.as_bytes()).signature, SignatureCheck::Unverifiable);
}

#[test]
fn missing_sign_and_failed_event() {
    let v = verify(&gateway(), br#"{"eventName":"h5.payment.failed","mchOrderId":"PCT20240501ABC123","amount":5000}"#);
    assert_eq!(v.signature, SignatureCheck::Missing);
    assert_eq!(v.claims.status, Status::Failed);
    let v = verify(&gateway(), br#"{"param":"{}"}"#);
    assert_eq!((v.signature, v.ack.as_deref()), (SignatureCheck::Missing, Some(callback::ENVELOPE_ACK)));
    let v = verify(&gateway(), b"{not json");
    assert_eq!(v.signature, SignatureCheck::Missing);
    // Without any key that could check it, a missing sign proves nothing: unverifiable.
    let mut keyless = gateway_without("platform_public_key");
    keyless.callback_secret = gateway_without("callback_secret").callback_secret;
    let unsigned = br#"{"param":"{\"mchOrderId\":\"PCT20240501ABC123\"}"}"#;
    let v = verify(&keyless, unsigned);
    assert_eq!(v.signature, SignatureCheck::Unverifiable, "{:?}", v.reason);
    // A flat callback with the legacy secret configured could have been checked: missing.
    let flat = gateway_without("platform_public_key");
    let v = verify(&flat, br#"{"eventName":"h5.payment.failed","mchOrderId":"PCT20240501ABC123","amount":5000}"#);
    assert_eq!(v.signature, SignatureCheck::Missing);
}

#[test]
fn code_1008_is_marked_not_found_and_1013_retryable() {
    let q = StatusQuery { id: "PC2611220000000001".into(), ..Default::default() };
    let e = gateway().status_response(&q, &resp(r#"{"code":1008,"message":"order not exist"}"#)).unwrap_err();
    assert!(e.not_found && !e.retryable, "{}", e.message);
    let e = gateway().status_response(&q, &resp(r#"{"code":1013,"message":"too many requests"}"#)).unwrap_err();
    assert!(e.retryable && !e.not_found);
}

#[test]
fn mandatory_fields_are_always_sent_or_refused_before_sending() {
    // No items and no product name: one item named after the order, carrying the full amount.
    let mut i = input();
    i.items.clear();
    i.product_name = None;
    let p = param(&gateway(), &i);
    assert_eq!(
        p["items"],
        serde_json::json!([{"name": format!("Order {}", i.order_id), "amount": 5000, "quantity": 1}])
    );
    for k in ["customer", "items", "callbackUrl", "redirectUrl"] {
        assert!(p.get(k).is_some(), "{k} is sent");
    }
    // Nothing to fill the customer or a URL with: refused before anything is signed (exit 2).
    let mut i = input();
    (i.customer_name, i.customer_email, i.customer_phone) = (None, None, None);
    let e = gateway().checkout_request(&i, fixed_now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage);
    assert!(e.message.contains("`customer`") && e.hint.unwrap().contains("--customer-name"), "{}", e.message);
    let mut i = input();
    i.callback_url = None;
    let e = gateway().checkout_request(&i, fixed_now()).unwrap_err();
    assert!(e.message.contains("`callbackUrl`") && e.hint.unwrap().contains("callback_url"), "{}", e.message);
    let from_profile = gateway_with(&[("callback_url", "https://shop.example/cb")]);
    assert_eq!(param(&from_profile, &i)["callbackUrl"], "https://shop.example/cb", "the profile fills it");
    let mut i = input();
    i.redirect_url = None;
    let e = gateway().checkout_request(&i, fixed_now()).unwrap_err();
    assert!(e.message.contains("`redirectUrl`"), "{}", e.message);
    assert_eq!(e.kind, ErrorKind::Usage);
}
