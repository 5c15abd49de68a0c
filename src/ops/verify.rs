//! Verifying one captured callback: the provider's reading of the raw bytes (signature, claims,
//! ack), then optionally the provider's status API as a second opinion (`--requery`). Shared by
//! `callback verify`, `callback listen`, `callback send` and `demo`.

use crate::capture::CapturedRequest;
use crate::error::Result;
use crate::http::HttpClient;
use crate::journal::{Journal, Location};
use crate::model::{CallbackRecord, OrderFacts, RequeryCheck, SignatureCheck, Status, StatusRecord};
use crate::providers::{Gateway, Requery, VerifyOptions};
use std::sync::{Arc, Mutex};

/// What verifying needs besides the capture; `http` is set when the provider must be asked.
pub struct VerifyRequest<'a> {
    pub gateway: &'a dyn Gateway,
    pub http: Option<&'a HttpClient>,
    pub opts: &'a VerifyOptions,
    /// When a requery must have its answer (a receiver's answer budget); `None`: the HTTP timeouts.
    pub deadline: Option<tokio::time::Instant>,
    /// Where a requery finds the provider's reference for the callback's order (Payfect).
    pub journal: Option<&'a JournalLookup>,
}

/// The journal's provider reference for an order, read on a blocking thread (SQLite calls block,
/// and a receiver must keep answering); `None` when there is no journal or it cannot tell.
pub struct JournalLookup {
    location: Option<Location>,
    profile: String,
    open: Arc<Mutex<Option<Journal>>>,
}

impl JournalLookup {
    pub fn new(location: Option<Location>, profile: &str) -> Self {
        JournalLookup { location, profile: profile.to_string(), open: Arc::new(Mutex::new(None)) }
    }

    async fn provider_ref(&self, order_id: &str, deadline: Option<tokio::time::Instant>) -> Option<String> {
        let location = self.location.clone()?;
        let (open, profile, order) = (self.open.clone(), self.profile.clone(), order_id.to_string());
        let read = tokio::task::spawn_blocking(move || {
            let mut open = open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if open.is_none() {
                *open = Some(crate::journal::open(&location).ok()?);
            }
            open.as_mut()?.provider_ref(&profile, &order).ok().flatten()
        });
        match deadline {
            Some(d) => tokio::time::timeout_at(d, read).await.ok()?.ok().flatten(),
            None => read.await.ok().flatten(),
        }
    }
}

/// Checks one capture: the provider's signature verdict, then (with `http`) the status API.
///
/// A callback whose signature is proven false (`mismatch`, `missing`) is never re-queried: that
/// would make paycli send a request signed with the merchant's key for anyone who posts to it.
/// `unverifiable` and `stale` callbacks are verified only when the provider's status API agrees.
pub async fn verify_capture(req: &VerifyRequest<'_>, capture: &CapturedRequest) -> Result<CallbackRecord> {
    let mut verdict = req.gateway.verify_callback(capture, req.opts)?;
    // A capture that cannot say which request was sent (two different values of a header the
    // verification reads, a Content-Length the body disagrees with) cannot be decided: not false,
    // since the other value may be the one sent (503: the provider's retry may be clean), and not
    // re-queried, since anyone can post an ambiguous request.
    let problems = capture.integrity_problems(req.gateway.verification_headers());
    let ambiguous = !problems.is_empty();
    if ambiguous {
        verdict.signature = SignatureCheck::Unverifiable;
        let own = verdict.reason.take().map(|r| format!("; {r}")).unwrap_or_default();
        verdict.reason = Some(format!("{}{own}", problems.join("; ")));
    }
    let claims = &verdict.claims;
    let mut reason = verdict.reason.clone();
    // The provider's answer, when a re-query agreed with the callback on every identity field.
    let mut answered: Option<OrderFacts> = None;
    let proven_false = matches!(verdict.signature, SignatureCheck::Mismatch | SignatureCheck::Missing);
    let requery = match req.http {
        None => RequeryCheck::Skipped,
        Some(_) if proven_false => {
            reason = Some(join(reason, "not re-queried: the signature is proven false".into()));
            RequeryCheck::Skipped
        }
        Some(_) if ambiguous => {
            reason = Some(join(reason, "not re-queried: the capture is ambiguous".into()));
            RequeryCheck::Skipped
        }
        Some(http) => {
            let journal_ref = match (req.journal, &claims.order_id) {
                (Some(journal), Some(order)) => journal.provider_ref(order, req.deadline).await,
                _ => None,
            };
            let candidates = req.gateway.requeries(claims, journal_ref.as_deref());
            match first_known(http, req, candidates).await {
                None => {
                    reason = Some(join(reason, "requery: the callback names no order to query".into()));
                    RequeryCheck::Error
                }
                Some((asked, answer)) => {
                    if let Some(via) = &asked.via {
                        reason = Some(join(reason, format!("requery used {via}")));
                    }
                    match answer {
                        Ok(status) => {
                            // The reference the answer must carry: the journal's, when that is what
                            // was asked (the callback's own `id` may name another object, Payfect's
                            // payment), else the callback's.
                            let from_journal = journal_ref.is_some() && asked.query.provider_ref == journal_ref;
                            let expected_ref = if from_journal { journal_ref.as_deref() } else { None };
                            match not_the_same(claims, &status.order, expected_ref) {
                                None => {
                                    answered = Some(status.order);
                                    RequeryCheck::Ok
                                }
                                Some(why) => {
                                    reason = Some(join(reason, format!("requery: {why}")));
                                    RequeryCheck::Mismatch
                                }
                            }
                        }
                        Err(e) => {
                            reason = Some(join(reason, format!("requery failed: {}", e.message)));
                            RequeryCheck::Error
                        }
                    }
                }
            }
        }
    };
    let verified = match verdict.signature {
        SignatureCheck::Ok | SignatureCheck::LegacyOk => matches!(requery, RequeryCheck::Ok | RequeryCheck::Skipped),
        SignatureCheck::Unverifiable | SignatureCheck::Stale => requery == RequeryCheck::Ok,
        SignatureCheck::Mismatch | SignatureCheck::Missing => false,
    };
    if matches!(verdict.signature, SignatureCheck::Unverifiable | SignatureCheck::Stale)
        && requery == RequeryCheck::Skipped
        && !ambiguous
    {
        let what =
            if verdict.signature == SignatureCheck::Stale { "the signature is stale" } else { "no signature to check" };
        reason = Some(join(reason, format!("{what}: use --requery to confirm with the provider")));
    }
    // A callback proven only by the re-query is recorded as the provider stated it, never as the
    // unproven body did (the fields agree on identity and money; the rest is the provider's word).
    let proven_by_requery = matches!(verdict.signature, SignatureCheck::Unverifiable | SignatureCheck::Stale);
    let claims = match answered {
        Some(order) if verified && proven_by_requery => order,
        _ => verdict.claims,
    };
    Ok(CallbackRecord {
        provider: req.gateway.provider().into(),
        source: capture.source.clone(),
        verified,
        signature: verdict.signature,
        requery,
        reason,
        claims,
        // Shown only when it is the answer to give: an ack beside a forgery reads as "reply this".
        ack: verdict.ack.filter(|_| verified),
    })
}

/// Asks each candidate in turn until the provider knows one (a "not found" moves on to the next);
/// `None` when there is nothing to ask.
async fn first_known(
    http: &HttpClient,
    req: &VerifyRequest<'_>,
    candidates: Vec<Requery>,
) -> Option<(Requery, Result<StatusRecord>)> {
    let count = candidates.len();
    let mut last = None;
    for (i, candidate) in candidates.into_iter().enumerate() {
        let answer = requery(http, req.gateway, &candidate.query, req.deadline).await;
        let unknown = answer.as_ref().is_err_and(|e| e.not_found);
        last = Some((candidate, answer));
        if !(unknown && i + 1 < count) {
            break;
        }
    }
    last
}

/// One status check, cut off at the deadline when there is one.
async fn requery(
    http: &HttpClient,
    gateway: &dyn Gateway,
    query: &crate::providers::StatusQuery,
    deadline: Option<tokio::time::Instant>,
) -> Result<StatusRecord> {
    let check = super::check::stated_status(http, gateway, query);
    let Some(deadline) = deadline else { return check.await };
    match tokio::time::timeout_at(deadline, check).await {
        Ok(answer) => answer,
        Err(_) => Err(crate::error::Error::network("the provider did not answer within the answer budget")),
    }
}

fn join(a: Option<String>, b: String) -> String {
    match a {
        Some(a) => format!("{a}; {b}"),
        None => b,
    }
}

/// Why the provider's answer does not prove the callback: it is about another order, or it
/// disagrees on, or lacks, a field that decides money. `None`: the same order, the same claims.
///
/// Order id, status, amount and currency must be present on both sides and equal. A reference or
/// RRN the callback carries must be in the answer, the same (an attacker names the victim's order
/// and the RRN of his own small payment; Zenospay looks up the RRN first and answers about his).
/// `expected_ref` replaces the callback's reference when the journal's was asked instead.
pub fn not_the_same(claims: &OrderFacts, answer: &OrderFacts, expected_ref: Option<&str>) -> Option<String> {
    let order = match (claims.order_id.as_deref(), answer.order_id.as_deref()) {
        (None, _) => return Some("the callback names no order id".into()),
        (Some(_), None) => return Some("the provider's answer names no order id".into()),
        (Some(a), Some(b)) if a != b => {
            return Some(format!("the callback names order {a} but the provider answered about order {b}"));
        }
        (Some(a), Some(_)) => a,
    };
    let reference = expected_ref.or(claims.provider_ref.as_deref());
    for (what, ours, theirs) in [
        ("provider reference", reference, answer.provider_ref.as_deref()),
        ("RRN", claims.rrn.as_deref(), answer.rrn.as_deref()),
    ] {
        match (ours, theirs) {
            (Some(a), Some(b)) if a != b => {
                return Some(format!(
                    "the callback's {what} is {a} but the provider answered with {b} (for order {order})"
                ));
            }
            (Some(a), None) => {
                return Some(format!("the callback carries {what} {a} but the provider's answer has none"));
            }
            _ => {}
        }
    }
    // "unknown" is no status: a callback that states none (or a word paycli does not know) is not
    // proven by an answer that states none either.
    if claims.status == Status::Unknown {
        return Some("the callback states no status paycli knows".into());
    }
    if answer.status == Status::Unknown {
        return Some("the provider's answer states no status paycli knows".into());
    }
    if claims.status != answer.status {
        return Some(format!(
            "the callback says {} but the provider says {}",
            claims.status.as_str(),
            answer.status.as_str()
        ));
    }
    match (claims.amount, answer.amount) {
        (Some(a), Some(b)) if a.normalize() != b.normalize() => {
            return Some(format!("the callback says amount {a} but the provider says {b}"));
        }
        (None, _) => return Some("the callback states no amount".into()),
        (_, None) => return Some("the provider's answer states no amount".into()),
        _ => {}
    }
    match (claims.currency.as_deref(), answer.currency.as_deref()) {
        (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => {
            Some(format!("the callback says currency {a} but the provider says {b}"))
        }
        (None, _) => Some("the callback states no currency".into()),
        (_, None) => Some("the provider's answer states no currency".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::not_the_same;
    use crate::model::{OrderFacts, Status};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn facts() -> impl Strategy<Value = OrderFacts> {
        (
            "[A-Z0-9-]{1,12}",
            proptest::option::of("[a-f0-9]{1,8}"),
            proptest::option::of("[0-9]{6,12}"),
            prop_oneof![Just(Status::Paid), Just(Status::Pending), Just(Status::Failed), Just(Status::Expired)],
            (1i64..10_000_000_000, 0u32..3),
            prop_oneof![Just("IDR"), Just("PHP"), Just("USDT")],
        )
            .prop_map(|(order, reference, rrn, status, (units, scale), currency)| OrderFacts {
                order_id: Some(order),
                provider_ref: reference,
                rrn,
                status,
                amount: Some(Decimal::new(units, scale)),
                currency: Some(currency.to_string()),
                ..OrderFacts::default()
            })
    }

    /// One identity or money field of the answer changed or taken away (0..11 picks which).
    fn spoil(answer: &mut OrderFacts, which: u8, claims: &OrderFacts) -> bool {
        let other = |s: &Option<String>| Some(format!("{}x", s.clone().unwrap_or_default()));
        match which {
            0 => answer.order_id = other(&answer.order_id),
            1 => answer.order_id = None,
            2 if claims.provider_ref.is_some() => answer.provider_ref = other(&answer.provider_ref),
            3 if claims.provider_ref.is_some() => answer.provider_ref = None,
            4 if claims.rrn.is_some() => answer.rrn = other(&answer.rrn),
            5 if claims.rrn.is_some() => answer.rrn = None,
            6 => answer.status = if answer.status == Status::Paid { Status::Pending } else { Status::Paid },
            7 => answer.amount = answer.amount.map(|a| a + Decimal::new(1, 2)),
            8 => answer.amount = None,
            9 => answer.currency = Some("EUR".into()),
            10 => answer.currency = None,
            _ => return false,
        }
        true
    }

    proptest! {
        #[test]
        fn the_same_facts_prove_and_any_spoiled_field_does_not(claims in facts(), which in 0u8..12, to_claims in any::<bool>()) {
            // The provider may write the amount at another scale (10000 vs 10000.00): still equal.
            let mut answer = claims.clone();
            answer.amount = answer.amount.map(|a| { let mut a = a; a.rescale(a.scale() + 2); a });
            prop_assert_eq!(not_the_same(&claims, &answer, None), None);
            let (mut claims, mut answer) = (claims, answer);
            // Spoiled on either side: a field missing from the callback is as unproven.
            let spoiled = if to_claims {
                let answer_before = answer.clone();
                let done = spoil(&mut claims, which, &answer_before);
                // A reference or RRN only the answer carries is not a disagreement.
                done && !matches!(which, 3 | 5)
            } else {
                spoil(&mut answer, which, &claims.clone())
            };
            if spoiled {
                prop_assert!(not_the_same(&claims, &answer, None).is_some(), "{:?} vs {:?}", claims, answer);
            }
        }
    }

    /// One side's field: absent, empty, or one of two values (so equal values are common).
    fn any_text() -> impl Strategy<Value = Option<String>> {
        prop_oneof![Just(None), "[AB]{1,2}".prop_map(Some)]
    }

    /// Any pair of sides, fields missing included (`unknown` is no status).
    fn any_side() -> impl Strategy<Value = OrderFacts> {
        let status = prop_oneof![Just(Status::Unknown), Just(Status::Paid), Just(Status::Pending)];
        // 100, 100.0, 100.00 and a cent more: equal values written differently, and not equal.
        let amount = prop_oneof![
            Just(None),
            (0u32..=2, any::<bool>()).prop_map(|(scale, cent)| {
                let base = Decimal::new(100 * 10i64.pow(scale), scale);
                Some(if cent { base + Decimal::new(1, 2) } else { base })
            })
        ];
        let currency = prop_oneof![
            Just(None),
            Just(Some("IDR".to_string())),
            Just(Some("idr".to_string())),
            Just(Some("PHP".to_string()))
        ];
        (any_text(), any_text(), any_text(), status, amount, currency).prop_map(
            |(order_id, provider_ref, rrn, status, amount, currency)| OrderFacts {
                order_id,
                provider_ref,
                rrn,
                status,
                amount,
                currency,
                ..OrderFacts::default()
            },
        )
    }

    proptest! {
        /// Random callback/answer pairs: the same order exactly when order id, status, amount and
        /// currency are present on both sides and equal, and the reference and RRN the callback
        /// carries are the answer's; any field that differs or is missing is not.
        #[test]
        fn same_exactly_when_every_identity_field_agrees(claims in any_side(), answer in any_side()) {
            let upper = |c: &Option<String>| c.as_ref().map(|c| c.to_ascii_uppercase());
            let carried = |c: &Option<String>, a: &Option<String>| c.is_none() || c == a;
            let expected = claims.order_id.is_some()
                && claims.order_id == answer.order_id
                && carried(&claims.provider_ref, &answer.provider_ref)
                && carried(&claims.rrn, &answer.rrn)
                && claims.status != Status::Unknown
                && claims.status == answer.status
                && claims.amount.is_some()
                && claims.amount == answer.amount
                && claims.currency.is_some()
                && upper(&claims.currency) == upper(&answer.currency);
            let got = not_the_same(&claims, &answer, None);
            prop_assert_eq!(got.is_none(), expected, "{:?}", got);
        }
    }

    #[test]
    fn no_status_on_either_side_is_not_the_same_status() {
        let claims = OrderFacts {
            order_id: Some("O-1".into()),
            amount: Some(Decimal::new(5000, 2)),
            currency: Some("PHP".into()),
            status: Status::Unknown,
            ..OrderFacts::default()
        };
        // Equal "unknown"s (a callback without a status word, an answer with a word paycli does
        // not know) used to pass as agreement.
        let why = not_the_same(&claims, &claims.clone(), None).unwrap();
        assert!(why.contains("the callback states no status"), "{why}");
        let paid = OrderFacts { status: Status::Paid, ..claims.clone() };
        let why = not_the_same(&paid, &claims, None).unwrap();
        assert!(why.contains("the provider's answer states no status"), "{why}");
        assert_eq!(not_the_same(&paid, &paid.clone(), None), None);
    }

    #[test]
    fn the_journals_reference_replaces_the_callbacks_when_it_was_asked() {
        let claims = OrderFacts {
            order_id: Some("O-1".into()),
            provider_ref: Some("py_payment".into()),
            amount: Some(Decimal::new(20, 0)),
            currency: Some("USDT".into()),
            status: Status::Paid,
            ..OrderFacts::default()
        };
        let answer = OrderFacts { provider_ref: Some("checkout-1".into()), ..claims.clone() };
        assert!(not_the_same(&claims, &answer, None).unwrap().contains("py_payment"));
        assert_eq!(not_the_same(&claims, &answer, Some("checkout-1")), None);
        assert!(not_the_same(&claims, &answer, Some("checkout-2")).is_some());
    }
}
