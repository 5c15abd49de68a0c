//! Escape sequences from strangers never reach the terminal: a forged callback's body and headers,
//! a capture file's name and a provider's error page or answer carry ESC/BEL/CR/C1 bytes; in
//! table mode (stdout and stderr, `-v` included) they are shown escaped, while JSON keeps them
//! exact.

use crate::common::*;

/// OSC "set title" (ESC ] ... BEL), erase line + carriage return + a forged verdict, and the
/// 8-bit CSI (U+009B) some terminals obey.
const FORGED: &str = "\x1b]0;owned\x07\x1b[2K\rverified paid\u{9b}2J";
/// A header value cannot hold ESC (HTTP parsers refuse it) but can hold the 8-bit CSI as UTF-8
/// and a right-to-left override.
const FORGED_HEADER: &str = "\u{9b}2Jverified paid \u{202e}diap";

/// No character a terminal would act on: only newlines and tabs among the controls.
fn assert_terminal_safe(what: &str, text: &str) {
    let bad: Vec<char> = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\t')).collect();
    assert!(bad.is_empty(), "{what} carries raw control characters {bad:?}:\n{text:?}");
}

fn cashy_env() -> TestEnv {
    let env = TestEnv::new();
    env.write_config(
        "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"https://cashier.example\"\nmerchant_id = \"3006075\"\napi_key = \"a7Kq2ZxT9mWb4LpR\"\n",
    );
    env
}

/// A forged Cashy callback: the order id (a JSON escape, so a parser reads ESC and BEL) and a
/// proxy header (raw bytes) carry the sequences; the signature is made up.
fn forged_capture(env: &TestEnv) -> std::path::PathBuf {
    let order = FORGED.replace('\x1b', "\\u001b").replace('\x07', "\\u0007").replace('\r', "\\r");
    let body = format!(
        r#"{{"amount":20000.0,"mchOrderNo":"{order}","merchantId":"3006075","orderNo":"P1","orderStatus":"SUCCESS"}}"#
    );
    let raw = format!(
        "POST /hooks/cashy HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\nMerchantId: 3006075\r\nSign: 00000000000000000000000000000000\r\nX-Note: {FORGED_HEADER}\r\n\r\n{body}"
    );
    let path = env.path("forged.http");
    std::fs::write(&path, raw).unwrap();
    path
}

#[test]
fn a_forged_callback_is_shown_escaped_in_tables_and_exact_in_json() {
    let env = cashy_env();
    let capture = forged_capture(&env);
    let file = capture.to_str().unwrap();
    let table = expect_code(&env, &["-p", "c", "-o", "table", "callback", "verify", file], 6);
    assert_terminal_safe("table stdout", &table.stdout);
    assert_terminal_safe("table stderr", &table.stderr);
    assert!(table.stdout.contains("\\u{1b}]0;owned\\u{7}\\u{1b}[2K\\rverified paid\\u{9b}2J"), "{}", table.stdout);
    // The header reaches a human path in `-v`... and the capture's JSON keeps it exact.
    // -v and -o ndjson lines go through the same layer.
    let verbose = expect_code(&env, &["-p", "c", "-v", "-o", "table", "callback", "verify", file], 6);
    assert_terminal_safe("-v stdout", &verbose.stdout);
    assert_terminal_safe("-v stderr", &verbose.stderr);

    let json = expect_code(&env, &["-p", "c", "-o", "json", "callback", "verify", file], 6).json();
    assert_eq!(json["signature"], "mismatch");
    assert_eq!(json["order_id"], FORGED, "JSON keeps the text exact: {json}");
}

#[test]
fn an_error_that_quotes_outside_text_is_escaped() {
    let env = cashy_env();
    // A capture file whose name carries the sequences, which does not exist.
    let name = env.path(&format!("cb{FORGED}.http"));
    let name = name.to_str().unwrap();
    let r = expect_code(&env, &["-p", "c", "-o", "table", "callback", "verify", name], 2);
    assert_terminal_safe("the error", &r.stderr);
    assert!(r.stderr.contains("error:") && r.stderr.contains("\\u{1b}]0;owned"), "{}", r.stderr);
    let json = expect_code(&env, &["-p", "c", "-o", "json", "callback", "verify", name], 2);
    let err: serde_json::Value = serde_json::from_str(json.stderr.trim()).unwrap();
    assert!(err["error"]["message"].as_str().unwrap().contains(FORGED), "{}", json.stderr);

    // A forged capture whose request line carries them is refused with a message about it.
    let bad = env.path("bad-line.http");
    std::fs::write(&bad, format!("POST /h{FORGED} HTTP/1.1\r\nSign: 00\r\n\r\n{{}}")).unwrap();
    let r = run({
        let mut c = env.cmd();
        c.args(["-p", "c", "-o", "table", "callback", "verify", bad.to_str().unwrap()]);
        c
    });
    assert_ne!(r.code, 0);
    assert_terminal_safe("stdout", &r.stdout);
    assert_terminal_safe("stderr", &r.stderr);
}

#[test]
fn a_provider_error_page_with_escapes_is_shown_escaped() {
    let page = format!("<html><body>Bad Gateway {FORGED}</body></html>");
    let server = FaultServer::always(Fault::Respond(http_response(502, "text/html", &page)));
    let env = crate::network::env_for(&server.url);
    for args in [
        &["-p", "f", "-o", "table", "status", "check", "A1"][..],
        &["-p", "f", "-v", "-o", "table", "status", "check", "A1"],
        &["-p", "f", "-o", "table", "status", "check", "A1", "A2"],
    ] {
        let r = expect_code(&env, args, 5);
        assert_terminal_safe("stdout", &r.stdout);
        assert_terminal_safe("stderr", &r.stderr);
        assert!(r.all().contains("Bad Gateway \\u{1b}]0;owned\\u{7}"), "{args:?}: {}", r.all());
    }
    let r = expect_code(&env, &["-p", "f", "-o", "json", "status", "check", "A1"], 5);
    let err: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
    // The message quotes the page as it came (paycli shortens a page to one line of text).
    let message = err["error"]["message"].as_str().unwrap();
    assert!(message.contains("Bad Gateway \x1b]0;owned\x07\x1b[2K"), "JSON is exact: {}", r.stderr);
}

#[test]
fn a_provider_answer_with_escapes_is_shown_escaped_and_kept_exact() {
    let reference = FORGED.replace('\x1b', "\\u001b").replace('\x07', "\\u0007").replace('\r', "\\r");
    let answer = format!(
        r#"{{"code":200,"msg":"SUCCESS","data":{{"mchOrderNo":"A1","orderNo":"{reference}","amount":10000.0,"orderStatus":"PAYING"}}}}"#
    );
    let server = FaultServer::always(Fault::Respond(http_response(200, "application/json", &answer)));
    let env = crate::network::env_for(&server.url);
    for format in ["table", "csv"] {
        let r = expect_code(&env, &["-p", "f", "-v", "-o", format, "status", "check", "A1"], 0);
        assert_terminal_safe("-v stderr", &r.stderr);
        if format == "table" {
            assert_terminal_safe("table", &r.stdout);
            assert!(r.stdout.contains("\\u{1b}]0;owned"), "{}", r.stdout);
        } else {
            assert!(r.stdout.contains(FORGED), "CSV stays exact: {:?}", r.stdout);
        }
    }
    let json = expect_code(&env, &["-p", "f", "-o", "json", "status", "check", "A1"], 0).json();
    assert_eq!(json["provider_ref"], FORGED);
}

#[test]
fn the_listener_line_for_a_forged_callback_is_escaped() {
    use std::io::{BufRead, BufReader};
    let env = cashy_env();
    let mut child = env
        .std_cmd()
        .args(["-p", "c", "-o", "table", "callback", "listen", "--port", "0", "--no-journal"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("listen starts");
    let mut err = BufReader::new(child.stderr.take().unwrap()).lines();
    let banner = err.next().expect("listen prints its address").unwrap();
    let url = banner.split_whitespace().find(|w| w.starts_with("http://")).expect("URL in banner").to_string();
    let order = FORGED.replace('\x1b', "\\u001b").replace('\x07', "\\u0007").replace('\r', "\\r");
    let body = format!(r#"{{"amount":1.0,"mchOrderNo":"{order}","merchantId":"3006075","orderStatus":"SUCCESS"}}"#);
    let (status, _) = http_post(&format!("{url}/h"), &[("Sign", "00"), ("X-Note", FORGED_HEADER)], body.as_bytes());
    assert_eq!(status, 403);
    let line = BufReader::new(child.stdout.take().unwrap()).lines().next().expect("a line").unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_terminal_safe("the listener's line", &line);
    assert!(line.contains("NOT VERIFIED") && line.contains("\\u{1b}]0;owned\\u{7}"), "{line}");
}
