//! A real PostgreSQL server for tests: its own cluster (initdb + pg_ctl) in a temp directory, on a
//! free port, run as an unprivileged user when the tests run as root (CI does; PostgreSQL refuses
//! to run as root), with password (SCRAM) authentication and TLS: a private CA made with openssl
//! signs the server's certificate (for 127.0.0.1), and `url()` names that CA (`sslrootcert`), so
//! every journal test also goes through rustls' certificate checks. One cluster per test process, started on
//! first use; a watchdog stops it and removes its directory when the test process is gone.
//!
//! The server not starting is a test failure, never a skip. Binaries are looked up in
//! /usr/lib/postgresql/*/bin (newest first), then on PATH. `.ci/run` installs them when missing.
//!
//! Shared by the library's journal tests and the CLI tests (`#[path]`-included by both).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct PgCluster {
    pub port: u16,
    /// The superuser's password: tests check it never shows up in paycli's output.
    pub password: String,
    bin: PathBuf,
    dir: PathBuf,
}

static CLUSTER: OnceLock<PgCluster> = OnceLock::new();
static DATABASES: AtomicU32 = AtomicU32::new(0);

/// The test process's cluster, started on first use. Panics (fails the test) when it cannot start.
pub fn cluster() -> &'static PgCluster {
    CLUSTER.get_or_init(|| PgCluster::start().unwrap_or_else(|e| panic!("cannot start PostgreSQL for the tests: {e}")))
}

fn bin_dir() -> Result<PathBuf, String> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path().join("bin")).filter(|p| p.join("initdb").exists()).collect())
        .unwrap_or_default();
    versions.sort_by_key(|p| {
        p.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok())
    });
    if let Some(newest) = versions.pop() {
        return Ok(newest);
    }
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        if dir.join("initdb").exists() && dir.join("pg_ctl").exists() {
            // Follow a symlinked pg_ctl to the directory that also holds `postgres`.
            let real = std::fs::canonicalize(dir.join("pg_ctl")).map_err(|e| e.to_string())?;
            return Ok(real.parent().unwrap_or(&dir).to_path_buf());
        }
    }
    Err("no initdb/pg_ctl in /usr/lib/postgresql/*/bin or on PATH (apt-get install postgresql)".into())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).map(|s| s.trim() == "0").unwrap_or(false)
}

fn output(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.stdin(Stdio::null()).output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `program` run as the unprivileged user when we are root.
fn as_pg_user(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(0)
}

/// A CA and a server certificate for 127.0.0.1 it signed, made with openssl (in `dir`).
fn make_certificates(dir: &Path) -> Result<(), String> {
    let d = dir.display();
    let script = format!(
        "set -e; cd '{d}'
         openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj '/CN=paycli test CA' 2>/dev/null
         openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>/dev/null
         printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf
         openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile ext.cnf 2>/dev/null
         chmod 600 server.key"
    );
    output(Command::new("sh").args(["-c", &script])).map(|_| ())
}

impl PgCluster {
    fn start() -> Result<PgCluster, String> {
        let bin = bin_dir()?;
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let dir = std::env::temp_dir().join(format!("paycli-pg-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let password = format!("pg-pw-{:x}", nanos % 0xffff_ffff_ffff);
        std::fs::write(dir.join("pwfile"), format!("{password}\n")).map_err(|e| e.to_string())?;
        let owner = if is_root() {
            let uid: u32 = output(Command::new("id").args(["-u", "nobody"]))?.trim().parse().map_err(|_| "uid")?;
            let gid: u32 = output(Command::new("id").args(["-g", "nobody"]))?.trim().parse().map_err(|_| "gid")?;
            Some((uid, gid))
        } else {
            None
        };
        make_certificates(&dir)?;
        if let Some((uid, gid)) = owner {
            for name in ["", "pwfile", "server.key", "server.crt", "ca.crt"] {
                let p = dir.join(name);
                std::os::unix::fs::chown(&p, Some(uid), Some(gid))
                    .map_err(|e| format!("chown {}: {e}", p.display()))?;
            }
        }
        let data = dir.join("data");
        output(
            as_pg_user(&bin.join("initdb"))
                .arg("-D")
                .arg(&data)
                .args(["-U", "postgres", "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"])
                .arg(format!("--pwfile={}", dir.join("pwfile").display())),
        )?;
        // Stop the server and remove its directory once this test process has ended, however it ends.
        let watchdog = format!(
            "while [ -d /proc/{pid} ]; do sleep 0.5; done; '{ctl}' -D '{data}' stop -m immediate >/dev/null 2>&1; rm -rf '{dir}'",
            pid = std::process::id(),
            ctl = bin.join("pg_ctl").display(),
            data = data.display(),
            dir = dir.display(),
        );
        as_pg_user(Path::new("/bin/sh"))
            .args(["-c", &watchdog])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the watchdog: {e}"))?;
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let started = output(
                as_pg_user(&bin.join("pg_ctl"))
                    .arg("-D")
                    .arg(&data)
                    .arg("-l")
                    .arg(dir.join("log"))
                    .args(["-w", "-t", "60", "-o"])
                    .arg(format!(
                        "-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 \
                         -c ssl=on -c ssl_cert_file={dir}/server.crt -c ssl_key_file={dir}/server.key",
                        dir = dir.display()
                    ))
                    .arg("start"),
            );
            match started {
                Ok(_) => return Ok(PgCluster { port, password, bin, dir }),
                Err(e) => {
                    let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
                    last = format!("{e}\nserver log:\n{log}");
                }
            }
        }
        Err(last)
    }

    /// `postgres://postgres:PASSWORD@127.0.0.1:PORT/db?sslmode=require&sslrootcert=CA`: TLS,
    /// checked against the cluster's own CA.
    pub fn url(&self, db: &str) -> String {
        format!("{}?sslmode=require&sslrootcert={}", self.plain_url(db), self.ca().display())
    }

    /// The URL without TLS settings: what the server's certificate is checked against is up to
    /// the caller.
    pub fn plain_url(&self, db: &str) -> String {
        format!("postgres://postgres:{}@127.0.0.1:{}/{db}", self.password, self.port)
    }

    /// The private CA that signed the server's certificate.
    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.crt")
    }

    /// Runs SQL through psql; returns its unaligned, tuples-only output.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let started = Instant::now();
        loop {
            let out = output(Command::new(self.bin.join("psql")).arg(self.url(db)).args([
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ]));
            match out {
                Ok(text) => return text,
                Err(e) if started.elapsed() > Duration::from_secs(30) => panic!("psql: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(200)),
            }
        }
    }

    /// A fresh, empty database; returns its URL.
    pub fn new_database(&self, prefix: &str) -> String {
        let name = format!("{prefix}_{}", DATABASES.fetch_add(1, Ordering::SeqCst));
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        self.url(&name)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
