//! `paycli doctor` and `--ca-cert`: every check against real servers on 127.0.0.1.

use crate::common::*;
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn line<'a>(out: &'a str, check: &str) -> &'a str {
    out.lines()
        .find(|l| l.get(6..).is_some_and(|rest| rest.starts_with(check)))
        .unwrap_or_else(|| panic!("no `{check}` line in:\n{out}"))
}

#[test]
fn a_healthy_sandbox_profile_passes_every_check() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let r = expect_code(&env, &["-p", "sandbox-cashy", "-o", "table", "doctor"], 0);
    for check in ["config", "profile", "secret api_key", "api key", "reachable", "clock", "credentials"] {
        assert!(line(&r.stdout, check).starts_with("ok"), "{check}:\n{}", r.stdout);
    }
    // Every provider's built-in profile: its "no such order" answer is recognised as not found.
    let list = expect_code(&env, &["-o", "json", "config", "list"], 0).json();
    for p in list.as_array().unwrap().iter().filter_map(|p| p["name"].as_str()) {
        let r = expect_code(&env, &["-p", p, "-o", "table", "doctor"], 0);
        assert!(line(&r.stdout, "credentials").contains("not found"), "{p}:\n{}", r.stdout);
        let j = expect_code(&env, &["-p", p, "-o", "json", "doctor"], 0).json();
        assert!(j.as_array().unwrap().iter().all(|c| c["result"] == "ok" || c["result"] == "skip"), "{j}");
    }
}

#[test]
fn a_wrong_api_key_fails_credentials_with_the_provider_hint_exit_5() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    env.write_config(&format!(
        "[profiles.w]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"100001\"\napi_key = \"wrong-key\"\n",
        sandbox.url
    ));
    let r = expect_code(&env, &["-p", "w", "-o", "table", "doctor"], 5);
    let l = line(&r.stdout, "credentials");
    assert!(l.starts_with("FAIL") && l.contains("Sign_verify_error"), "{}", r.stdout);
    assert!(r.stdout.contains("hint: the signature was rejected"), "{}", r.stdout);
    assert!(line(&r.stdout, "reachable").starts_with("ok"));
}

#[test]
fn an_unreachable_base_url_fails_exit_4_and_stops_there() {
    let env = TestEnv::new();
    let r = expect_code(&env, &["-p", "sandbox-cashy", "-o", "table", "doctor"], 4);
    assert!(line(&r.stdout, "reachable").starts_with("FAIL"), "{}", r.stdout);
    assert!(!r.stdout.contains("credentials"), "{}", r.stdout);
    assert!(r.stderr.contains("doctor: 1 check failed"), "{}", r.stderr);
}

#[test]
fn an_unresolvable_secret_fails_exit_3_and_skips_the_credential_query() {
    let server = FaultServer::always(Fault::Respond(http_response(200, "application/json", "{}")));
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.s]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"1\"\napi_key = {{ env = \"PAYCLI_TEST_UNSET_KEY\" }}\n",
        server.url
    ));
    let r = expect_code(&env, &["-p", "s", "-o", "table", "doctor"], 3);
    assert!(line(&r.stdout, "secret api_key").contains("PAYCLI_TEST_UNSET_KEY is not set"), "{}", r.stdout);
    assert!(line(&r.stdout, "credentials").starts_with("skip"), "{}", r.stdout);
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 1, "only the reachability probe");
}

#[test]
fn a_broken_config_is_one_failed_line_exit_3() {
    let env = TestEnv::new();
    env.write_config("[profiles.x\n");
    let r = expect_code(&env, &["-o", "table", "doctor"], 3);
    assert!(line(&r.stdout, "config").starts_with("FAIL") && r.stdout.contains("not valid TOML"), "{}", r.stdout);
}

#[test]
fn clock_skew_from_the_date_header_is_a_warning() {
    let answer = "HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2001 00:00:00 GMT\r\nContent-Type: application/json\r\nContent-Length: 44\r\nConnection: close\r\n\r\n{\"code\":400,\"msg\":\"Params_mchOrderNo_error\"}";
    let server = FaultServer::always(Fault::Respond(answer.as_bytes().to_vec()));
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"1\"\napi_key = \"k\"\n",
        server.url
    ));
    let r = expect_code(&env, &["-p", "c", "-o", "table", "doctor"], 0);
    let l = line(&r.stdout, "clock");
    assert!(l.starts_with("warn") && l.contains("ahead of the server"), "{}", r.stdout);
    assert!(line(&r.stdout, "credentials").starts_with("ok"), "{}", r.stdout);
}

/// `openssl s_server` with a certificate from a throwaway CA; killed when dropped.
struct TlsServer {
    child: Child,
    url: String,
    ca: String,
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tls_server(env: &TestEnv) -> TlsServer {
    let d = env.dir.path().display().to_string();
    sh(&format!(
        "cd {d} && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
         -days 2 -subj /CN=paycli-test-ca -addext basicConstraints=critical,CA:TRUE \
         -addext keyUsage=critical,keyCertSign 2>/dev/null && \
         openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out srv.csr \
         -subj /CN=127.0.0.1 2>/dev/null && \
         printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > ext && \
         openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 2 \
         -extfile ext 2>/dev/null"
    ));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = std::process::Command::new("openssl")
        .args(["s_server", "-quiet", "-www", "-accept", &port.to_string(), "-cert", "srv.pem", "-key", "srv.key"])
        .current_dir(env.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl s_server starts");
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "s_server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    TlsServer { child, url: format!("https://127.0.0.1:{port}"), ca: format!("{d}/ca.pem") }
}

#[test]
fn private_ca_needs_ca_cert_and_checks_stay_on() {
    let env = TestEnv::new();
    let server = tls_server(&env);
    env.write_config(&format!(
        "[profiles.t]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"1\"\napi_key = \"k\"\n",
        server.url
    ));
    let r = expect_code(&env, &["-p", "t", "status", "check", "A1"], 4);
    assert!(r.stderr.contains("TLS") && r.stderr.contains("--ca-cert"), "{}", r.stderr);
    let r = expect_code(&env, &["-p", "t", "-o", "table", "doctor"], 4);
    assert!(line(&r.stdout, "reachable").contains("TLS handshake"), "{}", r.stdout);
    // Trusted now. `s_server -www` answers GETs only, so the signed POST that follows times out.
    let r = expect_code(&env, &["-p", "t", "--ca-cert", &server.ca, "--timeout", "2", "-o", "table", "doctor"], 4);
    assert!(line(&r.stdout, "reachable").contains("HTTP 200, TLS certificate trusted"), "{}", r.stdout);
    // Not a certificate file: a config error naming the flag, before anything is sent.
    let key = env.dir.path().join("srv.key");
    let r = expect_code(&env, &["-p", "t", "--ca-cert", key.to_str().unwrap(), "status", "check", "A1"], 3);
    assert!(r.stderr.contains("--ca-cert"), "{}", r.stderr);
}

#[test]
fn rsa_key_files_must_parse_and_the_provider_key_must_not_be_our_own() {
    let server = FaultServer::always(Fault::Respond(http_response(404, "text/plain", "nothing here")));
    let env = TestEnv::new();
    let d = env.dir.path().display().to_string();
    sh(&format!(
        "cd {d} && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out own.pem 2>/dev/null && \
         openssl pkey -in own.pem -pubout -out own.pub && printf 'not a key' > junk.pem"
    ));
    let profile = |private: &str, public: &str| {
        format!(
            "[profiles.z]\nprovider = \"zenospay\"\nbase_url = \"{}\"\npartner_id = \"p-1\"\nprivate_key = {{ file = \"{d}/{private}\" }}\nprovider_public_key = {{ file = \"{d}/{public}\" }}\n",
            server.url
        )
    };
    env.write_config(&profile("own.pem", "own.pub"));
    let r = expect_code(&env, &["-p", "z", "-o", "table", "doctor"], 3);
    let l = line(&r.stdout, "private_key");
    assert!(
        l.starts_with("ok") && l.contains("2048-bit") && l.contains("signs with ring (constant-time)"),
        "{}",
        r.stdout
    );
    let l = line(&r.stdout, "provider_public_key");
    assert!(l.starts_with("FAIL") && l.contains("your own private key"), "{}", r.stdout);
    assert!(line(&r.stdout, "credentials").starts_with("skip"), "{}", r.stdout);
    env.write_config(&profile("junk.pem", "own.pub"));
    let r = expect_code(&env, &["-p", "z", "-o", "table", "doctor"], 3);
    assert!(line(&r.stdout, "private_key").starts_with("FAIL"), "{}", r.stdout);
    assert!(!r.all().contains("not a key"), "key text is never echoed: {}", r.all());
}

/// A key ring refuses to sign with (1024 bits) still works, on the blinded path, and doctor says so.
#[test]
fn a_small_private_key_is_reported_on_the_blinded_path() {
    let server = FaultServer::always(Fault::Respond(http_response(404, "text/plain", "nothing here")));
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.z]\nprovider = \"zenospay\"\nbase_url = \"{}\"\npartner_id = \"p-1\"\nprivate_key = {{ file = \"{}\" }}\nprovider_public_key = {{ file = \"{}\" }}\n",
        server.url,
        fixture("rsa/key-1024.pem"),
        fixture("zenospay/provider.pub.pem"),
    ));
    // The fault server's 404 page fails the credentials query (exit 5); the key checks come first.
    let r = expect_code(&env, &["-p", "z", "-o", "table", "doctor"], 5);
    let l = line(&r.stdout, "private_key");
    assert!(l.starts_with("ok") && l.contains("1024-bit") && l.contains("blinded"), "{}", r.stdout);
    assert!(l.contains("ring refuses it (1024 bits, under 2048)"), "{}", r.stdout);
    let l = line(&r.stdout, "provider_public_key");
    assert!(l.starts_with("ok") && l.contains("verified with ring"), "{}", r.stdout);
}
