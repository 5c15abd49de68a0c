//! PayCools end to end: the binary against `paycli sandbox`; signatures checked by openssl,
//! callback fixtures made with openssl and sha1sum (tests/fixtures/paycools/README.md).

use crate::common::*;
use serde_json::Value;

fn keys(name: &str) -> String {
    format!("{}/src/providers/paycools/keys/{name}", env!("CARGO_MANIFEST_DIR"))
}

const ORDER_ARGS: &[&str] = &[
    "--amount",
    "50.00",
    "--customer-name",
    "Juan Dela Cruz",
    "--customer-email",
    "juan@example.ph",
    "--customer-phone",
    "09171234567",
    "--product-name",
    "Adobo Kit",
];

/// `checkout create --dry-run` with a profile, then openssl verifies `sign` over the string built
/// here by hand from the printed body.
fn dry_run_verifies(env: &TestEnv, profile: &str, mode: &str) {
    let mut args = vec!["-p", profile, "checkout", "create", "--dry-run"];
    args.extend_from_slice(ORDER_ARGS);
    let out = expect_code(env, &args, 0);
    let private = std::fs::read_to_string(keys("merchant-private.b64")).unwrap();
    assert!(!out.all().contains(private.trim()), "the private key leaked");
    let req = out.json();
    assert!(req["url"].as_str().unwrap().ends_with("/api/v1/checkout"));
    let body: Value = serde_json::from_str(req["body"].as_str().unwrap()).unwrap();
    let param = body["param"].as_str().unwrap();
    let param_json: Value = serde_json::from_str(param).unwrap();
    assert_eq!(param_json["amount"], 5000);
    assert_eq!(param_json["currency"], "PHP");
    let message = match mode {
        "envelope_sorted" => format!(
            "appId={}&appName={}&param={param}",
            body["appId"].as_str().unwrap(),
            body["appName"].as_str().unwrap()
        ),
        _ => param.to_string(),
    };
    let msg = env.path(&format!("msg-{mode}"));
    let sig = env.path(&format!("sig-{mode}"));
    std::fs::write(&msg, &message).unwrap();
    std::fs::write(env.path("sig.b64"), body["sign"].as_str().unwrap()).unwrap();
    sh(&format!("base64 -d '{}' > '{}'", env.path("sig.b64").display(), sig.display()));
    let verdict = sh(&format!(
        "openssl dgst -sha256 -verify '{}' -signature '{}' '{}'",
        keys("merchant-public.pem"),
        sig.display(),
        msg.display()
    ));
    assert_eq!(verdict.trim(), "Verified OK", "{mode}");
}

#[test]
fn dry_run_signature_verifies_with_openssl_in_both_sign_modes() {
    let env = TestEnv::new();
    dry_run_verifies(&env, "sandbox-paycools", "envelope_sorted");
    env.write_config(&format!(
        "[profiles.po]\nprovider = \"paycools\"\nbase_url = \"https://api-uat.paycools.com\"\napp_id = \"7c1e5a9f3b2d4e6f8a0b1c2d3e4f5a6b\"\napp_name = \"paycli sandbox\"\nprivate_key = {{ file = \"{}\" }}\nsign_mode = \"param_only\"\ncallback_url = \"https://shop.example/hooks/paycools\"\nredirect_url = \"https://shop.example/thanks\"\n",
        keys("merchant-private.b64")
    ));
    dry_run_verifies(&env, "po", "param_only");
}

#[test]
fn create_pay_and_status_against_the_sandbox() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = create_checkout(&env, "sandbox-paycools", ORDER_ARGS);
    assert_eq!((created["provider"].as_str(), created["status"].as_str()), (Some("paycools"), Some("pending")));
    assert_eq!((created["amount"].as_str(), created["currency"].as_str()), (Some("50.00"), Some("PHP")));
    assert!(created["provider_ref"].as_str().unwrap().starts_with("CH"));
    let order = created["order_id"].as_str().unwrap().to_string();
    let url = created["checkout_url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/p/", sandbox.url)), "{url}");
    let before = expect_code(&env, &["-p", "sandbox-paycools", "-o", "json", "status", "check", &order], 0).json();
    assert_eq!((before["status"].as_str(), before["provider_status"].as_str()), (Some("pending"), Some("PENDING")));

    pay(&url);
    let args = ["-p", "sandbox-paycools", "-o", "json", "status", "check", &order, "--expect", "paid"];
    let after = expect_code(&env, &args, 0).json();
    assert_eq!((after["amount"].as_str(), after["channel"].as_str()), (Some("50.00"), Some("GCASH")));
    assert!(after["paid_at"].as_str().unwrap().ends_with('Z'));

    // The same order id again: 1012, and the hint says where the order is.
    let mut again = vec!["-p", "sandbox-paycools", "checkout", "create", "--order-id", &order];
    again.extend_from_slice(ORDER_ARGS);
    let r = expect_code(&env, &again, 5);
    assert!(r.stderr.contains("1012") && r.stderr.contains("paycli status check"), "{}", r.stderr);
    let r = expect_code(&env, &["-p", "sandbox-paycools", "status", "check", "PCNOSUCHORDER00"], 5);
    assert!(r.stderr.contains("not found"), "{}", r.stderr);
}

#[test]
fn sandbox_refuses_the_wrong_sign_mode_with_exit_5_and_a_hint() {
    let sandbox = SandboxProc::start(&["--set", "paycools.sign_mode=param_only"]);
    let env = TestEnv::with_sandbox(&sandbox);
    let mut args = vec!["-p", "sandbox-paycools", "checkout", "create"];
    args.extend_from_slice(ORDER_ARGS);
    let r = expect_code(&env, &args, 5);
    assert!(r.stderr.contains("1003") && r.stderr.contains("sign_mode"), "{}", r.stderr);
}

#[test]
fn validation_happens_before_sending() {
    // No sandbox is running: every case must be refused with exit 2, not a network error.
    let env = TestEnv::new();
    let base = ["-p", "sandbox-paycools", "checkout", "create"];
    let cases: &[(&[&str], &str)] = &[
        (&["--amount", "1.234"], "decimal"),
        (&["--amount", "50", "--order-id", "SHORT"], "10 to 32"),
        (&["--amount", "50", "--customer-phone", "0917"], "11 to 14"),
        (&["--amount", "50", "--item", "Kit:2:20"], "totals"),
        (&["--amount", "50", "--expires-in", "2d"], "at most one day"),
        (&["--amount", "50", "--currency", "IDR"], "only takes PHP"),
    ];
    for (args, needle) in cases {
        let all: Vec<&str> = base.iter().chain(args.iter()).copied().collect();
        let r = expect_code(&env, &all, 2);
        assert!(r.stderr.contains(needle), "{args:?}: expected {needle:?} in {}", r.stderr);
    }
}

#[test]
fn callback_fixtures_verify_and_tampered_copies_fail() {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.f]\nprovider = \"paycools\"\nbase_url = \"https://api-uat.paycools.com\"\napp_id = \"f90addc4861540ef9312e87d8f360e08\"\nplatform_public_key = {{ file = \"{}\" }}\ncallback_secret = \"fixture-callback-secret-7Qx\"\n\n[profiles.f4096]\nprovider = \"paycools\"\nbase_url = \"https://api-uat.paycools.com\"\napp_id = \"f90addc4861540ef9312e87d8f360e08\"\nplatform_public_key = {{ file = \"{}\" }}\n",
        fixture("paycools/key-2048.pub.pem"),
        fixture("paycools/key-4096.pub.pem")
    ));
    let cases = [
        ("f", "callback-envelope.json", "ok", "paid", r#"{"code":10000,"message":"Success"}"#, "5000", "9000"),
        ("f", "callback-flat.json", "ok", "paid", r#"{"code":1,"msg":"success","data":{}}"#, "MAYA", "GCSH"),
        (
            "f",
            "callback-flat-decimal.json",
            "ok",
            "paid",
            r#"{"code":1,"msg":"success","data":{}}"#,
            "5000.00",
            "5000.0",
        ),
        ("f", "callback-legacy.json", "legacy_ok", "failed", r#"{"code":1,"msg":"success","data":{}}"#, "E102", "E999"),
        ("f4096", "callback-envelope-4096.json", "ok", "paid", r#"{"code":10000,"message":"Success"}"#, "5000", "5001"),
    ];
    for (profile, file, signature, status, ack, from, to) in cases {
        let path = fixture(&format!("paycools/{file}"));
        let ok = expect_code(&env, &["-p", profile, "-o", "json", "callback", "verify", &path], 0).json();
        assert_eq!((ok["verified"].as_bool(), ok["signature"].as_str()), (Some(true), Some(signature)), "{file}");
        assert_eq!((ok["status"].as_str(), ok["ack"].as_str()), (Some(status), Some(ack)), "{file}");
        let tampered = env.path(&format!("tampered-{file}"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from));
        std::fs::write(&tampered, text.replacen(from, to, 1)).unwrap();
        let bad =
            expect_code(&env, &["-p", profile, "-o", "json", "callback", "verify", tampered.to_str().unwrap()], 6)
                .json();
        assert_eq!(bad["signature"], "mismatch", "{file}");
    }
    let amount = expect_code(
        &env,
        &["-p", "f", "-o", "json", "callback", "verify", &fixture("paycools/callback-legacy.json")],
        0,
    )
    .json();
    assert_eq!(amount["amount"], "1250.50");
}

#[test]
fn mandatory_fields_are_filled_or_refused_before_sending() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    // Only an amount and a name: the one item is named after the order and carries the full
    // amount; the URLs come from the profile. The sandbox (which refuses a create without any of
    // the four with code 1009) accepts it.
    let created = create_checkout(&env, "sandbox-paycools", &["--amount", "75.50", "--customer-name", "Maria Santos"]);
    let order = created["order_id"].as_str().unwrap();
    let held = sandbox.get_json("/_sandbox/orders");
    let mine = held.as_array().unwrap().iter().find(|o| o["merchant_order_id"] == order).expect("the sandbox holds it");
    assert_eq!(mine["data"]["product"], format!("Order {order}"), "{mine}");
    assert!(mine["data"]["redirectUrl"].as_str().unwrap().starts_with(&sandbox.url));

    // No customer at all: refused with exit 2 before anything is sent (no sandbox needed).
    let offline = TestEnv::new();
    let r = expect_code(&offline, &["-p", "sandbox-paycools", "checkout", "create", "--amount", "50"], 2);
    assert!(r.stderr.contains("requires `customer`") && r.stderr.contains("--customer-name"), "{}", r.stderr);
    // A profile without redirect_url and no --redirect-url: refused, naming the flag and the setting.
    offline.write_config(&format!(
        "[profiles.po]\nprovider = \"paycools\"\nbase_url = \"http://127.0.0.1:9\"\napp_id = \"7c1e5a9f3b2d4e6f8a0b1c2d3e4f5a6b\"\nprivate_key = {{ file = \"{}\" }}\ncallback_url = \"https://shop.example/hooks/paycools\"\n",
        keys("merchant-private.b64")
    ));
    let r = expect_code(
        &offline,
        &["-p", "po", "checkout", "create", "--amount", "50", "--customer-name", "Maria Santos"],
        2,
    );
    assert!(r.stderr.contains("requires `redirectUrl`") && r.stderr.contains("redirect_url"), "{}", r.stderr);
}
