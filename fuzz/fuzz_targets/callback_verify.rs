//! Every provider's callback verifier on arbitrary captures, with its fixed sandbox profile.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paycli::capture::CapturedRequest;
use paycli::providers::{VerifyExtra, VerifyOptions, payfect};
use paycli_fuzz_support::gateways;

#[path = "../support.rs"]
mod paycli_fuzz_support;

fuzz_target!(|data: &[u8]| {
    let Ok(capture) = CapturedRequest::parse("fuzz", data.to_vec(), &[]) else { return };
    let mut opts = VerifyOptions::new(
        chrono::DateTime::from_timestamp(1_722_328_270, 0).expect("valid time"),
        chrono::Duration::minutes(5),
    );
    opts.extra = VerifyExtra::Payfect(payfect::TokenOptions { max_age: chrono::Duration::days(1) });
    for g in gateways() {
        if let Ok(verdict) = g.verify_callback(&capture, &opts) {
            let _ = g.requery_for(&verdict.claims);
        }
    }
});
