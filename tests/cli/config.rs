//! Profiles, secret sources, precedence and the config subcommands.

use crate::common::*;

#[test]
fn builtin_profiles_work_without_a_config_file() {
    let env = TestEnv::new();
    let list = expect_code(&env, &["-o", "json", "config", "list"], 0).json();
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"sandbox-cashy"), "{names:?}");
    assert!(list.as_array().unwrap().iter().all(|p| p["source"] == "builtin"));
}

#[test]
fn show_redacts_literal_secrets_but_not_references() {
    let env = TestEnv::new();
    env.write_config(
        "default_profile = \"c\"\n[profiles.c]\nprovider = \"cashy\"\nbase_url = \"https://x.example\"\nmerchant_id = \"1\"\napi_key = \"LITERAL-SECRET-991\"\n[profiles.r]\nprovider = \"cashy\"\nbase_url = \"https://x.example\"\nmerchant_id = \"1\"\napi_key = { env = \"NOT_A_SECRET_NAME\" }\n",
    );
    let r = expect_code(&env, &["-o", "json", "config", "show"], 0);
    assert!(!r.all().contains("LITERAL-SECRET-991"));
    assert_eq!(r.json()["api_key"], "<redacted>");
    let r = expect_code(&env, &["-o", "json", "config", "show", "r"], 0);
    assert_eq!(r.json()["api_key"]["env"], "NOT_A_SECRET_NAME", "a reference is not a secret");
    let r = expect_code(&env, &["-o", "json", "config", "show", "sandbox-cashy"], 0);
    assert!(!r.all().contains("cashy-sandbox-key"), "built-in secrets are redacted too");
}

#[test]
fn secret_sources_env_file_command() {
    let env = TestEnv::new();
    let key_file = env.path("key.txt");
    std::fs::write(&key_file, "from-file-key\n").unwrap();
    env.write_config(&format!(
        "[profiles.e]\nprovider = \"cashy\"\nbase_url = \"https://x.example\"\nmerchant_id = \"1\"\nnotify_url = \"https://s.example/h\"\napi_key = {{ env = \"MY_CASHY_KEY\" }}\n\
         [profiles.f]\nprovider = \"cashy\"\nbase_url = \"https://x.example\"\nmerchant_id = \"1\"\nnotify_url = \"https://s.example/h\"\napi_key = {{ file = \"{}\" }}\n\
         [profiles.c]\nprovider = \"cashy\"\nbase_url = \"https://x.example\"\nmerchant_id = \"1\"\nnotify_url = \"https://s.example/h\"\napi_key = {{ command = \"echo from-command-key\" }}\n\
         [profiles.bad]\nprovider = \"cashy\"\nbase_url = \"https://x.example\"\nmerchant_id = \"1\"\nnotify_url = \"https://s.example/h\"\napi_key = {{ command = \"exit 4\" }}\n",
        key_file.display()
    ));
    let args = |p: &'static str| {
        vec![
            "-p",
            p,
            "checkout",
            "create",
            "--amount",
            "10000",
            "--customer-name",
            "A",
            "--order-id",
            "O1",
            "--dry-run",
        ]
    };
    // The env source: unset is a config error naming the variable, set works.
    let r = expect_code(&env, &args("e"), 3);
    assert!(r.stderr.contains("MY_CASHY_KEY"), "{}", r.stderr);
    let mut cmd = env.cmd();
    cmd.args(args("e")).env("MY_CASHY_KEY", "from-env-key");
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The signature proves which key was used: md5(body + key) by md5sum.
    for (profile, key) in [("f", "from-file-key"), ("c", "from-command-key")] {
        let out = expect_code(&env, &args(profile), 0).json();
        let body = env.path("b");
        std::fs::write(&body, out["body"].as_str().unwrap()).unwrap();
        let md5 = sh(&format!("{{ cat '{}'; printf '%s' '{key}'; }} | md5sum", body.display()));
        assert_eq!(out["headers"]["Sign"].as_str().unwrap(), md5.split_whitespace().next().unwrap().to_uppercase());
    }
    let r = expect_code(&env, &args("bad"), 3);
    assert!(r.stderr.contains("command failed"), "{}", r.stderr);
}

#[test]
fn precedence_flag_over_env_over_config() {
    let env = TestEnv::new();
    env.write_config(
        "default_profile = \"a\"\n[profiles.a]\nprovider = \"cashy\"\nbase_url = \"https://a.example\"\nmerchant_id = \"1\"\napi_key = \"k\"\nnotify_url = \"https://s.example/h\"\n\
         [profiles.b]\nprovider = \"cashy\"\nbase_url = \"https://b.example\"\nmerchant_id = \"1\"\napi_key = \"k\"\nnotify_url = \"https://s.example/h\"\n",
    );
    let url_of = |extra: &[&str], env_profile: Option<&str>| {
        let mut cmd = env.cmd();
        cmd.args(extra).args(["status", "check", "X", "--dry-run"]);
        if let Some(p) = env_profile {
            cmd.env("PAYCLI_PROFILE", p);
        }
        let r = run(cmd);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.json()["url"].as_str().unwrap().to_string()
    };
    assert!(url_of(&[], None).starts_with("https://a.example"), "config default");
    assert!(url_of(&[], Some("b")).starts_with("https://b.example"), "env over config");
    assert!(url_of(&["-p", "a"], Some("b")).starts_with("https://a.example"), "flag over env");
}

#[test]
fn config_errors_exit_3_with_hints() {
    let env = TestEnv::new();
    let r = expect_code(&env, &["status", "check", "X"], 3);
    assert!(r.stderr.contains("no profile selected") && r.stderr.contains("\"hint\":\"pass -p NAME"), "{}", r.stderr);
    let r = expect_code(&env, &["-p", "nope", "status", "check", "X"], 3);
    assert!(r.stderr.contains("profile `nope` not found"));
    env.write_config("[profiles.a\n");
    let r = expect_code(&env, &["-p", "a", "status", "check", "X"], 3);
    assert!(r.stderr.contains("not valid TOML"));
    let r = expect_code(&env, &["--config", "/nonexistent/paycli.toml", "-p", "a", "status", "check", "X"], 3);
    assert!(r.stderr.contains("cannot read config file"));
    env.write_config("[profiles.a]\nprovider = \"cashy\"\nbase_url = \"https://a.example\"\n");
    let r = expect_code(&env, &["-p", "a", "status", "check", "X"], 3);
    assert!(r.stderr.contains("no `merchant_id`"), "{}", r.stderr);
}

#[test]
fn group_readable_config_gets_a_warning() {
    let env = TestEnv::new();
    let path = env.write_config("[profiles.a]\nprovider = \"cashy\"\nbase_url = \"https://a.example\"\n");
    let r = expect_code(&env, &["config", "list"], 0);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    set_mode(&path, 0o644);
    let r = expect_code(&env, &["config", "list"], 0);
    assert!(r.stderr.contains("readable by group or others"), "{}", r.stderr);
}

#[test]
fn init_writes_a_private_starter_file_once() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let path = expect_code(&env, &["config", "path"], 0).stdout.trim().to_string();
    assert_eq!(path, env.config_path().display().to_string());
    expect_code(&env, &["config", "init"], 0);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(std::fs::read_to_string(&path).unwrap().contains("[profiles.cashy]"));
    let r = expect_code(&env, &["config", "init"], 2);
    assert!(r.stderr.contains("--force"));
    expect_code(&env, &["config", "init", "--force"], 0);
    // The starter file parses (everything is commented out) and lists the built-ins.
    expect_code(&env, &["config", "list"], 0);
}
