//! Declared settings (a shared service below config, providers and the sandbox): each provider lists the profile keys it reads (and its sandbox emulation the
//! `--set` keys it honours), each with a type. A profile is checked against that declaration when
//! it is selected: an unknown key is a configuration error with the closest known key, so a typo
//! (`notify_ulr`, `api_kye`) fails at once instead of silently doing nothing.

use crate::error::{Error, Result};

/// What a setting holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    /// Free text.
    Text,
    /// An http(s) URL.
    Url,
    /// A secret: a string, or `{ env = "NAME" }`, `{ file = "PATH" }`, `{ command = "..." }`.
    Secret,
    /// A positive number of seconds (integer or decimal).
    Seconds,
    /// One of these words.
    Choice(&'static [&'static str]),
}

/// One declared setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    pub name: &'static str,
    pub kind: SettingKind,
    pub required: bool,
    /// One line for `config init`-style help and error hints.
    pub about: &'static str,
}

impl Setting {
    pub const fn new(name: &'static str, kind: SettingKind, about: &'static str) -> Setting {
        Setting { name, kind, required: false, about }
    }
    pub const fn required(name: &'static str, kind: SettingKind, about: &'static str) -> Setting {
        Setting { name, kind, required: true, about }
    }
}

/// The keys every profile may have, whatever its provider.
pub const COMMON: &[Setting] = &[
    Setting::required("provider", SettingKind::Text, "which gateway this profile talks to"),
    Setting::required("base_url", SettingKind::Url, "the provider's API address, from onboarding"),
    Setting::new("timeout", SettingKind::Seconds, "per-request timeout in seconds (--timeout wins)"),
];

impl SettingKind {
    /// Checks a value given as text (`sandbox --set`).
    pub fn check_text(&self, text: &str) -> std::result::Result<(), String> {
        match self {
            SettingKind::Text | SettingKind::Secret => Ok(()),
            SettingKind::Url => check_url(text),
            SettingKind::Seconds => match text.trim().parse::<f64>() {
                Ok(n) if n.is_finite() && n > 0.0 && n <= 3600.0 => Ok(()),
                _ => Err(format!("{text:?} is not a number of seconds from 0 to 3600")),
            },
            SettingKind::Choice(words) if words.contains(&text.trim()) => Ok(()),
            SettingKind::Choice(words) => Err(format!("{text:?} is not one of {}", words.join(", "))),
        }
    }

    /// Checks a value from the config file.
    fn check_toml(&self, value: &toml::Value) -> std::result::Result<(), String> {
        match (self, value) {
            (SettingKind::Secret, toml::Value::String(_)) => Ok(()),
            (SettingKind::Secret, toml::Value::Table(t))
                if t.len() == 1
                    && t.iter().all(|(k, v)| matches!(k.as_str(), "env" | "file" | "command") && v.is_str()) =>
            {
                Ok(())
            }
            (SettingKind::Secret, _) => {
                Err("must be a string or one of { env = \"NAME\" }, { file = \"PATH\" }, { command = \"...\" }".into())
            }
            (SettingKind::Seconds, toml::Value::Integer(i)) if *i > 0 && *i <= 3600 => Ok(()),
            (SettingKind::Seconds, toml::Value::Float(f)) if *f > 0.0 && *f <= 3600.0 => Ok(()),
            (SettingKind::Seconds, _) => Err("must be a number of seconds from 0 to 3600".into()),
            (_, toml::Value::String(s)) => self.check_text(s),
            (_, other) => Err(format!("must be a string, found {}", other.type_str())),
        }
    }
}

fn check_url(text: &str) -> std::result::Result<(), String> {
    match reqwest::Url::parse(text.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(format!("{text:?} is not an http(s) URL")),
    }
}

/// `; did you mean `x`?` when a known word is close to `word`, else nothing.
pub fn suggestion(word: &str, known: &[&str]) -> String {
    closest(word, known).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default()
}

/// The known word closest to `word`, when it is close enough to be a typo of it.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.trim().to_ascii_lowercase();
    known
        .iter()
        .map(|k| (*k, strsim::damerau_levenshtein(&word, k), strsim::jaro_winkler(&word, k)))
        .filter(|(k, dist, sim)| *dist <= 2.max(k.len() / 4) || *sim >= 0.85)
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
        .map(|(k, ..)| k)
}

/// Checks a profile's table against the common settings and its provider's: every key known and
/// of the right type. Missing required keys are left to the provider, which names them when used.
pub fn check_profile(profile: &str, provider: &str, table: &toml::Table, declared: &[Setting]) -> Result<()> {
    let all: Vec<&Setting> = COMMON.iter().chain(declared).collect();
    for (key, value) in table {
        let Some(setting) = all.iter().find(|s| s.name == key) else {
            let names: Vec<&str> = all.iter().map(|s| s.name).collect();
            return Err(Error::config(format!(
                "profile `{profile}`: unknown setting `{key}` for {provider}{}",
                suggestion(key, &names)
            ))
            .with_hint(format!("{provider} profiles take: {}", names.join(", "))));
        };
        setting
            .kind
            .check_toml(value)
            .map_err(|why| Error::config(format!("profile `{profile}`: `{key}` {why}")).with_hint(setting.about))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECLARED: &[Setting] = &[
        Setting::required("api_key", SettingKind::Secret, "the merchant key"),
        Setting::new("notify_url", SettingKind::Url, "callbacks"),
        Setting::new("sign_mode", SettingKind::Choice(&["envelope_sorted", "param_only"]), "mode"),
    ];

    fn check(text: &str) -> Result<()> {
        let table: toml::Table = text.parse().unwrap();
        check_profile("p", "cashy", &table, DECLARED)
    }

    #[test]
    fn typos_are_named_with_the_closest_key() {
        let e = check("provider = \"cashy\"\nnotify_ulr = \"https://x\"").unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::Config);
        assert!(e.message.contains("unknown setting `notify_ulr`") && e.message.contains("did you mean `notify_url`?"));
        let e = check("api_kye = \"k\"").unwrap_err();
        assert!(e.message.contains("did you mean `api_key`?"), "{}", e.message);
        let e = check("colour = \"blue\"").unwrap_err();
        assert!(!e.message.contains("did you mean"), "nothing close: {}", e.message);
        assert!(e.hint.unwrap().contains("notify_url"));
    }

    #[test]
    fn values_are_typed() {
        assert!(
            check("provider = \"cashy\"\nbase_url = \"https://x\"\napi_key = { env = \"K\" }\ntimeout = 2.5").is_ok()
        );
        assert!(check("base_url = \"ftp://x\"").is_err());
        assert!(check("api_key = { envv = \"K\" }").is_err());
        assert!(check("timeout = \"soon\"").is_err());
        assert!(check("timeout = 0").is_err());
        assert!(check("sign_mode = \"sorted\"").unwrap_err().message.contains("envelope_sorted"));
        assert!(check("notify_url = 5").is_err());
    }

    #[test]
    fn closeness() {
        assert_eq!(closest("callbackurl", &["callback_url", "sign_mode"]), Some("callback_url"));
        assert_eq!(closest("zenopay", &["cashy", "zenospay"]), Some("zenospay"));
        assert_eq!(closest("xyz", &["cashy", "zenospay"]), None);
    }
}
