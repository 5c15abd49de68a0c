//! One ledger row plus the provider's answer gives exactly one class.

use super::LedgerRow;
use crate::error::Result;
use crate::model::{OrderFacts, Status, StatusRecord};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Match,
    /// The provider has it paid, the ledger does not: most likely a lost callback.
    PaidNotBooked,
    /// The ledger has it paid, the provider does not: goods may have left unpaid.
    BookedNotPaid,
    AmountMismatch,
    CurrencyMismatch,
    NotFound,
    Error,
}

impl Class {
    pub const ALL: [Class; 7] = [
        Class::Match,
        Class::PaidNotBooked,
        Class::BookedNotPaid,
        Class::AmountMismatch,
        Class::CurrencyMismatch,
        Class::NotFound,
        Class::Error,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Match => "match",
            Class::PaidNotBooked => "paid_not_booked",
            Class::BookedNotPaid => "booked_not_paid",
            Class::AmountMismatch => "amount_mismatch",
            Class::CurrencyMismatch => "currency_mismatch",
            Class::NotFound => "not_found",
            Class::Error => "error",
        }
    }
}

/// One line of the reconcile report; the same fields in every output format.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    pub order_id: String,
    pub class: Class,
    pub ledger_amount: String,
    pub ledger_currency: Option<String>,
    pub ledger_status: Option<String>,
    pub status: Option<Status>,
    pub provider_status: Option<String>,
    pub provider_amount: Option<String>,
    pub provider_currency: Option<String>,
    pub provider_ref: Option<String>,
    /// Why the row is not a match, in words.
    pub detail: Option<String>,
}

impl crate::output::Record for ReportRow {
    const COLUMNS: &'static [&'static str] = &[
        "order_id",
        "class",
        "ledger_amount",
        "ledger_currency",
        "ledger_status",
        "status",
        "provider_status",
        "provider_amount",
        "provider_currency",
        "provider_ref",
        "detail",
    ];
    const TABLE_FIRST: &'static [&'static str] = &["order_id", "class", "detail", "ledger_amount", "provider_amount"];
}

/// Status first (is money where the books say it is?), then currency, then amount: a different
/// currency makes the amounts incomparable.
pub fn classify(ledger: &LedgerRow, answer: &Result<StatusRecord>) -> ReportRow {
    let mut row = ReportRow {
        order_id: ledger.order_id.clone(),
        class: Class::Match,
        ledger_amount: ledger.amount_text.clone(),
        ledger_currency: ledger.currency.clone(),
        ledger_status: ledger.status.clone(),
        status: None,
        provider_status: None,
        provider_amount: None,
        provider_currency: None,
        provider_ref: None,
        detail: None,
    };
    let record = match answer {
        Ok(r) => r,
        Err(e) => {
            row.class = if e.not_found { Class::NotFound } else { Class::Error };
            row.detail = Some(e.message.clone());
            return row;
        }
    };
    let record = &record.order;
    row.status = Some(record.status);
    row.provider_status = record.provider_status.clone();
    row.provider_amount = record.amount.map(|a| a.to_string());
    row.provider_currency = record.currency.clone();
    row.provider_ref = record.provider_ref.clone();
    let (class, detail) = judge(ledger, record);
    row.class = class;
    row.detail = detail;
    row
}

fn judge(ledger: &LedgerRow, record: &OrderFacts) -> (Class, Option<String>) {
    let booked = match &ledger.amount {
        Ok(booked) => *booked,
        Err(why) => return (Class::Error, Some(why.clone())),
    };
    let paid = record.status == Status::Paid;
    match (ledger.booked_paid(), paid) {
        (false, true) => return (Class::PaidNotBooked, Some("the provider has it paid; the ledger does not".into())),
        (true, false) => {
            let why = format!("the ledger has it paid; the provider says {}", record.status.as_str());
            return (Class::BookedNotPaid, Some(why));
        }
        _ => {}
    }
    if let (Some(ours), Some(theirs)) = (&ledger.currency, &record.currency)
        && !ours.eq_ignore_ascii_case(theirs)
    {
        return (Class::CurrencyMismatch, Some(format!("the ledger says {ours}, the provider {theirs}")));
    }
    match record.amount {
        Some(theirs) if theirs.normalize() != booked.normalize() => {
            (Class::AmountMismatch, Some(format!("the ledger says {booked}, the provider {theirs}")))
        }
        _ => (Class::Match, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use rust_decimal::Decimal;

    fn ledger(amount: &str, currency: Option<&str>, status: Option<&str>) -> LedgerRow {
        LedgerRow {
            order_id: "A".into(),
            amount_text: amount.into(),
            amount: crate::money::parse_amount_in(amount, currency.unwrap_or("IDR")).map_err(|e| e.message),
            currency: currency.map(str::to_string),
            status: status.map(str::to_string),
        }
    }

    fn answer(status: Status, amount: i64) -> Result<StatusRecord> {
        let order = OrderFacts {
            status,
            amount: Some(Decimal::from(amount)),
            currency: Some("IDR".into()),
            ..OrderFacts::default()
        };
        Ok(StatusRecord::new("cashy", "p", order))
    }

    fn class(l: &LedgerRow, a: &Result<StatusRecord>) -> Class {
        classify(l, a).class
    }

    #[test]
    fn report_rows_declare_their_columns() {
        crate::output::assert_columns(&classify(&ledger("5", None, None), &answer(Status::Paid, 5)));
    }

    #[test]
    fn every_class() {
        let paid = answer(Status::Paid, 150000);
        assert_eq!(class(&ledger("150000", Some("IDR"), Some("paid")), &paid), Class::Match);
        assert_eq!(class(&ledger("150000.00", None, None), &paid), Class::Match, "no status column: booked");
        assert_eq!(class(&ledger("150000", None, Some("pending")), &answer(Status::Pending, 150000)), Class::Match);
        assert_eq!(class(&ledger("150000", None, Some("open")), &paid), Class::PaidNotBooked);
        assert_eq!(
            class(&ledger("150000", None, Some("PAID")), &answer(Status::Pending, 150000)),
            Class::BookedNotPaid
        );
        assert_eq!(class(&ledger("150000", None, None), &answer(Status::Expired, 150000)), Class::BookedNotPaid);
        assert_eq!(class(&ledger("150001", None, Some("paid")), &paid), Class::AmountMismatch);
        assert_eq!(class(&ledger("150000", Some("PHP"), Some("paid")), &paid), Class::CurrencyMismatch);
        assert_eq!(class(&ledger("15x", None, Some("paid")), &paid), Class::Error);
        let missing: Result<StatusRecord> = Err(Error::provider("no such order").not_found());
        assert_eq!(class(&ledger("1", None, None), &missing), Class::NotFound);
        let down: Result<StatusRecord> = Err(Error::network("cannot connect"));
        let row = classify(&ledger("1", None, None), &down);
        assert_eq!((row.class, row.detail.as_deref()), (Class::Error, Some("cannot connect")));
    }

    #[test]
    fn status_outranks_currency_and_currency_outranks_amount() {
        let paid = answer(Status::Paid, 150000);
        assert_eq!(class(&ledger("1", Some("PHP"), Some("pending")), &paid), Class::PaidNotBooked);
        assert_eq!(class(&ledger("1", Some("PHP"), Some("paid")), &paid), Class::CurrencyMismatch);
    }
}
