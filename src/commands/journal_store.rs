//! `paycli journal migrate|copy`: the journal's schema, and moving a journal to another store.

use super::App;
use crate::cli::{JournalCommand, JournalCopyArgs};
use crate::error::{Error, Result};
use crate::journal::{self, Location, PageKey};
use serde::Serialize;
use std::io::{BufRead, Read};

/// Rows per copied transaction.
const COPY_PAGE: usize = 500;

#[derive(Serialize)]
struct Migrated {
    journal: String,
    store: &'static str,
    from_version: i64,
    to_version: i64,
}

#[derive(Serialize)]
struct Copied {
    from: String,
    to: String,
    orders_copied: u64,
    orders_already_there: u64,
    events_copied: u64,
}

impl crate::output::Record for Migrated {
    const COLUMNS: &'static [&'static str] = &["journal", "store", "from_version", "to_version"];
    const KEY: &'static str = "journal";
}

impl crate::output::Record for Copied {
    const COLUMNS: &'static [&'static str] = &["from", "to", "orders_copied", "orders_already_there", "events_copied"];
    const KEY: &'static str = "to";
}

pub fn run(app: &App, cmd: JournalCommand) -> Result<u8> {
    match cmd {
        JournalCommand::Migrate => migrate(app),
        JournalCommand::Copy(args) => copy(app, args),
    }
}

fn location(app: &App) -> Result<Location> {
    app.journal_location()?
        .ok_or_else(|| Error::usage("this command works on the order journal").with_hint("drop --no-journal"))
}

fn migrate(app: &App) -> Result<u8> {
    let location = location(app)?;
    let mut store = journal::open_unmigrated(&location)?;
    let (from, to) = journal::migrate(store.as_mut())?;
    if from == to {
        crate::output::note(format!("{location}: schema version {to} is current; nothing to do"));
    } else {
        crate::output::note(format!("{location}: schema version {from} → {to}"));
    }
    let mut sink = app.sink::<Migrated>(false);
    sink.push(&Migrated { journal: location.shown(), store: location.kind(), from_version: from, to_version: to })?;
    sink.finish()?;
    Ok(0)
}

fn copy(app: &App, args: JournalCopyArgs) -> Result<u8> {
    let from = location(app)?;
    let target_text = if args.to == "-" {
        let mut line = String::new();
        std::io::BufReader::new(std::io::stdin().take(64 * 1024))
            .read_line(&mut line)
            .map_err(|e| Error::usage(format!("--to -: cannot read stdin: {e}")))?;
        line
    } else {
        args.to.clone()
    };
    let to = Location::parse(&target_text, app.global.ca_cert.as_ref())
        .map_err(|e| Error { message: format!("--to: {}", e.message), ..e })?;
    if to == from {
        return Err(Error::usage(format!("--to {to} is the journal itself"))
            .with_hint("PAYCLI_JOURNAL or the config's `journal` names the journal to copy from"));
    }
    let mut source = journal::open(&from)?;
    let mut target = journal::open(&to)?;
    let mut report =
        Copied { from: from.shown(), to: to.shown(), orders_copied: 0, orders_already_there: 0, events_copied: 0 };
    let all = journal::OrderFilter::default();
    let mut after: Option<PageKey> = None;
    loop {
        let rows = source.page(&all, after.as_ref(), COPY_PAGE)?;
        let Some(last) = rows.last() else { break };
        after = Some(last.key());
        let (added, _) = target.import(&rows, &[])?;
        report.orders_copied += added;
        report.orders_already_there += rows.len() as u64 - added;
    }
    let mut after: Option<PageKey> = None;
    loop {
        let events = source.events_page(after.as_ref(), COPY_PAGE)?;
        let Some(last) = events.last() else { break };
        after = Some(PageKey(last.profile.clone(), last.event_key.clone()));
        report.events_copied += target.import(&[], &events)?.1;
    }
    crate::output::note(format!(
        "copied {} orders ({} were already there, kept as they are) and {} callback events from {from} to {to}",
        report.orders_copied, report.orders_already_there, report.events_copied
    ));
    let mut sink = app.sink::<Copied>(false);
    sink.push(&report)?;
    sink.finish()?;
    Ok(0)
}
