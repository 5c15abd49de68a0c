use super::*;
use crate::error::ErrorKind;
use crate::model::SignatureCheck;
use serde_json::json;
use std::str::FromStr;

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/zenospay/");
const PARTNER: &str = "9dbf86be-f9e9-4000-8b39-fdd5a841fce1";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIX}{name}")).unwrap()
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIX}{name}")).unwrap()
}

/// A gateway with file-based keys, as a user would configure it.
fn gateway_with(private_key: &str, provider_key: Option<&str>, extra: &str) -> ZenospayGateway {
    let mut text = format!(
        "provider = \"zenospay\"\nbase_url = \"https://zenospay.example\"\npartner_id = \"{PARTNER}\"\nprivate_key = {{ file = \"{FIX}{private_key}\" }}\n{extra}\n"
    );
    if let Some(k) = provider_key {
        text.push_str(&format!("provider_public_key = {{ file = \"{FIX}{k}\" }}\n"));
    }
    let profile = Profile::from_table("t", text.parse().unwrap()).unwrap();
    ZenospayGateway::from_profile(&profile).unwrap()
}

fn gateway() -> ZenospayGateway {
    gateway_with("merchant-pkcs1.pem", Some("provider.pub.pem"), "")
}

/// 2024-12-19T17:07:05+07:00, the time in the committed request vector.
fn vector_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-12-19T10:07:05Z").unwrap().with_timezone(&Utc)
}

fn seed_input() -> CheckoutInput {
    CheckoutInput {
        order_id: "ICZ10000001".into(),
        amount: rust_decimal::Decimal::from(100000),
        description: Some("Lorem Ipsum".into()),
        customer_name: Some("John Doe".into()),
        product_name: Some("Product Test".into()),
        ..Default::default()
    }
}

#[test]
fn timestamp_is_iso8601_in_jakarta_time() {
    assert_eq!(signing::timestamp(vector_time()), "2024-12-19T17:07:05+07:00");
}

#[test]
fn request_signature_matches_openssl_vector() {
    let req = gateway().checkout_request(&seed_input(), vector_time()).unwrap();
    assert_eq!(req.body, fixture_bytes("request-body.json"), "body bytes are what the vector hashed");
    assert_eq!(
        signing::string_to_sign("POST", "/api/checkout", &req.body, "2024-12-19T17:07:05+07:00"),
        fixture("request-string.txt")
    );
    assert_eq!(req.url, "https://zenospay.example/api/checkout");
    assert_eq!(req.header_value("X-TIMESTAMP"), Some("2024-12-19T17:07:05+07:00"));
    assert_eq!(req.header_value("X-PARTNER-ID"), Some(PARTNER));
    assert_eq!(req.header_value("X-SIGNATURE"), Some(fixture("request.sig.b64").trim()));
}

#[test]
fn bare_base64_pkcs8_key_signs_the_same() {
    let g = gateway_with("merchant-pkcs8.b64", None, "");
    let req = g.checkout_request(&seed_input(), vector_time()).unwrap();
    assert_eq!(req.header_value("X-SIGNATURE"), Some(fixture("request.sig.b64").trim()));
}

#[test]
fn rsa_4096_key_matches_openssl_vector() {
    let g = gateway_with("merchant-4096.pem", None, "");
    let req = g.checkout_request(&seed_input(), vector_time()).unwrap();
    assert_eq!(req.header_value("X-SIGNATURE"), Some(fixture("request-4096.sig.b64").trim()));
}

#[test]
fn base_url_path_prefix_is_part_of_the_signed_path() {
    let mut g = gateway();
    g.base_url = "https://gw.example/zenos".into();
    let req = g.status_request(&StatusQuery { id: "A1".into(), ..Default::default() }, vector_time()).unwrap();
    let text = format!("POST:/zenos/api/check/transaction:{}:2024-12-19T17:07:05+07:00", crypto::sha256_hex(&req.body));
    let key = crypto::parse_public_key(&fixture("merchant.pub.pem")).unwrap();
    let sig = crypto::b64_decode(req.header_value("X-SIGNATURE").unwrap()).unwrap();
    assert!(crypto::rsa_sha256_verify(&key, text.as_bytes(), &sig));
}

#[test]
fn status_request_carries_rrn_when_given() {
    let q = StatusQuery {
        extra: StatusExtra::Zenospay(StatusOptions { rrn: "015221245517".into() }),
        ..StatusQuery::new("INQ12300456", None)
    };
    let req = gateway().status_request(&q, Utc::now()).unwrap();
    assert_eq!(req.url, "https://zenospay.example/api/check/transaction");
    assert_eq!(req.body, br#"{"merchant_transaction_id":"INQ12300456","rrn":"015221245517"}"#);
    let q = StatusQuery { id: "INQ12300456".into(), ..Default::default() };
    let req = gateway().status_request(&q, Utc::now()).unwrap();
    assert_eq!(req.body, br#"{"merchant_transaction_id":"INQ12300456"}"#);
}

#[test]
fn dry_run_never_shows_the_private_key() {
    let req = gateway().checkout_request(&seed_input(), Utc::now()).unwrap();
    let shown = req.dry_run_json().to_string();
    let key = fixture("merchant-pkcs1.pem");
    let key_line = key.lines().nth(1).unwrap();
    assert!(!shown.contains(key_line) && !shown.contains("PRIVATE KEY"));
    assert!(format!("{:?}", gateway().private_key).contains("File"), "Debug shows the source, not the key");
}

fn usage_error(i: CheckoutInput) -> crate::error::Error {
    let e = gateway().checkout_request(&i, Utc::now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage, "{}", e.message);
    e
}

#[test]
fn validation_names_the_rule() {
    let mut i = seed_input();
    i.currency = Some("USD".into());
    assert!(usage_error(i).message.contains("must be IDR"));
    let mut i = seed_input();
    i.currency = Some("idr".into());
    assert!(gateway().checkout_request(&i, Utc::now()).is_ok());
    let mut i = seed_input();
    i.amount = rust_decimal::Decimal::from_str("1000.5").unwrap();
    assert!(usage_error(i).message.contains("decimal place"));
    let mut i = seed_input();
    i.amount = rust_decimal::Decimal::from(1_000_000_000_000i64);
    assert!(usage_error(i).message.contains("1–12 digits"));
    let mut i = seed_input();
    i.amount = rust_decimal::Decimal::from(999_999_999_999i64);
    assert!(gateway().checkout_request(&i, Utc::now()).is_ok(), "12 digits is allowed");
    let mut i = seed_input();
    i.customer_name = None;
    assert!(usage_error(i).message.contains("requires --customer-name"));
    let mut i = seed_input();
    i.customer_name = Some("Jo".into());
    assert!(usage_error(i).message.contains("5–25 characters"));
    let mut i = seed_input();
    i.product_name = Some("P".repeat(26));
    let m = usage_error(i).message;
    assert!(m.contains("product_name") && m.contains("26 characters"), "{m}");
    let mut i = seed_input();
    i.customer_name = Some("Jos\u{e9} Garc\u{ed}a".into());
    assert!(usage_error(i).message.contains("allows only letters"));
    let mut i = seed_input();
    i.product_name = Some("Kopi_Gayo".into());
    assert!(usage_error(i).message.contains("'_'"));
    let mut i = seed_input();
    i.customer_name = Some("Budi-Santoso 2".into());
    assert!(gateway().checkout_request(&i, Utc::now()).is_ok());
    let mut i = seed_input();
    i.redirect_url = Some("https://shop.example".into());
    assert!(usage_error(i).message.contains("--redirect-url"));
}

#[test]
fn callback_url_is_refused_because_it_is_registered_at_onboarding() {
    let mut i = seed_input();
    i.callback_url = Some("https://shop.example/hooks".into());
    let e = usage_error(i);
    assert!(e.message.contains("registered at onboarding"), "{}", e.message);
}

fn resp(status: u16, body: &str) -> HttpResponse {
    HttpResponse { status, headers: vec![], body: body.as_bytes().to_vec() }
}

const SEED_CREATE: &str = r#"{"transaction_id":"9e536777-2bfa-4161-9931-35f5c4b23faf","client_id":"9dbf86be-f9e9-4000-8b39-fdd5a841fce1","amount":"100000","currency":"IDR","description":"Order Product","customer_details":"{\"customer_name\":\"John Doe\",\"product_name\":\"Product Test\"}","checkout_url":"https://zenospay.example/checkout/9e536777-2bfa-4161-9931-35f5c4b23faf"}"#;

#[test]
fn create_answer_from_seed() {
    let r = gateway().checkout_response(&seed_input(), &resp(200, SEED_CREATE), Utc::now()).unwrap();
    assert_eq!(r.provider_ref.as_deref(), Some("9e536777-2bfa-4161-9931-35f5c4b23faf"));
    assert_eq!(r.order_id, "ICZ10000001");
    assert_eq!(r.amount, Some(rust_decimal::Decimal::from(100000)));
    assert_eq!(r.status, Status::Pending);
    assert!(r.checkout_url.unwrap().ends_with("/checkout/9e536777-2bfa-4161-9931-35f5c4b23faf"));
    let body: Value = serde_json::from_str(SEED_CREATE).unwrap();
    assert_eq!(customer_details(body.get("customer_details")).unwrap()["product_name"], "Product Test");
    let object = json!({"customer_details": {"customer_name": "John Doe"}});
    assert_eq!(customer_details(object.get("customer_details")).unwrap()["customer_name"], "John Doe");
    assert!(customer_details(Some(&json!("not json"))).is_none());
}

#[test]
fn refusals_are_provider_errors_with_hints() {
    let e = gateway()
        .checkout_response(&seed_input(), &resp(401, r#"{"status":false,"message":"Invalid signature"}"#), Utc::now())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Provider);
    assert!(e.message.contains("Invalid signature"));
    assert!(e.hint.unwrap().contains("private_key"));
    assert!(!e.retryable);
    let q = StatusQuery { id: "X".into(), ..Default::default() };
    let e = gateway()
        .status_response(&q, &resp(404, r#"{"status":false,"data":null,"message":"Transaction not found"}"#))
        .unwrap_err();
    assert!(e.message.contains("Transaction not found") && e.hint.unwrap().contains("--rrn"));
    let e = gateway().status_response(&q, &resp(503, r#"{"status":false,"message":"busy"}"#)).unwrap_err();
    assert!(e.retryable);
    let e = gateway().status_response(&q, &resp(502, "<html>bad gateway</html>")).unwrap_err();
    assert!(e.message.contains("not JSON"));
    assert!(hint_for("X-TIMESTAMP expired", 401).contains("clock"));
}

const SEED_STATUS: &str = r#"{"status":true,"data":{"status":"Success","transaction_id":"0aa59d5a-2a10-45be-a174-f7b954113d12","created_at":"2025-01-01T00:00:00.000000Z","updated_at":"2025-01-01T12:00:00.000000Z","merchant_transaction_id":"INQ12300456","amount":"100000.00","channel":"QRIS","service_fee_rate":"4","service_fee_amount":"0","service_fee_final":"2000","nett_amount":"96000","rrn":"987654321"}}"#;

#[test]
fn status_answer_from_seed_reports_fees_as_given() {
    let q = StatusQuery { id: "INQ12300456".into(), ..Default::default() };
    let r = gateway().status_response(&q, &resp(200, SEED_STATUS)).unwrap();
    assert_eq!(r.order.status, Status::Paid);
    assert_eq!(r.order.provider_status.as_deref(), Some("Success"));
    assert_eq!(r.order.amount, Some(rust_decimal::Decimal::from(100000)));
    assert_eq!(r.order.fee, Some(rust_decimal::Decimal::from(2000)));
    assert_eq!(r.order.net_amount, Some(rust_decimal::Decimal::from(96000)), "not derived from amount - fee");
    assert_eq!(r.order.channel.as_deref(), Some("QRIS"));
    assert_eq!(r.order.rrn.as_deref(), Some("987654321"));
    assert_eq!(r.order.provider_ref.as_deref(), Some("0aa59d5a-2a10-45be-a174-f7b954113d12"));
    assert_eq!(crate::model::format_time(&r.updated_at.unwrap()), "2025-01-01T12:00:00Z");
    // Numbers instead of strings, and a lower-case status word.
    let numeric = SEED_STATUS
        .replace(r#""Success""#, r#""pending""#)
        .replace(r#""100000.00""#, "100000.5")
        .replace(r#""2000""#, "2000")
        .replace(r#""96000""#, "96000");
    let r = gateway().status_response(&q, &resp(200, &numeric)).unwrap();
    assert_eq!(r.order.status, Status::Pending);
    assert_eq!(r.order.amount, Some(rust_decimal::Decimal::from_str("100000.5").unwrap()));
    assert_eq!(r.order.fee, Some(rust_decimal::Decimal::from(2000)));
}

#[test]
fn status_words() {
    let map_status = |w: &str| Status::from(&wire::TransactionStatus(w.into()));
    assert_eq!(map_status("Success"), Status::Paid);
    assert_eq!(map_status("SUCCESS"), Status::Paid);
    assert_eq!(map_status("pending"), Status::Pending);
    assert_eq!(map_status("Fail"), Status::Failed);
    assert_eq!(map_status("Refunded"), Status::Unknown);
    assert_eq!(map_status("Successful"), Status::Unknown, "never guess paid");
}

fn capture(name: &str) -> CapturedRequest {
    CapturedRequest::parse(name, fixture_bytes(name), &[]).unwrap()
}

fn at(t: &str) -> VerifyOptions {
    VerifyOptions::new(DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc), chrono::Duration::minutes(5))
}

/// One minute after the fixture's X-TIMESTAMP (2024-12-18T23:21:10+07:00).
fn fixture_time() -> VerifyOptions {
    at("2024-12-18T16:22:10Z")
}

#[test]
fn openssl_signed_callback_verifies() {
    let v = gateway().verify_callback(&capture("callback.http"), &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert_eq!(v.reason.as_deref(), Some("signed over /hooks/zenospay and the exact body bytes"));
    let c = &v.claims;
    assert_eq!(c.status, Status::Paid, "arrival means paid");
    assert_eq!(c.order_id.as_deref(), Some("RLP0000000000"));
    assert_eq!(c.provider_ref.as_deref(), Some("9dc1614d-ed70-426c-80da-5304ad258c9c"));
    assert_eq!(c.amount, Some(rust_decimal::Decimal::from(10000)));
    assert_eq!(c.currency.as_deref(), Some("IDR"));
    assert_eq!(c.channel.as_deref(), Some("BCA"));
    assert_eq!(c.rrn.as_deref(), Some("987654321"));
    assert_eq!(v.ack.as_deref(), Some(ACK));
    let q = gateway().requery_for(c).unwrap();
    let rrn = match &q.extra {
        StatusExtra::Zenospay(o) => Some(o.rrn.as_str()),
        StatusExtra::None => None,
    };
    assert_eq!((q.id.as_str(), rrn), ("RLP0000000000", Some("987654321")));
}

#[test]
fn bare_base64_provider_key_verifies() {
    let g = gateway_with("merchant-pkcs1.pem", Some("provider.pub.b64"), "");
    let v = g.verify_callback(&capture("callback.http"), &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
}

#[test]
fn rsa_4096_callback_with_query_string_verifies_and_reads_fees() {
    let g = gateway_with("merchant-pkcs1.pem", Some("provider-4096.pub.pem"), "");
    let v = g.verify_callback(&capture("callback-4096.http"), &at("2025-01-01T12:01:00Z")).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert_eq!(v.claims.fee, Some(rust_decimal::Decimal::from(700)));
    assert_eq!(v.claims.net_amount, Some(rust_decimal::Decimal::from(99300)));
    assert_eq!(v.claims.amount, Some(rust_decimal::Decimal::from(100000)));
}

#[test]
fn one_changed_byte_is_a_signature_mismatch() {
    let mut raw = fixture_bytes("callback.http");
    let pos = raw.windows(10).position(|w| w == b"\"10000.00\"").unwrap();
    raw[pos + 1] = b'9';
    let c = CapturedRequest::parse("f", raw, &[]).unwrap();
    let v = gateway().verify_callback(&c, &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert!(v.reason.unwrap().contains("signature mismatch"));
}

#[test]
fn wrong_key_is_a_signature_mismatch() {
    let g = gateway_with("merchant-pkcs1.pem", Some("other.pub.pem"), "");
    let v = g.verify_callback(&capture("callback.http"), &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert!(v.reason.unwrap().contains("another key"));
}

#[test]
fn stale_timestamp_is_stale_and_says_so() {
    let v = gateway().verify_callback(&capture("callback.http"), &at("2024-12-18T17:21:10Z")).unwrap();
    assert_eq!(v.signature, SignatureCheck::Stale, "a genuine but old signature is not a forgery");
    let reason = v.reason.unwrap();
    assert!(reason.contains("stale timestamp") && reason.contains("X-TIMESTAMP") && reason.contains("1h"), "{reason}");
    let mut wide = at("2024-12-18T17:21:10Z");
    wide.tolerance = chrono::Duration::hours(2);
    assert_eq!(gateway().verify_callback(&capture("callback.http"), &wide).unwrap().signature, SignatureCheck::Ok);
}

#[test]
fn query_string_is_part_of_the_signed_path() {
    let g = gateway_with("merchant-pkcs1.pem", Some("provider-4096.pub.pem"), "");
    let mut c = capture("callback-4096.http");
    c.path = Some("/webhooks/zenos".into());
    let v = g.verify_callback(&c, &at("2025-01-01T12:01:00Z")).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch, "without its query the path is not what was signed");
}

#[test]
fn minified_body_verifies_and_says_so() {
    // Signed over the minified JSON by openssl (fixtures README); the body arrived pretty-printed.
    let v = gateway().verify_callback(&capture("callback-minified.http"), &at("2024-12-18T16:25:30Z")).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    let reason = v.reason.unwrap();
    assert!(reason.contains("minified JSON body (SNAP rule), not the exact bytes"), "{reason}");
    assert_eq!(v.claims.order_id.as_deref(), Some("RLP0000000000"));
    // The exact-bytes case says exact bytes (see openssl_signed_callback_verifies); a changed value
    // inside the pretty body breaks both readings.
    let mut raw = fixture_bytes("callback-minified.http");
    let pos = raw.windows(10).position(|w| w == b"\"10000.00\"").unwrap();
    raw[pos + 1] = b'9';
    let v = gateway().verify_callback(&CapturedRequest::parse("f", raw, &[]).unwrap(), &at("2024-12-18T16:25:30Z"));
    let v = v.unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert!(v.reason.unwrap().contains("exact body bytes or the minified JSON"));
}

#[test]
fn minify_keeps_every_byte_but_insignificant_whitespace() {
    let body = b"{ \"a\" : \"x y\\\" z\",\n\t\"n\": 1.50 , \"u\":\"\\u00e9\" }\n";
    let out = super::callback::minify_json(body).unwrap();
    assert_eq!(out, b"{\"a\":\"x y\\\" z\",\"n\":1.50,\"u\":\"\\u00e9\"}");
    assert!(super::callback::minify_json(b"not json").is_none());
}

#[test]
fn callback_path_setting_wins_over_a_rewritten_request_line() {
    let proxied = capture("callback-proxied.http");
    let when = at("2024-12-18T16:30:30Z");
    let v = gateway().verify_callback(&proxied, &when).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch, "the request line says /internal/zp, which was not signed");
    let g = gateway_with("merchant-pkcs1.pem", Some("provider.pub.pem"), "callback_path = \"/hooks/zenospay?shop=7\"");
    let v = g.verify_callback(&proxied, &when).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert!(v.reason.unwrap().contains("/hooks/zenospay?shop=7"));
}

#[test]
fn foreign_partner_id_fails_the_partner_check() {
    let mut g = gateway();
    g.partner_id = "someone-else".into();
    let v = g.verify_callback(&capture("callback.http"), &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert!(v.reason.unwrap().contains("partner id"));
}

fn bare_body_capture() -> CapturedRequest {
    let raw = fixture_bytes("callback.http");
    let parsed = CapturedRequest::parse("f", raw, &[]).unwrap();
    CapturedRequest::parse("body", parsed.body.clone(), &parsed.headers).unwrap()
}

#[test]
fn bare_body_uses_callback_path_or_is_unverifiable() {
    let with_path = gateway_with("merchant-pkcs1.pem", Some("provider.pub.pem"), "callback_path = \"/hooks/zenospay\"");
    let v = with_path.verify_callback(&bare_body_capture(), &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    let v = gateway().verify_callback(&bare_body_capture(), &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Unverifiable);
    let reason = v.reason.unwrap();
    assert!(reason.contains("raw request capture") && reason.contains("callback_path"), "{reason}");
    let wrong_path = gateway_with("merchant-pkcs1.pem", Some("provider.pub.pem"), "callback_path = \"/other\"");
    let v = wrong_path.verify_callback(&bare_body_capture(), &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
}

#[test]
fn without_provider_key_the_signature_is_unverifiable() {
    let g = gateway_with("merchant-pkcs1.pem", None, "");
    let v = g.verify_callback(&capture("callback.http"), &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Unverifiable);
    assert!(v.reason.unwrap().contains("provider_public_key"));
    assert_eq!(v.claims.order_id.as_deref(), Some("RLP0000000000"), "claims are still read");
}

#[test]
fn missing_signature_header() {
    let mut c = capture("callback.http");
    c.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("X-SIGNATURE"));
    let v = gateway().verify_callback(&c, &fixture_time()).unwrap();
    assert_eq!(v.signature, SignatureCheck::Missing);
}

#[test]
fn unreadable_provider_key_is_a_config_error() {
    let g = gateway_with("merchant-pkcs1.pem", Some("request-string.txt"), "");
    let e = g.verify_callback(&capture("callback.http"), &fixture_time()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Config);
    assert!(e.message.contains("provider_public_key"));
}

mod sandbox_loop;

#[test]
fn unknown_transactions_are_marked_not_found() {
    let q = StatusQuery { id: "NOPE123".into(), ..Default::default() };
    let e =
        gateway().status_response(&q, &resp(404, r#"{"status":false,"message":"Transaction not found"}"#)).unwrap_err();
    assert!(e.not_found, "{}", e.message);
    let e = gateway().status_response(&q, &resp(401, r#"{"status":false,"message":"Invalid signature"}"#)).unwrap_err();
    assert!(!e.not_found);
    // The documented failure shape: HTTP 200, status false, a message saying it does not exist.
    let e = gateway()
        .status_response(&q, &resp(200, r#"{"status":false,"data":null,"message":"Transaction does not exist"}"#))
        .unwrap_err();
    assert!(e.not_found, "{}", e.message);
    let e = gateway()
        .status_response(&q, &resp(200, r#"{"status":false,"data":null,"message":"Invalid timestamp"}"#))
        .unwrap_err();
    assert!(!e.not_found, "a refusal for another reason is not 'not found'");
}
