//! The bad-input catalog, part 3: the classes of issue #12, each with several cases: numbers that
//! used to panic, amounts that used to be rounded, durations that used to wrap around, unbounded
//! reads and hangs, input hygiene, exit codes, captures that lie, and unbounded waits. Every row
//! asserts the exit code, a phrase naming the problem, no panic, and bounded time and memory
//! (`case` measures each run with wait4).

use crate::bad_input::{case, case_with};
use crate::common::*;
use std::process::Stdio;

/// A Cashy profile `c` at `base`, with the key the cashy fixtures are signed with.
const CASHY: &str = "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"BASE\"\nmerchant_id = \"3006075\"\napi_key = \"a7Kq2ZxT9mWb4LpR\"\nnotify_url = \"https://s.example/h\"\n";

fn cashy_env(base: &str, extra: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!("{}{extra}", CASHY.replace("BASE", base)));
    env
}

fn write(env: &TestEnv, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = env.path(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

type Row<'a> = (&'a str, Vec<&'a str>, i32, &'a str);

fn run_rows(env: &TestEnv, rows: Vec<Row<'_>>) {
    for (name, args, code, needle) in rows {
        case(env, name, &args, code, needle);
    }
}

const BUILTIN: [&str; 4] = ["sandbox-cashy", "sandbox-zenospay", "sandbox-paycools", "sandbox-payfect"];

/// Class 1: huge, tiny and non-finite numbers that reached Duration/chrono conversions, and an
/// RSA key too small to sign with. Each used to panic (exit 101).
#[test]
fn numbers_that_used_to_panic() {
    let status = ["-p", "c", "status", "check", "A1"];
    for (name, timeout) in [
        ("timeout inf", "inf"),
        ("timeout -inf", "-inf"),
        ("timeout nan", "nan"),
        ("timeout 1e300", "1e300"),
        ("timeout zero", "0"),
        ("timeout huge integer", "99999999999"),
        ("timeout past an hour", "3600.5"),
    ] {
        let env = cashy_env("http://127.0.0.1:9", &format!("timeout = {timeout}\n"));
        case(&env, name, &status, 3, "`timeout` must be a number of seconds from 0 to 3600");
    }
    let env = TestEnv::new();
    let zenospay = expect_code(&env, &["-o", "json", "config", "show", "sandbox-zenospay"], 0).json();
    let key = fixture("keys/rsa-400.pem");
    env.write_config(&format!(
        "[profiles.z]\nprovider = \"zenospay\"\nbase_url = \"http://127.0.0.1:9\"\npartner_id = \"{}\"\nprivate_key = {{ file = \"{key}\" }}\n",
        zenospay["partner_id"].as_str().unwrap()
    ));
    let c = ["-p", "sandbox-cashy"];
    let rows: Vec<Row> = vec![
        ("RSA key of 400 bits", vec!["-p", "z", "status", "check", "A1", "--dry-run"], 3, "smaller than 496 bits"),
        ("doctor with a 400-bit key", vec!["-p", "z", "doctor"], 4, "smaller than 496 bits"),
        ("rate 1e-300/s", [&c[..], &["status", "check", "A1", "--rate", "1e-300/s"]].concat(), 2, "not a rate"),
        ("rate 1e300/s", [&c[..], &["status", "check", "A1", "--rate", "1e300/s"]].concat(), 2, "not a rate"),
        ("rate inf", [&c[..], &["status", "check", "A1", "--rate", "inf/s"]].concat(), 2, "not a rate"),
        ("rate NaN", [&c[..], &["status", "check", "A1", "--rate", "NaN"]].concat(), 2, "not a rate"),
        ("since 99999999999d", vec!["orders", "list", "--since", "99999999999d"], 2, "too long"),
        (
            "older-than 99999999999d",
            [&c[..], &["status", "check", "--pending", "--older-than", "99999999999d"]].concat(),
            2,
            "too long",
        ),
        ("timeout flag inf", vec!["--timeout", "inf", "config", "path"], 2, "between 0 and 3600"),
        ("timeout flag 1e300", vec!["--timeout", "1e300", "config", "path"], 2, "between 0 and 3600"),
        ("time scale 1e-300", vec!["sandbox", "--port", "0", "--time-scale", "1e-300"], 2, "0.001 to 1000000"),
        ("time scale inf", vec!["sandbox", "--port", "0", "--time-scale", "inf"], 2, "0.001 to 1000000"),
        (
            "at far beyond 9999",
            [&c[..], &["callback", "verify", "--at", "99999999999999999999"]].concat(),
            2,
            "out of range",
        ),
        ("at year 10000", [&c[..], &["callback", "verify", "--at", "253402300800"]].concat(), 2, "out of range"),
        (
            "tolerance 99999999999d",
            [&c[..], &["callback", "verify", "--tolerance", "99999999999d"]].concat(),
            2,
            "too long",
        ),
        ("since far future date", vec!["orders", "list", "--since", "99999-01-01T00:00:00Z"], 2, "RFC 3339"),
    ];
    run_rows(&env, rows);
}

/// Class 2: amounts the parser cannot hold exactly, or with more decimals than the provider's
/// unit, are refused with the reason; they were rounded before (issue #12's three examples first).
#[test]
fn amounts_are_never_rounded() {
    let env = TestEnv::new();
    let create = |p: &'static str, amount: &'static str| {
        vec!["-p", p, "checkout", "create", "--dry-run", "--customer-name", "Budi", "--amount", amount]
    };
    let mut rows: Vec<Row> = vec![
        ("PHP 50.0099…", create("sandbox-paycools", "50.009999999999999999999999999999"), 2, "cannot be held exactly"),
        (
            "IDR 100000.000…1",
            create("sandbox-cashy", "100000.000000000000000000000000001"),
            2,
            "cannot be held exactly",
        ),
        (
            "USDT 20.00000099…",
            create("sandbox-payfect", "20.0000009999999999999999999999"),
            2,
            "cannot be held exactly",
        ),
        ("PHP three decimals", create("sandbox-paycools", "50.001"), 2, "decimal"),
        ("USDT seven decimals", create("sandbox-payfect", "20.0000001"), 2, "at most 6"),
        ("IDR zenospay fraction", create("sandbox-zenospay", "150000.5"), 2, "decimal place"),
        ("2^96", create("sandbox-cashy", "79228162514264337593543950336"), 2, "too large"),
        ("exponent", create("sandbox-cashy", "1e-2"), 2, "not a positive decimal"),
        ("unicode digits", create("sandbox-cashy", "١٥٠٠٠٠"), 2, "not a positive decimal"),
        (
            "item price rounded",
            vec![
                "-p",
                "sandbox-payfect",
                "checkout",
                "create",
                "--dry-run",
                "--amount",
                "1",
                "--item",
                "x:1:1.00000000000000000000000000001",
            ],
            2,
            "cannot be held exactly",
        ),
        (
            "callback send amount",
            vec![
                "-p",
                "sandbox-cashy",
                "callback",
                "send",
                "--to",
                "http://127.0.0.1:9/h",
                "--order-id",
                "A1",
                "--dry-run",
                "--amount",
                "20000.0000000000000000000000000001",
            ],
            2,
            "cannot be held exactly",
        ),
    ];
    for p in BUILTIN {
        rows.push(("29 decimals", create(p, "1.00000000000000000000000000001"), 2, "cannot be held exactly"));
        rows.push(("30 digits", create(p, "999999999999999999999999999999"), 2, "too large"));
    }
    run_rows(&env, rows);
}

/// Class 3: durations, counts, rates and times out of range are refused at the command line
/// (exit 2) instead of wrapping around (`--expires-in 307445734561825862m` sent `expireTime: 104`).
#[test]
fn durations_counts_and_rates_do_not_wrap() {
    let env = TestEnv::new();
    let c = ["-p", "sandbox-cashy"];
    let status = |extra: &[&'static str]| [&c[..], &["status", "check", "A1"], extra].concat();
    let mut rows: Vec<Row> = vec![
        (
            "expires 2^64 s",
            [
                &c[..],
                &["checkout", "create", "--dry-run", "--amount", "150000", "--expires-in", "18446744073709551616s"],
            ]
            .concat(),
            2,
            "too long",
        ),
        (
            "max-age wraps",
            [&c[..], &["callback", "verify", "--max-age", "307445734561825862m"]].concat(),
            2,
            "too long",
        ),
        ("max-age 3651d", [&c[..], &["callback", "verify", "--max-age", "3651d"]].concat(), 2, "at most 3650d"),
        (
            "tolerance wraps",
            [&c[..], &["callback", "verify", "--tolerance", "213503982334601d"]].concat(),
            2,
            "too long",
        ),
        ("retries 2^32", status(&["--retries", "4294967296"]), 2, "from 0 to 20"),
        ("retries 21", status(&["--retries", "21"]), 2, "from 0 to 20"),
        ("retries negative", status(&["--retries=-1"]), 2, "from 0 to 20"),
        ("concurrency 0", status(&["--concurrency", "0"]), 2, "from 1 to 256"),
        ("concurrency 70000", status(&["--concurrency", "70000"]), 2, "from 1 to 256"),
        ("rate 20000/s", status(&["--rate", "20000/s"]), 2, "from 1/h to 10000/s"),
        ("rate 0.1/h", status(&["--rate", "0.1/h"]), 2, "from 1/h to 10000/s"),
        ("rate 0", status(&["--rate", "0"]), 2, "out of range"),
        ("budget 0s", status(&["--budget", "0s"]), 2, "at least 1s"),
        ("budget wraps", status(&["--budget", "99999999999999999999d"]), 2, "too long"),
        ("since 3651d", vec!["orders", "list", "--since", "3651d"], 2, "at most 3650d"),
        (
            "listen tolerance",
            vec!["-p", "sandbox-cashy", "callback", "listen", "--port", "0", "--tolerance", "99999999999d"],
            2,
            "too long",
        ),
        ("timeout 3601", vec!["--timeout", "3601", "config", "path"], 2, "between 0 and 3600"),
        ("at negative", [&c[..], &["callback", "verify", "--at=-1"]].concat(), 2, "RFC 3339"),
        ("sandbox port", vec!["sandbox", "--port", "70000"], 2, "invalid value"),
    ];
    for p in BUILTIN {
        rows.push((
            "expires wraps",
            vec!["-p", p, "checkout", "create", "--dry-run", "--amount", "20", "--expires-in", "307445734561825862m"],
            2,
            "too long",
        ));
    }
    run_rows(&env, rows);
}

/// Class 5: every read from outside has a cap, every child process a timeout that kills its
/// whole group, and an over-long line or id is refused without being repeated in full.
#[test]
fn reads_and_child_processes_are_bounded() {
    let status = ["-p", "c", "status", "check", "A1"];
    for (name, secret, code, needle) in [
        ("command yes", "{ command = \"yes\" }", 3, "more than 64 KiB"),
        ("command endless line", "{ command = \"tr '\\\\0' x < /dev/zero\" }", 3, "more than 64 KiB"),
        ("command hangs in the background", "{ command = \"sleep 30 & sleep 30\" }", 3, "did not finish within 1s"),
        ("command leaves a child holding the pipe", "{ command = \"sleep 30 & echo k3y\" }", 4, "cannot connect"),
        ("secret file /dev/zero", "{ file = \"/dev/zero\" }", 3, "larger than 64 KiB"),
        ("secret file binary", "{ file = \"/bin/sh\" }", 3, "cannot read /bin/sh"),
    ] {
        let env = TestEnv::new();
        env.write_config(&CASHY.replace("BASE", "http://127.0.0.1:9").replace("\"a7Kq2ZxT9mWb4LpR\"", secret));
        case(&env, name, &status, code, needle);
    }
    let env = cashy_env("http://127.0.0.1:9", "");
    let long_line = write(&env, "long-line.txt", format!("{}\n", "Q".repeat(10_000)));
    let long_id = write(&env, "long-id.txt", format!("{}\n", "Q".repeat(500)));
    let ledger_header = write(&env, "ledger-long.csv", format!("order_id,amount\nA1,{}\n", "9".repeat(100_000)));
    let huge_arg = "Q".repeat(10_000);
    let rows: Vec<Row> = vec![
        ("config /dev/zero", vec!["--config", "/dev/zero", "config", "list"], 3, "larger than 1 MiB"),
        ("from /dev/zero", vec!["-p", "c", "status", "check", "--from", "/dev/zero"], 2, "longer than 4 KiB"),
        ("from a 10 KB line", vec!["-p", "c", "status", "check", "--from", &long_line], 2, "longer than 4 KiB"),
        ("from a 500-char id", vec!["-p", "c", "status", "check", "--from", &long_id], 2, "at most 128 characters"),
        ("a 10000-char id", vec!["-p", "c", "status", "check", &huge_arg], 2, "at most 128 characters"),
        ("ledger /dev/zero", vec!["-p", "c", "reconcile", "--ledger", "/dev/zero"], 2, "longer than 64 KiB"),
        ("ledger long field", vec!["-p", "c", "reconcile", "--ledger", &ledger_header], 2, "longer than 64 KiB"),
        ("capture /dev/zero", vec!["-p", "c", "callback", "verify", "/dev/zero"], 2, "larger than 4 MiB"),
        (
            "ca-cert /dev/zero",
            vec!["-p", "c", "--ca-cert", "/dev/zero", "status", "check", "A1"],
            3,
            "larger than 1 MiB",
        ),
        (
            "send key /dev/zero",
            vec![
                "-p",
                "c",
                "callback",
                "send",
                "--to",
                "http://127.0.0.1:9/h",
                "--order-id",
                "A1",
                "--key",
                "/dev/zero",
            ],
            3,
            "larger than 64 KiB",
        ),
    ];
    for (name, args, code, needle) in rows {
        let r = case(&env, name, &args, code, needle);
        assert!(!r.all().contains(&"Q".repeat(100)), "case `{name}` repeats the long input:\n{}", r.all());
    }
    let mut stdin_zero = env.std_cmd();
    let args = ["-p", "c", "callback", "verify", "-"];
    stdin_zero.args(args).stdin(Stdio::from(std::fs::File::open("/dev/zero").unwrap()));
    case_with("capture stdin /dev/zero", stdin_zero, &args, 2, "larger than 4 MiB");
    let mut from_zero = env.std_cmd();
    let args = ["-p", "c", "status", "check", "--from", "-"];
    from_zero.args(args).stdin(Stdio::from(std::fs::File::open("/dev/zero").unwrap()));
    case_with("from stdin /dev/zero", from_zero, &args, 2, "longer than 4 KiB");
}

/// Class 6: byte order marks are dropped, header rows are not ids, control characters in ids are
/// refused.
#[test]
fn input_hygiene() {
    let env = TestEnv::new();
    let bom_ids = write(&env, "bom.txt", "\u{feff}A1\nB2\n");
    let header_ids = write(&env, "header.txt", "order_id\nA1\n");
    let quoted_header = write(&env, "quoted.csv", "\u{feff}\"Order ID\"\r\nA1\r\n");
    let nul_id = write(&env, "nul.txt", "B\u{0}2\nA1\n");
    let bell_json = write(&env, "bell.ndjson", "{\"order_id\": \"A\\u0007\"}\n");
    let zw_csv = write(&env, "zw.csv", "amount,order_id\n5,A\u{200b}1\n");
    let ledger = write(&env, "ledger.csv", "\u{feff}order_id,amount\nA\u{1b}[31m,5\n");
    let c = ["-p", "sandbox-cashy"];
    for (name, file) in
        [("BOM id file", &bom_ids), ("one-column header", &header_ids), ("quoted header with BOM", &quoted_header)]
    {
        let args = [&c[..], &["status", "check", "--dry-run", "--from", file]].concat();
        let r = case(&env, name, &args, 0, "A1");
        let requests = r.json();
        let bodies: Vec<&str> = requests.as_array().unwrap().iter().map(|q| q["body"].as_str().unwrap()).collect();
        assert!(bodies[0].contains("\"mchOrderNo\":\"A1\""), "{name}: {bodies:?}");
        assert!(!r.stdout.contains('\u{feff}') && !r.stdout.contains("\\ufeff"), "{name}: a BOM was sent");
        assert!(!r.stdout.to_ascii_lowercase().contains("\"mchorderno\":\"order"), "{name}: the header was sent");
    }
    let rows: Vec<Row> = vec![
        ("control character id", [&c[..], &["status", "check", "A\u{1}1"]].concat(), 2, "control character"),
        ("newline id", [&c[..], &["status", "check", "A\n1"]].concat(), 2, "control character"),
        ("zero-width id", [&c[..], &["status", "check", "A\u{200b}1"]].concat(), 2, "control character"),
        ("NUL in --from", [&c[..], &["status", "check", "--from", &nul_id]].concat(), 2, ":1: the order id"),
        ("BEL in NDJSON", [&c[..], &["status", "check", "--from", &bell_json]].concat(), 2, "control character"),
        ("zero-width in CSV", [&c[..], &["status", "check", "--from", &zw_csv]].concat(), 2, "control character"),
        ("escape sequence in ledger", [&c[..], &["reconcile", "--ledger", &ledger]].concat(), 2, "control character"),
        (
            "order id with newline",
            [&c[..], &["checkout", "create", "--dry-run", "--amount", "150000", "--order-id", "A\nB"]].concat(),
            2,
            "control character",
        ),
        ("rrn with tab", [&c[..], &["status", "check", "A1", "--rrn", "1\t2"]].concat(), 2, "control character"),
        (
            "header value with newline",
            [&c[..], &["callback", "verify", "-H", "Sign: a\nb"]].concat(),
            2,
            "'Name: value'",
        ),
    ];
    run_rows(&env, rows);
    // A config file and a capture that start with a BOM read as if it were not there.
    let env = cashy_env("http://127.0.0.1:9", "");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&format!("\u{feff}{text}"));
    case(&env, "config with BOM", &["-o", "json", "config", "list"], 0, "\"name\": \"c\"");
    let mut capture = "\u{feff}".as_bytes().to_vec();
    capture.extend(std::fs::read(fixture("cashy/callback.http")).unwrap());
    let capture = write(&env, "bom.http", capture);
    case(&env, "capture with BOM", &["-p", "c", "-o", "json", "callback", "verify", &capture], 0, "\"verified\": true");
}

/// Class 7: bad config is exit 3 before anything is sent; report paths that are directories or
/// devices are handled without an "internal" error or a rename over them.
#[test]
fn exit_codes_say_what_went_wrong() {
    let server = FaultServer::always(Fault::Respond(http_response(200, "application/json", "{}")));
    let env = cashy_env(&server.url, "");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    let broken = |from: &str, to: &str| text.replace(from, to);
    let create = ["-p", "c", "checkout", "create", "--amount", "150000", "--customer-name", "Budi"];
    let status = ["-p", "c", "status", "check", "A1"];
    for (name, config, args, needle) in [
        (
            "merchant_id newline, status",
            broken("\"3006075\"", "\"3006075\\nX-Evil: 1\""),
            &status[..],
            "`merchant_id` contains a control character",
        ),
        (
            "merchant_id newline, create",
            broken("\"3006075\"", "\"3006075\\n\""),
            &create[..],
            "`merchant_id` contains a control character",
        ),
        ("merchant_id NUL", broken("\"3006075\"", "\"30\\u0000\""), &status[..], "control character"),
        ("base_url newline", broken(&server.url, &format!("{}\\n", server.url)), &status[..], "control character"),
        ("notify_url tab", broken("https://s.example/h", "https://s.example/\\th"), &create[..], "control character"),
    ] {
        env.write_config(&config);
        case(&env, name, args, 3, needle);
    }
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 0, "nothing was sent");
    env.write_config(&text);
    let ledger = write(&env, "empty-ledger.csv", "order_id,amount\n");
    let dir = env.path("reports");
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.display().to_string();
    let rows: Vec<Row> = vec![
        (
            "report is a directory",
            vec!["-p", "c", "reconcile", "--ledger", &ledger, "--report", &dir],
            2,
            "is a directory",
        ),
        (
            "report in a missing directory",
            vec!["-p", "c", "reconcile", "--ledger", &ledger, "--report", "/nonexistent/r.csv"],
            2,
            "cannot write the report",
        ),
        (
            "report to /dev/stdout",
            vec!["-p", "c", "-o", "json", "reconcile", "--ledger", &ledger, "--report", "/dev/stdout"],
            0,
            "report written to /dev/stdout",
        ),
        ("config is a directory", vec!["--config", &dir, "config", "list"], 3, "cannot read config file"),
    ];
    run_rows(&env, rows);
}

/// Class 9: captures that do not say which request was sent are not verified, with the reason;
/// chunked bodies are decoded; files that are no capture at all are refused.
#[test]
fn captures_that_lie() {
    let env = cashy_env("http://127.0.0.1:9", "");
    let good = String::from_utf8(std::fs::read(fixture("cashy/callback.http")).unwrap()).unwrap();
    let (head, body) = good.split_once("\r\n\r\n").unwrap();
    let sign_line = head.lines().find(|l| l.starts_with("Sign:")).unwrap();
    let with_head = |h: &str| format!("{h}\r\n\r\n{body}");
    let chunked = {
        let (a, b) = body.split_at(100);
        let h = head.to_string() + "\r\nTransfer-Encoding: chunked";
        format!("{h}\r\n\r\n{:x}\r\n{a}\r\n{:x};note=1\r\n{b}\r\n0\r\n\r\n", a.len(), b.len())
    };
    let files: Vec<(&str, String, i32, &str)> = vec![
        (
            "genuine Sign first",
            with_head(&head.replace(sign_line, &format!("{sign_line}\r\nSign: 00000000000000000000000000000000"))),
            6,
            "two different Sign headers",
        ),
        (
            "genuine Sign second",
            with_head(&head.replace(sign_line, &format!("Sign: 00000000000000000000000000000000\r\n{sign_line}"))),
            6,
            "two different Sign headers",
        ),
        (
            "conflicting MerchantId",
            with_head(&format!("{head}\r\nMerchantId: 1")),
            6,
            "two different MerchantId headers",
        ),
        (
            "Content-Length short",
            with_head(&format!("{head}\r\nContent-Length: 10")),
            6,
            "Content-Length says 10 bytes",
        ),
        (
            "Content-Length long",
            with_head(&format!("{head}\r\nContent-Length: 9999")),
            6,
            "Content-Length says 9999 bytes",
        ),
        (
            "Content-Length twice",
            with_head(&format!("{head}\r\nContent-Length: {}\r\nContent-Length: 1", body.len())),
            6,
            "two different Content-Length",
        ),
        ("Content-Length junk", with_head(&format!("{head}\r\nContent-Length: lots")), 6, "is not a number"),
        ("chunked genuine body", chunked.clone(), 0, "\"verified\": true"),
        (
            "chunked and Content-Length",
            chunked.replace("Transfer-Encoding", "Content-Length: 5\r\nTransfer-Encoding"),
            6,
            "ambiguous",
        ),
        ("same Sign twice is fine", with_head(&format!("{head}\r\n{sign_line}")), 0, "\"verified\": true"),
        // Headers Cashy's verification does not read, twice with other values as proxies and
        // tracing add them: never a reason to doubt a genuine callback.
        (
            "proxy headers twice",
            with_head(&format!(
                "{head}\r\nX-Trace-Id: a1\r\nX-Request-Id: r1\r\nX-Trace-Id: b2\r\nBaggage: k=1\r\nX-Request-Id: r2\r\n\
                 Baggage: k=2\r\nX-Amzn-Trace-Id: Root=1-a\r\nX-Amzn-Trace-Id: Root=1-b\r\nVia: 1.1 a\r\nVia: 1.1 b"
            )),
            0,
            "\"verified\": true",
        ),
        (
            "plain text",
            "hello, this is not a callback".into(),
            2,
            "not a captured callback: expected a raw HTTP request",
        ),
        ("form body", "amount=20000&sign=abc".into(), 2, "not a captured callback"),
        ("blank space", " \n\t\n".into(), 2, "holds only blank space"),
        ("lowercase method", good.replacen("POST", "post", 1), 2, "not a captured callback"),
        ("HTTP/2 request line", good.replacen("HTTP/1.1", "HTTP/2.0", 1), 2, "not a valid HTTP request"),
        ("PNG", "\u{89}PNG\r\n\u{1a}\n".into(), 2, "not a captured callback"),
        (
            "200 headers",
            format!("POST /h HTTP/1.1\r\n{}\r\n{{}}", (0..200).map(|i| format!("X-{i}: v\r\n")).collect::<String>()),
            2,
            "more than 128 headers",
        ),
    ];
    for (name, text, code, needle) in files {
        let path = write(&env, "capture.http", text);
        case(&env, name, &["-p", "c", "-o", "json", "callback", "verify", &path], code, needle);
    }
    let mut empty_stdin = env.std_cmd();
    let args = ["-p", "c", "callback", "verify"];
    empty_stdin.args(args);
    case_with("empty stdin", empty_stdin, &args, 2, "- is empty");
}

/// Class 10: one status check has a total time budget; a Retry-After beyond it ends the check as
/// a retryable error instead of sleeping (it took 6 minutes against `Retry-After: 999999`).
#[test]
fn one_check_has_a_time_budget() {
    let retry_after = |value: &str| {
        FaultServer::always(Fault::Respond(
            format!("HTTP/1.1 429 X\r\nRetry-After: {value}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .into_bytes(),
        ))
    };
    for (name, value) in [
        ("Retry-After 999999", "999999"),
        ("Retry-After absurd", "99999999999999999999999"),
        ("Retry-After far date", "Fri, 31 Dec 9999 23:59:59 GMT"),
        ("Retry-After beyond --budget", "20"),
    ] {
        let server = retry_after(value);
        let env = cashy_env(&server.url, "");
        let args = ["-p", "c", "--timeout", "3", "status", "check", "A1", "--budget", "10s"];
        case(&env, name, &args, 5, "beyond this check's budget of 10s");
        assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 1, "{name}: no retry after the budget");
    }
    let hang = FaultServer::always(Fault::Hang);
    let env = cashy_env(&hang.url, "");
    let started = std::time::Instant::now();
    case(
        &env,
        "hang with a budget",
        &["-p", "c", "--timeout", "30", "status", "check", "A1", "--budget", "2s"],
        4,
        "budget of 2s",
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(6), "{:?}", started.elapsed());
    case(
        &env,
        "hang with a timeout",
        &["-p", "c", "--timeout", "1", "status", "check", "A1", "--retries", "0"],
        4,
        "within 1s",
    );
    let reset = FaultServer::always(Fault::Reset);
    let env = cashy_env(&reset.url, "");
    case(
        &env,
        "resets until the budget",
        &["-p", "c", "status", "check", "A1", "--retries", "20", "--budget", "3s"],
        4,
        "budget of 3s",
    );
}
