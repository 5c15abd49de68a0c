//! Payfect end to end: the binary against `paycli sandbox`, Fernet fixtures made with Python's
//! `cryptography` (tests/fixtures/payfect/README.md).

use crate::common::*;
use std::io::Write;
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

const SANDBOX_KEY: &str = "5a31f3a4-279c-11ee-be56-0242ac120002";

fn payfect_checkout(env: &TestEnv, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["--amount", "20.5", "--item", "Standard Plan:1:20.5"];
    args.extend_from_slice(extra);
    create_checkout(env, "sandbox-payfect", &args)
}

#[test]
fn create_pay_and_status_by_checkout_id() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = payfect_checkout(&env, &[]);
    assert_eq!(created["provider"], "payfect");
    assert_eq!((created["status"].as_str(), created["provider_status"].as_str()), (Some("pending"), Some("open")));
    assert_eq!((created["amount"].as_str(), created["currency"].as_str()), (Some("20.5"), Some("USDT")));
    let checkout = created["provider_ref"].as_str().unwrap().to_string();
    let url = created["checkout_url"].as_str().unwrap().to_string();
    assert_eq!(url, format!("{}/checkouts/{checkout}", sandbox.url));
    assert!(created["expires_at"].as_str().unwrap().ends_with('Z'));
    assert!(created["created_at"].as_str().unwrap().contains('.'), "epoch seconds with a fraction");

    let before = expect_code(&env, &["-p", "sandbox-payfect", "-o", "json", "status", "check", &checkout], 0).json();
    assert_eq!(before["status"], "pending");
    assert_eq!(before["order_id"], created["order_id"]);

    pay(&url);
    let after = expect_code(
        &env,
        &["-p", "sandbox-payfect", "-o", "json", "status", "check", &checkout, "--expect", "paid"],
        0,
    )
    .json();
    assert_eq!((after["status"].as_str(), after["provider_status"].as_str()), (Some("paid"), Some("complete")));
    assert_eq!(after["amount"], "20.5");

    // One POST to the profile's default callback URL (the sandbox sink), accepted with a 2xx.
    let deliveries = sandbox.get_json("/_sandbox/deliveries");
    let ours: Vec<_> = deliveries.as_array().unwrap().iter().filter(|d| d["provider"] == "payfect").collect();
    assert_eq!(ours.len(), 1, "{deliveries}");
    assert_eq!(ours[0]["outcome"], "accepted");

    // The journal remembers the checkout id for our order id, so the order id works too.
    let order = created["order_id"].as_str().unwrap();
    let by_order = expect_code(&env, &["-p", "sandbox-payfect", "-o", "json", "status", "check", order], 0).json();
    assert_eq!(by_order["provider_ref"], created["provider_ref"]);
    // Without the journal the order id alone cannot be looked up: a usage error, nothing sent.
    let r = expect_code(&env, &["--no-journal", "-p", "sandbox-payfect", "status", "check", order], 2);
    assert!(r.stderr.contains("pass the checkout id (provider_ref printed by checkout create)"), "{}", r.stderr);
    let r = expect_code(&env, &["-p", "sandbox-payfect", "status", "check", "00000000-0000-4000-8000-000000000000"], 5);
    assert!(r.stderr.contains("HTTP 404") && r.stderr.contains("Not found."), "{}", r.stderr);
}

#[test]
fn a_wrong_api_key_is_exit_5_with_a_hint() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    env.write_config(&format!(
        "[profiles.wrong]\nprovider = \"payfect\"\nbase_url = \"{}/api/v1\"\napi_key = \"not-the-key\"\n",
        sandbox.url
    ));
    let r = expect_code(&env, &["-p", "wrong", "checkout", "create", "--amount", "5"], 5);
    assert!(r.stderr.contains("HTTP 401") && r.stderr.contains("Invalid API key."), "{}", r.stderr);
    assert!(r.stderr.contains("check api_key"), "{}", r.stderr);
    assert!(!r.all().contains("not-the-key"), "the key is never printed");
    let r = expect_code(&env, &["-p", "wrong", "status", "check", "00000000-0000-4000-8000-000000000000"], 5);
    assert!(r.stderr.contains("check api_key"));
}

#[test]
fn sandbox_field_errors_read_as_text() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    // `--set` bypasses paycli's own checks, so the sandbox's Django-style field map comes back.
    let r = expect_code(
        &env,
        &["-p", "sandbox-payfect", "checkout", "create", "--amount", "5", "--set", "invoice_items:=[{\"quantity\":0}]"],
        5,
    );
    assert!(r.stderr.contains("HTTP 400"), "{}", r.stderr);
    assert!(
        r.stderr.contains("invoice_items[0].quantity: Ensure this value is greater than or equal to 1."),
        "{}",
        r.stderr
    );
}

#[test]
fn dry_run_redacts_the_key_and_shows_the_body() {
    let env = TestEnv::new();
    let out = expect_code(
        &env,
        &[
            "-p",
            "sandbox-payfect",
            "checkout",
            "create",
            "--amount",
            "21",
            "--item",
            "Plan:2:10.5",
            "--order-id",
            "O-1",
            "--dry-run",
        ],
        0,
    );
    assert!(!out.stdout.contains(SANDBOX_KEY));
    let j = out.json();
    assert!(j["url"].as_str().unwrap().ends_with("/api/v1/checkouts/"));
    assert_eq!(j["headers"]["Authorization"], "<redacted>");
    let body: serde_json::Value = serde_json::from_str(j["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["client_reference_id"], "O-1");
    assert_eq!(body["invoice_items"][0]["quantity"], 2);
    assert_eq!(body["invoice_items"][0]["price_data"]["unit_amount"], "10.5");
    assert_eq!(body["payment_method_data"]["paymentMethodDetail"]["network"], "tron");
    let st = expect_code(
        &env,
        &["-p", "sandbox-payfect", "status", "check", "ed8d24aa-a860-426b-8e56-87cb9f55a081", "--dry-run"],
        0,
    )
    .json();
    assert_eq!(st["method"], "GET");
    assert!(st["url"].as_str().unwrap().ends_with("/api/v1/checkouts/ed8d24aa-a860-426b-8e56-87cb9f55a081/"));
}

#[test]
fn validation_happens_before_sending() {
    // No sandbox is running: every case must be refused with exit 2, not a network error.
    let env = TestEnv::new();
    let base = ["-p", "sandbox-payfect", "checkout", "create"];
    let cases: &[(&[&str], &str)] = &[
        (&["--amount", "5", "--currency", "CNY"], "only takes USDT"),
        (&["--amount", "1.1234567"], "at most 6"),
        (&["--amount", "20", "--item", "A:3:7"], "differs from the items' total 21"),
        (&["--amount", "5", "--customer-name", "A"], "customer details"),
        (&["--amount", "5", "--expires-in", "1h"], "--expires-in"),
        (&["--amount", "5", "--callback-url", "ftp://x"], "--callback-url"),
    ];
    for (args, needle) in cases {
        let all: Vec<&str> = base.iter().chain(args.iter()).copied().collect();
        let r = expect_code(&env, &all, 2);
        assert!(r.stderr.contains(needle), "{args:?}: expected {needle:?} in {}", r.stderr);
    }
}

fn fixture_env() -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.f]\nprovider = \"payfect\"\nbase_url = \"https://api.payfect.finance/api/v1\"\napi_key = \"k\"\nwebhook_secret = {{ file = \"{}\" }}\n",
        fixture("payfect/webhook-secret.txt")
    ));
    env
}

fn verify(env: &TestEnv, file: &str, extra: &[&str], code: i32) -> serde_json::Value {
    let path = fixture(&format!("payfect/{file}"));
    let mut args = vec!["-p", "f", "-o", "json", "callback", "verify", &path];
    args.extend_from_slice(extra);
    expect_code(env, &args, code).json()
}

#[test]
fn python_fixtures_verify_or_fail_precisely() {
    let env = fixture_env();
    let at = ["--at", "2024-07-30T08:31:22Z"];
    let ok = verify(&env, "callback.http", &at, 0);
    assert_eq!((ok["verified"].as_bool(), ok["signature"].as_str()), (Some(true), Some("ok")));
    assert_eq!(ok["reason"], "token made at 2024-07-30T08:31:10Z, 12s old (12s)");
    assert_eq!(ok["order_id"], "PC240730083110AB12CD");
    assert_eq!(ok["provider_ref"], "ed8d24aa-a860-426b-8e56-87cb9f55a081");
    assert_eq!((ok["status"].as_str(), ok["amount"].as_str()), (Some("paid"), Some("20.5")));
    assert_eq!((ok["currency"].as_str(), ok["channel"].as_str()), (Some("USDT"), Some("tron")));

    let other = verify(&env, "callback-other-key.http", &at, 6);
    assert_eq!(other["signature"], "mismatch");
    assert!(other["reason"].as_str().unwrap().contains("HMAC check failed"), "{other}");

    let differs = verify(&env, "callback-body-differs.http", &at, 6);
    assert_eq!(differs["signature"], "mismatch");
    assert_eq!(differs["reason"], "the body differs from the signed token (at amount)");

    let missing = verify(&env, "callback-body.json", &[], 6);
    assert_eq!(missing["signature"], "missing");

    let token = std::fs::read_to_string(fixture("payfect/callback-token.txt")).unwrap();
    let header = format!("X-Payfect-Signature: {}", token.trim());
    let bare = verify(&env, "callback-body.json", &["-H", &header, "--at", "2024-07-30T08:31:22Z"], 0);
    assert_eq!(bare["signature"], "ok");
}

#[test]
fn max_age_and_at_reject_stale_tokens() {
    let env = fixture_env();
    let stale = verify(&env, "callback.http", &["--at", "2024-07-30T09:31:10Z", "--max-age", "10m"], 6);
    assert_eq!(stale["signature"], "stale", "genuine but old: stale, not a forgery");
    assert_eq!(stale["ack"], serde_json::Value::Null, "no ack beside a callback that did not verify");
    assert_eq!(
        stale["reason"],
        "the token was made at 2024-07-30T08:31:10Z and is 1h 0m old (3600s), older than --max-age 10m 0s (600s); \
         the signature is stale: use --requery to confirm with the provider"
    );
    let fresh = verify(&env, "callback.http", &["--at", "2024-07-30T08:31:22Z", "--max-age", "10m"], 0);
    assert_eq!(fresh["signature"], "ok");
    // Epoch seconds work for --at too; a time well before the token is refused.
    let early = verify(&env, "callback.http", &["--at", "1722324670"], 6);
    assert!(early["reason"].as_str().unwrap().contains("after the verification time"), "{early}");
    // Today the token is months old: without --max-age that is still a valid signature.
    let today = verify(&env, "callback.http", &[], 0);
    assert!(today["reason"].as_str().unwrap().contains("old"));
    verify(&env, "callback.http", &["--max-age", "1d"], 6);
}

/// Accepts one HTTP request on a free port, answers 200 and hands over the raw bytes.
fn one_shot_receiver() -> (String, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks/payfect", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else { return };
        let buf = read_request(&mut stream);
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK");
        let _ = tx.send(buf);
    });
    (url, rx)
}

/// A sandbox checkout, paid: (its record, the callback it brought, saved as a raw request file).
fn paid_callback(env: &TestEnv) -> (serde_json::Value, std::path::PathBuf) {
    let (hook, rx) = one_shot_receiver();
    let created = payfect_checkout(env, &["--callback-url", &hook]);
    pay(created["checkout_url"].as_str().unwrap());
    let raw = rx.recv_timeout(Duration::from_secs(15)).expect("the sandbox posts one callback");
    let path = env.path("callback.http");
    std::fs::write(&path, &raw).unwrap();
    (created, path)
}

#[test]
fn sandbox_callback_verifies_and_requeries() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let (created, path) = paid_callback(&env);
    let r = expect_code(
        &env,
        &[
            "-p",
            "sandbox-payfect",
            "-o",
            "json",
            "callback",
            "verify",
            path.to_str().unwrap(),
            "--requery",
            "--max-age",
            "5m",
        ],
        0,
    )
    .json();
    assert_eq!((r["signature"].as_str(), r["requery"].as_str()), (Some("ok"), Some("ok")), "{r}");
    assert_eq!(r["provider_ref"], created["provider_ref"]);
    assert_eq!(r["order_id"], created["order_id"]);
    assert_eq!(r["amount"], "20.5");
    let deliveries = sandbox.get_json("/_sandbox/deliveries");
    assert_eq!(deliveries.as_array().unwrap().iter().filter(|d| d["provider"] == "payfect").count(), 1);
}

#[test]
fn a_callback_id_that_is_a_payment_id_is_requeried_through_the_journal() {
    // The sandbox sends the charge reading of the payload: `id` is a payment id, not the checkout's.
    let sandbox = SandboxProc::start(&["--set", "payfect.callback_id=payment"]);
    let env = TestEnv::with_sandbox(&sandbox);
    let (created, path) = paid_callback(&env);
    let checkout = created["provider_ref"].as_str().unwrap();
    let order = created["order_id"].as_str().unwrap();
    let verify = |extra: &[&str], code| {
        let mut args = vec!["-p", "sandbox-payfect", "-o", "json"];
        args.extend_from_slice(extra);
        args.extend(["callback", "verify", path.to_str().unwrap(), "--requery"]);
        expect_code(&env, &args, code).json()
    };
    // The journal knows the checkout behind client_reference_id: that is what is asked, and said.
    let r = verify(&[], 0);
    assert_ne!(r["provider_ref"].as_str(), Some(checkout), "the callback's id is not the checkout id: {r}");
    assert_eq!((r["signature"].as_str(), r["requery"].as_str()), (Some("ok"), Some("ok")), "{r}");
    let reason = r["reason"].as_str().unwrap();
    assert!(
        reason.contains(&format!("requery used checkout {checkout} from the journal (client_reference_id {order})")),
        "{reason}"
    );
    // Without the journal only the callback's id is left, and Payfect has no checkout by that id.
    let r = verify(&["--no-journal"], 6);
    assert_eq!(r["requery"], "error", "{r}");
    let reason = r["reason"].as_str().unwrap();
    assert!(reason.contains("requery used the callback's id py_"), "{reason}");
}

#[test]
fn items_alone_give_the_amount() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    // No --amount: the items' total (2 × 10.25 + 0.5 = 21) is what is charged.
    let created = create_checkout(&env, "sandbox-payfect", &["--item", "Plan:2:10.25", "--item", "Add-on:1:0.5"]);
    assert_eq!((created["amount"].as_str(), created["currency"].as_str()), (Some("21"), Some("USDT")), "{created}");
    let checkout = created["provider_ref"].as_str().unwrap();
    let st = expect_code(&env, &["-p", "sandbox-payfect", "-o", "json", "status", "check", checkout], 0).json();
    assert_eq!(st["amount"], "21", "the sandbox computed the same total: {st}");
    // --amount, when given, must still equal the total; neither --amount nor --item is a usage error.
    let r = expect_code(&env, &["-p", "sandbox-payfect", "checkout", "create", "--amount", "20", "--item", "A:3:7"], 2);
    assert!(r.stderr.contains("differs from the items' total 21"), "{}", r.stderr);
    let r = expect_code(&env, &["-p", "sandbox-payfect", "checkout", "create"], 2);
    assert!(r.stderr.contains("--amount"), "{}", r.stderr);
}

/// USDT has six decimals, so `150.000` has one reading (150) and is sent as such, while the forms
/// that are ambiguous in every currency (a thousands separator, a decimal comma) are still refused
/// before anything is sent (README, "checkout create").
#[test]
fn usdt_amounts_with_a_dot_are_decimals_and_separators_are_refused() {
    let env = TestEnv::new();
    let create = |amount: &str, code| {
        expect_code(
            &env,
            &["-p", "sandbox-payfect", "checkout", "create", "--amount", amount, "--order-id", "O-2", "--dry-run"],
            code,
        )
    };
    let body: serde_json::Value = serde_json::from_str(create("150.000", 0).json()["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["invoice_items"][0]["price_data"]["unit_amount"], "150");
    assert!(create("150.0000001", 2).stderr.contains("USDT amounts have at most 6"));
    for ambiguous in ["1,500.00", "1.500,00", "150,5"] {
        let refused = create(ambiguous, 2);
        assert!(refused.stderr.contains("does not guess"), "{ambiguous}: {}", refused.stderr);
        assert!(refused.stdout.is_empty(), "nothing built for {ambiguous}");
    }
}
