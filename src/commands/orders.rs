//! `paycli orders list`: what the journal knows, in every output format.

use super::App;
use crate::cli::{OrdersCommand, OrdersListArgs};
use crate::error::{Error, Result};
use crate::journal::OrderFilter;
use crate::ops::batch::input::journal_pages;
use chrono::Utc;

pub fn run(app: &App, cmd: OrdersCommand) -> Result<u8> {
    match cmd {
        OrdersCommand::List(args) => list(app, args),
    }
}

fn list(app: &App, args: OrdersListArgs) -> Result<u8> {
    let journal = app.required_journal("orders list")?;
    let filter = OrderFilter {
        profile: args.of_profile,
        provider: args.provider,
        statuses: args.status,
        since: args.since.as_deref().map(since).transpose()?,
        before: None,
    };
    let mut sink = app.sink::<crate::journal::OrderRow>(true);
    for row in journal_pages(journal, filter) {
        sink.push(&row?)?;
    }
    sink.finish()?;
    Ok(0)
}

/// `--since 2h` (that long ago) or `--since 2024-07-30T08:00:00Z`.
fn since(text: &str) -> Result<chrono::DateTime<Utc>> {
    if text.trim().starts_with(|c: char| c.is_ascii_digit()) && text.contains('-') {
        return super::parse_time_arg("--since", text);
    }
    let d = super::parse_chrono_duration("--since", text)?;
    Utc::now().checked_sub_signed(d).ok_or_else(|| Error::usage("--since reaches before the year 1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_durations_and_times() {
        let two_hours = since("2h").unwrap();
        assert!((Utc::now() - two_hours - chrono::Duration::hours(2)).num_seconds().abs() < 5);
        assert_eq!(since("2024-07-30T08:00:00Z").unwrap().to_rfc3339(), "2024-07-30T08:00:00+00:00");
        assert!(since("yesterday").is_err());
        assert!(since("99999999999d").unwrap_err().message.contains("too long"));
    }
}
