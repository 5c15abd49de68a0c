//! Range-checked parsers for every duration, time, rate and count that comes from a flag, an
//! environment variable or the config (amounts: `money::amount_arg`, next to the exact parser). Each has the shape `fn(&str) -> Result<T, String>`, so it
//! also works as a clap `value_parser`; the error is a phrase that reads after "X is" ("not a
//! duration like ...", "too long: ..."). Conversions are checked: no input reaches a `Duration` or
//! `chrono` constructor that could panic or wrap around.

use chrono::{DateTime, Utc};
use std::time::Duration;

/// The longest duration any flag takes (`--since`, `--older-than`, `--tolerance`, `--max-age`,
/// `--expires-in`, `--budget`): ten years. Providers narrow it further (Cashy: `--expires-in` ≤ 7d).
pub const MAX_DURATION: Duration = Duration::from_secs(3650 * 86_400);
/// `--timeout`, a profile's `timeout`, `PAYCLI_SECRET_COMMAND_TIMEOUT`: 1 ms to an hour.
pub const MAX_SECONDS: f64 = 3600.0;
/// `--rate`: from one request an hour to 10 000 a second.
pub const MAX_RATE_PER_SEC: f64 = 10_000.0;
pub const MIN_RATE_PER_SEC: f64 = 1.0 / 3600.0;
/// `--retries`: a handful is plenty; the check's time budget ends it sooner anyway.
pub const MAX_RETRIES: u32 = 20;
/// `--concurrency`.
pub const MAX_CONCURRENCY: u16 = 256;
/// `sandbox --time-scale`.
pub const TIME_SCALE_RANGE: (f64, f64) = (0.001, 1_000_000.0);
/// Order ids, references and RRNs from flags and files: longer ones are refused (no provider takes
/// more than 64 characters).
pub const MAX_ID_CHARS: usize = 128;

/// At most this much of a bad value is repeated in a message.
const SHOWN_CHARS: usize = 40;

/// A value as it may be repeated in a message: at most 40 characters, control characters escaped.
pub fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(SHOWN_CHARS).flat_map(char::escape_debug).collect();
    let total = text.chars().count();
    if total > SHOWN_CHARS {
        out.push_str(&format!("… ({total} characters)"));
    }
    format!("\"{out}\"")
}

/// `90s`, `30m`, `2h`, `1d` or plain seconds; 0 up to ten years.
pub fn duration(text: &str) -> Result<Duration, String> {
    const BAD: &str = "not a duration like 90s, 30m, 2h or 1d";
    let t = text.trim();
    let (num, unit) = t.find(|c: char| !c.is_ascii_digit()).map_or((t, ""), |i| t.split_at(i));
    let per: u64 = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(BAD.into()),
    };
    if num.is_empty() {
        return Err(BAD.into());
    }
    let too_long = || format!("too long: at most {}d (ten years)", MAX_DURATION.as_secs() / 86_400);
    let n: u64 = num.parse().map_err(|_| too_long())?;
    let secs = n.checked_mul(per).filter(|s| *s <= MAX_DURATION.as_secs()).ok_or_else(too_long)?;
    Ok(Duration::from_secs(secs))
}

/// The receiver's answer budget (`callback listen --budget`): `1500ms`, `1.5s`, `3s` or seconds,
/// whole milliseconds from 50 ms to 600 s.
pub fn answer_budget(text: &str) -> Result<Duration, String> {
    const BAD: &str = "not a duration like 1500ms, 1.5s or 3s, between 50ms and 600s";
    let t = text.trim();
    let (number, per_unit_ms) = match t.strip_suffix("ms") {
        Some(n) => (n.trim(), 1u64),
        None => (t.strip_suffix('s').unwrap_or(t).trim(), 1000),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (number.contains('.') && frac.is_empty()) {
        return Err(BAD.into());
    }
    // Fractions finer than a millisecond are refused, not rounded.
    let frac = frac.trim_end_matches('0');
    let frac_ms = match (per_unit_ms, frac.len()) {
        (_, 0) => 0,
        (1000, 1..=3) => frac.parse::<u64>().map_err(|_| BAD)? * 10u64.pow(3 - frac.len() as u32),
        _ => return Err(BAD.into()),
    };
    let ms = int
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(per_unit_ms))
        .and_then(|n| n.checked_add(frac_ms))
        .filter(|ms| (50..=600_000).contains(ms))
        .ok_or(BAD)?;
    Ok(Duration::from_millis(ms))
}

/// A duration as chrono's type (for time arithmetic); cannot fail for what `duration` accepts.
pub fn chrono_duration(text: &str) -> Result<chrono::Duration, String> {
    duration(text).and_then(|d| chrono::Duration::from_std(d).map_err(|_| "too long".to_string()))
}

/// A number of seconds, fractions allowed: more than 0 and at most 3600 (`--timeout`).
pub fn seconds(text: &str) -> Result<Duration, String> {
    let v: f64 = text.trim().parse().map_err(|_| "not a number of seconds between 0 and 3600, e.g. 30 or 2.5")?;
    seconds_f64(v)
}

/// The checked conversion behind `seconds`, also for numbers read from the config file.
pub fn seconds_f64(v: f64) -> Result<Duration, String> {
    // At least a millisecond: 1e-300 would become a zero Duration (found by the `values` fuzz target).
    if !(v.is_finite() && (0.001..=MAX_SECONDS).contains(&v)) {
        return Err("not a number of seconds between 0 and 3600 (at least 0.001), e.g. 30 or 2.5".into());
    }
    Duration::try_from_secs_f64(v).map_err(|_| "not a number of seconds between 0 and 3600".into())
}

/// The earliest and latest time a flag may name.
fn time_range() -> (DateTime<Utc>, DateTime<Utc>) {
    let lo = DateTime::from_timestamp(0, 0).unwrap_or_default();
    // 9999-12-31T23:59:59Z
    let hi = DateTime::from_timestamp(253_402_300_799, 0).unwrap_or_default();
    (lo, hi)
}

/// RFC 3339 (`2024-07-30T08:31:10Z`) or epoch seconds, between 1970 and 9999.
pub fn time(text: &str) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    let parsed = match DateTime::parse_from_rfc3339(t) {
        Ok(at) => Some(at.with_timezone(&Utc)),
        Err(_) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => {
            t.parse::<i64>().ok().and_then(|s| DateTime::from_timestamp(s, 0)).or(Some(DateTime::<Utc>::MAX_UTC))
        }
        Err(_) => None,
    };
    let at = parsed.ok_or("not an RFC 3339 time (2024-07-30T08:31:10Z) or epoch seconds")?;
    let (lo, hi) = time_range();
    if at < lo || at > hi {
        return Err("out of range: a time between 1970 and 9999".into());
    }
    Ok(at)
}

/// `50/s`, `600/m`, `3600/h` or a bare number per second, as the interval between two requests:
/// from one an hour to 10 000 a second.
pub fn rate(text: &str) -> Result<Duration, String> {
    const BAD: &str = "not a rate like 50/s, 600/m or 3600/h";
    let (n, per) = match text.trim().split_once('/') {
        Some((n, unit)) => (n.trim(), unit.trim()),
        None => (text.trim(), "s"),
    };
    let per = match per {
        "s" | "sec" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        _ => return Err(BAD.into()),
    };
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(BAD.into());
    }
    let n: f64 = n.parse().map_err(|_| BAD)?;
    let per_sec = n / per;
    if !(per_sec.is_finite() && (MIN_RATE_PER_SEC * 0.999_999..=MAX_RATE_PER_SEC).contains(&per_sec)) {
        return Err("out of range: from 1/h to 10000/s".into());
    }
    Duration::try_from_secs_f64(1.0 / per_sec).map_err(|_| "out of range: from 1/h to 10000/s".into())
}

fn count<T: TryFrom<u64>>(text: &str, lo: u64, hi: u64) -> Result<T, String> {
    let t = text.trim();
    let out_of_range = || format!("not a whole number from {lo} to {hi}");
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(out_of_range());
    }
    let n: u64 = t.parse().map_err(|_| out_of_range())?;
    if !(lo..=hi).contains(&n) {
        return Err(out_of_range());
    }
    T::try_from(n).map_err(|_| out_of_range())
}

/// `--retries`: 0 to 20.
pub fn retries(text: &str) -> Result<u32, String> {
    count(text, 0, u64::from(MAX_RETRIES))
}

/// `--concurrency`: 1 to 256.
pub fn concurrency(text: &str) -> Result<u16, String> {
    count(text, 1, u64::from(MAX_CONCURRENCY))
}

/// `sandbox --time-scale`: 0.001 to 1 000 000.
pub fn time_scale(text: &str) -> Result<f64, String> {
    let (lo, hi) = TIME_SCALE_RANGE;
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (lo..=hi).contains(&v) => Ok(v),
        _ => Err("not a positive factor from 0.001 to 1000000".into()),
    }
}

/// Characters no id may contain: controls (newline, tab, NUL, DEL), and invisible format
/// characters (byte order mark, zero-width and direction marks, line separators).
pub fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// An order id, reference or RRN from a flag or a file: trimmed, not empty, at most 128
/// characters, no control or invisible characters. The provider applies its own rules after this.
pub fn order_id(text: &str) -> Result<String, String> {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        return Err("empty".into());
    }
    if t.chars().count() > MAX_ID_CHARS {
        return Err(format!("too long: an id has at most {MAX_ID_CHARS} characters"));
    }
    if let Some(c) = t.chars().find(|c| is_hidden_char(*c)) {
        return Err(format!("not a plain id: it contains the control character {:?}", c));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_range_checked() {
        assert_eq!(duration("90").unwrap().as_secs(), 90);
        assert_eq!(duration("30m").unwrap().as_secs(), 1800);
        assert_eq!(duration(" 2h ").unwrap().as_secs(), 7200);
        assert_eq!(duration("3650d").unwrap(), MAX_DURATION);
        for bad in ["", "1w", "-5m", "m", "1.5h", "5 m", "1e3s"] {
            assert!(duration(bad).unwrap_err().starts_with("not a duration"), "{bad}");
        }
        for long in ["3651d", "307445734561825862m", "99999999999d", "99999999999999999999999999s"] {
            assert!(duration(long).unwrap_err().starts_with("too long"), "{long}");
        }
        assert!(chrono_duration("3650d").is_ok());
    }

    #[test]
    fn answer_budgets_are_whole_milliseconds() {
        assert_eq!(answer_budget("1500ms").unwrap(), Duration::from_millis(1500));
        assert_eq!(answer_budget("1.5s").unwrap(), Duration::from_millis(1500));
        assert_eq!(answer_budget("3").unwrap(), Duration::from_secs(3));
        assert_eq!(answer_budget("0.050s").unwrap(), Duration::from_millis(50));
        for bad in ["", "49ms", "601s", "1.0001s", "1.5ms", "x", "1e3ms", "99999999999999999999999s", "-1s", ".5s"] {
            assert!(answer_budget(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn seconds_are_finite_and_bounded() {
        assert_eq!(seconds("2.5").unwrap(), Duration::from_millis(2500));
        for bad in ["0", "-1", "inf", "NaN", "1e300", "3600.5", "soon", ""] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
        assert!(seconds_f64(f64::INFINITY).is_err());
        // Found by the `values` fuzz target: 1e-300 s rounded to a zero timeout.
        assert!(seconds("1e-300").is_err() && seconds_f64(0.0009).is_err());
        assert_eq!(seconds("0.001").unwrap(), Duration::from_millis(1));
    }

    #[test]
    fn times_are_within_years_1970_to_9999() {
        assert_eq!(time("1722328270").unwrap().to_rfc3339(), "2024-07-30T08:31:10+00:00");
        assert!(time("2024-07-30T15:31:10+07:00").is_ok());
        for bad in ["yesterday", "-5", "", "99999999999999999999", "253402300800"] {
            assert!(time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rates_are_range_checked() {
        assert_eq!(rate("50/s").unwrap(), Duration::from_millis(20));
        assert_eq!(rate("600/m").unwrap(), Duration::from_millis(100));
        assert_eq!(rate("4").unwrap(), Duration::from_millis(250));
        assert_eq!(rate("1/h").unwrap(), Duration::from_secs(3600));
        assert_eq!(rate("0.5/s").unwrap(), Duration::from_secs(2));
        for bad in ["0/s", "-1/s", "x/s", "5/d", "", "1e-300/s", "1e300/s", "inf/s", "NaN", "20000/s", "0.1/h"] {
            assert!(rate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_and_factors() {
        assert_eq!(retries("0").unwrap(), 0);
        assert!(retries("21").is_err() && retries("-1").is_err() && retries("99999999999999999999").is_err());
        assert_eq!(concurrency("256").unwrap(), 256);
        assert!(concurrency("0").is_err() && concurrency("257").is_err());
        assert!(time_scale("60").is_ok());
        for bad in ["0", "1e-300", "inf", "NaN", "-1", "1e7"] {
            assert!(time_scale(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_are_plain() {
        assert_eq!(order_id(" A1 ").unwrap(), "A1");
        assert_eq!(order_id("\u{feff}A1").unwrap(), "A1");
        for bad in ["", "  ", "A\n1", "A\u{0}", "A\u{200b}B", "A\u{feff}B", "A\u{7f}"] {
            assert!(order_id(bad).is_err(), "{bad:?}");
        }
        assert!(order_id(&"x".repeat(129)).unwrap_err().contains("too long"));
        assert_eq!(shown(&"y".repeat(100)).chars().count(), 40 + 2 + " (100 characters)".chars().count() + 1);
        assert_eq!(shown("a\nb"), "\"a\\nb\"");
    }
}
