//! `paycli status check`: one order, or a batch (`--from`, `--pending`, several ids) run by the
//! batch engine with bounded concurrency, retries and a graceful Ctrl-C.

use super::App;
use crate::cli::StatusArgs;
use crate::error::{Error, ErrorKind, Result};
use crate::journal::{Claim, OrderFilter, claimed_orders};
use crate::model::{Status, StatusRecord};
use crate::ops::batch::Done;
use crate::ops::batch::input::{self, IdReader, Item, Job, journal_pages};
use crate::output;
use crate::providers::{Gateway, StatusExtra, StatusQuery, zenospay};
use chrono::Utc;
use std::sync::Arc;
use tokio::sync::mpsc;

pub async fn run(app: &App, args: StatusArgs) -> Result<u8> {
    // clap's `requires` counts --pending's default (false) as given, so this is checked here.
    if !args.pending {
        let given = [("--older-than", args.older_than.is_some()), ("--recheck-after", args.recheck_after.is_some())];
        if let Some((flag, _)) = given.iter().find(|(_, given)| *given) {
            return Err(Error::usage(format!("{flag} works only with --pending"))
                .with_hint("add --pending to check the journal's open orders"));
        }
    }
    let (profile, gateway) = app.gateway()?;
    let gateway: Arc<dyn Gateway> = Arc::from(gateway);
    if args.ids.is_empty() && args.from.is_none() && !args.pending {
        return Err(Error::usage("no order ids given")
            .with_hint("pass ids as arguments, --from FILE (- for stdin) or --pending"));
    }
    let many = args.ids.len() > 1 || args.from.is_some() || args.pending;
    if args.rrn.is_some() && many {
        return Err(Error::usage("--rrn goes with a single order id"));
    }
    let expect = args.expect;
    let (input, claim) = jobs(app, &args, &profile.name)?;
    if args.dry_run {
        return dry_run(input, gateway.as_ref(), many).await;
    }
    let mut batch = app.batch(&args.batch, gateway, &profile, many)?;
    batch.claim_owner = claim.as_ref().map(|c| c.owner.clone());
    if args.from.is_none() && !args.pending {
        batch.total = Some(args.ids.len() as u64);
    }
    let interrupts = if many { app.handle_interrupts() } else { tokio::sync::watch::channel(0).1 };
    let mut sink = app.sink::<StatusRecord>(many);
    let mut worst = 0u8;
    let mut single_error = None;
    let summary = batch
        .run(input, interrupts, |done: Done<()>, _bar| {
            match done.result {
                Ok(record) => {
                    if expect.is_some_and(|want| record.order.status != want) {
                        worst = worst.max(ErrorKind::Expectation.exit_code());
                    }
                    sink.push(&record)?;
                }
                Err(e) if many => {
                    worst = worst.max(e.exit_code());
                    sink.push_error(&done.id, &e)?;
                }
                Err(e) => single_error = Some(e),
            }
            Ok(())
        })
        .await?;
    batch.finish();
    if let Some(claim) = &claim {
        release_unchecked(app, claim);
    }
    if let Some(e) = single_error {
        return Err(e);
    }
    sink.finish()?;
    if let Some(e) = &summary.input_error {
        output::error(e);
        worst = worst.max(e.exit_code());
    }
    if many {
        output::note(summary.line());
    }
    if summary.interrupted {
        worst = worst.max(ErrorKind::Interrupted.exit_code());
    }
    if worst == ErrorKind::Expectation.exit_code() {
        output::note(format_args!("not every order is {}", args.expect.map_or("", Status::as_str)));
    }
    Ok(worst)
}

/// Orders claimed but never started (Ctrl-C, an error ending the run) go back at once instead of
/// waiting for their lease to end.
fn release_unchecked(app: &App, claim: &Claim) {
    if let Some(mut journal) = app.journal()
        && let Err(e) = journal.release_all(&claim.owner)
    {
        crate::journal::warn(&e);
    }
}

type Jobs = (mpsc::Receiver<Item<()>>, Option<Claim>);

fn jobs(app: &App, args: &StatusArgs, profile: &str) -> Result<Jobs> {
    if args.pending {
        let journal = app.required_journal("--pending")?;
        let now = Utc::now();
        let before = args.older_than.map(|d| now - d);
        let to_job = |row: Result<crate::journal::OrderRow>| {
            row.map(|r| Job { query: StatusQuery::new(r.order_id, r.provider_ref), extra: () })
        };
        if args.dry_run {
            let filter = OrderFilter {
                profile: Some(profile.to_string()),
                statuses: vec!["pending".into(), "unknown".into()],
                before,
                ..Default::default()
            };
            return Ok((input::spawn(journal_pages(journal, filter).map(to_job), None), None));
        }
        let cutoff = args.recheck_after.map_or(now, |d| now - d);
        let lease = args.lease.to_std().expect("durations from the command line are positive");
        let claim = Claim::new(profile, before, cutoff, lease);
        // Claim what the workers can start soon (a claim is one transaction: not one per order);
        // the rest stays free for other hosts.
        let workers = usize::from(args.batch.concurrency);
        let block = (workers * 8).clamp(16, 500);
        let rows = claimed_orders(journal, claim.clone(), block).map(to_job);
        return Ok((input::spawn_with_queue(rows, None, workers), Some(claim)));
    }
    let lookup = app.journal().map(|j| (j, profile.to_string()));
    let extra = match &args.rrn {
        Some(rrn) => StatusExtra::Zenospay(zenospay::StatusOptions { rrn: rrn.clone() }),
        None => StatusExtra::None,
    };
    let positional = args.ids.clone().into_iter().map(move |id| {
        let mut job = input::job(id);
        job.query.extra = extra.clone();
        Ok(job)
    });
    let from: Box<dyn Iterator<Item = Result<Job<()>>> + Send> = match &args.from {
        Some(f) => Box::new(IdReader::new(input::open(f)?, f).map(|r| r.map(input::job))),
        None => Box::new(std::iter::empty()),
    };
    Ok((input::spawn(positional.chain(from), lookup), None))
}

async fn dry_run(mut input: mpsc::Receiver<Item<()>>, gateway: &dyn Gateway, many: bool) -> Result<u8> {
    let mut reqs = Vec::new();
    while let Some(item) = input.recv().await {
        reqs.push(gateway.status_request(&item?.query, Utc::now())?.dry_run_json());
    }
    let shown = if many { serde_json::Value::Array(reqs) } else { reqs.into_iter().next().unwrap_or_default() };
    output::print_exact(&(serde_json::to_string_pretty(&shown).expect("json") + "\n"))?;
    Ok(0)
}
