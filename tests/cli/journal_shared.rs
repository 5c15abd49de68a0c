//! The journal in PostgreSQL, shared by several paycli processes standing in for hosts, against a
//! real server (tests/support/pg_cluster.rs starts its own cluster; these tests fail without it).

use crate::common::*;
use crate::journal::{finish_all, ids, journal, pay_order, seed_cashy, spawn};
use crate::pg_cluster::cluster;
use crate::webhooks::Listen;
use md5::{Digest, Md5};
use serde_json::Value;
use std::collections::HashMap;
use std::time::{Duration, Instant};

const CASHY_SANDBOX_KEY: &str = "cashy-sandbox-key-8d2f6b0a4c9e1735";

/// An environment whose config puts the journal in a fresh PostgreSQL database (read from a
/// file, as a `{ file = ... }` secret); returns the URL too.
fn pg_env(sandbox: Option<&SandboxProc>) -> (TestEnv, String) {
    let url = cluster().new_database("cli");
    let env = match sandbox {
        Some(s) => TestEnv::with_sandbox(s),
        None => TestEnv::new(),
    };
    std::fs::write(env.path("journal-url"), format!("{url}\n")).unwrap();
    set_mode(&env.path("journal-url"), 0o600);
    env.write_config(&format!("journal = {{ file = \"{}\" }}\n", env.path("journal-url").display()));
    (env, url)
}

fn database(url: &str) -> &str {
    url.split('?').next().unwrap().rsplit('/').next().unwrap()
}

fn assert_no_password(run: &Run) {
    let pw = &cluster().password;
    assert!(!run.all().contains(pw.as_str()), "the password leaked:\n{}", run.all());
}

/// How many status queries the sandbox answered per merchant order id, for ids with `prefix`.
fn queries(sandbox: &SandboxProc, prefix: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for q in sandbox.get_json("/_sandbox/queries").as_array().unwrap() {
        if let Some(id) = q["merchant_order_id"].as_str().filter(|id| id.starts_with(prefix)) {
            *counts.entry(id.to_string()).or_default() += 1;
        }
    }
    counts
}

#[test]
fn a_postgres_journal_end_to_end_without_ever_showing_its_password() {
    let sandbox = SandboxProc::start(&[]);
    let (env, url) = pg_env(Some(&sandbox));
    let created = cashy_checkout(&env, "150000", &["--order-id", "PG1"]);
    let in_db = cluster().psql(database(&url), "SELECT order_id, status, amount FROM orders");
    assert_eq!(in_db.trim(), "PG1|pending|150000", "the checkout is in PostgreSQL");
    assert!(!env.path("data/paycli/journal.sqlite3").exists(), "no SQLite journal beside it");
    pay(created["checkout_url"].as_str().unwrap());
    let verbose = expect_code(&env, &["-v", "-p", "sandbox-cashy", "-o", "json", "status", "check", "PG1"], 0);
    assert_no_password(&verbose);
    let rows = journal(&env);
    assert_eq!((rows.len(), rows[0]["status"].as_str(), rows[0]["checks"].as_i64()), (1, Some("paid"), Some(1)));

    let doctor = expect_code(&env, &["-p", "sandbox-cashy", "-o", "ndjson", "doctor"], 0);
    assert_no_password(&doctor);
    let lines: Vec<Value> = doctor.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let check = |name: &str| lines.iter().find(|l| l["check"] == name).unwrap_or_else(|| panic!("{name}: {lines:?}"));
    let reachable = check("journal")["detail"].as_str().unwrap().to_string();
    assert!(reachable.contains("postgresql postgres://postgres:<redacted>@127.0.0.1:"), "{reachable}");
    assert_eq!(check("journal schema")["detail"], "version 3");
    assert_eq!(check("journal write")["result"], "ok");
    assert_no_password(&expect_code(&env, &["-p", "sandbox-cashy", "config", "show"], 0));

    let migrated = expect_code(&env, &["-o", "json", "journal", "migrate"], 0);
    assert_eq!((migrated.json()["from_version"].as_i64(), migrated.json()["to_version"].as_i64()), (Some(3), Some(3)));
    assert_no_password(&migrated);

    // PAYCLI_JOURNAL wins over the config; a wrong password is refused without being printed.
    let wrong = url.replace(&cluster().password, "wrong-pw-4711");
    let mut cmd = env.cmd();
    cmd.env("PAYCLI_JOURNAL", &wrong).args(["orders", "list"]);
    let refused = run(cmd);
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(refused.stderr.contains("password authentication failed"), "{}", refused.stderr);
    assert!(!refused.all().contains("wrong-pw-4711"), "{}", refused.all());
}

#[test]
fn journal_copy_moves_an_sqlite_journal_into_postgres() {
    let sandbox = SandboxProc::start(&[]);
    let local = TestEnv::with_sandbox(&sandbox);
    for id in ["M1", "M2", "M3"] {
        cashy_checkout(&local, "150000", &["--order-id", id]);
    }
    expect_code(&local, &["-p", "sandbox-cashy", "-o", "json", "status", "check", "M1", "M2"], 0);
    let before = journal(&local);
    let (shared, url) = pg_env(Some(&sandbox));
    let mut cmd = local.cmd();
    cmd.args(["-o", "json", "journal", "copy", "--to", "-"]).write_stdin(format!("{url}\n"));
    let copied = run(cmd);
    assert_eq!(copied.code, 0, "{}", copied.stderr);
    assert_no_password(&copied);
    assert_eq!(copied.json()["orders_copied"], 3);
    assert!(copied.json()["to"].as_str().unwrap().contains(":<redacted>@"), "{}", copied.stdout);
    assert_eq!(journal(&shared), before, "every row, every field");
    let again = expect_code(&local, &["-o", "json", "journal", "copy", "--to", &url], 0);
    assert_eq!(
        (again.json()["orders_copied"].as_i64(), again.json()["orders_already_there"].as_i64()),
        (Some(0), Some(3))
    );
}

/// Three `--pending` runs ("hosts") at once against one PostgreSQL journal: every due order is
/// queried at the sandbox exactly once. Then a second round in which one host is SIGKILLed
/// mid-round: its leases end and the others check its orders, so every order ends up recorded,
/// and only the orders it had in hand are queried twice.
#[test]
fn three_hosts_check_each_due_order_once_and_a_killed_host_loses_nothing() {
    let sandbox = SandboxProc::start(&[]);
    let (env, url) = pg_env(Some(&sandbox));
    for (round, killed) in [("H", false), ("K", true)] {
        let all = ids(round, 240);
        let order_nos = seed_cashy(&sandbox, &all);
        std::fs::write(env.path("ids.txt"), all.join("\n")).unwrap();
        let seeded = env.path("ids.txt");
        expect_code(
            &env,
            &["-p", "sandbox-cashy", "-o", "ndjson", "status", "check", "--from", seeded.to_str().unwrap()],
            0,
        );
        for no in &order_nos {
            pay_order(&sandbox, no);
        }
        let seed_queries = queries(&sandbox, round);
        // The seed checks are older than --recheck-after: every order is due this round.
        std::thread::sleep(Duration::from_millis(2500));
        let args = [
            "-p",
            "sandbox-cashy",
            "-o",
            "ndjson",
            "status",
            "check",
            "--pending",
            "--recheck-after",
            "2s",
            "--lease",
            "3s",
            "--concurrency",
            "4",
            "--rate",
            "40/s",
        ];
        let started = Instant::now();
        let mut hosts: Vec<_> = (0..3).map(|_| spawn(&env, &args)).collect();
        // The orders the killed host holds leases on when it dies: nobody else may take them
        // until the leases end, so reading them right after the kill is exact.
        let mut orphaned = Vec::new();
        if killed {
            let leases = format!("SELECT order_id FROM orders WHERE lease_owner LIKE '%:{}:%'", hosts[0].id());
            let deadline = Instant::now() + Duration::from_secs(20);
            while cluster().psql(database(&url), &leases).trim().is_empty() {
                assert!(Instant::now() < deadline, "the first host never claimed anything");
                std::thread::sleep(Duration::from_millis(20));
            }
            std::thread::sleep(Duration::from_millis(300));
            sh(&format!("kill -KILL {}", hosts[0].id()));
            orphaned = cluster().psql(database(&url), &leases).lines().map(str::to_string).collect();
        }
        let runs: Vec<Run> = finish_all(std::mem::take(&mut hosts));
        let elapsed = started.elapsed();
        let survivors = if killed { &runs[1..] } else { &runs[..] };
        for r in survivors {
            assert_eq!(r.code, 0, "{}", r.stderr);
        }
        if killed {
            assert_eq!(runs[0].code, -1, "SIGKILLed");
        }
        let rows: Vec<Value> =
            journal(&env).into_iter().filter(|r| r["order_id"].as_str().unwrap().starts_with(round)).collect();
        assert_eq!(rows.len(), 240);
        assert!(rows.iter().all(|r| r["status"] == "paid"), "every order recorded: {rows:?}");
        let mut round_queries = queries(&sandbox, round);
        for (id, n) in &seed_queries {
            *round_queries.get_mut(id).unwrap() -= n;
        }
        assert!(all.iter().all(|id| round_queries.get(id).copied().unwrap_or(0) >= 1), "every order queried");
        let twice: Vec<_> = round_queries.iter().filter(|(_, n)| **n > 1).collect();
        if killed {
            // Only what the killed host had asked the provider about and not yet recorded, each
            // once more: those are orders it still held leases on when it died (live hosts renew
            // theirs, so nothing else is checked twice, however loaded the machine).
            assert!(!orphaned.is_empty(), "killed while holding leases");
            for (id, n) in &twice {
                assert!(**n == 2 && orphaned.contains(id), "{id} checked {n} times, not leased by the killed host");
            }
            assert!(elapsed >= Duration::from_secs(3), "the survivors waited for its leases: {elapsed:?}");
            let printed_by_survivors: Vec<String> = survivors
                .iter()
                .flat_map(|r| {
                    r.stdout.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["order_id"].to_string())
                })
                .map(|id| id.trim_matches('"').to_string())
                .collect();
            for id in &orphaned {
                assert!(printed_by_survivors.contains(id), "{id}, leased by the killed host, checked by a survivor");
            }
        } else {
            assert!(twice.is_empty(), "exactly once per round: {twice:?}");
            let printed: Vec<usize> = runs.iter().map(|r| r.stdout.lines().count()).collect();
            assert_eq!(printed.iter().sum::<usize>(), 240, "{printed:?}");
            assert!(printed.iter().filter(|n| **n > 0).count() >= 2, "the work was split: {printed:?}");
        }
    }
}

/// A Cashy callback as the sandbox signs it (MD5 of body + key), with this nonce: a provider's
/// retry of one event carries a new nonce and signature but the same facts.
fn cashy_callback(order: &str, order_no: &str, nonce: u64) -> (Vec<(String, String)>, String) {
    let body = format!(
        r#"{{"amount":150000.0,"completionTime":"2026-11-28 10:00:00","fee":6000.0,"mchOrderNo":"{order}","merchantId":"100001","nonceStr":"{nonce}","orderNo":"{order_no}","orderStatus":"SUCCESS","payCode":"88085756587055","payType":"QRIS"}}"#
    );
    let sign = hex::encode_upper(Md5::digest(format!("{body}{CASHY_SANDBOX_KEY}").as_bytes()));
    let headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("MerchantId".to_string(), "100001".to_string()),
        ("Sign".to_string(), sign),
    ];
    (headers, body)
}

/// Two listeners ("hosts" behind a load balancer) on one PostgreSQL journal get the same
/// callbacks, retries included, at the same time: each event is journaled once.
#[test]
fn two_listeners_journal_each_callback_event_once() {
    let (env, url) = pg_env(None);
    let listeners = [Listen::start(&env, "sandbox-cashy", &[]), Listen::start(&env, "sandbox-cashy", &[])];
    let orders: Vec<String> = ids("L", 20);
    // Per order: the first delivery, a byte-identical repeat, and a retry with a new nonce, each
    // to both listeners.
    let mut deliveries = Vec::new();
    for (i, order) in orders.iter().enumerate() {
        for nonce in [1u64, 1, 2] {
            let (headers, body) = cashy_callback(order, &format!("PAYDESK9{i:05}"), 1_800_000_000_000 + nonce);
            for l in &listeners {
                deliveries.push((l.url.clone(), headers.clone(), body.clone()));
            }
        }
    }
    std::thread::scope(|s| {
        for chunk in deliveries.chunks(deliveries.len() / 6) {
            s.spawn(move || {
                for (url, headers, body) in chunk {
                    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    let (status, answer) = http_post(&format!("{url}/hooks/cashy"), &headers, body.as_bytes());
                    assert_eq!(status, 200, "{answer}");
                }
            });
        }
    });
    let rows = journal(&env);
    assert_eq!(rows.len(), 20);
    assert!(
        rows.iter().all(|r| r["checks"] == 1 && r["status"] == "paid" && r["source"] == "callback"),
        "each event once: {rows:?}"
    );
    let events = cluster().psql(database(&url), "SELECT count(*) FROM callback_events");
    assert_eq!(events.trim(), "20");
}

/// `--no-journal` means nothing to record, not a journal that failed: a verified callback still
/// gets the provider's ack (not a 503 that would make the provider retry for ever).
#[test]
fn a_listener_without_a_journal_acknowledges_verified_callbacks() {
    let env = TestEnv::new();
    let listener = Listen::start(&env, "sandbox-cashy", &["--no-journal"]);
    let (headers, body) = cashy_callback("NJ1", "PAYDESK9NJ1", 1_800_000_000_001);
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, answer) = http_post(&format!("{}/hooks/cashy", listener.url), &headers, body.as_bytes());
    assert_eq!((status, answer.as_str()), (200, "SUCCESS"));
    assert!(!env.path("data/paycli/journal.sqlite3").exists(), "nothing journaled");
}
