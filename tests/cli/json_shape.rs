//! `-o json` is an object or an array by the form of the input, never by the count of results
//! (README, "Output"): one id or one file argument gives an object; several arguments, a
//! directory, `--from` or `--pending` give an array, even of one or none.

use crate::common::*;
use serde_json::Value;

/// The Cashy test merchant whose key signed `fixtures/cashy/callback.http` (see its README).
const CASHY: &str = "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"http://127.0.0.1:9\"\nmerchant_id = \"3006075\"\napi_key = \"a7Kq2ZxT9mWb4LpR\"\n";

fn json(env: &TestEnv, args: &[&str], code: i32) -> Value {
    let mut all = vec!["-o", "json"];
    all.extend_from_slice(args);
    expect_code(env, &all, code).json()
}

fn cat<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<&'a str> {
    [a, b].concat()
}

fn array_len(v: &Value, what: &str) -> usize {
    v.as_array().unwrap_or_else(|| panic!("{what}: expected an array, got {v}")).len()
}

#[test]
fn callback_verify_is_an_object_for_one_file_and_an_array_for_a_directory_or_several() {
    let env = TestEnv::new();
    env.write_config(CASHY);
    let capture = fixture("cashy/callback.http");
    let verify = ["-p", "c", "callback", "verify"];

    let one = json(&env, &cat(&verify, &[&capture]), 0);
    assert!(one.is_object(), "one file argument: {one}");
    assert_eq!(one["verified"], true);

    let stdin_one = {
        let mut cmd = env.cmd();
        cmd.args(["-o", "json"]).args(cat(&verify, &["-"])).write_stdin(std::fs::read(&capture).unwrap());
        run(cmd)
    };
    assert_eq!(stdin_one.code, 0, "{}", stdin_one.stderr);
    assert!(stdin_one.json().is_object(), "stdin is one file: {}", stdin_one.stdout);

    let dir = env.path("captures-one");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&capture, dir.join("0001.http")).unwrap();
    let from_dir = json(&env, &cat(&verify, &[dir.to_str().unwrap()]), 0);
    assert_eq!(array_len(&from_dir, "a directory with one file"), 1);
    assert_eq!(from_dir[0]["verified"], true);
    assert_eq!(from_dir[0]["error"], Value::Null, "an array row has the error field: {from_dir}");

    let empty = env.path("captures-empty");
    std::fs::create_dir_all(&empty).unwrap();
    let r = expect_code(&env, &[&["-o", "json"][..], &cat(&verify, &[empty.to_str().unwrap()])].concat(), 0);
    assert_eq!(array_len(&r.json(), "an empty directory"), 0);
    assert!(r.stderr.contains("has no files to verify"), "the empty directory is named: {}", r.stderr);

    let two = json(&env, &cat(&verify, &[&capture, &capture]), 0);
    assert_eq!(array_len(&two, "two file arguments"), 2);

    // A directory and a file: still one array, the directory's file first.
    let mixed = json(&env, &cat(&verify, &[dir.to_str().unwrap(), &capture]), 0);
    assert_eq!(array_len(&mixed, "a directory and a file"), 2);

    // ndjson is one object a line whatever the form; an object for one file carries no `error`.
    assert!(one.get("error").is_none(), "a single object has no error field: {one}");
}

#[test]
fn a_single_bad_capture_is_an_error_but_inside_a_directory_it_is_a_row() {
    let env = TestEnv::new();
    let bad = env.path("bad.http");
    std::fs::write(&bad, b"POST /h HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\nabc").unwrap();
    let r = expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "callback", "verify", bad.to_str().unwrap()], 2);
    assert!(r.stdout.is_empty(), "one file that cannot be read: no record, the error on stderr: {}", r.stdout);
    let err: Value = serde_json::from_str(&r.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "usage");

    let dir = env.path("captures");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&bad, dir.join("bad.http")).unwrap();
    let rows = json(&env, &["-p", "sandbox-cashy", "callback", "verify", dir.to_str().unwrap()], 2);
    assert_eq!(array_len(&rows, "a directory with one unreadable file"), 1);
    assert!(rows[0]["error"].as_str().unwrap().starts_with("usage:"), "{rows}");
    assert!(rows[0]["source"].as_str().unwrap().ends_with("bad.http"), "{rows}");
}

#[test]
fn status_check_is_an_object_for_one_id_and_an_array_for_from_pending_or_several() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let check = ["-p", "sandbox-cashy", "status", "check"];

    // No order in the journal yet: --pending has none and is still an array.
    let none = json(&env, &cat(&check, &["--pending"]), 0);
    assert_eq!(array_len(&none, "--pending with no open order"), 0);

    let order = cashy_checkout(&env, "150000", &[])["order_id"].as_str().unwrap().to_string();

    let one = json(&env, &cat(&check, &[&order]), 0);
    assert!(one.is_object(), "one id: {one}");
    assert_eq!(one["order_id"], order.as_str());

    let ids = env.path("ids.txt");
    std::fs::write(&ids, format!("{order}\n")).unwrap();
    let from = json(&env, &cat(&check, &["--from", ids.to_str().unwrap()]), 0);
    assert_eq!(array_len(&from, "--from with one id"), 1);
    assert_eq!(from[0]["order_id"], order.as_str());

    let from_stdin = {
        let mut cmd = env.cmd();
        cmd.args(["-o", "json"]).args(cat(&check, &["--from", "-"])).write_stdin(format!("{order}\n"));
        run(cmd)
    };
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.stderr);
    assert_eq!(array_len(&from_stdin.json(), "--from - with one id"), 1);

    let empty = env.path("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let from_empty = json(&env, &cat(&check, &["--from", empty.to_str().unwrap()]), 0);
    assert_eq!(array_len(&from_empty, "--from an empty file"), 0);

    let pending = json(&env, &cat(&check, &["--pending"]), 0);
    assert_eq!(array_len(&pending, "--pending with one open order"), 1);
    assert_eq!(pending[0]["order_id"], order.as_str());

    let two = json(&env, &cat(&check, &[&order, &order]), 0);
    assert_eq!(array_len(&two, "two id arguments"), 2);

    // --dry-run follows the same rule.
    let dry_one = json(&env, &cat(&check, &[&order, "--dry-run"]), 0);
    assert!(dry_one.is_object(), "one id, dry run: {dry_one}");
    let dry_from = json(&env, &cat(&check, &["--from", ids.to_str().unwrap(), "--dry-run"]), 0);
    assert_eq!(array_len(&dry_from, "--from with one id, dry run"), 1);
}

#[test]
fn one_unknown_id_is_an_error_but_from_a_file_it_is_a_row() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let r = expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "status", "check", "NOPE-0001"], 5);
    assert!(r.stdout.is_empty(), "one id that failed: the error on stderr only: {}", r.stdout);

    let ids = env.path("ids.txt");
    std::fs::write(&ids, "NOPE-0001\n").unwrap();
    let rows = json(&env, &["-p", "sandbox-cashy", "status", "check", "--from", ids.to_str().unwrap()], 5);
    assert_eq!(array_len(&rows, "--from with one unknown id"), 1);
    assert_eq!(rows[0]["order_id"], "NOPE-0001");
    assert!(rows[0]["error"].as_str().unwrap().starts_with("provider:"), "{rows}");
}
