//! Every provider's checkout and status answer parsers on arbitrary HTTP answers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paycli::http::HttpResponse;
use paycli::providers::StatusQuery;
use paycli_fuzz_support::{gateways, inputs};

#[path = "../support.rs"]
mod paycli_fuzz_support;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (u16::from_be_bytes([*a, *b]) % 600, rest.to_vec()),
        _ => (200, data.to_vec()),
    };
    let resp = HttpResponse { status, headers: vec![("content-type".into(), "application/json".into())], body };
    let now = chrono::DateTime::from_timestamp(1_722_328_270, 0).expect("valid time");
    for (g, input) in gateways().iter().zip(inputs()) {
        let _ = g.checkout_response(input, &resp, now);
        let query = StatusQuery { id: input.order_id.clone(), ..Default::default() };
        let _ = g.status_response(&query, &resp);
    }
});
