//! Every range-checked parser for flags, environment and config values: durations, times, rates,
//! counts, seconds, time scales, order ids, and the exact decimal parser. None may panic; what
//! parses is within its documented range, and an exact decimal prints back as the same number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paycli::{money, values};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = values::duration(text) {
        assert!(d <= values::MAX_DURATION);
        assert!(values::chrono_duration(text).is_ok());
    }
    if let Ok(d) = values::seconds(text) {
        assert!(d.as_secs_f64() > 0.0 && d.as_secs_f64() <= values::MAX_SECONDS);
    }
    if let Ok(at) = values::time(text) {
        assert!(at.timestamp() >= 0 && at.timestamp() <= 253_402_300_799);
    }
    if let Ok(interval) = values::rate(text) {
        assert!(interval.as_secs_f64() >= 1.0 / values::MAX_RATE_PER_SEC * 0.999);
        assert!(interval.as_secs_f64() <= 3600.0 * 1.001);
    }
    if let Ok(n) = values::retries(text) {
        assert!(n <= values::MAX_RETRIES);
    }
    if let Ok(n) = values::concurrency(text) {
        assert!((1..=values::MAX_CONCURRENCY).contains(&n));
    }
    if let Ok(f) = values::time_scale(text) {
        assert!(f.is_finite() && f > 0.0);
    }
    if let Ok(d) = values::answer_budget(text) {
        assert!(d.as_millis() >= 50 && d.as_millis() <= 600_000);
    }
    if let Ok(id) = values::order_id(text) {
        assert!(!id.is_empty() && !id.chars().any(values::is_hidden_char));
    }
    let _ = values::shown(text);
    if let Ok(d) = money::exact_decimal(text) {
        // The same number, digit for digit: parse what it prints and compare.
        assert_eq!(money::exact_decimal(&d.to_string()).unwrap(), d);
    }
});
