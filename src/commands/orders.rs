//! `paycli orders list`: what the journal knows, in every output format.

use super::App;
use crate::cli::{OrdersCommand, OrdersListArgs};
use crate::error::Result;
use crate::journal::OrderFilter;
use crate::ops::batch::input::journal_pages;

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
        statuses: args.status.iter().map(|s| s.as_str().to_string()).collect(),
        since: args.since,
        before: None,
    };
    let mut sink = app.sink::<crate::journal::OrderRow>(true);
    for row in journal_pages(journal, filter) {
        sink.push(&row?)?;
    }
    sink.finish()?;
    Ok(0)
}
