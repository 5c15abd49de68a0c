//! `paycli callback verify`: is a captured callback genuine, and what does it claim?

use super::App;
use crate::capture::CapturedRequest;
use crate::cli::VerifyArgs;
use crate::error::{Error, ErrorKind, Result};
use crate::model::CallbackRecord;
use crate::ops::record::record_callback;
use crate::ops::{JournalLookup, VerifyRequest, verify_capture};
use crate::output;
use crate::providers::{VerifyExtra, VerifyOptions, payfect};
use std::io::IsTerminal;

/// Captures larger than this are refused: no real callback is that big.
const MAX_CAPTURE_BYTES: u64 = 4 * 1024 * 1024;

pub async fn run(app: &App, args: VerifyArgs) -> Result<u8> {
    let (profile, gateway) = app.gateway()?;
    let headers = args.headers.clone();
    let at = args.at.unwrap_or_else(chrono::Utc::now);
    let mut opts = VerifyOptions::new(at, args.tolerance);
    if let Some(max_age) = args.max_age {
        opts.extra = VerifyExtra::Payfect(payfect::TokenOptions { max_age });
    }
    if args.files.is_empty() && std::io::stdin().is_terminal() {
        return Err(Error::usage("no capture given, and stdin is a terminal").with_hint(
            "pass a capture file or directory (callback verify captures/), or pipe one in (... | paycli callback verify -)",
        ));
    }
    let args_files = if args.files.is_empty() { vec!["-".to_string()] } else { args.files.clone() };
    // The JSON shape follows the form of the input, never the count (README, "Output"): one file
    // is an object; several arguments or a directory are an array, even of one file or none.
    let many = args_files.len() > 1 || args_files.iter().any(|f| is_dir_arg(f));
    let files = expand_dirs(&args_files)?;
    if files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Error::usage("stdin (-) can be read only once"));
    }
    let http = if args.requery { Some(app.http(Some(&profile))?) } else { None };
    let lookup = args.requery.then(|| JournalLookup::new(app.journal_location().ok().flatten(), &profile.name));
    let mut sink = app.sink::<CallbackRecord>(many);
    // Opened on the first verified callback; committed in groups, as batch status does.
    let journal = app.journal_writer();
    let mut worst = 0u8;
    let (mut verified, mut failed, mut unreadable) = (0usize, 0usize, 0usize);
    for file in &files {
        let outcome = async {
            let capture = CapturedRequest::parse(file, read_capture(file).await?, &headers)?;
            let req = VerifyRequest {
                gateway: gateway.as_ref(),
                http: http.as_ref(),
                opts: &opts,
                deadline: None,
                journal: lookup.as_ref(),
            };
            verify_capture(&req, &capture).await
        }
        .await;
        match outcome {
            Ok(record) => {
                if record.verified {
                    verified += 1;
                    record_callback(&journal, &profile.name, &record).await;
                } else {
                    failed += 1;
                    worst = worst.max(ErrorKind::Verification.exit_code());
                }
                sink.push(&record)?;
            }
            Err(e) if many => {
                unreadable += 1;
                worst = worst.max(e.exit_code());
                sink.push_error(file, &e)?;
            }
            Err(e) => return Err(e),
        }
    }
    sink.finish()?;
    journal.finish();
    if many {
        output::note(summary(files.len(), verified, failed, unreadable));
    }
    Ok(worst)
}

/// "3 callbacks: 2 verified, 1 failed" (and how many could not be read, if any).
fn summary(total: usize, verified: usize, failed: usize, unreadable: usize) -> String {
    let mut s =
        format!("{}: {verified} verified, {failed} failed", output::count(total as u64, "callback", "callbacks"));
    if unreadable > 0 {
        s.push_str(&format!(", {unreadable} unreadable"));
    }
    s
}

fn is_dir_arg(arg: &str) -> bool {
    arg != "-" && std::path::Path::new(arg).is_dir()
}

/// A directory argument stands for the files in it, in name order (what `listen --save-dir`
/// wrote reads back in arrival order). Hidden files are skipped. An empty directory stands for no
/// files (a cron job verifying what arrived may find nothing), and says so on stderr.
fn expand_dirs(args: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for arg in args {
        if !is_dir_arg(arg) {
            out.push(arg.clone());
            continue;
        }
        let entries = std::fs::read_dir(arg).map_err(|e| Error::usage(format!("cannot read directory {arg}: {e}")))?;
        let mut files: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path().display().to_string())
            .collect();
        if files.is_empty() {
            output::note(format_args!("directory {arg} has no files to verify"));
        }
        files.sort();
        out.extend(files);
    }
    Ok(out)
}

/// stdin, a FIFO or a device may wait for a person, so they are read on a blocking thread and
/// Ctrl-C still ends paycli. A regular file is read in place: a thread hand-off per file cost more
/// than the read itself (a directory of 10,000 captures took twice as long).
async fn read_capture(file: &str) -> Result<Vec<u8>> {
    if file != "-" && std::fs::metadata(file).is_ok_and(|m| m.is_file()) {
        return read_capture_now(file);
    }
    let owned = file.to_string();
    tokio::task::spawn_blocking(move || read_capture_now(&owned))
        .await
        .map_err(|e| Error::internal(format!("reading {file} failed: {e}")))?
}

fn read_capture_now(file: &str) -> Result<Vec<u8>> {
    let read = if file == "-" {
        crate::bounded::read_capped(std::io::stdin(), MAX_CAPTURE_BYTES)
    } else {
        crate::bounded::read_file(std::path::Path::new(file), MAX_CAPTURE_BYTES)
    };
    read.map_err(|e| match e {
        crate::bounded::ReadError::TooLarge(_) => {
            Error::usage(format!("{file} is larger than 4 MiB; that is not a callback"))
        }
        e => Error::usage(format!("cannot read {file}: {e}")),
    })
}
