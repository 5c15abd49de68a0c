//! The provider registry and the contract every provider module fulfils.
//!
//! A provider module owns everything about one gateway: settings, request building and signing,
//! response parsing, callback verification (plain functions over bytes, no I/O) and its sandbox
//! emulation. Adding a gateway is one new module plus one line in `all()`.

pub mod cashy;
pub mod paycools;
pub mod payfect;
pub mod wire;
pub mod zenospay;

pub use wire::CallbackVerdict;

use crate::capture::CapturedRequest;
use crate::config::Profile;
use crate::error::Result;
use crate::http::{HttpResponse, PreparedRequest};
use crate::model::{CheckoutRecord, OrderFacts, StatusRecord};
use crate::sandbox::SandboxProvider;
use crate::settings::Setting;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

pub trait Provider: Sync + Send {
    /// The `provider =` value in a profile.
    fn id(&self) -> &'static str;
    /// The built-in `sandbox-<id>` profile, carrying the sandbox's published test credentials.
    fn sandbox_profile(&self, sandbox_url: &str) -> toml::Table;
    /// Profile keys that hold credentials (redacted by `config show`).
    fn secret_keys(&self) -> &'static [&'static str];
    /// Every profile setting this provider reads besides `provider`, `base_url` and `timeout`,
    /// with its type: a profile with any other key is refused.
    fn settings(&self) -> &'static [Setting];
    /// A client configured from a profile. Secrets are read when first needed.
    fn gateway(&self, profile: &Profile) -> Result<Box<dyn Gateway>>;
    /// Its checkout rules in a few lines for `checkout create --help`: required fields, limits, and
    /// the flags it refuses (each is checked before anything is sent).
    fn checkout_rules(&self) -> &'static str;
    /// The currency a checkout is in when `--currency` is not given (it decides how an amount reads).
    fn currency(&self) -> &'static str;
    /// The emulation of this provider inside `paycli sandbox`.
    fn sandbox(&self) -> Box<dyn SandboxProvider>;
    /// An order this provider accepts, for `demo` (order id and callback URL are filled in).
    fn demo_checkout(&self) -> CheckoutInput;
    /// Whether a checkout names its own callback URL. `false` where callbacks go to a URL registered
    /// at onboarding (Zenospay): `demo` then registers its receiver as a sandbox setting only.
    fn callback_url_per_checkout(&self) -> bool {
        true
    }
    /// How a receiver answers this provider's callbacks: its time budget and the ack's content type.
    fn callback_answer(&self) -> CallbackAnswer {
        CallbackAnswer::default()
    }
}

/// What a receiver (`callback listen`) must respect when answering one provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallbackAnswer {
    /// Every answer is ready within this, a requery included (`--budget` overrides it).
    pub budget: std::time::Duration,
    /// The `Content-Type` the provider expects on its ack.
    pub ack_content_type: &'static str,
}

impl Default for CallbackAnswer {
    /// No documented time limit: 5 s sits well inside the usual webhook timeouts (10–30 s).
    fn default() -> Self {
        CallbackAnswer { budget: std::time::Duration::from_secs(5), ack_content_type: "text/plain; charset=utf-8" }
    }
}

/// Every provider paycli knows.
pub fn all() -> &'static [&'static dyn Provider] {
    &[&cashy::Cashy, &zenospay::Zenospay, &paycools::Paycools, &payfect::Payfect]
}

pub fn find(id: &str) -> Option<&'static dyn Provider> {
    all().iter().copied().find(|p| p.id() == id)
}

/// The currency a provider's checkout is in without `--currency` (it decides how an amount reads:
/// `150.000` is ambiguous in rupiah, 150 in USDT).
pub fn default_currency(id: &str) -> &'static str {
    find(id).map_or("", |p| p.currency())
}

pub fn ids() -> Vec<&'static str> {
    all().iter().map(|p| p.id()).collect()
}

/// What the config layer needs to know of the providers: ids and built-in sandbox profiles
/// (pointing at `PAYCLI_SANDBOX_URL` or the default sandbox address).
pub fn catalog() -> crate::config::ProviderCatalog {
    let url = crate::config::sandbox_url();
    crate::config::ProviderCatalog {
        ids: ids(),
        builtin_profiles: all().iter().map(|p| (format!("sandbox-{}", p.id()), p.sandbox_profile(&url))).collect(),
        settings: all().iter().map(|p| (p.id(), p.settings())).collect(),
    }
}

/// Every provider's sandbox emulation, for `sandbox::serve` and `sandbox::spawn`.
pub fn emulators() -> Vec<Box<dyn SandboxProvider>> {
    all().iter().map(|p| p.sandbox()).collect()
}

/// One configured merchant account at one provider.
pub trait Gateway: Send + Sync {
    fn provider(&self) -> &'static str;
    fn profile(&self) -> &str;

    /// Validates the input against the provider's rules and builds the signed create request.
    fn checkout_request(&self, input: &CheckoutInput, now: DateTime<Utc>) -> Result<PreparedRequest>;
    fn checkout_response(
        &self,
        input: &CheckoutInput,
        resp: &HttpResponse,
        now: DateTime<Utc>,
    ) -> Result<CheckoutRecord>;

    fn status_request(&self, query: &StatusQuery, now: DateTime<Utc>) -> Result<PreparedRequest>;
    fn status_response(&self, query: &StatusQuery, resp: &HttpResponse) -> Result<StatusRecord>;

    /// Checks a captured callback's signature on its raw bytes and reads what it claims.
    /// Errors are for configuration problems (no key to check with); a bad callback is a verdict.
    fn verify_callback(&self, capture: &CapturedRequest, opts: &VerifyOptions) -> Result<CallbackVerdict>;

    /// The request headers this provider's callback verification reads (any case). Only these can
    /// make a capture doubtful when given twice with different values; every other header (what
    /// proxies and tracing add) is kept and forwarded and never touches the verdict.
    fn verification_headers(&self) -> &'static [&'static str];

    /// The status query that re-checks a callback's claims (`--requery`).
    fn requery_for(&self, claims: &OrderFacts) -> Option<StatusQuery> {
        claims.order_id.clone().map(|id| StatusQuery::new(id, claims.provider_ref.clone()))
    }

    /// The status queries that can re-check a callback, tried in order until the provider knows
    /// one; `journal_ref` is the provider reference the journal holds for the callback's order.
    /// Each says how it was found, for the verdict's reason.
    fn requeries(&self, claims: &OrderFacts, journal_ref: Option<&str>) -> Vec<Requery> {
        let _ = journal_ref;
        self.requery_for(claims).map(|query| Requery { query, via: None }).into_iter().collect()
    }

    /// A fresh order id that fits the provider's rules.
    fn new_order_id(&self, now: DateTime<Utc>) -> String {
        default_order_id(now)
    }

    /// Offline credential checks for `paycli doctor`: required secrets present, key files parse,
    /// private/public key pairs match. One entry per line of output; none means nothing to check.
    /// Errors carry the kind that decides doctor's exit code (a bad key file is `Error::config`).
    fn check_credentials(&self) -> Vec<CredentialCheck> {
        Vec::new()
    }
}

/// The usual checks for an RSA provider: the merchant's private key parses, and the provider's
/// public key (when set) parses and is not the merchant's own public half, a common mix-up.
pub fn rsa_key_checks(
    private: &crate::config::LazyPrivateKey,
    private_name: &str,
    public: Option<Result<&crate::crypto::PublicKey>>,
    public_name: &str,
) -> Vec<CredentialCheck> {
    let own = private.get();
    let mut checks = vec![CredentialCheck {
        name: private_name.into(),
        result: own.clone().map(|k| format!("RSA {}-bit private key parses; {}", k.bits(), k.signing_path())),
    }];
    let result = match public {
        None => Ok(format!("not set: callbacks cannot be checked by signature (set {public_name})")),
        Some(Err(e)) => Err(e),
        Some(Ok(theirs)) if own.as_ref().is_ok_and(|k| k.public_key() == theirs) => {
            Err(crate::error::Error::config(format!("{public_name} is the public half of your own private key"))
                .with_hint(format!("{public_name} must be the provider's key, from its dashboard or onboarding mail")))
        }
        Some(Ok(k)) => Ok(format!("RSA {}-bit public key parses; verified with {}", k.bits(), k.verifier_name())),
    };
    checks.push(CredentialCheck { name: public_name.into(), result });
    checks
}

/// One line of `paycli doctor` from a provider module: what was checked and what was found.
#[derive(Debug)]
pub struct CredentialCheck {
    pub name: String,
    pub result: Result<String>,
}

/// `PC` + UTC time to the second + 6 random letters/digits: 20 ASCII alphanumerics, unique enough and valid
/// for every provider (PayCools wants 10–32 letters and digits, Cashy at most 32).
pub fn default_order_id(now: DateTime<Utc>) -> String {
    use rand::RngExt;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let suffix: String = (0..6).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    format!("PC{}{}", now.format("%y%m%d%H%M%S"), suffix)
}

/// What `checkout create` asks for, in provider-neutral terms (amounts in major units).
#[derive(Debug, Clone, Default)]
pub struct CheckoutInput {
    pub order_id: String,
    pub amount: Decimal,
    pub currency: Option<String>,
    pub customer_name: Option<String>,
    pub customer_email: Option<String>,
    pub customer_phone: Option<String>,
    pub product_name: Option<String>,
    pub description: Option<String>,
    pub items: Vec<LineItem>,
    pub callback_url: Option<String>,
    pub redirect_url: Option<String>,
    pub cancel_url: Option<String>,
    pub expires_in: Option<std::time::Duration>,
    /// `--set` fields, merged into the provider's request as given.
    pub extra: Vec<(String, serde_json::Value)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    pub name: String,
    pub quantity: u32,
    pub unit_price: Decimal,
}

/// One way to re-check a callback with the status API.
#[derive(Debug, Clone)]
pub struct Requery {
    pub query: StatusQuery,
    /// How the query was found, when there was a choice (`checkout X from the journal`).
    pub via: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct StatusQuery {
    /// The merchant's order id (or a provider id where that is all the provider accepts).
    pub id: String,
    /// The provider's own reference when known (from the journal or a callback).
    pub provider_ref: Option<String>,
    /// What only one provider's status API takes, in that provider's own type.
    pub extra: StatusExtra,
}

impl StatusQuery {
    pub fn new(id: impl Into<String>, provider_ref: Option<String>) -> Self {
        StatusQuery { id: id.into(), provider_ref, extra: StatusExtra::None }
    }
}

/// Status-query knobs that belong to one provider (`status check --rrn` is Zenospay's). Other
/// providers ignore a variant that is not theirs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StatusExtra {
    #[default]
    None,
    Zenospay(zenospay::StatusOptions),
}

#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// "Now" for freshness checks: `--at` for old captures.
    pub at: DateTime<Utc>,
    /// How far a signed timestamp may be from `at`.
    pub tolerance: chrono::Duration,
    /// What only one provider's verification takes, in that provider's own type.
    pub extra: VerifyExtra,
}

impl VerifyOptions {
    /// Verification as of `at`, signed times allowed `tolerance` either way.
    pub fn new(at: DateTime<Utc>, tolerance: chrono::Duration) -> Self {
        VerifyOptions { at, tolerance, extra: VerifyExtra::None }
    }
}

/// Callback-verification knobs that belong to one provider (`callback verify --max-age` is
/// Payfect's). Other providers ignore a variant that is not theirs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum VerifyExtra {
    #[default]
    None,
    Payfect(payfect::TokenOptions),
}

/// A built-in profile table: `provider`, `base_url`, then the given settings.
pub fn profile_table(id: &str, base_url: &str, settings: &[(&str, &str)]) -> toml::Table {
    let mut table = toml::Table::new();
    table.insert("provider".into(), id.into());
    table.insert("base_url".into(), base_url.into());
    for (key, value) in settings {
        table.insert((*key).into(), (*value).into());
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `sandbox.setting(super::ID, "key")` an emulation reads is declared by it, so
    /// `sandbox --set` accepts exactly what has an effect.
    #[test]
    fn sandbox_settings_read_are_declared() {
        for p in all() {
            let path = format!("{}/src/providers/{}/sandbox.rs", env!("CARGO_MANIFEST_DIR"), p.id());
            let text = std::fs::read_to_string(&path).unwrap();
            let declared: Vec<&str> = p.sandbox().settings().iter().map(|s| s.name).collect();
            for (i, _) in text.match_indices("setting(super::ID, \"") {
                let rest = &text[i + "setting(super::ID, \"".len()..];
                let key = &rest[..rest.find('"').unwrap()];
                assert!(declared.contains(&key), "{} reads sandbox setting `{key}` without declaring it", p.id());
            }
        }
    }

    #[test]
    fn generated_order_ids_fit_every_provider() {
        let id = default_order_id(Utc::now());
        assert_eq!(id.len(), 20);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(id, default_order_id(Utc::now()));
    }

    #[test]
    fn registry_ids_are_unique() {
        let mut ids = ids();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all().len());
    }
}
