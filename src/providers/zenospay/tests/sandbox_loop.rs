//! The client against the sandbox in-process: two independent implementations of the scheme
//! (client signing/verifying, sandbox checking/signing) must agree, and the sandbox must refuse
//! what the real provider refuses.

use super::*;
use crate::http::HttpClient;
use crate::sandbox::{self, SandboxOptions};
use std::time::Duration;

fn sandbox_gateway(base_url: &str, change: impl FnOnce(&mut toml::Table)) -> ZenospayGateway {
    let mut table = Zenospay.sandbox_profile(base_url);
    change(&mut table);
    ZenospayGateway::from_profile(&Profile::from_table("sandbox-zenospay", table).unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkout_pay_callback_and_status() {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let hook = format!("http://{}/hooks/zenospay", listener.local_addr().unwrap());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let router = axum::Router::new().route(
        "/hooks/zenospay",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
            let tx = tx.clone();
            async move {
                let _ = tx.send((headers, body));
                "OK"
            }
        }),
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    let settings = [("zenospay.callback_url".to_string(), hook)].into_iter().collect();
    let sb =
        sandbox::spawn(crate::providers::emulators(), SandboxOptions { settings, ..Default::default() }).await.unwrap();
    let gw = sandbox_gateway(&sb.base_url, |_| {});
    let http = HttpClient::new(Duration::from_secs(10), false).unwrap();

    let mut input = Zenospay.demo_checkout();
    input.order_id = "ZSB0001".into();
    let now = Utc::now();
    let resp = http.send(&gw.checkout_request(&input, now).unwrap()).await.unwrap();
    let created = gw.checkout_response(&input, &resp, now).unwrap();
    let reference = created.provider_ref.clone().unwrap();
    assert_eq!(created.checkout_url.as_deref(), Some(format!("{}/checkout/{reference}", sb.base_url).as_str()));

    let again = http.send(&gw.checkout_request(&input, Utc::now()).unwrap()).await.unwrap();
    let e = gw.checkout_response(&input, &again, Utc::now()).unwrap_err();
    assert!(e.message.contains("already been taken"), "{}", e.message);

    let query = StatusQuery { id: "ZSB0001".into(), ..Default::default() };
    let resp = http.send(&gw.status_request(&query, Utc::now()).unwrap()).await.unwrap();
    assert_eq!(gw.status_response(&query, &resp).unwrap().order.status, Status::Pending);

    sb.settle(ID, &reference, "pay", Some("QRIS".into())).unwrap();
    let (headers, body) = tokio::time::timeout(Duration::from_secs(10), rx.recv()).await.unwrap().unwrap();
    let capture = CapturedRequest {
        source: "sandbox".into(),
        method: Some("POST".into()),
        path: Some("/hooks/zenospay".into()),
        headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_string())).collect(),
        body: body.to_vec(),
    };
    let opts = VerifyOptions::new(Utc::now(), chrono::Duration::minutes(5));
    let v = gw.verify_callback(&capture, &opts).unwrap();
    assert_eq!(v.signature, SignatureCheck::Ok, "{:?}", v.reason);
    assert_eq!(v.claims.order_id.as_deref(), Some("ZSB0001"));
    assert_eq!(v.claims.fee, Some(rust_decimal::Decimal::from(875)), "0.7% of 125000");
    assert_eq!(v.claims.net_amount, Some(rust_decimal::Decimal::from(124125)));
    let rrn = v.claims.rrn.clone().unwrap();
    assert!(rrn.len() == 12 && rrn.bytes().all(|b| b.is_ascii_digit()));

    // By RRN (searched first): the requery the callback leads to.
    let query = gw.requery_for(&v.claims).unwrap();
    let resp = http.send(&gw.status_request(&query, Utc::now()).unwrap()).await.unwrap();
    let status = gw.status_response(&query, &resp).unwrap();
    assert_eq!(status.order.status, Status::Paid);
    assert_eq!(status.order.fee, Some(rust_decimal::Decimal::from(875)));
    assert_eq!(status.order.net_amount, Some(rust_decimal::Decimal::from(124125)));
    assert_eq!(status.order.rrn.as_deref(), Some(rrn.as_str()));
    assert_eq!(status.order.channel.as_deref(), Some("QRIS"));

    let unknown = StatusQuery { id: "NOPE".into(), ..Default::default() };
    let resp = http.send(&gw.status_request(&unknown, Utc::now()).unwrap()).await.unwrap();
    assert_eq!(resp.status, 200, "the documented failure shape comes with HTTP 200");
    let e = gw.status_response(&unknown, &resp).unwrap_err();
    assert!(e.not_found && e.message.contains("does not exist"), "{}", e.message);
    assert!(e.hint.unwrap().contains("no such transaction"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_refuses_foreign_keys_partners_and_old_timestamps() {
    let sb = sandbox::spawn(crate::providers::emulators(), SandboxOptions::default()).await.unwrap();
    let http = HttpClient::new(Duration::from_secs(10), false).unwrap();
    let query = StatusQuery { id: "ANY".into(), ..Default::default() };
    let refusal = |gw: ZenospayGateway, at: DateTime<Utc>| {
        let http = http.clone();
        let query = query.clone();
        async move {
            let resp = http.send(&gw.status_request(&query, at).unwrap()).await.unwrap();
            assert_eq!(resp.status, 401);
            gw.status_response(&query, &resp).unwrap_err()
        }
    };
    let foreign_key = format!("{FIX_DIR}other.pem");
    let gw = sandbox_gateway(&sb.base_url, |t| {
        t.insert(
            "private_key".into(),
            toml::Value::Table([("file".to_string(), foreign_key.into())].into_iter().collect()),
        );
    });
    let e = refusal(gw, Utc::now()).await;
    assert_eq!(e.kind, ErrorKind::Provider);
    assert!(e.message.contains("Invalid signature"), "{}", e.message);

    let gw = sandbox_gateway(&sb.base_url, |t| {
        t.insert("partner_id".into(), "00000000-0000-4000-8000-000000000000".into());
    });
    assert!(refusal(gw, Utc::now()).await.message.contains("Unknown partner id"));

    let gw = sandbox_gateway(&sb.base_url, |_| {});
    let e = refusal(gw, Utc::now() - chrono::Duration::minutes(6)).await;
    assert!(e.message.contains("X-TIMESTAMP"), "{}", e.message);
    assert!(e.hint.unwrap().contains("clock"));
}

const FIX_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/zenospay/");
