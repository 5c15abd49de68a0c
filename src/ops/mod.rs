//! The operations every command is made of, each written once: create a checkout, check one
//! order, check many, verify a callback, record what was learned in the journal.
//!
//! Commands are adapters around these (arguments → operation → output); `demo`, `callback listen`,
//! `callback send`, `reconcile` and `doctor` call the same functions, so one order is checked and
//! one callback is judged the same way everywhere. Operations know the provider only through the
//! `Gateway` trait and do their I/O through `HttpClient` and the journal; they print nothing but
//! warnings on stderr.

pub mod batch;
pub mod check;
pub mod create;
pub mod record;
pub mod verify;

pub use check::check_status;
pub use create::create_checkout;
pub use verify::{JournalLookup, VerifyRequest, verify_capture};
