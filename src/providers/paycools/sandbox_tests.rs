//! The sandbox against the real client, in process: the two were written separately from
//! docs/providers/paycools.md, so agreement here means both read it the same way.

use super::*;
use crate::config::Profile;
use crate::error::{Error, ErrorKind};
use crate::http::HttpClient;
use crate::model::{SignatureCheck, Status};
use crate::providers::{CheckoutInput, Gateway, Provider, StatusQuery, VerifyOptions};
use crate::sandbox::SandboxOptions;
use std::collections::HashMap;
use tokio::sync::mpsc;

#[test]
fn short_links_round_trip() {
    let id = "CH1175676368800878371";
    let code = short_code(id);
    assert!(code.len() <= 11 && code.bytes().all(|b| b.is_ascii_alphanumeric()), "{code}");
    assert_eq!(checkout_id_of(&code).as_deref(), Some(id));
    assert_eq!(checkout_id_of("!!"), None);
}

#[test]
fn committed_sandbox_keys_parse() {
    assert_eq!(
        crate::crypto::parse_private_key(PLATFORM_PRIVATE_KEY).unwrap().signing_path(),
        &crate::crypto::SigningPath::Ring
    );
    let _ = crate::crypto::parse_public_key(MERCHANT_PUBLIC_KEY).unwrap();
    assert!(crate::crypto::parse_private_key(MERCHANT_PRIVATE_KEY).is_ok());
    assert!(crate::crypto::parse_public_key(PLATFORM_PUBLIC_KEY).is_ok());
}

async fn sandbox(settings: &[(&str, &str)]) -> Arc<Sandbox> {
    let settings: HashMap<String, String> =
        settings.iter().map(|(k, v)| (format!("paycools.{k}"), v.to_string())).collect();
    crate::sandbox::spawn(crate::providers::emulators(), SandboxOptions { settings, ..Default::default() })
        .await
        .unwrap()
}

fn client(sb: &Sandbox, overrides: &[(&str, &str)]) -> Box<dyn Gateway> {
    let mut table = super::super::Paycools.sandbox_profile(&sb.base_url);
    for (k, v) in overrides {
        table.insert(k.to_string(), v.to_string().into());
    }
    super::super::Paycools.gateway(&Profile::from_table("sandbox-paycools", table).unwrap()).unwrap()
}

fn http() -> HttpClient {
    HttpClient::new(Duration::from_secs(10), false).unwrap()
}

/// The client's create, straight through its gateway (no safe-create resend logic to cloud it).
async fn create_checkout(
    http: &HttpClient,
    gw: &dyn Gateway,
    input: &CheckoutInput,
) -> crate::error::Result<crate::model::CheckoutRecord> {
    let now = chrono::Utc::now();
    let resp = http.send(&gw.checkout_request(input, now)?).await?;
    gw.checkout_response(input, &resp, now)
}

async fn check_status(
    http: &HttpClient,
    gw: &dyn Gateway,
    query: &StatusQuery,
) -> crate::error::Result<crate::model::StatusRecord> {
    let resp = http.send(&gw.status_request(query, chrono::Utc::now())?).await?;
    gw.status_response(query, &resp)
}

fn order(id: &str) -> CheckoutInput {
    CheckoutInput { order_id: id.into(), ..super::super::Paycools.demo_checkout() }
}

fn query(id: &str) -> StatusQuery {
    StatusQuery { id: id.into(), ..Default::default() }
}

fn provider_error(r: crate::error::Result<impl std::fmt::Debug>) -> Error {
    let e = r.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Provider, "{}", e.message);
    e
}

#[tokio::test]
async fn create_pay_status_and_refusals() {
    let sb = sandbox(&[]).await;
    let gw = client(&sb, &[]);
    let c = create_checkout(&http(), gw.as_ref(), &order("PCSBX000000001")).await.unwrap();
    assert!(c.checkout_url.as_deref().unwrap().contains("/p/"));
    let page = http().send(&crate::http::PreparedRequest::new("GET", c.checkout_url.clone().unwrap())).await.unwrap();
    assert!(String::from_utf8_lossy(&page.body).contains("₱50.00"));
    assert_eq!(
        check_status(&http(), gw.as_ref(), &query("PCSBX000000001")).await.unwrap().order.status,
        Status::Pending
    );
    sb.settle(super::super::ID, c.provider_ref.as_deref().unwrap(), "pay", Some("MAYA".into())).unwrap();
    let s = check_status(&http(), gw.as_ref(), &query("PCSBX000000001")).await.unwrap();
    assert_eq!(
        (s.order.status, s.order.amount.unwrap().to_string(), s.order.channel.as_deref()),
        (Status::Paid, "50.00".into(), Some("MAYA"))
    );

    let e = provider_error(create_checkout(&http(), gw.as_ref(), &order("PCSBX000000001")).await);
    assert!(e.message.contains("1012") && e.hint.unwrap().contains("status check"));
    let e = provider_error(check_status(&http(), gw.as_ref(), &query("PCSBXNOSUCHORDER")).await);
    assert!(e.message.contains("not found") && e.message.contains("1008"));
    let mut bad = order("PCSBX000000002");
    bad.extra = vec![("expireTime".into(), json!("2099-01-01 00:00:00"))];
    let e = provider_error(create_checkout(&http(), gw.as_ref(), &bad).await);
    assert!(e.message.contains("1009") && e.message.contains("expireTime"), "{}", e.message);
    let e = provider_error(
        check_status(&http(), client(&sb, &[("app_id", "0000")]).as_ref(), &query("PCSBX000000001")).await,
    );
    assert!(e.message.contains("1001"));
}

#[tokio::test]
async fn sign_mode_must_match_the_merchant_setting() {
    let sb = sandbox(&[("sign_mode", "param_only")]).await;
    let e = provider_error(create_checkout(&http(), client(&sb, &[]).as_ref(), &order("PCSBX000000003")).await);
    assert!(e.message.contains("1003") && e.hint.unwrap().contains("sign_mode"));
    let gw = client(&sb, &[("sign_mode", "param_only")]);
    create_checkout(&http(), gw.as_ref(), &order("PCSBX000000003")).await.unwrap();
    // A signature by another merchant key is refused the same way.
    let other = include_str!("../../../tests/fixtures/paycools/key-2048.pem");
    let gw = client(&sb, &[("sign_mode", "param_only"), ("private_key", other)]);
    let e = provider_error(check_status(&http(), gw.as_ref(), &query("PCSBX000000003")).await);
    assert!(e.message.contains("1003"));
}

/// A merchant endpoint that records what arrives and answers 200.
async fn receiver() -> (String, mpsc::UnboundedReceiver<Vec<u8>>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let app = Router::new().route(
        "/hook",
        post(move |body: Bytes| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(body.to_vec());
                "ok"
            }
        }),
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, rx)
}

#[tokio::test]
async fn callbacks_in_every_shape_verify() {
    for (shape, action, want_sig, want_status, want_ack) in [
        ("envelope", "pay", SignatureCheck::Ok, Status::Paid, super::super::callback::ENVELOPE_ACK),
        ("flat", "pay", SignatureCheck::Ok, Status::Paid, super::super::callback::FLAT_ACK),
        ("legacy", "fail", SignatureCheck::LegacyOk, Status::Failed, super::super::callback::FLAT_ACK),
    ] {
        let sb = sandbox(&[("callback_shape", shape)]).await;
        let gw = client(&sb, &[]);
        let (url, mut rx) = receiver().await;
        let mut input = order("PCSBX000000004");
        input.callback_url = Some(url);
        let c = create_checkout(&http(), gw.as_ref(), &input).await.unwrap();
        sb.settle(super::super::ID, c.provider_ref.as_deref().unwrap(), action, None).unwrap();
        let body = tokio::time::timeout(Duration::from_secs(10), rx.recv()).await.unwrap().unwrap();
        let capture = crate::capture::CapturedRequest::parse("t", body, &[]).unwrap();
        let opts = VerifyOptions::new(Utc::now(), chrono::Duration::minutes(5));
        let v = gw.verify_callback(&capture, &opts).unwrap();
        assert_eq!(v.signature, want_sig, "{shape}: {:?}", v.reason);
        assert_eq!(v.claims.status, want_status, "{shape}");
        assert_eq!(v.claims.order_id.as_deref(), Some("PCSBX000000004"));
        assert_eq!(v.claims.amount.map(|a| a.to_string()).as_deref(), Some("50.00"));
        assert_eq!(v.ack.as_deref(), Some(want_ack));
        // The 2xx answer ends the delivery.
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(sb.deliveries().last().map(|d| d.outcome.clone()).as_deref(), Some("accepted"), "{shape}");
    }
}

fn defaults() -> super::super::request::Defaults<'static> {
    super::super::request::Defaults {
        callback_url: Some("https://shop.example/cb"),
        redirect_url: Some("https://shop.example/back"),
    }
}

#[tokio::test]
async fn a_create_without_a_mandatory_field_is_refused_with_1009() {
    let sb = sandbox(&[]).await;
    let profile =
        Profile::from_table("sandbox-paycools", super::super::Paycools.sandbox_profile(&sb.base_url)).unwrap();
    let gw = super::super::PaycoolsGateway::from_profile(&profile).unwrap();
    for (n, field) in ["customer", "items", "callbackUrl", "redirectUrl"].iter().enumerate() {
        // The client refuses such a create itself, so the request is built whole and the field
        // taken out before signing: what a client that ignored the PH page would send.
        let mut param =
            super::super::request::create_param(&order(&format!("PCMANDATORY{n:04}")), chrono::Utc::now(), defaults())
                .unwrap();
        assert!(param.remove(*field).is_some(), "the client sends {field}");
        let resp = http().send(&gw.signed("/api/v1/checkout", &param).unwrap()).await.unwrap();
        let body: Value = serde_json::from_slice(&resp.body).unwrap();
        assert_eq!(body["code"], 1009, "{field}: {body}");
        assert_eq!(body["message"], format!("param error: {field} is required"));
    }
}
