//! Zenospay (formerly Richpay; Indonesia, IDR, QRIS and bank channels). Its API as paycli
//! relies on it: docs/providers/zenospay.md.
//!
//! Requests are signed the Bank Indonesia SNAP asymmetric way (see `signing`). There is no
//! callback URL in the request: Zenospay posts to the URL registered at onboarding, and how that
//! callback is signed is undocumented (see `callback`).

mod callback;
mod sandbox;
mod signing;
pub mod wire;

use super::wire::{CallbackVerdict, body_bytes, read};
use super::{CheckoutInput, Gateway, Provider, StatusExtra, StatusQuery, VerifyOptions};
use crate::capture::CapturedRequest;
use crate::config::{LazyPrivateKey, LazyPublicKey, Profile};
use crate::crypto;
use crate::error::{Error, Result};
use crate::http::{HttpResponse, PreparedRequest};
use crate::model::{CheckoutRecord, OrderFacts, Status, StatusRecord};
use crate::money;
use crate::settings::{Setting, SettingKind};
use chrono::{DateTime, Utc};
use serde_json::Value;
use wire::{Answer, Created, Transaction, customer_details};

pub const ID: &str = "zenospay";
const CHECKOUT_PATH: &str = "/api/checkout";
const STATUS_PATH: &str = "/api/check/transaction";
const MAX_AMOUNT_DIGITS: usize = 12;
/// Zenospay accepts any 2xx reply, whatever its body; this is what paycli suggests sending.
pub const ACK: &str = "OK";

pub struct Zenospay;

/// Zenospay's own status-query knob: the RRN (bank reference), which it looks up before the
/// order id (`status check --rrn`, and the RRN a callback carries for `--requery`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusOptions {
    pub rrn: String,
}

impl Provider for Zenospay {
    fn id(&self) -> &'static str {
        ID
    }

    fn sandbox_profile(&self, sandbox_url: &str) -> toml::Table {
        super::profile_table(
            ID,
            sandbox_url,
            &[
                ("partner_id", sandbox::PARTNER_ID),
                ("private_key", sandbox::MERCHANT_PRIVATE_KEY),
                ("provider_public_key", sandbox::PROVIDER_PUBLIC_KEY),
                ("callback_path", "/hooks/zenospay"),
            ],
        )
    }

    fn secret_keys(&self) -> &'static [&'static str] {
        &["private_key"]
    }

    fn currency(&self) -> &'static str {
        "IDR"
    }

    fn checkout_rules(&self) -> &'static str {
        "IDR. Requires --customer-name and --product-name (5-25 letters, digits, spaces or -). --amount: whole rupiah, 1 to 12 digits. Callbacks go to the URL registered at onboarding, so it refuses --callback-url, and also --customer-email, --customer-phone, --item, --redirect-url, --cancel-url and --expires-in."
    }

    fn settings(&self) -> &'static [Setting] {
        const SETTINGS: &[Setting] = &[
            Setting::required("partner_id", SettingKind::Text, "your X-PARTNER-ID, from onboarding"),
            Setting::required("private_key", SettingKind::Secret, "your RSA private key (PEM or bare base64 DER)"),
            Setting::new("provider_public_key", SettingKind::Secret, "Zenospay's public key, to verify callbacks"),
            Setting::new("callback_path", SettingKind::Text, "the path of your registered callback URL"),
        ];
        SETTINGS
    }

    fn gateway(&self, profile: &Profile) -> Result<Box<dyn Gateway>> {
        Ok(Box::new(ZenospayGateway::from_profile(profile)?))
    }

    fn sandbox(&self) -> Box<dyn crate::sandbox::SandboxProvider> {
        Box::new(sandbox::ZenospaySandbox)
    }

    fn demo_checkout(&self) -> CheckoutInput {
        CheckoutInput {
            amount: rust_decimal::Decimal::from(125_000),
            customer_name: Some("Siti Rahayu".into()),
            product_name: Some("Batik Tulis Solo".into()),
            description: Some("paycli demo order".into()),
            ..Default::default()
        }
    }

    fn callback_url_per_checkout(&self) -> bool {
        false
    }

    /// Zenospay stops waiting after 2 s (its webhook README); 1.5 s leaves room for the network.
    fn callback_answer(&self) -> super::CallbackAnswer {
        super::CallbackAnswer { budget: std::time::Duration::from_millis(1500), ..Default::default() }
    }
}

struct ZenospayGateway {
    profile: String,
    base_url: String,
    partner_id: String,
    private_key: LazyPrivateKey,
    /// Not a secret, but read like one so it can live in a file, env variable or command.
    provider_public_key: LazyPublicKey,
    callback_path: Option<String>,
}

impl ZenospayGateway {
    fn from_profile(profile: &Profile) -> Result<Self> {
        let callback_path = profile.str("callback_path")?;
        if let Some(p) = &callback_path
            && !p.starts_with('/')
        {
            return Err(Error::config(format!(
                "profile `{}`: callback_path {p:?} must be a URL path starting with /",
                profile.name
            )));
        }
        Ok(ZenospayGateway {
            profile: profile.name.clone(),
            base_url: profile.base_url()?,
            partner_id: profile.require_str("partner_id")?,
            private_key: profile
                .private_key("private_key", "use the RSA key pair whose public half was registered with Zenospay")?,
            provider_public_key: profile.public_key(
                "provider_public_key",
                "use the public key Zenospay gave you for its callbacks (PEM or bare base64 DER)",
            )?,
            callback_path,
        })
    }

    fn provider_key(&self) -> Result<Option<&crypto::PublicKey>> {
        if !self.provider_public_key.is_set() {
            return Ok(None);
        }
        self.provider_public_key.get().map(Some)
    }

    /// The signed request with the three SNAP headers; `body` is exactly what is sent and hashed.
    fn signed(&self, path: &str, body: Vec<u8>, now: DateTime<Utc>) -> Result<PreparedRequest> {
        let url = format!("{}{path}", self.base_url);
        let signed_path = signing::url_path(&url).ok_or_else(|| Error::internal(format!("bad URL {url}")))?;
        let ts = signing::timestamp(now);
        let text = signing::string_to_sign("POST", &signed_path, &body, &ts);
        let signature = signing::sign(self.private_key.get()?, &text)?;
        Ok(PreparedRequest::post_json(url, body)
            .header("X-TIMESTAMP", ts)
            .header("X-PARTNER-ID", &self.partner_id)
            .header("X-SIGNATURE", signature))
    }

    /// A JSON object answer, or the refusal (`{"status": false, "message": ...}`) as an error.
    fn answer(&self, resp: &HttpResponse) -> Result<(Answer, Value)> {
        let body = resp.json("Zenospay")?;
        let Some(answer) = read::<Answer>(&body) else {
            return Err(Error::provider(format!(
                "Zenospay answered HTTP {} with JSON that is not an object",
                resp.status
            ))
            .with_hint("run with -v to see the answer; the API may have changed"));
        };
        if answer.refused() || !(200..300).contains(&resp.status) {
            let message = answer.message.unwrap_or_else(|| "(no message)".into());
            let err = Error::provider(format!("Zenospay refused the request: {message} (HTTP {})", resp.status))
                .with_hint(hint_for(&message, resp.status));
            return Err(if resp.status >= 500 || resp.status == 429 { err.retryable() } else { err });
        }
        Ok((answer, body))
    }
}

/// Zenospay documents no error codes, only free-text messages: translate by what they mention.
fn hint_for(message: &str, http_status: u16) -> String {
    let m = message.to_ascii_lowercase();
    if m.contains("timestamp") {
        "X-TIMESTAMP was refused: check this machine's clock (it must be within minutes of the provider's)".into()
    } else if m.contains("signature") {
        "the signature was refused: private_key must be the key whose public half was registered with Zenospay \
         (and base_url must include any path prefix the provider expects)"
            .into()
    } else if m.contains("partner") || m.contains("client") {
        "check partner_id in the profile (the client key from onboarding)".into()
    } else if m.contains("not found") || m.contains("no transaction") || m.contains("not exist") {
        "no such transaction: check the order id (merchant_transaction_id) and --rrn".into()
    } else if m.contains("exist") || m.contains("duplicate") {
        "this merchant_transaction_id was used before: pick a new --order-id, or query the existing one".into()
    } else if http_status >= 500 || http_status == 429 {
        "Zenospay is busy or failing: try again later".into()
    } else {
        "see Zenospay's message above; run with -v to see the exchange".into()
    }
}

/// Whether a refusal's message says there is no such transaction.
fn refusal_says_unknown(resp: &HttpResponse) -> bool {
    let Some(answer) = resp.json("Zenospay").ok().and_then(|b| read::<Answer>(&b)) else { return false };
    let message = answer.message.unwrap_or_default().to_ascii_lowercase();
    ["does not exist", "doesn't exist", "not exist", "not found", "no transaction"].iter().any(|m| message.contains(m))
}

/// 5–25 characters of `[A-Za-z0-9 -]` (customer_name, product_name).
fn check_name(field: &str, flag: &str, value: Option<&str>) -> Result<String> {
    let rule = "5–25 characters of letters, digits, space or -";
    let v = value.ok_or_else(|| {
        Error::usage(format!("Zenospay requires {flag} (its {field}: {rule})"))
            .with_hint(format!("pass {flag} \"Budi Santoso\""))
    })?;
    if let Some(bad) = v.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')) {
        return Err(Error::usage(format!(
            "{flag} contains {bad:?}; Zenospay's {field} allows only letters A-Z a-z, digits 0-9, space and -"
        )));
    }
    let n = v.chars().count();
    if !(5..=25).contains(&n) {
        return Err(Error::usage(format!("{flag} is {n} characters; Zenospay's {field} must be 5–25 characters")));
    }
    Ok(v.to_string())
}

impl Gateway for ZenospayGateway {
    fn provider(&self) -> &'static str {
        ID
    }

    fn profile(&self) -> &str {
        &self.profile
    }

    fn checkout_request(&self, input: &CheckoutInput, now: DateTime<Utc>) -> Result<PreparedRequest> {
        if input.callback_url.is_some() {
            return Err(Error::usage(
                "Zenospay takes no callback URL per checkout: callbacks go to the URL registered at onboarding",
            )
            .with_hint(
                "drop --callback-url; to change where callbacks go, ask Zenospay to update the registered URL",
            ));
        }
        let currency = input.currency.as_deref().unwrap_or("IDR");
        if !currency.eq_ignore_ascii_case("IDR") {
            return Err(Error::usage(format!("Zenospay's currency must be IDR, not {currency}")));
        }
        let amount = money::to_whole_units(input.amount, "IDR")
            .map_err(|e| e.with_hint("Zenospay amounts are whole rupiah, e.g. --amount 100000"))?;
        let digits = amount.to_string();
        if amount < 1 || digits.len() > MAX_AMOUNT_DIGITS {
            return Err(Error::usage(format!(
                "amount {amount} has {} digits; Zenospay's amount must be 1–{MAX_AMOUNT_DIGITS} digits of whole rupiah",
                digits.len()
            )));
        }
        if input.order_id.trim().is_empty() {
            return Err(Error::usage("the order id (merchant_transaction_id) must not be empty"));
        }
        let customer = check_name("customer_name", "--customer-name", input.customer_name.as_deref())?;
        let product = check_name("product_name", "--product-name", input.product_name.as_deref())?;
        let unsupported = [
            ("--customer-email", input.customer_email.is_some()),
            ("--customer-phone", input.customer_phone.is_some()),
            ("--item", !input.items.is_empty()),
            ("--redirect-url", input.redirect_url.is_some()),
            ("--cancel-url", input.cancel_url.is_some()),
            ("--expires-in", input.expires_in.is_some()),
        ];
        if let Some((flag, _)) = unsupported.iter().find(|(_, given)| *given) {
            return Err(Error::usage(format!("Zenospay's checkout has no field for {flag}; drop it"))
                .with_hint("Zenospay takes --order-id, --amount, --customer-name, --product-name and --description"));
        }
        let request = wire::CreateRequest {
            merchant_transaction_id: &input.order_id,
            amount: digits,
            currency: "IDR",
            description: input.description.as_deref(),
            customer_name: customer,
            product_name: product,
        };
        self.signed(CHECKOUT_PATH, body_bytes(&request, &input.extra)?, now)
    }

    fn checkout_response(
        &self,
        input: &CheckoutInput,
        resp: &HttpResponse,
        now: DateTime<Utc>,
    ) -> Result<CheckoutRecord> {
        let (_, body) = self.answer(resp)?;
        let created: Created =
            read(&body).ok_or_else(|| Error::provider("Zenospay's create answer is an object paycli cannot read"))?;
        if created.checkout_url.is_none() && created.transaction_id.is_none() {
            return Err(Error::provider("Zenospay answered without transaction_id or checkout_url")
                .with_hint("run with -v to see the answer; the API may have changed"));
        }
        // Decoded to tolerate both shapes; nothing in the record needs it beyond that.
        let _ = customer_details(created.customer_details.as_ref());
        Ok(CheckoutRecord {
            provider: ID.into(),
            profile: self.profile.clone(),
            order_id: created.merchant_transaction_id.unwrap_or_else(|| input.order_id.clone()),
            provider_ref: created.transaction_id,
            status: Status::Pending,
            provider_status: None,
            amount: created.amount.or(Some(input.amount)),
            currency: created.currency.or_else(|| Some("IDR".into())),
            checkout_url: created.checkout_url,
            expires_at: None,
            created_at: Some(now),
        })
    }

    fn status_request(&self, query: &StatusQuery, now: DateTime<Utc>) -> Result<PreparedRequest> {
        if query.id.trim().is_empty() {
            return Err(Error::usage("the order id (merchant_transaction_id) must not be empty"));
        }
        let rrn = match &query.extra {
            StatusExtra::Zenospay(StatusOptions { rrn }) => Some(rrn.trim()).filter(|r| !r.is_empty()),
            _ => None,
        };
        let request = wire::StatusRequest { merchant_transaction_id: &query.id, rrn };
        self.signed(STATUS_PATH, body_bytes(&request, &[])?, now)
    }

    fn status_response(&self, _query: &StatusQuery, resp: &HttpResponse) -> Result<StatusRecord> {
        // `200 {"status": false, "message": "... does not exist"}` (the documented failure shape) or a
        // 404 "... not found" is Zenospay saying the order does not exist; other refusals are errors.
        let answer = self.answer(resp).map_err(|e| {
            let says_unknown = refusal_says_unknown(resp);
            if says_unknown && (resp.status == 200 || resp.status == 404) { e.not_found() } else { e }
        })?;
        let Some(transaction) = answer.0.data.as_ref().and_then(read::<Transaction>) else {
            return Err(Error::provider("Zenospay answered without a data object")
                .with_hint("run with -v to see the answer; the API may have changed"));
        };
        // Zenospay reports no payment time; updated_at is the last change, shown as such.
        let updated_at = transaction.updated_at;
        let facts = transaction.status_facts();
        Ok(StatusRecord { updated_at, ..StatusRecord::new(ID, &self.profile, facts) })
    }

    fn check_credentials(&self) -> Vec<super::CredentialCheck> {
        let public = self.provider_key().transpose();
        super::rsa_key_checks(&self.private_key, "private_key", public, "provider_public_key")
    }

    fn verify_callback(&self, capture: &CapturedRequest, opts: &VerifyOptions) -> Result<CallbackVerdict> {
        callback::verify(self, capture, opts)
    }

    fn verification_headers(&self) -> &'static [&'static str] {
        &["X-SIGNATURE", "X-TIMESTAMP", "X-PARTNER-ID"]
    }

    /// The RRN is what Zenospay looks up first, and the callback carries it.
    fn requery_for(&self, claims: &OrderFacts) -> Option<StatusQuery> {
        claims.order_id.clone().map(|id| StatusQuery {
            id,
            provider_ref: claims.provider_ref.clone(),
            extra: claims.rrn.clone().map_or(StatusExtra::None, |rrn| StatusExtra::Zenospay(StatusOptions { rrn })),
        })
    }
}

#[cfg(test)]
mod tests;
