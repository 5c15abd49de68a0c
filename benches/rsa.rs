//! RSA PKCS#1 v1.5 / SHA-256 with the same 2048- and 4096-bit keys: `ring` (what paycli uses) next
//! to the `rsa` crate 0.9 (what it used before, unblinded, and its blinded path for keys `ring`
//! refuses). Run: `cargo bench --bench rsa`; figures in docs/benchmarks.md beside
//! `openssl speed rsa2048` measured in the same run (scripts/bench-all.sh).

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/cpu_time.rs"]
mod cpu_time;
use paycli::crypto;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};
use std::hint::black_box;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn rsa_signing(c: &mut Criterion<cpu_time::CpuTime>) {
    let message = fixture("zenospay/request-string.txt");
    let message = message.as_bytes();
    for (bits, pem) in [(2048, "zenospay/merchant-pkcs1.pem"), (4096, "zenospay/merchant-4096.pem")] {
        let text = fixture(pem);
        let ours = crypto::parse_private_key(&text).expect("fixture key");
        assert_eq!(ours.signing_path(), &crypto::SigningPath::Ring);
        let theirs =
            RsaPrivateKey::from_pkcs1_pem(&text).or_else(|_| RsaPrivateKey::from_pkcs8_pem(&text)).expect("key");
        let scheme = || Pkcs1v15Sign::new::<Sha256>();
        let signature = crypto::rsa_sha256_sign(&ours, message).expect("signs");
        // Same bytes from both libraries, or the comparison means nothing.
        assert_eq!(theirs.sign(scheme(), &Sha256::digest(message)).expect("signs"), signature);
        let public = ours.public_key().clone();

        c.bench_function(&format!("rsa{bits}/sign ring"), |b| {
            b.iter(|| crypto::rsa_sha256_sign(&ours, black_box(message)).expect("signs"))
        });
        c.bench_function(&format!("rsa{bits}/sign rsa crate unblinded"), |b| {
            b.iter(|| theirs.sign(scheme(), &Sha256::digest(black_box(message))).expect("signs"))
        });
        c.bench_function(&format!("rsa{bits}/sign rsa crate blinded"), |b| {
            b.iter(|| {
                theirs
                    .sign_with_rng(&mut rsa::rand_core::OsRng, scheme(), &Sha256::digest(black_box(message)))
                    .expect("signs")
            })
        });
        c.bench_function(&format!("rsa{bits}/verify ring"), |b| {
            b.iter(|| assert!(crypto::rsa_sha256_verify(&public, black_box(message), &signature)))
        });
        c.bench_function(&format!("rsa{bits}/parse key ring"), |b| {
            b.iter(|| crypto::parse_private_key(black_box(&text)).expect("parses"))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(cpu_time::CpuTime);
    targets = rsa_signing
}
criterion_main!(benches);
