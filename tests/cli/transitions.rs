//! The journal moves an order's status forward only (README, "Callbacks: what may be believed"),
//! through the real binary: Cashy's SUCCESS, then a late PAYING retry, stays paid; a FAIL after
//! the payment does not undo it; a payment after a failure is recorded (a late payment).

use crate::common::*;
use std::process::Command;

const CASHY_SANDBOX_KEY: &str = "cashy-sandbox-key-8d2f6b0a4c9e1735";

/// A Cashy callback capture signed as Cashy signs it: MD5 over the body bytes and the key, upper
/// hex, computed by the independent `md5sum` (`printf '%s' "$BODY$KEY" | md5sum`).
fn cashy_capture(env: &TestEnv, name: &str, order: &str, status: &str, nonce: u32) -> String {
    let body = format!(
        r#"{{"amount":150000.0,"completionTime":"2026-11-28 10:00:00","fee":6000.0,"mchOrderNo":"{order}","merchantId":"100001","nonceStr":"{nonce}","orderNo":"PAYDESK-{order}","orderStatus":"{status}","payCode":"88085756587055","payType":"QRIS"}}"#
    );
    let out = Command::new("sh")
        .args(["-c", "printf '%s' \"$1\" | md5sum", "sh", &format!("{body}{CASHY_SANDBOX_KEY}")])
        .output()
        .expect("md5sum runs");
    let sign = String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_uppercase();
    let raw = format!(
        "POST /hooks/cashy HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\nMerchantId: 100001\r\nSign: {sign}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let path = env.path(name);
    std::fs::write(&path, raw).unwrap();
    path.to_str().unwrap().to_string()
}

fn status_in_journal(env: &TestEnv, order: &str) -> String {
    let listed = expect_code(env, &["-p", "sandbox-cashy", "-o", "json", "orders", "list"], 0).json();
    let row = listed.as_array().unwrap().iter().find(|o| o["order_id"] == order).cloned();
    row.unwrap_or_else(|| panic!("{order} not journaled: {listed}"))["status"].as_str().unwrap().to_string()
}

#[test]
fn cashy_callbacks_move_an_order_forward_only() {
    let env = TestEnv::new();
    let verify = |file: &str| expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "callback", "verify", file], 0);
    let steps = [
        // (callback, the journal's status after it)
        ("SUCCESS", "paid"),
        ("PAYING", "paid"),  // a late retry of an earlier state
        ("FAIL", "paid"),    // nothing undoes a payment
        ("SUCCESS", "paid"), // the next retry of the payment: still paid, recorded once
    ];
    for (i, (word, expected)) in steps.iter().enumerate() {
        let file = cashy_capture(&env, &format!("a{i}.http"), "ORDER-A", word, 1000 + i as u32);
        assert_eq!(verify(&file).json()["verified"], true, "{word}");
        assert_eq!(status_in_journal(&env, "ORDER-A"), *expected, "after {word}");
    }
    // A failure first, then the payment after all: a late payment is recorded as paid.
    for (i, (word, expected)) in [("FAIL", "failed"), ("PAYING", "failed"), ("SUCCESS", "paid")].iter().enumerate() {
        let file = cashy_capture(&env, &format!("b{i}.http"), "ORDER-B", word, 2000 + i as u32);
        verify(&file);
        assert_eq!(status_in_journal(&env, "ORDER-B"), *expected, "after {word}");
    }
    // ... and shown as late in every format; ORDER-A, paid at once, is not.
    let listed = expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "orders", "list"], 0).json();
    let row = |id: &str| listed.as_array().unwrap().iter().find(|o| o["order_id"] == id).cloned().unwrap();
    assert_eq!((row("ORDER-B")["late"].clone(), row("ORDER-B")["late_after"].clone()), (true.into(), "failed".into()));
    assert_eq!(
        (row("ORDER-A")["late"].clone(), row("ORDER-A")["late_after"].clone()),
        (false.into(), serde_json::Value::Null)
    );
    let csv = expect_code(&env, &["-p", "sandbox-cashy", "-o", "csv", "orders", "list"], 0).stdout;
    assert!(csv.lines().next().unwrap().contains(",source,late,late_after"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("sandbox-cashy,cashy,ORDER-B,") && l.contains(",true,failed")), "{csv}");
}
