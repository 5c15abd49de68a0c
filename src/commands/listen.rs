//! `paycli callback listen`: a webhook receiver on 127.0.0.1 for the profile's provider.
//!
//! Every request, whatever its path, is captured exactly (method, path and query, headers, body
//! bytes), verified with `callback verify`'s code, printed as one record, saved as a raw HTTP
//! file that `callback verify` reads unchanged, and then either answered with the provider's
//! expected acknowledgement or forwarded byte for byte to the merchant's own endpoint.

use super::{App, VerifyRequest, verify_capture};
use crate::capture::CapturedRequest;
use crate::cli::ListenArgs;
use crate::error::{Error, Result};
use crate::http::HttpClient;
use crate::model::CallbackRecord;
use crate::output::{OutputFormat, RecordSink, Style};
use crate::providers::{Gateway, VerifyOptions};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Larger bodies are answered 413 and not captured: no real callback is that big.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Headers that describe one hop, not the callback: never forwarded.
const HOP_BY_HOP: &[&str] = &[
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "expect",
];

struct Listener {
    gateway: Box<dyn Gateway>,
    http: Option<HttpClient>,
    tolerance: chrono::Duration,
    forward_to: Option<reqwest::Url>,
    forward: reqwest::Client,
    save_dir: Option<PathBuf>,
    /// Verified callbacks are recorded in the journal, as `callback verify` does.
    journal: crate::journal::JournalWriter,
    profile: String,
    seq: AtomicU64,
    sink: tokio::sync::Mutex<RecordSink<std::io::Stdout>>,
    table: bool,
}

/// One line of `listen` output: the callback record plus what happened to the request.
#[derive(Serialize)]
struct ListenRecord {
    #[serde(flatten)]
    callback: CallbackRecord,
    received_at: String,
    method: String,
    path: String,
    saved: Option<String>,
    forwarded_to: Option<String>,
    reply_status: u16,
}

pub async fn run(app: &App, args: ListenArgs) -> Result<u8> {
    let (profile, gateway) = app.gateway()?;
    let forward_to = args.forward_to.as_deref().map(parse_forward_url).transpose()?;
    if let Some(dir) = &args.save_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::usage(format!("--save-dir {}: cannot create it: {e}", dir.display())))?;
    }
    let tolerance = chrono::Duration::from_std(super::parse_duration("--tolerance", &args.tolerance)?)
        .unwrap_or(chrono::Duration::MAX);
    let http = if args.requery { Some(app.http(Some(&profile))?) } else { None };
    let _ = rustls::crypto::ring::default_provider().install_default();
    let forward = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs_f64(app.global.timeout.unwrap_or(super::DEFAULT_TIMEOUT_SECS)))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::internal(format!("cannot set up the HTTP client: {e}")))?;
    // A receiver runs for hours: JSON becomes one object a line, written as each callback lands.
    let format = match app.style.format {
        OutputFormat::Json => OutputFormat::Ndjson,
        f => f,
    };
    let table = matches!(format, OutputFormat::Table | OutputFormat::Auto);
    let sink = RecordSink::new(Style { format, ..app.style }, std::io::stdout(), true);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await.map_err(|e| {
        Error::usage(format!("cannot listen on 127.0.0.1:{}: {e}", args.port))
            .with_hint("is another listener running? pick another --port (0 picks a free one)")
    })?;
    let addr = listener.local_addr()?;
    eprintln!("paycli callback listen on http://{addr} for {} (profile {})", gateway.provider(), gateway.profile());
    match &forward_to {
        Some(url) => eprintln!("forwarding to {url}; answering with its reply"),
        None => eprintln!("answering the provider's ack to callbacks that verify, 400 to the rest"),
    }
    if let Some(dir) = &args.save_dir {
        eprintln!("saving every request under {}", dir.display());
    }
    eprintln!("Ctrl-C to stop");
    let state = Arc::new(Listener {
        gateway,
        http,
        tolerance,
        forward_to,
        forward,
        save_dir: args.save_dir.clone(),
        journal: app.journal_writer(),
        profile: profile.name.clone(),
        seq: AtomicU64::new(0),
        sink: tokio::sync::Mutex::new(sink),
        table,
    });
    let router = axum::Router::new().fallback(receive).with_state(state);
    // Runs until Ctrl-C, which ends the process with 130 like any interrupted command.
    axum::serve(listener, router).await.map_err(|e| Error::internal(format!("listener failed: {e}")))?;
    Ok(0)
}

fn parse_forward_url(text: &str) -> Result<reqwest::Url> {
    let url =
        reqwest::Url::parse(text).map_err(|e| Error::usage(format!("--forward-to {text:?} is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::usage(format!("--forward-to {text:?} must be an http(s) URL")));
    }
    Ok(url)
}

/// Where a request goes: a URL with a path is used as given; a bare origin gets the incoming
/// path and query, so path-signing providers (zenospay) still verify at the far end.
pub fn forward_target(base: &reqwest::Url, path_and_query: &str) -> String {
    if base.path() == "/" && base.query().is_none() {
        format!("{}{}", base.as_str().trim_end_matches('/'), path_and_query)
    } else {
        base.to_string()
    }
}

async fn receive(State(l): State<Arc<Listener>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // A declared size over the cap is refused before a byte of it is read.
    let declared = parts.headers.get("content-length").and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
    let body = match declared {
        Some(n) if n > MAX_BODY_BYTES as u64 => Err(()),
        _ => axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| ()),
    };
    let body = match body {
        Ok(b) => b,
        Err(_) => {
            eprintln!("rejected {} {}: the body is larger than 1 MiB (or broke off)", parts.method, parts.uri);
            return (StatusCode::PAYLOAD_TOO_LARGE, "body larger than 1 MiB\n").into_response();
        }
    };
    let path = parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_string(), |p| p.to_string());
    let capture = capture_of(&parts.method, &path, &parts.headers, &body);
    let received = chrono::Utc::now();
    let n = l.seq.fetch_add(1, Ordering::SeqCst) + 1;
    let opts = VerifyOptions { at: received, tolerance: l.tolerance, max_age: None };
    let record =
        verify_capture(&VerifyRequest { gateway: l.gateway.as_ref(), http: l.http.as_ref(), opts: &opts }, &capture)
            .await;
    // The provider stops retrying once answered: the callback is committed before that (group
    // commits batch callbacks arriving together; a journal problem is a warning, as elsewhere).
    if let Ok(record) = &record {
        super::callback::journal_callback(&l.journal, &l.profile, record).await;
    }
    let saved = match &l.save_dir {
        None => None,
        Some(dir) => {
            let order = record.as_ref().ok().and_then(|r| r.claims.order_id.clone());
            match save(dir, &capture, received, n, order.as_deref()) {
                Ok(p) => Some(p.display().to_string()),
                Err(e) => {
                    eprintln!("could not save request {n}: {e}");
                    None
                }
            }
        }
    };
    let (reply, forwarded_to) = match &l.forward_to {
        Some(base) => {
            let target = forward_target(base, &path);
            (forward(&l.forward, &target, &capture, &parts.headers).await, Some(target))
        }
        None => (own_answer(&record), None),
    };
    match record {
        Ok(callback) => {
            let line = ListenRecord {
                callback,
                received_at: crate::model::format_time(&received),
                method: parts.method.to_string(),
                path,
                saved,
                forwarded_to,
                reply_status: reply.status().as_u16(),
            };
            let mut sink = l.sink.lock().await;
            let printed = if l.table { print_line(&line) } else { sink.push(&line) };
            if let Err(e) = printed {
                eprintln!("{}", e.message);
            }
        }
        Err(e) => eprintln!("{} {path}: cannot verify: {}", parts.method, e.message),
    }
    reply
}

/// The request as captured: headers in arrival order, body bytes exactly as received. A chunked
/// request's body arrives decoded, so the saved file must not claim to be chunked.
fn capture_of(method: &axum::http::Method, path: &str, headers: &HeaderMap, body: &Bytes) -> CapturedRequest {
    let mut list: Vec<(String, String)> = headers
        .iter()
        .filter(|(n, _)| *n != "transfer-encoding" && *n != "content-length")
        .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    list.push(("content-length".into(), body.len().to_string()));
    CapturedRequest {
        source: "listen".into(),
        method: Some(method.to_string()),
        path: Some(path.to_string()),
        headers: list,
        body: body.to_vec(),
    }
}

/// The provider's expected ack when the callback verifies, 400 with the reason otherwise.
fn own_answer(record: &Result<CallbackRecord>) -> Response {
    match record {
        Ok(r) if r.verified => (StatusCode::OK, r.ack.clone().unwrap_or_default()).into_response(),
        Ok(r) => {
            let why = r.reason.clone().unwrap_or_else(|| "the callback did not verify".into());
            (StatusCode::BAD_REQUEST, format!("paycli: not verified: {why}\n")).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("paycli: cannot verify: {}\n", e.message)).into_response(),
    }
}

async fn forward(client: &reqwest::Client, target: &str, capture: &CapturedRequest, headers: &HeaderMap) -> Response {
    let method = reqwest::Method::from_bytes(capture.method.as_deref().unwrap_or("POST").as_bytes())
        .unwrap_or(reqwest::Method::POST);
    let mut req = client.request(method, target).body(capture.body.clone());
    for (name, value) in headers {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            req = req.header(name, value);
        }
    }
    let resp = match req.send().await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("forwarding to {target} failed: {e}");
            return (StatusCode::BAD_GATEWAY, format!("paycli: forwarding to {target} failed\n")).into_response();
        }
    };
    let status = resp.status();
    let content_type = resp.headers().get("content-type").cloned();
    let body = match resp.bytes().await {
        Ok(b) => b,
        Err(e) => {
            eprintln!("reading the answer of {target} failed: {e}");
            return (StatusCode::BAD_GATEWAY, "paycli: the forward target's answer broke off\n").into_response();
        }
    };
    let mut out = Response::new(Body::from(body));
    *out.status_mut() = status;
    if let Some(ct) = content_type {
        out.headers_mut().insert("content-type", ct);
    }
    out
}

/// `20240730T083110.123Z-0001-ORDER.http`, created exclusively: an existing file is never replaced.
fn save(
    dir: &Path,
    capture: &CapturedRequest,
    at: chrono::DateTime<chrono::Utc>,
    n: u64,
    order: Option<&str>,
) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let order: String = order
        .unwrap_or("unknown")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .take(64)
        .collect();
    let stem = format!("{}-{n:04}-{order}", at.format("%Y%m%dT%H%M%S%.3fZ"));
    for attempt in 0..100 {
        let name = if attempt == 0 { format!("{stem}.http") } else { format!("{stem}-{attempt}.http") };
        let path = dir.join(name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                f.write_all(&capture.to_raw())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many files with the same name"))
}

/// The human form: one line per callback.
fn print_line(r: &ListenRecord) -> Result<()> {
    use std::io::Write;
    let c = &r.callback;
    let verdict = if c.verified { "verified".to_string() } else { format!("NOT VERIFIED ({:?})", c.signature) };
    let amount = match (&c.claims.amount, &c.claims.currency) {
        (Some(a), Some(cur)) => format!("{a} {cur}"),
        (Some(a), None) => a.to_string(),
        _ => "-".into(),
    };
    let mut line = format!(
        "{} {} {} {} order {} {} {} -> {}",
        r.received_at,
        r.method,
        r.path,
        verdict,
        c.claims.order_id.as_deref().unwrap_or("-"),
        c.claims.status.unwrap_or(crate::model::Status::Unknown).as_str(),
        amount,
        r.reply_status
    );
    if let Some(reason) = c.reason.as_deref().filter(|_| !c.verified) {
        line.push_str(&format!("  ({reason})"));
    }
    if let Some(s) = &r.saved {
        line.push_str(&format!("  saved {s}"));
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").and_then(|_| out.flush()).map_err(|e| Error::internal(format!("cannot write output: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_origins_get_the_incoming_path() {
        let bare = reqwest::Url::parse("http://127.0.0.1:3000").unwrap();
        assert_eq!(forward_target(&bare, "/hooks/zenospay?x=1"), "http://127.0.0.1:3000/hooks/zenospay?x=1");
        let with_path = reqwest::Url::parse("http://127.0.0.1:3000/webhook").unwrap();
        assert_eq!(forward_target(&with_path, "/hooks/cashy"), "http://127.0.0.1:3000/webhook");
        assert!(parse_forward_url("ftp://x").is_err());
        assert!(parse_forward_url("not a url").is_err());
    }

    #[test]
    fn saved_files_read_back_unchanged_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("sign", "ABC".parse().unwrap());
        headers.insert("transfer-encoding", "chunked".parse().unwrap());
        let body = Bytes::from_static(b"{\"amount\":20000.0}\n");
        let capture = capture_of(&axum::http::Method::POST, "/hooks/x?y=1", &headers, &body);
        let at = chrono::Utc::now();
        let a = save(dir.path(), &capture, at, 1, Some("A/../B")).unwrap();
        let b = save(dir.path(), &capture, at, 1, Some("A/../B")).unwrap();
        assert_ne!(a, b);
        assert!(a.file_name().unwrap().to_str().unwrap().ends_with("-0001-A____B.http"));
        let back = CapturedRequest::parse("f", std::fs::read(&a).unwrap(), &[]).unwrap();
        assert_eq!(back.body, body.to_vec());
        assert_eq!(back.header("sign"), Some("ABC"));
        assert_eq!(back.path.as_deref(), Some("/hooks/x?y=1"));
        assert_eq!(back.header("content-length"), Some("19"));
    }
}
