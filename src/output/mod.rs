//! The one output layer: every byte paycli prints goes through here. Data goes to stdout through a
//! `RecordSink` (or `print`); errors, warnings, notes, logs and the progress bar go to stderr
//! through the functions below, which know the format, the terminal, the progress bar and
//! `--quiet`. A closed stdout (`paycli ... | head`) becomes `Error::closed_output`, which ends the
//! run quietly with exit 0.

mod escape;
mod sink;
mod table;

pub use escape::for_terminal;

#[cfg(test)]
pub use sink::assert_columns;
pub use sink::{Record, RecordSink, TABLE_BLOCK_ROWS, plain_text};

use crate::error::{Error, Result};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::sync::{Mutex, OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A table on a terminal, json otherwise
    Auto,
    /// A table for people
    Table,
    /// One object, or an array for several items
    Json,
    /// One object a line
    Ndjson,
    /// A header row and one row per item
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour only on a terminal, unless NO_COLOR is set
    Auto,
    Always,
    Never,
}

/// The stdout settings after `auto` has been decided.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub format: OutputFormat,
    pub color: bool,
    /// Tables are fitted to this many columns (stdout is a terminal of that width).
    pub width: Option<u16>,
}

fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Style {
    pub fn resolve(format: OutputFormat, color: ColorChoice) -> Style {
        let stdout_tty = std::io::stdout().is_terminal();
        let format = match format {
            OutputFormat::Auto if stdout_tty => OutputFormat::Table,
            OutputFormat::Auto => OutputFormat::Json,
            f => f,
        };
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_tty && !no_color_env(),
        };
        let width = if stdout_tty { terminal_size::terminal_size().map(|(w, _)| w.0) } else { None };
        Style { format, color, width }
    }

    pub fn plain(format: OutputFormat) -> Style {
        Style { format, color: false, width: None }
    }

    pub fn is_json(&self) -> bool {
        matches!(self.format, OutputFormat::Json | OutputFormat::Ndjson)
    }
}

/// How stderr is written, decided once per run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stderr {
    /// `-q`: no summaries, progress, notes or logs. Errors and warnings still print.
    pub quiet: bool,
    /// Errors as `{"error": {...}}`: with `-o json|ndjson`, and with `-o auto` when stderr is
    /// not a terminal (a script reads it).
    pub errors_as_json: bool,
    pub color: bool,
    /// A progress bar may be drawn.
    pub terminal: bool,
}

impl Stderr {
    pub fn resolve(format: OutputFormat, color: ColorChoice, quiet: bool) -> Stderr {
        let terminal = std::io::stderr().is_terminal();
        let errors_as_json = match format {
            OutputFormat::Json | OutputFormat::Ndjson => true,
            OutputFormat::Auto => !terminal,
            OutputFormat::Table | OutputFormat::Csv => false,
        };
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color_env(),
        };
        Stderr { quiet, errors_as_json, color, terminal }
    }
}

static STDERR: OnceLock<Stderr> = OnceLock::new();
/// The progress bar on screen, if any: lines printed meanwhile go above it.
static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Sets how stderr is written for the rest of the run (the first call wins).
pub fn init(settings: Stderr) {
    let _ = STDERR.set(settings);
}

fn settings() -> Stderr {
    STDERR.get().copied().unwrap_or_default()
}

pub fn quiet() -> bool {
    settings().quiet
}

/// Every stderr write of text ends here. The secret scrubber runs here, so no secret reaches
/// stderr whatever the text quotes (a server's answer, a header, an error), and then the
/// terminal escaper, so no control character from outside does either.
fn emit(text: &str) {
    let text = crate::secret::scrub(text);
    write_stderr(&for_terminal(&text));
}

/// Writes to stderr above the progress bar, never failing the run (a closed stderr must not turn
/// a finished job into an error). Only `emit` and the coloured renderers, whose one escape
/// sequences are paycli's own colours around text already scrubbed and escaped, call it.
fn write_stderr(text: &str) {
    let write = || {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    };
    match BAR.lock().ok().and_then(|b| b.clone()) {
        Some(bar) => bar.suspend(write),
        None => write(),
    }
}

fn line(text: impl Display) {
    emit(&format!("{text}\n"));
}

/// A note for people: summaries, what a command did, where things are. Silenced by `-q`.
pub fn note(text: impl Display) {
    if !quiet() {
        line(text);
    }
}

/// Something that went wrong but does not stop the command. Printed even with `-q`.
pub fn warn(text: impl Display) {
    line(format_args!("warning: {text}"));
}

/// Text the user asked for on stderr (`--verbose` exchanges, the QR code), line breaks as they
/// are; what came from outside in it is escaped like every other stderr line.
pub fn stderr_text(text: &str) {
    emit(text);
}

/// clap's coloured rendering of a bad command line: its colours are kept, and every argument in
/// it that holds a control character was already replaced by its escaped form
/// (`cli/parse_error.rs`), so what remains is clap's own text.
pub fn stderr_clap_colored(text: &str) {
    write_stderr(&crate::secret::scrub(text));
}

/// An error: JSON for scripts, `error:` and `hint:` lines for people.
pub fn error(err: &Error) {
    let s = settings();
    if s.errors_as_json {
        let body = serde_json::json!({"error": {"kind": err.kind, "message": err.message, "hint": err.hint}});
        // JSON for a script: exact (serde already escapes what JSON must), never re-escaped.
        write_stderr(&crate::secret::scrub(&format!("{body}\n")));
        return;
    }
    let (red, dim, reset) = if s.color { ("\x1b[31m", "\x1b[2m", "\x1b[0m") } else { ("", "", "") };
    // The message and hint are escaped before the colours go around them.
    let shown = |t: &str| for_terminal(&crate::secret::scrub(t)).into_owned();
    let mut text = format!("{red}error:{reset} {}\n", shown(&err.message));
    if let Some(hint) = &err.hint {
        text.push_str(&format!("{dim}hint:{reset} {}\n", shown(hint)));
    }
    write_stderr(&text);
}

/// A progress bar on stderr, shown only on a terminal and without `-q`; hidden otherwise.
/// `{rate}` is items a second with one decimal; the total is shown when known.
pub fn progress_bar(total: Option<u64>, what: &str) -> ProgressBar {
    let s = settings();
    if s.quiet || !s.terminal {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = match total {
        Some(_) => format!("{{spinner}} {{pos}}/{{len}} {what}  {{rate}}  {{elapsed}}"),
        None => format!("{{spinner}} {{pos}} {what}  {{rate}}  {{elapsed}}"),
    };
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.1}/s", state.per_sec());
        }));
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    if let Ok(mut b) = BAR.lock() {
        *b = Some(bar.clone());
    }
    bar
}

/// Takes the progress bar off the screen; later lines print normally.
pub fn clear_progress(bar: &ProgressBar) {
    bar.finish_and_clear();
    if let Ok(mut b) = BAR.lock() {
        *b = None;
    }
}

/// Writes text for people to stdout (`config path`, the listener's lines, doctor's report), with
/// control characters from outside escaped.
pub fn print(text: &str) -> Result<()> {
    let scrubbed = crate::secret::scrub(text);
    print_bytes(for_terminal(&scrubbed).as_bytes())
}

/// Writes machine text to stdout exactly (JSON dry runs, completion scripts, the man page).
pub fn print_exact(text: &str) -> Result<()> {
    print_bytes(text.as_bytes())
}

/// Every plain stdout write ends here, exact but for the secret scrubber (text only: bytes that
/// are not UTF-8 are no secret's text form): raw requests, JSON, scripts.
pub fn print_bytes(bytes: &[u8]) -> Result<()> {
    let scrubbed = std::str::from_utf8(bytes).ok().map(crate::secret::scrub);
    let bytes = scrubbed.as_ref().map_or(bytes, |t| t.as_bytes());
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|_| out.flush()).map_err(write_error)
}

/// A closed pipe ends the run quietly; anything else is a real failure to write.
pub fn write_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::closed_output()
    } else {
        Error::internal(format!("cannot write output: {e}"))
    }
}

/// `1 error`, `2 errors`: counts in words for people.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "error", "errors"), "1 error");
        assert_eq!(count(0, "error", "errors"), "0 errors");
        assert_eq!(count(2, "order", "orders"), "2 orders");
    }

    #[test]
    fn broken_pipes_end_quietly_other_write_errors_do_not() {
        assert!(write_error(std::io::Error::from(std::io::ErrorKind::BrokenPipe)).is_closed_output());
        let other = write_error(std::io::Error::other("disk full"));
        assert!(!other.is_closed_output());
        assert!(other.message.contains("disk full"));
    }
}
