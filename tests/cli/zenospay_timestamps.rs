//! Zenospay callbacks whose `X-TIMESTAMP` is written the way real senders write it (README,
//! "callback verify"): the signature covers the header as sent, so each form verifies when the
//! signature does; a form paycli cannot read is `unverifiable` (503), never `mismatch` (403).
//! Signatures are made here by the independent `openssl`:
//! `printf '%s' "POST:/hooks/zenospay:$(printf '%s' "$BODY" | sha256sum | cut -d' ' -f1):$TS" |
//!  openssl dgst -sha256 -sign src/providers/zenospay/keys/sandbox-provider.pem | base64 -w0`

use crate::common::*;
use std::process::Command;

const BODY: &str = r#"{"transaction_id":"9dc1614d-ed70-426c-80da-5304ad258c9c","merchant_transaction_id":"RLP0000000000","amount":"10000.00","currency":"IDR","channel":"BCA","rrn":"987654321"}"#;

fn openssl_signature(ts: &str) -> String {
    let key = format!("{}/src/providers/zenospay/keys/sandbox-provider.pem", env!("CARGO_MANIFEST_DIR"));
    let script = "printf '%s' \"POST:/hooks/zenospay:$(printf '%s' \"$1\" | sha256sum | cut -d' ' -f1):$2\" \
                  | openssl dgst -sha256 -sign \"$3\" | base64 -w0";
    let out = Command::new("sh").args(["-c", script, "sh", BODY, ts, &key]).output().expect("openssl runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn verify(env: &TestEnv, ts: &str, at: &str, code: i32) -> serde_json::Value {
    let raw = format!(
        "POST /hooks/zenospay HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\nX-TIMESTAMP: {ts}\r\nX-PARTNER-ID: 9dbf86be-f9e9-4000-8b39-fdd5a841fce1\r\nX-SIGNATURE: {}\r\nContent-Length: {}\r\n\r\n{BODY}",
        openssl_signature(ts),
        BODY.len()
    );
    let path = env.path("cb.http");
    std::fs::write(&path, raw).unwrap();
    let args = ["-p", "sandbox-zenospay", "-o", "json", "callback", "verify", path.to_str().unwrap(), "--at", at];
    expect_code(env, &args, code).json()
}

#[test]
fn the_timestamp_forms_real_senders_write_verify() {
    let env = TestEnv::new();
    // 2024-12-19T10:07:05Z in each form.
    for ts in [
        "2024-12-19T17:07:05+07:00",
        "2024-12-19T17:07:05+0700",
        "2024-12-19T10:07:05Z",
        "2024-12-19T10:07:05.123Z",
        "2024-12-19T17:07:05.123456+07:00",
        "2024-12-19 17:07:05+07:00",
        "1734602825",
        "1734602825123",
    ] {
        let r = verify(&env, ts, "2024-12-19T10:08:00Z", 0);
        assert_eq!((r["verified"].as_bool(), r["signature"].as_str()), (Some(true), Some("ok")), "{ts}: {r}");
        // Freshness is judged on the instant, whatever the form.
        let late = verify(&env, ts, "2024-12-19T11:08:00Z", 6);
        assert_eq!(late["signature"], "stale", "{ts}: {late}");
    }
    // Genuinely signed, in a form paycli does not read: cannot be judged, not false.
    for ts in ["Thu, 19 Dec 2024 10:07:05 GMT", "yesterday", "2024-12-19T17:07:05"] {
        let r = verify(&env, ts, "2024-12-19T10:08:00Z", 6);
        assert_eq!(r["signature"], "unverifiable", "{ts}: {r}");
    }
}
