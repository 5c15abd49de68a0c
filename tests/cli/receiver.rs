//! `callback listen`'s answer rules, for every provider: a genuine callback gets the provider's
//! exact ack and content type; a forged one gets 403 and makes paycli send the provider nothing;
//! one that cannot be decided now (provider down, requery slower than the budget, journal busy)
//! gets 503, within the provider's answer budget.

use crate::common::*;
use crate::webhooks::Listen;
use std::time::{Duration, Instant};

/// What a provider expects back from the merchant, as docs/providers/ states it.
fn expected_ack(provider: &str) -> (&'static str, &'static str) {
    match provider {
        "cashy" => ("SUCCESS", "text/plain"),
        "zenospay" => ("OK", "text/plain"),
        "payfect" => ("OK", "text/plain"),
        // The sandbox sends the envelope shape (docs/providers/paycools.md, shape 1).
        "paycools" => (r#"{"code":10000,"message":"Success"}"#, "application/json"),
        other => panic!("no ack known for {other}"),
    }
}

/// A genuine callback in the provider's real shape, signed with the sandbox's provider keys by
/// the provider's sandbox emulation (`callback send --dry-run`): (path, headers, body).
fn genuine(env: &TestEnv, provider: &str, order: &str) -> (String, Vec<(String, String)>, Vec<u8>) {
    let profile = format!("sandbox-{provider}");
    let to = format!("http://127.0.0.1:1/hooks/{provider}");
    let raw = expect_code(env, &["-p", &profile, "callback", "send", "--to", &to, "--order-id", order, "--dry-run"], 0)
        .stdout
        .into_bytes();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a raw HTTP request");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let path = head.lines().next().unwrap().split(' ').nth(1).unwrap().to_string();
    let headers = head
        .lines()
        .skip(1)
        .filter_map(|h| h.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .filter(|(n, _)| !n.eq_ignore_ascii_case("host") && !n.eq_ignore_ascii_case("content-length"))
        .collect();
    (path, headers, raw[split + 4..].to_vec())
}

/// One POST: (status, content type, body, how long the answer took).
fn post(url: &str, headers: &[(String, String)], body: &[u8]) -> (u16, String, String, Duration) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let mut req = agent.post(url);
    for (n, v) in headers {
        req = req.header(n.as_str(), v.as_str());
    }
    let started = Instant::now();
    let mut resp = req.send(body).expect("POST");
    let took = started.elapsed();
    let ct = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let status = resp.status().as_u16();
    (status, ct, resp.body_mut().read_to_string().unwrap_or_default(), took)
}

/// The body with its last digit changed: still well-formed, no longer what was signed.
fn tampered(body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    let last = out.iter().rposition(|b| b.is_ascii_digit()).expect("a digit in the body");
    out[last] = if out[last] == b'9' { b'8' } else { out[last] + 1 };
    out
}

/// A config with one profile `x` per provider: the sandbox's keys (minus `drop_keys`), pointing
/// at `base_url` instead of the sandbox.
fn profile_at(env: &TestEnv, provider: &dyn paycli::providers::Provider, base_url: &str, drop_keys: &[&str]) {
    let mut table = provider.sandbox_profile("http://127.0.0.1:1");
    for k in drop_keys {
        table.remove(*k);
    }
    // Keep any path prefix the provider's base URL carries (Payfect's /api/v1).
    let own = table["base_url"].as_str().unwrap().trim_start_matches("http://127.0.0.1:1").to_string();
    table.insert("base_url".into(), format!("{base_url}{own}").into());
    let mut root = toml::Table::new();
    let mut profiles = toml::Table::new();
    profiles.insert("x".into(), table.into());
    root.insert("profiles".into(), profiles.into());
    env.write_config(&toml::to_string(&root).unwrap());
}

/// The budget each provider's listener must keep by default.
fn default_budget(provider: &str) -> Duration {
    if provider == "zenospay" { Duration::from_millis(1500) } else { Duration::from_secs(5) }
}

#[test]
fn genuine_callbacks_get_the_exact_ack_and_content_type() {
    for p in paycli::providers::all() {
        let id = p.id();
        let env = TestEnv::new();
        let l = Listen::start(&env, &format!("sandbox-{id}"), &[]);
        let (path, headers, body) = genuine(&env, id, &format!("ACK{id}1"));
        let (status, ct, text, took) = post(&format!("{}{path}", l.url), &headers, &body);
        let (ack, want_ct) = expected_ack(id);
        assert_eq!((status, text.as_str()), (200, ack), "{id}");
        assert!(ct.starts_with(want_ct), "{id}: content type {ct:?}, expected {want_ct}");
        assert!(took < default_budget(id), "{id}: {took:?}");
        let rec = l.wait_for(10, |v| v["order_id"] == format!("ACK{id}1"));
        assert_eq!((rec["verified"].as_bool(), rec["ack"].as_str()), (Some(true), Some(ack)), "{id}: {rec}");
    }
}

#[test]
fn forged_callbacks_get_403_and_paycli_signs_nothing_for_them() {
    for p in paycli::providers::all() {
        let id = p.id();
        let env = TestEnv::new();
        // The "provider" counts every request paycli would send it for a requery.
        let provider = FaultServer::always(Fault::Hang);
        profile_at(&env, *p, &provider.url, &[]);
        let l = Listen::start(&env, "x", &["--requery"]);
        let (path, headers, body) = genuine(&env, id, &format!("FORGE{id}1"));
        // Tampered body: signature mismatch.
        let (status, _, text, took) = post(&format!("{}{path}", l.url), &headers, &tampered(&body));
        assert_eq!(status, 403, "{id}: {text}");
        assert!(text.contains("not verified"), "{id}: {text}");
        assert!(took < Duration::from_secs(1), "{id}: a forgery is refused at once ({took:?})");
        // No signature at all, where the profile has the key: missing, also proven false.
        let unsigned: Vec<(String, String)> = headers
            .iter()
            .filter(|(n, _)| !["sign", "x-signature", "x-payfect-signature"].contains(&n.to_ascii_lowercase().as_str()))
            .cloned()
            .collect();
        let body_unsigned = if id == "paycools" { strip_paycools_sign(&body) } else { body.clone() };
        let (status, _, text, _) = post(&format!("{}{path}", l.url), &unsigned, &body_unsigned);
        assert_eq!(status, 403, "{id}: {text}");
        l.wait_for(10, |v| v["signature"] == "missing" || v["reason"].as_str().is_some_and(|r| r.contains("no sign")));
        let recs = l.records.lock().unwrap().clone();
        assert_eq!(recs.len(), 2, "{id}: {recs:?}");
        for r in &recs {
            assert_eq!(r["verified"], false, "{id}");
            assert_eq!(r["requery"], "skipped", "{id}: {r}");
            assert_eq!(r["ack"], serde_json::Value::Null, "{id}: no ack beside a forgery");
            assert!(["mismatch", "missing"].contains(&r["signature"].as_str().unwrap()), "{id}: {r}");
        }
        assert_eq!(
            provider.hits.load(std::sync::atomic::Ordering::SeqCst),
            0,
            "{id}: paycli sent the provider a signed request on a forger's behalf"
        );
    }
}

/// PayCools carries its signature in the body: the same callback without its `sign` field.
fn strip_paycools_sign(body: &[u8]) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(body).unwrap();
    v.as_object_mut().unwrap().remove("sign");
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn undecidable_callbacks_get_503_within_the_budget() {
    for p in paycli::providers::all() {
        let id = p.id();
        let env = TestEnv::new();

        // The provider is down (connections refused at once): a genuine callback whose requery
        // fails cannot be decided now.
        let down = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            format!("http://{}", l.local_addr().unwrap())
        };
        profile_at(&env, *p, &down, &[]);
        let l = Listen::start(&env, "x", &["--requery"]);
        let (path, headers, body) = genuine(&env, id, &format!("DOWN{id}1"));
        let (status, _, text, took) = post(&format!("{}{path}", l.url), &headers, &body);
        assert_eq!(status, 503, "{id}: {text}");
        assert!(took < default_budget(id), "{id}: {took:?}");
        let rec = l.wait_for(10, |v| v["order_id"] == format!("DOWN{id}1"));
        assert_eq!((rec["verified"].as_bool(), rec["requery"].as_str()), (Some(false), Some("error")), "{id}");
        assert_eq!(rec["reply_status"], 503);
        drop(l);

        // A provider that never answers: the requery is cut at the budget, and the answer is 503,
        // never late. Zenospay keeps its own default budget (1.5 s, under its 2 s limit).
        let slow = FaultServer::always(Fault::Hang);
        profile_at(&env, *p, &slow.url, &[]);
        let budget = if id == "zenospay" { None } else { Some("1s") };
        let mut args = vec!["--requery"];
        if let Some(b) = budget {
            args.extend(["--budget", b]);
        }
        let l = Listen::start(&env, "x", &args);
        let want = budget.map_or(default_budget(id), |_| Duration::from_secs(1));
        let (status, _, text, took) = post(&format!("{}{path}", l.url), &headers, &body);
        assert_eq!(status, 503, "{id}: {text}");
        assert!(took >= want - Duration::from_millis(100), "{id}: answered before the budget ran out ({took:?})");
        // Late means past the provider's own limit for Zenospay (2 s); others get a margin for a busy machine.
        let late = if id == "zenospay" { Duration::from_secs(2) } else { want + Duration::from_millis(700) };
        assert!(took < late, "{id}: {took:?} is past the budget of {want:?}");
        assert!(text.contains("cannot decide now"), "{id}: {text}");
        assert!(slow.hits.load(std::sync::atomic::Ordering::SeqCst) >= 1, "{id}: the requery was sent");
    }
}

#[test]
fn without_the_key_a_callback_is_503_not_lost() {
    // Zenospay and PayCools callbacks cannot be checked without the provider's public key:
    // 503 (Zenospay retries on 5xx, never on 4xx), not 4xx, when the requery cannot confirm it.
    for (id, key) in [("zenospay", "provider_public_key"), ("paycools", "platform_public_key")] {
        let p = paycli::providers::find(id).unwrap();
        let env = TestEnv::new();
        let down = FaultServer::always(Fault::Reset);
        profile_at(&env, p, &down.url, &[key]);
        let l = Listen::start(&env, "x", &["--requery"]);
        let (path, headers, body) = genuine(&env, id, &format!("NOKEY{id}"));
        let (status, _, text, took) = post(&format!("{}{path}", l.url), &headers, &body);
        assert_eq!(status, 503, "{id}: {text}");
        assert!(took < default_budget(id), "{id}: {took:?}");
        let rec = l.wait_for(10, |v| v["order_id"] == format!("NOKEY{id}"));
        assert_eq!(rec["signature"], "unverifiable", "{id}: {rec}");
        // Even a tampered body is only unverifiable here (nothing proves it false): 503 as well.
        let (status, _, _, _) = post(&format!("{}{path}", l.url), &headers, &tampered(&body));
        assert_eq!(status, 503, "{id}");
    }
}

#[test]
fn a_busy_journal_does_not_stall_the_receiver() {
    let env = TestEnv::new();
    // Create the journal, then hold its write lock from another process (Python's sqlite3).
    expect_code(&env, &["orders", "list"], 0);
    let journal = env.path("data/paycli/journal.sqlite3");
    assert!(journal.exists(), "orders list created the journal");
    let mut holder = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import sqlite3, sys, time\n\
             c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
             c.execute('BEGIN IMMEDIATE')\n\
             print('locked', flush=True)\n\
             time.sleep(60)\n",
        )
        .arg(&journal)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(holder.stdout.as_mut().unwrap()), &mut line).unwrap();
    assert_eq!(line.trim(), "locked");

    let l = Listen::start(&env, "sandbox-cashy", &["--budget", "1s"]);
    // A forgery is refused at once, journal or not.
    let (path, headers, body) = genuine(&env, "cashy", "BUSY1");
    let (status, _, _, took) = post(&format!("{}{path}", l.url), &headers, &tampered(&body));
    assert_eq!(status, 403);
    assert!(took < Duration::from_secs(1), "{took:?}");
    // A genuine one cannot be remembered: 503 within the budget, so Cashy sends it again.
    let (status, _, text, took) = post(&format!("{}{path}", l.url), &headers, &body);
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("journal is busy"), "{text}");
    assert!(took < Duration::from_millis(1700), "{took:?}");
    // Several at once: every answer still within the budget (the async workers are not blocked).
    let started = Instant::now();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (url, headers, body) = (format!("{}{path}", l.url), headers.clone(), body.clone());
            std::thread::spawn(move || post(&url, &headers, &body).0)
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 503);
    }
    assert!(started.elapsed() < Duration::from_millis(2800), "{:?}", started.elapsed());

    // With --no-journal nothing is recorded and nothing waits: the ack at once.
    let unjournaled = Listen::start(&env, "sandbox-cashy", &["--budget", "1s", "--no-journal"]);
    let (status, _, text, took) = post(&format!("{}{path}", unjournaled.url), &headers, &body);
    assert_eq!((status, text.as_str()), (200, "SUCCESS"));
    assert!(took < Duration::from_secs(1), "{took:?}");

    // The lock released: the retry is journaled and acknowledged.
    let _ = holder.kill();
    let _ = holder.wait();
    let (status, _, text, _) = post(&format!("{}{path}", l.url), &headers, &body);
    assert_eq!((status, text.as_str()), (200, "SUCCESS"));
    let rows = expect_code(&env, &["-o", "json", "orders", "list"], 0).json();
    assert!(rows.as_array().unwrap().iter().any(|r| r["order_id"] == "BUSY1"), "{rows}");
}

/// `paycli ARGS` in this environment with a pseudo-terminal as stdin (util-linux `script`).
fn on_a_terminal(env: &TestEnv, args: &str) -> Run {
    let base = env.std_cmd();
    let mut cmd = std::process::Command::new("script");
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.args(["-qec", &format!("{BIN} {args}"), "/dev/null"]).stdin(std::process::Stdio::null());
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(Duration::from_secs(10));
    run(cmd)
}

#[test]
fn verify_without_a_file_refuses_a_terminal_stdin() {
    let env = TestEnv::new();
    let started = Instant::now();
    let r = on_a_terminal(&env, "-p sandbox-cashy callback verify");
    assert_eq!(r.code, 2, "refused as a usage error, not left waiting: {}", r.all());
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(r.all().contains("stdin is a terminal"), "{}", r.all());
    assert!(r.all().contains("pipe one in"), "the hint says what to do: {}", r.all());
    // A pipe is still read as before.
    let mut cmd = env.cmd();
    cmd.args(["-p", "sandbox-cashy", "-o", "json", "callback", "verify"])
        .write_stdin(std::fs::read(fixture("cashy/callback.http")).unwrap());
    let r = run(cmd);
    assert_eq!(r.code, 6, "the fixture is signed with another key than the sandbox's: {}", r.all());
    assert_eq!(r.json()["signature"], "mismatch");
}

#[test]
fn ctrl_c_interrupts_a_verify_waiting_on_stdin() {
    let env = TestEnv::new();
    let mut child = env
        .std_cmd()
        .args(["-p", "sandbox-cashy", "callback", "verify", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let _keep_open = child.stdin.take();
    std::thread::sleep(Duration::from_millis(500));
    assert!(child.try_wait().unwrap().is_none(), "still waiting for its input");
    sh(&format!("kill -INT {}", child.id()));
    let deadline = Instant::now() + Duration::from_secs(5);
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        assert!(Instant::now() < deadline, "Ctrl-C did not end callback verify");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, Some(130));
}

#[test]
fn a_body_that_trickles_past_the_budget_gets_503_in_time() {
    use std::io::{Read, Write};
    let env = TestEnv::new();
    let l = Listen::start(&env, "sandbox-zenospay", &[]);
    let mut s = std::net::TcpStream::connect(l.url.trim_start_matches("http://")).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let started = Instant::now();
    write!(s, "POST /hooks/zenospay HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{{\"a\":").unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 503"), "not a 4xx, which Zenospay would never retry: {answer:.80}");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "within Zenospay's 2 s: {took:?}");
    assert!(l.records.lock().unwrap().is_empty());
}

#[test]
fn zenospay_signs_the_registered_path_with_its_query_string() {
    // The sandbox signs the registered URL's path and query (SNAP); a profile without
    // callback_path checks the captured path, query included.
    let env_listen = TestEnv::new();
    let p = paycli::providers::find("zenospay").unwrap();
    profile_at(&env_listen, p, "http://127.0.0.1:1", &["callback_path"]);
    let l = Listen::start(&env_listen, "x", &[]);
    let sandbox = SandboxProc::start(&["--set", &format!("zenospay.callback_url={}/hooks/zenospay?shop=7", l.url)]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = create_checkout(
        &env,
        "sandbox-zenospay",
        &["--amount", "125000", "--customer-name", "Siti Rahayu", "--product-name", "Batik Tulis Solo"],
    );
    pay(created["checkout_url"].as_str().unwrap());
    let order = created["order_id"].as_str().unwrap();
    let rec = l.wait_for(15, |v| v["order_id"] == order);
    assert_eq!((rec["verified"].as_bool(), rec["reply_status"].as_u64()), (Some(true), Some(200)), "{rec}");
    assert_eq!(rec["path"], "/hooks/zenospay?shop=7");
    let reason = rec["reason"].as_str().unwrap();
    assert!(reason.contains("signed over /hooks/zenospay?shop=7 and the exact body bytes"), "{reason}");
}
