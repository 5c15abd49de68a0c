//! Shared helpers: an isolated environment for the real `paycli` binary, a real `paycli sandbox`
//! process on a free loopback port, and a small fault server for network failures.

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_paycli");

/// A private HOME, config and data directory, so tests never see the developer's files.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub sandbox_url: Option<String>,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv { dir: tempfile::tempdir().expect("tempdir"), sandbox_url: None }
    }

    pub fn with_sandbox(sandbox: &SandboxProc) -> Self {
        TestEnv { sandbox_url: Some(sandbox.url.clone()), ..TestEnv::new() }
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config/paycli/config.toml")
    }

    /// Writes the config file with owner-only permissions.
    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.config_path();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        set_mode(&path, 0o600);
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary in this environment, for processes that run in the background.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(BIN);
        let home = self.dir.path();
        cmd.env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("PAYCLI_DATA_DIR", home.join("data/paycli"))
            .env("PAYCLI_SANDBOX_URL", self.sandbox_url.as_deref().unwrap_or("http://127.0.0.1:9"))
            .stdin(Stdio::null());
        for var in [
            "PAYCLI_PROFILE",
            "PAYCLI_CONFIG",
            "PAYCLI_OUTPUT",
            "NO_COLOR",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "http_proxy",
            "https_proxy",
            "ALL_PROXY",
        ] {
            cmd.env_remove(var);
        }
        cmd
    }

    /// The binary in this environment, run to completion (at most a minute).
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::from_std(self.std_cmd());
        cmd.timeout(Duration::from_secs(60));
        cmd
    }
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// What one run printed, with its exit code.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

pub fn run(mut cmd: Command) -> Run {
    let out = cmd.output().expect("paycli runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// One run with what it cost: wall time and the peak resident memory of the paycli process.
pub struct Measured {
    pub run: Run,
    pub elapsed: Duration,
    pub max_rss_kib: i64,
}

/// Runs `cmd` (stdout and stderr captured) and measures it with `wait4`, which reports the peak
/// RSS of exactly this child. A run still going after `limit` is killed (its code is then -1).
pub fn run_measured(mut cmd: std::process::Command, limit: Duration) -> Measured {
    use std::sync::atomic::AtomicBool;
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let started = std::time::Instant::now();
    // Reaped below with wait4 (which also reports the child's peak memory), not Child::wait.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().expect("paycli starts");
    let pid = child.id() as i32;
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                if started.elapsed() > limit {
                    // SAFETY: signals our own child, which has not been reaped yet (done is false).
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for this pid only.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, Ordering::SeqCst);
    let elapsed = started.elapsed();
    let _ = watchdog.join();
    assert_eq!(reaped, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    let run = Run {
        code,
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    };
    Measured { run, elapsed, max_rss_kib: usage.ru_maxrss }
}

/// Runs paycli with `args` and asserts the exit code, showing the output when it differs.
pub fn expect_code(env: &TestEnv, args: &[&str], code: i32) -> Run {
    let mut cmd = env.cmd();
    cmd.args(args);
    let r = run(cmd);
    assert_eq!(r.code, code, "paycli {args:?}\nstdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("panicked"), "panic in paycli {args:?}: {}", r.stderr);
    r
}

/// A real `paycli sandbox` process on a free port; killed when dropped.
pub struct SandboxProc {
    pub url: String,
    child: Child,
}

impl SandboxProc {
    pub fn start(extra: &[&str]) -> Self {
        let mut child = std::process::Command::new(BIN)
            .args(["sandbox", "--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sandbox starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines.next().expect("sandbox prints its address").unwrap();
        let url = first.rsplit(' ').next().unwrap().to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "unexpected sandbox banner: {first}");
        // Keep draining stderr so the sandbox never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        SandboxProc { url, child }
    }

    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn get_json(&self, path: &str) -> Value {
        let body = http_get(&format!("{}{path}", self.url)).1;
        serde_json::from_str(&body).unwrap()
    }
}

impl Drop for SandboxProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

pub fn http_get(url: &str) -> (u16, String) {
    let mut resp = agent().get(url).call().expect("GET");
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_string().unwrap_or_default())
}

pub fn http_post(url: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    let mut req = agent().post(url);
    for (n, v) in headers {
        req = req.header(*n, *v);
    }
    let mut resp = req.send(body).expect("POST");
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_string().unwrap_or_default())
}

/// Opens a hosted checkout page and submits its pay form with the first channel, as a shopper would.
pub fn pay(checkout_url: &str) {
    let (status, html) = http_get(checkout_url);
    assert_eq!(status, 200, "checkout page {checkout_url}");
    let action = html
        .split("action=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|a| a.ends_with("/pay"))
        .unwrap_or_else(|| panic!("no pay form on {checkout_url}:\n{html}"));
    let channel = html.split("name=\"channel\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
    let base = checkout_url.split('/').take(3).collect::<Vec<_>>().join("/");
    let (status, _) = http_post(
        &format!("{base}{action}"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        format!("channel={channel}").as_bytes(),
    );
    assert!(status < 400, "paying answered {status}");
}

/// How the fault server treats each connection.
#[derive(Clone)]
pub enum Fault {
    /// Read the request, then never answer.
    Hang,
    /// Read the request and close the connection without a word.
    Reset,
    /// Answer with this raw HTTP response.
    Respond(Vec<u8>),
}

/// A tiny HTTP server on 127.0.0.1 that misbehaves on purpose.
pub struct FaultServer {
    pub url: String,
    pub hits: Arc<AtomicUsize>,
}

impl FaultServer {
    /// `plan(n, request)` decides the fate of the n-th connection (0-based) from its request bytes.
    pub fn start(plan: impl Fn(usize, &[u8]) -> Fault + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicUsize::new(0));
        let counter = hits.clone();
        let plan = Arc::new(plan);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let n = counter.fetch_add(1, Ordering::SeqCst);
                let plan = plan.clone();
                std::thread::spawn(move || {
                    let request = read_request(&mut stream);
                    match plan(n, &request) {
                        Fault::Hang => std::thread::sleep(Duration::from_secs(30)),
                        Fault::Reset => drop(stream),
                        Fault::Respond(bytes) => {
                            let _ = stream.write_all(&bytes);
                        }
                    }
                });
            }
        });
        FaultServer { url, hits }
    }

    pub fn always(fault: Fault) -> Self {
        Self::start(move |_, _| fault.clone())
    }
}

pub fn http_response(status: u16, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Reads one HTTP request (headers and a Content-Length body) from a connection.
pub fn read_request(stream: &mut std::net::TcpStream) -> Vec<u8> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n) = stream.read(&mut chunk) {
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                break;
            }
        }
    }
    buf
}

/// Runs a shell pipeline (an independent tool such as md5sum or openssl) and returns stdout.
pub fn sh(script: &str) -> String {
    let out = std::process::Command::new("sh").arg("-c").arg(script).output().expect("sh runs");
    assert!(out.status.success(), "`{script}` failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// `paycli -p PROFILE -o json checkout create ARGS...`, which must succeed; returns the record.
pub fn create_checkout(env: &TestEnv, profile: &str, args: &[&str]) -> Value {
    let mut all = vec!["-p", profile, "-o", "json", "checkout", "create"];
    all.extend_from_slice(args);
    expect_code(env, &all, 0).json()
}

/// A Cashy sandbox checkout for `amount` rupiah, paid by nobody yet.
pub fn cashy_checkout(env: &TestEnv, amount: &str, extra: &[&str]) -> Value {
    let mut args = vec!["--amount", amount, "--customer-name", "Budi Santoso"];
    args.extend_from_slice(extra);
    create_checkout(env, "sandbox-cashy", &args)
}
