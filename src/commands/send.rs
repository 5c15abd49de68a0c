//! `paycli callback send`: a test callback in the provider's real shape, posted to the merchant.
//!
//! No callback is written here: an in-process sandbox takes a real checkout for the order (so
//! the order carries everything the provider's emulation records), the order is settled, and the
//! provider's own sandbox code builds and signs the callback with its published test keys (or,
//! where the provider supports it, the merchant's key from `--key`).

use super::App;
use crate::capture::CapturedRequest;
use crate::cli::SendArgs;
use crate::config::Profile;
use crate::error::{Error, ErrorKind, Result};
use crate::ops::create_checkout;
use crate::providers::{self, VerifyOptions};
use crate::sandbox::{self, CallbackKey, DeliveryOutcome, OutgoingCallback, SandboxOptions};
use serde::Serialize;

#[derive(Serialize)]
struct SendRecord {
    provider: String,
    to: String,
    order_id: String,
    status: String,
    http_status: Option<u16>,
    answer: String,
    /// The reply body the provider waits for.
    expected_ack: Option<String>,
    /// Whether the provider would count this answer as received (else it retries).
    acknowledged: bool,
}

impl crate::output::Record for SendRecord {
    const COLUMNS: &'static [&'static str] =
        &["provider", "to", "order_id", "status", "http_status", "answer", "expected_ack", "acknowledged"];
}

pub async fn run(app: &App, args: SendArgs) -> Result<u8> {
    let profile = app.profile()?;
    let provider = providers::find(&profile.provider).ok_or_else(|| Error::internal("provider vanished"))?;
    let to = reqwest::Url::parse(&args.to)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| Error::usage(format!("--to {:?} is not an http(s) URL", args.to)))?;
    let key = args.key.as_deref().map(|path| read_key(path, &profile)).transpose()?;
    let callback = build(&args, provider, key.as_ref()).await?;
    let capture = CapturedRequest {
        source: "send".into(),
        method: Some("POST".into()),
        path: Some(path_and_query(&to)),
        headers: callback.headers.clone(),
        body: callback.body.clone(),
    };
    if args.dry_run {
        crate::output::print_bytes(&capture.to_raw())?;
        return Ok(0);
    }
    // The provider's own verifier, with the sandbox keys, names the ack the merchant should give.
    let sandbox_profile = Profile::from_table(
        &format!("sandbox-{}", provider.id()),
        provider.sandbox_profile(&crate::config::sandbox_url()),
    )?;
    let opts = VerifyOptions::new(chrono::Utc::now(), chrono::Duration::minutes(5));
    let gateway = provider.gateway(&sandbox_profile)?;
    // The reply this callback's shape expects, whoever signed it (`--key` signs with the shop's own).
    let expected_ack = gateway.verify_callback(&capture, &opts).ok().and_then(|v| v.ack);

    let http = app.http(Some(&profile))?;
    let mut req = crate::http::PreparedRequest::new("POST", args.to.clone()).body(callback.body.clone());
    for (n, v) in &callback.headers {
        req = req.header(n, v.clone());
    }
    let resp = http.send(&req).await.map_err(|e| match e.kind {
        ErrorKind::Network => e.with_hint("is your webhook endpoint running and reachable at --to?"),
        _ => e,
    })?;
    let judge = sandbox_judge(provider.id(), resp.status, &resp.body);
    let record = SendRecord {
        provider: provider.id().into(),
        to: args.to.clone(),
        order_id: args.order_id.clone(),
        status: args.status.as_str().to_string(),
        http_status: Some(resp.status),
        answer: String::from_utf8_lossy(&resp.body).into_owned(),
        expected_ack: expected_ack.clone(),
        acknowledged: judge == DeliveryOutcome::Accepted,
    };
    let mut sink = app.sink::<SendRecord>(false);
    sink.push(&record)?;
    sink.finish()?;
    if record.acknowledged {
        Ok(0)
    } else {
        let want = expected_ack.map_or_else(|| "a 2xx answer".to_string(), |a| format!("HTTP 2xx with body {a:?}"));
        crate::output::note(format_args!(
            "the endpoint answered HTTP {}, but {} expects {want}: it would retry",
            resp.status,
            provider.id()
        ));
        Ok(ErrorKind::Expectation.exit_code())
    }
}

fn sandbox_judge(provider: &str, status: u16, body: &[u8]) -> DeliveryOutcome {
    providers::find(provider).map_or(DeliveryOutcome::GiveUp, |p| p.sandbox().judge(status, body))
}

fn path_and_query(url: &reqwest::Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

fn read_key(path: &std::path::Path, profile: &Profile) -> Result<CallbackKey> {
    let text = crate::bounded::read_text_file(path, crate::bounded::SECRET_BYTES)
        .map_err(|e| Error::config(format!("--key {}: cannot read it: {e}", path.display())))?;
    let first = text.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return Err(Error::config(format!("--key {}: the first line is empty", path.display())));
    }
    crate::secret::register(first);
    Ok(CallbackKey {
        secret: crate::secret::Secret::new(first),
        merchant_id: profile.str("merchant_id").ok().flatten(),
    })
}

/// A real checkout in an in-process sandbox whose callbacks point at `--to`, settled as asked;
/// the provider's emulation then builds the callback it would send.
async fn build(
    args: &SendArgs,
    provider: &'static dyn providers::Provider,
    key: Option<&CallbackKey>,
) -> Result<OutgoingCallback> {
    let id = provider.id();
    let settings = [(format!("{id}.callback_url"), args.to.clone())].into_iter().collect();
    let sb = sandbox::spawn(providers::emulators(), SandboxOptions { settings, ..Default::default() }).await?;
    let profile = Profile::from_table(&format!("sandbox-{id}"), provider.sandbox_profile(&sb.base_url))?;
    let gateway = provider.gateway(&profile)?;
    let mut input = provider.demo_checkout();
    input.order_id = args.order_id.clone();
    if provider.callback_url_per_checkout() {
        input.callback_url = Some(args.to.clone());
    }
    if let Some(c) = &args.currency {
        input.currency = Some(c.clone());
    }
    if let Some(a) = &args.amount {
        input.amount = a.read(args.currency.as_deref().unwrap_or(provider.currency()))?;
    }
    let http = crate::http::HttpClient::new(std::time::Duration::from_secs(10), false)?;
    let checkout = create_checkout(&http, gateway.as_ref(), &input, false).await.map_err(|e| {
        let message = format!("{id} would not take this order: {}", e.message);
        Error { message, ..e }
    })?;
    let order = checkout
        .provider_ref
        .as_deref()
        .and_then(|r| sb.store.get(id, r))
        .or_else(|| sb.store.find_by_merchant_id(id, &checkout.order_id))
        .ok_or_else(|| Error::internal(format!("the sandbox has no {id} order {}", checkout.order_id)))?;
    let emulation = sb.provider(id).ok_or_else(|| Error::internal("provider vanished"))?;
    let channel = args.channel.clone().or_else(|| emulation.channels().first().map(|c| c.to_string()));
    let action = if args.status == crate::model::Status::Paid { "pay" } else { "fail" };
    let order = sb.finish(id, &order.id, action, channel).ok_or_else(|| Error::internal("order vanished"))?;
    let mut callback = match key {
        Some(k) => emulation.callback_with_key(&sb, &order, k)?,
        None => emulation.callback(&sb, &order).ok_or_else(|| {
            Error::usage(format!("{id} sends no callback for a {} order", args.status.as_str()))
                .with_hint("try --status paid")
        })?,
    };
    callback.url = args.to.clone();
    Ok(callback)
}
