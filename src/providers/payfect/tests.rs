use super::*;
use crate::error::ErrorKind;
use crate::model::{SignatureCheck, Status, format_time};
use crate::providers::LineItem;
use crate::providers::VerifyExtra;
use serde_json::json;
use std::str::FromStr;

const API_KEY: &str = "5a31f3a4-279c-11ee-be56-0242ac120002";
/// tests/fixtures/payfect/webhook-secret.txt (see the README there).
const FIXTURE_SECRET: &str = "cGF5ZmVjdC1maXh0dXJlLXdlYmhvb2stc2VjcmV0LTE=";
/// The fixtures' token time, 2024-07-30T08:31:10Z.
const TOKEN_TIME: i64 = 1722328270;

fn gateway_with(extra: &str) -> PayfectGateway {
    let table: toml::Table = format!(
        "provider = \"payfect\"\nbase_url = \"https://api.payfect.finance/api/v1/\"\napi_key = \"{API_KEY}\"\nwebhook_secret = \"{FIXTURE_SECRET}\"\n{extra}"
    )
    .parse()
    .unwrap();
    PayfectGateway::from_profile(&Profile::from_table("t", table).unwrap()).unwrap()
}

fn gateway() -> PayfectGateway {
    gateway_with("success_url = \"https://shop.example/ok\"\ncallback_url = \"https://shop.example/hooks/payfect\"")
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn input() -> CheckoutInput {
    CheckoutInput { order_id: "ORDER-1".into(), amount: d("20.5"), ..Default::default() }
}

fn usage_error(i: CheckoutInput) -> Error {
    let e = gateway().checkout_request(&i, Utc::now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage, "{}", e.message);
    e
}

fn body_of(req: &PreparedRequest) -> Value {
    serde_json::from_slice(&req.body).unwrap()
}

#[test]
fn create_request_follows_seed_003() {
    let mut i = input();
    i.currency = Some("USDT".into());
    i.items = vec![
        LineItem { name: "Standard Plan".into(), quantity: 2, unit_price: d("10") },
        LineItem { name: "Setup".into(), quantity: 1, unit_price: d("0.5") },
    ];
    let req = gateway().checkout_request(&i, Utc::now()).unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.url, "https://api.payfect.finance/api/v1/checkouts/");
    assert_eq!(req.header_value("Authorization"), Some(format!("Api-Key {API_KEY}").as_str()));
    let dry = req.dry_run_json().to_string();
    assert!(!dry.contains(API_KEY), "the API key must be redacted in --dry-run");
    let b = body_of(&req);
    assert_eq!(b["client_reference_id"], "ORDER-1");
    assert_eq!(b["currency"], "usdt");
    assert_eq!(b["invoice_items"][0]["quantity"], 2);
    assert_eq!(b["invoice_items"][0]["price_data"]["unit_amount"], "10");
    assert_eq!(b["invoice_items"][0]["price_data"]["currency"], "usdt");
    assert_eq!(b["invoice_items"][0]["price_data"]["product_data"]["name"], "Standard Plan");
    assert_eq!(b["invoice_items"][1]["price_data"]["unit_amount"], "0.5");
    assert_eq!(b["success_url"], "https://shop.example/ok");
    assert_eq!(b["callback_url"], "https://shop.example/hooks/payfect");
    assert!(b.get("cancel_url").is_none(), "no cancel URL in flags or profile");
    assert_eq!(
        b["payment_method_data"],
        json!({"type": "cryptopaymentmethoddetail", "paymentMethodDetail": {"currency": "usdt", "network": "tron"}})
    );
}

#[test]
fn one_item_from_product_name_and_flags_over_profile() {
    let mut i = input();
    i.product_name = Some("Kopi".into());
    i.description = Some("1 kg".into());
    i.redirect_url = Some("https://shop.example/thanks".into());
    i.cancel_url = Some("https://shop.example/back".into());
    let b = body_of(&gateway_with("network = \"tron\"").checkout_request(&i, Utc::now()).unwrap());
    let items = b["invoice_items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["quantity"], 1);
    assert_eq!(items[0]["price_data"]["unit_amount"], "20.5");
    assert_eq!(items[0]["price_data"]["product_data"], json!({"name": "Kopi", "description": "1 kg"}));
    assert_eq!(b["success_url"], "https://shop.example/thanks");
    assert_eq!(b["cancel_url"], "https://shop.example/back");
    assert!(b.get("callback_url").is_none());
    let b = body_of(&gateway().checkout_request(&input(), Utc::now()).unwrap());
    assert_eq!(b["invoice_items"][0]["price_data"]["product_data"]["name"], "Order ORDER-1");
}

#[test]
fn validation_rules() {
    let mut i = input();
    i.currency = Some("CNY".into());
    assert!(usage_error(i).message.contains("only takes USDT"));
    let mut i = input();
    i.amount = d("1.1234567");
    assert!(usage_error(i).message.contains("at most 6"));
    let mut i = input();
    i.amount = d("1.123456");
    assert!(gateway().checkout_request(&i, Utc::now()).is_ok(), "6 decimals are fine");
    let mut i = input();
    i.items = vec![LineItem { name: "A".into(), quantity: 3, unit_price: d("7") }];
    let e = usage_error(i);
    assert!(e.message.contains("differs from the items' total 21"), "{}", e.message);
    assert!(e.hint.unwrap().contains("--amount 21"));
    let mut i = input();
    i.amount = d("1");
    i.items = vec![LineItem { name: "A".into(), quantity: 1, unit_price: d("0.0000001") }];
    assert!(usage_error(i).message.contains("unit price"));
    let mut i = input();
    i.items = vec![LineItem { name: "A".into(), quantity: 1, unit_price: d("20.5") }];
    i.product_name = Some("B".into());
    assert!(usage_error(i).message.contains("--product-name"));
    let mut i = input();
    i.customer_email = Some("a@b.example".into());
    assert!(usage_error(i).message.contains("customer"));
    let mut i = input();
    i.expires_in = Some(std::time::Duration::from_secs(600));
    assert!(usage_error(i).message.contains("--expires-in"));
    let mut i = input();
    i.callback_url = Some("ftp://x.example/".into());
    assert!(usage_error(i).message.contains("--callback-url"));
    let mut i = input();
    i.currency = Some("usdt".into());
    assert!(gateway().checkout_request(&i, Utc::now()).is_ok());
}

#[test]
fn status_looks_up_by_checkout_id() {
    let g = gateway();
    let uuid = "ed8d24aa-a860-426b-8e56-87cb9f55a081";
    let q = StatusQuery::new("ORDER-1", Some(uuid.into()));
    let req = g.status_request(&q, Utc::now()).unwrap();
    assert_eq!(
        (req.method.as_str(), req.url.as_str()),
        ("GET", format!("https://api.payfect.finance/api/v1/checkouts/{uuid}/").as_str())
    );
    assert!(req.headers.iter().any(|h| h.name == "Authorization" && h.sensitive));
    let q = StatusQuery { id: uuid.into(), ..Default::default() };
    assert!(g.status_request(&q, Utc::now()).unwrap().url.ends_with(&format!("/checkouts/{uuid}/")));
    let e = g.status_request(&StatusQuery { id: "ORDER-1".into(), ..Default::default() }, Utc::now()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage);
    assert!(e.message.contains("pass the checkout id (provider_ref printed by checkout create)"));
    let q = StatusQuery::new("x", Some("../admin".into()));
    assert_eq!(g.status_request(&q, Utc::now()).unwrap_err().kind, ErrorKind::Usage);
}

fn resp(status: u16, body: &str) -> HttpResponse {
    HttpResponse { status, headers: vec![], body: body.as_bytes().to_vec() }
}

#[test]
fn seed_response_parses() {
    let seed = r#"{"id":"ed8d24aa-a860-426b-8e56-87cb9f55a081","amountTotal":"20.00","status":"open",
        "createdAt":"1690532072.288761","updatedAt":"1690532073.498443","clientReferenceId":null,"currency":"usdt",
        "expiresAt":"1703939166000","url":"https://buy-dev.payfect.finance/checkouts/ed8d24aa-a860-426b-8e56-87cb9f55a081"}"#;
    let r = gateway().checkout_response(&input(), &resp(201, seed), Utc::now()).unwrap();
    assert_eq!(r.provider_ref.as_deref(), Some("ed8d24aa-a860-426b-8e56-87cb9f55a081"));
    assert_eq!(r.order_id, "ORDER-1", "a null clientReferenceId falls back to our order id");
    assert_eq!((r.status, r.provider_status.as_deref()), (Status::Pending, Some("open")));
    assert_eq!(r.amount, Some(d("20")));
    assert_eq!(r.currency.as_deref(), Some("USDT"));
    assert!(r.checkout_url.unwrap().starts_with("https://buy-dev.payfect.finance/checkouts/"));
    assert_eq!(format_time(&r.expires_at.unwrap()), "2023-12-30T12:26:06Z");
    assert_eq!(format_time(&r.created_at.unwrap()), "2023-07-28T08:14:32.288761Z");
    let paid = seed.replace("\"open\"", "\"complete\"").replace("null", "\"ORDER-9\"");
    let s = gateway().status_response(&StatusQuery::default(), &resp(200, &paid)).unwrap();
    assert_eq!((s.order.status, s.order.order_id.as_deref()), (Status::Paid, Some("ORDER-9")));
    assert_eq!(format_time(&s.updated_at.unwrap()), "2023-07-28T08:14:33.498443Z");
}

#[test]
fn status_words() {
    let map_status = |w: &str| Status::from(&wire::CheckoutStatus(w.into()));
    assert_eq!(map_status("open"), Status::Pending);
    assert_eq!(map_status("complete"), Status::Paid);
    assert_eq!(map_status("expired"), Status::Expired);
    assert_eq!(map_status("succeeded"), Status::Unknown, "a callback word, not a checkout status");
    assert_eq!(map_status("COMPLETE"), Status::Unknown);
}

#[test]
fn django_errors_read_as_one_line() {
    assert_eq!(render_errors(&json!({"detail": "Invalid API key."})), "Invalid API key.");
    assert_eq!(
        render_errors(&json!({"currency": ["\"cny\" is not a valid choice."], "callback_url": ["Enter a valid URL."]})),
        "currency: \"cny\" is not a valid choice.; callback_url: Enter a valid URL."
    );
    assert_eq!(
        render_errors(
            &json!({"invoice_items": [{}, {"price_data": {"unit_amount": ["A valid number is required."]}}]})
        ),
        "invoice_items[1].price_data.unit_amount: A valid number is required."
    );
    assert_eq!(render_errors(&json!({"non_field_errors": ["Bad.", "Worse."]})), "Bad. Worse.");
    assert_eq!(render_errors(&json!(["Oops."])), "Oops.");
}

#[test]
fn refusals_map_to_exit_codes_and_hints() {
    let q = StatusQuery::new("x", Some("ed8d24aa".into()));
    let e = gateway().status_response(&q, &resp(401, r#"{"detail":"Invalid API key."}"#)).unwrap_err();
    assert_eq!((e.kind, e.exit_code(), e.retryable), (ErrorKind::Provider, 5, false));
    assert!(e.message.contains("Invalid API key.") && e.message.contains("401"));
    assert!(e.hint.unwrap().contains("api_key"));
    assert!(
        gateway().status_response(&q, &resp(403, r#"{"detail":"x"}"#)).unwrap_err().hint.unwrap().contains("api_key")
    );
    let e = gateway().status_response(&q, &resp(404, r#"{"detail":"Not found."}"#)).unwrap_err();
    assert!(e.message.contains("no checkout ed8d24aa") && e.message.contains("Not found."), "{}", e.message);
    let e = gateway()
        .checkout_response(&input(), &resp(400, r#"{"currency":["\"cny\" is not a valid choice."]}"#), Utc::now())
        .unwrap_err();
    assert!(e.message.contains("currency: \"cny\" is not a valid choice."), "{}", e.message);
    assert!(!e.retryable);
    for status in [429, 500, 503] {
        assert!(gateway().status_response(&q, &resp(status, "<html>busy</html>")).unwrap_err().retryable, "{status}");
    }
    let e = gateway().status_response(&q, &resp(502, "<html>bad gateway</html>")).unwrap_err();
    assert!(e.message.contains("bad gateway"));
}

fn capture(raw: &[u8], headers: &[(String, String)]) -> CapturedRequest {
    CapturedRequest::parse("fixture", raw.to_vec(), headers).unwrap()
}

fn at(offset_secs: i64, max_age: Option<i64>) -> VerifyOptions {
    VerifyOptions {
        at: DateTime::from_timestamp(TOKEN_TIME + offset_secs, 0).unwrap(),
        tolerance: chrono::Duration::minutes(5),
        extra: max_age.map_or(VerifyExtra::None, |s| {
            VerifyExtra::Payfect(TokenOptions { max_age: chrono::Duration::seconds(s) })
        }),
    }
}

const GOOD: &[u8] = include_bytes!("../../../tests/fixtures/payfect/callback.http");

#[test]
fn python_made_token_verifies() {
    assert_eq!(include_str!("../../../tests/fixtures/payfect/webhook-secret.txt"), FIXTURE_SECRET);
    let v = gateway().verify_callback(&capture(GOOD, &[]), &at(12, None)).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert_eq!(v.reason.as_deref(), Some("token made at 2024-07-30T08:31:10Z, 12s old (12s)"));
    let c = &v.claims;
    assert_eq!(c.order_id.as_deref(), Some("PC240730083110AB12CD"));
    assert_eq!(c.provider_ref.as_deref(), Some("ed8d24aa-a860-426b-8e56-87cb9f55a081"));
    assert_eq!((c.status, c.provider_status.as_deref()), (Status::Paid, Some("succeeded")));
    assert_eq!(c.amount, Some(d("20.5")));
    assert_eq!(c.currency.as_deref(), Some("USDT"));
    assert_eq!(c.channel.as_deref(), Some("tron"));
    assert_eq!(v.ack.as_deref(), Some("OK"));
    let q = gateway().requery_for(c).unwrap();
    assert_eq!(q.provider_ref.as_deref(), Some("ed8d24aa-a860-426b-8e56-87cb9f55a081"));
}

#[test]
fn bare_body_with_token_header() {
    let body = include_bytes!("../../../tests/fixtures/payfect/callback-body.json");
    let token = include_str!("../../../tests/fixtures/payfect/callback-token.txt");
    let v = gateway().verify_callback(&capture(body, &[]), &at(0, None)).unwrap();
    assert_eq!(v.signature, SignatureCheck::Missing);
    assert!(v.reason.unwrap().contains("X-Payfect-Signature"));
    let h = [("X-Payfect-Signature".to_string(), token.trim().to_string())];
    let v = gateway().verify_callback(&capture(body, &h), &at(0, None)).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
}

#[test]
fn token_from_another_key_is_a_mismatch() {
    let raw = include_bytes!("../../../tests/fixtures/payfect/callback-other-key.http");
    let v = gateway().verify_callback(&capture(raw, &[]), &at(0, None)).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert!(v.reason.unwrap().contains("HMAC check failed"));
}

#[test]
fn body_that_differs_from_the_token_is_a_mismatch() {
    let raw = include_bytes!("../../../tests/fixtures/payfect/callback-body-differs.http");
    let v = gateway().verify_callback(&capture(raw, &[]), &at(0, None)).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert_eq!(v.reason.as_deref(), Some("the body differs from the signed token (at amount)"));
}

#[test]
fn stale_and_future_tokens() {
    let v = gateway().verify_callback(&capture(GOOD, &[]), &at(3600, Some(600))).unwrap();
    assert_eq!(v.signature, SignatureCheck::Stale, "genuine but too old: stale, not a forgery");
    assert_eq!(
        v.reason.as_deref(),
        Some("the token was made at 2024-07-30T08:31:10Z and is 1h 0m old (3600s), older than --max-age 10m 0s (600s)")
    );
    let v = gateway().verify_callback(&capture(GOOD, &[]), &at(600, Some(600))).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "exactly max-age old is still fine");
    let v = gateway().verify_callback(&capture(GOOD, &[]), &at(-3600, None)).unwrap();
    assert_eq!(v.signature, SignatureCheck::Stale);
    assert!(v.reason.unwrap().contains("after the verification time"));
    let v = gateway().verify_callback(&capture(GOOD, &[]), &at(-60, None)).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "within the tolerance");
}

#[test]
fn altered_or_garbled_tokens() {
    let text = String::from_utf8(GOOD.to_vec()).unwrap();
    let token = include_str!("../../../tests/fixtures/payfect/callback-token.txt").trim();
    // Flip one character inside the ciphertext.
    let mut chars: Vec<char> = token.chars().collect();
    chars[100] = if chars[100] == 'A' { 'B' } else { 'A' };
    let altered: String = chars.into_iter().collect();
    let v = gateway().verify_callback(&capture(text.replace(token, &altered).as_bytes(), &[]), &at(0, None)).unwrap();
    assert_eq!(v.signature, SignatureCheck::Mismatch);
    assert!(v.reason.unwrap().contains("HMAC"));
    for (bad, why) in
        [("not*base64", "url-safe base64"), ("gAAAAA", "length"), (&token.replacen("gA", "gQ", 1), "version byte")]
    {
        let v = gateway().verify_callback(&capture(text.replace(token, bad).as_bytes(), &[]), &at(0, None)).unwrap();
        assert_eq!(v.signature, SignatureCheck::Mismatch);
        assert!(v.reason.as_deref().unwrap().contains(why), "{bad}: {:?}", v.reason);
    }
}

#[test]
fn token_time_is_read_from_the_token() {
    let token = include_str!("../../../tests/fixtures/payfect/callback-token.txt").trim();
    assert_eq!(callback::token_time(token).unwrap().timestamp(), TOKEN_TIME);
    assert_eq!(callback::human_duration(59), "59s");
    assert_eq!(callback::human_duration(3661), "1h 1m");
    assert_eq!(callback::human_duration(90000), "1d 1h");
}

#[test]
fn webhook_secret_must_be_a_fernet_key() {
    let g = gateway_with("").webhook_secret_replaced("not-a-key");
    let e = g.verify_callback(&capture(GOOD, &[]), &at(0, None)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Config);
    assert!(!e.message.contains("not-a-key"), "the secret is never shown");
}

impl PayfectGateway {
    fn webhook_secret_replaced(mut self, secret: &str) -> Self {
        let t: toml::Table = format!("provider = \"payfect\"\nwebhook_secret = \"{secret}\"").parse().unwrap();
        self.webhook_secret = Profile::from_table("t", t).unwrap().secret("webhook_secret").unwrap();
        self
    }
}

#[test]
fn json_comparison_ignores_layout_and_key_order_only() {
    let a = json!({"a": 1, "b": {"c": [1, {"d": "x"}]}});
    assert_eq!(callback::first_difference(&a, &json!({"b": {"c": [1, {"d": "x"}]}, "a": 1})), None);
    assert_eq!(
        callback::first_difference(&a, &json!({"a": 1, "b": {"c": [1, {"d": "y"}]}})).as_deref(),
        Some("b.c[1].d")
    );
    assert_eq!(callback::first_difference(&a, &json!({"a": 1})).as_deref(), Some("b"));
    assert_eq!(
        callback::first_difference(&a, &json!({"a": 1, "b": {"c": [1, {"d": "x"}]}, "e": 0})).as_deref(),
        Some("e")
    );
    assert_eq!(callback::first_difference(&a, &json!({"a": "1", "b": {"c": [1, {"d": "x"}]}})).as_deref(), Some("a"));
    assert_eq!(callback::first_difference(&json!([1]), &json!([1, 2])).as_deref(), Some("the top level"));
}

#[test]
fn http_404_is_marked_not_found() {
    let q = StatusQuery { id: "ed8d24aa-a860-426b-8e56-87cb9f55a081".into(), ..Default::default() };
    let e = gateway().status_response(&q, &resp(404, r#"{"detail":"Not found."}"#)).unwrap_err();
    assert!(e.not_found, "{}", e.message);
    let e = gateway().status_response(&q, &resp(401, r#"{"detail":"Invalid API key."}"#)).unwrap_err();
    assert!(!e.not_found);
}

#[test]
fn requeries_ask_the_journals_checkout_first_then_the_callbacks_id() {
    let claims = crate::model::OrderFacts {
        order_id: Some("ORDER-1".into()),
        provider_ref: Some("py_abc".into()),
        ..Default::default()
    };
    let asks = gateway().requeries(&claims, Some("cs-123"));
    let refs: Vec<_> = asks.iter().map(|r| r.query.provider_ref.clone().unwrap()).collect();
    assert_eq!(refs, ["cs-123", "py_abc"]);
    assert_eq!(asks[0].via.as_deref(), Some("checkout cs-123 from the journal (client_reference_id ORDER-1)"));
    assert_eq!(asks[1].via.as_deref(), Some("the callback's id py_abc"));
    // The same id twice is asked once; no journal entry leaves the callback's id alone.
    assert_eq!(gateway().requeries(&claims, Some("py_abc")).len(), 1);
    let only = gateway().requeries(&claims, None);
    assert_eq!((only.len(), only[0].query.provider_ref.as_deref()), (1, Some("py_abc")));
}
