//! The command surface: help, completions, output formats, JSON errors, secret hygiene.

use crate::common::*;

#[test]
fn help_is_stable() {
    let env = TestEnv::new();
    insta::assert_snapshot!("help", expect_code(&env, &["--help"], 0).stdout);
    insta::assert_snapshot!("checkout_create_help", expect_code(&env, &["checkout", "create", "--help"], 0).stdout);
}

#[test]
fn committed_completions_are_current() {
    let env = TestEnv::new();
    for (shell, file) in [
        ("bash", "paycli.bash"),
        ("zsh", "_paycli"),
        ("fish", "paycli.fish"),
        ("powershell", "_paycli.ps1"),
        ("elvish", "paycli.elv"),
    ] {
        let generated = expect_code(&env, &["completions", shell], 0).stdout;
        let path = format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            generated == committed,
            "completions/{file} is stale: run `cargo run -- completions {shell} > completions/{file}` (or scripts/update-completions.sh)"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    expect_code(&env, &["checkout", "create"], 2);
    expect_code(&env, &["--timeout", "0", "config", "path"], 2);
    expect_code(&env, &["-o", "xml", "config", "path"], 2);
    let r = expect_code(&env, &["-p", "sandbox-cashy", "status", "check"], 2);
    assert!(r.stderr.contains("no order ids"));
}

#[test]
fn json_modes_report_errors_as_json_on_stderr() {
    let env = TestEnv::new();
    let r = expect_code(&env, &["-o", "json", "-p", "sandbox-cashy", "checkout", "create", "--amount", "5"], 2);
    assert!(r.stdout.is_empty());
    let err: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert_eq!(err["error"]["kind"], "usage");
    assert!(err["error"]["message"].as_str().unwrap().contains("minimum amount"));
    let r = expect_code(&env, &["-o", "table", "-p", "sandbox-cashy", "checkout", "create", "--amount", "5"], 2);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
}

#[test]
fn every_format_carries_the_same_fields() {
    let env = TestEnv::new();
    env.write_config("[profiles.c]\nprovider = \"cashy\"\nbase_url = \"https://cashier.example\"\nmerchant_id = \"3006075\"\napi_key = \"a7Kq2ZxT9mWb4LpR\"\n");
    let file = fixture("cashy/callback.http");
    let json = expect_code(&env, &["-p", "c", "-o", "json", "callback", "verify", &file], 0).json();
    let csv = expect_code(&env, &["-p", "c", "-o", "csv", "callback", "verify", &file], 0).stdout;
    let ndjson = expect_code(&env, &["-p", "c", "-o", "ndjson", "callback", "verify", &file], 0).stdout;
    let table = expect_code(&env, &["-p", "c", "-o", "table", "callback", "verify", &file], 0).stdout;
    let keys: Vec<String> = json.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys.join(","),
        "provider,source,verified,signature,requery,reason,order_id,provider_ref,status,provider_status,amount,currency,fee,net_amount,channel,rrn,ack"
    );
    assert_eq!(csv.lines().next().unwrap(), keys.join(","));
    assert!(csv.lines().nth(1).unwrap().contains(",ok,skipped,,cashypay_65543616,"), "{csv}");
    let nd: serde_json::Value = serde_json::from_str(ndjson.trim()).unwrap();
    assert_eq!(nd, json);
    for k in &keys {
        assert!(table.contains(k.as_str()), "table lacks {k}:\n{table}");
    }
    assert!(!table.contains("\u{1b}["), "no colour when not a terminal");
    let coloured =
        expect_code(&env, &["-p", "c", "-o", "table", "--color", "always", "callback", "verify", &file], 0).stdout;
    assert!(coloured.contains("\u{1b}["), "--color always colours");
}

// The secret-leak check over every command and provider lives in leaks.rs.

/// Every command path (`checkout create`, `callback verify`, ...), hidden ones left out.
fn command_paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let mut path = prefix.clone();
        path.push(sub.get_name().to_string());
        out.push(path.clone());
        command_paths(sub, path, out);
    }
}

#[test]
fn every_command_and_option_is_described_and_every_help_is_stable() {
    use clap::CommandFactory;
    let mut root = paycli::cli::Cli::command();
    root.build();
    let mut paths = Vec::new();
    command_paths(&root, Vec::new(), &mut paths);
    assert!(paths.len() > 15, "{paths:?}");
    let env = TestEnv::new();
    for path in &paths {
        let cmd = path.iter().fold(&root, |c, name| c.find_subcommand(name).unwrap());
        assert!(
            cmd.get_about().is_some_and(|a| !a.to_string().trim().is_empty()),
            "`{}` has no description",
            path.join(" ")
        );
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let described = arg.get_help().or(arg.get_long_help()).is_some_and(|h| !h.to_string().trim().is_empty());
            assert!(described, "`paycli {} --{}` has no description", path.join(" "), arg.get_id());
        }
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = expect_code(&env, &args, 0).stdout;
        insta::assert_snapshot!(format!("help_{}", path.join("_")), help);
    }
}

#[test]
fn checkout_help_lists_each_providers_rules() {
    let env = TestEnv::new();
    let help = expect_code(&env, &["checkout", "create", "--help"], 0).stdout;
    for p in paycli::providers::all() {
        assert!(help.contains(&format!("  {}: ", p.id())), "no rules for {}:\n{help}", p.id());
    }
    assert!(help.contains("Refuses --item, --redirect-url and --cancel-url"), "{help}");
}

#[test]
fn global_options_have_their_own_heading() {
    let env = TestEnv::new();
    let help = expect_code(&env, &["status", "check", "--help"], 0).stdout;
    let (own, global) = help.split_once("Global options:").expect("a Global options heading");
    assert!(own.contains("--from") && !own.contains("--profile"), "{own}");
    assert!(global.contains("--profile") && global.contains("--quiet") && !global.contains("--from"), "{global}");
}

#[test]
fn the_committed_man_page_is_current() {
    let env = TestEnv::new();
    let generated = expect_code(&env, &["manpage"], 0).stdout;
    assert!(
        generated.starts_with(".ie") || generated.contains(".TH paycli"),
        "{}",
        &generated[..200.min(generated.len())]
    );
    let committed = std::fs::read_to_string(format!("{}/man/paycli.1", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
    assert!(generated == committed, "man/paycli.1 is stale: run scripts/update-completions.sh");
}
