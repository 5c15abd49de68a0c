//! The sandbox as a process: state across restarts, callback delivery and retries, the demo.

use crate::common::*;
use std::io::Write;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[test]
fn orders_survive_a_restart_with_state() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("sandbox.ndjson");
    let state_arg = state.to_str().unwrap();
    let sandbox = SandboxProc::start(&["--state", state_arg]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = cashy_checkout(&env, "25000", &[]);
    pay(created["checkout_url"].as_str().unwrap());
    sandbox.stop();

    let sandbox = SandboxProc::start(&["--state", state_arg]);
    let env = TestEnv::with_sandbox(&sandbox);
    let order = created["order_id"].as_str().unwrap();
    let status = expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "status", "check", order], 0).json();
    assert_eq!(status["status"], "paid");
}

/// A merchant endpoint that answers from a script and records what it received.
struct Merchant {
    url: String,
    received: Arc<Mutex<Vec<String>>>,
}

fn merchant(answers: Vec<&'static str>) -> Merchant {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks/cashy", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = received.clone();
    std::thread::spawn(move || {
        for (i, stream) in listener.incoming().enumerate() {
            let Ok(mut s) = stream else { continue };
            let request = read_request(&mut s);
            log.lock().unwrap().push(String::from_utf8_lossy(&request).into_owned());
            let body = answers.get(i).copied().unwrap_or("SUCCESS");
            let _ = write!(s, "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    Merchant { url, received }
}

#[test]
fn callbacks_are_signed_and_retried_until_success() {
    let m = merchant(vec!["FAIL", "not yet", "SUCCESS"]);
    // Time scale 600: Cashy's 1- and 2-minute retry waits become 0.1 s and 0.2 s.
    let sandbox = SandboxProc::start(&["--time-scale", "600"]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = cashy_checkout(&env, "30000", &["--callback-url", &m.url]);
    pay(created["checkout_url"].as_str().unwrap());
    let deadline = Instant::now() + Duration::from_secs(10);
    while m.received.lock().unwrap().len() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let received = m.received.lock().unwrap().clone();
    assert_eq!(received.len(), 3, "two failures then success, then no more: {received:#?}");
    let deliveries = sandbox.get_json("/_sandbox/deliveries");
    let outcomes: Vec<&str> = deliveries.as_array().unwrap().iter().map(|d| d["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["retry", "retry", "accepted"]);

    // Every attempt is signed anew (fresh nonce) and verifies byte for byte as captured.
    let mut nonces = Vec::new();
    for (i, raw) in received.iter().enumerate() {
        let capture = env.path(&format!("cb{i}.http"));
        std::fs::write(&capture, raw.as_bytes()).unwrap();
        let v = expect_code(
            &env,
            &["-p", "sandbox-cashy", "-o", "json", "callback", "verify", capture.to_str().unwrap(), "--requery"],
            0,
        )
        .json();
        assert_eq!(v["signature"], "ok");
        assert_eq!(v["requery"], "ok");
        assert_eq!(v["amount"], "30000");
        nonces.push(raw.split("\"nonceStr\":\"").nth(1).unwrap().split('"').next().unwrap().to_string());
    }
    nonces.dedup();
    assert_eq!(nonces.len(), 3, "each retry carries its own nonce: {nonces:?}");
}

#[test]
fn the_hosted_page_can_fail_an_order() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = cashy_checkout(&env, "30000", &[]);
    let url = created["checkout_url"].as_str().unwrap();
    let (_, html) = http_get(url);
    assert!(html.contains("Rp 30.000"), "{html}");
    let action =
        html.split("action=\"").skip(1).filter_map(|s| s.split('"').next()).find(|a| a.ends_with("/fail")).unwrap();
    http_post(&format!("{}{action}", sandbox.url), &[], b"");
    let order = created["order_id"].as_str().unwrap();
    let r = expect_code(&env, &["-p", "sandbox-cashy", "-o", "json", "status", "check", order, "--expect", "paid"], 7);
    assert_eq!(r.json()["status"], "failed");
}

#[test]
fn sandbox_rejects_bad_options() {
    let env = TestEnv::new();
    expect_code(&env, &["sandbox", "--time-scale", "0", "--port", "0"], 2);
    expect_code(&env, &["sandbox", "--set", "nosuch.key=1", "--port", "0"], 2);
}

#[test]
fn demo_runs_the_whole_loop() {
    let env = TestEnv::new();
    let r = expect_code(&env, &["-o", "json", "demo"], 0);
    let rows = r.json();
    for row in rows.as_array().unwrap() {
        assert_eq!(row["result"], "ok", "{row}");
        assert_eq!(row["status"], "paid");
    }
    assert!(rows.as_array().unwrap().iter().any(|r| r["provider"] == "cashy"));
}
