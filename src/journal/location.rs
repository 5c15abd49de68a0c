//! Where the journal lives: an SQLite file, or a PostgreSQL database named by a URL that may carry
//! a password. The URL is a `Secret`; what is ever shown is `shown`, with the password redacted.

use crate::error::{Error, Result};
use crate::secret::{REDACTED, Secret};
use std::fmt;
use std::path::PathBuf;

#[derive(Clone, PartialEq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(PgTarget),
}

/// A PostgreSQL journal: the connection URL and what TLS needs besides it.
#[derive(Clone, PartialEq)]
pub struct PgTarget {
    /// The URL as tokio-postgres reads it (`sslmode=verify-*` mapped to `require`, `sslrootcert`
    /// taken out).
    pub url: Secret,
    /// The URL as given, password redacted: the only form ever printed.
    pub shown: String,
    /// The password, to scrub from any message a driver or server might echo it in.
    pub password: Option<Secret>,
    /// CA certificates to trust on top of the system's (`sslrootcert=` in the URL, `--ca-cert`).
    pub ca_certs: Vec<PathBuf>,
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown())
    }
}

impl Location {
    /// `postgres://...` or `postgresql://...` is PostgreSQL; anything else is an SQLite file path
    /// (`~` expands). `ca_cert` is `--ca-cert`, also trusted for the database's certificate.
    pub fn parse(text: &str, ca_cert: Option<&PathBuf>) -> Result<Location> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::config("the journal setting is empty")
                .with_hint("give a postgres:// URL or an SQLite file path, or remove the setting"));
        }
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            return Ok(Location::Postgres(PgTarget::parse(text, ca_cert)?));
        }
        if lower.contains("://") {
            return Err(Error::config(format!(
                "the journal setting {:?} is neither a postgres:// URL nor a file path",
                redact_url(text)
            )));
        }
        Ok(Location::Sqlite(crate::config::expand_path(text, None)))
    }

    /// What may be printed: a path, or the URL with its password redacted.
    pub fn shown(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(t) => t.shown.clone(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Location::Sqlite(_) => "sqlite",
            Location::Postgres(_) => "postgresql",
        }
    }

    /// Removes the password from a message about this journal.
    pub fn scrub(&self, message: &str) -> String {
        match self {
            Location::Postgres(PgTarget { password: Some(p), .. }) if !p.expose().is_empty() => {
                message.replace(p.expose(), REDACTED)
            }
            _ => message.to_string(),
        }
    }
}

impl PgTarget {
    fn parse(text: &str, ca_cert: Option<&PathBuf>) -> Result<PgTarget> {
        // The scheme is case-insensitive; tokio-postgres only reads it in lower case.
        let scheme_end = text.find("://").map_or(0, |i| i + 3);
        let text = &format!("{}{}", text[..scheme_end].to_ascii_lowercase(), &text[scheme_end..]);
        let shown = redact_url(text);
        let password = password_of(text).map(Secret::new);
        let (base, query) = text.split_once('?').unwrap_or((text, ""));
        let mut kept = Vec::new();
        let mut ca_certs: Vec<PathBuf> = ca_cert.into_iter().cloned().collect();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match (key, value) {
                // paycli always checks the server's certificate and name: these ask for no less.
                ("sslmode", "verify-ca" | "verify-full") => kept.push("sslmode=require".to_string()),
                ("sslmode", "allow") => kept.push("sslmode=prefer".to_string()),
                ("sslrootcert", path) => ca_certs.push(crate::config::expand_path(&percent_decode(path), None)),
                _ => kept.push(pair.to_string()),
            }
        }
        let url = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
        let config: std::result::Result<tokio_postgres::Config, _> = url.parse();
        if let Err(e) = config {
            let message = match &password {
                Some(p) => e.to_string().replace(p.expose(), REDACTED),
                None => e.to_string(),
            };
            return Err(Error::config(format!("the journal URL {shown} is not valid: {message}"))
                .with_hint("the form is postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=require"));
        }
        Ok(PgTarget { url: Secret::new(url), shown, password, ca_certs })
    }
}

/// `postgres://user:secret@host/db?password=x` → `postgres://user:<redacted>@host/db?password=<redacted>`.
pub fn redact_url(text: &str) -> String {
    let Some(scheme_end) = text.find("://").map(|i| i + 3) else { return text.to_string() };
    let (scheme, rest) = text.split_at(scheme_end);
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:{REDACTED}@{host}"),
            None => format!("{userinfo}@{host}"),
        },
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}={REDACTED}"),
                    _ => pair.to_string(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}{authority}{tail}")
}

/// The password in a URL's user info or `password=` parameter, decoded.
fn password_of(text: &str) -> Option<String> {
    let rest = &text[text.find("://")? + 3..];
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    let from_userinfo = authority.rsplit_once('@').and_then(|(u, _)| u.split_once(':')).map(|(_, p)| p.to_string());
    let from_query = text.split_once('?').and_then(|(_, q)| {
        q.split('&').find_map(|pair| pair.split_once('=').filter(|(k, _)| k.eq_ignore_ascii_case("password")))
    });
    from_userinfo.or(from_query.map(|(_, v)| v.to_string())).map(|p| percent_decode(&p)).filter(|p| !p.is_empty())
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_select_postgres_and_paths_sqlite() {
        assert!(matches!(Location::parse("postgres://u@h/db", None).unwrap(), Location::Postgres(_)));
        assert!(matches!(Location::parse("PostgreSQL://u@h/db", None).unwrap(), Location::Postgres(_)));
        assert_eq!(Location::parse("/tmp/j.sqlite3", None).unwrap(), Location::Sqlite("/tmp/j.sqlite3".into()));
        assert!(Location::parse("mysql://u:pw@h/db", None).unwrap_err().message.contains("<redacted>"));
        assert!(Location::parse("  ", None).is_err());
    }

    #[test]
    fn the_password_is_never_shown() {
        let l = Location::parse("postgres://paycli:s3cr%40t@db.example:5432/pay?sslmode=require", None).unwrap();
        assert_eq!(l.shown(), "postgres://paycli:<redacted>@db.example:5432/pay?sslmode=require");
        assert_eq!(format!("{l} {l:?}").matches("s3cr").count(), 0);
        assert_eq!(l.scrub("auth failed for s3cr@t"), "auth failed for <redacted>");
        let q = Location::parse("postgres://h/db?user=u&password=hunter2", None).unwrap();
        assert_eq!(q.shown(), "postgres://h/db?user=u&password=<redacted>");
        assert_eq!(q.scrub("x hunter2 y"), "x <redacted> y");
        let bad = Location::parse("postgres://u:hunter2@h/db?sslmode=bogus", None).unwrap_err();
        assert!(!bad.message.contains("hunter2"), "{}", bad.message);
    }

    #[test]
    fn verify_modes_mean_require_and_sslrootcert_is_a_ca() {
        let Location::Postgres(t) =
            Location::parse("postgres://u:p@h/db?sslmode=verify-full&sslrootcert=/ca.pem", None).unwrap()
        else {
            panic!("not postgres")
        };
        assert_eq!(t.url.expose(), "postgres://u:p@h/db?sslmode=require");
        assert_eq!(t.ca_certs, [PathBuf::from("/ca.pem")]);
    }
}
