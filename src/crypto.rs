//! Primitives shared by the provider modules: digests, constant-time comparison, RSA keys.
//! What gets signed is each provider's business; nothing here builds a string to sign.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use md5::Md5;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

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

/// An RSA private key that cannot be printed: the rsa crate's own `Debug` shows the private
/// exponent and primes.
#[derive(Clone)]
pub struct PrivateKey(RsaPrivateKey);

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateKey(<redacted>)")
    }
}

impl PrivateKey {
    pub fn public_key(&self) -> RsaPublicKey {
        self.0.to_public_key()
    }
}

/// Smaller RSA keys are refused: they are breakable, and below ~500 bits a SHA-256 PKCS#1
/// signature does not even fit.
pub const MIN_RSA_BITS: usize = 1024;

/// A private key as PEM (PKCS#8 or PKCS#1) or bare base64 DER of either, of at least 1024 bits.
/// The error never contains the key text.
pub fn parse_private_key(text: &str) -> Result<PrivateKey, &'static str> {
    let t = text.trim();
    let key = if t.starts_with("-----BEGIN") {
        RsaPrivateKey::from_pkcs8_pem(t)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(t))
            .map_err(|_| "not a readable RSA private key (PEM PKCS#8 or PKCS#1 expected)")?
    } else {
        let der = b64_decode(t).ok_or("neither PEM nor base64 DER")?;
        RsaPrivateKey::from_pkcs8_der(&der)
            .or_else(|_| RsaPrivateKey::from_pkcs1_der(&der))
            .map_err(|_| "base64 decodes, but not to an RSA private key (PKCS#8 or PKCS#1 DER)")?
    };
    use rsa::traits::PublicKeyParts;
    if key.n().bits() < MIN_RSA_BITS {
        return Err("an RSA key smaller than 1024 bits: too small to sign with (use 2048 bits)");
    }
    Ok(PrivateKey(key))
}

/// A public key as PEM (SPKI or PKCS#1) or bare base64 DER of either.
pub fn parse_public_key(text: &str) -> Result<RsaPublicKey, &'static str> {
    let t = text.trim();
    if t.starts_with("-----BEGIN") {
        RsaPublicKey::from_public_key_pem(t)
            .or_else(|_| RsaPublicKey::from_pkcs1_pem(t))
            .map_err(|_| "not a readable RSA public key (PEM SPKI or PKCS#1 expected)")
    } else {
        let der = b64_decode(t).ok_or("neither PEM nor base64 DER")?;
        RsaPublicKey::from_public_key_der(&der)
            .or_else(|_| RsaPublicKey::from_pkcs1_der(&der))
            .map_err(|_| "base64 decodes, but not to an RSA public key (SPKI or PKCS#1 DER)")
    }
}

/// RSASSA-PKCS1-v1_5 with SHA-256. Fails (instead of panicking) for a key too small to hold the
/// signed digest; `parse_private_key` already refuses those.
pub fn rsa_sha256_sign(key: &PrivateKey, message: &[u8]) -> crate::error::Result<Vec<u8>> {
    let digest = Sha256::digest(message);
    key.0.sign(Pkcs1v15Sign::new::<Sha256>(), &digest).map_err(|e| {
        crate::error::Error::config(format!("the RSA private key cannot make a SHA-256 signature: {e}"))
            .with_hint(format!("use an RSA key of at least {MIN_RSA_BITS} bits"))
    })
}

pub fn rsa_sha256_verify(key: &RsaPublicKey, message: &[u8], signature: &[u8]) -> bool {
    let digest = Sha256::digest(message);
    key.verify(Pkcs1v15Sign::new::<Sha256>(), &digest, signature).is_ok()
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
    fn tiny_keys_are_refused_not_a_panic() {
        // A 400-bit key (tests/fixtures/keys/make-rsa-400.py; `openssl rsa -check` accepts it): a SHA-256
        // PKCS#1 v1.5 signature needs 496 bits. Refused on parsing, and signing fails instead of panicking.
        let pem = include_str!("../tests/fixtures/keys/rsa-400.pem");
        assert!(parse_private_key(pem).unwrap_err().contains("smaller than 1024 bits"));
        let small = PrivateKey(RsaPrivateKey::from_pkcs1_pem(pem).unwrap());
        let err = rsa_sha256_sign(&small, b"x").unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Config);
    }

    #[test]
    fn garbage_keys_are_rejected_without_echo() {
        let err = parse_private_key("-----BEGIN PRIVATE KEY-----\nSECRETSTUFF\n-----END PRIVATE KEY-----").unwrap_err();
        assert!(!err.contains("SECRETSTUFF"));
        assert!(parse_public_key("not base64 !!").is_err());
        assert!(parse_public_key("aGVsbG8=").is_err());
    }
}
