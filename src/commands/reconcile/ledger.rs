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
#[derive(Debug, Clone)]
pub struct LedgerRow {
    pub order_id: String,
    /// The amount as written, and what it is: a decimal, or why it is refused and what to write
    /// (`150.000` in a rupiah ledger is ambiguous: the same rule as `checkout create --amount`).
    pub amount_text: String,
    pub amount: std::result::Result<Decimal, String>,
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
/// are read as the batch asks for them. An amount is read in the row's currency column, else in
/// `currency` (the provider's).
pub fn open(
    path: &Path,
    columns: &Columns,
    currency: &str,
) -> Result<impl Iterator<Item = Result<Job<LedgerRow>>> + Send + use<>> {
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
    let currency = currency.to_string();
    let mut records = reader.into_records();
    let mut failed = false;
    Ok(std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let item = match records.next()? {
            Err(e) => Err(Error::usage(format!("{shown}: {e}"))),
            Ok(rec) => row(&rec, &idx, &currency).map_err(|e| Error::usage(format!("{shown}:{}: {e}", line(&rec)))),
        };
        failed = item.is_err();
        Some(item.map(|r| Job { query: StatusQuery::new(r.order_id.clone(), None), extra: r }))
    }))
}

fn line(rec: &csv::StringRecord) -> u64 {
    rec.position().map_or(0, |p| p.line())
}

fn row(rec: &csv::StringRecord, idx: &Indexes, default_currency: &str) -> std::result::Result<LedgerRow, String> {
    let field = |i: usize| rec.get(i).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let order_id = field(idx.order_id).ok_or("the order id is empty")?;
    let order_id = crate::values::order_id(&order_id)
        .map_err(|why| format!("the order id {} is {why}", crate::values::shown(&order_id)))?;
    let amount_text = field(idx.amount).unwrap_or_default();
    let currency = idx.currency.and_then(field);
    let amount = crate::money::parse_amount_in(&amount_text, currency.as_deref().unwrap_or(default_currency)).map_err(
        |e| match e.hint {
            Some(hint) => format!("the ledger {}: {hint}", e.message),
            None => format!("the ledger {}", e.message),
        },
    );
    Ok(LedgerRow { order_id, amount, amount_text, currency, status: idx.status.map(|i| field(i).unwrap_or_default()) })
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
        let rows: Vec<_> = open(&p, &cols(), "IDR").unwrap().collect();
        assert_eq!(rows.len(), 3, "stops at the bad row");
        let a = &rows[0].as_ref().unwrap().extra;
        assert_eq!((a.order_id.as_str(), a.amount.as_ref().map(|d| d.to_string())), ("A", Ok("150000".into())));
        assert!(a.booked_paid() && a.currency.is_none());
        let b = &rows[1].as_ref().unwrap().extra;
        assert!(b.amount.is_err() && !b.booked_paid());
        assert!(rows[2].as_ref().err().unwrap().message.contains(":4:"), "{}", rows[2].as_ref().err().unwrap().message);

        std::fs::write(&p, "\u{feff}order_id,amount\nA\u{1},1\n").unwrap();
        let rows: Vec<_> = open(&p, &cols(), "IDR").unwrap().collect();
        assert!(rows[0].as_ref().err().unwrap().message.contains("control character"), "BOM header read, id refused");
        std::fs::write(&p, format!("order_id,amount\nA,{}\n", "9".repeat(100_000))).unwrap();
        let rows: Vec<_> = open(&p, &cols(), "IDR").unwrap().collect();
        assert!(rows[0].as_ref().err().unwrap().message.contains("longer than 64 KiB"), "{:?}", rows[0].as_ref().err());

        std::fs::write(&p, "ref,total\nA,1\n").unwrap();
        assert!(open(&p, &cols(), "IDR").is_err(), "no order_id column");
        let renamed = Columns { order_id: "ref".into(), amount: "total".into(), ..cols() };
        let rows: Vec<_> = open(&p, &renamed, "IDR").unwrap().collect();
        assert!(rows[0].as_ref().unwrap().extra.booked_paid(), "no status column: booked");
    }

    #[test]
    fn amounts_are_read_in_the_rows_currency_else_the_providers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.csv");
        let csv = "order_id,amount,currency\nA,150.000,\nB,150.000,USDT\nC,\"1,500.00\",PHP\nD,Rp150000,\n";
        std::fs::write(&p, csv).unwrap();
        let rows: Vec<LedgerRow> = open(&p, &cols(), "IDR").unwrap().map(|r| r.unwrap().extra).collect();
        assert_eq!(
            rows[0].amount.as_ref().unwrap_err(),
            "the ledger amount \"150.000\" is ambiguous: IDR has no minor unit, so the mark can only group thousands: \
             for Rp 150.000 write 150000"
        );
        assert_eq!(rows[1].amount.as_ref().unwrap().to_string(), "150", "three decimals are USDT's own");
        assert!(rows[2].amount.as_ref().unwrap_err().contains("thousands separator"), "{:?}", rows[2].amount);
        assert!(
            rows[3].amount.as_ref().unwrap_err().contains("--amount 150000 --currency IDR"),
            "{:?}",
            rows[3].amount
        );
        let in_usdt: Vec<LedgerRow> = open(&p, &cols(), "USDT").unwrap().map(|r| r.unwrap().extra).collect();
        assert_eq!(in_usdt[0].amount.as_ref().unwrap().to_string(), "150");
    }
}
