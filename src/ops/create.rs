//! Creating a checkout without ever creating it twice.
//!
//! When the create request may have reached the provider but its answer was lost (a timeout, a
//! dropped connection), resending blindly could open a second payment for the same purchase. So
//! paycli first asks the provider for the order's status: if the order exists it is reported; if
//! the provider says it does not exist, nothing was created, and only `--retry-safe` resends (once).
//! The merchant order id is the same on the resend, so a provider that enforces unique order ids
//! refuses a late duplicate rather than creating it.

use crate::error::{Error, ErrorKind, Result};
use crate::http::HttpClient;
use crate::model::{CheckoutRecord, StatusRecord};
use crate::providers::{CheckoutInput, Gateway, StatusQuery};
use chrono::{SubsecRound, Utc};

/// At most this many create requests are sent for one `checkout create`.
const MAX_SENDS: usize = 2;

/// Validates, signs, sends and reads the answer: the whole create, shared by `checkout create`,
/// `demo`, `callback send` and tests. A lost answer is never resent blindly (see above); with
/// `retry_safe` it is resent once after the provider says the order does not exist.
pub async fn create_checkout(
    http: &HttpClient,
    gateway: &dyn Gateway,
    input: &CheckoutInput,
    retry_safe: bool,
) -> Result<CheckoutRecord> {
    let provider = gateway.provider();
    let order = &input.order_id;
    for attempt in 1..=MAX_SENDS {
        // Milliseconds: what people read in created_at, and what millisecond-timestamp providers send.
        let now = Utc::now().trunc_subsecs(3);
        let req = gateway.checkout_request(input, now)?;
        let failure = match http.send_classified(&req).await {
            Ok(resp) => return gateway.checkout_response(input, &resp, now),
            Err(f) if !f.maybe_sent => return Err(f.error),
            Err(f) => f.error,
        };
        crate::output::warn(format_args!(
            "the create request for order {order} may have reached {provider}, but its answer was lost ({}); \
             asking for the order's status before doing anything else",
            failure.message
        ));
        let query = StatusQuery { id: order.clone(), ..Default::default() };
        match super::check_status(http, gateway, &query).await {
            Ok(status) => {
                crate::output::note(format_args!(
                    "note: {provider} has order {order} (status {}): it was created; its checkout URL was in the lost \
                     answer, so it is not shown",
                    status.order.status.as_str()
                ));
                return Ok(from_status(gateway, input, status));
            }
            Err(e) if e.not_found && retry_safe && attempt < MAX_SENDS => {
                crate::output::note(format_args!(
                    "note: {provider} says order {order} does not exist: nothing was created; resending (--retry-safe)"
                ));
            }
            Err(e) if e.not_found => {
                let resent = if attempt > 1 { " after one safe resend" } else { "" };
                return Err(Error::network(format!(
                    "no answer to the create request for order {order}{resent}, and {provider} says the order does not \
                     exist: nothing was created"
                ))
                .with_hint(if attempt > 1 {
                    "the provider is unreliable right now; try again later with the same --order-id"
                } else {
                    "run the same command with --retry-safe to resend (it resends only after the provider confirms \
                     the order does not exist), keeping the same --order-id"
                }));
            }
            Err(e) => {
                return Err(Error::new(
                    ErrorKind::Network,
                    format!(
                        "no answer to the create request for order {order}, and asking for its status failed too ({}): \
                         it may or may not exist",
                        e.message
                    ),
                )
                .with_hint(format!(
                    "do not resend blindly: check later with `paycli status check {order}`, then create again with \
                     the same --order-id only if it does not exist"
                )));
            }
        }
    }
    Err(Error::internal("safe create ended without an answer"))
}

/// What the status answer tells about the order the lost answer described.
fn from_status(gateway: &dyn Gateway, input: &CheckoutInput, s: StatusRecord) -> CheckoutRecord {
    let s = s.order;
    CheckoutRecord {
        provider: gateway.provider().into(),
        profile: gateway.profile().into(),
        order_id: s.order_id.unwrap_or_else(|| input.order_id.clone()),
        provider_ref: s.provider_ref,
        status: s.status,
        provider_status: s.provider_status,
        amount: s.amount.or(Some(input.amount)),
        currency: s.currency,
        checkout_url: None,
        expires_at: None,
        created_at: None,
    }
}
