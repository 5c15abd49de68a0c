//! Webhook tooling: `callback listen` (verify, save, answer, forward), `callback send`, batch
//! `callback verify`, and `checkout create --qr`. Every provider in the registry is covered.

use crate::common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CASHY_SANDBOX_KEY: &str = "cashy-sandbox-key-8d2f6b0a4c9e1735";

/// A running `paycli callback listen`, its ndjson records collected as they are printed.
pub struct Listen {
    pub url: String,
    pub records: Arc<Mutex<Vec<Value>>>,
    child: Child,
}

impl Listen {
    pub fn start(env: &TestEnv, profile: &str, extra: &[&str]) -> Self {
        let mut child = env
            .std_cmd()
            .args(["-p", profile, "-o", "json", "callback", "listen", "--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("listen starts");
        let mut err = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = err.next().expect("listen prints its address").unwrap();
        let url = first.split_whitespace().find(|w| w.starts_with("http://")).expect("URL in banner").to_string();
        std::thread::spawn(move || for _ in err {});
        let records = Arc::new(Mutex::new(Vec::new()));
        let sink = records.clone();
        let out = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not ndjson ({e}): {line}"));
                sink.lock().unwrap().push(v);
            }
        });
        Listen { url, records, child }
    }

    /// The first record for which `pred` holds, waiting up to `secs`.
    pub fn wait_for(&self, secs: u64, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(v) = self.records.lock().unwrap().iter().find(|v| pred(v)) {
                return v.clone();
            }
            assert!(Instant::now() < deadline, "no matching record; got {:#?}", self.records.lock().unwrap());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Ctrl-C, as a person stops it; returns the exit code.
    pub fn interrupt(mut self) -> i32 {
        sh(&format!("kill -INT {}", self.child.id()));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "listen did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Listen {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `checkout create` flags for the provider's own demo order.
pub fn demo_args(p: &dyn paycli::providers::Provider) -> Vec<String> {
    let input = p.demo_checkout();
    let mut args = vec!["--amount".to_string(), input.amount.to_string()];
    let optional = [
        ("--currency", &input.currency),
        ("--customer-name", &input.customer_name),
        ("--customer-email", &input.customer_email),
        ("--customer-phone", &input.customer_phone),
        ("--product-name", &input.product_name),
        ("--description", &input.description),
        ("--redirect-url", &input.redirect_url),
        ("--cancel-url", &input.cancel_url),
    ];
    for (flag, value) in optional {
        if let Some(v) = value {
            args.extend([flag.to_string(), v.clone()]);
        }
    }
    for item in &input.items {
        args.extend(["--item".to_string(), format!("{}:{}:{}", item.name, item.quantity, item.unit_price)]);
    }
    if let Some(d) = input.expires_in {
        args.extend(["--expires-in".to_string(), format!("{}s", d.as_secs())]);
    }
    for (k, v) in &input.extra {
        args.extend(["--set".to_string(), format!("{k}:={v}")]);
    }
    args
}

/// One listener per provider, and a sandbox that sends every provider's callbacks to its listener.
pub fn listeners_and_sandbox(env_for_listen: &TestEnv, save_dir: &std::path::Path) -> (Vec<Listen>, SandboxProc) {
    let mut listeners = Vec::new();
    let mut sets = Vec::new();
    for p in paycli::providers::all() {
        let dir = save_dir.join(p.id());
        let l = Listen::start(env_for_listen, &format!("sandbox-{}", p.id()), &["--save-dir", dir.to_str().unwrap()]);
        if p.sandbox().settings().iter().any(|s| s.name == "callback_url") {
            sets.push(format!("{}.callback_url={}/hooks/{}", p.id(), l.url, p.id()));
        }
        listeners.push(l);
    }
    let mut args = vec!["--time-scale", "600"];
    for s in &sets {
        args.extend(["--set", s.as_str()]);
    }
    (listeners, SandboxProc::start(&args))
}

/// Creates the provider's demo checkout with callbacks to `hook`; returns the record.
pub fn demo_checkout(env: &TestEnv, p: &dyn paycli::providers::Provider, hook: &str) -> Value {
    let mut args = demo_args(p);
    if p.callback_url_per_checkout() {
        args.extend(["--callback-url".to_string(), hook.to_string()]);
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    create_checkout(env, &format!("sandbox-{}", p.id()), &refs)
}

#[test]
fn captures_saved_by_listen_verify_unchanged_for_every_provider() {
    let saves = tempfile::tempdir().unwrap();
    let (listeners, sandbox) = listeners_and_sandbox(&TestEnv::new(), saves.path());
    let env = TestEnv::with_sandbox(&sandbox);
    for (p, l) in paycli::providers::all().iter().zip(&listeners) {
        let id = p.id();
        let created = demo_checkout(&env, *p, &format!("{}/hooks/{id}", l.url));
        pay(created["checkout_url"].as_str().unwrap());
        let order = created["order_id"].as_str().unwrap().to_string();
        let rec = l.wait_for(15, |v| v["order_id"] == order.as_str());
        assert_eq!(rec["verified"], true, "{id}: {rec}");
        assert_eq!(rec["status"], "paid", "{id}");
        assert_eq!(rec["reply_status"], 200, "{id}: the provider's ack was answered");
        assert_eq!(rec["path"], format!("/hooks/{id}"));
        let saved = rec["saved"].as_str().expect("saved path");
        let profile = format!("sandbox-{id}");
        let v = expect_code(&env, &["-p", &profile, "-o", "json", "callback", "verify", saved, "--requery"], 0).json();
        assert_eq!(v["verified"], true, "{id}: {v}");
        assert_eq!(v["requery"], "ok", "{id}");
        assert_eq!(v["order_id"], order.as_str());

        // The sandbox saw its expected ack and stopped delivering.
        let deliveries = sandbox.get_json("/_sandbox/deliveries");
        let mine: Vec<&Value> = deliveries
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["provider"] == id && d["url"].as_str().unwrap().starts_with(&l.url))
            .collect();
        assert!(mine.iter().any(|d| d["outcome"] == "accepted"), "{id}: {mine:?}");

        // A tampered copy of the saved file fails, and batch mode reports both, one line each.
        let raw = std::fs::read(saved).unwrap();
        let mut tampered = raw.clone();
        let last = tampered.iter().rposition(|b| b.is_ascii_digit()).expect("a digit in the body");
        tampered[last] = if tampered[last] == b'9' { b'8' } else { tampered[last] + 1 };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a-good.http"), &raw).unwrap();
        std::fs::write(dir.path().join("b-tampered.http"), &tampered).unwrap();
        let batch =
            expect_code(&env, &["-p", &profile, "-o", "ndjson", "callback", "verify", dir.path().to_str().unwrap()], 6);
        let lines: Vec<Value> = batch.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2, "{}", batch.stdout);
        assert_eq!(
            (lines[0]["verified"].clone(), lines[1]["verified"].clone()),
            (Value::Bool(true), Value::Bool(false))
        );
        // The ack reads as "reply this": shown for the genuine capture only, null beside the tampered one.
        assert!(lines[0]["ack"].is_string(), "{id}: {}", lines[0]);
        assert_eq!(lines[1]["ack"], Value::Null, "{id}: {}", lines[1]);
        assert!(batch.stderr.contains("2 callbacks: 1 verified, 1 failed"), "{}", batch.stderr);
    }
    for l in listeners {
        assert_eq!(l.interrupt(), 130, "Ctrl-C ends listen with 130 (interrupted)");
    }
}

#[test]
fn batch_verify_streams_csv_and_counts_unreadable_files() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(fixture("cashy/callback.http")).unwrap();
    std::fs::write(dir.path().join("1.http"), &good).unwrap();
    std::fs::write(dir.path().join("2.http"), b"POST / HTTP/1.1\r\nno colon\r\n\r\n{}").unwrap();
    let config = "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"http://127.0.0.1:9\"\nmerchant_id = \"3006075\"\napi_key = \"wrong\"\n";
    env.write_config(config);
    let d = dir.path().to_str().unwrap();
    let r = expect_code(
        &env,
        &["-p", "c", "-o", "csv", "callback", "verify", &format!("{d}/1.http"), &format!("{d}/2.http")],
        6,
    );
    assert_eq!(r.stdout.lines().count(), 3, "header and a row per file: {}", r.stdout);
    assert!(r.stdout.lines().nth(1).unwrap().contains(",false,mismatch,"), "{}", r.stdout);
    let unreadable = r.stdout.lines().nth(2).unwrap();
    assert!(
        unreadable.contains("2.http") && unreadable.contains(",usage: "),
        "the unreadable file is a row: {unreadable}"
    );
    assert!(r.stderr.contains("2 callbacks: 0 verified, 1 failed, 1 unreadable"), "{}", r.stderr);
}

#[test]
fn forward_passes_exact_bytes_and_relays_the_far_ends_reply() {
    let received = Arc::new(Mutex::new(Vec::<Vec<u8>>::new()));
    let log = received.clone();
    let far = FaultServer::start(move |_, req| {
        log.lock().unwrap().push(req.to_vec());
        let body = "SUCCESS from the shop";
        Fault::Respond(
            format!("HTTP/1.1 202 Accepted\r\nContent-Type: text/x-shop\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
                .into_bytes(),
        )
    });
    let env = TestEnv::new();
    let saves = env.path("saves");
    let mut l =
        Listen::start(&env, "sandbox-cashy", &["--forward-to", &far.url, "--save-dir", saves.to_str().unwrap()]);

    // Odd spacing, a trailing newline, non-ASCII and a float amount: re-serialising anywhere would
    // change these bytes and break the MD5 signature computed here by md5sum, not by paycli.
    let body = "{ \"amount\": 20000.00,\t\"mchOrderNo\":\"FWD-1\" , \"orderStatus\":\"SUCCESS\",\"note\":\"caf\u{e9} \u{2615}\"}\n";
    let body_file = env.path("body.json");
    std::fs::write(&body_file, body).unwrap();
    let sign = sh(&format!("{{ cat {}; printf %s {CASHY_SANDBOX_KEY}; }} | md5sum", body_file.display()));
    let sign = sign.split_whitespace().next().unwrap().to_uppercase();
    let (status, reply) = http_post(
        &format!("{}/hooks/cashy?attempt=1", l.url),
        &[("Content-Type", "application/json"), ("MerchantId", "100001"), ("Sign", &sign), ("X-Trace", "t-1")],
        body.as_bytes(),
    );
    assert_eq!((status, reply.as_str()), (202, "SUCCESS from the shop"), "the far end's reply is relayed");
    let rec = l.wait_for(10, |v| v["order_id"] == "FWD-1");
    assert_eq!(rec["verified"], true, "{rec}");
    assert_eq!(rec["reply_status"], 202);
    assert_eq!(rec["forwarded_to"], format!("{}/hooks/cashy?attempt=1", far.url));

    let got = received.lock().unwrap()[0].clone();
    let split = got.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    assert_eq!(&got[split + 4..], body.as_bytes(), "byte-identical body at the far end");
    let head = String::from_utf8_lossy(&got[..split]).to_string();
    assert!(head.starts_with("POST /hooks/cashy?attempt=1 HTTP/1.1"), "{head}");
    assert!(head.to_lowercase().contains(&format!("sign: {}", sign.to_lowercase())) && head.contains("t-1"), "{head}");
    assert!(!head.contains(&l.url.replace("http://", "")), "the listener's Host is not passed on: {head}");
    // The far end's capture verifies with the provider's scheme, unchanged.
    let far_capture = env.path("far.http");
    std::fs::write(&far_capture, &got).unwrap();
    let v = expect_code(
        &env,
        &["-p", "sandbox-cashy", "-o", "json", "callback", "verify", far_capture.to_str().unwrap()],
        0,
    );
    assert_eq!(v.json()["signature"], "ok");

    // A forged callback is not passed on: 403 from paycli, nothing reaches the far end.
    let (status, text) = http_post(&format!("{}/hooks/cashy", l.url), &[("Sign", "00")], b"{\"mchOrderNo\":\"FWD-2\"}");
    assert_eq!(status, 403, "{text}");
    assert_eq!(l.wait_for(10, |v| v["order_id"] == "FWD-2")["verified"], false);
    assert_eq!(received.lock().unwrap().len(), 1, "the forged callback never reached the shop");
    assert!(l.alive());
    drop(l);

    // --forward-unverified passes it on anyway (for testing the app's own checks) and relays the reply.
    let l = Listen::start(&env, "sandbox-cashy", &["--forward-to", &far.url, "--forward-unverified"]);
    let (status, _) = http_post(&format!("{}/hooks/cashy", l.url), &[("Sign", "00")], b"{\"mchOrderNo\":\"FWD-3\"}");
    assert_eq!(status, 202);
    assert_eq!(l.wait_for(10, |v| v["order_id"] == "FWD-3")["verified"], false);
    assert_eq!(received.lock().unwrap().len(), 2);

    // The far end gone: a genuine callback gets 503 (the provider retries), the listener carries on.
    drop(far);
    let mut dead = Listen::start(&env, "sandbox-cashy", &["--forward-to", "http://127.0.0.1:9"]);
    let headers = signed_headers(body);
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let (status, _) = http_post(&format!("{}/hooks/cashy", dead.url), &headers, body.as_bytes());
    assert_eq!(status, 503);
    assert!(dead.alive());
}

/// Cashy's headers for `body`, signed with md5sum (not paycli) under the sandbox key.
fn signed_headers(body: &str) -> Vec<(&'static str, String)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b");
    std::fs::write(&file, body).unwrap();
    let sign = sh(&format!("{{ cat {}; printf %s {CASHY_SANDBOX_KEY}; }} | md5sum", file.display()));
    vec![("Content-Type", "application/json".into()), ("Sign", sign.split_whitespace().next().unwrap().to_uppercase())]
}

#[test]
fn listen_answers_the_ack_only_to_genuine_callbacks_and_survives_abuse() {
    let env = TestEnv::new();
    let mut l = Listen::start(&env, "sandbox-cashy", &[]);
    let addr = l.url.trim_start_matches("http://").to_string();

    // Larger than the 1 MiB cap by declaration: 413 before the body is read.
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer:.80}");
    // And by streaming: 3 MiB of chunks. The listener may cut the connection mid-stream (so
    // the answer may be lost with it); what matters is that it stays up, checked below.
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
    let chunk = [format!("{:x}\r\n", 64 * 1024).into_bytes(), vec![b'a'; 64 * 1024], b"\r\n".to_vec()].concat();
    for _ in 0..48 {
        if s.write_all(&chunk).is_err() {
            break;
        }
    }
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 413"), "{answer:.80}");
    assert!(l.records.lock().unwrap().is_empty(), "oversized requests are not recorded");

    // Header garbage and binary noise: refused, never a crash.
    for junk in [
        &b"POST / HTTP/1.1\r\nthis is not a header\r\n\r\n"[..],
        b"\x00\x01\x02\xff\r\n\r\n",
        b"GET /%%% HTTP/9.9\r\n\r\n",
    ] {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(junk).unwrap();
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 4") || answer.starts_with("HTTP/1.1 505"),
            "{answer}"
        );
    }
    assert!(l.alive(), "listen survived");

    // Only POST is a callback: anything else is 405 and not recorded.
    let (status, _) = http_get(&format!("{}/hooks/cashy", l.url));
    assert_eq!(status, 405);
    assert!(l.records.lock().unwrap().is_empty(), "a GET is not a callback");

    // A forged callback: 403 with the reason. A genuine one: 200 and Cashy's ack.
    let (status, text) = http_post(&format!("{}/hooks/cashy", l.url), &[("Sign", "ABC")], b"{\"mchOrderNo\":\"X\"}");
    assert_eq!(status, 403);
    assert!(text.contains("not verified"), "{text}");
    let to = format!("{}/hooks/cashy", l.url);
    let raw = expect_code(
        &env,
        &["-p", "sandbox-cashy", "callback", "send", "--to", &to, "--order-id", "GOOD1", "--dry-run"],
        0,
    )
    .stdout;
    let (head, body) = raw.split_once("\r\n\r\n").expect("a raw HTTP request");
    let headers: Vec<(&str, &str)> =
        head.lines().skip(1).filter_map(|h| h.split_once(':')).map(|(n, v)| (n.trim(), v.trim())).collect();
    let (status, text) = http_post(&to, &headers, body.as_bytes());
    assert_eq!((status, text.as_str()), (200, "SUCCESS"));
    assert_eq!(l.wait_for(10, |v| v["order_id"] == "GOOD1")["verified"], true);
    assert_eq!(l.interrupt(), 130);
}

#[test]
fn callback_send_reaches_listen_for_every_provider() {
    let env = TestEnv::new();
    for p in paycli::providers::all() {
        let profile = format!("sandbox-{}", p.id());
        let l = Listen::start(&env, &profile, &[]);
        let to = format!("{}/hooks/{}", l.url, p.id());
        let order = format!("SENDTEST{}", chrono::Utc::now().timestamp_millis());
        let r = expect_code(
            &env,
            &["-p", &profile, "-o", "json", "callback", "send", "--to", &to, "--order-id", &order],
            0,
        );
        let sent = r.json();
        assert_eq!(sent["acknowledged"], true, "{}: {sent}", p.id());
        assert_eq!(sent["http_status"], 200);
        assert_eq!(sent["answer"], sent["expected_ack"].as_str().unwrap_or(""));
        let rec = l.wait_for(10, |v| v["order_id"] == order.as_str());
        assert_eq!(rec["verified"], true, "{}: {rec}", p.id());
        assert_eq!(rec["status"], "paid");
    }
}

#[test]
fn callback_send_reports_failed_orders_and_wrong_answers_and_signs_with_a_given_key() {
    let env = TestEnv::new();
    let l = Listen::start(&env, "sandbox-cashy", &[]);
    let to = format!("{}/hooks/cashy", l.url);
    let args = ["-p", "sandbox-cashy", "-o", "json", "callback", "send", "--to", &to, "--order-id", "FAIL1"];
    let r = expect_code(&env, &[&args[..], &["--status", "failed", "--amount", "25000"]].concat(), 0);
    assert_eq!(r.json()["acknowledged"], true);
    let rec = l.wait_for(10, |v| v["order_id"] == "FAIL1");
    assert_eq!(
        (rec["status"].as_str(), rec["amount"].as_str(), rec["verified"].as_bool()),
        (Some("failed"), Some("25000"), Some(true))
    );
    // The provider's own rules apply: Cashy takes no amount under 10000.
    expect_code(&env, &[&args[..], &["--amount", "5000"]].concat(), 2);

    // The shop's own key, and an endpoint that answers the wrong word.
    let received = Arc::new(Mutex::new(Vec::<Vec<u8>>::new()));
    let log = received.clone();
    let shop = FaultServer::start(move |_, req| {
        log.lock().unwrap().push(req.to_vec());
        Fault::Respond(http_response(200, "text/plain", "OK"))
    });
    env.write_config("[profiles.shop]\nprovider = \"cashy\"\nbase_url = \"http://127.0.0.1:9\"\nmerchant_id = \"3006075\"\napi_key = \"shop-key-123\"\n");
    let key = env.path("key.txt");
    std::fs::write(&key, "shop-key-123\n").unwrap();
    let r = expect_code(
        &env,
        &[
            "-p",
            "shop",
            "-o",
            "json",
            "callback",
            "send",
            "--to",
            &format!("{}/cb", shop.url),
            "--order-id",
            "KEY1",
            "--key",
            key.to_str().unwrap(),
        ],
        7,
    );
    let sent = r.json();
    assert_eq!(
        (sent["acknowledged"].as_bool(), sent["answer"].as_str(), sent["expected_ack"].as_str()),
        (Some(false), Some("OK"), Some("SUCCESS"))
    );
    assert!(r.stderr.contains("expects"), "{}", r.stderr);
    assert!(!r.all().contains("shop-key-123"), "the key is never printed");
    let capture = env.path("shop.http");
    std::fs::write(&capture, &received.lock().unwrap()[0]).unwrap();
    let c = capture.to_str().unwrap();
    let v = expect_code(&env, &["-p", "shop", "-o", "json", "callback", "verify", c], 0).json();
    assert_eq!(v["order_id"], "KEY1");
    expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "callback", "verify", c], 6);
    // Independently: Sign is MD5(body + key), as md5sum computes it.
    let raw = received.lock().unwrap()[0].clone();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    std::fs::write(env.path("shop-body"), &raw[split + 4..]).unwrap();
    let md5 = sh(&format!("{{ cat {}; printf shop-key-123; }} | md5sum", env.path("shop-body").display()));
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    assert!(head.contains(&format!("sign: {}", md5.split_whitespace().next().unwrap())), "{head}");
    assert!(head.contains("merchantid: 3006075"), "the profile's merchant id: {head}");
}

#[test]
fn checkout_qr_goes_to_stderr_and_stdout_stays_json() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let r = expect_code(
        &env,
        &[
            "-p",
            "sandbox-cashy",
            "-o",
            "json",
            "checkout",
            "create",
            "--amount",
            "150000",
            "--customer-name",
            "Ani",
            "--qr",
        ],
        0,
    );
    let url = r.json()["checkout_url"].as_str().unwrap().to_string();
    assert!(r.stderr.contains('\u{2588}') && r.stderr.contains(&url), "{}", r.stderr);
    assert!(r.stderr.lines().filter(|l| l.contains('\u{2588}')).count() > 10);
}
