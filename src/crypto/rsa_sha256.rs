//! RSASSA-PKCS1-v1_5 with SHA-256, signed and verified with `ring` (constant-time, about as fast
//! as OpenSSL). Keys are parsed once, when first used, into a form ready to sign or verify.
//!
//! `ring` refuses private keys under 2048 or over 4096 bits and public exponents under 65537.
//! Such keys still sign, with the `rsa` crate and blinding (`sign_with_rng`): the `rsa` crate is
//! not constant-time (RUSTSEC-2023-0071, no fixed release), blinding hides the key from timing of
//! the modular exponentiation, and `paycli doctor` names the path a key takes so the merchant
//! knows to replace it. docs/trust.md explains the choice.

use ::rsa::pkcs1::der::Decode;
use ::rsa::pkcs8::{PrivateKeyInfo, SubjectPublicKeyInfoRef};
use ::rsa::{BigUint, Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use ring::signature::{self as ring_sig, RsaKeyPair, RsaParameters, RsaPublicKeyComponents};
use sha2::{Digest, Sha256};

/// What a private key signs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningPath {
    /// `ring`: constant-time.
    Ring,
    /// The `rsa` crate with blinding, because `ring` refuses the key for the reason given.
    Blinded { why: String },
}

impl std::fmt::Display for SigningPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SigningPath::Ring => f.write_str("signs with ring (constant-time)"),
            SigningPath::Blinded { why } => write!(
                f,
                "signs with the rsa crate, blinded, because ring refuses it ({why}); the rsa crate is not \
                 constant-time (RUSTSEC-2023-0071): replace it with a 2048- to 4096-bit key with e = 65537"
            ),
        }
    }
}

enum Signer {
    Ring(RsaKeyPair),
    Blinded(RsaPrivateKey),
}

/// An RSA private key ready to sign. It cannot be printed.
pub struct PrivateKey {
    signer: Signer,
    public: PublicKey,
    path: SigningPath,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateKey(<redacted>)")
    }
}

impl PrivateKey {
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    pub fn bits(&self) -> usize {
        self.public.bits
    }

    pub fn signing_path(&self) -> &SigningPath {
        &self.path
    }
}

/// An RSA public key: modulus and exponent, big-endian without leading zeros.
#[derive(Clone)]
pub struct PublicKey {
    n: Vec<u8>,
    e: Vec<u8>,
    bits: usize,
    verifier: Verifier,
}

#[derive(Clone)]
enum Verifier {
    Ring(&'static RsaParameters),
    /// Keys `ring` will not verify with (under 1024 bits, odd exponents it refuses): nothing
    /// secret is involved, so the `rsa` crate's speed and timing do not matter.
    Rsa(Box<RsaPublicKey>),
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.n == other.n && self.e == other.e
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey(RSA {} bits)", self.bits)
    }
}

impl PublicKey {
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// Which library verifies signatures made with this key.
    pub fn verifier_name(&self) -> &'static str {
        match self.verifier {
            Verifier::Ring(_) => "ring",
            Verifier::Rsa(_) => "the rsa crate",
        }
    }

    fn from_parts(n: &[u8], e: &[u8]) -> Result<PublicKey, &'static str> {
        let n = strip_zeros(n);
        let e = strip_zeros(e);
        let bits = bit_length(n);
        if bits > MAX_BITS {
            return Err("an RSA key over 8192 bits, which paycli does not accept");
        }
        if e.len() > 8 || e.is_empty() {
            return Err("an RSA key with an unusable public exponent");
        }
        let e_value = exponent_value(e);
        let ring_exponent = e_value >= 3 && e_value % 2 == 1 && e_value < (1 << 33);
        let verifier = match bits {
            _ if !ring_exponent => None,
            2048.. => Some(&ring_sig::RSA_PKCS1_2048_8192_SHA256),
            1024.. => Some(&ring_sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY),
            _ => None,
        };
        let verifier = match verifier {
            Some(params) => Verifier::Ring(params),
            None => RsaPublicKey::new(BigUint::from_bytes_be(n), BigUint::from_bytes_be(e))
                .map(|k| Verifier::Rsa(Box::new(k)))
                .map_err(|_| "an RSA public key with an unusable modulus or exponent")?,
        };
        Ok(PublicKey { n: n.to_vec(), e: e.to_vec(), bits, verifier })
    }
}

const MAX_BITS: usize = 8192;

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// The public exponent as a number (`from_parts` allows at most 8 bytes).
fn exponent_value(e: &[u8]) -> u64 {
    e.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
}

fn bit_length(n: &[u8]) -> usize {
    n.first().map_or(0, |top| n.len() * 8 - top.leading_zeros() as usize)
}

/// Key text after armour: DER, and what the PEM label says it is (None for bare base64).
fn der_of(text: &str) -> Result<(Option<String>, Vec<u8>), &'static str> {
    let t = text.trim();
    if t.starts_with("-----BEGIN") {
        let (label, der) = ::rsa::pkcs1::der::pem::decode_vec(t.as_bytes()).map_err(|_| "not readable PEM")?;
        Ok((Some(label.to_string()), der))
    } else {
        Ok((None, super::b64_decode(t).ok_or("neither PEM nor base64 DER")?))
    }
}

/// The PKCS#1 `RSAPrivateKey` inside PKCS#8 DER, if that is what `der` is.
fn pkcs8_inner(der: &[u8]) -> Option<&[u8]> {
    let info = PrivateKeyInfo::from_der(der).ok()?;
    (info.algorithm.oid == ::rsa::pkcs1::ALGORITHM_OID).then_some(info.private_key)
}

/// A private key as PEM (PKCS#8 or PKCS#1) or bare base64 DER of either.
/// The error never contains the key text.
pub fn parse_private_key(text: &str) -> Result<PrivateKey, &'static str> {
    let (label, der) = der_of(text).map_err(|_| "not a readable RSA private key (PEM PKCS#8 or PKCS#1 expected)")?;
    let unreadable = match label.as_deref() {
        Some(_) => "not a readable RSA private key (PEM PKCS#8 or PKCS#1 expected)",
        None => "base64 decodes, but not to an RSA private key (PKCS#8 or PKCS#1 DER)",
    };
    let pkcs1 = match label.as_deref() {
        Some("PRIVATE KEY") => pkcs8_inner(&der).ok_or(unreadable)?,
        Some("RSA PRIVATE KEY") => &der[..],
        Some(_) => return Err(unreadable),
        None => pkcs8_inner(&der).unwrap_or(&der),
    };
    let fields = ::rsa::pkcs1::RsaPrivateKey::from_der(pkcs1).map_err(|_| unreadable)?;
    let public = PublicKey::from_parts(fields.modulus.as_bytes(), fields.public_exponent.as_bytes())?;
    if public.bits.div_ceil(8) < MIN_SIGNING_BYTES {
        return Err("an RSA key smaller than 496 bits: too small to hold a SHA-256 signature (use 2048 bits)");
    }
    match RsaKeyPair::from_der(pkcs1) {
        Ok(pair) => Ok(PrivateKey { signer: Signer::Ring(pair), public, path: SigningPath::Ring }),
        Err(rejected) => {
            let key = <RsaPrivateKey as ::rsa::pkcs1::DecodeRsaPrivateKey>::from_pkcs1_der(pkcs1)
                .map_err(|_| "an RSA private key whose parts do not fit together")?;
            let why = ring_refusal(&public, &rejected.to_string());
            Ok(PrivateKey { signer: Signer::Blinded(key), public, path: SigningPath::Blinded { why } })
        }
    }
}

/// Why `ring` refused a private key, in the merchant's terms.
fn ring_refusal(public: &PublicKey, ring_says: &str) -> String {
    if public.bits < 2048 {
        format!("{} bits, under 2048", public.bits)
    } else if public.bits > 4096 {
        format!("{} bits, over 4096", public.bits)
    } else if exponent_value(&public.e) < 65537 {
        format!("public exponent {}, under 65537", exponent_value(&public.e))
    } else {
        format!("ring: {ring_says}")
    }
}

/// A public key as PEM (SPKI or PKCS#1) or bare base64 DER of either.
pub fn parse_public_key(text: &str) -> Result<PublicKey, &'static str> {
    let (label, der) = der_of(text).map_err(|_| "not a readable RSA public key (PEM SPKI or PKCS#1 expected)")?;
    let unreadable = match label.as_deref() {
        Some(_) => "not a readable RSA public key (PEM SPKI or PKCS#1 expected)",
        None => "base64 decodes, but not to an RSA public key (SPKI or PKCS#1 DER)",
    };
    let spki_inner = |der: &[u8]| -> Option<Vec<u8>> {
        let spki = SubjectPublicKeyInfoRef::from_der(der).ok()?;
        (spki.algorithm.oid == ::rsa::pkcs1::ALGORITHM_OID).then(|| spki.subject_public_key.raw_bytes().to_vec())
    };
    let pkcs1 = match label.as_deref() {
        Some("PUBLIC KEY") => spki_inner(&der).ok_or(unreadable)?,
        Some("RSA PUBLIC KEY") => der,
        Some(_) => return Err(unreadable),
        None => spki_inner(&der).unwrap_or(der),
    };
    let fields = ::rsa::pkcs1::RsaPublicKey::from_der(&pkcs1).map_err(|_| unreadable)?;
    PublicKey::from_parts(fields.modulus.as_bytes(), fields.public_exponent.as_bytes())
}

/// RSASSA-PKCS1-v1_5 with SHA-256 (deterministic: the same key and message give the same bytes).
/// A PKCS#1 v1.5 SHA-256 signature holds a 51-byte DigestInfo plus 11 bytes of padding: keys
/// with a smaller modulus cannot sign at all (they made paycli panic before issue #12).
pub const MIN_SIGNING_BYTES: usize = 62;

/// Signs; an error (never a panic) when the key cannot make the signature.
pub fn rsa_sha256_sign(key: &PrivateKey, message: &[u8]) -> crate::error::Result<Vec<u8>> {
    let failed = |e: String| {
        crate::error::Error::config(format!("the RSA private key cannot make a SHA-256 signature: {e}"))
            .with_hint("use a 2048- to 4096-bit RSA key with e = 65537")
    };
    match &key.signer {
        Signer::Ring(pair) => {
            let mut signature = vec![0; pair.public().modulus_len()];
            pair.sign(&ring_sig::RSA_PKCS1_SHA256, &ring::rand::SystemRandom::new(), message, &mut signature)
                .map_err(|e| failed(e.to_string()))?;
            Ok(signature)
        }
        Signer::Blinded(private) => private
            .sign_with_rng(&mut ::rsa::rand_core::OsRng, Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(message))
            .map_err(|e| failed(e.to_string())),
    }
}

pub fn rsa_sha256_verify(key: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    match &key.verifier {
        Verifier::Ring(params) => {
            RsaPublicKeyComponents { n: &key.n, e: &key.e }.verify(params, message, signature).is_ok()
        }
        Verifier::Rsa(public) => {
            public.verify(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(message), signature).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{b64_decode, b64_encode};

    macro_rules! fixture {
        ($path:literal) => {
            include_str!(concat!("../../tests/fixtures/", $path))
        };
    }

    /// `tests/fixtures/zenospay/request-string.txt`, signed by openssl with each form of the key.
    #[test]
    fn ring_signs_2048_and_4096_bit_keys_in_every_form_like_openssl() {
        let text = fixture!("zenospay/request-string.txt").as_bytes();
        for (key, sig) in [
            (fixture!("zenospay/merchant-pkcs1.pem"), fixture!("zenospay/request.sig.b64")),
            (fixture!("zenospay/merchant-pkcs8.b64"), fixture!("zenospay/request.sig.b64")),
            (fixture!("zenospay/merchant-4096.pem"), fixture!("zenospay/request-4096.sig.b64")),
        ] {
            let key = parse_private_key(key).unwrap();
            assert_eq!(key.signing_path(), &SigningPath::Ring);
            assert_eq!(b64_encode(&rsa_sha256_sign(&key, text).unwrap()), sig.trim());
            assert!(rsa_sha256_verify(key.public_key(), text, &rsa_sha256_sign(&key, text).unwrap()));
        }
        let key = parse_private_key(fixture!("zenospay/merchant-pkcs1.pem")).unwrap();
        assert_eq!(key.public_key(), &parse_public_key(fixture!("zenospay/merchant.pub.pem")).unwrap());
        assert_ne!(key.public_key(), &parse_public_key(fixture!("zenospay/other.pub.pem")).unwrap());
    }

    /// Keys ring refuses sign on the blinded rsa-crate path, with the same bytes openssl makes.
    #[test]
    fn refused_keys_sign_blinded_with_openssl_bytes() {
        let text = fixture!("rsa/message.txt").as_bytes();
        for (key, public, sig, why) in [
            (
                fixture!("rsa/key-1024.pem"),
                fixture!("rsa/key-1024.pub.pem"),
                fixture!("rsa/message-1024.sig.b64"),
                "1024 bits, under 2048",
            ),
            (
                fixture!("rsa/key-1024.pk8.b64"),
                fixture!("rsa/key-1024.pub.pem"),
                fixture!("rsa/message-1024.sig.b64"),
                "1024 bits, under 2048",
            ),
            (
                fixture!("rsa/key-e3.pem"),
                fixture!("rsa/key-e3.pub.pem"),
                fixture!("rsa/message-e3.sig.b64"),
                "public exponent 3, under 65537",
            ),
            (
                fixture!("rsa/key-512.pem"),
                fixture!("rsa/key-512.pub.pem"),
                fixture!("rsa/message-512.sig.b64"),
                "512 bits, under 2048",
            ),
        ] {
            let key = parse_private_key(key).unwrap();
            assert_eq!(key.signing_path(), &SigningPath::Blinded { why: why.into() });
            assert!(key.signing_path().to_string().contains("blinded"), "{}", key.signing_path());
            assert_eq!(b64_encode(&rsa_sha256_sign(&key, text).unwrap()), sig.trim(), "{why}");
            let public = parse_public_key(public).unwrap();
            assert_eq!(key.public_key(), &public);
            assert!(rsa_sha256_verify(&public, text, &b64_decode(sig).unwrap()), "{why}");
            assert!(!rsa_sha256_verify(&public, b"another message", &b64_decode(sig).unwrap()), "{why}");
        }
    }

    #[test]
    fn verifier_follows_what_ring_accepts() {
        let verifier = |text| parse_public_key(text).unwrap().verifier_name();
        assert_eq!(verifier(fixture!("zenospay/provider.pub.pem")), "ring");
        assert_eq!(verifier(fixture!("zenospay/provider.pub.b64")), "ring");
        assert_eq!(verifier(fixture!("rsa/key-1024.pub.pem")), "ring");
        assert_eq!(verifier(fixture!("rsa/key-e3.pub.pem")), "ring");
        assert_eq!(verifier(fixture!("rsa/key-512.pub.pem")), "the rsa crate");
        assert_eq!(parse_public_key(fixture!("zenospay/provider-4096.pub.pem")).unwrap().bits(), 4096);
    }

    #[test]
    fn other_pem_kinds_are_refused() {
        let public_as_private = parse_private_key(fixture!("zenospay/merchant.pub.pem")).unwrap_err();
        assert!(public_as_private.contains("private key"), "{public_as_private}");
        assert!(parse_public_key(fixture!("zenospay/merchant-pkcs1.pem")).is_err());
        assert!(parse_public_key("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").is_err());
    }

    #[test]
    fn keys_too_small_for_a_sha256_signature_are_refused_not_a_panic() {
        // A 400-bit key (tests/fixtures/keys/make-rsa-400.py; `openssl rsa -check` accepts it).
        let pem = include_str!("../../tests/fixtures/keys/rsa-400.pem");
        assert!(parse_private_key(pem).unwrap_err().contains("smaller than 496 bits"));
        let key = <RsaPrivateKey as ::rsa::pkcs1::DecodeRsaPrivateKey>::from_pkcs1_pem(pem).unwrap();
        use ::rsa::traits::PublicKeyParts;
        let public = PublicKey::from_parts(&key.n().to_bytes_be(), &key.e().to_bytes_be()).unwrap();
        let small =
            PrivateKey { signer: Signer::Blinded(key), public, path: SigningPath::Blinded { why: "test".into() } };
        assert_eq!(rsa_sha256_sign(&small, b"x").unwrap_err().kind, crate::error::ErrorKind::Config);
    }
}
