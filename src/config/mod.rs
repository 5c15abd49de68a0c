//! The TOML profile file, the built-in sandbox profiles, and secret sources.
//!
//! Config knows no provider module: which providers exist and what their built-in profiles hold
//! is handed in as a `ProviderCatalog` (made by `providers::catalog()`), so the dependency runs
//! one way, providers → config.

mod secret_source;

pub use secret_source::{LazyKey, LazyPrivateKey, LazyPublicKey, LazySecret, SecretSource};

use crate::error::{Error, Result};
use crate::settings;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const STARTER: &str = include_str!("starter.toml");
pub const DEFAULT_SANDBOX_URL: &str = "http://127.0.0.1:8787";

/// The loaded config file (possibly absent) plus the built-in profiles.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    pub file_exists: bool,
    pub default_profile: Option<String>,
    /// The top-level `journal` key: where the order journal lives (may hold a password).
    pub journal: Option<SecretSource>,
    file_profiles: BTreeMap<String, toml::Table>,
    catalog: ProviderCatalog,
}

/// What config needs to know of the providers: their ids and their built-in profiles.
#[derive(Debug, Clone, Default)]
pub struct ProviderCatalog {
    pub ids: Vec<&'static str>,
    /// `sandbox-<id>` → the profile table pointing at the sandbox.
    pub builtin_profiles: BTreeMap<String, toml::Table>,
    /// Provider id → the settings it declares (besides the common ones).
    pub settings: BTreeMap<&'static str, &'static [settings::Setting]>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileOrigin {
    File(PathBuf),
    Builtin,
}

/// One profile: which provider, where, and its provider-specific settings.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub provider: String,
    pub origin: ProfileOrigin,
    table: toml::Table,
}

pub fn default_path() -> PathBuf {
    dirs::config_dir().unwrap_or_else(|| PathBuf::from(".")).join("paycli").join("config.toml")
}

pub fn sandbox_url() -> String {
    std::env::var("PAYCLI_SANDBOX_URL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.trim_end_matches('/').to_string())
        .unwrap_or_else(|| DEFAULT_SANDBOX_URL.to_string())
}

/// `~` and `~/...` become the home directory; relative paths are taken from `base`.
pub fn expand_path(raw: &str, base: Option<&Path>) -> PathBuf {
    let expanded = if raw == "~" {
        dirs::home_dir().unwrap_or_default()
    } else if let Some(rest) = raw.strip_prefix("~/") {
        dirs::home_dir().unwrap_or_default().join(rest)
    } else {
        PathBuf::from(raw)
    };
    match base {
        Some(dir) if expanded.is_relative() => dir.join(expanded),
        _ => expanded,
    }
}

impl Config {
    /// Loads `path` (from `--config`/`PAYCLI_CONFIG`) or the default location. A missing file is
    /// fine unless it was named explicitly: the built-in sandbox profiles work without one.
    pub fn load(explicit: Option<&Path>, catalog: ProviderCatalog) -> Result<Config> {
        let path = match explicit {
            Some(p) => expand_path(&p.to_string_lossy(), None),
            None => default_path(),
        };
        let text = match crate::bounded::read_text_file(&path, crate::bounded::CONFIG_BYTES) {
            Ok(t) => t,
            Err(crate::bounded::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
                return Ok(Config {
                    path,
                    file_exists: false,
                    default_profile: None,
                    journal: None,
                    file_profiles: BTreeMap::new(),
                    catalog,
                });
            }
            Err(e) => {
                return Err(Error::config(format!("cannot read config file {}: {e}", path.display()))
                    .with_hint("check the path given with --config or PAYCLI_CONFIG, or run `paycli config init`"));
            }
        };
        warn_if_exposed(&path);
        Self::parse(&text, path, catalog)
    }

    pub fn parse(text: &str, path: PathBuf, catalog: ProviderCatalog) -> Result<Config> {
        let text = crate::bounded::strip_bom(text);
        let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            Error::config(format!("config file {} is not valid TOML: {}", path.display(), e.message())).with_hint(
                match e.span() {
                    Some(span) => {
                        format!("look near line {}", text[..span.start.min(text.len())].lines().count().max(1))
                    }
                    None => "compare it with `paycli config init --stdout`".into(),
                },
            )
        })?;
        let default_profile = match doc.get("default_profile") {
            None => None,
            Some(toml::Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(Error::config("default_profile must be a string")),
        };
        let mut file_profiles = BTreeMap::new();
        match doc.get("profiles") {
            None => {}
            Some(toml::Value::Table(t)) => {
                for (name, value) in t {
                    match value {
                        toml::Value::Table(p) => {
                            file_profiles.insert(name.clone(), p.clone());
                        }
                        _ => {
                            return Err(Error::config(format!("[profiles.{name}] must be a table")));
                        }
                    }
                }
            }
            Some(_) => return Err(Error::config("`profiles` must be a table of profiles")),
        }
        let journal =
            doc.get("journal").map(|v| SecretSource::from_toml_at(v, "config `journal`", path.parent())).transpose()?;
        for key in doc.keys() {
            if !["default_profile", "profiles", "journal"].contains(&key.as_str()) {
                return Err(Error::config(format!("unknown top-level key `{key}` in the config file"))
                    .with_hint("profiles go under [profiles.NAME]"));
            }
        }
        Ok(Config { path, file_exists: true, default_profile, journal, file_profiles, catalog })
    }

    /// All profile names with their origin; file profiles shadow built-ins of the same name.
    pub fn profile_names(&self) -> Vec<(String, ProfileOrigin)> {
        let mut names: BTreeMap<String, ProfileOrigin> =
            self.catalog.builtin_profiles.keys().map(|n| (n.clone(), ProfileOrigin::Builtin)).collect();
        for n in self.file_profiles.keys() {
            names.insert(n.clone(), ProfileOrigin::File(self.path.clone()));
        }
        names.into_iter().collect()
    }

    /// Chooses the profile: the `--profile`/`PAYCLI_PROFILE` name, else `default_profile`.
    pub fn profile(&self, requested: Option<&str>) -> Result<Profile> {
        let name = match requested.or(self.default_profile.as_deref()) {
            Some(n) => n.to_string(),
            None => {
                return Err(Error::config("no profile selected").with_hint(
                    "pass -p NAME (try -p sandbox-cashy with `paycli sandbox` running), set PAYCLI_PROFILE, or set default_profile in the config",
                ));
            }
        };
        let (table, origin) = if let Some(t) = self.file_profiles.get(&name) {
            (t.clone(), ProfileOrigin::File(self.path.clone()))
        } else if let Some(t) = self.catalog.builtin_profiles.get(&name) {
            (t.clone(), ProfileOrigin::Builtin)
        } else {
            let known: Vec<String> = self.profile_names().into_iter().map(|(n, _)| n).collect();
            return Err(Error::config(format!("profile `{name}` not found")).with_hint(format!(
                "known profiles: {} (config file: {})",
                known.join(", "),
                self.path.display()
            )));
        };
        let provider = match table.get("provider") {
            Some(toml::Value::String(p)) => p.clone(),
            Some(_) => return Err(Error::config(format!("profile `{name}`: provider must be a string"))),
            None => {
                return Err(Error::config(format!("profile `{name}` has no `provider`"))
                    .with_hint(format!("set provider to one of: {}", self.catalog.ids.join(", "))));
            }
        };
        if !self.catalog.ids.contains(&provider.as_str()) {
            return Err(Error::config(format!("profile `{name}`: unknown provider `{provider}`"))
                .with_hint(format!("known providers: {}", self.catalog.ids.join(", "))));
        }
        let declared = self.catalog.settings.get(provider.as_str()).copied().unwrap_or_default();
        settings::check_profile(&name, &provider, &table, declared)?;
        Ok(Profile { name, provider, origin, table })
    }
}

impl Profile {
    /// A profile built in code (tests, the demo).
    pub fn from_table(name: &str, table: toml::Table) -> Result<Profile> {
        let provider = table
            .get("provider")
            .and_then(|v| v.as_str())
            .ok_or_else(|| Error::config(format!("profile `{name}` has no provider")))?
            .to_string();
        Ok(Profile { name: name.into(), provider, origin: ProfileOrigin::Builtin, table })
    }

    pub fn table(&self) -> &toml::Table {
        &self.table
    }

    /// Replaces one setting (the demo points built-in profiles at its own ports).
    pub fn set(&mut self, key: &str, value: impl Into<toml::Value>) {
        self.table.insert(key.into(), value.into());
    }

    fn base_dir(&self) -> Option<PathBuf> {
        match &self.origin {
            ProfileOrigin::File(p) => p.parent().map(Path::to_path_buf),
            ProfileOrigin::Builtin => None,
        }
    }

    pub fn str(&self, key: &str) -> Result<Option<String>> {
        match self.table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(toml::Value::String(s)) if s.chars().any(crate::values::is_hidden_char) => {
                Err(Error::config(format!(
                    "profile `{}`: `{key}` contains a control character (a newline?): {}",
                    self.name,
                    crate::values::shown(s)
                ))
                .with_hint(format!("fix `{key}` under [profiles.{}]; nothing was sent", self.name)))
            }
            Some(toml::Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(Error::config(format!(
                "profile `{}`: `{key}` must be a string, found {}",
                self.name,
                other.type_str()
            ))),
        }
    }

    pub fn require_str(&self, key: &str) -> Result<String> {
        self.str(key)?.ok_or_else(|| {
            Error::config(format!("profile `{}` has no `{key}`", self.name))
                .with_hint(format!("add {key} = \"...\" under [profiles.{}]", self.name))
        })
    }

    pub fn base_url(&self) -> Result<String> {
        let url = self.require_str("base_url")?;
        let parsed = reqwest::Url::parse(&url)
            .map_err(|e| Error::config(format!("profile `{}`: base_url {url:?} is not a URL: {e}", self.name)))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::config(format!("profile `{}`: base_url must be http or https", self.name)));
        }
        Ok(url.trim_end_matches('/').to_string())
    }

    /// Makes the scrubber know this profile's secret values that can be read without side
    /// effects (literal, env, file), so that a server reflecting one back cannot make paycli print
    /// it. Command secrets are known once they have run (they cannot be sent before).
    pub fn register_secrets(&self, secret_keys: &[&str]) {
        for (key, value) in &self.table {
            if !(secret_keys.contains(&key.as_str()) || looks_secret(key)) {
                continue;
            }
            if let Ok(source) = SecretSource::from_toml(value, &self.name, key, self.base_dir().as_deref())
                && !matches!(source, SecretSource::Command(_))
                && let Ok(secret) = source.resolve(&self.name, key)
            {
                crate::secret::register(secret.expose());
            }
        }
    }

    /// A secret setting, resolved only when first used (a `command` secret runs at most once).
    pub fn secret(&self, key: &str) -> Result<LazySecret> {
        let source = match self.table.get(key) {
            None => None,
            Some(v) => Some(SecretSource::from_toml(v, &self.name, key, self.base_dir().as_deref())?),
        };
        Ok(LazySecret::new(&self.name, key, source))
    }

    /// A private key setting, parsed when first used; `hint` says what to check if it does not parse.
    pub fn private_key(&self, key: &str, hint: &'static str) -> Result<LazyPrivateKey> {
        Ok(LazyPrivateKey::new(self.secret(key)?, hint, crate::crypto::parse_private_key))
    }

    /// A public key setting, parsed when first used; `hint` says what to check if it does not parse.
    pub fn public_key(&self, key: &str, hint: &'static str) -> Result<LazyPublicKey> {
        Ok(LazyPublicKey::new(self.secret(key)?, hint, crate::crypto::parse_public_key))
    }

    /// The profile as TOML-like JSON with every literal secret replaced by `<redacted>`.
    pub fn redacted(&self, secret_keys: &[&str]) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        out.insert("name".into(), self.name.clone().into());
        for (k, v) in &self.table {
            let json = toml_to_json(v);
            let is_secret = secret_keys.contains(&k.as_str()) || looks_secret(k);
            let shown =
                if is_secret && v.is_str() { serde_json::Value::String(crate::secret::REDACTED.into()) } else { json };
            out.insert(k.clone(), shown);
        }
        serde_json::Value::Object(out)
    }
}

fn looks_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    (k.contains("secret") || k.contains("password") || k.contains("token") || k.ends_with("key"))
        && !k.contains("public")
}

fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.iter().map(|(k, v)| (k.clone(), toml_to_json(v))).collect(),
    }
}

#[cfg(unix)]
fn warn_if_exposed(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        crate::output::warn(format_args!(
            "config file {} is readable by group or others; run `chmod 600 {}`",
            path.display(),
            path.display()
        ));
    }
}

#[cfg(not(unix))]
fn warn_if_exposed(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_SETTINGS: &[settings::Setting] = &[
        settings::Setting::new("api_key", settings::SettingKind::Secret, "key"),
        settings::Setting::new("webhook_secret", settings::SettingKind::Secret, "secret"),
        settings::Setting::new("merchant_id", settings::SettingKind::Text, "id"),
    ];

    #[test]
    fn unknown_settings_are_refused_with_the_closest_key() {
        let cfg = parse("[profiles.a]\nprovider = \"cashy\"\napi_kye = \"k\"\n").unwrap();
        let e = cfg.profile(Some("a")).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.message.contains("did you mean `api_key`?"), "{}", e.message);
    }

    /// Two providers, one built-in profile: all these tests need to know of providers.
    fn parse(text: &str) -> Result<Config> {
        let mut builtin = toml::Table::new();
        builtin.insert("provider".into(), "cashy".into());
        let catalog = ProviderCatalog {
            ids: vec!["cashy", "zenospay"],
            builtin_profiles: [("sandbox-cashy".to_string(), builtin)].into_iter().collect(),
            settings: [("cashy", TEST_SETTINGS)].into_iter().collect(),
        };
        Config::parse(text, PathBuf::from("/tmp/x/config.toml"), catalog)
    }

    #[test]
    fn picks_default_profile_and_builtins() {
        let cfg =
            parse("default_profile = \"c\"\n[profiles.c]\nprovider = \"cashy\"\nbase_url = \"https://x.example\"\n")
                .unwrap();
        assert_eq!(cfg.profile(None).unwrap().name, "c");
        assert_eq!(cfg.profile(Some("sandbox-cashy")).unwrap().origin, ProfileOrigin::Builtin);
        let err = cfg.profile(Some("nope")).unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Config);
        assert!(err.hint.unwrap().contains("sandbox-cashy"));
    }

    #[test]
    fn rejects_bad_shapes() {
        assert!(parse("default_profile = 3").is_err());
        assert!(parse("profiles = 1").is_err());
        assert!(parse("[profiles]\nx = 1").is_err());
        assert!(parse("junk = 1").is_err());
        let err = parse("[profiles.a\n").unwrap_err();
        assert!(err.message.contains("not valid TOML"));
        let cfg = parse("[profiles.a]\nprovider = \"nosuch\"").unwrap();
        assert!(cfg.profile(Some("a")).unwrap_err().message.contains("unknown provider"));
        let cfg = parse("[profiles.a]\nbase_url = \"x\"").unwrap();
        assert!(cfg.profile(Some("a")).unwrap_err().message.contains("no `provider`"));
        let cfg = parse("\u{feff}[profiles.a]\nprovider = \"cashy\"\nmerchant_id = \"1\\n2\"").unwrap();
        let err = cfg.profile(Some("a")).unwrap().str("merchant_id").unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Config);
        assert!(err.message.contains("control character"), "{}", err.message);
    }

    #[test]
    fn tilde_and_relative_paths() {
        let home = dirs::home_dir().unwrap();
        assert_eq!(expand_path("~/k.pem", None), home.join("k.pem"));
        assert_eq!(expand_path("k.pem", Some(Path::new("/etc/p"))), PathBuf::from("/etc/p/k.pem"));
        assert_eq!(expand_path("/abs/k.pem", Some(Path::new("/etc/p"))), PathBuf::from("/abs/k.pem"));
    }

    #[test]
    fn redaction_hides_literal_secrets_only() {
        let cfg = parse(
            "[profiles.a]\nprovider = \"cashy\"\napi_key = \"topsecret\"\nwebhook_secret = { env = \"W\" }\nmerchant_id = \"1\"\n",
        )
        .unwrap();
        let shown = cfg.profile(Some("a")).unwrap().redacted(&["api_key"]).to_string();
        assert!(!shown.contains("topsecret"));
        assert!(shown.contains("\"env\":\"W\""));
        assert!(shown.contains("\"merchant_id\":\"1\""));
    }
}
