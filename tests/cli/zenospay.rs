//! Zenospay end to end: the binary against `paycli sandbox`, signatures checked with openssl.

use crate::common::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PARTNER: &str = "9dbf86be-f9e9-4000-8b39-fdd5a841fce1";

fn key(name: &str) -> String {
    format!("{}/src/providers/zenospay/keys/{name}", env!("CARGO_MANIFEST_DIR"))
}

const CREATE: [&str; 9] = [
    "checkout",
    "create",
    "--amount",
    "100000",
    "--customer-name",
    "John Doe",
    "--product-name",
    "Product Test",
    "--description=Lorem Ipsum",
];

fn with_profile(profile: &str, rest: &[&str]) -> Vec<String> {
    ["-p", profile, "-o", "json"].iter().chain(rest).map(|s| s.to_string()).collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn dry_run_signature_verifies_with_openssl() {
    let env = TestEnv::new();
    let out = expect_code(&env, &args(&with_profile("sandbox-zenospay", &[&CREATE[..], &["--dry-run"]].concat())), 0);
    assert!(!out.stdout.contains("PRIVATE KEY"), "{}", out.stdout);
    let out = out.json();
    assert_eq!(out["method"], "POST");
    let url = out["url"].as_str().unwrap();
    let path = format!("/{}", url.splitn(4, '/').nth(3).unwrap());
    assert_eq!(path, "/api/checkout");
    assert_eq!(out["headers"]["X-PARTNER-ID"], PARTNER);
    let ts = out["headers"]["X-TIMESTAMP"].as_str().unwrap();
    assert!(ts.ends_with("+07:00"), "{ts}");
    std::fs::write(env.path("body"), out["body"].as_str().unwrap()).unwrap();
    std::fs::write(env.path("sig.b64"), out["headers"]["X-SIGNATURE"].as_str().unwrap()).unwrap();
    // The string to sign, built by hand from what was printed.
    let verified = sh(&format!(
        "cd '{dir}' && H=$(sha256sum < body | cut -d' ' -f1) && printf '%s:%s:%s:%s' POST '{path}' \"$H\" '{ts}' > string \
         && base64 -d sig.b64 > sig.bin && openssl dgst -sha256 -verify '{key}' -signature sig.bin string",
        dir = env.dir.path().display(),
        key = key("sandbox-merchant.pub.pem"),
    ));
    assert_eq!(verified.trim(), "Verified OK");

    let status = expect_code(
        &env,
        &args(&with_profile(
            "sandbox-zenospay",
            &["status", "check", "ICZ10000001", "--rrn", "015221245517", "--dry-run"],
        )),
        0,
    )
    .json();
    assert!(status["url"].as_str().unwrap().ends_with("/api/check/transaction"));
    assert_eq!(status["body"], r#"{"merchant_transaction_id":"ICZ10000001","rrn":"015221245517"}"#);
}

#[test]
fn validation_happens_before_sending() {
    let env = TestEnv::new();
    let cases: &[(&[&str], &str)] = &[
        (&["--amount", "100000", "--product-name", "Product Test"], "requires --customer-name"),
        (&["--amount", "100000", "--customer-name", "Jo", "--product-name", "Product Test"], "5–25 characters"),
        (&["--amount", "100000", "--customer-name", "John_Doe", "--product-name", "Product Test"], "allows only"),
        (
            &["--amount", "1000000000000", "--customer-name", "John Doe", "--product-name", "Product Test"],
            "1–12 digits",
        ),
        (&["--amount", "100.5", "--customer-name", "John Doe", "--product-name", "Product Test"], "decimal place"),
        (
            &[
                "--amount",
                "100000",
                "--customer-name",
                "John Doe",
                "--product-name",
                "Product Test",
                "--currency",
                "USD",
            ],
            "must be IDR",
        ),
        (
            &[
                "--amount",
                "100000",
                "--customer-name",
                "John Doe",
                "--product-name",
                "Product Test",
                "--callback-url",
                "https://shop.example/h",
            ],
            "registered at onboarding",
        ),
    ];
    for (rest, needle) in cases {
        let all = with_profile("sandbox-zenospay", &[&["checkout", "create"], *rest].concat());
        let r = expect_code(&env, &args(&all), 2);
        assert!(r.stderr.contains(needle), "{rest:?}: expected {needle:?} in {}", r.stderr);
    }
}

#[test]
fn sandbox_refuses_a_request_signed_with_another_key() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    env.write_config(&format!(
        "[profiles.wrong]\nprovider = \"zenospay\"\nbase_url = \"{}\"\npartner_id = \"{PARTNER}\"\nprivate_key = {{ file = \"{}\" }}\n",
        sandbox.url,
        fixture("zenospay/other.pem")
    ));
    let r = expect_code(&env, &args(&with_profile("wrong", &CREATE)), 5);
    assert!(r.stderr.contains("Invalid signature"), "{}", r.stderr);
    assert!(r.stderr.contains("private_key"), "the hint names the setting: {}", r.stderr);
    let r = expect_code(&env, &["-p", "wrong", "status", "check", "X1"], 5);
    assert!(r.stderr.contains("Invalid signature"), "{}", r.stderr);
}

#[test]
fn checkout_pay_and_status_against_the_sandbox() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = expect_code(&env, &args(&with_profile("sandbox-zenospay", &CREATE)), 0).json();
    assert_eq!(created["provider"], "zenospay");
    assert_eq!(created["status"], "pending");
    assert_eq!(created["amount"], "100000");
    let order = created["order_id"].as_str().unwrap().to_string();
    let url = created["checkout_url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/checkout/", sandbox.url)), "{url}");

    let before = expect_code(&env, &args(&with_profile("sandbox-zenospay", &["status", "check", &order])), 0).json();
    assert_eq!(before["status"], "pending");
    assert_eq!(before["provider_status"], "Pending");

    pay(&url); // the first channel, QRIS: 0.7%
    let after = expect_code(
        &env,
        &args(&with_profile("sandbox-zenospay", &["status", "check", &order, "--expect", "paid"])),
        0,
    )
    .json();
    assert_eq!(after["provider_status"], "Success");
    assert_eq!(after["amount"], "100000");
    assert_eq!(after["fee"], "700");
    assert_eq!(after["net_amount"], "99300");
    assert_eq!(after["channel"], "QRIS");
    assert_eq!(after["provider_ref"], created["provider_ref"]);
    let rrn = after["rrn"].as_str().unwrap().to_string();
    assert_eq!(rrn.len(), 12);

    let by_rrn =
        expect_code(&env, &args(&with_profile("sandbox-zenospay", &["status", "check", &order, "--rrn", &rrn])), 0)
            .json();
    assert_eq!(by_rrn["status"], "paid");
    let r = expect_code(&env, &["-p", "sandbox-zenospay", "status", "check", "NO-SUCH-ORDER"], 5);
    assert!(
        r.stderr.contains("Transaction does not exist") && r.stderr.contains("no such transaction"),
        "{}",
        r.stderr
    );
}

fn fixture_profile(env: &TestEnv, provider_key: Option<&str>) {
    let mut text = format!(
        "[profiles.z]\nprovider = \"zenospay\"\nbase_url = \"https://zenospay.example\"\npartner_id = \"{PARTNER}\"\nprivate_key = {{ file = \"{}\" }}\n",
        fixture("zenospay/merchant-pkcs1.pem")
    );
    if let Some(k) = provider_key {
        text.push_str(&format!("provider_public_key = {{ file = \"{}\" }}\n", fixture(&format!("zenospay/{k}"))));
    }
    env.write_config(&text);
}

#[test]
fn callback_fixtures_verify_and_each_failure_says_why() {
    let env = TestEnv::new();
    fixture_profile(&env, Some("provider.pub.pem"));
    let file = fixture("zenospay/callback.http");
    let at = "2024-12-18T16:22:10Z";
    let ok = expect_code(&env, &["-p", "z", "-o", "json", "callback", "verify", &file, "--at", at], 0).json();
    assert_eq!(ok["verified"], true);
    assert_eq!(ok["signature"], "ok");
    assert_eq!(ok["status"], "paid");
    assert_eq!(ok["order_id"], "RLP0000000000");
    assert_eq!(ok["amount"], "10000");
    assert_eq!(ok["rrn"], "987654321");

    // Stale: without --at the capture is years old.
    let stale = expect_code(&env, &["-p", "z", "-o", "json", "callback", "verify", &file], 6).json();
    assert_eq!(stale["verified"], false);
    assert!(stale["reason"].as_str().unwrap().contains("stale timestamp"), "{}", stale["reason"]);

    // One changed byte.
    let tampered = env.path("tampered.http");
    let text = std::fs::read_to_string(&file).unwrap().replace("\"10000.00\"", "\"90000.00\"");
    std::fs::write(&tampered, text).unwrap();
    let bad =
        expect_code(&env, &["-p", "z", "-o", "json", "callback", "verify", tampered.to_str().unwrap(), "--at", at], 6)
            .json();
    assert_eq!(bad["signature"], "mismatch");
    assert!(bad["reason"].as_str().unwrap().contains("signature mismatch"));

    // A 4096-bit key, and the wrong key.
    fixture_profile(&env, Some("provider-4096.pub.pem"));
    let big = fixture("zenospay/callback-4096.http");
    expect_code(&env, &["-p", "z", "callback", "verify", &big, "--at", "2025-01-01T12:01:00Z"], 0);
    expect_code(&env, &["-p", "z", "callback", "verify", &file, "--at", at], 6);

    // No provider key: unverifiable, so not verified without --requery.
    fixture_profile(&env, None);
    let r = expect_code(&env, &["-p", "z", "-o", "json", "callback", "verify", &file, "--at", at], 6).json();
    assert_eq!(r["signature"], "unverifiable");
    assert!(r["reason"].as_str().unwrap().contains("--requery"));
}

#[test]
fn sandbox_callbacks_verify_and_are_retried_on_5xx_only() {
    let received: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
    let log = received.clone();
    let merchant = FaultServer::start(move |n, req| {
        log.lock().unwrap().push(req.to_vec());
        Fault::Respond(if n == 0 {
            http_response(503, "text/plain", "busy")
        } else {
            http_response(200, "text/plain", "")
        })
    });
    let hook = format!("{}/hooks/zenospay", merchant.url);
    let setting = format!("zenospay.callback_url={hook}");
    // Time scale 600: the sandbox's 1-minute first retry becomes 0.1 s.
    let sandbox = SandboxProc::start(&["--time-scale", "600", "--set", &setting]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = expect_code(&env, &args(&with_profile("sandbox-zenospay", &CREATE)), 0).json();
    pay(created["checkout_url"].as_str().unwrap());
    let deadline = Instant::now() + Duration::from_secs(10);
    while received.lock().unwrap().len() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 2, "one 503, one retry, then accepted");
    let body = |raw: &[u8]| raw[raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4..].to_vec();
    assert_eq!(body(&got[0]), body(&got[1]), "a retry carries the same body, signed anew");
    let capture = env.path("cb.http");
    std::fs::write(&capture, &got[1]).unwrap();
    let v = expect_code(
        &env,
        &["-p", "sandbox-zenospay", "-o", "json", "callback", "verify", capture.to_str().unwrap(), "--requery"],
        0,
    )
    .json();
    assert_eq!(v["signature"], "ok");
    assert_eq!(v["requery"], "ok");
    assert_eq!(v["order_id"], created["order_id"]);

    // 4xx is final: exactly one attempt.
    let hits = Arc::new(Mutex::new(0usize));
    let count = hits.clone();
    let refusing = FaultServer::start(move |_, _| {
        *count.lock().unwrap() += 1;
        Fault::Respond(http_response(400, "text/plain", "no"))
    });
    let setting = format!("zenospay.callback_url={}/hooks/zenospay", refusing.url);
    let sandbox = SandboxProc::start(&["--time-scale", "600", "--set", &setting]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = expect_code(&env, &args(&with_profile("sandbox-zenospay", &CREATE)), 0).json();
    pay(created["checkout_url"].as_str().unwrap());
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(*hits.lock().unwrap(), 1);
    let deliveries = sandbox.get_json("/_sandbox/deliveries");
    assert_eq!(deliveries[0]["outcome"], "giveup");
}
