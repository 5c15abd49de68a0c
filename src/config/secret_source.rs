//! Where a secret comes from (`"literal"`, `{ env }`, `{ file }`, `{ command }`), resolved lazily.

use crate::error::{Error, Result};
use crate::secret::Secret;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A `command` secret that has not answered by then is killed: cron must never hang on it.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);
/// Overrides `COMMAND_TIMEOUT` (seconds, may be fractional), e.g. for a slow password manager.
pub const COMMAND_TIMEOUT_ENV: &str = "PAYCLI_SECRET_COMMAND_TIMEOUT";

fn command_timeout() -> Duration {
    std::env::var(COMMAND_TIMEOUT_ENV).ok().and_then(|v| crate::values::seconds(&v).ok()).unwrap_or(COMMAND_TIMEOUT)
}

#[derive(Debug, Clone)]
pub enum SecretSource {
    Literal(Secret),
    Env(String),
    File(PathBuf),
    Command(String),
}

impl SecretSource {
    pub fn from_toml(value: &toml::Value, profile: &str, key: &str, base: Option<&Path>) -> Result<Self> {
        Self::from_toml_at(value, &format!("profile `{profile}`: `{key}`"), base)
    }

    /// Like `from_toml`, for a setting outside the profiles; `place` names it in errors.
    pub fn from_toml_at(value: &toml::Value, place: &str, base: Option<&Path>) -> Result<Self> {
        let bad = || {
            Error::config(format!(
                "{place} must be a string or one of {{ env = \"NAME\" }}, {{ file = \"PATH\" }}, {{ command = \"...\" }}"
            ))
        };
        match value {
            toml::Value::String(s) => Ok(SecretSource::Literal(Secret::new(s.clone()))),
            toml::Value::Table(t) if t.len() == 1 => {
                let (kind, v) = t.iter().next().expect("one entry");
                let v = v.as_str().ok_or_else(bad)?;
                match kind.as_str() {
                    "env" => Ok(SecretSource::Env(v.to_string())),
                    "file" => Ok(SecretSource::File(super::expand_path(v, base))),
                    "command" => Ok(SecretSource::Command(v.to_string())),
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }

    /// Reads the value. Errors name the profile key and the source, never the value.
    pub fn resolve(&self, profile: &str, key: &str) -> Result<Secret> {
        self.resolve_at(&format!("profile `{profile}`: `{key}`"), key)
    }

    /// Like `resolve`, for a setting outside the profiles; `place` names it in errors.
    pub fn resolve_at(&self, place: &str, key: &str) -> Result<Secret> {
        let value = match self {
            SecretSource::Literal(s) => {
                crate::secret::register(s.expose());
                return Ok(s.clone());
            }
            SecretSource::Env(name) => std::env::var(name).map_err(|_| {
                Error::config(format!("{place}: environment variable {name} is not set"))
                    .with_hint(format!("export {name}=... or change `{key}` in the config file"))
            })?,
            SecretSource::File(path) => {
                crate::bounded::read_text_file(path, crate::bounded::SECRET_BYTES).map_err(|e| {
                    Error::config(format!("{place}: cannot read {}: {e}", path.display())).with_hint(
                        "check the path and its permissions (~ is expanded, relative paths start at the config file's folder)",
                    )
                })?
            }
            SecretSource::Command(cmd) => run_command(cmd, place)?,
        };
        let trimmed = crate::bounded::strip_bom(value.trim()).trim();
        if trimmed.is_empty() {
            return Err(Error::config(format!("{place} is empty")));
        }
        crate::secret::register(trimmed);
        Ok(Secret::new(trimmed))
    }
}

/// Runs a `{ command = ... }` secret in a process group of its own. It gets `COMMAND_TIMEOUT`
/// (or `PAYCLI_SECRET_COMMAND_TIMEOUT`) to finish and at most 64 KiB of output; past either, the
/// whole group is killed and paycli stops waiting, also for a pipe that a background child of
/// the command still holds open (`sleep 30 & echo key`). Leftover children are killed too.
fn run_command(cmd: &str, place: &str) -> Result<String> {
    use std::os::unix::process::CommandExt;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| Error::config(format!("{place}: cannot start the command: {e}")))?;
    let group = child.id();
    let stdout = child.stdout.take().ok_or_else(|| Error::internal("the command's stdout is not piped"))?;
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    // The reader is never joined: a pipe held open by a leftover child must not hold paycli.
    std::thread::spawn(move || {
        let mut stdout = stdout;
        let mut chunk = [0u8; 8192];
        while let Ok(n) = stdout.read(&mut chunk) {
            if n == 0 || tx.send(chunk[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + command_timeout();
    let cap = crate::bounded::SECRET_BYTES as usize;
    let mut out = Vec::new();
    let mut exited = None;
    let mut eof = false;
    let stop = |child: &mut std::process::Child| {
        kill_group(group);
        let _ = child.wait();
    };
    // Wait for the exit, then for the rest of the output: EOF, or a moment when a leftover child
    // keeps the pipe open.
    let mut grace_until = None;
    loop {
        if exited.is_none() {
            exited = child.try_wait()?;
            if exited.is_some() {
                grace_until = Some((Instant::now() + Duration::from_millis(200)).min(deadline));
            }
        }
        if eof || grace_until.is_some_and(|g| Instant::now() >= g) {
            break;
        }
        if Instant::now() >= deadline {
            stop(&mut child);
            return Err(Error::config(format!(
                "{place}: the command did not finish within {}s and was stopped",
                command_timeout().as_secs_f64()
            ))
            .with_hint(format!(
                "run the command by hand to see why it hangs (does it prompt for input?); {COMMAND_TIMEOUT_ENV} sets the limit"
            )));
        }
        match rx.recv_timeout(Duration::from_millis(5)) {
            Ok(chunk) => {
                out.extend_from_slice(&chunk);
                if out.len() > cap {
                    stop(&mut child);
                    return Err(Error::config(format!(
                        "{place}: the command printed more than {}; a secret is one line",
                        crate::bounded::human_bytes(cap as u64)
                    ))
                    .with_hint("the command must print the secret alone (e.g. `pass show NAME`)"));
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => eof = true,
        }
    }
    // Whatever the command left running in its group is not paycli's business to keep alive.
    kill_group(group);
    let status = match exited {
        Some(s) => s,
        None => child.wait()?,
    };
    if !status.success() {
        return Err(Error::config(format!("{place}: the command failed ({status})"))
            .with_hint("run the command by hand to see its error"));
    }
    let text = String::from_utf8_lossy(&out);
    Ok(text.lines().next().unwrap_or("").to_string())
}

/// SIGKILL to a whole process group; a group that is gone already is fine.
fn kill_group(group: u32) {
    if let Ok(pgid) = i32::try_from(group) {
        // SAFETY: killpg has no memory effects; the group id is our own child's.
        unsafe {
            libc::killpg(pgid, libc::SIGKILL);
        }
    }
}

/// A secret setting of one profile that is read on first use, at most once.
#[derive(Debug)]
pub struct LazySecret {
    profile: String,
    key: String,
    source: Option<SecretSource>,
    cell: OnceLock<Result<Secret>>,
}

impl LazySecret {
    pub fn new(profile: &str, key: &str, source: Option<SecretSource>) -> Self {
        LazySecret { profile: profile.into(), key: key.into(), source, cell: OnceLock::new() }
    }

    pub fn is_set(&self) -> bool {
        self.source.is_some()
    }

    pub fn get(&self) -> Result<Secret> {
        self.cell
            .get_or_init(|| match &self.source {
                Some(src) => src.resolve(&self.profile, &self.key),
                None => {
                    Err(Error::config(format!("profile `{}` has no `{}`", self.profile, self.key)).with_hint(format!(
                        "add {} = {{ env = \"NAME\" }} (or a file or command) under [profiles.{}]",
                        self.key, self.profile
                    )))
                }
            })
            .clone()
    }
}

/// A key setting (RSA private or public), read and parsed on first use, at most once per run.
/// Errors never contain key material.
#[derive(Debug)]
pub struct LazyKey<K> {
    secret: LazySecret,
    /// What to check when the key does not parse (provider-specific advice).
    hint: &'static str,
    parse: fn(&str) -> std::result::Result<K, &'static str>,
    cell: OnceLock<Result<K>>,
}

pub type LazyPrivateKey = LazyKey<crate::crypto::PrivateKey>;
pub type LazyPublicKey = LazyKey<crate::crypto::PublicKey>;

impl<K> LazyKey<K> {
    pub fn new(
        secret: LazySecret,
        hint: &'static str,
        parse: fn(&str) -> std::result::Result<K, &'static str>,
    ) -> Self {
        LazyKey { secret, hint, parse, cell: OnceLock::new() }
    }

    pub fn is_set(&self) -> bool {
        self.secret.is_set()
    }

    pub fn get(&self) -> Result<&K> {
        self.cell
            .get_or_init(|| {
                let text = self.secret.get()?;
                (self.parse)(text.expose()).map_err(|why| {
                    Error::config(format!("profile `{}`: `{}` is {why}", self.secret.profile, self.secret.key))
                        .with_hint(self.hint)
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(toml_text: &str) -> Result<SecretSource> {
        let t: toml::Table = toml_text.parse().unwrap();
        SecretSource::from_toml(&t["k"], "p", "k", Some(Path::new("/base")))
    }

    #[test]
    fn literal_env_file_command() {
        assert_eq!(src("k = \"lit\"").unwrap().resolve("p", "k").unwrap().expose(), "lit");
        // SAFETY: single-threaded use of a variable name no other test touches.
        unsafe { std::env::set_var("PAYCLI_TEST_SECRET_XYZ", "from-env\n") };
        assert_eq!(
            src("k = { env = \"PAYCLI_TEST_SECRET_XYZ\" }").unwrap().resolve("p", "k").unwrap().expose(),
            "from-env"
        );
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("s.txt");
        std::fs::write(&f, "from-file\n").unwrap();
        let toml_text = format!("k = {{ file = \"{}\" }}", f.display());
        assert_eq!(src(&toml_text).unwrap().resolve("p", "k").unwrap().expose(), "from-file");
        assert_eq!(
            src("k = { command = \"printf 'first\\\\nsecond'\" }").unwrap().resolve("p", "k").unwrap().expose(),
            "first"
        );
        match src("k = { file = \"rel.pem\" }").unwrap() {
            SecretSource::File(p) => assert_eq!(p, PathBuf::from("/base/rel.pem")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn failures_name_the_place_not_the_value() {
        let e = src("k = { env = \"PAYCLI_DEFINITELY_UNSET\" }").unwrap().resolve("p", "k").unwrap_err();
        assert!(e.message.contains("PAYCLI_DEFINITELY_UNSET"));
        let e = src("k = { command = \"echo leaked; exit 3\" }").unwrap().resolve("p", "k").unwrap_err();
        assert!(!e.message.contains("leaked"));
        assert!(src("k = { nope = \"x\" }").is_err());
        assert!(src("k = 5").is_err());
        assert!(src("k = { env = \"A\", file = \"B\" }").is_err());
    }

    #[test]
    fn commands_are_bounded_in_time_and_output() {
        let started = Instant::now();
        // The shell exits at once, but a background child keeps the pipe open for 30 s.
        let v = src("k = { command = \"sleep 30 & echo bg-key\" }").unwrap().resolve("p", "k").unwrap();
        assert_eq!(v.expose(), "bg-key");
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        let e = src("k = { command = \"yes\" }").unwrap().resolve("p", "k").unwrap_err();
        assert!(e.message.contains("more than 64 KiB"), "{}", e.message);
        assert!(started.elapsed() < Duration::from_secs(8), "{:?}", started.elapsed());
    }

    #[test]
    fn secret_files_are_capped_and_lose_their_bom() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("s.txt");
        std::fs::write(&f, "\u{feff}bom-key\n").unwrap();
        assert_eq!(SecretSource::File(f.clone()).resolve("p", "k").unwrap().expose(), "bom-key");
        let e = SecretSource::File("/dev/zero".into()).resolve("p", "k").unwrap_err();
        assert!(e.message.contains("larger than 64 KiB"), "{}", e.message);
    }

    #[test]
    fn lazy_secret_reports_missing_setting() {
        let lazy = LazySecret::new("p", "api_key", None);
        assert!(!lazy.is_set());
        assert!(lazy.get().unwrap_err().message.contains("has no `api_key`"));
    }
}
