//! The journal, batch status checks and reconcile, end to end against `paycli sandbox`.

use crate::common::*;
use md5::{Digest, Md5};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

pub(crate) const CASHY_KEY: &str = "cashy-sandbox-key-8d2f6b0a4c9e1735";

/// Creates Cashy orders straight through the sandbox API (much faster than one paycli process
/// each) and returns the sandbox's order numbers. The test signs on its own: MD5(body + key).
pub(crate) fn seed_cashy(sandbox: &SandboxProc, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let body = json!({
                "currency": "IDR", "amount": 150000, "reusableStatus": false, "mchOrderNo": id,
                "expireTime": 86400, "notifyUrl": "http://127.0.0.1:9/hook", "nonceStr": id,
                "remark": id, "realName": "Budi Santoso",
            })
            .to_string();
            let sign = hex::encode(Md5::digest(format!("{body}{CASHY_KEY}").as_bytes()));
            let (status, answer) = http_post(
                &format!("{}/api/payDesk", sandbox.url),
                &[("Content-Type", "application/json"), ("MerchantId", "100001"), ("Sign", &sign)],
                body.as_bytes(),
            );
            let answer: Value = serde_json::from_str(&answer).unwrap();
            assert_eq!((status, &answer["code"]), (200, &json!(200)), "{answer}");
            answer["data"]["orderNo"].as_str().unwrap().to_string()
        })
        .collect()
}

pub(crate) fn pay_order(sandbox: &SandboxProc, order_no: &str) {
    let (status, _) = http_post(&format!("{}/_sandbox/orders/cashy/{order_no}/pay", sandbox.url), &[], b"");
    assert!(status < 400, "pay {order_no}: {status}");
}

pub(crate) fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:04}")).collect()
}

pub(crate) fn journal(env: &TestEnv) -> Vec<Value> {
    let out = expect_code(env, &["-o", "ndjson", "orders", "list"], 0);
    out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

pub(crate) fn count_status(rows: &[Value], status: &str) -> usize {
    rows.iter().filter(|r| r["status"] == status).count()
}

/// Starts paycli in the background; SIGINT is sent with kill(1), as a terminal's Ctrl-C would.
pub(crate) fn spawn(env: &TestEnv, args: &[&str]) -> std::process::Child {
    env.std_cmd().args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

fn sigint(child: &std::process::Child) {
    sh(&format!("kill -INT {}", child.id()));
}

/// Waits for several background runs at once, draining every pipe as it goes: waiting for one
/// while another's stdout pipe is full would stall that one (past its leases, in a lease test).
pub(crate) fn finish_all(children: Vec<std::process::Child>) -> Vec<Run> {
    let waiting: Vec<_> = children.into_iter().map(|c| std::thread::spawn(move || finish(c))).collect();
    waiting.into_iter().map(|w| w.join().unwrap()).collect()
}

pub(crate) fn finish(child: std::process::Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn checkouts_are_journaled_and_listed_in_every_format() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let created = cashy_checkout(&env, "150000", &["--order-id", "J1"]);
    expect_code(
        &env,
        &[
            "--no-journal",
            "-p",
            "sandbox-cashy",
            "checkout",
            "create",
            "--amount",
            "150000",
            "--customer-name",
            "B",
            "--order-id",
            "J2",
        ],
        0,
    );
    let rows = journal(&env);
    assert_eq!(rows.len(), 1, "--no-journal wrote nothing: {rows:?}");
    assert_eq!(rows[0]["order_id"], "J1");
    assert_eq!(rows[0]["provider_ref"], created["provider_ref"]);
    assert_eq!((rows[0]["amount"].as_str(), rows[0]["status"].as_str()), (Some("150000"), Some("pending")));
    let csv = expect_code(&env, &["-o", "csv", "orders", "list", "--of-profile", "sandbox-cashy"], 0).stdout;
    assert!(csv.starts_with("profile,provider,order_id,provider_ref,status,"), "{csv}");
    assert_eq!(csv.lines().count(), 2);
    let json = expect_code(&env, &["-o", "json", "orders", "list", "--provider", "cashy"], 0).json();
    assert_eq!(json.as_array().unwrap().len(), 1);
    let table = expect_code(&env, &["-o", "table", "orders", "list"], 0).stdout;
    assert!(table.contains("J1"));
    assert_eq!(expect_code(&env, &["-o", "ndjson", "orders", "list", "--status", "paid"], 0).stdout, "");
    assert_eq!(expect_code(&env, &["-o", "ndjson", "orders", "list", "--of-profile", "other"], 0).stdout, "");
    expect_code(&env, &["--no-journal", "orders", "list"], 2);

    pay(created["checkout_url"].as_str().unwrap());
    expect_code(&env, &["-p", "sandbox-cashy", "status", "check", "J1", "--expect", "paid"], 0);
    let row = &journal(&env)[0];
    assert_eq!(
        (row["status"].as_str(), row["checks"].as_i64(), row["source"].as_str()),
        (Some("paid"), Some(1), Some("status"))
    );
}

#[test]
fn retries_5xx_429_and_busy_answers_but_never_a_checkout() {
    let success = json!({"code": 200, "msg": "SUCCESS", "data": {"mchOrderNo": "F1", "orderNo": "PAYDESK1", "amount": 150000.0, "orderStatus": "SUCCESS"}}).to_string();
    let busy = json!({"code": 500, "msg": "System_busy", "data": null}).to_string();
    let server = FaultServer::start(move |n, _| match n {
        0 => Fault::Respond(http_response(500, "text/html", "<h1>oops</h1>")),
        1 => Fault::Respond(
            b"HTTP/1.1 429 X\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
        ),
        2 => Fault::Respond(http_response(200, "application/json", &busy)),
        _ => Fault::Respond(http_response(200, "application/json", &success)),
    });
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.f]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"100001\"\napi_key = \"k\"\nnotify_url = \"http://127.0.0.1:9/h\"\n",
        server.url
    ));
    let started = Instant::now();
    let out = expect_code(&env, &["-p", "f", "-o", "json", "status", "check", "F1"], 0).json();
    assert_eq!(out["status"], "paid");
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 4);
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was honoured");

    let failing = FaultServer::always(Fault::Respond(http_response(503, "text/plain", "down")));
    env.write_config(&format!(
        "[profiles.f]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"100001\"\napi_key = \"k\"\nnotify_url = \"http://127.0.0.1:9/h\"\n",
        failing.url
    ));
    expect_code(&env, &["-p", "f", "status", "check", "F1", "--retries", "2"], 5);
    assert_eq!(failing.hits.load(std::sync::atomic::Ordering::SeqCst), 3, "1 try + 2 retries");
    let before = failing.hits.load(std::sync::atomic::Ordering::SeqCst);
    expect_code(&env, &["-p", "f", "checkout", "create", "--amount", "150000", "--customer-name", "B"], 5);
    assert_eq!(failing.hits.load(std::sync::atomic::Ordering::SeqCst), before + 1, "a checkout is sent once");
}

#[test]
fn reconcile_puts_each_seeded_discrepancy_in_its_class() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let all = ids("R", 1000);
    // 0..10 never created: not_found.
    let order_nos = seed_cashy(&sandbox, &all[10..]);
    let no = |i: usize| order_nos[i - 10].clone();
    let paid: Vec<usize> = (10..20).chain(30..50).chain(60..530).collect();
    for i in &paid {
        pay_order(&sandbox, &no(*i));
    }
    let mut expected = HashMap::new();
    let mut ledger = String::from("order_id,amount,currency,status\n");
    for (i, id) in all.iter().enumerate() {
        let (amount, currency, status, class) = match i {
            0..10 => ("150000", "IDR", "paid", "not_found"),
            10..20 => ("150000", "IDR", "pending", "paid_not_booked"),
            20..30 => ("150000", "IDR", "paid", "booked_not_paid"),
            30..40 => ("150001", "IDR", "paid", "amount_mismatch"),
            40..50 => ("150000", "PHP", "paid", "currency_mismatch"),
            50..55 => ("n/a", "IDR", "pending", "error"),
            // A rupiah ledger written the Indonesian way: never read as Rp 150.
            55..60 => ("150.000", "IDR", "paid", "error"),
            60..530 => ("150000", "IDR", "paid", "match"),
            _ => ("150000.00", "IDR", "pending", "match"),
        };
        ledger.push_str(&format!("{id},{amount},{currency},{status}\n"));
        expected.insert(id.clone(), class);
    }
    std::fs::write(env.path("ledger.csv"), ledger).unwrap();
    let report = env.path("report.csv");
    let out = expect_code(
        &env,
        &[
            "-p",
            "sandbox-cashy",
            "reconcile",
            "--ledger",
            env.path("ledger.csv").to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ],
        8,
    );
    let mut reader = csv::Reader::from_path(&report).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id_col, class_col, detail_col) = (col("order_id"), col("class"), col("detail"));
    let mut got = HashMap::new();
    for rec in reader.records() {
        let rec = rec.unwrap();
        if rec[id_col] == all[55] {
            assert!(rec[detail_col].contains("ambiguous") && rec[detail_col].contains("write 150000"), "{:?}", &rec);
        }
        got.insert(rec[id_col].to_string(), rec[class_col].to_string());
    }
    assert_eq!(got.len(), 1000);
    for (id, class) in &expected {
        assert_eq!(got[id].as_str(), *class, "order {id}");
    }
    for (class, n) in [("match", "940"), ("paid_not_booked", "10"), ("not_found", "10"), ("error", "10")] {
        assert!(
            out.stderr.lines().any(|l| l.starts_with(class) && l.trim_end().ends_with(n)),
            "{class} {n}:\n{}",
            out.stderr
        );
    }
    // Only matches: exit 0.
    let clean: String = std::fs::read_to_string(env.path("ledger.csv"))
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(n, _)| *n == 0 || *n > 60)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    std::fs::write(env.path("clean.csv"), clean).unwrap();
    let out = expect_code(
        &env,
        &["-p", "sandbox-cashy", "-o", "ndjson", "reconcile", "--ledger", env.path("clean.csv").to_str().unwrap()],
        0,
    );
    assert_eq!(out.stdout.lines().count(), 940);
}

#[test]
fn sigint_halfway_keeps_journal_and_report_consistent_and_a_second_run_finishes() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let all = ids("S", 300);
    let order_nos = seed_cashy(&sandbox, &all);
    std::fs::write(env.path("ids.txt"), all.join("\n")).unwrap();
    let ids_file = env.path("ids.txt");
    let seeded = expect_code(
        &env,
        &["-p", "sandbox-cashy", "-o", "ndjson", "status", "check", "--from", ids_file.to_str().unwrap()],
        0,
    );
    assert_eq!(seeded.stdout.lines().count(), 300);
    for no in &order_nos {
        pay_order(&sandbox, no);
    }

    let child = spawn(&env, &["-p", "sandbox-cashy", "-o", "ndjson", "status", "check", "--pending", "--rate", "60/s"]);
    std::thread::sleep(Duration::from_millis(2000));
    sigint(&child);
    let first = finish(child);
    assert_eq!(first.code, 130, "{}", first.stderr);
    assert!(first.stderr.contains("interrupted"), "{}", first.stderr);
    let printed: Vec<Value> = first.stdout.lines().map(|l| serde_json::from_str(l).expect("whole lines")).collect();
    assert!(printed.len() > 10 && printed.len() < 300, "{} checked before the interrupt", printed.len());
    let rows = journal(&env);
    assert_eq!(rows.len(), 300);
    assert_eq!(count_status(&rows, "paid"), printed.len(), "every printed answer is in the journal, nothing else");

    let second = expect_code(&env, &["-p", "sandbox-cashy", "-o", "ndjson", "status", "check", "--pending"], 0);
    assert_eq!(second.stdout.lines().count(), 300 - printed.len());
    assert_eq!(count_status(&journal(&env), "paid"), 300);

    // A report file is either the old one or a complete new one, never half written.
    let mut ledger = String::from("order_id,amount\n");
    for id in &all {
        ledger.push_str(&format!("{id},150000\n"));
    }
    std::fs::write(env.path("ledger.csv"), ledger).unwrap();
    let report = env.path("report.csv");
    std::fs::write(&report, "old report\n").unwrap();
    let ledger_path = env.path("ledger.csv");
    let args = [
        "-p",
        "sandbox-cashy",
        "reconcile",
        "--ledger",
        ledger_path.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ];
    let mut slow = args.to_vec();
    slow.extend(["--rate", "60/s"]);
    let child = spawn(&env, &slow);
    std::thread::sleep(Duration::from_millis(1500));
    sigint(&child);
    let interrupted = finish(child);
    assert_eq!(interrupted.code, 130, "{}", interrupted.stderr);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old report\n");
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    expect_code(&env, &args, 0);
    assert_eq!(std::fs::read_to_string(&report).unwrap().lines().count(), 301);
}

/// Two `--pending` runs at once on one machine split the work through leases: each order is
/// checked by exactly one of them, and no update is lost.
#[test]
fn two_pending_runs_at_once_check_each_order_once() {
    let sandbox = SandboxProc::start(&[]);
    let env = TestEnv::with_sandbox(&sandbox);
    let all = ids("C", 400);
    seed_cashy(&sandbox, &all);
    std::fs::write(env.path("ids.txt"), all.join("\n")).unwrap();
    expect_code(
        &env,
        &["-p", "sandbox-cashy", "-o", "ndjson", "status", "check", "--from", env.path("ids.txt").to_str().unwrap()],
        0,
    );
    // One round for both runs, whichever starts first (docs/journal.md: hosts on one schedule
    // pass --recheck-after). The seed checks are aged to an hour ago rather than waited out, so
    // that a run starting seconds after the other (a loaded CI machine) is still in the same
    // round: every order is due once, and what either run checks is not due again for 10m.
    let db = rusqlite::Connection::open(env.path("data/paycli/journal.sqlite3")).unwrap();
    let aged = paycli::journal::db_time(&(chrono::Utc::now() - chrono::Duration::hours(1)));
    assert_eq!(db.execute("UPDATE orders SET last_checked_at = ?1", [&aged]).unwrap(), 400);
    drop(db);
    let args = [
        "-p",
        "sandbox-cashy",
        "-o",
        "ndjson",
        "status",
        "check",
        "--pending",
        "--recheck-after",
        "10m",
        "--concurrency",
        "16",
    ];
    let (a, b) = (spawn(&env, &args), spawn(&env, &args));
    let mut checked = Vec::new();
    for run in finish_all(vec![a, b]) {
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            !run.stderr.contains("warning") && !run.stderr.contains("error:") && run.stderr.contains(" 0 errors"),
            "{}",
            run.stderr
        );
        checked.extend(run.stdout.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["order_id"].to_string()));
    }
    checked.sort();
    let before = checked.len();
    checked.dedup();
    assert_eq!((before, checked.len()), (400, 400), "every order once, none twice");
    let rows = journal(&env);
    assert_eq!(rows.len(), 400);
    assert!(
        rows.iter().all(|r| r["checks"] == 2),
        "one seed check + one of the two runs: {:?}",
        rows.iter().map(|r| &r["checks"]).collect::<Vec<_>>()
    );
}

/// `callback verify` over several files records each verified callback (one journal connection
/// for the whole run) and nothing for a callback that fails verification.
#[test]
fn verified_callbacks_are_journaled_and_forged_ones_are_not() {
    let env = TestEnv::new();
    env.write_config(
        "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"https://cashier.example\"\nmerchant_id = \"3006075\"\napi_key = \"a7Kq2ZxT9mWb4LpR\"\n",
    );
    let dir = env.path("captures");
    std::fs::create_dir_all(&dir).unwrap();
    let genuine = std::fs::read_to_string(fixture("cashy/callback.http")).unwrap();
    std::fs::write(dir.join("1.http"), &genuine).unwrap();
    std::fs::write(dir.join("2.http"), &genuine).unwrap();
    // Another order, claiming to be paid, without a valid signature.
    std::fs::write(dir.join("3.http"), genuine.replace("cashypay_65543616", "cashypay_99999999")).unwrap();
    expect_code(&env, &["-p", "c", "-o", "ndjson", "callback", "verify", dir.to_str().unwrap()], 6);
    let rows = expect_code(&env, &["-o", "json", "orders", "list"], 0).json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "only the genuine order: {rows:?}");
    assert_eq!(rows[0]["order_id"], "cashypay_65543616");
    assert_eq!(rows[0]["status"], "paid");
    assert_eq!(rows[0]["source"], "callback");
    assert_eq!(rows[0]["checks"], 1, "two copies of one provider event are recorded once");
}
