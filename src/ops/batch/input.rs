//! Where a batch's orders come from, read lazily on a thread of their own and handed to the workers
//! through a small channel: memory stays flat however long the input is, and a slow stdin never
//! blocks the async runtime.

use crate::error::{Error, Result};
use crate::journal::{Journal, OrderFilter, OrderRow, PageKey};
use crate::providers::StatusQuery;
use std::io::BufRead;
use tokio::sync::mpsc;

/// Orders waiting for a worker; a little more than any sane `--concurrency`.
const QUEUE: usize = 512;

/// One order to check, with whatever the command carries along (a ledger row for `reconcile`).
pub struct Job<T> {
    pub query: StatusQuery,
    pub extra: T,
}

/// A bad input line ends the input: what was read before it is still checked.
pub type Item<T> = Result<Job<T>>;

/// Reads `source` on its own thread. When the journal is given, each id's provider reference is
/// looked up there (providers that query by their own id need it).
pub fn spawn<T, I>(source: I, lookup: Option<(Journal, String)>) -> mpsc::Receiver<Item<T>>
where
    T: Send + 'static,
    I: Iterator<Item = Result<Job<T>>> + Send + 'static,
{
    spawn_with_queue(source, lookup, QUEUE)
}

/// Like `spawn`, with at most `queue` orders read ahead (claimed orders wait under a lease, so a
/// run should not hold many more than its workers can start).
pub fn spawn_with_queue<T, I>(source: I, mut lookup: Option<(Journal, String)>, queue: usize) -> mpsc::Receiver<Item<T>>
where
    T: Send + 'static,
    I: Iterator<Item = Result<Job<T>>> + Send + 'static,
{
    let (tx, rx) = mpsc::channel(queue.max(1));
    std::thread::spawn(move || {
        for item in source {
            let item = item.map(|mut job| {
                if job.query.provider_ref.is_none()
                    && let Some((journal, profile)) = &mut lookup
                {
                    // A failed lookup only costs the provider reference.
                    job.query.provider_ref = journal.provider_ref(profile, &job.query.id).ok().flatten();
                }
                job
            });
            let stop = item.is_err();
            // The receiver is gone when the batch was interrupted: stop reading.
            if tx.blocking_send(item).is_err() || stop {
                break;
            }
        }
    });
    rx
}

pub fn job(id: String) -> Job<()> {
    Job { query: StatusQuery::new(id, None), extra: () }
}

/// Opens `--from` (`-` = stdin).
pub fn open(from: &str) -> Result<Box<dyn BufRead + Send>> {
    if from == "-" {
        return Ok(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    let f = std::fs::File::open(from)
        .map_err(|e| Error::usage(format!("cannot read --from {}: {e}", crate::values::shown(from))))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}

/// What a one-column id file may have as its first line instead of an id.
const ID_HEADERS: &[&str] =
    &["order_id", "order-id", "orderid", "order id", "id", "order", "order_no", "order_number", "merchant_order_id"];

/// An id from a flag or a file, checked by `values::order_id`; `place` says where it came from.
pub fn checked_id(place: &str, text: &str) -> Result<String> {
    crate::values::order_id(text).map_err(|why| {
        Error::usage(format!("{place}: the order id {} is {why}", crate::values::shown(text)))
            .with_hint("order ids are plain text on one line")
    })
}

/// Order ids from one id a line, CSV with an `order_id` column, or NDJSON, one at a time. Lines
/// are at most 4 KiB (a longer one ends the input), a byte order mark is dropped, a one-column
/// header line (`order_id`, `id`, ...) is skipped, and ids are checked by `values::order_id`.
pub struct IdReader<R> {
    lines: crate::bounded::Lines<R>,
    source: String,
    line_no: usize,
    csv_column: Option<usize>,
    first: bool,
    failed: bool,
}

impl<R: BufRead> IdReader<R> {
    pub fn new(reader: R, source: &str) -> Self {
        IdReader {
            lines: crate::bounded::Lines::new(reader, crate::bounded::ID_LINE_BYTES),
            source: source.into(),
            line_no: 0,
            csv_column: None,
            first: true,
            failed: false,
        }
    }

    fn parse_line(&mut self, t: &str) -> Result<Option<String>> {
        let (source, n) = (&self.source, self.line_no);
        let place = format!("{source}:{n}");
        if t.starts_with('{') {
            let v: serde_json::Value =
                serde_json::from_str(t).map_err(|e| Error::usage(format!("{place}: not JSON: {e}")))?;
            let id = v
                .get("order_id")
                .or_else(|| v.get("id"))
                .and_then(|x| x.as_str())
                .ok_or_else(|| Error::usage(format!("{place}: the JSON line has no order_id")))?;
            return checked_id(&place, id).map(Some);
        }
        if self.first && t.contains(',') {
            let header = split_csv(t)?;
            let col = header
                .iter()
                .position(|h| h.trim() == "order_id")
                .ok_or_else(|| Error::usage(format!("{source}: the CSV header has no order_id column")))?;
            self.csv_column = Some(col);
            return Ok(None);
        }
        if let Some(col) = self.csv_column {
            let fields = split_csv(t)?;
            let id = fields
                .get(col)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::usage(format!("{place}: no order_id in this row")))?;
            return checked_id(&place, id).map(Some);
        }
        let unquoted = t.trim_matches('"').trim();
        if self.first && ID_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(unquoted)) {
            return Ok(None);
        }
        checked_id(&place, t).map(Some)
    }
}

impl<R: BufRead> Iterator for IdReader<R> {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Result<String>> {
        if self.failed {
            return None;
        }
        loop {
            let line = match self.lines.next()? {
                Ok(l) => l,
                Err(e) => {
                    self.failed = true;
                    let n = self.line_no + 1;
                    let why = match e {
                        crate::bounded::LineError::Io(e) => e.to_string(),
                        crate::bounded::LineError::NotUtf8 => "the line is not UTF-8 text".into(),
                        crate::bounded::LineError::TooLong(start) => format!(
                            "the line is longer than {} (it starts {}); one id a line",
                            crate::bounded::human_bytes(crate::bounded::ID_LINE_BYTES as u64),
                            crate::values::shown(&start)
                        ),
                    };
                    return Some(Err(Error::usage(format!("{}:{n}: {why}", self.source))));
                }
            };
            self.line_no += 1;
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let parsed = self.parse_line(t);
            self.first = false;
            match parsed {
                Ok(Some(id)) => return Some(Ok(id)),
                Ok(None) => continue,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

fn split_csv(line: &str) -> Result<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
    let rec = r.records().next().transpose().map_err(|e| Error::usage(format!("bad CSV line: {e}")))?;
    Ok(rec.map(|r| r.iter().map(str::to_string).collect()).unwrap_or_default())
}

/// Every matching order in the journal, a page at a time, so no read transaction stays open for
/// the whole batch (other processes keep writing, and WAL checkpoints keep working).
pub fn journal_pages(mut journal: Journal, filter: OrderFilter) -> impl Iterator<Item = Result<OrderRow>> + Send {
    const PAGE: usize = 500;
    let mut after: Option<PageKey> = None;
    let mut more = true;
    crate::journal::blocks(move || {
        if !more {
            return Ok(Vec::new());
        }
        let rows = journal.page(&filter, after.as_ref(), PAGE)?;
        more = rows.len() == PAGE;
        after = rows.last().map(OrderRow::key);
        Ok(rows)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Result<Vec<String>> {
        IdReader::new(text.as_bytes(), "f").collect()
    }

    #[test]
    fn id_files_in_three_shapes() {
        assert_eq!(ids("A\n\nB\n# c\n").unwrap(), ["A", "B"]);
        assert_eq!(ids("amount,order_id\n5,A\n6,\"B\"\n").unwrap(), ["A", "B"]);
        assert_eq!(ids("{\"order_id\":\"A\"}\n{\"id\":\"B\"}\n").unwrap(), ["A", "B"]);
        assert!(ids("amount,id\n5,A\n").is_err());
        assert!(ids("{\"x\":1}\n").is_err());
    }

    #[test]
    fn hygiene_bom_header_rows_control_characters_and_long_lines() {
        assert_eq!(ids("\u{feff}A1\nB2\n").unwrap(), ["A1", "B2"], "no BOM in the first id");
        assert_eq!(ids("order_id\nA1\n").unwrap(), ["A1"], "a one-column header is not an id");
        assert_eq!(ids("\u{feff}\"Order ID\"\r\nA1\r\n").unwrap(), ["A1"]);
        assert_eq!(ids("A1\nid\n").unwrap(), ["A1", "id"], "only the first line can be a header");
        let e = ids("A1\nB\u{7}2\n").unwrap_err();
        assert!(e.message.contains("f:2") && e.message.contains("control character"), "{}", e.message);
        assert!(ids("{\"order_id\":\"A\\u0000\"}\n").is_err());
        let long = format!("{}\n", "x".repeat(200));
        let e = ids(&long).unwrap_err();
        assert!(e.message.contains("too long") && e.message.len() < 200, "{}", e.message);
        let endless = IdReader::new(std::io::BufReader::new(std::io::Read::take(std::io::repeat(b'z'), 1 << 20)), "f")
            .next()
            .unwrap()
            .unwrap_err();
        assert!(endless.message.contains("longer than 4 KiB") && endless.message.len() < 300, "{}", endless.message);
    }

    #[test]
    fn a_bad_line_ends_the_input_after_what_came_before() {
        let got: Vec<Result<String>> = IdReader::new("A\n{\"x\":1}\nB\n".as_bytes(), "f").collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap(), "A");
        assert!(got[1].as_ref().unwrap_err().message.contains("f:2"));
    }
}
