//! Errors in the command line itself go through paycli's error renderer: JSON under `-o json`,
//! clap's own text (with usage) for people.

use crate::error::Error;
use crate::output::{self, ColorChoice, OutputFormat};
use clap::ValueEnum;
use std::ffi::OsString;

/// Prints a clap error (or the help and version texts clap reports as errors) and returns the
/// exit code: 0 for help and version, 2 for a bad command line.
pub fn report_parse_error(e: clap::Error, args: &[OsString]) -> u8 {
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    if !e.use_stderr() {
        // --help, --version: a closed stdout (`paycli --help | head`) is fine.
        let _ = e.print();
        return code;
    }
    let stderr = output::Stderr::resolve(requested_format(args), ColorChoice::Auto, false);
    output::init(stderr);
    if stderr.errors_as_json {
        output::error(&as_usage_error(&e, args));
    } else {
        // clap's own text (with its colours), with long or invisible values shortened.
        if stderr.color {
            output::stderr_clap_colored(&shorten_values(&e.render().ansi().to_string(), args));
        } else {
            output::stderr_text(&shorten_values(&e.render().to_string(), args));
        }
    }
    code
}

/// The command line's long or invisible arguments, as `values::shown` repeats a bad value: at
/// most 40 characters, control characters escaped (a 10 000-character argument is not echoed).
fn shorten_values(text: &str, args: &[OsString]) -> String {
    let mut long: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .filter(|a| a.chars().count() > 40 || a.chars().any(crate::values::is_hidden_char))
        .collect();
    long.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let mut out = text.to_string();
    for arg in long {
        let shown = crate::values::shown(&arg);
        out = out.replace(&arg, &shown[1..shown.len() - 1]);
    }
    out
}

/// `error: <message>` (its first paragraph, e.g. with the missing arguments) and the paragraphs
/// after it (usage, "try --help") as the hint.
fn as_usage_error(e: &clap::Error, args: &[OsString]) -> Error {
    let text = shorten_values(&e.render().to_string(), args);
    let mut paragraphs = text.split("\n\n").map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "));
    let first = paragraphs.next().unwrap_or_default();
    let message = first.trim().strip_prefix("error: ").unwrap_or(first.trim());
    let hint: Vec<String> = paragraphs.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    let err = Error::usage(if message.is_empty() { "invalid command line" } else { message });
    if hint.is_empty() { err } else { err.with_hint(hint.join("; ")) }
}

/// The `-o` the user asked for, read without clap (which just failed): flag, then PAYCLI_OUTPUT.
fn requested_format(args: &[OsString]) -> OutputFormat {
    let parse = |v: &str| OutputFormat::from_str(v.trim_start_matches('='), false).ok();
    let mut found = None;
    let mut iter = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = match arg {
            "-o" | "--output" => iter.next().and_then(parse),
            _ if arg.starts_with("--output=") => parse(&arg["--output=".len()..]),
            _ if arg.starts_with("-o") && !arg.starts_with("--") => parse(&arg[2..]),
            _ => None,
        };
        found = value.or(found);
    }
    found
        .or_else(|| std::env::var("PAYCLI_OUTPUT").ok().and_then(|v| OutputFormat::from_str(&v, true).ok()))
        .unwrap_or(OutputFormat::Auto)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_requested_format_is_found_without_clap() {
        assert_eq!(requested_format(&args(&["paycli", "-o", "json", "x"])), OutputFormat::Json);
        assert_eq!(requested_format(&args(&["paycli", "status", "-ondjson"])), OutputFormat::Ndjson);
        assert_eq!(requested_format(&args(&["paycli", "--output=csv"])), OutputFormat::Csv);
        assert_eq!(requested_format(&args(&["paycli", "-o=table"])), OutputFormat::Table);
        assert_eq!(requested_format(&args(&["paycli", "--", "-o", "json"])), OutputFormat::Auto);
    }

    #[test]
    fn long_values_are_not_echoed() {
        use clap::Parser;
        let long = "Q".repeat(10_000);
        let e = crate::cli::Cli::try_parse_from(["paycli", "status", "check", &long]).unwrap_err();
        let err = as_usage_error(&e, &args(&["paycli", "status", "check", &long]));
        assert!(err.message.contains("at most 128 characters"), "{}", err.message);
        assert!(
            !err.message.contains(&"Q".repeat(41)) && err.message.contains("(10000 characters)"),
            "{}",
            err.message
        );
        assert_eq!(
            shorten_values("invalid value 'a\nb' for '--x <N>': bad", &args(&["a\nb"])),
            "invalid value 'a\\nb' for '--x <N>': bad"
        );
    }

    #[test]
    fn clap_errors_become_usage_errors_with_the_usage_as_hint() {
        use clap::Parser;
        let e = crate::cli::Cli::try_parse_from(["paycli", "status", "check", "--concurrency", "0", "x"]).unwrap_err();
        let err = as_usage_error(&e, &[]);
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
        assert!(err.message.contains("--concurrency"), "{}", err.message);
        assert!(!err.message.starts_with("error:"));
        assert!(err.hint.as_deref().is_some_and(|h| h.contains("--help")), "{:?}", err.hint);
    }
}
