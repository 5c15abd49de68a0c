//! `paycli status check`.

use super::App;
use crate::cli::StatusArgs;
use crate::error::{Error, ErrorKind, Result};
use crate::http::HttpClient;
use crate::model::{Status, StatusRecord};
use crate::output::print_error;
use crate::providers::{Gateway, StatusQuery};
use chrono::Utc;
use std::io::BufRead;

pub async fn run(app: &App, args: StatusArgs) -> Result<u8> {
    let (profile, gateway) = app.gateway()?;
    let mut ids = args.ids.clone();
    if let Some(from) = &args.from {
        ids.extend(read_ids(from)?);
    }
    if ids.is_empty() {
        return Err(Error::usage("no order ids given").with_hint("pass ids as arguments or --from FILE (- for stdin)"));
    }
    if args.rrn.is_some() && ids.len() > 1 {
        return Err(Error::usage("--rrn goes with a single order id"));
    }
    let expect = args.expect.as_deref().and_then(Status::parse);
    let many = ids.len() > 1 || args.from.is_some();
    if args.dry_run {
        let reqs = ids
            .iter()
            .map(|id| gateway.status_request(&query(id, &args), Utc::now()).map(|r| r.dry_run_json()))
            .collect::<Result<Vec<_>>>()?;
        let shown = if many { serde_json::Value::Array(reqs) } else { reqs.into_iter().next().expect("one") };
        println!("{}", serde_json::to_string_pretty(&shown).expect("json"));
        return Ok(0);
    }
    let http = app.http(Some(&profile))?;
    let mut sink = app.sink(many);
    let mut worst = 0u8;
    for id in &ids {
        match check_status(&http, gateway.as_ref(), &query(id, &args)).await {
            Ok(record) => {
                if expect.is_some_and(|want| record.status != want) {
                    worst = worst.max(ErrorKind::Expectation.exit_code());
                }
                sink.push(&record)?;
            }
            Err(e) => {
                let e = if many { Error { message: format!("{id}: {}", e.message), ..e } } else { e };
                if !many {
                    return Err(e);
                }
                print_error(&e, app.style);
                worst = worst.max(e.exit_code());
            }
        }
    }
    sink.finish()?;
    if worst == ErrorKind::Expectation.exit_code() {
        eprintln!("not every order is {}", args.expect.as_deref().unwrap_or_default());
    }
    Ok(worst)
}

fn query(id: &str, args: &StatusArgs) -> StatusQuery {
    StatusQuery { id: id.to_string(), provider_ref: None, rrn: args.rrn.clone() }
}

/// Signs, sends and reads one status query: shared with `callback verify --requery` and `demo`.
pub async fn check_status(http: &HttpClient, gateway: &dyn Gateway, query: &StatusQuery) -> Result<StatusRecord> {
    let req = gateway.status_request(query, Utc::now())?;
    let resp = http.send(&req).await?;
    gateway.status_response(query, &resp)
}

/// Order ids from a file or stdin: one a line, CSV with an `order_id` column, or NDJSON.
pub fn read_ids(from: &str) -> Result<Vec<String>> {
    let reader: Box<dyn BufRead> = if from == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(from).map_err(|e| Error::usage(format!("cannot read --from {from}: {e}")))?;
        Box::new(std::io::BufReader::new(f))
    };
    parse_ids(reader, from)
}

pub fn parse_ids(reader: impl BufRead, source: &str) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    let mut csv_column: Option<usize> = None;
    let mut first = true;
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::usage(format!("{source}: {e}")))?;
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with('{') {
            let v: serde_json::Value =
                serde_json::from_str(t).map_err(|e| Error::usage(format!("{source}:{}: not JSON: {e}", n + 1)))?;
            let id = v
                .get("order_id")
                .or_else(|| v.get("id"))
                .and_then(|x| x.as_str())
                .ok_or_else(|| Error::usage(format!("{source}:{}: the JSON line has no order_id", n + 1)))?;
            ids.push(id.to_string());
        } else if first && t.contains(',') {
            let header = split_csv(t)?;
            let col = header
                .iter()
                .position(|h| h.trim() == "order_id")
                .ok_or_else(|| Error::usage(format!("{source}: the CSV header has no order_id column")))?;
            csv_column = Some(col);
        } else if let Some(col) = csv_column {
            let fields = split_csv(t)?;
            let id = fields
                .get(col)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::usage(format!("{source}:{}: no order_id in this row", n + 1)))?;
            ids.push(id.to_string());
        } else {
            ids.push(t.to_string());
        }
        first = false;
    }
    Ok(ids)
}

fn split_csv(line: &str) -> Result<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
    let rec = r.records().next().transpose().map_err(|e| Error::usage(format!("bad CSV line: {e}")))?;
    Ok(rec.map(|r| r.iter().map(str::to_string).collect()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_files_in_three_shapes() {
        assert_eq!(parse_ids("A\n\nB\n# c\n".as_bytes(), "f").unwrap(), ["A", "B"]);
        assert_eq!(parse_ids("amount,order_id\n5,A\n6,\"B\"\n".as_bytes(), "f").unwrap(), ["A", "B"]);
        assert_eq!(parse_ids("{\"order_id\":\"A\"}\n{\"id\":\"B\"}\n".as_bytes(), "f").unwrap(), ["A", "B"]);
        assert!(parse_ids("amount,id\n5,A\n".as_bytes(), "f").is_err());
        assert!(parse_ids("{\"x\":1}\n".as_bytes(), "f").is_err());
    }
}
