//! `checkout create` when the answer is lost: ask before resending, never create twice.

use crate::common::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

const NOT_FOUND: &str = r#"{"code":400,"msg":"Params_mchOrderNo_error"}"#;
const FOUND: &str = r#"{"code":200,"msg":"SUCCESS","data":{"mchOrderNo":"SAFE1","orderNo":"P9","amount":10000.0,"orderStatus":"PAYING"}}"#;
const CREATED: &str = r#"{"code":200,"msg":"SUCCESS","data":{"mchOrderNo":"SAFE1","orderNo":"P9","payDeskUrl":"https://pay.example/P9","amount":"10000","expireTime":"2030-01-01 10:00:00"}}"#;

fn is_create(request: &[u8]) -> bool {
    request.starts_with(b"POST /api/payDesk ")
}

fn env_for(url: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.f]\nprovider = \"cashy\"\nbase_url = \"{url}\"\nmerchant_id = \"1\"\napi_key = \"k\"\nnotify_url = \"https://s.example/h\"\n"
    ));
    env
}

const CREATE: &[&str] = &[
    "-p",
    "f",
    "-o",
    "json",
    "--timeout",
    "2",
    "checkout",
    "create",
    "--order-id",
    "SAFE1",
    "--amount",
    "10000",
    "--customer-name",
    "A",
];

/// A server whose create answers are lost the first `drops` times; status queries get `status`.
fn server(drops: usize, create_fault: Fault, status: &'static str) -> (FaultServer, Arc<AtomicUsize>) {
    let creates = Arc::new(AtomicUsize::new(0));
    let seen = creates.clone();
    let s = FaultServer::start(move |_, req| {
        if is_create(req) {
            if seen.fetch_add(1, Ordering::SeqCst) < drops {
                create_fault.clone()
            } else {
                Fault::Respond(http_response(200, "application/json", CREATED))
            }
        } else {
            Fault::Respond(http_response(200, "application/json", status))
        }
    });
    (s, creates)
}

#[test]
fn lost_answer_and_no_order_exits_4_without_resending() {
    let (s, creates) = server(1, Fault::Reset, NOT_FOUND);
    let env = env_for(&s.url);
    let r = expect_code(&env, CREATE, 4);
    assert_eq!(creates.load(Ordering::SeqCst), 1, "no blind resend");
    assert_eq!(s.hits.load(Ordering::SeqCst), 2, "one create, one status query");
    assert!(r.stderr.contains("nothing was created") && r.stderr.contains("--retry-safe"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn retry_safe_resends_only_after_not_found() {
    let (s, creates) = server(1, Fault::Reset, NOT_FOUND);
    let env = env_for(&s.url);
    let mut args = CREATE.to_vec();
    args.push("--retry-safe");
    let r = expect_code(&env, &args, 0);
    assert_eq!(creates.load(Ordering::SeqCst), 2);
    assert_eq!(r.json()["checkout_url"], "https://pay.example/P9");
    assert!(r.stderr.contains("resending (--retry-safe)"), "{}", r.stderr);
}

#[test]
fn retry_safe_resends_at_most_once() {
    let (s, creates) = server(5, Fault::Reset, NOT_FOUND);
    let env = env_for(&s.url);
    let mut args = CREATE.to_vec();
    args.push("--retry-safe");
    let r = expect_code(&env, &args, 4);
    assert_eq!(creates.load(Ordering::SeqCst), 2);
    assert!(r.stderr.contains("after one safe resend"), "{}", r.stderr);
}

#[test]
fn lost_answer_but_order_exists_reports_it_and_does_not_resend() {
    for fault in [Fault::Reset, Fault::Hang] {
        let (s, creates) = server(1, fault, FOUND);
        let env = env_for(&s.url);
        let mut args = CREATE.to_vec();
        args.push("--retry-safe");
        let r = expect_code(&env, &args, 0);
        assert_eq!(creates.load(Ordering::SeqCst), 1, "the order exists: never resent");
        let j = r.json();
        assert_eq!((j["order_id"].as_str(), j["status"].as_str()), (Some("SAFE1"), Some("pending")));
        assert_eq!(j["provider_ref"], "P9");
        assert!(j["checkout_url"].is_null());
        assert!(r.stderr.contains("has order SAFE1"), "{}", r.stderr);
    }
}

#[test]
fn unanswered_status_query_leaves_it_undecided_exit_4() {
    let s = FaultServer::always(Fault::Reset);
    let env = env_for(&s.url);
    let mut args = CREATE.to_vec();
    args.push("--retry-safe");
    let r = expect_code(&env, &args, 4);
    assert_eq!(s.hits.load(Ordering::SeqCst), 2, "one create, one status query, no resend");
    assert!(r.stderr.contains("may or may not exist") && r.stderr.contains("status check SAFE1"), "{}", r.stderr);
}

#[test]
fn refused_connection_sent_nothing_so_no_status_query() {
    let env = env_for("http://127.0.0.1:9");
    let r = expect_code(&env, CREATE, 4);
    assert!(r.stderr.contains("cannot connect") && !r.stderr.contains("asking for the order"), "{}", r.stderr);
}

/// Forwards every request to the sandbox; the reply to the first create is lost, after the
/// sandbox processed it (`forward_first`) or before (the request never arrives).
fn lossy_proxy(sandbox: &str, forward_first: bool) -> FaultServer {
    let target = sandbox.to_string();
    let creates = AtomicUsize::new(0);
    FaultServer::start(move |_, req| {
        let first_create = is_create(req) && creates.fetch_add(1, Ordering::SeqCst) == 0;
        if first_create && !forward_first {
            return Fault::Reset;
        }
        let (status, body) = forward(&target, req);
        if first_create { Fault::Reset } else { Fault::Respond(http_response(status, "application/json", &body)) }
    })
}

fn forward(target: &str, req: &[u8]) -> (u16, String) {
    let split = req.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole request");
    let head = String::from_utf8_lossy(&req[..split]).to_string();
    let mut lines = head.lines();
    let path = lines.next().unwrap().split(' ').nth(1).unwrap().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .filter(|(n, _)| ["merchantid", "sign", "content-type"].contains(&n.to_ascii_lowercase().as_str()))
        .collect();
    let refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    http_post(&format!("{target}{path}"), &refs, &req[split + 4..])
}

#[test]
fn a_dropped_connection_create_never_makes_two_orders_at_the_sandbox() {
    let sandbox = SandboxProc::start(&[]);
    for (n, forward_first) in [(1, true), (2, false)] {
        let proxy = lossy_proxy(&sandbox.url, forward_first);
        let env = TestEnv::with_sandbox(&sandbox);
        env.write_config(&format!(
            "[profiles.p]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"100001\"\napi_key = \"cashy-sandbox-key-8d2f6b0a4c9e1735\"\nnotify_url = \"{}/_sandbox/sink/cashy\"\n",
            proxy.url, sandbox.url
        ));
        let id = format!("DROP{n}");
        let r = expect_code(
            &env,
            &[
                "-p",
                "p",
                "-o",
                "json",
                "checkout",
                "create",
                "--order-id",
                &id,
                "--amount",
                "150000",
                "--customer-name",
                "Budi",
                "--retry-safe",
            ],
            0,
        );
        let orders = sandbox.get_json("/_sandbox/orders");
        let mine: Vec<_> =
            orders.as_array().unwrap().iter().filter(|o| o["merchant_order_id"] == id.as_str()).collect();
        assert_eq!(mine.len(), 1, "forward_first={forward_first}: {orders}\n{}", r.stderr);
        assert_eq!(r.json()["order_id"], id.as_str());
        assert_eq!(r.json()["status"], "pending");
        // Resent only when the first request never arrived: then the normal answer has the URL.
        assert_eq!(r.json()["checkout_url"].is_string(), !forward_first, "{}", r.stdout);
    }
}
