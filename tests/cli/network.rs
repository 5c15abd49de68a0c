//! Network faults against a misbehaving server on 127.0.0.1.

use crate::common::*;

/// A Cashy profile whose provider is the server at `server_url`.
pub fn env_for(server_url: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.f]\nprovider = \"cashy\"\nbase_url = \"{server_url}\"\nmerchant_id = \"1\"\napi_key = \"k\"\nnotify_url = \"https://s.example/h\"\n"
    ));
    env
}

#[test]
fn a_server_that_never_answers_is_a_timeout_exit_4() {
    let server = FaultServer::always(Fault::Hang);
    let env = env_for(&server.url);
    let started = std::time::Instant::now();
    let r = expect_code(&env, &["-p", "f", "--timeout", "1", "status", "check", "A1"], 4);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(r.stderr.contains("no answer") && r.stderr.contains("--timeout"), "{}", r.stderr);
}

#[test]
fn connection_refused_and_reset_are_exit_4() {
    let env = TestEnv::new();
    let r = expect_code(&env, &["-p", "sandbox-cashy", "status", "check", "A1"], 4);
    assert!(r.stderr.contains("cannot connect"), "{}", r.stderr);
    assert!(r.stderr.contains("paycli sandbox"), "the hint names the sandbox: {}", r.stderr);
    let server = FaultServer::always(Fault::Reset);
    let env = env_for(&server.url);
    expect_code(&env, &["-p", "f", "status", "check", "A1"], 4);
}

#[test]
fn malformed_answers_are_clear_provider_errors() {
    for (status, ctype, body, needle) in [
        (200, "application/json", "{\"code\":200,", "not JSON"),
        (502, "text/html", "<html><body>Bad Gateway</body></html>", "Bad Gateway"),
        (200, "application/json", "", "(empty body)"),
        (200, "application/json", "{\"code\":200,\"msg\":\"SUCCESS\",\"data\":[]}", "without a data object"),
    ] {
        let server = FaultServer::always(Fault::Respond(http_response(status, ctype, body)));
        let env = env_for(&server.url);
        let r = expect_code(&env, &["-p", "f", "status", "check", "A1"], 5);
        assert!(r.stderr.contains(needle), "{body:?}: {}", r.stderr);
        assert!(r.stderr.contains("\"hint\":\""), "{}", r.stderr);
    }
}

#[test]
fn verbose_shows_the_exchange_on_stderr_only() {
    let answer = r#"{"code":200,"msg":"SUCCESS","data":{"mchOrderNo":"A1","orderNo":"P1","amount":10000.0,"orderStatus":"PAYING"}}"#;
    let seen: std::sync::Arc<std::sync::Mutex<Vec<u8>>> = Default::default();
    let log = seen.clone();
    let server = FaultServer::start(move |_, request| {
        *log.lock().unwrap() = request.to_vec();
        Fault::Respond(http_response(200, "application/json", answer))
    });
    let env = env_for(&server.url);
    let r = expect_code(&env, &["-p", "f", "-v", "-o", "json", "status", "check", "A1"], 0);
    assert!(r.stderr.contains("> POST ") && r.stderr.contains("< HTTP 200"), "{}", r.stderr);
    assert!(r.stderr.contains("> Sign: "));
    assert_eq!(r.json()["status"], "pending", "stdout holds only the result");
    let request = String::from_utf8_lossy(&seen.lock().unwrap()).to_ascii_lowercase();
    let agent = format!("user-agent: paycli/{}", env!("CARGO_PKG_VERSION"));
    assert!(request.contains(&agent), "the server saw no {agent}:\n{request}");
}

#[test]
fn several_ids_report_every_item_and_exit_with_the_worst() {
    let answer = r#"{"code":200,"msg":"SUCCESS","data":{"mchOrderNo":"A1","orderNo":"P1","amount":10000.0,"orderStatus":"SUCCESS","fee":400.0}}"#;
    let server = FaultServer::start(move |_, request| {
        if String::from_utf8_lossy(request).contains("\"B2\"") {
            Fault::Respond(http_response(200, "application/json", r#"{"code":400,"msg":"Params_mchOrderNo_error"}"#))
        } else {
            Fault::Respond(http_response(200, "application/json", answer))
        }
    });
    let env = env_for(&server.url);
    let r = expect_code(&env, &["-p", "f", "-o", "ndjson", "status", "check", "A1", "B2", "C3"], 5);
    assert_eq!(r.stdout.lines().count(), 3, "every item is a line: {}", r.stdout);
    let failed: serde_json::Value =
        serde_json::from_str(r.stdout.lines().find(|l| l.contains("\"B2\"")).unwrap()).unwrap();
    assert!(failed["error"].as_str().unwrap().starts_with("provider: Cashy refused"), "{failed}");
    let ids = env.path("ids.txt");
    std::fs::write(&ids, "A1\nA1\n").unwrap();
    let r = expect_code(
        &env,
        &["-p", "f", "-o", "csv", "status", "check", "--from", ids.to_str().unwrap(), "--expect", "pending"],
        7,
    );
    assert_eq!(r.stdout.lines().count(), 3, "header and two rows: {}", r.stdout);
}

#[test]
fn proxy_variables_are_honoured() {
    let answer = r#"{"code":200,"msg":"SUCCESS","data":{"mchOrderNo":"A1","orderNo":"P1","amount":10000.0,"orderStatus":"PAYING"}}"#;
    let proxy = FaultServer::always(Fault::Respond(http_response(200, "application/json", answer)));
    // The host does not exist: only a proxy can answer.
    let env = env_for("http://cashier.invalid");
    let mut cmd = env.cmd();
    cmd.args(["-p", "f", "-o", "json", "status", "check", "A1"]).env("HTTP_PROXY", &proxy.url).env_remove("NO_PROXY");
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["provider_ref"], "P1");
    assert_eq!(proxy.hits.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn ctrl_c_exits_130() {
    let server = FaultServer::always(Fault::Hang);
    let env = env_for(&server.url);
    let mut child = env
        .std_cmd()
        .args(["-p", "f", "status", "check", "A1"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while server.hits.load(std::sync::atomic::Ordering::SeqCst) == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    sh(&format!("kill -INT {}", child.id()));
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
}
