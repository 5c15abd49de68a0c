//! Forward-only transitions, through both stores: what the statements do must be what
//! `transition::apply` says, for any sequence of answers.

use super::*;
use crate::journal::transition::{self, ALL, State};

both_stores!(
    the_stores_agree_with_the_rule_on_every_sequence,
    a_late_paying_callback_never_turns_a_paid_order_back,
    a_checkout_recorded_after_the_payment_keeps_it_paid,
);

/// The status a row holds, as the rule sees it.
fn state(row: &OrderRow) -> State {
    State {
        status: Status::parse(&row.status).unwrap(),
        late_after: row.late_after.as_deref().map(|s| Status::parse(s).unwrap()),
    }
}

/// Every sequence of up to three answers, and 60 longer ones (a fixed pseudo-random walk, so a
/// failure is repeatable), one order each; step `i` writes the `i`-th answer of every order in one
/// group, as the writer thread does.
fn sequences() -> Vec<Vec<Status>> {
    let mut all: Vec<Vec<Status>> = vec![vec![]];
    for _ in 0..3 {
        let longer: Vec<Vec<Status>> = all
            .iter()
            .filter(|s| s.len() == all.last().map_or(0, Vec::len))
            .flat_map(|s| ALL.iter().map(move |&a| [s.clone(), vec![a]].concat()))
            .collect();
        all.extend(longer);
    }
    all.retain(|s| !s.is_empty());
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for n in 0..60 {
        let len = 4 + n % 9;
        let seq = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ALL[(x % ALL.len() as u64) as usize]
            })
            .collect();
        all.push(seq);
    }
    all
}

fn the_stores_agree_with_the_rule_on_every_sequence(f: &Fixture) {
    let seqs = sequences();
    assert_eq!(seqs.len(), 5 + 25 + 125 + 60);
    let mut j = f.open();
    let longest = seqs.iter().map(Vec::len).max().unwrap();
    for step in 0..longest {
        let group: Vec<StatusUpdate> =
            seqs.iter().enumerate().filter_map(|(i, s)| s.get(step).map(|&a| update(&format!("S{i:03}"), a))).collect();
        j.record_many(&group, &[]).unwrap();
    }
    for (i, seq) in seqs.iter().enumerate() {
        let row = j.get("p", &format!("S{i:03}")).unwrap().unwrap();
        let expected = seq.iter().fold(None, |s, &a| Some(transition::apply(s, a).0)).unwrap();
        assert_eq!(state(&row), expected, "answers {seq:?}");
        assert_eq!(row.late, expected.late_after.is_some());
        assert_eq!(row.checks, seq.len() as i64, "every answer is counted, moved or not");
        // The provider's word belongs to the status shown, never to an answer held back.
        assert_eq!(row.provider_status.as_deref(), Some(row.status.to_uppercase().as_str()), "answers {seq:?}");
    }
}

fn a_late_paying_callback_never_turns_a_paid_order_back(f: &Fixture) {
    let callback = |event: &str, status: Status, word: &str| {
        let mut u = StatusUpdate { source: "callback", event: Some(event.into()), ..update("LATE", status) };
        u.facts.provider_status = Some(word.into());
        u
    };
    let mut j = f.open();
    j.record_checkout(&checkout("LATE")).unwrap();
    j.record_many(&[callback("success", Status::Paid, "SUCCESS")], &[]).unwrap();
    let paid = j.get("p", "LATE").unwrap().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    assert_eq!(j.record_many(&[callback("paying", Status::Pending, "PAYING")], &[]).unwrap(), 1, "kept and counted");
    assert_eq!(j.record_many(&[callback("success", Status::Paid, "SUCCESS")], &[]).unwrap(), 0, "a duplicate");
    let row = j.get("p", "LATE").unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.provider_status.as_deref()), ("paid", Some("SUCCESS")));
    assert_eq!((row.status_changed_at.as_str(), row.source.as_str()), (paid.status_changed_at.as_str(), "callback"));
    assert_eq!((row.checks, row.late), (2, false));
    let events = j.events_page(None, 10).unwrap();
    assert_eq!(events.len(), 2, "the PAYING event is kept though it moved nothing: {events:?}");

    // Expired, then the payment after all: paid, and marked late.
    j.record_many(&[update("LATE2", Status::Expired), update("LATE2", Status::Paid)], &[]).unwrap();
    j.record_many(&[update("LATE2", Status::Failed)], &[]).unwrap();
    let late = j.get("p", "LATE2").unwrap().unwrap();
    assert_eq!((late.status.as_str(), late.late, late.late_after.as_deref()), ("paid", true, Some("expired")));
    crate::output::assert_columns(&late);
}

fn a_checkout_recorded_after_the_payment_keeps_it_paid(f: &Fixture) {
    let mut j = f.open();
    // The callback won the race with the checkout's own journal write.
    j.record_many(&[update("RACE", Status::Paid)], &[]).unwrap();
    j.record_checkout(&checkout("RACE")).unwrap();
    let row = j.get("p", "RACE").unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.provider_status.as_deref()), ("paid", Some("PAID")));
    assert_eq!(row.checkout_url.as_deref(), Some("http://x/pay"), "what the checkout knew is still added");
}
