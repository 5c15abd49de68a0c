//! Rendering records and errors: table for people, json/ndjson/csv for scripts. Field names are
//! the same in every format because every format renders the record's serde form.

use crate::error::{Error, Result};
use clap::ValueEnum;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::Value;
use std::io::{IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Auto,
    Table,
    Json,
    Ndjson,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The output settings after `auto` has been decided.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub format: OutputFormat,
    pub color: bool,
}

impl Style {
    pub fn resolve(format: OutputFormat, color: ColorChoice) -> Style {
        let stdout_tty = std::io::stdout().is_terminal();
        let format = match format {
            OutputFormat::Auto if stdout_tty => OutputFormat::Table,
            OutputFormat::Auto => OutputFormat::Json,
            f => f,
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_tty && !no_color,
        };
        Style { format, color }
    }

    pub fn is_json(&self) -> bool {
        matches!(self.format, OutputFormat::Json | OutputFormat::Ndjson)
    }
}

/// Writes records as they come: ndjson and csv stream; table and json are written at `finish`.
pub struct RecordSink<W: Write> {
    style: Style,
    out: W,
    /// A JSON array even for one record (several ids, `--from`).
    many: bool,
    buffered: Vec<Value>,
    csv_header: Option<Vec<String>>,
}

impl<W: Write> RecordSink<W> {
    pub fn new(style: Style, out: W, many: bool) -> Self {
        RecordSink { style, out, many, buffered: Vec::new(), csv_header: None }
    }

    pub fn push(&mut self, record: &impl Serialize) -> Result<()> {
        let mut value = serde_json::to_value(record).map_err(|e| Error::internal(e.to_string()))?;
        crate::secret::scrub_json(&mut value);
        match self.style.format {
            OutputFormat::Ndjson => {
                writeln!(self.out, "{value}").map_err(write_error)?;
                self.out.flush().map_err(write_error)?;
            }
            OutputFormat::Csv => self.write_csv_row(&value)?,
            _ => self.buffered.push(value),
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        self.finish_into().map(drop)
    }

    /// Like `finish`, and hands back the writer (to sync and rename a report file).
    pub fn finish_into(mut self) -> Result<W> {
        match self.style.format {
            OutputFormat::Json => {
                let text = if self.buffered.len() == 1 && !self.many {
                    serde_json::to_string_pretty(&self.buffered[0])
                } else {
                    serde_json::to_string_pretty(&self.buffered)
                }
                .map_err(|e| Error::internal(e.to_string()))?;
                writeln!(self.out, "{text}").map_err(write_error)?;
            }
            OutputFormat::Table | OutputFormat::Auto => {
                if !self.buffered.is_empty() {
                    let table = render_table(&self.buffered, self.style.color, self.many);
                    writeln!(self.out, "{table}").map_err(write_error)?;
                }
            }
            OutputFormat::Ndjson | OutputFormat::Csv => {}
        }
        self.out.flush().map_err(write_error)?;
        Ok(self.out)
    }

    fn write_csv_row(&mut self, value: &Value) -> Result<()> {
        let Value::Object(map) = value else {
            return Err(Error::internal("csv rows must be objects"));
        };
        let mut line = Vec::new();
        {
            let mut w = csv::Writer::from_writer(&mut line);
            if self.csv_header.is_none() {
                let header: Vec<String> = map.keys().cloned().collect();
                w.write_record(&header).map_err(|e| Error::internal(e.to_string()))?;
                self.csv_header = Some(header);
            }
            let header = self.csv_header.as_ref().expect("set above");
            let row: Vec<String> = header.iter().map(|k| plain_text(map.get(k).unwrap_or(&Value::Null))).collect();
            w.write_record(&row).map_err(|e| Error::internal(e.to_string()))?;
            w.flush()?;
        }
        self.out.write_all(&line).map_err(write_error)?;
        self.out.flush().map_err(write_error)
    }
}

/// A closed pipe (`paycli ... | head`) is not worth a stack trace; report it plainly.
fn write_error(e: std::io::Error) -> Error {
    Error::internal(format!("cannot write output: {e}"))
}

/// Values as text for csv and tables: null is empty, strings unquoted.
pub fn plain_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn status_color(field: &str, text: &str) -> Option<Color> {
    let interesting = matches!(field, "status" | "signature" | "requery" | "verified" | "class");
    if !interesting {
        return None;
    }
    match text {
        "paid" | "ok" | "legacy_ok" | "true" | "match" => Some(Color::Green),
        "pending" | "unverifiable" | "skipped" => Some(Color::Yellow),
        "failed" | "expired" | "mismatch" | "missing" | "false" | "error" => Some(Color::Red),
        _ => None,
    }
}

fn cell(field: &str, text: String, color: bool) -> Cell {
    let c = status_color(field, &text);
    let cell = Cell::new(text);
    match (color, c) {
        (true, Some(c)) => cell.fg(c),
        _ => cell,
    }
}

/// One record: a field/value list. Several: one row each, with the columns that have any value.
fn render_table(rows: &[Value], color: bool, many: bool) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    // comfy-table decides colour by itself from the tty; our choice (--color, NO_COLOR) wins.
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let objects: Vec<&serde_json::Map<String, Value>> = rows.iter().filter_map(Value::as_object).collect();
    if objects.len() == 1 && !many {
        for (k, v) in objects[0] {
            table.add_row(vec![Cell::new(k), cell(k, plain_text(v), color)]);
        }
        return table;
    }
    let Some(first) = objects.first() else { return table };
    let columns: Vec<&String> =
        first.keys().filter(|k| objects.iter().any(|o| !o.get(*k).unwrap_or(&Value::Null).is_null())).collect();
    table.set_header(columns.iter().map(Cell::new));
    for o in &objects {
        table.add_row(columns.iter().map(|k| cell(k, plain_text(o.get(*k).unwrap_or(&Value::Null)), color)));
    }
    table
}

/// Prints an error on stderr: JSON in JSON modes, else `error:` and `hint:` lines. Both pass the
/// secret scrubber: error text often quotes what a server answered.
pub fn print_error(err: &Error, style: Style) {
    let scrubbed = Error {
        message: crate::secret::scrub(&err.message).into_owned(),
        hint: err.hint.as_deref().map(|h| crate::secret::scrub(h).into_owned()),
        ..err.clone()
    };
    let err = &scrubbed;
    if style.is_json() {
        let body = serde_json::json!({"error": {"kind": err.kind, "message": err.message, "hint": err.hint}});
        eprintln!("{body}");
        return;
    }
    let (red, dim, reset) =
        if style.color && std::io::stderr().is_terminal() { ("\x1b[31m", "\x1b[2m", "\x1b[0m") } else { ("", "", "") };
    eprintln!("{red}error:{reset} {}", err.message);
    if let Some(hint) = &err.hint {
        eprintln!("{dim}hint:{reset} {hint}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(format: OutputFormat, many: bool, rows: &[Value]) -> String {
        let mut buf = Vec::new();
        let mut sink = RecordSink::new(Style { format, color: false }, &mut buf, many);
        for r in rows {
            sink.push(r).unwrap();
        }
        sink.finish().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn formats_share_field_names() {
        let rows = [
            json!({"order_id": "A", "amount": "50.00", "fee": null}),
            json!({"order_id": "B, \"x\"", "amount": "1", "fee": "2"}),
        ];
        assert_eq!(render(OutputFormat::Csv, true, &rows), "order_id,amount,fee\nA,50.00,\n\"B, \"\"x\"\"\",1,2\n");
        let nd = render(OutputFormat::Ndjson, true, &rows);
        assert_eq!(nd.lines().count(), 2);
        assert!(nd.starts_with("{\"order_id\":\"A\",\"amount\":\"50.00\",\"fee\":null}"));
        let j: Value = serde_json::from_str(&render(OutputFormat::Json, true, &rows)).unwrap();
        assert_eq!(j[1]["fee"], "2");
        let single: Value = serde_json::from_str(&render(OutputFormat::Json, false, &rows[..1])).unwrap();
        assert_eq!(single["order_id"], "A");
    }

    #[test]
    fn tables_show_values() {
        let t = render(OutputFormat::Table, false, &[json!({"status": "paid", "amount": "50.00"})]);
        assert!(t.contains("status") && t.contains("paid") && t.contains("50.00"));
        assert!(!t.contains("\x1b["));
        let t = render(OutputFormat::Table, true, &[json!({"a": "1", "b": null}), json!({"a": "2", "b": null})]);
        assert!(t.contains('a') && !t.contains(" b "));
    }
}
