//! The output layer seen from outside: clap errors rendered by paycli, a closed stdout ending
//! quietly, failed items as rows in every format, `-q`, and tables that fit a 100-column terminal.

use crate::common::*;
use serde_json::Value;
use std::process::Stdio;

#[test]
fn clap_errors_are_json_under_o_json() {
    let env = TestEnv::new();
    let r = expect_code(&env, &["-o", "json", "status", "check", "--concurrency", "0", "x"], 2);
    assert!(r.stdout.is_empty());
    let err: Value = serde_json::from_str(r.stderr.trim()).unwrap_or_else(|e| panic!("{e}: {}", r.stderr));
    assert_eq!(err["error"]["kind"], "usage");
    assert!(err["error"]["message"].as_str().unwrap().contains("--concurrency"), "{err}");
    assert!(err["error"]["hint"].as_str().unwrap().contains("--help"), "{err}");
    // An unknown flag, and the format from the environment.
    let mut cmd = env.cmd();
    cmd.env("PAYCLI_OUTPUT", "ndjson").args(["orders", "list", "--bogus"]);
    let r = run(cmd);
    assert_eq!(r.code, 2);
    let err: Value = serde_json::from_str(r.stderr.trim()).unwrap_or_else(|e| panic!("{e}: {}", r.stderr));
    assert!(err["error"]["message"].as_str().unwrap().contains("--bogus"), "{err}");
    // For people: clap's own text with the usage.
    let r = expect_code(&env, &["-o", "table", "status", "check", "--concurrency", "0", "x"], 2);
    assert!(r.stderr.starts_with("error: ") && r.stderr.contains("--help"), "{}", r.stderr);
}

#[test]
fn errors_for_a_terminal_stay_text_when_only_stdout_is_redirected() {
    // stderr is a pipe here, so auto gives JSON; the terminal case is in `tables_fit_a_100_column_terminal`.
    let env = TestEnv::new();
    let r = expect_code(&env, &["-p", "sandbox-cashy", "checkout", "create", "--amount", "5"], 2);
    assert!(r.stderr.trim_start().starts_with('{'), "{}", r.stderr);
}

/// Runs paycli with its stdout's reader already gone: what `paycli ... | head` meets.
fn with_closed_stdout(env: &TestEnv, args: &[&str], stdin: Option<&str>) -> (i32, String) {
    let mut child = env
        .std_cmd()
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    if let (Some(text), Some(mut w)) = (stdin, child.stdin.take()) {
        use std::io::Write;
        let text = text.to_string();
        std::thread::spawn(move || {
            let _ = w.write_all(text.as_bytes());
        });
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_stdout_ends_quietly_with_exit_0() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let ids: String = (0..3000).map(|i| format!("NOPE-{i}\n")).collect();
    for format in ["json", "csv", "table"] {
        let (code, stderr) = with_closed_stdout(
            &env,
            &["-p", "sandbox-cashy", "-o", format, "status", "check", "--from", "-", "--retries", "0"],
            Some(&ids),
        );
        assert_eq!((code, stderr.as_str()), (0, ""), "status check --from - -o {format}");
    }
    for args in [
        &["orders", "list"][..],
        &["-o", "csv", "orders", "list"],
        &["-p", "sandbox-cashy", "doctor"],
        &["completions", "bash"],
        &["--help"],
    ] {
        let (code, stderr) = with_closed_stdout(&env, args, None);
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
    }
    // And through a real shell pipe.
    let script = format!("'{BIN}' completions bash | head -1; echo \"exit=${{PIPESTATUS[0]}}\"");
    let out = std::process::Command::new("bash").args(["-c", &script]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.ends_with("exit=0\n"), "{stdout}");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A batch of two orders on a profile whose server refuses connections: every item fails.
fn failing_batch(env: &TestEnv, format: &str, extra: &[&str]) -> Run {
    let mut args = vec!["-p", "sandbox-cashy", "-o", format];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["status", "check", "A-1", "B-2", "--retries", "0"]);
    expect_code(env, &args, 4)
}

#[test]
fn failed_items_are_rows_on_stdout_in_every_format() {
    let env = TestEnv::new();
    let csv = failing_batch(&env, "csv", &[]).stdout;
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "provider,profile,order_id,provider_ref,status,provider_status,amount,currency,fee,net_amount,channel,rrn,paid_at,updated_at,error"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "{csv}");
    for row in &rows {
        assert!(row.starts_with(",,A-1,") || row.starts_with(",,B-2,"), "{row}");
        assert!(row.contains(",network: "), "{row}");
    }
    let json = failing_batch(&env, "json", &[]).json();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 2);
    for item in items {
        assert!(item["error"].as_str().unwrap().starts_with("network: "), "{item}");
        assert!(item["status"].is_null() && item["order_id"].is_string(), "{item}");
    }
    let nd = failing_batch(&env, "ndjson", &[]).stdout;
    let nd: Vec<Value> = nd.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(nd.len(), 2);
    assert!(nd.iter().all(|v| v["error"].as_str().unwrap().starts_with("network: ")));
    let table = failing_batch(&env, "table", &[]).stdout;
    assert!(table.contains("A-1") && table.contains("B-2") && table.contains("network: "), "{table}");
}

#[test]
fn a_csv_starts_with_its_header_even_without_rows() {
    let env = TestEnv::new();
    let r = expect_code(&env, &["-o", "csv", "orders", "list"], 0);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(r.stdout.starts_with("profile,provider,order_id,"), "{}", r.stdout);
    let empty = env.path("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let r = expect_code(
        &env,
        &["-p", "sandbox-cashy", "-o", "csv", "status", "check", "--from", empty.to_str().unwrap()],
        0,
    );
    assert!(r.stdout.starts_with("provider,profile,order_id,") && r.stdout.lines().count() == 1, "{}", r.stdout);
}

#[test]
fn quiet_keeps_only_data_and_errors() {
    let env = TestEnv::new();
    let loud = failing_batch(&env, "csv", &[]);
    assert!(loud.stderr.contains("checked 2 orders") && loud.stderr.contains("2 errors"), "{}", loud.stderr);
    let quiet = failing_batch(&env, "csv", &["-q"]);
    assert_eq!(quiet.stderr, "", "-q: no summary");
    assert_eq!(quiet.stdout.lines().count(), 3, "the data is all there: {}", quiet.stdout);
    // Errors still print with -q.
    let r =
        expect_code(&env, &["-q", "-o", "table", "-p", "sandbox-cashy", "status", "check", "A-1", "--retries", "0"], 4);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
}

/// Runs `paycli ARGS` on a pseudo-terminal of `cols` columns (stdout and stderr both the
/// terminal), through Python's pty module; returns what the terminal showed.
fn on_terminal(env: &TestEnv, cols: u16, args: &[&str]) -> String {
    const SCRIPT: &str = r#"
import fcntl, os, pty, struct, sys, termios
cols = int(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
out = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
"#;
    let mut cmd = env.std_cmd();
    let program = cmd.get_program().to_owned();
    let envs: Vec<_> = cmd.get_envs().map(|(k, v)| (k.to_owned(), v.map(|v| v.to_owned()))).collect();
    let mut py = std::process::Command::new("python3");
    py.arg("-c").arg(SCRIPT).arg(cols.to_string()).arg(program).args(args).stdin(Stdio::null());
    for (k, v) in envs {
        match v {
            Some(v) => py.env(k, v),
            None => py.env_remove(k),
        };
    }
    cmd = py;
    let out = cmd.output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

#[test]
fn tables_fit_a_100_column_terminal() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created: Vec<String> = (0..2)
        .map(|_| {
            create_checkout(
                &env,
                "sandbox-zenospay",
                &["--amount", "150000", "--customer-name", "Budi Santoso", "--product-name", "Kopi Susu"],
            )["order_id"]
                .as_str()
                .unwrap()
                .into()
        })
        .collect();
    let mut args = vec!["-p", "sandbox-zenospay", "--color", "never", "status", "check", "--retries", "0"];
    args.extend(created.iter().map(String::as_str));
    args.push("NO-SUCH-ORDER-WITH-A-LONG-NAME-0001");
    let shown = on_terminal(&env, 100, &args);
    let table: Vec<&str> = shown.lines().filter(|l| l.starts_with(['│', '┌', '├', '└', '╞'])).collect();
    assert!(table.len() >= 5, "a table on the terminal:\n{shown}");
    for line in &table {
        assert!(line.chars().count() <= 100, "wider than 100 columns: {line}\n{shown}");
    }
    for id in &created {
        assert!(shown.contains(id.as_str()), "{id} is shown whole:\n{shown}");
    }
    assert!(shown.contains("NO-SUCH-ORDER-WITH-A-LONG-NAME-0001"), "{shown}");
    assert!(shown.contains("status") && shown.contains("error"), "{shown}");
    // An error on a terminal is for a person, even in auto mode.
    let shown =
        on_terminal(&env, 100, &["--color", "never", "-p", "sandbox-cashy", "checkout", "create", "--amount", "5"]);
    assert!(shown.contains("error: ") && !shown.contains("{\"error\""), "{shown}");
}

/// Runs `paycli sandbox` with `extra` flags, lets `drive(url)` talk to it, then stops it and
/// returns everything it printed on stderr.
fn sandbox_stderr(extra: &[&str], drive: impl FnOnce(&str)) -> String {
    use std::io::{BufRead, BufReader, Read};
    let env = TestEnv::new();
    let mut child = env
        .std_cmd()
        .args(["sandbox", "--port", "0", "--time-scale", "600"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    let url = first.trim().rsplit(' ').next().unwrap().to_string();
    let rest = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = reader.read_to_string(&mut text);
        text
    });
    drive(&url);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let _ = child.kill();
    let _ = child.wait();
    first + &rest.join().unwrap()
}

#[test]
fn the_sandbox_logs_each_request_and_delivery_attempt_and_q_silences_it() {
    let drive = |url: &str| {
        let env = TestEnv { sandbox_url: Some(url.to_string()), ..TestEnv::new() };
        let created = cashy_checkout(&env, "150000", &[]);
        pay(created["checkout_url"].as_str().unwrap());
        // The callback goes to the sandbox's own sink; give it a moment.
        std::thread::sleep(std::time::Duration::from_millis(300));
    };
    let log = sandbox_stderr(&[], drive);
    assert!(log.contains("POST /api/payDesk -> 200 ("), "{log}");
    assert!(log.contains("callback cashy ") && log.contains("attempt 1 to ") && log.contains("accepted"), "{log}");
    let quiet = sandbox_stderr(&["-q"], drive);
    assert!(quiet.starts_with("paycli sandbox listening on http://127.0.0.1:"), "{quiet}");
    assert_eq!(quiet.lines().count(), 1, "-q keeps only the address: {quiet}");
}
