//! A re-query proves a callback only when the provider answers about the same order (README,
//! "Callbacks: what may be believed"): same order id, the same reference and RRN the callback
//! carries, and the same status, amount and currency, each present on both sides. The attack it
//! stops: an unsigned Zenospay callback names the merchant's pending order and the RRN of a small
//! order the attacker paid himself; Zenospay looks the RRN up first and answers about his order.

use crate::common::*;
use crate::webhooks::Listen;
use serde_json::{Value, json};

const PARTNER: &str = "9dbf86be-f9e9-4000-8b39-fdd5a841fce1";

/// A Zenospay profile on the sandbox without `provider_public_key` (the usual case: Zenospay does
/// not document its callback signature), so callbacks can only be proven by a re-query.
fn keyless_zenospay(env: &TestEnv, sandbox: &SandboxProc) {
    let key = format!("{}/src/providers/zenospay/keys/sandbox-merchant.pem", env!("CARGO_MANIFEST_DIR"));
    env.write_config(&format!(
        "[profiles.zn]\nprovider = \"zenospay\"\nbase_url = \"{}\"\npartner_id = \"{PARTNER}\"\nprivate_key = {{ file = \"{key}\" }}\ncallback_path = \"/hooks/zenospay\"\n",
        sandbox.url
    ));
}

fn create(env: &TestEnv, order: &str, amount: &str) -> Value {
    let args = [
        "-p",
        "zn",
        "-o",
        "json",
        "checkout",
        "create",
        "--order-id",
        order,
        "--amount",
        amount,
        "--customer-name",
        "Budi Santoso",
        "--product-name",
        "Kopi Susu",
    ];
    expect_code(env, &args, 0).json()
}

/// An unsigned Zenospay callback as an HTTP capture.
fn capture(env: &TestEnv, name: &str, body: &Value) -> String {
    let body = body.to_string();
    let raw = format!(
        "POST /hooks/zenospay HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let path = env.path(name);
    std::fs::write(&path, raw).unwrap();
    path.to_str().unwrap().to_string()
}

fn verify(env: &TestEnv, file: &str, code: i32) -> Value {
    expect_code(env, &["-p", "zn", "-o", "json", "callback", "verify", file, "--requery"], code).json()
}

fn journal_status(env: &TestEnv, order: &str) -> Option<String> {
    let listed = expect_code(env, &["-p", "zn", "-o", "json", "orders", "list"], 0).json();
    listed
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["order_id"] == order)
        .map(|o| o["status"].as_str().unwrap().to_string())
}

#[test]
fn an_unsigned_callback_naming_another_orders_rrn_is_not_verified() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    keyless_zenospay(&env, &sandbox);
    let victim = create(&env, "VICTIM-2", "1500000");
    let attacker = create(&env, "ATTACKER-1", "10000");
    pay(attacker["checkout_url"].as_str().unwrap());
    let paid =
        expect_code(&env, &["-p", "zn", "-o", "json", "status", "check", "ATTACKER-1", "--expect", "paid"], 0).json();
    let rrn = paid["rrn"].as_str().unwrap();
    let forged = |order: &str, amount: &str, reference: &Value| {
        json!({"transaction_id": reference, "merchant_transaction_id": order, "amount": amount,
               "currency": "IDR", "channel": "QRIS", "rrn": rrn})
    };

    // The victim's order and amount, the attacker's RRN: the provider answers about ATTACKER-1.
    let file = capture(&env, "forged.http", &forged("VICTIM-2", "1500000.00", &victim["provider_ref"]));
    let r = verify(&env, &file, 6);
    assert_eq!((r["verified"].as_bool(), r["requery"].as_str()), (Some(false), Some("mismatch")), "{r}");
    let reason = r["reason"].as_str().unwrap();
    assert!(reason.contains("VICTIM-2") && reason.contains("ATTACKER-1"), "{reason}");
    // The attacker's amount instead: still another order.
    let file = capture(&env, "forged-small.http", &forged("VICTIM-2", "10000.00", &attacker["provider_ref"]));
    assert_eq!(verify(&env, &file, 6)["requery"], "mismatch");
    assert_eq!(journal_status(&env, "VICTIM-2").as_deref(), Some("pending"), "the victim's order is not marked paid");

    // The listener answers such a callback 503 (a real payment is not lost: the provider retries),
    // never its ack, and journals nothing for it.
    let mut listen = Listen::start(&env, "zn", &["--requery"]);
    let body = forged("VICTIM-2", "1500000.00", &victim["provider_ref"]).to_string();
    let (status, reply) =
        http_post(&format!("{}/hooks/zenospay", listen.url), &[("Content-Type", "application/json")], body.as_bytes());
    assert_eq!(status, 503, "{reply}");
    assert!(listen.alive());
    drop(listen);
    assert_eq!(journal_status(&env, "VICTIM-2").as_deref(), Some("pending"));

    // The genuine order with its own RRN is proven; what is shown is the provider's word, not the
    // body's (the body says channel BCA; the payment was QRIS).
    let mut own = forged("ATTACKER-1", "10000.00", &attacker["provider_ref"]);
    own["channel"] = json!("BCA");
    let r = verify(&env, &capture(&env, "own.http", &own), 0);
    assert_eq!((r["verified"].as_bool(), r["requery"].as_str()), (Some(true), Some("ok")), "{r}");
    assert_eq!((r["order_id"].as_str(), r["channel"].as_str()), (Some("ATTACKER-1"), paid["channel"].as_str()));
    assert_eq!(r["fee"], paid["fee"], "the fee is the provider's");
}

#[test]
fn every_identity_field_must_be_present_and_equal() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    keyless_zenospay(&env, &sandbox);
    let order = create(&env, "ORDER-7", "250000");
    pay(order["checkout_url"].as_str().unwrap());
    let paid = expect_code(&env, &["-p", "zn", "-o", "json", "status", "check", "ORDER-7"], 0).json();
    let genuine = json!({"transaction_id": order["provider_ref"], "merchant_transaction_id": "ORDER-7",
                         "amount": "250000.00", "currency": "IDR", "rrn": paid["rrn"]});
    assert_eq!(verify(&env, &capture(&env, "genuine.http", &genuine), 0)["verified"], true);
    type Change<'a> = &'a dyn Fn(&mut Value);
    let cases: [(&str, Change); 6] = [
        ("another provider reference", &|b| b["transaction_id"] = json!("00000000-0000-4000-8000-000000000000")),
        ("another amount", &|b| b["amount"] = json!("250001.00")),
        ("another currency", &|b| b["currency"] = json!("USD")),
        ("no amount", &|b| {
            b.as_object_mut().unwrap().remove("amount");
        }),
        ("no currency", &|b| {
            b.as_object_mut().unwrap().remove("currency");
        }),
        ("another order id", &|b| b["merchant_transaction_id"] = json!("ORDER-8")),
    ];
    for (what, change) in cases {
        let mut body = genuine.clone();
        change(&mut body);
        let r = verify(&env, &capture(&env, "case.http", &body), 6);
        assert_eq!(r["verified"], false, "{what}: {r}");
        assert_ne!(r["requery"], "ok", "{what}: {r}");
    }
}
