//! Tables for people. A table of rows fits the terminal by choosing columns (the record's most
//! important first), never by breaking an id into fragments: only free text wraps.

use super::sink::{ERROR_FIELD, plain_text};
use super::{Style, for_terminal};
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};
use serde_json::{Map, Value};

/// Columns of prose, which may wrap; every other column keeps its values whole.
const FREE_TEXT: &[&str] = &[ERROR_FIELD, "reason", "detail", "answer", "result", "hint"];
/// A wrapping column is given at least this many characters.
const FREE_TEXT_MIN: usize = 24;
/// Borders and padding: `│ x │ y │` is 3 per column plus 1.
const PER_COLUMN: usize = 3;

fn status_color(field: &str, text: &str) -> Option<Color> {
    let interesting = matches!(field, "status" | "signature" | "requery" | "verified" | "class" | "result");
    if !interesting {
        return None;
    }
    match text {
        "paid" | "ok" | "legacy_ok" | "true" | "match" => Some(Color::Green),
        "pending" | "unverifiable" | "skipped" | "warn" | "skip" => Some(Color::Yellow),
        "failed" | "expired" | "mismatch" | "missing" | "stale" | "false" | "error" | "fail" => Some(Color::Red),
        _ => None,
    }
}

/// A value as a table shows it: plain text with control characters escaped (`for_terminal`).
fn shown(v: &Value) -> String {
    let text = plain_text(v);
    match for_terminal(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
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

fn new_table(style: &Style) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    match style.width {
        Some(w) => {
            table.set_content_arrangement(ContentArrangement::Dynamic).set_width(w);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    // comfy-table decides colour by itself from the tty; our choice (--color, NO_COLOR) wins.
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// One record: a field/value list.
pub fn vertical(row: &Map<String, Value>, style: &Style) -> String {
    let mut table = new_table(style);
    for (k, v) in row {
        table.add_row(vec![Cell::new(for_terminal(k)), cell(k, shown(v), style.color)]);
    }
    if let Some(c) = table.column_mut(0) {
        c.set_constraint(ColumnConstraint::ContentWidth);
    }
    table.to_string()
}

fn text_width(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// Several records, one row each, with the columns that have a value in any of them and that fit
/// `style.width`: `first` columns (then the error, then the rest in order) until the width is used.
pub fn rows(rows: &[Value], columns: &[&str], first: &[&str], style: &Style) -> String {
    let objects: Vec<&Map<String, Value>> = rows.iter().filter_map(Value::as_object).collect();
    let order: Vec<String> = match (columns.is_empty(), objects.first()) {
        (false, _) => columns.iter().map(|c| c.to_string()).collect(),
        (true, Some(o)) => o.keys().cloned().collect(),
        (true, None) => Vec::new(),
    };
    let filled: Vec<&String> =
        order.iter().filter(|k| objects.iter().any(|o| !o.get(*k).unwrap_or(&Value::Null).is_null())).collect();
    let widths: Vec<usize> = filled
        .iter()
        .map(|k| {
            objects
                .iter()
                .map(|o| text_width(&shown(o.get(*k).unwrap_or(&Value::Null))))
                .max()
                .unwrap_or(0)
                .max(k.len())
        })
        .collect();
    let picked = choose(&filled, &widths, first, style.width.map(usize::from));
    let mut table = new_table(style);
    table.set_header(picked.iter().map(|&i| Cell::new(for_terminal(filled[i]))));
    for o in &objects {
        table.add_row(picked.iter().map(|&i| {
            let k = filled[i];
            cell(k, shown(o.get(k).unwrap_or(&Value::Null)), style.color)
        }));
    }
    for (pos, &i) in picked.iter().enumerate() {
        if !FREE_TEXT.contains(&filled[i].as_str())
            && let Some(c) = table.column_mut(pos)
        {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    table.to_string()
}

/// Indexes into `names` of the columns to show, in their original order.
fn choose(names: &[&String], widths: &[usize], first: &[&str], width: Option<usize>) -> Vec<usize> {
    let Some(limit) = width else { return (0..names.len()).collect() };
    let position = |name: &str| names.iter().position(|n| n.as_str() == name);
    let mut priority: Vec<usize> = Vec::new();
    let add = |i: usize, priority: &mut Vec<usize>| {
        if !priority.contains(&i) {
            priority.push(i);
        }
    };
    // The item's name is whatever `first` starts with, else the first column.
    match first.first().and_then(|f| position(f)) {
        Some(i) => add(i, &mut priority),
        None if !names.is_empty() => add(0, &mut priority),
        None => {}
    }
    if let Some(i) = position(ERROR_FIELD) {
        add(i, &mut priority);
    }
    for f in first {
        if let Some(i) = position(f) {
            add(i, &mut priority);
        }
    }
    for i in 0..names.len() {
        add(i, &mut priority);
    }
    let need = |i: usize| {
        let w = if FREE_TEXT.contains(&names[i].as_str()) { widths[i].min(FREE_TEXT_MIN) } else { widths[i] };
        w + PER_COLUMN
    };
    let mut used = 1;
    let mut chosen = Vec::new();
    for (n, i) in priority.into_iter().enumerate() {
        // The first column always shows, even when nothing else fits.
        if n == 0 || used + need(i) <= limit {
            used += need(i);
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputFormat;
    use serde_json::json;

    fn wide(width: Option<u16>) -> Style {
        Style { format: OutputFormat::Table, color: false, width }
    }

    #[test]
    fn narrow_terminals_get_the_important_columns_whole() {
        let long_id = "ORDER-2024-07-30-0000000001";
        let data = vec![
            json!({"provider": "zenospay", "order_id": long_id, "status": "paid", "amount": "150000",
                   "provider_ref": "9dbf86be-f9e9-4000-8b39-fdd5a841fce1", "updated_at": "2024-07-30T08:31:10Z",
                   "error": null}),
            json!({"provider": null, "order_id": "B", "status": null, "amount": null, "provider_ref": null,
                   "updated_at": null, "error": "network: cannot connect to 127.0.0.1:9: connection refused; is the sandbox running?"}),
        ];
        let cols = ["provider", "order_id", "status", "amount", "provider_ref", "updated_at", "error"];
        let t = rows_text(&data, &cols, 80);
        for line in t.lines() {
            assert!(line.chars().count() <= 80, "line wider than 80: {line}\n{t}");
        }
        assert!(t.contains(long_id), "the id is never split:\n{t}");
        assert!(t.contains("status") && t.contains("error"), "{t}");
        assert!(!t.contains("9dbf86be"), "a column that does not fit is left out:\n{t}");
        let all = rows(&data, &cols, &["order_id", "status"], &wide(None));
        assert!(all.contains("9dbf86be-f9e9-4000-8b39-fdd5a841fce1") && all.contains("updated_at"));
    }

    #[test]
    fn cells_and_names_from_outside_are_escaped_in_both_table_shapes() {
        let forged = json!({"order_id": "A\x1b]0;owned\x07", "status\x1b[8m": "\rverified paid\u{9b}2J", "n": 5});
        let one = vertical(forged.as_object().unwrap(), &wide(None));
        let many = rows(&[forged.clone(), forged], &[], &["order_id"], &wide(Some(120)));
        for t in [one, many] {
            assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "a raw control character:\n{t:?}");
            assert!(t.contains("A\\u{1b}]0;owned\\u{7}") && t.contains("\\rverified paid\\u{9b}2J"), "{t}");
            assert!(t.contains("status\\u{1b}[8m"), "{t}");
        }
    }

    fn rows_text(r: &[Value], cols: &[&str], w: u16) -> String {
        rows(r, cols, &["order_id", "status", "amount"], &wide(Some(w)))
    }
}
