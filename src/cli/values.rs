//! Value parsers for clap: every flag arrives in its type, range-checked, or the command line is
//! refused (exit 2, rendered like every other error). Handlers never parse flag text.

use crate::model::Status;
use crate::providers::LineItem;
use crate::settings::{self, Setting};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::time::Duration;

/// The longest duration any flag takes: a year. Longer is a typo, and keeps arithmetic safe.
pub const MAX_DURATION: Duration = Duration::from_secs(366 * 86_400);
/// The fastest `--rate`: far beyond any provider's limit, still a positive interval.
pub const MAX_RATE_PER_SEC: f64 = 100_000.0;

fn usage(e: crate::error::Error) -> String {
    match e.hint {
        Some(h) => format!("{} ({h})", e.message),
        None => e.message,
    }
}

/// An amount in major units: a plain positive decimal (`100000`, `50.00`, `20.5`).
pub fn amount(text: &str) -> Result<Decimal, String> {
    crate::money::parse_amount(text).map_err(usage)
}

/// `90s`, `30m`, `2h`, `1d` or plain seconds; from 1 second to a year.
pub fn duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let bad = || format!("{text:?} is not a duration like 90s, 30m, 2h or 1d");
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().map_err(|_| bad())?;
    let per = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(bad()),
    };
    let secs = n
        .checked_mul(per)
        .filter(|s| *s <= MAX_DURATION.as_secs())
        .ok_or_else(|| format!("{text:?} is longer than a year ({}d)", MAX_DURATION.as_secs() / 86_400))?;
    if secs == 0 {
        return Err(format!("{text:?}: a duration must be at least 1s"));
    }
    Ok(Duration::from_secs(secs))
}

/// A duration as chrono's type, for time arithmetic (always in range: see `duration`).
pub fn chrono_duration(text: &str) -> Result<chrono::Duration, String> {
    duration(text).map(|d| chrono::Duration::from_std(d).expect("at most a year"))
}

/// An RFC 3339 time or epoch seconds, between 1970 and 9999.
pub fn time(text: &str) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at.with_timezone(&Utc));
    }
    t.parse::<i64>()
        .ok()
        .filter(|s| (0..=253_402_300_799).contains(s))
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or_else(|| format!("{text:?} is not an RFC 3339 time (2024-07-30T08:31:10Z) or epoch seconds"))
}

/// `--since`: a duration back from now (`2h`) or a time (`2024-07-30T08:00:00Z`).
pub fn since(text: &str) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    if t.starts_with(|c: char| c.is_ascii_digit()) && t.contains('-') {
        return time(t);
    }
    match chrono_duration(t) {
        Ok(d) => Ok(Utc::now() - d),
        Err(_) => Err(format!("{text:?} is neither a duration (30m, 2h, 1d) nor an RFC 3339 time")),
    }
}

/// `--rate`: requests a second, minute or hour (`50/s`, `600/m`, `3600/h`, plain `50` = per second).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// The time between two requests.
    pub interval: Duration,
}

pub fn rate(text: &str) -> Result<Rate, String> {
    let bad = || format!("{text:?} is not a rate like 50/s, 600/m or 3600/h");
    let (n, per) = match text.trim().split_once('/') {
        Some((n, unit)) => (n.trim(), unit.trim()),
        None => (text.trim(), "s"),
    };
    let per = match per {
        "s" | "sec" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        _ => return Err(bad()),
    };
    let n: f64 = n.parse().map_err(|_| bad())?;
    if !(n.is_finite() && n > 0.0) {
        return Err(format!("{text:?}: the rate must be more than zero"));
    }
    if n / per > MAX_RATE_PER_SEC {
        return Err(format!("{text:?} is faster than {MAX_RATE_PER_SEC}/s"));
    }
    Ok(Rate { interval: Duration::from_secs_f64(per / n) })
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
    let t = text.trim();
    let (number, scale) = match t.strip_suffix("ms") {
        Some(n) => (n, Decimal::ONE),
        None => (t.strip_suffix('s').unwrap_or(t), Decimal::ONE_THOUSAND),
    };
    let bad = || {
        format!(
            "{text:?} is not a duration like 1500ms, 1.5s or 3s from 50ms to 600s \
             (how long paycli may take to answer one callback)"
        )
    };
    let n: Decimal = number.trim().parse().map_err(|_| bad())?;
    let millis = n.checked_mul(scale).filter(|m| m.fract().is_zero()).ok_or_else(bad)?;
    let millis: u64 = millis.try_into().map_err(|_| bad())?;
    if !(50..=600_000).contains(&millis) {
        return Err(bad());
    }
    Ok(Duration::from_millis(millis))
}

/// `--header 'Name: value'`.
pub fn header(text: &str) -> Result<(String, String), String> {
    crate::capture::parse_header_arg(text).map_err(usage)
}

/// `--item NAME:QTY:UNIT_PRICE`; the name may itself contain colons.
pub fn item(text: &str) -> Result<LineItem, String> {
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
    let unit_price = amount(price).map_err(|e| format!("{text:?}: unit price: {e}"))?;
    Ok(LineItem { name: name.trim().to_string(), quantity, unit_price })
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

/// `paycli sandbox --time-scale N`: a positive number up to a million (1 is real time).
pub fn time_scale(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 && n <= 1_000_000.0 => Ok(n),
        _ => Err(format!("{text:?} is not a positive number up to 1000000")),
    }
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
    fn durations_are_range_checked() {
        assert_eq!(duration("90").unwrap().as_secs(), 90);
        assert_eq!(duration("30m").unwrap().as_secs(), 1800);
        assert_eq!(duration("2h").unwrap().as_secs(), 7200);
        assert_eq!(duration("1d").unwrap().as_secs(), 86400);
        for bad in ["1w", "-5m", "", "0", "0s", "367d", "99999999999999999999d", "18446744073709551615d", "5 m"] {
            assert!(duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_and_since() {
        assert_eq!(time("1722328270").unwrap().to_rfc3339(), "2024-07-30T08:31:10+00:00");
        assert!(time("2024-07-30T15:31:10+07:00").is_ok());
        for bad in ["yesterday", "-1", "99999999999999"] {
            assert!(time(bad).is_err(), "{bad}");
        }
        let two_hours = since("2h").unwrap();
        assert!((Utc::now() - two_hours - chrono::Duration::hours(2)).num_seconds().abs() < 5);
        assert_eq!(since("2024-07-30T08:00:00Z").unwrap().to_rfc3339(), "2024-07-30T08:00:00+00:00");
        assert!(since("yesterday").is_err());
    }

    #[test]
    fn rates() {
        assert_eq!(rate("50/s").unwrap().interval, Duration::from_millis(20));
        assert_eq!(rate("600/m").unwrap().interval, Duration::from_millis(100));
        assert_eq!(rate("50").unwrap().interval, Duration::from_millis(20));
        for bad in ["0/s", "-1/s", "x/s", "5/w", "NaN/s", "inf", "1e9/s", "bogus"] {
            assert!(rate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn items_and_fields() {
        let i = item("Plan: Pro:2:20.5").unwrap();
        assert_eq!((i.name.as_str(), i.quantity, i.unit_price.to_string().as_str()), ("Plan: Pro", 2, "20.5"));
        for bad in ["x", "x:1", ":1:2", "x:0:1", "x:a:1", "x:1:-1", "x:1:", "x:9999999:1"] {
            assert!(item(bad).is_err(), "{bad}");
        }
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
        assert!(time_scale("60").is_ok());
        for bad in ["0", "NaN", "inf", "-1", "1e7"] {
            assert!(time_scale(bad).is_err(), "{bad}");
        }
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
