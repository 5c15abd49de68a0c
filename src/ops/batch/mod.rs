//! Checking many orders: the engine behind `status check` and `reconcile`: bounded concurrency, an optional rate
//! cap, retries, journal writes, a progress bar, and a graceful stop on Ctrl-C (no new work, the
//! checks in flight finish, their results are written).

pub mod input;

use super::check::{RateLimiter, RetryPolicy, check_with_retries};
use crate::error::{Error, Result};
use crate::http::HttpClient;
use crate::journal::{JournalWriter, Release, StatusUpdate};
use crate::model::StatusRecord;
use crate::output;
use crate::providers::Gateway;
use indicatif::ProgressBar;
use input::{Item, Job};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

/// Everything a batch run needs besides its input.
pub struct Batch {
    pub http: HttpClient,
    pub gateway: Arc<dyn Gateway>,
    pub profile: String,
    pub journal: Option<Arc<JournalWriter>>,
    /// Set when the orders were claimed (`--pending`): a failed check gives its lease back.
    pub claim_owner: Option<String>,
    pub policy: RetryPolicy,
    pub rate: Option<Arc<RateLimiter>>,
    pub concurrency: usize,
    /// Show a progress bar (several orders; the output layer decides whether it can be drawn).
    pub progress: bool,
    /// How many orders there are, when known before they are read (shown in the progress bar).
    pub total: Option<u64>,
}

/// One finished order.
pub struct Done<T> {
    pub id: String,
    pub extra: T,
    pub result: Result<StatusRecord>,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub done: u64,
    pub errors: u64,
    pub retries: u64,
    pub by_status: BTreeMap<&'static str, u64>,
    pub interrupted: bool,
    /// The input broke off here (a malformed line); everything before it was checked.
    pub input_error: Option<Error>,
    pub elapsed: Duration,
}

impl Summary {
    /// The one line printed on stderr at the end of a batch.
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 { self.done as f64 / secs } else { 0.0 };
        let mut parts: Vec<String> = self.by_status.iter().map(|(s, n)| format!("{n} {s}")).collect();
        parts.push(output::count(self.errors, "error", "errors"));
        let orders = output::count(self.done, "order", "orders");
        let mut line = format!("checked {orders} in {secs:.1}s ({rate:.1}/s): {}", parts.join(", "));
        if self.retries > 0 {
            line.push_str(&format!("; {}", output::count(self.retries, "retry", "retries")));
        }
        if self.interrupted {
            line.push_str("; interrupted: no new orders were started, the ones in flight finished");
        }
        line
    }
}

impl Batch {
    /// Checks every order from `input`, calling `on_done` as each finishes (in completion order).
    /// `interrupts` counts Ctrl-Cs: the first stops taking new orders.
    pub async fn run<T: Send + 'static>(
        &self,
        mut input: mpsc::Receiver<Item<T>>,
        mut interrupts: watch::Receiver<u32>,
        mut on_done: impl FnMut(Done<T>, &ProgressBar) -> Result<()>,
    ) -> Result<Summary> {
        let started = Instant::now();
        let bar = self.progress_bar();
        let mut summary = Summary::default();
        let mut tasks: JoinSet<(Done<T>, u32)> = JoinSet::new();
        let mut input_open = true;
        summary.interrupted = *interrupts.borrow() > 0;
        let mut listening = !summary.interrupted;
        loop {
            if tasks.is_empty() && (!input_open || summary.interrupted) {
                break;
            }
            let can_start = input_open && !summary.interrupted && tasks.len() < self.concurrency;
            tokio::select! {
                biased;
                changed = interrupts.changed(), if listening => {
                    // A closed channel means nobody will ever interrupt: stop listening.
                    listening = false;
                    if changed.is_ok() {
                        summary.interrupted = true;
                        output::note(format_args!("interrupted: finishing {} in flight (Ctrl-C again to quit now)", output::count(tasks.len() as u64, "check", "checks")));
                    }
                }
                Some(joined) = tasks.join_next(), if !tasks.is_empty() => {
                    let (done, retries) = joined.map_err(|e| Error::internal(format!("a status check panicked: {e}")))?;
                    summary.done += 1;
                    summary.retries += u64::from(retries);
                    match &done.result {
                        Ok(r) => *summary.by_status.entry(r.order.status.as_str()).or_default() += 1,
                        Err(_) => summary.errors += 1,
                    }
                    bar.inc(1);
                    if let Err(e) = on_done(done, &bar) {
                        output::clear_progress(&bar);
                        return Err(e);
                    }
                }
                item = input.recv(), if can_start => match item {
                    Some(Ok(job)) => self.start(&mut tasks, job),
                    Some(Err(e)) => {
                        summary.input_error = Some(e);
                        input_open = false;
                    }
                    None => input_open = false,
                },
                else => break,
            }
        }
        // Dropping the receiver tells the input thread to stop reading.
        drop(input);
        output::clear_progress(&bar);
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    /// Commits what the journal writer still holds; call before the summary is printed.
    pub fn finish(self) {
        if let Some(writer) = self.journal.and_then(|j| Arc::try_unwrap(j).ok()) {
            writer.finish();
        }
    }

    fn start<T: Send + 'static>(&self, tasks: &mut JoinSet<(Done<T>, u32)>, job: Job<T>) {
        let http = self.http.clone();
        let gateway = self.gateway.clone();
        let policy = self.policy.clone();
        let rate = self.rate.clone();
        let journal = self.journal.clone();
        let profile = self.profile.clone();
        let owner = self.claim_owner.clone();
        tasks.spawn(async move {
            let checked = check_with_retries(&http, gateway.as_ref(), &job.query, &policy, rate.as_deref()).await;
            match (&journal, &checked.result, owner) {
                (Some(j), Ok(record), _) => {
                    j.record(StatusUpdate::from_status(&profile, record, &job.query.id, chrono::Utc::now())).await
                }
                (Some(j), Err(_), Some(owner)) => {
                    j.release(Release { profile, order_id: job.query.id.clone(), owner }).await
                }
                _ => {}
            }
            (Done { id: job.query.id, extra: job.extra, result: checked.result }, checked.retries)
        });
    }

    fn progress_bar(&self) -> ProgressBar {
        if self.progress { output::progress_bar(self.total, "checked") } else { ProgressBar::hidden() }
    }
}
