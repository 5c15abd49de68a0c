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
        let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |j| start + j);
        let header = &text[start..line_end];
        if header.contains("PRIVATE KEY-----") {
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

/// A run of base64 (line breaks, also as the two characters `\n`, allowed inside) that starts
/// like a DER private key and is long enough to be one (a 512-bit key is ~450 characters).
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
        while end < bytes.len() {
            if is_b64(bytes[end]) {
                end += 1;
                b64_chars += 1;
            } else if matches!(bytes[end], b'\n' | b'\r' | b' ') {
                end += 1;
            } else if bytes[end] == b'\\' && matches!(bytes.get(end + 1), Some(b'n' | b'r')) {
                end += 2;
            } else {
                break;
            }
        }
        if b64_chars < 400 {
            continue;
        }
        let head: String = text[start..end].chars().filter(|c| is_b64(*c as u8) && c.is_ascii()).take(16).collect();
        let Some(der) = crate::crypto::b64_decode(&head) else { continue };
        let body = match der.get(1) {
            Some(0x82) => der.get(4..7),
            Some(0x83) => der.get(5..8),
            _ => None,
        };
        if der.first() == Some(&0x30) && body == Some(&[0x02, 0x01, 0x00][..]) {
            // Keep the line break or space that ended the run.
            let trimmed = text[start..end].trim_end_matches(['\n', '\r', ' ']).len();
            return Some((start, start + trimmed));
        }
    }
    None
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
}
