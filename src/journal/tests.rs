//! The journal's behaviour, the same tests against both stores: SQLite in a temp directory and a
//! real PostgreSQL server (tests/support/pg_cluster.rs starts one; the tests fail without it).

#[path = "../../tests/support/pg_cluster.rs"]
mod pg_cluster;

use super::*;
use crate::model::{CheckoutRecord, Status};
use rust_decimal::Decimal;

/// A fresh, empty journal of one kind; `_dir` keeps an SQLite file's directory alive.
struct Fixture {
    location: Location,
    _dir: Option<tempfile::TempDir>,
}

impl Fixture {
    fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        Fixture { location: Location::Sqlite(dir.path().join("j.sqlite3")), _dir: Some(dir) }
    }

    fn postgres() -> Fixture {
        let url = pg_cluster::cluster().new_database("journal");
        Fixture { location: Location::parse(&url, None).unwrap(), _dir: None }
    }

    fn open(&self) -> Journal {
        open(&self.location).unwrap()
    }
}

/// Runs each test body once per store: `name::sqlite` and `name::postgres`.
macro_rules! both_stores {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(&super::Fixture::sqlite());
            }
            #[test]
            fn postgres() {
                super::$name(&super::Fixture::postgres());
            }
        }
    )*};
}

both_stores!(
    checkout_then_status_keeps_what_the_checkout_knew,
    schema_is_migrated_and_newer_journals_are_refused,
    filters_and_paging,
    paging_does_not_skip_an_order_id_used_by_two_profiles,
    concurrent_writers_lose_nothing,
    the_writer_commits_everything_before_finishing,
    a_callback_event_is_recorded_once,
    claims_split_due_orders_and_leases_expire,
    a_failed_check_is_released_and_not_due_again_this_round,
    renewing_extends_live_leases_only,
    statuses_move_forward_only,
    a_late_retry_of_an_earlier_event_does_not_turn_a_paid_order_back,
    a_live_run_keeps_its_leases_past_their_length,
    copy_moves_every_row_and_keeps_rows_already_there,
    a_write_probe_leaves_nothing_behind,
);

fn checkout(order: &str) -> CheckoutRecord {
    CheckoutRecord {
        provider: "cashy".into(),
        profile: "p".into(),
        order_id: order.into(),
        provider_ref: Some(format!("REF-{order}")),
        status: Status::Pending,
        provider_status: None,
        amount: Some(Decimal::new(15000050, 2)),
        currency: Some("IDR".into()),
        checkout_url: Some("http://x/pay".into()),
        expires_at: None,
        created_at: Some(Utc::now() - chrono::Duration::hours(1)),
    }
}

fn update(order: &str, status: Status) -> StatusUpdate {
    StatusUpdate {
        profile: "p".into(),
        provider: "cashy".into(),
        order_id: order.into(),
        facts: OrderFacts {
            order_id: Some(order.into()),
            provider_ref: Some("OTHER".into()),
            status,
            provider_status: Some(status.as_str().to_uppercase()),
            amount: Some(Decimal::ONE),
            currency: Some("IDR".into()),
            ..Default::default()
        },
        source: "status",
        at: Utc::now(),
        event: None,
    }
}

fn ids(rows: &[OrderRow]) -> Vec<&str> {
    rows.iter().map(|r| r.order_id.as_str()).collect()
}

fn checkout_then_status_keeps_what_the_checkout_knew(f: &Fixture) {
    let mut j = f.open();
    j.record_checkout(&checkout("A")).unwrap();
    let before = j.get("p", "A").unwrap().unwrap();
    assert_eq!((before.status.as_str(), before.amount.as_deref(), before.checks), ("pending", Some("150000.50"), 0));
    assert_eq!(j.provider_ref("p", "A").unwrap().as_deref(), Some("REF-A"));
    assert_eq!(j.provider_ref("other-profile", "A").unwrap(), None);

    j.record_many(&[update("A", Status::Pending)], &[]).unwrap();
    let same = j.get("p", "A").unwrap().unwrap();
    assert_eq!(same.status_changed_at, before.status_changed_at, "no change, no new change time");
    std::thread::sleep(std::time::Duration::from_millis(2));
    j.record_many(&[update("A", Status::Paid)], &[]).unwrap();
    let after = j.get("p", "A").unwrap().unwrap();
    assert_eq!(after.status, "paid");
    assert_eq!(after.provider_status.as_deref(), Some("PAID"));
    assert!(after.status_changed_at > before.status_changed_at);
    assert_eq!(after.amount.as_deref(), Some("150000.50"), "the checkout's amount is kept");
    assert_eq!(after.provider_ref.as_deref(), Some("REF-A"));
    assert_eq!((after.checks, after.source.as_str()), (2, "status"));
    crate::output::assert_columns(&after);
}

fn schema_is_migrated_and_newer_journals_are_refused(f: &Fixture) {
    let mut raw = open_unmigrated(&f.location).unwrap();
    assert_eq!(raw.schema_version().unwrap(), 0, "a new journal is empty until opened for use");
    assert_eq!(migrate(raw.as_mut()).unwrap(), (0, SCHEMA_VERSION));
    assert_eq!(migrate(raw.as_mut()).unwrap(), (SCHEMA_VERSION, SCHEMA_VERSION), "a second run does nothing");
    drop(raw);
    let mut j = f.open();
    assert_eq!(j.schema_version().unwrap(), SCHEMA_VERSION);
    // A newer paycli moved the journal on: this one must not write to it.
    let newer = migrations::Step {
        version: SCHEMA_VERSION + 1,
        description: "from the future",
        sqlite: "CREATE TABLE future (x INTEGER);",
        postgres: "CREATE TABLE future (x INTEGER);",
        additive: true,
    };
    assert!(j.apply_migration(&newer).unwrap());
    assert!(!j.apply_migration(&newer).unwrap(), "applied once");
    drop(j);
    let err = open(&f.location).err().expect("newer schema refused");
    assert!(err.message.contains("newer"), "{}", err.message);
}

fn filters_and_paging(f: &Fixture) {
    let mut j = f.open();
    for id in ["A", "B", "C", "D"] {
        j.record_checkout(&checkout(id)).unwrap();
    }
    j.record_many(&[update("B", Status::Paid)], &[]).unwrap();
    let pending = OrderFilter { profile: Some("p".into()), statuses: vec!["pending".into()], ..Default::default() };
    let first = j.page(&pending, None, 2).unwrap();
    assert_eq!(ids(&first), ["A", "C"]);
    let next = j.page(&pending, Some(&first[1].key()), 2).unwrap();
    assert_eq!(ids(&next), ["D"]);
    let future = OrderFilter { since: Some(Utc::now() + chrono::Duration::hours(1)), ..Default::default() };
    assert!(j.page(&future, None, 10).unwrap().is_empty());
    let old = OrderFilter { before: Some(Utc::now() - chrono::Duration::hours(2)), ..Default::default() };
    assert!(j.page(&old, None, 10).unwrap().is_empty());
    let other = OrderFilter { provider: Some("payfect".into()), ..Default::default() };
    assert!(j.page(&other, None, 10).unwrap().is_empty());
}

fn paging_does_not_skip_an_order_id_used_by_two_profiles(f: &Fixture) {
    let mut j = f.open();
    for profile in ["p", "q"] {
        for id in ["A", "B"] {
            j.record_checkout(&CheckoutRecord { profile: profile.into(), ..checkout(id) }).unwrap();
        }
    }
    let all = OrderFilter::default();
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = j.page(&all, after.as_ref(), 1).unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.key());
        seen.push(format!("{}/{}", last.profile, last.order_id));
    }
    assert_eq!(seen, ["p/A", "q/A", "p/B", "q/B"]);
}

/// Two writers on two connections (as two cron jobs would be) hammer the same orders: every
/// answer must be counted, none lost, and no writer may fail with "database is locked".
fn concurrent_writers_lose_nothing(f: &Fixture) {
    drop(f.open());
    const ROUNDS: usize = 40;
    const ORDERS: usize = 25;
    std::thread::scope(|s| {
        for t in 0..2 {
            s.spawn(move || {
                let mut j = f.open();
                for round in 0..ROUNDS {
                    let batch: Vec<StatusUpdate> = (0..ORDERS)
                        .map(|o| {
                            let s = if (round + t) % 2 == 0 { Status::Pending } else { Status::Paid };
                            update(&format!("O{o}"), s)
                        })
                        .collect();
                    j.record_many(&batch, &[]).unwrap();
                }
            });
        }
    });
    let all = f.open().page(&OrderFilter::default(), None, 1000).unwrap();
    assert_eq!(all.len(), ORDERS);
    assert!(
        all.iter().all(|r| r.checks == 2 * ROUNDS as i64),
        "{:?}",
        all.iter().map(|r| r.checks).collect::<Vec<_>>()
    );
}

fn the_writer_commits_everything_before_finishing(f: &Fixture) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let w = JournalWriter::new(Some(f.location.clone()));
        for i in 0..3000 {
            w.record(update(&format!("O{}", i % 1000), Status::Pending)).await;
        }
        assert!(w.record_committed(update("LAST", Status::Paid)).await, "committed before the answer");
        w.finish();
    });
    let all = f.open().page(&OrderFilter::default(), None, 5000).unwrap();
    assert_eq!(all.len(), 1001);
    assert!(all.iter().filter(|r| r.order_id != "LAST").all(|r| r.checks == 3));
}

fn a_callback_event_is_recorded_once(f: &Fixture) {
    let callback =
        |event: &str| StatusUpdate { source: "callback", event: Some(event.into()), ..update("CB", Status::Paid) };
    let mut a = f.open();
    let mut b = f.open();
    assert_eq!(a.record_many(&[callback("e1"), callback("e1")], &[]).unwrap(), 1, "twice in one group");
    assert_eq!(b.record_many(&[callback("e1")], &[]).unwrap(), 0, "a retry through another connection");
    assert_eq!(b.record_many(&[callback("e2")], &[]).unwrap(), 1, "another event of the same order");
    let row = a.get("p", "CB").unwrap().unwrap();
    assert_eq!((row.checks, row.source.as_str()), (2, "callback"));
    let events = a.events_page(None, 10).unwrap();
    assert_eq!(events.iter().map(|e| e.event_key.as_str()).collect::<Vec<_>>(), ["e1", "e2"]);
}

fn claim(profile: &str, lease_ms: u64) -> Claim {
    Claim::new(profile, None, Utc::now(), std::time::Duration::from_millis(lease_ms))
}

fn claims_split_due_orders_and_leases_expire(f: &Fixture) {
    let mut j = f.open();
    for i in 0..10 {
        j.record_checkout(&checkout(&format!("O{i}"))).unwrap();
    }
    j.record_many(&[update("O9", Status::Paid)], &[]).unwrap();
    let (a, b) = (claim("p", 60_000), claim("p", 800));
    let mut other = f.open();
    let first = j.claim(&a, 4).unwrap();
    let second = other.claim(&b, 100).unwrap();
    assert_eq!(ids(&first), ["O0", "O1", "O2", "O3"]);
    assert_eq!(ids(&second), ["O4", "O5", "O6", "O7", "O8"], "the rest, none twice, not the paid one");
    assert!(j.claim(&a, 10).unwrap().is_empty());
    let waiting = j.foreign_leases(&a).unwrap().expect("b holds live leases");
    assert!(waiting <= std::time::Duration::from_millis(800), "{waiting:?}");
    // `b` records two answers and dies: its other leases end and `a` takes those orders.
    other.record_many(&[update("O4", Status::Paid), update("O5", Status::Pending)], &[]).unwrap();
    drop(other);
    std::thread::sleep(std::time::Duration::from_millis(900));
    assert_eq!(j.foreign_leases(&a).unwrap(), None);
    assert_eq!(ids(&j.claim(&a, 10).unwrap()), ["O6", "O7", "O8"], "checked orders are not due again");
    // Orders `a` claimed and never checked go back as if never claimed.
    assert_eq!(j.release_all(&a.owner).unwrap(), 7);
    let later = claim("p", 60_000);
    let next_round = j.claim(&later, 100).unwrap();
    assert_eq!(ids(&next_round), ["O0", "O1", "O2", "O3", "O5", "O6", "O7", "O8"], "a new round: every open order");
    let rechecked = Claim { cutoff: Utc::now(), ..claim("p", 60_000) };
    assert!(j.claim(&rechecked, 100).unwrap().is_empty(), "all leased by `later`");
    let other_profile = claim("q", 60_000);
    assert!(j.claim(&other_profile, 100).unwrap().is_empty());
}

/// Every (recorded, then answered) pair against the rule written out by hand: an open order takes
/// any answer, `failed`/`expired` only `paid` (a late payment), `paid` keeps.
fn statuses_move_forward_only(f: &Fixture) {
    use Status::*;
    let mut j = f.open();
    let all = [Pending, Unknown, Paid, Failed, Expired];
    // `unknown` ranks below `pending` (src/journal/transition.rs): an answer paycli cannot read
    // does not reopen what the provider said plainly.
    let kept = |from: Status, to: Status| match from {
        Pending if to == Unknown => Pending,
        Pending | Unknown => to,
        Failed | Expired if to == Paid => Paid,
        other => other,
    };
    for (i, from) in all.iter().enumerate() {
        for (k, to) in all.iter().enumerate() {
            let order = format!("T{i}{k}");
            j.record_many(&[update(&order, *from)], &[]).unwrap();
            j.record_many(&[update(&order, *to)], &[]).unwrap();
            let row = j.get("p", &order).unwrap().unwrap();
            let expected = kept(*from, *to);
            assert_eq!(row.status, expected.as_str(), "{from:?} then {to:?}");
            assert_eq!(row.provider_status.as_deref(), Some(expected.as_str().to_uppercase().as_str()));
            assert_eq!(row.checks, 2, "both answers counted");
        }
    }
}

/// Cashy's SUCCESS, then a late PAYING retry, then SUCCESS again: paid throughout, and each event
/// is recorded once (a retry of the same event is a duplicate; a new event is kept even when it
/// does not move the status).
fn a_late_retry_of_an_earlier_event_does_not_turn_a_paid_order_back(f: &Fixture) {
    let mut j = f.open();
    j.record_checkout(&checkout("C1")).unwrap();
    let event =
        |status, key: &str| StatusUpdate { source: "callback", event: Some(key.into()), ..update("C1", status) };
    assert_eq!(j.record_many(&[event(Status::Paid, "success")], &[]).unwrap(), 1);
    assert_eq!(j.record_many(&[event(Status::Pending, "paying")], &[]).unwrap(), 1, "kept as an event");
    assert_eq!(j.get("p", "C1").unwrap().unwrap().status, "paid");
    assert_eq!(j.record_many(&[event(Status::Paid, "success")], &[]).unwrap(), 0, "a duplicate");
    let row = j.get("p", "C1").unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.provider_status.as_deref()), ("paid", Some("PAID")));
    let events = j.events_page(None, 10).unwrap();
    // Paged in key order: both events, once each.
    assert_eq!(events.iter().map(|e| e.event_key.as_str()).collect::<Vec<_>>(), ["paying", "success"]);
}

fn renewing_extends_live_leases_only(f: &Fixture) {
    let mut j = f.open();
    j.record_checkout(&checkout("R")).unwrap();
    let held = claim("p", 60_000);
    assert_eq!(ids(&j.claim(&held, 10).unwrap()), ["R"]);
    let other = claim("p", 60_000);
    assert!(j.claim(&other, 10).unwrap().is_empty());
    // A renewal sets the lease end to `lease` from now: a zero lease ends it at once.
    let ending = Claim { lease: std::time::Duration::ZERO, ..held.clone() };
    assert_eq!(j.renew_leases(&ending).unwrap(), 1);
    std::thread::sleep(std::time::Duration::from_millis(5));
    assert_eq!(j.renew_leases(&held).unwrap(), 0, "an ended lease is not brought back");
    assert_eq!(ids(&j.claim(&other, 10).unwrap()), ["R"], "claimable once its lease ended");
    assert_eq!(j.renew_leases(&held).unwrap(), 0, "another owner's lease is not renewed");
}

/// The failure seen under load (issue #23): a host slower than `--lease` lost its orders to
/// another host, which checked them a second time. A live run's leases do not end.
fn a_live_run_keeps_its_leases_past_their_length(f: &Fixture) {
    let mut j = f.open();
    for i in 0..3 {
        j.record_checkout(&checkout(&format!("L{i}"))).unwrap();
    }
    let lease = std::time::Duration::from_millis(3000);
    let live = Claim::new("p", None, Utc::now(), lease);
    let mut rows = claimed_orders(f.open(), live, 10);
    assert_eq!(rows.next().unwrap().unwrap().order_id, "L0", "claims the block");
    std::thread::sleep(lease + std::time::Duration::from_millis(1500));
    let other = claim("p", 60_000);
    assert!(j.claim(&other, 10).unwrap().is_empty(), "still leased by the live run");
    drop(rows);
    // Once the run is gone its leases end a lease after the last renewal.
    let deadline = std::time::Instant::now() + lease * 3;
    loop {
        let taken = j.claim(&other, 10).unwrap();
        if !taken.is_empty() {
            assert_eq!(ids(&taken), ["L0", "L1", "L2"]);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the leases of a finished run never ended");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn a_failed_check_is_released_and_not_due_again_this_round(f: &Fixture) {
    let mut j = f.open();
    j.record_checkout(&checkout("E")).unwrap();
    let c = claim("p", 60_000);
    assert_eq!(ids(&j.claim(&c, 10).unwrap()), ["E"]);
    let release = Release { profile: "p".into(), order_id: "E".into(), owner: c.owner.clone() };
    j.record_many(&[], &[release]).unwrap();
    assert_eq!(j.foreign_leases(&claim("p", 1)).unwrap(), None, "no lease left");
    assert!(j.claim(&c, 10).unwrap().is_empty(), "claimed this round already");
    std::thread::sleep(std::time::Duration::from_millis(2));
    assert_eq!(ids(&j.claim(&claim("p", 60_000), 10).unwrap()), ["E"], "due in the next round");
}

fn copy_moves_every_row_and_keeps_rows_already_there(f: &Fixture) {
    let source_fixture = Fixture::sqlite();
    let mut source = source_fixture.open();
    for i in 0..7 {
        source.record_checkout(&checkout(&format!("C{i}"))).unwrap();
    }
    let event = StatusUpdate { source: "callback", event: Some("ev".into()), ..update("C1", Status::Paid) };
    source.record_many(&[event], &[]).unwrap();
    let mut target = f.open();
    target.record_checkout(&CheckoutRecord { amount: Some(Decimal::new(7, 0)), ..checkout("C0") }).unwrap();
    let rows = source.page(&OrderFilter::default(), None, 100).unwrap();
    let events = source.events_page(None, 100).unwrap();
    assert_eq!(target.import(&rows, &events).unwrap(), (6, 1));
    assert_eq!(target.import(&rows, &events).unwrap(), (0, 0), "copying again adds nothing");
    let copied = target.page(&OrderFilter::default(), None, 100).unwrap();
    assert_eq!(copied.len(), 7);
    assert_eq!(copied[0].amount.as_deref(), Some("7"), "the target's own row is kept");
    assert_eq!(copied[1..], rows[1..], "every field of every row, unchanged");
}

fn a_write_probe_leaves_nothing_behind(f: &Fixture) {
    let mut empty = open_unmigrated(&f.location).unwrap();
    empty.probe_write().unwrap();
    assert_eq!(empty.schema_version().unwrap(), 0);
    drop(empty);
    let mut j = f.open();
    j.probe_write().unwrap();
    assert!(j.events_page(None, 10).unwrap().is_empty());
}

/// The PostgreSQL store reports a wrong password without printing it.
#[test]
fn a_wrong_password_is_an_error_that_does_not_show_it() {
    let cluster = pg_cluster::cluster();
    let url = cluster.url("postgres").replace(&cluster.password, "not-the-pw-4711");
    let err = open(&Location::parse(&url, None).unwrap()).err().expect("refused");
    assert!(err.message.contains("password authentication failed"), "{}", err.message);
    assert!(!err.message.contains("not-the-pw-4711"), "{}", err.message);
    assert!(err.message.contains("postgres:<redacted>@127.0.0.1"), "{}", err.message);
}

/// TLS through rustls: the test cluster's certificate is signed by a private CA. Without that CA
/// the connection is refused (never a silent fallback to plain text); with it, from the URL's
/// `sslrootcert` or from `--ca-cert`, it works; `sslmode=disable` stays plain.
#[test]
fn tls_checks_the_servers_certificate_against_the_given_ca() {
    let cluster = pg_cluster::cluster();
    let plain = cluster.plain_url("postgres");
    for mode in ["require", "prefer"] {
        let err = open(&Location::parse(&format!("{plain}?sslmode={mode}"), None).unwrap()).err().expect("untrusted");
        assert!(err.message.contains("certificate"), "{mode}: {}", err.message);
        assert!(!err.message.contains(&cluster.password), "{}", err.message);
    }
    let ca = cluster.ca();
    let from_url = format!("{plain}?sslmode=verify-full&sslrootcert={}", ca.display());
    let from_flag = format!("{plain}?sslmode=require");
    let disabled = format!("{plain}?sslmode=disable");
    for (url, ca) in [(from_url.as_str(), None), (&from_flag, Some(&ca)), (&disabled, None)] {
        let mut journal = open_unmigrated(&Location::parse(url, ca).unwrap()).unwrap();
        journal.schema_version().unwrap_or_else(|e| panic!("{url}: {}", e.message));
    }
}

mod transitions;
