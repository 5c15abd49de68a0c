//! `paycli doctor`: checks one profile end to end without creating anything. One line per check;
//! the exit code is the highest a failed check carries (config 3, network 4, provider 5).

use super::App;
use crate::error::{Error, Result};
use crate::ops::check_status;
use crate::output::{self, OutputFormat};
use crate::providers::{self, Gateway, StatusQuery};
use serde::Serialize;

/// Signed timestamps are typically accepted within a few minutes; warn well before that.
const MAX_SKEW_SECS: i64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Outcome {
    Ok,
    Warn,
    Skip,
    Fail,
}

#[derive(Debug, Serialize)]
struct Line {
    check: String,
    result: Outcome,
    detail: String,
    hint: Option<String>,
    #[serde(skip)]
    code: u8,
}

impl crate::output::Record for Line {
    const COLUMNS: &'static [&'static str] = &["check", "result", "detail", "hint"];
    const KEY: &'static str = "check";
}

#[derive(Default)]
struct Report {
    lines: Vec<Line>,
}

impl Report {
    fn add(&mut self, check: &str, result: Outcome, detail: impl Into<String>) {
        self.lines.push(Line { check: check.into(), result, detail: detail.into(), hint: None, code: 0 });
    }
    fn fail(&mut self, check: &str, e: &Error) {
        self.lines.push(Line {
            check: check.into(),
            result: Outcome::Fail,
            detail: e.message.clone(),
            hint: e.hint.clone(),
            code: e.exit_code(),
        });
    }
    fn record<T>(&mut self, check: &str, r: Result<T>, ok: impl FnOnce(&T) -> String) -> Option<T> {
        match r {
            Ok(v) => {
                self.add(check, Outcome::Ok, ok(&v));
                Some(v)
            }
            Err(e) => {
                self.fail(check, &e);
                None
            }
        }
    }
}

pub async fn run(app: &App) -> Result<u8> {
    let mut report = Report::default();
    examine(app, &mut report).await;
    print(app, &report)?;
    let worst = report.lines.iter().map(|l| l.code).max().unwrap_or(0);
    let failed = report.lines.iter().filter(|l| l.result == Outcome::Fail).count();
    if failed > 0 {
        output::note(format_args!("doctor: {} failed", output::count(failed as u64, "check", "checks")));
    }
    Ok(worst)
}

/// Runs the checks in order; a failure stops the checks that depend on it.
async fn examine(app: &App, report: &mut Report) {
    let config = report.record("config", app.config(), |c| {
        if c.file_exists {
            format!("{} parses", c.path.display())
        } else {
            "no config file; built-in profiles only".into()
        }
    });
    if config.is_none() {
        return;
    }
    journal(app, report);
    let Some(profile) =
        report.record("profile", app.profile(), |p| format!("`{}` uses provider {}", p.name, p.provider))
    else {
        return;
    };
    let Some(provider) = providers::find(&profile.provider) else { return };
    let mut secrets_ok = true;
    for key in provider.secret_keys().iter().filter(|k| profile.table().contains_key(**k)) {
        let resolved = profile.secret(key).and_then(|s| s.get());
        secrets_ok &= report.record(&format!("secret {key}"), resolved, |_| "resolves".into()).is_some();
    }
    let Some(gateway) = report.record("client", provider.gateway(&profile), |_| "settings are complete".into()) else {
        return;
    };
    let checks = gateway.check_credentials();
    if checks.is_empty() {
        report.add("keys", Outcome::Skip, "nothing to check offline for this provider");
    }
    for c in checks {
        secrets_ok &= report.record(&c.name, c.result, |d| d.clone()).is_some();
    }
    let Some(base_url) = report.record("base_url", profile.base_url(), |u| u.clone()) else { return };
    let Some(http) = report.record("http client", app.http(Some(&profile)), |_| "ready".into()) else { return };
    let probe = crate::http::PreparedRequest::new("GET", format!("{base_url}/"));
    let tls = if base_url.starts_with("https://") { ", TLS certificate trusted" } else { "" };
    let Some(resp) =
        report.record("reachable", http.send(&probe).await, |r| format!("answered HTTP {}{tls}", r.status))
    else {
        return;
    };
    clock(report, resp.header("date"));
    if !secrets_ok {
        report.add("credentials", Outcome::Skip, "not tried: a secret or key above failed");
        return;
    }
    credentials(report, &http, gateway.as_ref()).await;
}

/// The order journal: where it is (password redacted), reachable, schema version, writable.
fn journal(app: &App, report: &mut Report) {
    let location = match app.journal_location() {
        Ok(Some(l)) => l,
        Ok(None) => return report.add("journal", Outcome::Skip, "--no-journal"),
        Err(e) => return report.fail("journal", &e),
    };
    let opened = crate::journal::open_unmigrated(&location);
    let Some(mut journal) =
        report.record("journal", opened, |_| format!("{} {location} is reachable", location.kind()))
    else {
        return;
    };
    let version = journal.schema_version();
    let Some(version) = report.record("journal schema", version, |v| match *v {
        0 => "empty: paycli creates the schema on first use".to_string(),
        v => format!("version {v}"),
    }) else {
        return;
    };
    let current = crate::journal::SCHEMA_VERSION;
    if version > current {
        report.fail(
            "journal schema",
            &Error::config(format!("version {version} is newer than this paycli understands ({current})"))
                .with_hint("upgrade paycli on this host"),
        );
    } else if version > 0 && version < current {
        report.add(
            "journal schema",
            Outcome::Warn,
            format!("version {version}; this paycli migrates it to {current} on its next write (or run `paycli journal migrate`)"),
        );
    }
    report.record("journal write", journal.probe_write(), |_| {
        "writable (a probe row was written and rolled back)".into()
    });
}

fn clock(report: &mut Report, date: Option<&str>) {
    let Some(date) = date else {
        report.add("clock", Outcome::Skip, "the server sent no Date header");
        return;
    };
    let Ok(server) = chrono::DateTime::parse_from_rfc2822(date) else {
        report.add("clock", Outcome::Skip, format!("cannot read the server's Date header {date:?}"));
        return;
    };
    let skew = (chrono::Utc::now() - server.with_timezone(&chrono::Utc)).num_seconds();
    if skew.abs() > MAX_SKEW_SECS {
        let side = if skew > 0 { "ahead of" } else { "behind" };
        report.lines.push(Line {
            check: "clock".into(),
            result: Outcome::Warn,
            detail: format!("this machine is {}s {side} the server: signed timestamps may be refused", skew.abs()),
            hint: Some("synchronise the clock (e.g. enable NTP with `timedatectl set-ntp true`)".into()),
            code: 0,
        });
    } else {
        report.add("clock", Outcome::Ok, format!("within {}s of the server ({skew:+}s)", MAX_SKEW_SECS));
    }
}

/// A status query for an order that cannot exist: "not found" proves the credentials work.
async fn credentials(report: &mut Report, http: &crate::http::HttpClient, gateway: &dyn Gateway) {
    let id = gateway.new_order_id(chrono::Utc::now());
    let mut query = StatusQuery { id: id.clone(), ..Default::default() };
    // Some providers look orders up by their own reference (a UUID) only.
    if gateway.status_request(&query, chrono::Utc::now()).is_err_and(|e| e.kind == crate::error::ErrorKind::Usage) {
        query.provider_ref = Some(uuid::Uuid::new_v4().to_string());
    }
    match check_status(http, gateway, &query).await {
        Ok(r) => report.add(
            "credentials",
            Outcome::Ok,
            format!("accepted (the provider answered for {id} with status {})", r.order.status.as_str()),
        ),
        Err(e) if e.not_found => report.add(
            "credentials",
            Outcome::Ok,
            format!("accepted: a query for nonexistent order {id} says not found"),
        ),
        Err(e) => report.fail("credentials", &e),
    }
}

fn print(app: &App, report: &Report) -> Result<()> {
    if matches!(app.style.format, OutputFormat::Table | OutputFormat::Auto) {
        for l in &report.lines {
            let word = match l.result {
                Outcome::Ok => "ok  ",
                Outcome::Warn => "warn",
                Outcome::Skip => "skip",
                Outcome::Fail => "FAIL",
            };
            let mut text = format!("{word}  {:<13} {}\n", l.check, l.detail);
            if let Some(h) = &l.hint {
                text.push_str(&format!("      {:<13} hint: {h}\n", ""));
            }
            output::print(&text)?;
        }
        return Ok(());
    }
    let mut sink = app.sink::<Line>(true);
    for l in &report.lines {
        sink.push(l)?;
    }
    sink.finish()
}
