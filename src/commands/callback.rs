//! `paycli callback verify`: is a captured callback genuine, and what does it claim?

use super::App;
use crate::capture::{CapturedRequest, parse_header_arg};
use crate::cli::VerifyArgs;
use crate::error::{Error, ErrorKind, Result};
use crate::http::HttpClient;
use crate::journal::{JournalWriter, StatusUpdate};
use crate::model::{CallbackRecord, RequeryCheck, SignatureCheck, Status, StatusRecord};
use crate::output::print_error;
use crate::providers::{Gateway, VerifyOptions};
use std::io::Read;

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
    let files = if args.files.is_empty() { vec!["-".to_string()] } else { expand_dirs(&args.files)? };
    if files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Error::usage("stdin (-) can be read only once"));
    }
    let http = if args.requery { Some(app.http(Some(&profile))?) } else { None };
    let many = files.len() > 1;
    let mut sink = app.sink(many);
    // Opened on the first verified callback; committed in groups, as batch status does.
    let journal = app.journal_writer();
    let mut worst = 0u8;
    let (mut verified, mut failed, mut unreadable) = (0usize, 0usize, 0usize);
    for file in &files {
        let outcome = async {
            let capture = CapturedRequest::parse(file, read_capture(file)?, &headers)?;
            verify_capture(&VerifyRequest { gateway: gateway.as_ref(), http: http.as_ref(), opts: &opts }, &capture)
                .await
        }
        .await;
        match outcome {
            Ok(record) => {
                if record.verified {
                    verified += 1;
                    if let Some(update) = callback_update(&profile.name, &record) {
                        journal.record(update).await;
                    }
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
    journal.finish();
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

/// A verified callback is the provider's word on the order: what to remember of it (`None` for a
/// callback that did not verify or names no order). Shared by `callback verify` and `listen`.
///
/// The event key is what the provider said, not how the request looked: a provider's retry of
/// the same event (new timestamp, new signature) has the same key, so listeners on several hosts
/// record it once.
pub(super) fn callback_update(profile: &str, record: &CallbackRecord) -> Option<StatusUpdate> {
    let c = &record.claims;
    let (true, Some(order_id)) = (record.verified, c.order_id.clone()) else { return None };
    let status = c.status.unwrap_or(crate::model::Status::Unknown);
    let amount = c.amount.map(|a| a.normalize().to_string());
    let event = {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [
            record.provider.as_str(),
            &order_id,
            c.provider_ref.as_deref().unwrap_or(""),
            status.as_str(),
            c.provider_status.as_deref().unwrap_or(""),
            amount.as_deref().unwrap_or(""),
            c.currency.as_deref().unwrap_or(""),
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        hex::encode(h.finalize())
    };
    Some(StatusUpdate {
        profile: profile.to_string(),
        provider: record.provider.clone(),
        order_id,
        provider_ref: c.provider_ref.clone(),
        status,
        provider_status: c.provider_status.clone(),
        amount: c.amount.map(|a| a.to_string()),
        currency: c.currency.clone(),
        source: "callback",
        at: chrono::Utc::now(),
        event: Some(event),
    })
}

/// Records a verified callback and waits for the commit (`listen` answers the provider after it).
pub(super) async fn journal_callback(journal: &JournalWriter, profile: &str, record: &CallbackRecord) -> bool {
    match callback_update(profile, record) {
        Some(update) => journal.record_committed(update).await,
        None => true,
    }
}

fn to_chrono(d: std::time::Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

fn read_capture(file: &str) -> Result<Vec<u8>> {
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
}

/// Checks one capture: the provider's signature verdict, then (with `http`) the status API.
/// Shared by `callback verify` and `demo`.
pub async fn verify_capture(req: &VerifyRequest<'_>, capture: &CapturedRequest) -> Result<CallbackRecord> {
    let verdict = req.gateway.verify_callback(capture, req.opts)?;
    let claims = &verdict.claims;
    let mut reason = verdict.reason.clone();
    let requery = match req.http {
        None => RequeryCheck::Skipped,
        Some(http) => match req.gateway.requery_for(claims) {
            None => {
                reason.get_or_insert_with(|| "requery: the callback names no order to query".into());
                RequeryCheck::Error
            }
            Some(query) => match super::check_status(http, req.gateway, &query).await {
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
        SignatureCheck::Unverifiable => requery == RequeryCheck::Ok,
        SignatureCheck::Mismatch | SignatureCheck::Missing => false,
    };
    if verdict.signature == SignatureCheck::Unverifiable && requery == RequeryCheck::Skipped {
        reason = Some(join(reason, "no signature to check: use --requery to confirm with the provider".into()));
    }
    Ok(CallbackRecord {
        provider: req.gateway.provider().into(),
        source: capture.source.clone(),
        verified,
        signature: verdict.signature,
        requery,
        reason,
        claims: verdict.claims,
        ack: verdict.ack,
    })
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
