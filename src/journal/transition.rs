//! An order's status in the journal moves forward only. Providers retry callbacks, deliver them
//! out of order and answer status checks from replicas that lag: a late `PAYING` after `SUCCESS`
//! must never turn a paid order back to pending (and then, since the next `SUCCESS` retry is a
//! duplicate event, leave it there).
//!
//! The rule is a rank: `unknown` < `pending` < `failed` = `expired` < `paid`. An answer moves the
//! order only to a status of higher rank; an answer of the same or a lower rank is still counted
//! (and a callback event still kept) but changes neither the status nor the provider's word for it.
//! Answers are judged in the order they reach the journal; the provider's own event times are not
//! used (not every provider sends one, and their clocks and formats differ): rank is what decides.
//!
//! `failed`/`expired` → `paid` is a **late payment**: the order keeps, in `late_after`, the final
//! status it had when the payment came, so that `orders list` and `status check` can say so.
//!
//! `apply` is the rule; `rank_sql` writes the same rank into the statements both stores run, and
//! the tests prove the stores and `apply` agree on any sequence of answers.

use crate::model::Status;

/// Every status, lowest rank first (`failed` and `expired` share one).
pub const ALL: [Status; 5] = [Status::Unknown, Status::Pending, Status::Failed, Status::Expired, Status::Paid];

pub fn rank(status: Status) -> u8 {
    match status {
        Status::Unknown => 0,
        Status::Pending => 1,
        Status::Failed | Status::Expired => 2,
        Status::Paid => 3,
    }
}

/// What the journal holds of an order's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub status: Status,
    /// For a late payment: the final status (`failed` or `expired`) the order had when it was paid.
    pub late_after: Option<Status>,
}

/// Whether an answer moved the order, kept it (the same status again: the provider's word is
/// updated, e.g. `INIT` → `PAYING`, both pending), or was held back (a lower or equal rank).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Moved,
    Same,
    HeldBack,
}

/// The state after an answer saying `answer`; `None` is an order the journal does not know yet.
pub fn apply(current: Option<State>, answer: Status) -> (State, Outcome) {
    let Some(current) = current else { return (State { status: answer, late_after: None }, Outcome::Moved) };
    if answer == current.status {
        return (current, Outcome::Same);
    }
    if rank(answer) <= rank(current.status) {
        return (current, Outcome::HeldBack);
    }
    let late_after = match (current.status, answer) {
        (Status::Failed | Status::Expired, Status::Paid) => Some(current.status),
        _ => current.late_after,
    };
    (State { status: answer, late_after }, Outcome::Moved)
}

/// `rank(column)` as SQL both stores understand, written from `rank` itself.
pub fn rank_sql(column: &str) -> String {
    let mut sql = format!("(CASE {column}");
    for s in ALL {
        sql.push_str(&format!(" WHEN '{}' THEN {}", s.as_str(), rank(s)));
    }
    sql.push_str(" ELSE 0 END)");
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn status() -> impl Strategy<Value = Status> {
        proptest::sample::select(ALL.to_vec())
    }

    fn fold(answers: &[Status]) -> Option<State> {
        answers.iter().fold(None, |state, &a| Some(apply(state, a).0))
    }

    #[test]
    fn the_found_case_paid_then_paying_stays_paid() {
        let (state, outcome) = apply(Some(State { status: Status::Paid, late_after: None }), Status::Pending);
        assert_eq!((state.status, outcome), (Status::Paid, Outcome::HeldBack));
    }

    #[test]
    fn every_pair_of_statuses() {
        use Status::*;
        // (current, answer, status after): the table docs/journal.md states.
        let table = [
            (Pending, Paid, Paid),
            (Pending, Failed, Failed),
            (Pending, Expired, Expired),
            (Pending, Unknown, Pending),
            (Unknown, Pending, Pending),
            (Failed, Paid, Paid),
            (Expired, Paid, Paid),
            (Failed, Expired, Failed),
            (Expired, Failed, Expired),
            (Failed, Pending, Failed),
            (Paid, Pending, Paid),
            (Paid, Failed, Paid),
            (Paid, Expired, Paid),
            (Paid, Unknown, Paid),
        ];
        for (from, answer, to) in table {
            let (state, _) = apply(Some(State { status: from, late_after: None }), answer);
            assert_eq!(state.status, to, "{from:?} then {answer:?}");
            assert_eq!(state.late_after.is_some(), matches!(from, Failed | Expired) && answer == Paid);
        }
    }

    #[test]
    fn rank_sql_names_every_status() {
        let sql = rank_sql("s");
        for s in ALL {
            assert!(sql.contains(&format!("'{}' THEN {}", s.as_str(), rank(s))), "{sql}");
        }
    }

    proptest! {
        /// Any sequence of answers ends at the first answer of the highest rank in it.
        #[test]
        fn the_final_status_is_the_first_of_the_highest_rank(answers in proptest::collection::vec(status(), 1..40)) {
            let top = answers.iter().map(|&s| rank(s)).max().unwrap();
            let first_top = *answers.iter().find(|&&s| rank(s) == top).unwrap();
            prop_assert_eq!(fold(&answers).unwrap().status, first_top);
        }

        /// Late exactly when paid after the order was first failed or expired, naming that status.
        #[test]
        fn late_is_paid_after_a_final_failure(answers in proptest::collection::vec(status(), 1..40)) {
            let state = fold(&answers).unwrap();
            let first_paid = answers.iter().position(|&s| s == Status::Paid);
            let first_final_failure = answers.iter().position(|&s| matches!(s, Status::Failed | Status::Expired));
            let expected = match (first_paid, first_final_failure) {
                (Some(p), Some(f)) if f < p => Some(answers[f]),
                _ => None,
            };
            prop_assert_eq!(state.late_after, expected);
        }

        /// Once paid, nothing moves the order again.
        #[test]
        fn paid_is_never_left(answers in proptest::collection::vec(status(), 0..20)) {
            let mut state = State { status: Status::Paid, late_after: None };
            for a in answers {
                state = apply(Some(state), a).0;
                prop_assert_eq!(state.status, Status::Paid);
            }
        }
    }
}
