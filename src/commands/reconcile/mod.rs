//! `paycli reconcile --ledger FILE`: every ledger row is checked with the provider (through the
//! batch engine) and put in exactly one class. Exit 0 when everything matches, 8 otherwise.

mod classify;
mod ledger;

pub use classify::{Class, ReportRow, classify};
pub use ledger::{Columns, LedgerRow};

use super::App;
use crate::cli::ReconcileArgs;
use crate::error::{Error, ErrorKind, Result};
use crate::ops::batch::Done;
use crate::output::{self, OutputFormat, RecordSink, Style};
use crate::providers::Gateway;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub async fn run(app: &App, args: ReconcileArgs) -> Result<u8> {
    let (profile, gateway) = app.gateway()?;
    let gateway: Arc<dyn Gateway> = Arc::from(gateway);
    let columns = Columns {
        order_id: args.order_id_column.clone(),
        amount: args.amount_column.clone(),
        currency: args.currency_column.clone(),
        status: args.status_column.clone(),
    };
    let currency = crate::providers::default_currency(gateway.provider());
    let rows = ledger::open(Path::new(&args.ledger), &columns, currency)?;
    let mut report = match &args.report {
        Some(path) => Report::file(path, report_style(app, path))?,
        None => Report::Stdout(app.sink::<ReportRow>(true)),
    };
    let lookup = app.journal().map(|j| (j, profile.name.clone()));
    let input = crate::ops::batch::input::spawn(rows, lookup);
    let batch = app.batch(&args.batch, gateway, &profile, true)?;
    let mut counts: BTreeMap<Class, u64> = Class::ALL.iter().map(|c| (*c, 0)).collect();
    let summary = batch
        .run(input, app.handle_interrupts(), |done: Done<LedgerRow>, _bar| {
            let row = classify(&done.extra, &done.result);
            *counts.entry(row.class).or_default() += 1;
            report.push(&row)
        })
        .await?;
    batch.finish();
    output::note(summary.line());
    if let Some(e) = &summary.input_error {
        output::error(e);
    }
    if !output::quiet() {
        output::stderr_text(&summary_table(&counts));
    }
    if summary.interrupted {
        report.abandon();
        output::note("interrupted: the report is incomplete and was not written; run again to finish");
        return Ok(ErrorKind::Interrupted.exit_code());
    }
    report.finish()?;
    let mut code = summary.input_error.as_ref().map_or(0, Error::exit_code);
    if counts.iter().any(|(c, n)| *c != Class::Match && *n > 0) {
        code = code.max(ErrorKind::Discrepancy.exit_code());
    }
    Ok(code)
}

/// `-o` decides, except that `auto` follows the report file's extension (csv when in doubt).
fn report_style(app: &App, path: &Path) -> Style {
    if app.global.output != OutputFormat::Auto {
        return Style { color: false, width: None, ..app.style };
    }
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => OutputFormat::Json,
        Some("ndjson" | "jsonl") => OutputFormat::Ndjson,
        _ => OutputFormat::Csv,
    };
    Style::plain(format)
}

fn summary_table(counts: &BTreeMap<Class, u64>) -> String {
    let mut out = format!("{:<18} {:>8}\n", "class", "orders");
    for (class, n) in counts {
        out.push_str(&format!("{:<18} {:>8}\n", class.as_str(), n));
    }
    out.push_str(&format!("{:<18} {:>8}\n", "total", counts.values().sum::<u64>()));
    out
}

/// Where the report goes: stdout, or a temporary file renamed over `--report` once complete, so
/// the report file is always either the previous complete one or the new complete one. A path
/// that exists and is not a regular file (`/dev/stdout`, a pipe) is written directly: a rename
/// would replace the device node or pipe with a file.
enum Report {
    Stdout(RecordSink<std::io::Stdout>),
    File { sink: RecordSink<std::io::BufWriter<std::fs::File>>, tmp: Option<PathBuf>, path: PathBuf },
}

impl Report {
    fn file(path: &Path, style: Style) -> Result<Report> {
        let shown = path.display();
        let not_a_file = || {
            Error::usage(format!("--report {shown} is a directory, not a file"))
                .with_hint(format!("name a file, e.g. --report {}", path.join("report.csv").display()))
        };
        let meta = std::fs::metadata(path).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(not_a_file());
        }
        if meta.as_ref().is_some_and(|m| !m.is_file()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::usage(format!("cannot write the report to {shown}: {e}")))?;
            let sink = RecordSink::new::<ReportRow>(style, std::io::BufWriter::new(file), true);
            return Ok(Report::File { sink, tmp: None, path: path.to_path_buf() });
        }
        let name = path.file_name().ok_or_else(not_a_file)?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".tmp-{}", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let file = std::fs::File::create(&tmp)
            .map_err(|e| Error::usage(format!("cannot write the report next to {shown}: {e}")))?;
        let sink = RecordSink::new::<ReportRow>(style, std::io::BufWriter::new(file), true);
        Ok(Report::File { sink, tmp: Some(tmp), path: path.to_path_buf() })
    }

    fn push(&mut self, row: &ReportRow) -> Result<()> {
        match self {
            Report::Stdout(s) => s.push(row),
            Report::File { sink, .. } => sink.push(row),
        }
    }

    fn abandon(self) {
        match self {
            Report::Stdout(s) => {
                let _ = s.finish();
            }
            Report::File { tmp, sink, .. } => {
                drop(sink);
                if let Some(tmp) = tmp {
                    let _ = std::fs::remove_file(tmp);
                }
            }
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Report::Stdout(s) => s.finish(),
            Report::File { sink, tmp, path } => {
                let mut out = sink.finish_into()?;
                out.flush()?;
                let Some(tmp) = tmp else {
                    output::note(format_args!("report written to {}", path.display()));
                    return Ok(());
                };
                out.get_ref().sync_all()?;
                std::fs::rename(&tmp, &path).map_err(|e| {
                    Error::usage(format!("cannot move the report into {}: {e}", path.display()))
                        .with_hint(format!("the complete report is in {}", tmp.display()))
                })?;
                output::note(format_args!("report written to {}", path.display()));
                Ok(())
            }
        }
    }
}
