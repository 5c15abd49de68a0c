//! Value parsers for clap: every flag arrives in its type, range-checked, or the command line is
//! refused (exit 2, rendered like every other error). Handlers never parse flag text.

use crate::model::Status;
use crate::money::AmountText;
use crate::providers::LineItem;
use crate::settings::{self, Setting};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// An amount in major units as typed; read (`AmountText::read`) once the currency is known, since
/// `150.000` is 150 USDT but ambiguous in rupiah, and so that a refusal carries its hint.
pub fn amount(text: &str) -> Result<AmountText, String> {
    crate::money::amount_arg(text)
}

/// A duration that must be more than nothing (`--expires-in`, `--tolerance`, `--lease`, ...):
/// `crate::values::duration` (90s, 30m, 2h, 1d; at most ten years), and not 0.
pub fn duration(text: &str) -> Result<Duration, String> {
    match crate::values::duration(text)? {
        d if d.is_zero() => Err("not a duration: it must be at least 1s".into()),
        d => Ok(d),
    }
}

/// `duration` as chrono's type, for time arithmetic.
pub fn chrono_duration(text: &str) -> Result<chrono::Duration, String> {
    duration(text).and_then(|d| chrono::Duration::from_std(d).map_err(|_| "too long".to_string()))
}

/// An RFC 3339 time or epoch seconds, between 1970 and 9999.
pub fn time(text: &str) -> Result<DateTime<Utc>, String> {
    crate::values::time(text)
}

/// `--since`: a duration back from now (`2h`) or a time (`2024-07-30T08:00:00Z`).
pub fn since(text: &str) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    if t.starts_with(|c: char| c.is_ascii_digit()) && t.contains('-') {
        return time(t);
    }
    match chrono_duration(t) {
        Ok(d) => Ok(Utc::now() - d),
        Err(why) if why.starts_with("too long") => Err(why),
        Err(_) => Err("neither a duration (30m, 2h, 1d) nor an RFC 3339 time".into()),
    }
}

/// `--rate`: the time between two requests (`50/s`, `600/m`, `3600/h`; from 1/h to 10000/s).
pub fn rate(text: &str) -> Result<Duration, String> {
    crate::values::rate(text)
}

/// One of paycli's status words.
pub fn status(text: &str) -> Result<Status, String> {
    Status::parse(text.trim()).ok_or_else(|| format!("{text:?} is not one of pending, paid, failed, expired, unknown"))
}

/// A status a callback can report: paid or failed.
pub fn final_status(text: &str) -> Result<Status, String> {
    match status(text)? {
        s @ (Status::Paid | Status::Failed) => Ok(s),
        _ => Err(format!("{text:?}: a callback reports paid or failed")),
    }
}

/// A provider id paycli knows.
pub fn provider(text: &str) -> Result<String, String> {
    let ids = crate::providers::ids();
    match crate::providers::find(text.trim()) {
        Some(p) => Ok(p.id().to_string()),
        None => {
            Err(format!("unknown provider `{text}`{}; known: {}", settings::suggestion(text, &ids), ids.join(", ")))
        }
    }
}

/// `callback listen --budget`: `1500ms`, `1.5s`, `2s` or plain seconds; 50 ms to 10 minutes.
pub fn budget(text: &str) -> Result<Duration, String> {
    crate::values::answer_budget(text)
}

/// `--header 'Name: value'`.
pub fn header(text: &str) -> Result<(String, String), String> {
    crate::capture::parse_header_arg(text).map_err(|e| e.message)
}

/// `--item NAME:QTY:UNIT_PRICE` as typed: the unit price is read with the currency (`ItemArg::read`).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemArg {
    pub name: String,
    pub quantity: u32,
    pub unit_price: AmountText,
}

impl ItemArg {
    /// The line item in `currency`; a price that is refused names the item.
    pub fn read(&self, currency: &str) -> crate::error::Result<LineItem> {
        let unit_price = self.unit_price.read(currency).map_err(|e| {
            let message = format!("--item {:?}: unit price: {}", self.name, e.message);
            crate::error::Error { message, ..e }
        })?;
        Ok(LineItem { name: self.name.clone(), quantity: self.quantity, unit_price })
    }
}

/// `--item NAME:QTY:UNIT_PRICE`; the name may itself contain colons.
pub fn item(text: &str) -> Result<ItemArg, String> {
    let bad = || format!("{text:?} is not NAME:QTY:UNIT_PRICE (e.g. 'Standard Plan:1:20.5')");
    let mut parts = text.rsplitn(3, ':');
    let (Some(price), Some(qty), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    if name.trim().is_empty() {
        return Err(bad());
    }
    let quantity: u32 = qty.trim().parse().map_err(|_| bad())?;
    if !(1..=1_000_000).contains(&quantity) {
        return Err(format!("{text:?}: the quantity must be from 1 to 1000000"));
    }
    if price.trim().is_empty() {
        return Err(bad());
    }
    Ok(ItemArg { name: name.trim().to_string(), quantity, unit_price: amount(price)? })
}

/// `--set KEY=TEXT` sends a string; `KEY:=JSON` sends raw JSON (a number, bool, object...).
pub fn provider_field(text: &str) -> Result<(String, serde_json::Value), String> {
    fn key(k: &str) -> Result<String, String> {
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("the key {k:?} must be letters, digits or _"));
        }
        Ok(k.to_string())
    }
    if let Some((k, v)) = text.split_once(":=")
        && !k.contains('=')
    {
        let value = serde_json::from_str(v).map_err(|e| format!("{text:?}: the value after := is not JSON: {e}"))?;
        return key(k).map(|k| (k, value));
    }
    let (k, v) = text.split_once('=').ok_or_else(|| format!("{text:?} is not KEY=VALUE or KEY:=JSON"))?;
    key(k).map(|k| (k, serde_json::Value::String(v.to_string())))
}

/// `paycli sandbox --time-scale N`.
pub fn time_scale(text: &str) -> Result<f64, String> {
    crate::values::time_scale(text)
}

/// `paycli sandbox --set PROVIDER.KEY=VALUE`, checked against what that provider's emulation
/// declares: an unknown provider or key is refused with the closest known one.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxSetting {
    pub provider: &'static str,
    pub key: &'static str,
    pub value: String,
}

pub fn sandbox_setting(text: &str) -> Result<SandboxSetting, String> {
    let (k, value) = text.split_once('=').ok_or_else(|| format!("{text:?} is not PROVIDER.KEY=VALUE"))?;
    let (provider, key) = k.split_once('.').ok_or_else(|| format!("{text:?}: the key must be PROVIDER.KEY"))?;
    let ids = crate::providers::ids();
    let Some(p) = crate::providers::find(provider.trim()) else {
        return Err(format!("unknown provider `{provider}`{}", settings::suggestion(provider, &ids)));
    };
    let declared: &'static [Setting] = p.sandbox().settings();
    let names: Vec<&str> = declared.iter().map(|s| s.name).collect();
    let Some(setting) = declared.iter().find(|s| s.name == key.trim()) else {
        let known = if names.is_empty() { "none".to_string() } else { names.join(", ") };
        return Err(format!(
            "the {} sandbox has no setting `{key}`{}; its settings: {known}",
            p.id(),
            settings::suggestion(key, &names)
        ));
    };
    setting.kind.check_text(value).map_err(|why| format!("{}.{}: {why}", p.id(), setting.name))?;
    Ok(SandboxSetting { provider: p.id(), key: setting.name, value: value.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_more_than_nothing() {
        assert_eq!(duration("30m").unwrap().as_secs(), 1800);
        for bad in ["0", "0s", "1w", "-5m", "", "3651d", "18446744073709551615d"] {
            assert!(duration(bad).is_err(), "{bad}");
        }
        assert!(chrono_duration("3650d").is_ok());
    }

    #[test]
    fn since_takes_durations_and_times() {
        let two_hours = since("2h").unwrap();
        assert!((Utc::now() - two_hours - chrono::Duration::hours(2)).num_seconds().abs() < 5);
        assert_eq!(since("2024-07-30T08:00:00Z").unwrap().to_rfc3339(), "2024-07-30T08:00:00+00:00");
        assert!(since("yesterday").unwrap_err().starts_with("neither"));
        assert!(since("99999999999d").unwrap_err().starts_with("too long"));
    }

    #[test]
    fn items_and_fields() {
        let i = item("Plan: Pro:2:20.5").unwrap().read("USDT").unwrap();
        assert_eq!((i.name.as_str(), i.quantity, i.unit_price.to_string().as_str()), ("Plan: Pro", 2, "20.5"));
        for bad in ["x", "x:1", ":1:2", "x:0:1", "x:a:1", "x:1:", "x:9999999:1"] {
            assert!(item(bad).is_err(), "{bad}");
        }
        let e = item("Kopi:1:150.000").unwrap().read("IDR").unwrap_err();
        assert!(e.message.starts_with("--item \"Kopi\": unit price: amount \"150.000\" is ambiguous"), "{}", e.message);
        assert_eq!(e.hint.as_deref(), Some("for Rp 150.000 write 150000"));
        assert!(item("x:1:-1").unwrap().read("IDR").is_err());
        assert_eq!(provider_field("a=1").unwrap(), ("a".into(), serde_json::json!("1")));
        assert_eq!(provider_field("a:=1").unwrap(), ("a".into(), serde_json::json!(1)));
        assert_eq!(provider_field("a=b:=c").unwrap(), ("a".into(), serde_json::json!("b:=c")));
        for bad in ["a", "=1", "a b=1", "a:={"] {
            assert!(provider_field(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn budgets() {
        assert_eq!(budget("1500ms").unwrap(), Duration::from_millis(1500));
        assert_eq!(budget("1.5s").unwrap(), Duration::from_millis(1500));
        assert_eq!(budget("2").unwrap(), Duration::from_secs(2));
        for bad in ["10ms", "601s", "1.0005s", "x", "-1s"] {
            assert!(budget(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn statuses_and_headers() {
        assert_eq!(status("paid").unwrap(), Status::Paid);
        assert!(status("complete").is_err());
        assert_eq!(header("X-Sign: abc").unwrap(), ("X-Sign".into(), "abc".into()));
        assert!(header("no colon").is_err());
    }

    #[test]
    fn sandbox_settings_are_checked_with_a_suggestion() {
        let s = sandbox_setting("zenospay.callback_url=http://127.0.0.1:9/hook").unwrap();
        assert_eq!((s.provider, s.key), ("zenospay", "callback_url"));
        let e = sandbox_setting("zenospay.callbackurl=http://x").unwrap_err();
        assert!(e.contains("did you mean `callback_url`"), "{e}");
        let e = sandbox_setting("zenopay.callback_url=http://x").unwrap_err();
        assert!(e.contains("did you mean `zenospay`"), "{e}");
        assert!(sandbox_setting("paycools.sign_mode=param_only").is_ok());
        let e = sandbox_setting("paycools.sign_mode=sorted").unwrap_err();
        assert!(e.contains("envelope_sorted"), "{e}");
        assert!(sandbox_setting("zenospay.callback_url=not a url").is_err());
        assert!(sandbox_setting("cashy=1").is_err());
        assert!(sandbox_setting("cashy.x").is_err());
    }
}
