//! The bad-input catalog, part 1: malformed flags and values, out-of-rule fields, broken and
//! hostile config files. Every row is one case with its own exit code and a phrase the message
//! must contain; no case may panic. Part 2 (captures, provider answers) is in bad_input_io.rs.

use crate::common::*;

/// What any catalog case may cost at most: the bounds that a hostile input must not break.
pub const CASE_SECONDS: u64 = 20;
pub const CASE_RSS_MIB: i64 = 200;

/// Runs one case and checks its exit code, its message, that nothing panicked, and that it took
/// bounded time and memory (measured with wait4).
pub fn case(env: &TestEnv, name: &str, args: &[&str], code: i32, needle: &str) -> Run {
    let mut cmd = env.std_cmd();
    cmd.args(args).env("PAYCLI_SECRET_COMMAND_TIMEOUT", "1");
    case_with(name, cmd, args, code, needle)
}

/// `case` for a prepared command (extra environment, stdin).
pub fn case_with(name: &str, cmd: std::process::Command, args: &[&str], code: i32, needle: &str) -> Run {
    let m = run_measured(cmd, std::time::Duration::from_secs(60));
    let r = m.run;
    let all = r.all();
    assert_eq!(r.code, code, "case `{name}`: paycli {args:?}\n{all}");
    assert!(all.contains(needle), "case `{name}`: expected {needle:?} in the output of paycli {args:?}:\n{all}");
    assert!(!all.contains("panicked") && !all.contains("RUST_BACKTRACE"), "case `{name}` panicked:\n{all}");
    assert!(m.elapsed.as_secs() < CASE_SECONDS, "case `{name}` took {:?}", m.elapsed);
    assert!(m.max_rss_kib < CASE_RSS_MIB * 1024, "case `{name}` used {} MiB", m.max_rss_kib / 1024);
    r
}

const CREATE: &[&str] = &["-p", "sandbox-cashy", "checkout", "create"];

fn create<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = CREATE.to_vec();
    v.extend_from_slice(extra);
    v
}

#[test]
fn malformed_flags_and_values_exit_2() {
    let env = TestEnv::new();
    let ids = env.path("ids.csv");
    std::fs::write(&ids, "amount,id\n5,A\n").unwrap();
    let nd = env.path("ids.ndjson");
    std::fs::write(&nd, "{\"order_id\": \n").unwrap();
    let (ids, nd) = (ids.to_str().unwrap().to_string(), nd.to_str().unwrap().to_string());
    let name = "Budi";
    let long = "X".repeat(33);
    let long_name = "X".repeat(65);
    let rows: Vec<(&str, Vec<&str>, i32, &str)> = vec![
        ("no amount", create(&["--customer-name", name]), 2, "--amount"),
        ("amount not a number", create(&["--amount", "abc"]), 2, "not a positive decimal"),
        ("negative amount", create(&["--amount", "-5"]), 2, "not a positive decimal"),
        ("exponent amount", create(&["--amount", "1e6"]), 2, "not a positive decimal"),
        ("thousands separator", create(&["--amount", "150,000"]), 2, "for Rp 150,000 write 150000"),
        // Indonesians group thousands with a dot: `150.000` rupiah is never read as 150 (README, "checkout create").
        ("rupiah dot group", create(&["--amount", "150.000"]), 2, "for Rp 150.000 write 150000"),
        ("rupiah item dot group", create(&["--item", "Kopi:1:150.000"]), 2, "for Rp 150.000 write 150000"),
        (
            "zenospay dot group",
            vec!["-p", "sandbox-zenospay", "checkout", "create", "--amount", "1.500.000"],
            2,
            "write 1500000",
        ),
        (
            "peso grouped decimal",
            vec!["-p", "sandbox-paycools", "checkout", "create", "--amount", "1,500.00"],
            2,
            "1500.00",
        ),
        (
            "peso decimal comma",
            vec!["-p", "sandbox-paycools", "checkout", "create", "--amount", "1.500,00"],
            2,
            "thousands separator or a decimal comma",
        ),
        ("currency sign", create(&["--amount", "Rp150000"]), 2, "--amount 150000 --currency IDR"),
        ("space group", create(&["--amount", "150 000"]), 2, "thousands separator"),
        ("two decimal points", create(&["--amount", "1.2.3"]), 2, "not a positive decimal"),
        ("zero amount", create(&["--amount", "0.00"]), 2, "greater than zero"),
        ("absurd amount", create(&["--amount", "99999999999999999999999999999999999"]), 2, "too large"),
        ("rupiah fraction", create(&["--amount", "150000.5", "--customer-name", name]), 2, "decimal place"),
        ("below minimum", create(&["--amount", "5000", "--customer-name", name]), 2, "minimum amount"),
        ("wrong currency", create(&["--amount", "150000", "--currency", "USD"]), 2, "only takes IDR"),
        ("empty order id", create(&["--amount", "150000", "--order-id", " "]), 2, "--order-id <ID>': empty"),
        (
            "order id with space",
            create(&["--amount", "150000", "--order-id", "a b", "--customer-name", name]),
            2,
            "letters, digits",
        ),
        (
            "order id too long",
            create(&["--amount", "150000", "--order-id", &long, "--customer-name", name]),
            2,
            "at most 32",
        ),
        (
            "name too long",
            create(&["--amount", "150000", "--customer-name", &long_name]),
            2,
            "realName allows at most 64",
        ),
        ("no payer name", create(&["--amount", "150000"]), 2, "requires the payer's name"),
        ("blank payer name", create(&["--amount", "150000", "--customer-name", "  "]), 2, "requires the payer's name"),
        ("item without parts", create(&["--amount", "150000", "--item", "x"]), 2, "NAME:QTY:UNIT_PRICE"),
        ("item quantity zero", create(&["--amount", "150000", "--item", "x:0:1"]), 2, "quantity must be from 1"),
        ("item negative price", create(&["--amount", "150000", "--item", "x:1:-1"]), 2, "not a positive decimal"),
        (
            "items on cashy",
            create(&["--amount", "150000", "--customer-name", name, "--item", "Kopi:1:150000"]),
            2,
            "does not take line items",
        ),
        ("set key with space", create(&["--amount", "150000", "--set", "bad key=1"]), 2, "letters, digits or _"),
        ("set JSON broken", create(&["--amount", "150000", "--set", "x:={"]), 2, "not JSON"),
        ("set without =", create(&["--amount", "150000", "--set", "novalue"]), 2, "KEY=VALUE"),
        ("expiry unit", create(&["--amount", "150000", "--expires-in", "1w"]), 2, "not a duration"),
        (
            "expiry out of range",
            create(&["--amount", "150000", "--customer-name", name, "--expires-in", "10s"]),
            2,
            "between 1m and 7d",
        ),
        (
            "callback not a URL",
            create(&["--amount", "150000", "--customer-name", name, "--callback-url", "not a url"]),
            2,
            "is not a URL",
        ),
        (
            "callback ftp",
            create(&["--amount", "150000", "--customer-name", name, "--callback-url", "ftp://x.example/h"]),
            2,
            "http(s)",
        ),
        (
            "redirect on cashy",
            create(&["--amount", "150000", "--customer-name", name, "--redirect-url", "https://x.example"]),
            2,
            "no redirect",
        ),
        ("timeout zero", vec!["--timeout", "0", "config", "path"], 2, "between 0 and 3600"),
        ("timeout text", vec!["--timeout", "soon", "config", "path"], 2, "between 0 and 3600"),
        ("timeout NaN", vec!["--timeout", "NaN", "config", "path"], 2, "between 0 and 3600"),
        ("output format", vec!["-o", "xml", "config", "path"], 2, "invalid value 'xml'"),
        ("colour choice", vec!["--color", "purple", "config", "path"], 2, "invalid value 'purple'"),
        ("unknown command", vec!["refund"], 2, "unrecognized subcommand"),
        ("unknown flag", vec!["status", "check", "--frobnicate"], 2, "unexpected argument"),
        ("completions shell", vec!["completions", "tcsh"], 2, "invalid value 'tcsh'"),
        ("status without ids", vec!["-p", "sandbox-cashy", "status", "check"], 2, "no order ids"),
        (
            "expect unknown status",
            vec!["-p", "sandbox-cashy", "status", "check", "A", "--expect", "done"],
            2,
            "invalid value 'done'",
        ),
        (
            "rrn with two ids",
            vec!["-p", "sandbox-cashy", "status", "check", "A", "B", "--rrn", "1"],
            2,
            "single order id",
        ),
        (
            "from missing file",
            vec!["-p", "sandbox-cashy", "status", "check", "--from", "/nonexistent/ids"],
            2,
            "cannot read --from",
        ),
        (
            "from CSV without order_id",
            vec!["-p", "sandbox-cashy", "status", "check", "--from", &ids],
            2,
            "no order_id column",
        ),
        ("from broken NDJSON", vec!["-p", "sandbox-cashy", "status", "check", "--from", &nd], 2, "not JSON"),
        ("status id too long", vec!["-p", "sandbox-cashy", "status", "check", &long], 2, "at most 32"),
        (
            "header without colon",
            vec!["-p", "sandbox-cashy", "callback", "verify", "--header", "Sign"],
            2,
            "'Name: value'",
        ),
        (
            "header bad name",
            vec!["-p", "sandbox-cashy", "callback", "verify", "--header", "Si gn: x"],
            2,
            "'Name: value'",
        ),
        ("at not a time", vec!["-p", "sandbox-cashy", "callback", "verify", "--at", "yesterday"], 2, "RFC 3339"),
        ("tolerance unit", vec!["-p", "sandbox-cashy", "callback", "verify", "--tolerance", "5x"], 2, "not a duration"),
        ("stdin twice", vec!["-p", "sandbox-cashy", "callback", "verify", "-", "-"], 2, "only once"),
        ("sandbox unknown provider", vec!["sandbox", "--port", "0", "--set", "nope.x=1"], 2, "unknown provider"),
        ("sandbox time scale", vec!["sandbox", "--port", "0", "--time-scale", "0"], 2, "positive"),
    ];
    for (name, args, code, needle) in rows {
        case(&env, name, &args, code, needle);
    }
}

/// Rules that hold for every provider in the registry, whatever its own rules are.
#[test]
fn every_provider_rejects_malformed_common_values_before_sending() {
    let env = TestEnv::new();
    let list = expect_code(&env, &["-o", "json", "config", "list"], 0).json();
    let profiles: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["source"] == "builtin")
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert!(profiles.contains(&"sandbox-cashy".to_string()));
    for p in &profiles {
        for (name, extra, needle) in [
            ("amount", vec!["--amount", "12abc"], "not a positive decimal"),
            ("zero", vec!["--amount", "0"], "greater than zero"),
            ("item", vec!["--amount", "1", "--item", "x:y"], "NAME:QTY:UNIT_PRICE"),
            ("expiry", vec!["--amount", "1", "--expires-in", "soon"], "not a duration"),
            ("set", vec!["--amount", "1", "--set", "=1"], "letters, digits or _"),
        ] {
            let mut args = vec!["-p", p.as_str(), "checkout", "create", "--dry-run"];
            args.extend(extra);
            case(&env, &format!("{p} {name}"), &args, 2, needle);
        }
    }
}

const GOOD: &str = "provider = \"cashy\"\nbase_url = \"http://127.0.0.1:9\"\nmerchant_id = \"1\"\n";

#[test]
fn broken_and_hostile_config_files() {
    let env = TestEnv::new();
    let dir = env.path("keys-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let empty = env.path("empty.key");
    std::fs::write(&empty, "\n\n").unwrap();
    let (dir, empty) = (dir.display().to_string(), empty.display().to_string());
    let status: &[&str] = &["-p", "c", "status", "check", "A1"];
    let rows: Vec<(&str, String, &[&str], i32, &str)> = vec![
        ("not TOML", "[profiles.c\nprovider=".into(), status, 3, "not valid TOML"),
        ("binary garbage", "\u{0}\u{1}\u{7f}PK\u{3}\u{4}".into(), status, 3, "not valid TOML"),
        ("default_profile type", "default_profile = 3".into(), status, 3, "default_profile must be a string"),
        ("profiles type", "profiles = 1".into(), status, 3, "`profiles` must be a table"),
        ("profile not a table", "[profiles]\nc = 1".into(), status, 3, "[profiles.c] must be a table"),
        ("unknown top-level key", "junk = 1".into(), status, 3, "unknown top-level key `junk`"),
        ("no provider", "[profiles.c]\nbase_url = \"http://x\"".into(), status, 3, "has no `provider`"),
        (
            "unknown provider",
            "[profiles.c]\nprovider = \"paypalish\"".into(),
            status,
            3,
            "unknown provider `paypalish`",
        ),
        ("provider type", "[profiles.c]\nprovider = 5".into(), status, 3, "provider must be a string"),
        (
            "no base_url",
            "[profiles.c]\nprovider = \"cashy\"\nmerchant_id = \"1\"\napi_key = \"k\"".into(),
            status,
            3,
            "has no `base_url`",
        ),
        (
            "base_url scheme",
            format!("[profiles.c]\n{GOOD}api_key = \"k\"").replace("http://127.0.0.1:9", "ftp://x"),
            status,
            3,
            "is not an http(s) URL",
        ),
        (
            "base_url garbage",
            format!("[profiles.c]\n{GOOD}api_key = \"k\"").replace("http://127.0.0.1:9", "::::"),
            status,
            3,
            "is not an http(s) URL",
        ),
        (
            "merchant_id type",
            "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"http://x\"\nmerchant_id = 5\napi_key = \"k\"".into(),
            status,
            3,
            "`merchant_id` must be a string, found integer",
        ),
        (
            "merchant_id missing",
            "[profiles.c]\nprovider = \"cashy\"\nbase_url = \"http://x\"\napi_key = \"k\"".into(),
            status,
            3,
            "has no `merchant_id`",
        ),
        ("api_key missing", format!("[profiles.c]\n{GOOD}"), status, 3, "has no `api_key`"),
        ("api_key type", format!("[profiles.c]\n{GOOD}api_key = 5"), status, 3, "`api_key` must be a string or one of"),
        (
            "api_key unknown source",
            format!("[profiles.c]\n{GOOD}api_key = {{ vault = \"x\" }}"),
            status,
            3,
            "must be a string or one of",
        ),
        (
            "api_key two sources",
            format!("[profiles.c]\n{GOOD}api_key = {{ env = \"A\", file = \"B\" }}"),
            status,
            3,
            "must be a string or one of",
        ),
        (
            "api_key env unset",
            format!("[profiles.c]\n{GOOD}api_key = {{ env = \"PAYCLI_NO_SUCH_VAR\" }}"),
            status,
            3,
            "PAYCLI_NO_SUCH_VAR is not set",
        ),
        (
            "api_key file missing",
            format!("[profiles.c]\n{GOOD}api_key = {{ file = \"/nonexistent/k\" }}"),
            status,
            3,
            "cannot read /nonexistent/k",
        ),
        (
            "api_key file unreadable",
            format!("[profiles.c]\n{GOOD}api_key = {{ file = \"{dir}\" }}"),
            status,
            3,
            "cannot read",
        ),
        (
            "api_key file empty",
            format!("[profiles.c]\n{GOOD}api_key = {{ file = \"{empty}\" }}"),
            status,
            3,
            "`api_key` is empty",
        ),
        (
            "api_key command fails",
            format!("[profiles.c]\n{GOOD}api_key = {{ command = \"echo oops >&2; exit 3\" }}"),
            status,
            3,
            "the command failed",
        ),
        (
            "api_key command hangs",
            format!("[profiles.c]\n{GOOD}api_key = {{ command = \"sleep 30\" }}"),
            status,
            3,
            "did not finish within 1s",
        ),
        (
            "api_key command prints nothing",
            format!("[profiles.c]\n{GOOD}api_key = {{ command = \"true\" }}"),
            status,
            3,
            "`api_key` is empty",
        ),
        (
            "timeout type",
            format!("[profiles.c]\n{GOOD}api_key = \"k\"\ntimeout = \"slow\""),
            status,
            3,
            "`timeout` must be a number of seconds",
        ),
        (
            "timeout negative",
            format!("[profiles.c]\n{GOOD}api_key = \"k\"\ntimeout = -1"),
            status,
            3,
            "`timeout` must be a number of seconds",
        ),
        ("profile not found", format!("[profiles.x]\n{GOOD}"), status, 3, "profile `c` not found"),
        ("no profile selected", format!("[profiles.c]\n{GOOD}"), &["status", "check", "A1"], 3, "no profile selected"),
        (
            "default profile missing",
            format!("default_profile = \"gone\"\n[profiles.c]\n{GOOD}"),
            &["status", "check", "A1"],
            3,
            "profile `gone` not found",
        ),
        (
            "ca-cert missing",
            format!("[profiles.c]\n{GOOD}api_key = \"k\""),
            &["-p", "c", "--ca-cert", "/nonexistent.pem", "status", "check", "A1"],
            3,
            "cannot read --ca-cert",
        ),
        (
            "ca-cert not PEM",
            format!("[profiles.c]\n{GOOD}api_key = \"k\""),
            &["-p", "c", "--ca-cert", "/etc/hostname", "status", "check", "A1"],
            3,
            "--ca-cert",
        ),
        (
            "huge config",
            format!("[profiles.c]\n{GOOD}api_key = \"k\"\nnote = \"{}\"\n", "x".repeat(2_000_000))
                .replace("note", "= junk"),
            status,
            3,
            "larger than 1 MiB",
        ),
        ("deeply nested config", format!("x = {}1{}", "[".repeat(5000), "]".repeat(5000)), status, 3, "not valid TOML"),
    ];
    for (name, config, args, code, needle) in rows {
        env.write_config(&config);
        let r = case(&env, name, args, code, needle);
        assert!(!r.all().contains("oops"), "a secret command's stderr is not shown: {}", r.all());
    }
    let r = expect_code(&env, &["--config", "/nonexistent/paycli.toml", "config", "list"], 3);
    assert!(r.stderr.contains("cannot read config file"), "{}", r.stderr);
}
