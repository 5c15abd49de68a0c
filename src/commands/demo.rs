//! `paycli demo`: the whole loop offline. An in-process sandbox and a local webhook receiver;
//! for every provider: create a checkout, pay it on the hosted page, receive and verify the
//! callback, check the status, and print a summary. Exit 0 only if every step held.

use super::App;
use crate::capture::CapturedRequest;
use crate::config::Profile;
use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpClient, PreparedRequest};
use crate::model::{SignatureCheck, Status};
use crate::ops::{VerifyRequest, check_status, create_checkout, verify_capture};
use crate::output;
use crate::providers::{self, Gateway, Provider, StatusQuery, VerifyOptions};
use crate::sandbox::{self, SandboxOptions};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, mpsc};

const CALLBACK_WAIT: Duration = Duration::from_secs(15);

type Gateways = Arc<HashMap<&'static str, Arc<dyn Gateway>>>;

struct Receiver {
    gateways: Gateways,
    captures: mpsc::UnboundedSender<(String, CapturedRequest)>,
}

pub async fn run(app: &App) -> Result<u8> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let hooks = format!("http://{}/hooks", listener.local_addr()?);
    let settings =
        providers::all().iter().map(|p| (format!("{}.callback_url", p.id()), format!("{hooks}/{}", p.id()))).collect();
    let sandbox = sandbox::spawn(providers::emulators(), SandboxOptions { settings, ..Default::default() }).await?;
    output::note(format_args!("sandbox on {}, webhook receiver on {hooks}", sandbox.base_url));

    let mut gateways: HashMap<&'static str, Arc<dyn Gateway>> = HashMap::new();
    for p in providers::all() {
        let profile = Profile::from_table(&format!("sandbox-{}", p.id()), p.sandbox_profile(&sandbox.base_url))?;
        gateways.insert(p.id(), Arc::from(p.gateway(&profile)?));
    }
    let gateways: Gateways = Arc::new(gateways);
    let (tx, rx) = mpsc::unbounded_channel();
    let receiver = Arc::new(Receiver { gateways: gateways.clone(), captures: tx });
    let router = axum::Router::new().route("/hooks/{provider}", axum::routing::post(receive)).with_state(receiver);
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });

    let http = app.http(None)?;
    let rx = Mutex::new(rx);
    let mut sink = app.sink_dynamic(true);
    let mut worst = 0u8;
    for p in providers::all() {
        let gateway = gateways[p.id()].clone();
        let row = match run_provider(*p, gateway.as_ref(), &http, &hooks, &rx).await {
            Ok(row) => row,
            Err((step, e)) => {
                output::error(&Error { message: format!("{}: {step} failed: {}", p.id(), e.message), ..e.clone() });
                worst = worst.max(e.exit_code());
                json!({"provider": p.id(), "result": format!("failed at {step}: {}", e.message)})
            }
        };
        sink.push(&row)?;
    }
    sink.finish()?;
    if worst == 0 {
        output::note("every provider: checkout created, paid, callback verified, status paid");
    }
    Ok(worst)
}

async fn run_provider(
    provider: &dyn Provider,
    gateway: &dyn Gateway,
    http: &HttpClient,
    hooks: &str,
    rx: &Mutex<mpsc::UnboundedReceiver<(String, CapturedRequest)>>,
) -> std::result::Result<serde_json::Value, (&'static str, Error)> {
    let id = provider.id();
    let mut input = provider.demo_checkout();
    input.order_id = gateway.new_order_id(chrono::Utc::now());
    if provider.callback_url_per_checkout() {
        input.callback_url = Some(format!("{hooks}/{id}"));
    }
    let checkout = create_checkout(http, gateway, &input, false).await.map_err(|e| ("checkout create", e))?;
    let url = checkout.checkout_url.clone().ok_or(("checkout create", Error::provider("no checkout URL came back")))?;
    output::note(format_args!("{id}: checkout {} created: {url}", checkout.order_id));

    pay_on_page(http, &url).await.map_err(|e| ("paying on the hosted page", e))?;
    output::note(format_args!("{id}: paid on the hosted page"));

    let capture = wait_for_callback(rx, id).await.map_err(|e| ("receiving the callback", e))?;
    let opts = VerifyOptions::new(chrono::Utc::now(), chrono::Duration::minutes(5));
    let verified = verify_capture(
        &VerifyRequest { gateway, http: Some(http), opts: &opts, deadline: None, journal: None },
        &capture,
    )
    .await
    .map_err(|e| ("verifying the callback", e))?;
    if !verified.verified || verified.claims.status != Status::Paid {
        let why = verified.reason.clone().unwrap_or_else(|| "the callback does not say paid".into());
        return Err(("verifying the callback", Error::new(ErrorKind::Verification, why)));
    }
    output::note(format_args!("{id}: callback verified (signature {})", verified.signature.as_str()));

    let query = StatusQuery::new(checkout.order_id.clone(), checkout.provider_ref.clone());
    let status = check_status(http, gateway, &query).await.map_err(|e| ("status check", e))?;
    if status.order.status != Status::Paid {
        return Err((
            "status check",
            Error::new(ErrorKind::Expectation, format!("status is {}", status.order.status.as_str())),
        ));
    }
    output::note(format_args!("{id}: status check says paid"));
    Ok(json!({
        "provider": id,
        "order_id": checkout.order_id,
        "provider_ref": checkout.provider_ref,
        "amount": status.order.amount.map(|a| a.to_string()),
        "currency": status.order.currency,
        "callback": verified.signature,
        "requery": verified.requery,
        "status": status.order.status,
        "result": "ok",
    }))
}

/// Does what a shopper does: opens the page and submits its pay form.
async fn pay_on_page(http: &HttpClient, url: &str) -> Result<()> {
    let page = http.send(&PreparedRequest::new("GET", url.to_string())).await?;
    let html = String::from_utf8_lossy(&page.body);
    let action = html
        .split("action=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|a| a.ends_with("/pay"))
        .ok_or_else(|| Error::provider(format!("the page at {url} has no pay form (HTTP {})", page.status)))?;
    let channel = html.split("name=\"channel\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
    let target = reqwest::Url::parse(url)
        .and_then(|u| u.join(action))
        .map_err(|e| Error::internal(format!("bad form action {action}: {e}")))?;
    let form = format!("channel={}", channel.replace(' ', "+"));
    let resp = http
        .send(
            &PreparedRequest::new("POST", target.to_string())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.into_bytes()),
        )
        .await?;
    if resp.status >= 400 {
        return Err(Error::provider(format!("paying answered HTTP {}", resp.status)));
    }
    Ok(())
}

async fn wait_for_callback(
    rx: &Mutex<mpsc::UnboundedReceiver<(String, CapturedRequest)>>,
    provider: &str,
) -> Result<CapturedRequest> {
    let mut rx = rx.lock().await;
    let deadline = tokio::time::Instant::now() + CALLBACK_WAIT;
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some((p, capture))) if p == provider => return Ok(capture),
            Ok(Some(_)) => continue,
            Ok(None) | Err(_) => {
                return Err(Error::network(format!("no callback arrived within {}s", CALLBACK_WAIT.as_secs())));
            }
        }
    }
}

/// The merchant's webhook endpoint: verifies and answers the provider's expected acknowledgement.
async fn receive(
    State(rx): State<Arc<Receiver>>,
    Path(provider): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let capture = CapturedRequest {
        source: format!("demo:{provider}"),
        method: Some(method.to_string()),
        path: Some(uri.path_and_query().map_or_else(|| uri.path().to_string(), |p| p.to_string())),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect(),
        body: body.to_vec(),
    };
    let Some(gateway) = rx.gateways.get(provider.as_str()) else {
        return (StatusCode::NOT_FOUND, "unknown provider").into_response();
    };
    let opts = VerifyOptions::new(chrono::Utc::now(), chrono::Duration::minutes(5));
    let verdict = gateway.verify_callback(&capture, &opts);
    let _ = rx.captures.send((provider, capture));
    match verdict {
        Ok(v)
            if matches!(v.signature, SignatureCheck::Ok | SignatureCheck::LegacyOk | SignatureCheck::Unverifiable) =>
        {
            (StatusCode::OK, v.ack.unwrap_or_default()).into_response()
        }
        _ => (StatusCode::BAD_REQUEST, "signature rejected").into_response(),
    }
}
