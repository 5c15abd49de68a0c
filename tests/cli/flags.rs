//! The input edge: typed flags refused at the command line, settings checked against what each
//! provider declares, flags that would do nothing refused.

use crate::common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

fn json_error(r: &Run) -> Value {
    serde_json::from_str(r.stderr.trim()).unwrap_or_else(|e| panic!("stderr is not a JSON error ({e}): {}", r.stderr))
}

#[test]
fn typed_flags_are_refused_before_anything_runs() {
    let env = TestEnv::new();
    for (args, needle) in [
        (&["status", "check", "A", "--rate", "bogus"][..], "not a rate like"),
        (&["status", "check", "A", "--rate", "0/s"], "out of range"),
        (&["status", "check", "A", "--retries", "99"], "--retries"),
        (&["status", "check", "A", "--expect", "done"], "is not one of pending"),
        (&["orders", "list", "--since", "yesterday"], "neither a duration"),
        (&["orders", "list", "--provider", "zenopay"], "did you mean `zenospay`"),
        (&["checkout", "create", "--amount", "1e5"], "1e5"),
        (&["checkout", "create", "--amount", "100", "--expires-in", "999999d"], "too long"),
        (&["checkout", "create", "--amount", "100", "--item", "Tea:two:5"], "NAME:QTY:UNIT_PRICE"),
        (&["callback", "verify", "x", "--at", "yesterday"], "RFC 3339"),
        (&["callback", "verify", "x", "--tolerance", "0s"], "at least 1s"),
        (&["callback", "verify", "x", "-H", "no colon"], "Name: value"),
        (&["callback", "listen", "--budget", "1ms"], "between 50ms and 600s"),
        (&["sandbox", "--time-scale", "0"], "positive factor"),
        (&["status", "check", "A\u{200b}B"], "control character"),
        (&["--timeout", "0", "status", "check", "A"], "seconds between 0 and 3600"),
    ] {
        let mut all = vec!["-o", "json", "-p", "sandbox-cashy"];
        all.extend_from_slice(args);
        let r = expect_code(&env, &all, 2);
        let err = json_error(&r);
        assert_eq!(err["error"]["kind"], "usage", "{args:?}");
        let message = err["error"]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{args:?}: expected {needle:?} in {message}");
    }
}

#[test]
fn flags_that_would_do_nothing_are_refused() {
    let env = TestEnv::new();
    for (args, needle) in [
        (&["status", "check", "A", "--older-than", "1h"][..], "--pending"),
        (&["status", "check", "A", "--recheck-after", "1h"], "--pending"),
        (&["status", "check", "A", "--dry-run", "--expect", "paid"], "--expect"),
        (&["status", "check", "--from", "-", "--rrn", "R1"], "--rrn"),
        (&["checkout", "create", "--amount", "100", "--dry-run", "--qr"], "--qr"),
        (&["checkout", "create", "--amount", "100", "--dry-run", "--retry-safe"], "--retry-safe"),
        (&["config", "init", "--stdout", "--force"], "--force"),
        (&["callback", "listen", "--forward-unverified"], "--forward-to"),
    ] {
        let mut all = vec!["-o", "json", "-p", "sandbox-cashy"];
        all.extend_from_slice(args);
        let r = expect_code(&env, &all, 2);
        let message = json_error(&r)["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains(needle), "{args:?}: expected {needle:?} in {message}");
    }
}

#[test]
fn unknown_profile_settings_fail_with_a_suggestion_exit_3() {
    let env = TestEnv::new();
    env.write_config(
        "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"https://cashier.example\"\nmerchant_id = \"1\"\n\
         api_key = \"k\"\nnotify_ulr = \"https://shop.example/hooks\"\n\
         [profiles.k]\nprovider = \"cashy\"\nbase_url = \"https://cashier.example\"\nmerchant_id = \"1\"\napi_kye = \"k\"\n\
         [profiles.p]\nprovider = \"paycools\"\nbase_url = \"https://x.example\"\napp_id = \"a\"\nprivate_key = \"k\"\n\
         sign_mode = \"sorted\"\n",
    );
    let r = expect_code(&env, &["-o", "json", "-p", "c", "status", "check", "A"], 3);
    let err = json_error(&r);
    assert_eq!(err["error"]["kind"], "config");
    let message = err["error"]["message"].as_str().unwrap();
    assert!(message.contains("`notify_ulr`") && message.contains("did you mean `notify_url`?"), "{message}");
    assert!(err["error"]["hint"].as_str().unwrap().contains("merchant_id"), "the hint lists the settings: {err}");
    let r = expect_code(&env, &["-o", "table", "-p", "k", "doctor"], 3);
    assert!(r.all().contains("did you mean `api_key`?"), "doctor names the typo: {}", r.all());
    let r = expect_code(&env, &["-o", "json", "-p", "p", "status", "check", "A"], 3);
    assert!(json_error(&r)["error"]["message"].as_str().unwrap().contains("envelope_sorted"), "{}", r.stderr);
}

#[test]
fn sandbox_settings_are_checked_with_a_suggestion() {
    let env = TestEnv::new();
    let r = expect_code(&env, &["sandbox", "--port", "0", "--set", "zenospay.callbackurl=http://127.0.0.1:9/h"], 2);
    assert!(r.stderr.contains("did you mean `callback_url`?"), "{}", r.stderr);
    let r = expect_code(&env, &["sandbox", "--port", "0", "--set", "zenospay.callback_url=not-a-url"], 2);
    assert!(r.stderr.contains("not an http(s) URL"), "{}", r.stderr);
    let r = expect_code(&env, &["sandbox", "--port", "0", "--set", "paycools.sign_mode=sorted"], 2);
    assert!(r.stderr.contains("envelope_sorted, param_only"), "{}", r.stderr);
    let r = expect_code(&env, &["sandbox", "--port", "0", "--set", "cashy.callback_url=http://x.example/"], 2);
    assert!(r.stderr.contains("the cashy sandbox has no setting `callback_url`"), "{}", r.stderr);
    // A good setting starts the sandbox.
    let mut child = env
        .std_cmd()
        .args(["sandbox", "--port", "0", "--set", "zenospay.callback_url=http://127.0.0.1:9/hooks"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut first).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.starts_with("paycli sandbox listening on http://127.0.0.1:"), "{first}");
}
