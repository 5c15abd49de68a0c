//! Amount parsing and minor-unit conversion: whatever parses converts back exactly or is refused.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paycli::money;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(amount) = money::parse_amount(text) {
        assert!(amount > rust_decimal::Decimal::ZERO);
        for scale in 0..=8 {
            if let Ok(minor) = money::to_minor_units(amount, scale, "XXX") {
                assert_eq!(money::from_minor_units(minor, scale).normalize(), amount.normalize());
            }
        }
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = money::amount_from_json(&value);
    }
});
