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
    let f = std::fs::File::open(from).map_err(|e| Error::usage(format!("cannot read --from {from}: {e}")))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}

/// Order ids from one id a line, CSV with an `order_id` column, or NDJSON, one at a time.
pub struct IdReader<R> {
    lines: std::io::Lines<R>,
    source: String,
    line_no: usize,
    csv_column: Option<usize>,
    first: bool,
    failed: bool,
}

impl<R: BufRead> IdReader<R> {
    pub fn new(reader: R, source: &str) -> Self {
        IdReader {
            lines: reader.lines(),
            source: source.into(),
            line_no: 0,
            csv_column: None,
            first: true,
            failed: false,
        }
    }

    fn parse_line(&mut self, t: &str) -> Result<Option<String>> {
        let (source, n) = (&self.source, self.line_no);
        if t.starts_with('{') {
            let v: serde_json::Value =
                serde_json::from_str(t).map_err(|e| Error::usage(format!("{source}:{n}: not JSON: {e}")))?;
            let id = v
                .get("order_id")
                .or_else(|| v.get("id"))
                .and_then(|x| x.as_str())
                .ok_or_else(|| Error::usage(format!("{source}:{n}: the JSON line has no order_id")))?;
            return Ok(Some(id.to_string()));
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
                .ok_or_else(|| Error::usage(format!("{source}:{n}: no order_id in this row")))?;
            return Ok(Some(id.to_string()));
        }
        Ok(Some(t.to_string()))
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
                    return Some(Err(Error::usage(format!("{}: {e}", self.source))));
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
    fn a_bad_line_ends_the_input_after_what_came_before() {
        let got: Vec<Result<String>> = IdReader::new("A\n{\"x\":1}\nB\n".as_bytes(), "f").collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap(), "A");
        assert!(got[1].as_ref().unwrap_err().message.contains("f:2"));
    }
}
