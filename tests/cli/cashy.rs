//! Cashy end to end: the binary against `paycli sandbox`, fixtures made with md5sum.

use crate::common::*;

#[test]
fn create_pay_and_status_against_the_sandbox() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = cashy_checkout(&env, "150000", &[]);
    assert_eq!(created["provider"], "cashy");
    assert_eq!(created["status"], "pending");
    assert_eq!(created["amount"], "150000");
    assert_eq!(created["currency"], "IDR");
    let order = created["order_id"].as_str().unwrap().to_string();
    let url = created["checkout_url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&sandbox.url), "{url}");

    let before = expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "status", "check", &order], 0).json();
    assert_eq!(before["status"], "pending");
    assert_eq!(before["provider_status"], "PAYING");

    pay(&url);
    let after =
        expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "status", "check", &order, "--expect", "paid"], 0)
            .json();
    assert_eq!(after["status"], "paid");
    assert_eq!(after["amount"], "150000");
    assert_eq!(after["fee"], "6000");
    assert!(after["paid_at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn dry_run_sign_is_md5sum_of_body_and_key() {
    let env = TestEnv::new();
    let out = expect_code(
        &env,
        &[
            "-p",
            "sandbox-cashy",
            "checkout",
            "create",
            "--amount",
            "150000",
            "--customer-name",
            "Budi Santoso",
            "--dry-run",
        ],
        0,
    )
    .json();
    assert_eq!(out["method"], "POST");
    assert!(out["url"].as_str().unwrap().ends_with("/api/payDesk"));
    let body = out["body"].as_str().unwrap();
    let body_path = env.path("body");
    std::fs::write(&body_path, body).unwrap();
    // The sandbox merchant's published key, as in `paycli config show sandbox-cashy`'s source.
    let key = "cashy-sandbox-key-8d2f6b0a4c9e1735";
    let md5 = sh(&format!("{{ cat '{}'; printf '%s' '{key}'; }} | md5sum", body_path.display()));
    let expected = md5.split_whitespace().next().unwrap().to_uppercase();
    assert_eq!(out["headers"]["Sign"], expected.as_str());
    assert_eq!(out["headers"]["MerchantId"], "100001");
}

#[test]
fn sandbox_refuses_a_bad_sign_with_exit_5_and_a_hint() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    env.write_config(&format!(
        "[profiles.wrong]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"100001\"\napi_key = \"not-the-key\"\nnotify_url = \"https://shop.example/h\"\n",
        sandbox.url
    ));
    let r = expect_code(
        &env,
        &["-p", "wrong", "checkout", "create", "--amount", "150000", "--customer-name", "Budi Santoso"],
        5,
    );
    assert!(r.stderr.contains("Sign_verify_error"), "{}", r.stderr);
    assert!(r.stderr.contains("check api_key and merchant_id"), "{}", r.stderr);
    let r = expect_code(&env, &["-p", "wrong", "status", "check", "X1"], 5);
    assert!(r.stderr.contains("Sign_verify_error"));
}

#[test]
fn provider_error_words_become_exit_5() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let r = expect_code(&env, &["-p", "sandbox-cashy", "status", "check", "NO-SUCH-ORDER"], 5);
    assert!(r.stderr.contains("Params_mchOrderNo_error"), "{}", r.stderr);
    // The same order id twice: Cashy refuses the second.
    let args = [
        "-p",
        "sandbox-cashy",
        "checkout",
        "create",
        "--order-id",
        "DUP1",
        "--amount",
        "20000",
        "--customer-name",
        "Ani",
    ];
    expect_code(&env, &args, 0);
    let r = expect_code(&env, &args, 5);
    assert!(r.stderr.contains("order id"), "{}", r.stderr);
}

#[test]
fn validation_happens_before_sending() {
    // No sandbox is running: every case must be refused with exit 2, not a network error.
    let env = TestEnv::new();
    let base = ["-p", "sandbox-cashy", "checkout", "create"];
    let cases: &[(&[&str], &str)] = &[
        (&["--amount", "9999", "--customer-name", "A"], "minimum amount"),
        (&["--amount", "10000.5", "--customer-name", "A"], "decimal place"),
        (&["--amount", "abc", "--customer-name", "A"], "not a positive decimal"),
        (&["--amount", "-10000", "--customer-name", "A"], "not a positive decimal"),
        (&["--amount", "10000"], "payer's name"),
        (&["--amount", "10000", "--customer-name", "A", "--currency", "PHP"], "only takes IDR"),
        (&["--amount", "10000", "--customer-name", "A", "--order-id", &"X".repeat(33)], "at most 32"),
        (&["--amount", "10000", "--customer-name", "A", "--callback-url", "ftp://x"], "http(s)"),
        (&["--amount", "10000", "--customer-name", "A", "--item", "x:1:10000"], "line items"),
        (&["--amount", "10000", "--customer-name", "A", "--expires-in", "soon"], "duration"),
        (&["--amount", "10000", "--customer-name", "A", "--set", "bad key=1"], "must be letters, digits or _"),
    ];
    for (args, needle) in cases {
        let all: Vec<&str> = base.iter().chain(args.iter()).copied().collect();
        let r = expect_code(&env, &all, 2);
        assert!(r.stderr.contains(needle), "{args:?}: expected {needle:?} in {}", r.stderr);
    }
}

#[test]
fn callback_fixture_verifies_and_a_changed_byte_fails() {
    let env = TestEnv::new();
    env.write_config(
        "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"https://cashier.example\"\nmerchant_id = \"3006075\"\napi_key = \"a7Kq2ZxT9mWb4LpR\"\n",
    );
    let ok =
        expect_code(&env, &["-p", "c", "-o", "json", "callback", "verify", &fixture("cashy/callback.http")], 0).json();
    assert_eq!(ok["verified"], true);
    assert_eq!(ok["signature"], "ok");
    assert_eq!(ok["order_id"], "cashypay_65543616");
    assert_eq!(ok["status"], "paid");
    assert_eq!(ok["amount"], "20000");
    assert_eq!(ok["ack"], "SUCCESS");

    let tampered = env.path("tampered.http");
    let raw = std::fs::read(fixture("cashy/callback.http")).unwrap();
    let text = String::from_utf8(raw).unwrap().replace("\"fee\":800.0", "\"fee\":700.0");
    std::fs::write(&tampered, text).unwrap();
    let bad = expect_code(&env, &["-p", "c", "-o", "json", "callback", "verify", tampered.to_str().unwrap()], 6).json();
    assert_eq!(bad["verified"], false);
    assert_eq!(bad["signature"], "mismatch");

    // The bare body with the header on the command line, read from stdin.
    let mut cmd = env.cmd();
    cmd.args(["-p", "c", "-o", "json", "callback", "verify", "-H", "Sign: 04355e29e0a46e33e08882079811ba9d"])
        .pipe_stdin(fixture("cashy/callback-body.json"))
        .unwrap();
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["source"], "-");

    // Several files: one result each, the worst exit code.
    let many = expect_code(
        &env,
        &["-p", "c", "-o", "ndjson", "callback", "verify", &fixture("cashy/callback.http"), tampered.to_str().unwrap()],
        6,
    );
    assert_eq!(many.stdout.lines().count(), 2);
}

#[test]
fn requery_confirms_a_callback_with_the_sandbox() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = cashy_checkout(&env, "20000", &[]);
    pay(created["checkout_url"].as_str().unwrap());
    let order = created["order_id"].as_str().unwrap();
    let key = "cashy-sandbox-key-8d2f6b0a4c9e1735";
    let make = |amount: &str, name: &str| {
        let body = format!(
            "{{\"amount\":{amount},\"mchOrderNo\":\"{order}\",\"merchantId\":\"100001\",\"orderNo\":\"{}\",\"orderStatus\":\"SUCCESS\"}}",
            created["provider_ref"].as_str().unwrap()
        );
        let path = env.path(name);
        std::fs::write(&path, &body).unwrap();
        let md5 = sh(&format!("{{ cat '{}'; printf '%s' '{key}'; }} | md5sum", path.display()));
        (path, md5.split_whitespace().next().unwrap().to_string())
    };
    let (good, sign) = make("20000.0", "good.json");
    let header = format!("Sign: {sign}");
    let r = expect_code(
        &env,
        &[
            "-p",
            "sandbox-cashy",
            "-o",
            "json",
            "callback",
            "verify",
            good.to_str().unwrap(),
            "-H",
            &header,
            "--requery",
        ],
        0,
    )
    .json();
    assert_eq!(r["requery"], "ok");
    // Correctly signed (the key leaked, say) but claiming another amount: the provider disagrees.
    let (lie, sign) = make("90000.0", "lie.json");
    let header = format!("Sign: {sign}");
    let r = expect_code(
        &env,
        &["-p", "sandbox-cashy", "-o", "json", "callback", "verify", lie.to_str().unwrap(), "-H", &header, "--requery"],
        6,
    )
    .json();
    assert_eq!(r["signature"], "ok");
    assert_eq!(r["requery"], "mismatch");
    assert!(r["reason"].as_str().unwrap().contains("amount"));
}

#[test]
fn processing_and_cancel_words_and_a_64_character_real_name_against_the_sandbox() {
    let sandbox =
        SandboxProc::start(&["--set", "cashy.pending_status=PROCESSING", "--set", "cashy.failed_status=CANCEL"]);
    let env = TestEnv::with_sandbox(&sandbox);
    let listen = crate::webhooks::Listen::start(&TestEnv::new(), "sandbox-cashy", &[]);
    let hook = format!("{}/hooks/cashy", listen.url);
    // realName up to 64 characters (the current IDN PayDesk page); 65 is refused before sending.
    let name = format!("Budi {}", "S".repeat(59));
    assert_eq!(name.chars().count(), 64);
    let created = create_checkout(
        &env,
        "sandbox-cashy",
        &["--amount", "150000", "--customer-name", &name, "--callback-url", &hook],
    );
    let order = created["order_id"].as_str().unwrap().to_string();
    let long = format!("{name}S");
    let r = expect_code(
        &env,
        &["-p", "sandbox-cashy", "checkout", "create", "--amount", "150000", "--customer-name", &long],
        2,
    );
    assert!(r.stderr.contains("realName allows at most 64"), "{}", r.stderr);

    // PROCESSING is pending.
    let st = expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "status", "check", &order], 0).json();
    assert_eq!((st["status"].as_str(), st["provider_status"].as_str()), (Some("pending"), Some("PROCESSING")));

    // CANCEL is failed, in the query answer and in the webhook.
    let id = created["provider_ref"].as_str().unwrap();
    let (status, _) = http_post(&format!("{}/_sandbox/orders/cashy/{id}/fail", sandbox.url), &[], b"");
    assert!(status < 400, "failing the order answered {status}");
    let st = expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "status", "check", &order], 0).json();
    assert_eq!((st["status"].as_str(), st["provider_status"].as_str()), (Some("failed"), Some("CANCEL")));
    let rec = listen.wait_for(15, |v| v["order_id"] == order.as_str());
    assert_eq!(rec["verified"], true, "{rec}");
    assert_eq!((rec["status"].as_str(), rec["provider_status"].as_str()), (Some("failed"), Some("CANCEL")));
    assert_eq!(rec["reply_status"], 200);
}

/// The Cashy sandbox takes `nonceStr` as a JSON number too (a public PHP driver sends one; Cashy's
/// test system accepted it), and says "Required" only for a nonce really absent or empty. Requests
/// signed by `md5sum`: `printf '%s' "$BODY$KEY" | md5sum`, upper-cased.
#[test]
fn sandbox_accepts_a_numeric_nonce_and_names_only_missing_fields() {
    let sandbox = SandboxProc::start(&[]);
    let ask = |body: &str| {
        let out = std::process::Command::new("sh")
            .args(["-c", "printf '%s' \"$1\" | md5sum", "sh", &format!("{body}cashy-sandbox-key-8d2f6b0a4c9e1735")])
            .output()
            .unwrap();
        let sign = String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_uppercase();
        let url = format!("{}/api/payDeskQuery", sandbox.url);
        http_post(
            &url,
            &[("Content-Type", "application/json"), ("MerchantId", "100001"), ("Sign", &sign)],
            body.as_bytes(),
        )
    };
    let (_, numeric) = ask(r#"{"mchOrderNo":"NO-SUCH-ORDER","merchantId":"100001","nonceStr":1733150000000}"#);
    assert!(!numeric.contains("nonceStr"), "a numeric nonce is a nonce: {numeric}");
    assert!(numeric.contains("Params_mchOrderNo_error"), "the unknown order is what is wrong: {numeric}");
    for missing in
        [r#"{"mchOrderNo":"X","merchantId":"100001"}"#, r#"{"mchOrderNo":"X","merchantId":"100001","nonceStr":""}"#]
    {
        let (_, answer) = ask(missing);
        assert!(answer.contains("Params_nonceStr_Required"), "{missing}: {answer}");
    }
}
