//! Primitives shared by the provider modules: digests, constant-time comparison, RSA keys.
//! What gets signed is each provider's business; nothing here builds a string to sign.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use md5::Md5;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

mod rsa_sha256;
pub use rsa_sha256::{
    PrivateKey, PublicKey, SigningPath, parse_private_key, parse_public_key, rsa_sha256_sign, rsa_sha256_verify,
};

pub fn md5_hex(data: &[u8]) -> String {
    hex::encode(Md5::digest(data))
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

pub fn sha1_hex(data: &[u8]) -> String {
    hex::encode(sha1::Sha1::digest(data))
}

/// Constant-time equality (the length is not secret).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// Constant-time equality of two hex strings, ignoring case.
pub fn ct_eq_hex(a: &str, b: &str) -> bool {
    ct_eq(a.trim().to_ascii_lowercase().as_bytes(), b.trim().to_ascii_lowercase().as_bytes())
}

pub fn b64_encode(data: &[u8]) -> String {
    B64.encode(data)
}

pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    B64.decode(compact).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_coreutils() {
        // printf 'abc' | md5sum ; printf 'abc' | sha256sum ; printf 'abc' | sha1sum
        assert_eq!(md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    #[test]
    fn hex_comparison_ignores_case_and_length_mismatch_fails() {
        assert!(ct_eq_hex("ABCDEF", "abcdef"));
        assert!(!ct_eq_hex("abcdef", "abcdee"));
        assert!(!ct_eq_hex("abc", "abcd"));
    }

    #[test]
    fn private_keys_do_not_print() {
        let pem = include_str!("../tests/fixtures/zenospay/merchant-pkcs1.pem");
        let key = parse_private_key(pem).unwrap();
        assert_eq!(format!("{key:?}"), "PrivateKey(<redacted>)");
    }

    #[test]
    fn garbage_keys_are_rejected_without_echo() {
        let err = parse_private_key("-----BEGIN PRIVATE KEY-----\nSECRETSTUFF\n-----END PRIVATE KEY-----").unwrap_err();
        assert!(!err.contains("SECRETSTUFF"));
        assert!(parse_public_key("not base64 !!").is_err());
        assert!(parse_public_key("aGVsbG8=").is_err());
    }
}
