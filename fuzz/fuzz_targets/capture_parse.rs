//! The raw-HTTP capture parser on arbitrary bytes; whatever parses must survive `to_raw`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paycli::capture::{CapturedRequest, parse_header_arg};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_header_arg(text);
    }
    let Ok(capture) = CapturedRequest::parse("fuzz", data.to_vec(), &[]) else { return };
    let _ = capture.json_body();
    let _ = capture.path_only();
    // The headers the four providers' verifications read (Gateway::verification_headers).
    let _ = capture.integrity_problems(&["Sign", "MerchantId", "X-SIGNATURE", "X-TIMESTAMP", "X-PARTNER-ID"]);
    // Chunked bodies are stored decoded, so their raw form is not chunked any more.
    let chunked = capture.header("transfer-encoding").is_some();
    let raw = capture.to_raw();
    if !chunked && raw.len() - capture.body.len() <= 60 * 1024 {
        let again = CapturedRequest::parse("fuzz", raw, &[]).expect("to_raw output parses");
        assert_eq!(again.body, capture.body);
        assert_eq!(again.headers, capture.headers);
    }
});
