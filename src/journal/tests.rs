use super::*;
use crate::model::Status;
use rust_decimal::Decimal;

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
        created_at: Some(Utc::now()),
    }
}

fn update(order: &str, status: Status) -> StatusUpdate {
    StatusUpdate {
        profile: "p".into(),
        provider: "cashy".into(),
        order_id: order.into(),
        facts: OrderFacts {
            provider_ref: Some("OTHER".into()),
            status,
            provider_status: Some(status.as_str().to_uppercase()),
            amount: Some(Decimal::ONE),
            currency: Some("IDR".into()),
            ..OrderFacts::default()
        },
        source: "status",
        at: Utc::now(),
    }
}

#[test]
fn checkout_then_status_keeps_what_the_checkout_knew() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("j.sqlite3")).unwrap();
    j.record_checkout(&checkout("A")).unwrap();
    let before = j.get("p", "A").unwrap().unwrap();
    assert_eq!((before.status.as_str(), before.amount.as_deref(), before.checks), ("pending", Some("150000.50"), 0));
    assert_eq!(j.provider_ref("p", "A").unwrap().as_deref(), Some("REF-A"));
    assert_eq!(j.provider_ref("other-profile", "A").unwrap(), None);

    j.record_status(&update("A", Status::Pending)).unwrap();
    let same = j.get("p", "A").unwrap().unwrap();
    assert_eq!(same.status_changed_at, before.status_changed_at, "no change, no new change time");
    std::thread::sleep(std::time::Duration::from_millis(2));
    j.record_status(&update("A", Status::Paid)).unwrap();
    let after = j.get("p", "A").unwrap().unwrap();
    assert_eq!(after.status, "paid");
    assert_eq!(after.provider_status.as_deref(), Some("PAID"));
    assert!(after.status_changed_at > before.status_changed_at);
    assert_eq!(after.amount.as_deref(), Some("150000.50"), "the checkout's amount is kept");
    assert_eq!(after.provider_ref.as_deref(), Some("REF-A"));
    assert_eq!((after.checks, after.source.as_str()), (2, "status"));
    crate::output::assert_columns(&after);
}

#[test]
fn schema_version_is_set_and_newer_journals_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    drop(Journal::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    drop(conn);
    let err = Journal::open(&path).err().expect("newer schema refused");
    assert!(err.message.contains("newer"), "{}", err.message);
}

#[test]
fn filters_and_paging() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("j.sqlite3")).unwrap();
    for id in ["A", "B", "C", "D"] {
        j.record_checkout(&checkout(id)).unwrap();
    }
    j.record_status(&update("B", Status::Paid)).unwrap();
    let pending = OrderFilter { profile: Some("p".into()), statuses: vec!["pending".into()], ..Default::default() };
    let first = j.page(&pending, None, 2).unwrap();
    assert_eq!(first.iter().map(|r| r.order_id.as_str()).collect::<Vec<_>>(), ["A", "C"]);
    let next = j.page(&pending, Some("C"), 2).unwrap();
    assert_eq!(next.iter().map(|r| r.order_id.as_str()).collect::<Vec<_>>(), ["D"]);
    let future = OrderFilter { since: Some(Utc::now() + chrono::Duration::hours(1)), ..Default::default() };
    assert!(j.page(&future, None, 10).unwrap().is_empty());
    let old = OrderFilter { before: Some(Utc::now() - chrono::Duration::hours(1)), ..Default::default() };
    assert!(j.page(&old, None, 10).unwrap().is_empty());
    let other = OrderFilter { provider: Some("payfect".into()), ..Default::default() };
    assert!(j.page(&other, None, 10).unwrap().is_empty());
}

/// Two writers on two connections (as two cron jobs would be) hammer the same orders: every
/// answer must be counted, none lost, and no writer may fail with "database is locked".
#[test]
fn concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    drop(Journal::open(&path).unwrap());
    const ROUNDS: usize = 40;
    const ORDERS: usize = 25;
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut j = Journal::open(&path).unwrap();
                for round in 0..ROUNDS {
                    let batch: Vec<StatusUpdate> = (0..ORDERS)
                        .map(|o| {
                            let s = if (round + t) % 2 == 0 { Status::Pending } else { Status::Paid };
                            update(&format!("O{o}"), s)
                        })
                        .collect();
                    j.record_many(&batch).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let j = Journal::open(&path).unwrap();
    let all = j.page(&OrderFilter::default(), None, 1000).unwrap();
    assert_eq!(all.len(), ORDERS);
    assert!(
        all.iter().all(|r| r.checks == 2 * ROUNDS as i64),
        "{:?}",
        all.iter().map(|r| r.checks).collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_writer_commits_everything_before_finishing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let w = JournalWriter::open(&path).unwrap();
    for i in 0..3000 {
        w.record(update(&format!("O{}", i % 1000), Status::Pending)).await;
    }
    w.finish();
    let j = Journal::open(&path).unwrap();
    let all = j.page(&OrderFilter::default(), None, 5000).unwrap();
    assert_eq!(all.len(), 1000);
    assert!(all.iter().all(|r| r.checks == 3));
}
