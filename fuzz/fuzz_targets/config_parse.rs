//! The config loader on arbitrary text: parse, pick every profile, redact it. Secrets are never
//! resolved here: a `command` secret would run a shell command taken from the fuzzer's input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paycli::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(cfg) = Config::parse(text, "/fuzz/config.toml".into(), paycli::providers::catalog()) else { return };
    for (name, _) in cfg.profile_names() {
        if let Ok(profile) = cfg.profile(Some(&name)) {
            let shown = profile.redacted(&["api_key", "private_key", "webhook_secret", "callback_secret"]);
            let _ = shown.to_string();
            let _ = profile.base_url();
            let _ = profile.str("merchant_id");
        }
    }
    let _ = cfg.profile(None);
});
