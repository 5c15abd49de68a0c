//! `paycli callback verify`: is a captured callback genuine, and what does it claim?

use super::App;
use crate::capture::{CapturedRequest, parse_header_arg};
use crate::cli::VerifyArgs;
use crate::error::{Error, ErrorKind, Result};
use crate::http::HttpClient;
use crate::journal::{LazyJournal, StatusUpdate};
use crate::model::{CallbackRecord, RequeryCheck, SignatureCheck, Status, StatusRecord};
use crate::output::print_error;
use crate::providers::{Gateway, VerifyOptions};
use std::io::{IsTerminal, Read};

/// Captures larger than this are refused: no real callback is that big.
const MAX_CAPTURE_BYTES: u64 = 4 * 1024 * 1024;

pub async fn run(app: &App, args: VerifyArgs) -> Result<u8> {
    let (profile, gateway) = app.gateway()?;
    let headers = args.headers.iter().map(|h| parse_header_arg(h)).collect::<Result<Vec<_>>>()?;
    let opts = VerifyOptions {
        at: match &args.at {
            Some(t) => super::parse_time_arg("--at", t)?,
            None => chrono::Utc::now(),
        },
        tolerance: to_chrono(super::parse_duration("--tolerance", &args.tolerance)?),
        max_age: args.max_age.as_deref().map(|m| super::parse_duration("--max-age", m).map(to_chrono)).transpose()?,
    };
    if args.files.is_empty() && std::io::stdin().is_terminal() {
        return Err(Error::usage("no capture given, and stdin is a terminal")
            .with_hint("pass a capture file or directory (callback verify captures/), or pipe one in (... | paycli callback verify -)"));
    }
    let files = if args.files.is_empty() { vec!["-".to_string()] } else { expand_dirs(&args.files)? };
    if files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Error::usage("stdin (-) can be read only once"));
    }
    let http = if args.requery { Some(app.http(Some(&profile))?) } else { None };
    let many = files.len() > 1;
    let mut sink = app.sink(many);
    let mut journal = LazyJournal::new(app.journal_path());
    let mut worst = 0u8;
    let (mut verified, mut failed, mut unreadable) = (0usize, 0usize, 0usize);
    for file in &files {
        let outcome = async {
            let capture = CapturedRequest::parse(file, read_capture(file).await?, &headers)?;
            let req = VerifyRequest { gateway: gateway.as_ref(), http: http.as_ref(), opts: &opts, deadline: None };
            verify_capture(&req, &capture).await
        }
        .await;
        match outcome {
            Ok(record) => {
                if record.verified {
                    verified += 1;
                    journal_callback(&mut journal, &profile.name, &record);
                } else {
                    failed += 1;
                    worst = worst.max(ErrorKind::Verification.exit_code());
                }
                sink.push(&record)?;
            }
            Err(e) if many => {
                unreadable += 1;
                print_error(&Error { message: format!("{file}: {}", e.message), ..e.clone() }, app.style);
                worst = worst.max(e.exit_code());
            }
            Err(e) => return Err(e),
        }
    }
    sink.finish()?;
    if many {
        eprintln!("{}", summary(files.len(), verified, failed, unreadable));
    }
    Ok(worst)
}

/// "3 callbacks: 2 verified, 1 failed" (and how many could not be read, if any).
fn summary(total: usize, verified: usize, failed: usize, unreadable: usize) -> String {
    let mut s = format!("{total} callbacks: {verified} verified, {failed} failed");
    if unreadable > 0 {
        s.push_str(&format!(", {unreadable} unreadable"));
    }
    s
}

/// A directory argument stands for the files in it, in name order (what `listen --save-dir`
/// wrote reads back in arrival order). Hidden files are skipped.
fn expand_dirs(args: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for arg in args {
        let path = std::path::Path::new(arg);
        if arg == "-" || !path.is_dir() {
            out.push(arg.clone());
            continue;
        }
        let entries = std::fs::read_dir(path).map_err(|e| Error::usage(format!("cannot read directory {arg}: {e}")))?;
        let mut files: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path().display().to_string())
            .collect();
        if files.is_empty() {
            return Err(Error::usage(format!("directory {arg} has no files to verify")));
        }
        files.sort();
        out.extend(files);
    }
    Ok(out)
}

/// A verified callback is the provider's word on the order: remember it.
fn journal_callback(journal: &mut LazyJournal, profile: &str, record: &CallbackRecord) {
    if let Some(update) = journal_update(profile, record) {
        journal.record_status(&update);
    }
}

/// What the journal records of a callback: only a verified one that names its order.
/// Shared by `callback verify` and `callback listen`.
pub(super) fn journal_update(profile: &str, record: &CallbackRecord) -> Option<StatusUpdate> {
    let c = &record.claims;
    let (true, Some(order_id)) = (record.verified, c.order_id.clone()) else { return None };
    Some(StatusUpdate {
        profile: profile.to_string(),
        provider: record.provider.clone(),
        order_id,
        provider_ref: c.provider_ref.clone(),
        status: c.status.unwrap_or(crate::model::Status::Unknown),
        provider_status: c.provider_status.clone(),
        amount: c.amount.map(|a| a.to_string()),
        currency: c.currency.clone(),
        source: "callback",
        at: chrono::Utc::now(),
    })
}

fn to_chrono(d: std::time::Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

/// Read on a blocking thread: stdin may wait for a person, and Ctrl-C must still end paycli.
async fn read_capture(file: &str) -> Result<Vec<u8>> {
    let owned = file.to_string();
    tokio::task::spawn_blocking(move || read_capture_now(&owned))
        .await
        .map_err(|e| Error::internal(format!("reading {file} failed: {e}")))?
}

fn read_capture_now(file: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let read = if file == "-" {
        std::io::stdin().take(MAX_CAPTURE_BYTES + 1).read_to_end(&mut buf)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(MAX_CAPTURE_BYTES + 1).read_to_end(&mut buf))
    };
    read.map_err(|e| Error::usage(format!("cannot read {file}: {e}")))?;
    if buf.len() as u64 > MAX_CAPTURE_BYTES {
        return Err(Error::usage(format!("{file} is larger than 4 MiB; that is not a callback")));
    }
    Ok(buf)
}

/// What verifying needs besides the capture; `http` is set when the provider must be asked.
pub struct VerifyRequest<'a> {
    pub gateway: &'a dyn Gateway,
    pub http: Option<&'a HttpClient>,
    pub opts: &'a VerifyOptions,
    /// When a requery must have its answer (a receiver's answer budget); `None`: the HTTP timeouts.
    pub deadline: Option<tokio::time::Instant>,
}

/// Checks one capture: the provider's signature verdict, then (with `http`) the status API.
/// Shared by `callback verify`, `callback listen` and `demo`.
///
/// A callback whose signature is proven false (`mismatch`, `missing`) is never re-queried: that
/// would make paycli send a request signed with the merchant's key for anyone who posts to it.
/// `unverifiable` and `stale` callbacks are verified only when the provider's status API agrees.
pub async fn verify_capture(req: &VerifyRequest<'_>, capture: &CapturedRequest) -> Result<CallbackRecord> {
    let verdict = req.gateway.verify_callback(capture, req.opts)?;
    let claims = &verdict.claims;
    let mut reason = verdict.reason.clone();
    let proven_false = matches!(verdict.signature, SignatureCheck::Mismatch | SignatureCheck::Missing);
    let requery = match req.http {
        None => RequeryCheck::Skipped,
        Some(_) if proven_false => {
            reason = Some(join(reason, "not re-queried: the signature is proven false".into()));
            RequeryCheck::Skipped
        }
        Some(http) => match req.gateway.requery_for(claims) {
            None => {
                reason = Some(join(reason, "requery: the callback names no order to query".into()));
                RequeryCheck::Error
            }
            Some(query) => match requery(http, req.gateway, &query, req.deadline).await {
                Ok(status) => match disagreement(claims, &status) {
                    None => RequeryCheck::Ok,
                    Some(why) => {
                        reason = Some(join(reason, format!("requery: {why}")));
                        RequeryCheck::Mismatch
                    }
                },
                Err(e) => {
                    reason = Some(join(reason, format!("requery failed: {}", e.message)));
                    RequeryCheck::Error
                }
            },
        },
    };
    let verified = match verdict.signature {
        SignatureCheck::Ok | SignatureCheck::LegacyOk => matches!(requery, RequeryCheck::Ok | RequeryCheck::Skipped),
        SignatureCheck::Unverifiable | SignatureCheck::Stale => requery == RequeryCheck::Ok,
        SignatureCheck::Mismatch | SignatureCheck::Missing => false,
    };
    if matches!(verdict.signature, SignatureCheck::Unverifiable | SignatureCheck::Stale)
        && requery == RequeryCheck::Skipped
    {
        let what =
            if verdict.signature == SignatureCheck::Stale { "the signature is stale" } else { "no signature to check" };
        reason = Some(join(reason, format!("{what}: use --requery to confirm with the provider")));
    }
    Ok(CallbackRecord {
        provider: req.gateway.provider().into(),
        source: capture.source.clone(),
        verified,
        signature: verdict.signature,
        requery,
        reason,
        claims: verdict.claims,
        // Shown only when it is the answer to give: an ack beside a forgery reads as "reply this".
        ack: verdict.ack.filter(|_| verified),
    })
}

/// One status check, cut off at the deadline when there is one.
async fn requery(
    http: &HttpClient,
    gateway: &dyn Gateway,
    query: &crate::providers::StatusQuery,
    deadline: Option<tokio::time::Instant>,
) -> Result<StatusRecord> {
    let check = super::check_status(http, gateway, query);
    let Some(deadline) = deadline else { return check.await };
    match tokio::time::timeout_at(deadline, check).await {
        Ok(answer) => answer,
        Err(_) => Err(Error::network("the provider did not answer within the answer budget")),
    }
}

fn join(a: Option<String>, b: String) -> String {
    match a {
        Some(a) => format!("{a}; {b}"),
        None => b,
    }
}

/// Where the provider's status answer contradicts the callback (status, amount, currency).
fn disagreement(claims: &crate::model::CallbackClaims, status: &StatusRecord) -> Option<String> {
    let claimed = claims.status.unwrap_or(Status::Unknown);
    if claimed != status.status {
        return Some(format!(
            "the callback says {} but the provider says {}",
            claimed.as_str(),
            status.status.as_str()
        ));
    }
    if let (Some(a), Some(b)) = (claims.amount, status.amount)
        && a.normalize() != b.normalize()
    {
        return Some(format!("the callback says amount {a} but the provider says {b}"));
    }
    if let (Some(a), Some(b)) = (&claims.currency, &status.currency)
        && !a.eq_ignore_ascii_case(b)
    {
        return Some(format!("the callback says currency {a} but the provider says {b}"));
    }
    None
}
