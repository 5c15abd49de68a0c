//! The CPU cost paycli adds to each request: building and signing a status query, building a
//! create, parsing a captured callback and verifying its signature, for every provider.
//! CPU time of the benchmark thread (see support/cpu_time.rs).
//! Run: `cargo bench --bench per_request` (figures in docs/benchmarks.md).

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use paycli::capture::CapturedRequest;
use paycli::config::Profile;
use paycli::providers::{self, Gateway, StatusQuery, VerifyOptions};
use std::hint::black_box;

#[path = "support/cpu_time.rs"]
mod cpu_time;

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// A profile that can verify the committed callback fixture of each provider, the fixture, and
/// the time it was signed (the fixtures are old; verification happens "then").
fn callback_case(provider: &str) -> (String, String, &'static str) {
    match provider {
        "cashy" => (
            "provider = \"cashy\"\nmerchant_id = \"3006075\"\napi_key = \"a7Kq2ZxT9mWb4LpR\"\n".into(),
            fixture("cashy/callback.http"),
            "2024-07-30T08:31:10Z",
        ),
        "zenospay" => (
            format!(
                "provider = \"zenospay\"\npartner_id = \"9dbf86be-f9e9-4000-8b39-fdd5a841fce1\"\nprivate_key = {{ file = \"{}\" }}\nprovider_public_key = {{ file = \"{}\" }}\n",
                fixture("zenospay/merchant-pkcs1.pem"),
                fixture("zenospay/provider.pub.pem")
            ),
            fixture("zenospay/callback.http"),
            "2024-12-18T16:21:10Z",
        ),
        "paycools" => (
            format!(
                "provider = \"paycools\"\napp_id = \"f90addc4861540ef9312e87d8f360e08\"\nplatform_public_key = {{ file = \"{}\" }}\n",
                fixture("paycools/key-2048.pub.pem")
            ),
            fixture("paycools/callback-envelope.json"),
            "2024-05-01T04:05:10Z",
        ),
        "payfect" => (
            format!(
                "provider = \"payfect\"\napi_key = \"k\"\nwebhook_secret = {{ file = \"{}\" }}\n",
                fixture("payfect/webhook-secret.txt")
            ),
            fixture("payfect/callback.http"),
            "2024-07-30T08:31:12Z",
        ),
        other => panic!("add a callback fixture for provider {other} to this bench"),
    }
}

fn gateway(name: &str, settings: &str) -> Box<dyn Gateway> {
    let text = format!("base_url = \"http://127.0.0.1:9\"\n{settings}");
    let profile = Profile::from_table(name, text.parse().expect("bench profile is TOML")).expect("profile");
    providers::find(&profile.provider).expect("registered").gateway(&profile).expect("gateway")
}

fn per_request(c: &mut Criterion<cpu_time::CpuTime>) {
    let now = Utc::now();
    for provider in providers::all() {
        let id = provider.id();
        // Requests: the built-in sandbox profile carries every credential signing needs.
        let profile = Profile::from_table("bench", provider.sandbox_profile("http://127.0.0.1:9")).expect("profile");
        let sandbox = provider.gateway(&profile).expect("gateway");
        let query = StatusQuery::new(sandbox.new_order_id(now), None);
        // Payfect looks checkouts up by its own id: give it one, as the journal would.
        let query = StatusQuery { provider_ref: Some("ed8d24aa-a860-426b-8e56-87cb9f55a081".into()), ..query };
        sandbox.status_request(&query, now).expect("status request builds");
        c.bench_function(&format!("{id}/sign status query"), |b| {
            b.iter(|| sandbox.status_request(black_box(&query), now).expect("signs"))
        });
        let mut input = provider.demo_checkout();
        input.order_id = sandbox.new_order_id(now);
        if provider.callback_url_per_checkout() {
            input.callback_url = Some("https://shop.example/hooks".into());
        }
        sandbox.checkout_request(&input, now).expect("create request builds");
        c.bench_function(&format!("{id}/build and sign create"), |b| {
            b.iter(|| sandbox.checkout_request(black_box(&input), now).expect("signs"))
        });

        // Callbacks: the committed fixture, verified as of the time it was signed.
        let (settings, file, at) = callback_case(id);
        let checker = gateway("fixture", &settings);
        let raw = std::fs::read(&file).expect("fixture exists");
        let at: DateTime<Utc> = at.parse().expect("time");
        let opts = VerifyOptions::new(at, chrono::Duration::minutes(5));
        let capture = CapturedRequest::parse("bench", raw.clone(), &[]).expect("fixture parses");
        let verdict = checker.verify_callback(&capture, &opts).expect("verifies");
        assert!(
            matches!(verdict.signature, paycli::model::SignatureCheck::Ok),
            "{id} fixture must verify in the bench: {:?}",
            verdict.reason
        );
        c.bench_function(&format!("{id}/parse and verify callback"), |b| {
            b.iter(|| {
                let capture = CapturedRequest::parse("bench", black_box(raw.clone()), &[]).expect("parses");
                checker.verify_callback(&capture, &opts).expect("verifies")
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(cpu_time::CpuTime);
    targets = per_request
}
criterion_main!(benches);
