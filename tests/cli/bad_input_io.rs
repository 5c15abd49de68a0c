//! The bad-input catalog, part 2: hostile capture files and broken provider answers.

use crate::bad_input::case;
use crate::common::*;

const PROFILE: &str = "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"BASE\"\nmerchant_id = \"3006075\"\napi_key = \"a7Kq2ZxT9mWb4LpR\"\nnotify_url = \"https://s.example/h\"\n";

fn env_at(base: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&PROFILE.replace("BASE", base));
    env
}

#[test]
fn hostile_capture_files() {
    let env = env_at("http://127.0.0.1:9");
    let good = std::fs::read(fixture("cashy/callback.http")).unwrap();
    let split = good.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let mut tampered = good.clone();
    let last = tampered.len() - 2;
    tampered[last] ^= 1;
    let mut huge_head = b"POST /h HTTP/1.1\r\n".to_vec();
    for i in 0..2000 {
        huge_head.extend_from_slice(format!("X-Pad-{i}: {}\r\n", "a".repeat(30)).as_bytes());
    }
    huge_head.extend_from_slice(b"\r\n{}");
    let mut binary_head = b"POST /h HTTP/1.1\r\nSign: \xff\xfe\r\n\r\n{}".to_vec();
    binary_head.extend_from_slice(&[0, 1, 2]);
    let nested = format!("POST /h HTTP/1.1\r\nSign: 00\r\n\r\n{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let files: Vec<(&str, Vec<u8>, i32, &str)> = vec![
        ("empty file", Vec::new(), 2, "not a captured callback: expected a raw HTTP request"),
        ("truncated head", good[..split / 2].to_vec(), 2, "no blank line between headers and body"),
        ("truncated body", good[..good.len() - 10].to_vec(), 6, "Sign is not MD5(body + api_key)"),
        ("tampered body", tampered, 6, "Sign is not MD5(body + api_key)"),
        ("header without colon", b"POST /h HTTP/1.1\r\nno colon here\r\n\r\n{}".to_vec(), 2, "is not `Name: value`"),
        ("non-UTF-8 header", binary_head, 2, "not UTF-8"),
        (
            "random binary",
            (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect(),
            2,
            "starts with binary data",
        ),
        ("NUL bytes only", vec![0; 1000], 2, "not a captured callback"),
        ("huge header section", huge_head, 2, "larger than 64 KiB"),
        ("huge file", vec![b'{'; 5 * 1024 * 1024], 2, "larger than 4 MiB"),
        ("deeply nested body", nested.into_bytes(), 6, "Sign is not MD5"),
        (
            "broken chunked body",
            b"POST /h HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc".to_vec(),
            2,
            "not valid chunked data",
        ),
        (
            "chunk longer than body",
            b"POST /h HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\nabc".to_vec(),
            2,
            "not valid chunked data",
        ),
        (
            "chunk size overflow",
            b"POST /h HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc".to_vec(),
            2,
            "not valid chunked data",
        ),
    ];
    for (name, bytes, code, needle) in files {
        let path = env.path("capture.bin");
        std::fs::write(&path, &bytes).unwrap();
        case(&env, name, &["-p", "c", "-o", "json", "callback", "verify", path.to_str().unwrap()], code, needle);
    }
    let dir = env.path("empty-dir");
    std::fs::create_dir_all(&dir).unwrap();
    // An empty directory is an empty array (the form decides the shape), named on stderr.
    let r = case(
        &env,
        "capture is an empty directory",
        &["-p", "c", "-o", "json", "callback", "verify", dir.to_str().unwrap()],
        0,
        "no files to verify",
    );
    assert_eq!(r.stdout.trim(), "[]", "{}", r.stdout);
    case(
        &env,
        "capture missing",
        &["-p", "c", "callback", "verify", "/nonexistent/cap"],
        2,
        "cannot read /nonexistent/cap",
    );
    let r = case(
        &env,
        "one bad among good",
        &["-p", "c", "-o", "ndjson", "callback", "verify", &fixture("cashy/callback.http"), "/nonexistent/cap"],
        2,
        "cannot read /nonexistent/cap",
    );
    assert_eq!(r.stdout.lines().count(), 2, "the good capture and a row for the bad one: {}", r.stdout);
    let bad: serde_json::Value = serde_json::from_str(r.stdout.lines().nth(1).unwrap()).unwrap();
    assert_eq!(bad["source"], "/nonexistent/cap");
    assert!(bad["error"].as_str().unwrap().starts_with("usage: cannot read /nonexistent/cap"), "{bad}");
}

fn answer(status: u16, ctype: &str, body: &str) -> FaultServer {
    FaultServer::always(Fault::Respond(http_response(status, ctype, body)))
}

#[test]
fn broken_provider_answers() {
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let huge = format!("{{\"code\":200,\"pad\":\"{}\"}}", "x".repeat(9 * 1024 * 1024));
    let wrong_types = r#"{"code":200,"msg":"SUCCESS","data":{"mchOrderNo":7,"orderNo":[],"amount":{},"orderStatus":5,"completionTime":false}}"#;
    let rows: Vec<(&str, u16, &str, &str, i32, &str)> = vec![
        ("empty answer", 200, "application/json", "", 5, "(empty body)"),
        ("HTML error page", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", 5, "not JSON"),
        ("HTML login page", 200, "text/html", "<!doctype html><title>Sign in</title>", 5, "Sign in"),
        ("truncated JSON", 200, "application/json", "{\"code\":200,\"data\":{", 5, "not JSON"),
        ("JSON array", 200, "application/json", "[]", 5, "code none"),
        ("JSON string", 200, "application/json", "\"SUCCESS\"", 5, "code none"),
        ("code as text", 200, "application/json", r#"{"code":"200","msg":"SUCCESS","data":{}}"#, 5, "code none"),
        (
            "data is a list",
            200,
            "application/json",
            r#"{"code":200,"msg":"SUCCESS","data":[]}"#,
            5,
            "without a data object",
        ),
        ("data missing", 200, "application/json", r#"{"code":200,"msg":"SUCCESS"}"#, 5, "without a data object"),
        ("unknown refusal", 200, "application/json", r#"{"code":999,"msg":"Weird_thing"}"#, 5, "Weird_thing"),
        ("deeply nested", 200, "application/json", &nested, 5, "not JSON"),
        ("huge answer", 200, "application/json", &huge, 5, "larger than 8 MiB"),
        ("binary answer", 200, "application/octet-stream", "\u{0}\u{1}\u{2}PK", 5, "not JSON"),
        ("wrong types never paid", 200, "application/json", wrong_types, 0, "\"status\": \"unknown\""),
    ];
    for (name, status, ctype, body, code, needle) in rows {
        let server = answer(status, ctype, body);
        let env = env_at(&server.url);
        case(&env, &format!("status: {name}"), &["-p", "c", "-o", "json", "status", "check", "A1"], code, needle);
        // An answer too big to read is a lost answer: the order may exist, so create asks first.
        let (code, needle) = if name == "huge answer" { (4, "may or may not exist") } else { (code, needle) };
        if code != 0 {
            let create = ["-p", "c", "-o", "json", "checkout", "create", "--amount", "150000", "--customer-name", "B"];
            case(&env, &format!("create: {name}"), &create, code, needle);
        }
    }
    let server = answer(200, "text/html", "<html>maintenance</html>");
    let env = env_at(&server.url);
    let r = case(
        &env,
        "requery gets HTML",
        &["-p", "c", "-o", "json", "callback", "verify", "--requery", &fixture("cashy/callback.http")],
        6,
        "requery failed",
    );
    assert_eq!(r.json()["requery"], "error");
}

/// Every provider in the registry turns junk answers into a provider error, not a crash or a record.
#[test]
fn every_provider_handles_junk_answers() {
    for (name, status, ctype, body) in [
        ("empty", 200, "application/json", ""),
        ("html", 500, "text/html", "<html><body>Internal Server Error</body></html>"),
        ("array", 200, "application/json", "[1,2,3]"),
    ] {
        let server = answer(status, ctype, body);
        let env = TestEnv { sandbox_url: Some(server.url.clone()), ..TestEnv::new() };
        let list = expect_code(&env, &["-o", "json", "config", "list"], 0).json();
        for p in list.as_array().unwrap().iter().filter_map(|p| p["name"].as_str()) {
            // An id this provider accepts: a merchant order id, or its own reference (a UUID).
            let accepts = |id: &str| {
                let mut c = env.cmd();
                c.args(["-p", p, "status", "check", id, "--dry-run"]);
                run(c).code == 0
            };
            let id = ["PC1234567890", "3f2b8c1e-6d4a-4b7e-9c1f-2a5d8e7b0c44"]
                .into_iter()
                .find(|id| accepts(id))
                .unwrap_or_else(|| panic!("{p} takes neither id shape"));
            let r = case(
                &env,
                &format!("{p} {name}"),
                &["-p", p, "-o", "json", "status", "check", id],
                5,
                "\"kind\":\"provider\"",
            );
            assert!(r.stdout.is_empty(), "{p} {name}: nothing on stdout: {}", r.stdout);
        }
    }
}
