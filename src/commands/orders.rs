//! `paycli orders list`: what the journal knows, in every output format.

use super::App;
use crate::cli::{OrdersCommand, OrdersListArgs};
use crate::error::{Error, Result};
use crate::journal::{Journal, OrderFilter};
use crate::ops::batch::input::JournalPages;

pub fn run(app: &App, cmd: OrdersCommand) -> Result<u8> {
    match cmd {
        OrdersCommand::List(args) => list(app, args),
    }
}

fn list(app: &App, args: OrdersListArgs) -> Result<u8> {
    let path = app
        .journal_path()
        .ok_or_else(|| Error::usage("orders list reads the order journal").with_hint("drop --no-journal"))?;
    let journal = Journal::open(&path).map_err(|e| Error::config(e.message))?;
    let filter = OrderFilter {
        profile: args.of_profile,
        provider: args.provider,
        statuses: args.status.iter().map(|s| s.as_str().to_string()).collect(),
        since: args.since,
        before: None,
    };
    let mut sink = app.sink::<crate::journal::OrderRow>(true);
    for row in JournalPages::new(journal, filter) {
        sink.push(&row?)?;
    }
    sink.finish()?;
    Ok(0)
}
