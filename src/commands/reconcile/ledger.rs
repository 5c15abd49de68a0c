//! Reading the merchant's ledger CSV lazily, one row at a time.

use crate::error::{Error, Result};
use crate::ops::batch::input::Job;
use crate::providers::StatusQuery;
use rust_decimal::Decimal;
use std::path::Path;

/// Ledger column names (`--order-id-column` and friends).
pub struct Columns {
    pub order_id: String,
    pub amount: String,
    pub currency: String,
    pub status: String,
}

/// One ledger row as the merchant booked it.
#[derive(Debug, Clone, Default)]
pub struct LedgerRow {
    pub order_id: String,
    /// The amount as written, and whether it is a decimal.
    pub amount_text: String,
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    /// `None` when the ledger has no status column: every row then counts as booked paid.
    pub status: Option<String>,
}

impl LedgerRow {
    /// Whether the merchant's books say the customer paid.
    pub fn booked_paid(&self) -> bool {
        match &self.status {
            None => true,
            Some(s) => matches!(
                s.trim().to_ascii_lowercase().as_str(),
                "paid" | "success" | "succeeded" | "settled" | "completed" | "complete" | "captured"
            ),
        }
    }
}

struct Indexes {
    order_id: usize,
    amount: usize,
    currency: Option<usize>,
    status: Option<usize>,
}

/// Opens the ledger and checks its header now (a usage error before anything is sent); the rows
/// are read as the batch asks for them.
pub fn open(path: &Path, columns: &Columns) -> Result<impl Iterator<Item = Result<Job<LedgerRow>>> + Send + use<>> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::usage(format!("cannot read --ledger {shown}: {e}")))?;
    let file = crate::bounded::LineCapped::new(file, crate::bounded::LEDGER_LINE_BYTES);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(file);
    let header = reader.headers().map_err(|e| Error::usage(format!("{shown}: cannot read the CSV header: {e}")))?;
    let find = |name: &str| header.iter().position(|h| h.trim_start_matches('\u{feff}') == name);
    let need = |name: &str, flag: &str| {
        find(name).ok_or_else(|| {
            Error::usage(format!("{shown}: the header has no `{name}` column"))
                .with_hint(format!("name the column with {flag}"))
        })
    };
    let idx = Indexes {
        order_id: need(&columns.order_id, "--order-id-column")?,
        amount: need(&columns.amount, "--amount-column")?,
        currency: find(&columns.currency),
        status: find(&columns.status),
    };
    let mut records = reader.into_records();
    let mut failed = false;
    Ok(std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let item = match records.next()? {
            Err(e) => Err(Error::usage(format!("{shown}: {e}"))),
            Ok(rec) => row(&rec, &idx).map_err(|e| Error::usage(format!("{shown}:{}: {e}", line(&rec)))),
        };
        failed = item.is_err();
        Some(item.map(|r| Job { query: StatusQuery::new(r.order_id.clone(), None), extra: r }))
    }))
}

fn line(rec: &csv::StringRecord) -> u64 {
    rec.position().map_or(0, |p| p.line())
}

fn row(rec: &csv::StringRecord, idx: &Indexes) -> std::result::Result<LedgerRow, String> {
    let field = |i: usize| rec.get(i).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let order_id = field(idx.order_id).ok_or("the order id is empty")?;
    let order_id = crate::values::order_id(&order_id)
        .map_err(|why| format!("the order id {} is {why}", crate::values::shown(&order_id)))?;
    let amount_text = field(idx.amount).unwrap_or_default();
    Ok(LedgerRow {
        order_id,
        amount: crate::money::parse_amount(&amount_text).ok(),
        amount_text,
        currency: idx.currency.and_then(field),
        status: idx.status.map(|i| field(i).unwrap_or_default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Columns {
        Columns {
            order_id: "order_id".into(),
            amount: "amount".into(),
            currency: "currency".into(),
            status: "status".into(),
        }
    }

    #[test]
    fn rows_with_and_without_optional_columns() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.csv");
        std::fs::write(&p, "order_id,amount,status\nA, 150000 ,paid\nB,x,\n,5,paid\nC,1,paid\n").unwrap();
        let rows: Vec<_> = open(&p, &cols()).unwrap().collect();
        assert_eq!(rows.len(), 3, "stops at the bad row");
        let a = &rows[0].as_ref().unwrap().extra;
        assert_eq!((a.order_id.as_str(), a.amount.map(|d| d.to_string())), ("A", Some("150000".into())));
        assert!(a.booked_paid() && a.currency.is_none());
        let b = &rows[1].as_ref().unwrap().extra;
        assert!(b.amount.is_none() && !b.booked_paid());
        assert!(rows[2].as_ref().err().unwrap().message.contains(":4:"), "{}", rows[2].as_ref().err().unwrap().message);

        std::fs::write(&p, "\u{feff}order_id,amount\nA\u{1},1\n").unwrap();
        let rows: Vec<_> = open(&p, &cols()).unwrap().collect();
        assert!(rows[0].as_ref().err().unwrap().message.contains("control character"), "BOM header read, id refused");
        std::fs::write(&p, format!("order_id,amount\nA,{}\n", "9".repeat(100_000))).unwrap();
        let rows: Vec<_> = open(&p, &cols()).unwrap().collect();
        assert!(rows[0].as_ref().err().unwrap().message.contains("longer than 64 KiB"), "{:?}", rows[0].as_ref().err());

        std::fs::write(&p, "ref,total\nA,1\n").unwrap();
        assert!(open(&p, &cols()).is_err(), "no order_id column");
        let renamed = Columns { order_id: "ref".into(), amount: "total".into(), ..cols() };
        let rows: Vec<_> = open(&p, &renamed).unwrap().collect();
        assert!(rows[0].as_ref().unwrap().extra.booked_paid(), "no status column: booked");
    }
}
