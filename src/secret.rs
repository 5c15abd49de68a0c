//! A credential that cannot be printed by accident: `Debug` and `Display` redact it. And the one
//! scrubber that everything paycli shows from outside passes through (provider answers, headers,
//! error text, forwarded replies, `--verbose` logs, records): every secret value of the active
//! profile, and anything shaped like a private key, becomes `<redacted>`, even when a server
//! reflects it back.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, RwLock};

pub const REDACTED: &str = "<redacted>";

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Arc::from(value.into()))
    }
    /// The only way to read the value; grep for it to audit every use.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Secret values shorter than this are not scrubbed from output: they would mangle ordinary text
/// (and are no real credentials).
pub const MIN_SCRUBBED_CHARS: usize = 4;

/// Every secret value this process has read, and the pieces of private keys (lines, base64 body).
static KNOWN: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Remembers a secret value so that `scrub` removes it from everything shown. Private keys (PEM
/// or bare base64) are also remembered line by line and as one base64 string, so a re-wrapped or
/// partial reflection is caught too.
pub fn register(value: &str) {
    let value = value.trim();
    let mut pieces = vec![value.to_string()];
    let lines: Vec<&str> = value.lines().map(str::trim).filter(|l| !l.starts_with("-----") && !l.is_empty()).collect();
    if lines.len() > 1 {
        pieces.extend(lines.iter().filter(|l| l.len() >= 16).map(|l| l.to_string()));
        pieces.push(lines.concat());
    }
    let mut known = KNOWN.write().unwrap_or_else(std::sync::PoisonError::into_inner);
    for p in pieces {
        if p.chars().count() >= MIN_SCRUBBED_CHARS && !known.contains(&p) {
            known.push(p);
        }
    }
    // Longest first: a key's whole text goes before its lines.
    known.sort_by_key(|k| std::cmp::Reverse(k.len()));
}

/// `text` with every registered secret and every private-key-shaped block replaced by `<redacted>`.
pub fn scrub(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    {
        let known = KNOWN.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        for secret in known.iter() {
            if out.contains(secret.as_str()) {
                out = Cow::Owned(out.replace(secret.as_str(), REDACTED));
            }
        }
    }
    match redact_key_shapes(&out) {
        Some(clean) => Cow::Owned(clean),
        None => out,
    }
}

/// Scrubs every string (and object key) inside a JSON value.
pub fn scrub_json(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let Cow::Owned(clean) = scrub(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(scrub_json),
        Value::Object(map) => {
            let dirty = map.keys().any(|k| matches!(scrub(k), Cow::Owned(_)));
            if dirty {
                let taken = std::mem::take(map);
                *map = taken.into_iter().map(|(k, v)| (scrub(&k).into_owned(), v)).collect();
            }
            map.values_mut().for_each(scrub_json);
        }
        _ => {}
    }
}

/// PEM private key blocks (to their END line, or to the end of the text when cut off) and bare
/// base64 DER that decodes to the start of a private key (`SEQUENCE { INTEGER 0 ...`): RSA
/// PKCS#1 and PKCS#8 both begin that way; public keys and certificates do not.
fn redact_key_shapes(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    let mut changed = false;
    loop {
        let pem = find_pem_private(rest);
        let bare = find_bare_der_private(rest);
        let next = match (pem, bare) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        let Some((start, end)) = next else { break };
        out.push_str(&rest[..start]);
        out.push_str(REDACTED);
        rest = &rest[end..];
        changed = true;
    }
    if !changed {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

fn find_pem_private(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("-----BEGIN ") {
        let start = from + i;
        // A PEM label line is short: look at its first 64 bytes only (linear on hostile text).
        let mut label_end = (start + 64).min(text.len());
        while !text.is_char_boundary(label_end) {
            label_end -= 1;
        }
        let label = &text[start..label_end];
        let label = &label[..label.find(['\n', '\r']).unwrap_or(label.len())];
        if label.contains("PRIVATE KEY-----") {
            let end = text[start + 11..]
                .find("-----END ")
                .map(|j| start + 11 + j)
                .map(|e| text[e + 9..].find("-----").map_or(text.len(), |k| e + 9 + k + 5))
                .unwrap_or(text.len());
            return Some((start, end));
        }
        from = start + 11;
    }
    None
}

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'='
}

/// A run of base64 (line breaks, also as the two characters `\\n`, allowed inside) that starts
/// like a DER private key and is long enough to be one (a 512-bit key is ~450 characters). The
/// start is checked before the run is measured, so hostile text costs linear time.
fn find_bare_der_private(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find("MII") {
        let start = from + i;
        from = start + 3;
        // Inside a longer base64 run is not a start ('=' is padding, so `key=MII...` is one).
        if start > 0 && is_b64(bytes[start - 1]) && bytes[start - 1] != b'=' {
            continue;
        }
        let mut end = start;
        let mut b64_chars = 0usize;
        let mut head = String::new();
        while end < bytes.len() {
            if is_b64(bytes[end]) {
                if head.len() < 16 {
                    head.push(bytes[end] as char);
                    if head.len() == 16 && !is_private_der_start(&head) {
                        break;
                    }
                }
                end += 1;
                b64_chars += 1;
            } else if matches!(bytes[end], b'\n' | b'\r') {
                end += 1;
            } else if bytes[end] == b'\\' && matches!(bytes.get(end + 1), Some(b'n' | b'r')) {
                end += 2;
            } else {
                break;
            }
        }
        if b64_chars >= 400 && head.len() == 16 {
            // Keep the line break that ended the run.
            let trimmed = text[start..end].trim_end_matches(['\n', '\r']).len();
            return Some((start, start + trimmed));
        }
    }
    None
}

/// `SEQUENCE (long form length) { INTEGER 0`: RSA PKCS#1 and PKCS#8 private keys start this way;
/// public keys and certificates do not. `head` is 16 base64 characters (12 bytes), decoded here
/// without allocating: this runs for every `MII` in a hostile answer.
fn is_private_der_start(head: &str) -> bool {
    fn val(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let mut der = [0u8; 12];
    for (i, quad) in head.as_bytes().chunks_exact(4).take(3).enumerate() {
        let mut n = 0u32;
        for &c in quad {
            let Some(v) = val(c) else { return false };
            n = (n << 6) | v;
        }
        der[i * 3..i * 3 + 3].copy_from_slice(&n.to_be_bytes()[1..]);
    }
    let body = match der[1] {
        0x82 => &der[4..7],
        0x83 => &der[5..8],
        _ => return false,
    };
    der[0] == 0x30 && body == [0x02, 0x01, 0x00]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s}"), REDACTED);
        assert_eq!(format!("{s:?}"), REDACTED);
        assert!(!format!("{:?}", Some(&s)).contains("hunter2"));
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn scrubs_registered_secrets_and_key_shapes() {
        register("ZZ-scrub-test-secret-41");
        register("ab"); // too short to scrub
        let shown = scrub("Authorization: Api-Key ZZ-scrub-test-secret-41\nab");
        assert_eq!(shown, "Authorization: Api-Key <redacted>\nab");
        assert!(matches!(scrub("nothing to see"), Cow::Borrowed(_)));

        let pem = include_str!("../tests/fixtures/zenospay/merchant-pkcs1.pem");
        let reflected = format!("error: bad key {pem} end");
        let clean = scrub(&reflected);
        assert!(clean.starts_with("error: bad key <redacted>") && clean.ends_with(" end"), "{clean}");
        // Cut off before its END line, and JSON-escaped: still gone.
        let cut = &pem[..pem.len() / 2];
        assert_eq!(scrub(&format!("x {cut}")), "x <redacted>");
        let escaped = serde_json::to_string(pem).unwrap();
        assert!(!scrub(&escaped).contains(&pem.lines().nth(3).unwrap()[..40]));
        // Bare base64 DER of a private key (the form PayCools uses), wrapped or not.
        let bare: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        // (Other tests may have registered this key's lines: the result is then several `<redacted>`.)
        let no_key_left = |text: &str| (0..bare.len() - 40).step_by(8).all(|i| !text.contains(&bare[i..i + 40]));
        let clean = scrub(&format!("key={bare};")).into_owned();
        assert!(clean.starts_with("key=<redacted>") && clean.ends_with(';') && no_key_left(&clean), "{clean}");
        let wrapped: String = pem.lines().filter(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\\n");
        let clean = scrub(&format!("\"{wrapped}\"")).into_owned();
        assert!(clean.starts_with("\"<redacted>") && no_key_left(&clean), "{clean}");
        // Public keys are not secrets.
        let public = include_str!("../tests/fixtures/zenospay/merchant.pub.pem");
        assert_eq!(scrub(public), public);
    }

    #[test]
    fn scrubs_json_strings_and_keys() {
        register("ZZ-json-scrub-secret-77");
        let mut v = serde_json::json!({"a": ["x ZZ-json-scrub-secret-77 y"], "ZZ-json-scrub-secret-77": 1});
        scrub_json(&mut v);
        assert_eq!(v, serde_json::json!({"a": ["x <redacted> y"], "<redacted>": 1}));
    }

    #[test]
    fn hostile_text_is_scrubbed_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in ["MII ", "MII\n", "MIIEvQIBADANBgkq\n", "-----BEGIN ", "x-----BEGIN PRIVATE KEY", "\\nMII"] {
            let text = unit.repeat(1024 * 1024 / unit.len());
            let _ = scrub(&text);
        }
        // Quadratic would take minutes; linear is a few seconds even unoptimised on a busy machine.
        assert!(started.elapsed() < std::time::Duration::from_secs(15), "{:?}", started.elapsed());
    }
}
