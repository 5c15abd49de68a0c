//! Records to stdout in every format, streamed: each record is written as it arrives (a JSON array
//! item by item, csv and ndjson a line each, tables in blocks of `TABLE_BLOCK_ROWS`), so memory
//! does not grow with the number of records. Field names are the same in every format because
//! every format renders the record's serde form.

use super::{OutputFormat, Style, table, write_error};
use crate::error::{Error, Result};
use serde::Serialize;
use serde_json::{Map, Value};
use std::io::{BufWriter, Write};

/// A table of many rows is printed in blocks of this many rows, each a table of its own, so a
/// table never holds more than this in memory.
pub const TABLE_BLOCK_ROWS: usize = 1000;

/// A record type paycli prints: its fields are known before the first record (a CSV header is
/// written even when there are no rows).
pub trait Record: Serialize {
    /// The serde field names, in output order.
    const COLUMNS: &'static [&'static str];
    /// The field that names the item: the one filled in the row of an item that failed.
    const KEY: &'static str = "order_id";
    /// The columns a narrow table keeps first, most important first.
    const TABLE_FIRST: &'static [&'static str] = &[];
}

/// The field of a failed item's row: `kind: message`.
pub const ERROR_FIELD: &str = "error";

pub struct RecordSink<W: Write> {
    style: Style,
    out: BufWriter<W>,
    /// Several items: a JSON array even for one, one table row each, an `error` field.
    many: bool,
    /// Known fields (typed records); empty when they come from the first record.
    columns: Vec<&'static str>,
    key: &'static str,
    table_first: &'static [&'static str],
    /// A single record waits for `finish` (json: an object, table: field/value pairs).
    held: Option<Value>,
    json_items: u64,
    csv_header: Option<Vec<String>>,
    block: Vec<Value>,
}

impl<W: Write> RecordSink<W> {
    /// A sink for records of type `R`. With `many`, every row has an `error` field.
    pub fn new<R: Record>(style: Style, out: W, many: bool) -> Self {
        let mut columns = R::COLUMNS.to_vec();
        if many {
            columns.push(ERROR_FIELD);
        }
        Self::with_columns(style, out, many, columns, R::KEY, R::TABLE_FIRST)
    }

    /// A sink whose fields are whatever the first record has (profiles, demo rows).
    pub fn dynamic(style: Style, out: W, many: bool) -> Self {
        Self::with_columns(style, out, many, Vec::new(), "name", &[])
    }

    fn with_columns(
        style: Style,
        out: W,
        many: bool,
        columns: Vec<&'static str>,
        key: &'static str,
        table_first: &'static [&'static str],
    ) -> Self {
        RecordSink {
            style,
            out: BufWriter::new(out),
            many,
            columns,
            key,
            table_first,
            held: None,
            json_items: 0,
            csv_header: None,
            block: Vec::new(),
        }
    }

    pub fn push(&mut self, record: &impl Serialize) -> Result<()> {
        let mut value = serde_json::to_value(record).map_err(|e| Error::internal(e.to_string()))?;
        if let (true, Some(map)) = (self.columns.contains(&ERROR_FIELD), value.as_object_mut()) {
            map.entry(ERROR_FIELD).or_insert(Value::Null);
        }
        self.push_value(value)
    }

    /// The row of an item that failed: its name (`order_id`, or the file for callbacks) and
    /// `kind: message`, every other field empty.
    pub fn push_error(&mut self, item: &str, err: &Error) -> Result<()> {
        let mut row: Map<String, Value> = self.columns.iter().map(|c| (c.to_string(), Value::Null)).collect();
        row.insert(self.key.to_string(), Value::String(item.to_string()));
        row.insert(ERROR_FIELD.to_string(), Value::String(format!("{}: {}", err.kind.as_str(), err.message)));
        self.push_value(Value::Object(row))
    }

    /// Every record goes through the secret scrubber before any format writes it.
    fn push_value(&mut self, mut value: Value) -> Result<()> {
        crate::secret::scrub_json(&mut value);
        match self.style.format {
            OutputFormat::Ndjson => {
                writeln!(self.out, "{value}").map_err(write_error)?;
            }
            OutputFormat::Csv => self.write_csv_row(&value)?,
            OutputFormat::Json => {
                if !self.many && self.json_items == 0 && self.held.is_none() {
                    self.held = Some(value);
                    return Ok(());
                }
                if let Some(first) = self.held.take() {
                    self.write_json_item(&first)?;
                }
                self.write_json_item(&value)?;
            }
            OutputFormat::Table | OutputFormat::Auto => {
                if !self.many && self.block.is_empty() && self.held.is_none() {
                    self.held = Some(value);
                    return Ok(());
                }
                self.block.extend(self.held.take());
                self.block.push(value);
                if self.block.len() >= TABLE_BLOCK_ROWS {
                    self.write_block()?;
                }
            }
        }
        self.out.flush().map_err(write_error)
    }

    pub fn finish(self) -> Result<()> {
        self.finish_into().map(drop)
    }

    /// Like `finish`, and hands back the writer (to sync and rename a report file).
    pub fn finish_into(mut self) -> Result<W> {
        match self.style.format {
            OutputFormat::Json => {
                let text = match (self.held.take(), self.json_items) {
                    (Some(one), _) => pretty(&one)? + "\n",
                    (None, 0) => "[]\n".to_string(),
                    (None, _) => "\n]\n".to_string(),
                };
                self.out.write_all(text.as_bytes()).map_err(write_error)?;
            }
            OutputFormat::Table | OutputFormat::Auto => {
                if let Some(Value::Object(one)) = self.held.take() {
                    let text = table::vertical(&one, &self.style);
                    writeln!(self.out, "{text}").map_err(write_error)?;
                }
                if !self.block.is_empty() {
                    self.write_block()?;
                }
            }
            OutputFormat::Csv => {
                if self.csv_header.is_none() && !self.columns.is_empty() {
                    let header = self.columns.iter().map(|c| c.to_string()).collect();
                    self.write_csv_header(header)?;
                }
            }
            OutputFormat::Ndjson => {}
        }
        self.out.flush().map_err(write_error)?;
        self.out.into_inner().map_err(|e| write_error(e.into_error()))
    }

    fn write_json_item(&mut self, value: &Value) -> Result<()> {
        let sep = if self.json_items == 0 { "[\n" } else { ",\n" };
        self.json_items += 1;
        // Pretty JSON has no raw newline inside a string, so indenting each line is safe.
        let text = pretty(value)?;
        let mut item = String::with_capacity(text.len() + 64);
        item.push_str(sep);
        for (i, l) in text.lines().enumerate() {
            if i > 0 {
                item.push('\n');
            }
            item.push_str("  ");
            item.push_str(l);
        }
        self.out.write_all(item.as_bytes()).map_err(write_error)
    }

    fn write_block(&mut self) -> Result<()> {
        let rows = std::mem::take(&mut self.block);
        let text = table::rows(&rows, &self.columns, self.table_first, &self.style);
        writeln!(self.out, "{text}").map_err(write_error)
    }

    fn write_csv_header(&mut self, header: Vec<String>) -> Result<()> {
        let line = csv_line(&header)?;
        self.csv_header = Some(header);
        self.out.write_all(&line).map_err(write_error)
    }

    fn write_csv_row(&mut self, value: &Value) -> Result<()> {
        let Value::Object(map) = value else {
            return Err(Error::internal("csv rows must be objects"));
        };
        if self.csv_header.is_none() {
            let header = if self.columns.is_empty() {
                map.keys().cloned().collect()
            } else {
                self.columns.iter().map(|c| c.to_string()).collect()
            };
            self.write_csv_header(header)?;
        }
        let header = self.csv_header.as_ref().expect("written above");
        let row: Vec<String> = header.iter().map(|k| plain_text(map.get(k).unwrap_or(&Value::Null))).collect();
        let line = csv_line(&row)?;
        self.out.write_all(&line).map_err(write_error)
    }
}

/// Fails when `R::COLUMNS` drifts from what `record` serializes to (for each record type's tests).
#[cfg(test)]
pub fn assert_columns<R: Record>(record: &R) {
    let value = serde_json::to_value(record).expect("serializes");
    let keys: Vec<&str> = value.as_object().expect("an object").keys().map(String::as_str).collect();
    assert_eq!(keys, R::COLUMNS, "COLUMNS of {} must list its serde fields in order", std::any::type_name::<R>());
    assert!(R::COLUMNS.contains(&R::KEY));
    assert!(R::TABLE_FIRST.iter().all(|c| R::COLUMNS.contains(c)));
}

fn pretty(value: &Value) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| Error::internal(e.to_string()))
}

fn csv_line(fields: &[String]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields).map_err(|e| Error::internal(e.to_string()))?;
    w.into_inner().map_err(|e| Error::internal(e.to_string()))
}

/// Values as text for csv and tables: null is empty, strings unquoted.
pub fn plain_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Row {
        order_id: &'static str,
        amount: &'static str,
        fee: Option<&'static str>,
    }
    impl Record for Row {
        const COLUMNS: &'static [&'static str] = &["order_id", "amount", "fee"];
    }

    fn render(format: OutputFormat, many: bool, rows: &[Value]) -> String {
        let mut sink = RecordSink::dynamic(Style::plain(format), Vec::new(), many);
        for r in rows {
            sink.push(r).unwrap();
        }
        String::from_utf8(sink.finish_into().unwrap()).unwrap()
    }

    fn typed(format: OutputFormat, rows: &[Row], failed: &[&str]) -> String {
        let mut sink = RecordSink::new::<Row>(Style::plain(format), Vec::new(), true);
        for r in rows {
            sink.push(r).unwrap();
        }
        for id in failed {
            sink.push_error(id, &Error::network("connection refused")).unwrap();
        }
        String::from_utf8(sink.finish_into().unwrap()).unwrap()
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
    fn streamed_json_arrays_read_back_as_serde_would_print_them() {
        let rows: Vec<Value> = (0..3).map(|i| json!({"order_id": format!("A{i}"), "n": {"x": [i, "a\nb"]}})).collect();
        assert_eq!(render(OutputFormat::Json, true, &rows), serde_json::to_string_pretty(&rows).unwrap() + "\n");
        assert_eq!(render(OutputFormat::Json, true, &[]), "[]\n");
        // Two records where one was expected still make valid JSON: an array.
        let two: Value = serde_json::from_str(&render(OutputFormat::Json, false, &rows[..2])).unwrap();
        assert_eq!(two.as_array().unwrap().len(), 2);
    }

    #[test]
    fn failed_items_are_rows_in_every_format() {
        let ok = Row { order_id: "A", amount: "5", fee: None };
        let csv = typed(OutputFormat::Csv, std::slice::from_ref(&ok), &["B"]);
        assert_eq!(csv, "order_id,amount,fee,error\nA,5,,\nB,,,network: connection refused\n");
        let nd = typed(OutputFormat::Ndjson, std::slice::from_ref(&ok), &["B"]);
        let last: Value = serde_json::from_str(nd.lines().last().unwrap()).unwrap();
        assert_eq!(last, json!({"order_id": "B", "amount": null, "fee": null, "error": "network: connection refused"}));
        let first: Value = serde_json::from_str(nd.lines().next().unwrap()).unwrap();
        assert_eq!(first["error"], Value::Null);
        let j: Value = serde_json::from_str(&typed(OutputFormat::Json, &[], &["B"])).unwrap();
        assert_eq!(j[0]["order_id"], "B");
        let t = typed(OutputFormat::Table, std::slice::from_ref(&ok), &["B"]);
        assert!(t.contains("network: connection refused") && t.contains("error"), "{t}");
    }

    #[test]
    fn csv_has_its_header_even_without_rows() {
        assert_eq!(typed(OutputFormat::Csv, &[], &[]), "order_id,amount,fee,error\n");
        assert_eq!(typed(OutputFormat::Json, &[], &[]), "[]\n");
        assert_eq!(typed(OutputFormat::Ndjson, &[], &[]), "");
    }

    #[test]
    fn long_tables_come_in_blocks() {
        let rows: Vec<Row> = (0..TABLE_BLOCK_ROWS + 5).map(|_| Row { order_id: "A", amount: "1", fee: None }).collect();
        let t = typed(OutputFormat::Table, &rows, &[]);
        assert_eq!(t.matches("order_id").count(), 2, "one header per block");
        assert_eq!(t.lines().filter(|l| l.contains(" A ")).count(), TABLE_BLOCK_ROWS + 5);
    }

    #[test]
    fn machine_formats_keep_control_characters_exact() {
        let forged = "A\x1b[2K\rpaid\x07\u{7f}\u{9b}";
        let rows = [json!({"order_id": forged})];
        let csv = render(OutputFormat::Csv, true, &rows);
        // Quoted (it holds a CR), byte for byte otherwise.
        assert_eq!(csv, format!("order_id\n\"{forged}\"\n"));
        for format in [OutputFormat::Json, OutputFormat::Ndjson] {
            let back: Value = serde_json::from_str(&render(format, false, &rows)).unwrap();
            assert_eq!(back["order_id"], forged, "{format:?}");
        }
        let t = render(OutputFormat::Table, false, &rows);
        assert!(t.contains("A\\u{1b}[2K\\rpaid\\u{7}\\u{7f}\\u{9b}") && !t.contains('\x1b'), "{t}");
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
