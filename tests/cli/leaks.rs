//! Secrets never reach stdout or stderr: every command, success and failure paths, `--verbose`,
//! `--dry-run` and every output format, for every provider's profile, with distinctive secrets
//! from every kind of source (literal, env, file). Private keys are checked by 40-character
//! windows of their base64 so that a partial or re-wrapped key print is caught too.

use crate::common::*;
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};

const FORMATS: &[&str] = &["table", "json", "ndjson", "csv"];

/// The strings that must never appear, plus what describes each for the failure message.
pub struct Secrets {
    pub needles: Vec<(String, String)>,
}

impl Secrets {
    fn add(&mut self, what: &str, value: &str) {
        self.needles.push((what.to_string(), value.to_string()));
    }

    /// Every 40-char window (step 8) of the key's base64, joined and line by line.
    fn add_key(&mut self, what: &str, pem: &str) {
        let lines: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let joined: String = lines.concat();
        let mut texts = vec![joined];
        texts.extend(lines.iter().map(|l| l.to_string()));
        for t in texts {
            let mut i = 0;
            while i + 40 <= t.len() {
                self.add(&format!("{what} (base64 at {i})"), &t[i..i + 40]);
                i += 8;
            }
        }
    }

    pub fn assert_absent(&self, args: &[String], r: &Run) {
        let all = r.all();
        for (what, needle) in &self.needles {
            assert!(!all.contains(needle.as_str()), "{what} leaked by paycli {args:?}:\n{all}");
        }
        assert!(!all.contains("panicked"), "paycli {args:?} panicked:\n{all}");
    }
}

fn private_key_pem(env: &TestEnv) -> String {
    let path = env.path("leak-test.pem");
    sh(&format!("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {} 2>/dev/null", path.display()));
    std::fs::read_to_string(path).unwrap()
}

/// A distinctive value that still has the shape a provider may require: a Fernet key for
/// `webhook_secret` (32 bytes, base64url), letters and digits otherwise.
fn distinctive(key: &str, provider: &str) -> String {
    if key == "webhook_secret" {
        // printf 'LEAK-webhook-secret-0123456789ab' | base64 | tr '+/' '-_'
        return "TEVBSy13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5YWI=".into();
    }
    format!("ZZLEAK{}{}7f3a9c", provider.to_ascii_uppercase(), key.replace('_', "").to_ascii_uppercase())
}

/// One profile per provider in the registry, copied from its built-in profile with every secret
/// replaced by a distinctive one, alternating literal, env and file sources.
pub fn leaky_config(
    env: &TestEnv,
    base_url: &str,
    secrets: &mut Secrets,
) -> (String, Vec<(String, String)>, Vec<String>) {
    let pem = private_key_pem(env);
    let key_file = env.path("leak-test.pem");
    let mut vars = Vec::new();
    let mut config = String::new();
    let mut profiles = Vec::new();
    let list = expect_code(env, &["-o", "json", "config", "list"], 0).json();
    for p in list.as_array().unwrap().iter().filter(|p| p["source"] == "builtin") {
        let builtin = p["name"].as_str().unwrap();
        let shown = expect_code(env, &["-o", "json", "config", "show", builtin], 0).json();
        let provider = shown["provider"].as_str().unwrap().to_string();
        let name = format!("leak-{provider}");
        let mut table = toml::Table::new();
        for (n, (k, v)) in shown.as_object().unwrap().iter().filter(|(k, _)| *k != "name").enumerate() {
            let value: toml::Value = match v {
                Value::String(s) if s == "<redacted>" && k.contains("private_key") => {
                    secrets.add_key(&format!("{provider} {k}"), &pem);
                    toml::Value::Table(toml::toml! { file = (key_file.display().to_string()) })
                }
                Value::String(s) if s == "<redacted>" => {
                    let secret = distinctive(k, &provider);
                    secrets.add(&format!("{provider} {k}"), &secret);
                    if n % 2 == 0 {
                        secret.into()
                    } else {
                        let var = format!("PAYCLI_LEAK_{}_{}", provider.to_ascii_uppercase(), k.to_ascii_uppercase());
                        vars.push((var.clone(), secret));
                        toml::Value::Table(toml::toml! { env = var })
                    }
                }
                Value::String(s) => s.replace(&env_sandbox(env), base_url).into(),
                other => toml::Value::try_from(other).unwrap(),
            };
            table.insert(k.clone(), value);
        }
        let mut doc = toml::Table::new();
        let mut profiles_table = toml::Table::new();
        profiles_table.insert(name.clone(), table.into());
        doc.insert("profiles".into(), profiles_table.into());
        config.push_str(&toml::to_string(&doc).unwrap());
        profiles.push(name);
    }
    (config, vars, profiles)
}

fn env_sandbox(env: &TestEnv) -> String {
    env.sandbox_url.clone().unwrap()
}

/// A provider that refuses, breaks or answers nonsense, in turn.
fn hostile_server() -> FaultServer {
    let answers = [
        http_response(401, "application/json", r#"{"code":401,"msg":"Sign_verify_error","message":"Unauthorized"}"#),
        http_response(200, "text/html", "<html>login</html>"),
        http_response(200, "application/json", r#"{"code":200,"msg":"SUCCESS","data":{"orderStatus":"SUCCESS"}}"#),
    ];
    let n = AtomicUsize::new(0);
    FaultServer::start(move |_, _| Fault::Respond(answers[n.fetch_add(1, Ordering::SeqCst) % answers.len()].clone()))
}

pub fn run_all(env: &TestEnv, secrets: &Secrets, vars: &[(String, String)], runs: &[Vec<String>]) {
    for args in runs {
        let mut cmd = env.cmd();
        cmd.args(args);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        secrets.assert_absent(args, &run(cmd));
    }
}

pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn no_secret_of_any_provider_reaches_output() {
    let server = hostile_server();
    let env = TestEnv { sandbox_url: Some(server.url.clone()), ..TestEnv::new() };
    let mut secrets = Secrets { needles: Vec::new() };
    let (config, vars, profiles) = leaky_config(&env, &server.url, &mut secrets);
    env.write_config(&config);
    let ids = env.path("ids.txt");
    std::fs::write(&ids, "A1\nB2\n").unwrap();
    let capture = env.path("junk.http");
    std::fs::write(
        &capture,
        "POST /hooks HTTP/1.1\r\nSign: 00\r\nSignature: 00\r\nX-Signature: 00\r\nAuthorization: Bearer 00\r\n\r\n{\"mchOrderNo\":\"A1\",\"order_id\":\"A1\",\"status\":\"SUCCESS\"}",
    )
    .unwrap();
    let (ids, capture) = (ids.display().to_string(), capture.display().to_string());
    let mut runs = Vec::new();
    for p in &profiles {
        runs.push(strings(&["-p", p, "-o", "json", "config", "show"]));
        runs.push(strings(&["-p", p, "-v", "doctor"]));
        for fmt in FORMATS {
            for amount in ["150000", "50.00", "20"] {
                let base = ["-p", p, "-o", fmt, "checkout", "create", "--amount", amount, "--customer-name", "Budi"];
                runs.push(strings(&[&base[..], &["-v"]].concat()));
                runs.push(strings(&[&base[..], &["-v", "--dry-run"]].concat()));
            }
            runs.push(strings(&["-p", p, "-o", fmt, "-v", "status", "check", "A1"]));
            runs.push(strings(&["-p", p, "-o", fmt, "-v", "status", "check", "A1", "--dry-run"]));
            runs.push(strings(&["-p", p, "-o", fmt, "-v", "status", "check", "--from", &ids]));
            runs.push(strings(&["-p", p, "-o", fmt, "-v", "callback", "verify", &capture]));
            runs.push(strings(&["-p", p, "-o", fmt, "-v", "callback", "verify", "--requery", &capture]));
        }
    }
    assert!(profiles.contains(&"leak-cashy".to_string()), "{profiles:?}");
    run_all(&env, &secrets, &vars, &runs);
    // A broken secret source: the error names the place, never another secret.
    let mut cmd = env.cmd();
    cmd.args(["-p", "leak-cashy", "status", "check", "A1"]);
    secrets.assert_absent(&strings(&["(env vars unset)"]), &run(cmd));
}

/// Cashy's success paths, with a distinctive key: a genuine callback signed with it (md5sum) and
/// canned successful answers.
#[test]
fn cashy_success_paths_do_not_leak_the_key() {
    let key = "ZZ-SECRET-7f3a9c-ZZ";
    let body = r#"{"amount":20000.0,"mchOrderNo":"A1","orderNo":"P1","orderStatus":"SUCCESS"}"#;
    let sign = sh(&format!("printf '%s%s' '{body}' '{key}' | md5sum | cut -d' ' -f1")).trim().to_uppercase();
    let server = FaultServer::start(move |_, req| {
        let text = if req.starts_with(b"POST /api/payDesk ") {
            r#"{"code":200,"msg":"SUCCESS","data":{"mchOrderNo":"A1","orderNo":"P1","payDeskUrl":"https://p.example/P1","amount":"20000"}}"#
        } else {
            r#"{"code":200,"msg":"SUCCESS","data":{"mchOrderNo":"A1","orderNo":"P1","amount":20000.0,"orderStatus":"SUCCESS"}}"#
        };
        Fault::Respond(http_response(200, "application/json", text))
    });
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.s]\nprovider = \"cashy\"\nbase_url = \"{}\"\nmerchant_id = \"1\"\napi_key = \"{key}\"\nnotify_url = \"https://s.example/h\"\n",
        server.url
    ));
    let capture = env.path("good.http");
    std::fs::write(&capture, format!("POST /h HTTP/1.1\r\nSign: {sign}\r\n\r\n{body}")).unwrap();
    let capture = capture.display().to_string();
    let secrets = Secrets { needles: vec![("cashy api_key".into(), key.into())] };
    let verified = expect_code(&env, &["-p", "s", "-o", "json", "callback", "verify", "--requery", &capture], 0);
    assert_eq!(verified.json()["verified"], true, "the success path really ran");
    let mut runs = Vec::new();
    for fmt in FORMATS {
        for extra in [&[][..], &["-v"][..]] {
            let base = |a: &[&str]| strings(&[&["-p", "s", "-o", fmt][..], extra, a].concat());
            runs.push(base(&["checkout", "create", "--amount", "20000", "--customer-name", "A"]));
            runs.push(base(&["checkout", "create", "--amount", "20000", "--customer-name", "A", "--dry-run"]));
            runs.push(base(&["status", "check", "A1", "--expect", "paid"]));
            runs.push(base(&["callback", "verify", "--requery", &capture]));
            runs.push(base(&["doctor"]));
        }
    }
    run_all(&env, &secrets, &[], &runs);
}

/// A server (or a proxy in front of it) that answers every request with an error page and a JSON
/// error reflecting the request's headers and body, plus every secret value it knows and the
/// private key, in the body and in response headers. paycli's scrubber must keep all of it off
/// stdout and stderr, in every output mode and with `--verbose`.
pub fn reflecting_server(known: std::sync::Arc<std::sync::Mutex<Vec<String>>>) -> FaultServer {
    let n = AtomicUsize::new(0);
    FaultServer::start(move |_, req| {
        let request = String::from_utf8_lossy(req).into_owned();
        let known_list = known.lock().unwrap().clone();
        let known = known_list.join("\n");
        let reflected = format!("{request}\n{known}");
        let mut headers = String::new();
        for (i, line) in request.lines().take_while(|l| !l.is_empty()).skip(1).enumerate() {
            headers.push_str(&format!("X-Reflected-{i}: {line}\r\n"));
        }
        // Single-line secrets as headers; the key (one PEM block) only in the body, where it is whole.
        let single: Vec<String> = known_list.iter().filter(|v| !v.contains('\n')).cloned().collect();
        for (i, value) in single.iter().enumerate() {
            headers.push_str(&format!("X-Known-{i}: {value}\r\n"));
        }
        let (status, ctype, body) = match n.fetch_add(1, Ordering::SeqCst) % 3 {
            0 => (401, "text/html", format!("<html><body><h1>401</h1><pre>{reflected}</pre></body></html>")),
            1 => {
                let text = serde_json::to_string(&reflected).unwrap();
                (400, "application/json", format!(r#"{{"code":400,"msg":{text},"message":{text},"error":{text}}}"#))
            }
            _ => {
                let text = serde_json::to_string(&reflected).unwrap();
                (
                    200,
                    "application/json",
                    format!(r#"{{"code":200,"msg":"SUCCESS","data":{{"orderStatus":{text},"status":{text}}}}}"#),
                )
            }
        };
        Fault::Respond(
            format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        )
    })
}

#[test]
fn reflected_secrets_never_reach_output() {
    let known = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let server = reflecting_server(known.clone());
    let env = TestEnv { sandbox_url: Some(server.url.clone()), ..TestEnv::new() };
    let mut secrets = Secrets { needles: Vec::new() };
    let (config, vars, profiles) = leaky_config(&env, &server.url, &mut secrets);
    env.write_config(&config);
    let pem = std::fs::read_to_string(env.path("leak-test.pem")).unwrap();
    for p in &profiles {
        // The server knows this profile's secrets (as the provider does) and a private key.
        let provider = p.trim_start_matches("leak-");
        let own: Vec<String> = secrets
            .needles
            .iter()
            .filter(|(what, _)| what.starts_with(&format!("{provider} ")) && !what.contains("(base64 at"))
            .map(|(_, v)| v.clone())
            .collect();
        assert!(!own.is_empty() || provider == "zenospay", "{p} has secret values");
        *known.lock().unwrap() = [own, vec![pem.clone()]].concat();
        let mut runs = vec![strings(&["-p", p, "-v", "doctor"])];
        for fmt in FORMATS {
            for extra in [&[][..], &["-v"][..]] {
                let base = |a: &[&str]| strings(&[&["-p", p, "-o", fmt, "--timeout", "5"][..], extra, a].concat());
                runs.push(base(&["checkout", "create", "--amount", "150000", "--customer-name", "Budi"]));
                runs.push(base(&["checkout", "create", "--amount", "20"]));
                runs.push(base(&["status", "check", "A1", "--retries", "0"]));
                runs.push(base(&["status", "check", "A1", "B2", "--retries", "0"]));
            }
        }
        run_all(&env, &secrets, &vars, &runs);
    }
    assert!(server.hits.load(Ordering::SeqCst) > profiles.len() * 8, "the requests reached the reflecting server");
}
