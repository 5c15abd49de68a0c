//! `paycli callback listen`: a webhook receiver on 127.0.0.1 for the profile's provider.
//!
//! Every POST, whatever its path, is captured exactly (method, path and query, headers, body
//! bytes), verified with `callback verify`'s code, printed as one record, saved as a raw HTTP
//! file that `callback verify` reads unchanged, and answered. The answer decides whether the
//! provider retries, so it follows one rule (docs/webhooks.md): verified → the provider's ack
//! (or the merchant endpoint's reply, with `--forward-to`); proven false → 403; anything that
//! cannot be decided now → 503, so the provider tries again. Every answer is ready within the
//! provider's budget; journal writes run off the async workers so a busy journal cannot stall it.

mod forward;

use super::App;
use crate::capture::CapturedRequest;
use crate::cli::ListenArgs;
use crate::error::{Error, Result};
use crate::http::HttpClient;
use crate::journal::JournalWriter;
use crate::model::{CallbackRecord, SignatureCheck};
use crate::ops::{JournalLookup, VerifyRequest, verify_capture};
use crate::output::{OutputFormat, RecordSink, Style};
use crate::providers::{CallbackAnswer, Gateway, VerifyOptions};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use forward::{forward, forward_target, parse_forward_url};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::time::Instant;

/// Larger bodies are answered 413 and not captured: no real callback is that big.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

struct Listener {
    gateway: Box<dyn Gateway>,
    http: Option<HttpClient>,
    tolerance: chrono::Duration,
    forward_to: Option<reqwest::Url>,
    forward_unverified: bool,
    forward: reqwest::Client,
    save_dir: Option<PathBuf>,
    answer: CallbackAnswer,
    /// Verified callbacks are recorded in the journal, as `callback verify` does, by the writer's
    /// own thread (group commits), so database calls never block the async workers.
    journal: JournalWriter,
    /// Whether there is a journal to record in (not with `--no-journal`).
    journaling: bool,
    /// The requery's way to the provider's reference for an order (Payfect).
    lookup: JournalLookup,
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
    let tolerance = args.tolerance;
    let http = if args.requery { Some(app.http(Some(&profile))?) } else { None };
    let provider = crate::providers::find(gateway.provider()).ok_or_else(|| Error::internal("provider vanished"))?;
    let mut answer = provider.callback_answer();
    if let Some(budget) = args.budget {
        answer.budget = budget;
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let forward = reqwest::Client::builder()
        .timeout(answer.budget)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::internal(format!("cannot set up the HTTP client: {e}")))?;
    // A receiver runs for hours: JSON becomes one object a line, written as each callback lands.
    let format = match app.style.format {
        OutputFormat::Json => OutputFormat::Ndjson,
        f => f,
    };
    let table = matches!(format, OutputFormat::Table | OutputFormat::Auto);
    let sink = RecordSink::dynamic(Style { format, ..app.style }, std::io::stdout(), true);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await.map_err(|e| {
        Error::usage(format!("cannot listen on 127.0.0.1:{}: {e}", args.port))
            .with_hint("is another listener running? pick another --port (0 picks a free one)")
    })?;
    let addr = listener.local_addr()?;
    crate::output::note(format_args!(
        "paycli callback listen on http://{addr} for {} (profile {})",
        gateway.provider(),
        gateway.profile()
    ));
    let budget = format!("{} ms", answer.budget.as_millis());
    match (&forward_to, args.forward_unverified) {
        (Some(url), false) => crate::output::note(format_args!(
            "forwarding verified callbacks to {url} and answering with its reply; 403 to forged ones, \
             503 to those that cannot be decided now; every answer within {budget}"
        )),
        (Some(url), true) => crate::output::note(format_args!(
            "forwarding every callback to {url}, verified or not (--forward-unverified), and answering with its \
             reply within {budget}"
        )),
        (None, _) => crate::output::note(format_args!(
            "answering the provider's ack to verified callbacks, 403 to forged ones, 503 to those that cannot be \
             decided now; every answer within {budget}"
        )),
    }
    if let Some(dir) = &args.save_dir {
        crate::output::note(format_args!("saving every request under {}", dir.display()));
    }
    crate::output::note(format_args!("Ctrl-C to stop"));
    let state = Arc::new(Listener {
        gateway,
        http,
        tolerance,
        forward_to,
        forward_unverified: args.forward_unverified,
        forward,
        save_dir: args.save_dir.clone(),
        answer,
        journal: app.journal_writer(),
        journaling: !app.global.no_journal,
        lookup: JournalLookup::new(app.journal_location().ok().flatten(), &profile.name),
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

async fn receive(State(l): State<Arc<Listener>>, request: Request) -> Response {
    let deadline = Instant::now() + l.answer.budget;
    let (parts, body) = request.into_parts();
    if parts.method != axum::http::Method::POST {
        crate::output::note(format_args!(
            "refused {} {}: only POST is a callback (not saved)",
            parts.method, parts.uri
        ));
        return (StatusCode::METHOD_NOT_ALLOWED, [("allow", "POST")], "paycli: only POST is a callback\n")
            .into_response();
    }
    // A declared size over the cap is refused before a byte of it is read.
    let declared = parts.headers.get("content-length").and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
    let too_large = || (StatusCode::PAYLOAD_TOO_LARGE, "body larger than 1 MiB\n").into_response();
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        crate::output::note(format_args!("rejected {} {}: the body is larger than 1 MiB", parts.method, parts.uri));
        return too_large();
    }
    let body = match tokio::time::timeout_at(deadline, axum::body::to_bytes(body, MAX_BODY_BYTES)).await {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => {
            crate::output::note(format_args!(
                "rejected {} {}: the body is larger than 1 MiB (or broke off)",
                parts.method, parts.uri
            ));
            return too_large();
        }
        // A body still arriving when the budget is spent cannot be judged now: 503, so a provider
        // that never retries a 4xx (Zenospay) sends it again.
        Err(_) => {
            crate::output::note(format_args!(
                "rejected {} {}: the body did not arrive within the answer budget",
                parts.method, parts.uri
            ));
            return (StatusCode::SERVICE_UNAVAILABLE, "paycli: the body did not arrive in time\n").into_response();
        }
    };
    let path = parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_string(), |p| p.to_string());
    let capture = capture_of(&parts.method, &path, &parts.headers, &body);
    let received = chrono::Utc::now();
    let n = l.seq.fetch_add(1, Ordering::SeqCst) + 1;
    let opts = VerifyOptions::new(received, l.tolerance);
    let req = VerifyRequest {
        gateway: l.gateway.as_ref(),
        http: l.http.as_ref(),
        opts: &opts,
        deadline: Some(deadline),
        journal: Some(&l.lookup),
    };
    let record = verify_capture(&req, &capture).await;
    let mut decision = decide(&record);
    if let (Decision::Verified, Ok(r)) = (&decision, &record)
        && let Err(why) = remember(&l, r, deadline).await
    {
        decision = Decision::Later(why);
    }
    let saved = match &l.save_dir {
        None => None,
        Some(dir) => {
            let order = record.as_ref().ok().and_then(|r| r.claims.order_id.clone());
            match save(dir, &capture, received, n, order.as_deref()) {
                Ok(p) => Some(p.display().to_string()),
                Err(e) => {
                    crate::output::warn(format_args!("could not save request {n}: {e}"));
                    None
                }
            }
        }
    };
    let forward_this = matches!(decision, Decision::Verified) || l.forward_unverified;
    let (reply, forwarded_to) = match (&l.forward_to, forward_this) {
        (Some(base), true) => {
            let target = forward_target(base, &path);
            (forward(&l.forward, &target, &capture, &parts.headers, deadline).await, Some(target))
        }
        _ => (own_answer(&decision, &record, l.answer.ack_content_type), None),
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
                crate::output::error(&e);
            }
        }
        Err(e) => crate::output::error(&Error {
            message: format!("{} {path}: cannot verify: {} -> {}", parts.method, e.message, reply.status().as_u16()),
            ..e
        }),
    }
    reply
}

/// What the provider must be told, which decides whether it retries.
enum Decision {
    /// Genuine: the ack (or the merchant endpoint's reply).
    Verified,
    /// Proven false (signature mismatch, or missing where the key is there to check it): 403.
    Forged(String),
    /// Not decidable now (no key and no agreeing requery, stale, provider or journal unavailable): 503.
    Later(String),
}

fn decide(record: &Result<CallbackRecord>) -> Decision {
    match record {
        Ok(r) if r.verified => Decision::Verified,
        Ok(r) => {
            let why = r.reason.clone().unwrap_or_else(|| "the callback did not verify".into());
            match r.signature {
                SignatureCheck::Mismatch | SignatureCheck::Missing => Decision::Forged(why),
                _ => Decision::Later(why),
            }
        }
        Err(e) => Decision::Later(format!("cannot verify: {}", e.message)),
    }
}

/// Journals a verified callback through the writer thread, within the budget: a callback that
/// cannot be remembered now (another process holds the journal's write lock) is answered 503.
async fn remember(l: &Listener, record: &CallbackRecord, deadline: Instant) -> std::result::Result<(), String> {
    let Some(update) = crate::ops::record::callback_update(&l.profile, record).filter(|_| l.journaling) else {
        return Ok(());
    };
    // A write that misses the deadline may still commit later; the provider's retry of the same
    // event is then recognised by its event key and not counted twice.
    let why = match tokio::time::timeout_at(deadline, l.journal.record_committed(update)).await {
        Ok(true) => return Ok(()),
        Ok(false) => "the order journal could not record it (see the warning above)".to_string(),
        Err(_) => "the order journal is busy (another process holds its write lock)".to_string(),
    };
    crate::output::warn(format_args!("{why}; answering 503 so the provider sends it again"));
    Err(why)
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

/// The provider's ack with its content type when verified; 403 when forged; 503 otherwise.
fn own_answer(decision: &Decision, record: &Result<CallbackRecord>, content_type: &'static str) -> Response {
    match decision {
        Decision::Verified => {
            let ack = record.as_ref().ok().and_then(|r| r.ack.clone()).unwrap_or_default();
            (StatusCode::OK, [("content-type", content_type)], ack).into_response()
        }
        Decision::Forged(why) => (StatusCode::FORBIDDEN, format!("paycli: not verified: {why}\n")).into_response(),
        Decision::Later(why) => {
            (StatusCode::SERVICE_UNAVAILABLE, format!("paycli: cannot decide now: {why}\n")).into_response()
        }
    }
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
    let c = &r.callback;
    let verdict = if c.verified { "verified".to_string() } else { format!("NOT VERIFIED ({})", c.signature.as_str()) };
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
        c.claims.status.as_str(),
        amount,
        r.reply_status
    );
    if let Some(reason) = c.reason.as_deref().filter(|_| !c.verified) {
        line.push_str(&format!("  ({reason})"));
    }
    if let Some(s) = &r.saved {
        line.push_str(&format!("  saved {s}"));
    }
    crate::output::print(&format!("{line}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
