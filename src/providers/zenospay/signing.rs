//! The client's half of Zenospay's SNAP-style signature (docs/providers/zenospay.md):
//! `X-SIGNATURE` = base64(RSASSA-PKCS1-v1_5/SHA-256 over `METHOD:PATH:hex(sha256(body)):TIMESTAMP`).
//! The sandbox checks requests with its own code, never with this module.

use crate::crypto;
use chrono::{DateTime, FixedOffset, Utc};

/// Zenospay's examples carry Jakarta time (`+07:00`); any offset is valid ISO 8601, but matching
/// the examples avoids surprising a strict parser on their side.
pub fn timestamp(now: DateTime<Utc>) -> String {
    let wib = FixedOffset::east_opt(7 * 3600).expect("valid offset");
    now.with_timezone(&wib).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// `METHOD:PATH:lowerhex(sha256(body)):TIMESTAMP`, over the exact body bytes.
pub fn string_to_sign(method: &str, path: &str, body: &[u8], timestamp: &str) -> String {
    format!("{}:{}:{}:{}", method.to_ascii_uppercase(), path, crypto::sha256_hex(body), timestamp)
}

pub fn sign(key: &crypto::PrivateKey, text: &str) -> crate::error::Result<String> {
    Ok(crypto::b64_encode(&crypto::rsa_sha256_sign(key, text.as_bytes())?))
}

/// Why a signature failed, when it did.
pub enum Failure {
    NotBase64,
    Mismatch,
}

pub fn verify(key: &crypto::PublicKey, text: &str, signature_b64: &str) -> Result<(), Failure> {
    let sig = crypto::b64_decode(signature_b64).ok_or(Failure::NotBase64)?;
    if crypto::rsa_sha256_verify(key, text.as_bytes(), &sig) { Ok(()) } else { Err(Failure::Mismatch) }
}

/// The path the signature covers: the URL's full path (a `base_url` prefix included), no host, no query.
pub fn url_path(url: &str) -> Option<String> {
    reqwest::Url::parse(url).ok().map(|u| u.path().to_string())
}
