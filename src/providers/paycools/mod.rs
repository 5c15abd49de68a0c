//! PayCools (Philippines, PHP in centavos). Its API as paycli relies on it: docs/providers/paycools.md.
//!
//! Every call is a JSON POST of the envelope `{appId, appName, param, sign}` where `param` is the
//! request as a compact JSON string and `sign` is base64 RSA-SHA256 (PKCS#1 v1.5) with the
//! merchant key. What exactly is signed differs between public sources, hence `sign_mode`.

mod callback;
mod request;
mod sandbox;
pub mod wire;

use super::wire::{CallbackVerdict, read, with_extra};
use super::{CheckoutInput, Gateway, Provider, StatusQuery, VerifyOptions};
use crate::capture::CapturedRequest;
use crate::config::{LazyPrivateKey, LazyPublicKey, LazySecret, Profile};
use crate::crypto;
use crate::error::{Error, Result};
use crate::http::{HttpResponse, PreparedRequest};
use crate::model::{CheckoutRecord, OrderFacts, Status, StatusRecord};
use crate::money;
use crate::settings::{Setting, SettingKind};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use wire::{Answer, Checkout};

pub const ID: &str = "paycools";
const CURRENCY: &str = "PHP";
/// PayCools' upper bound for `expireTime`.
const MAX_EXPIRY_SECS: u64 = 86_400;
/// Anything shorter cannot realistically be paid; not a PayCools rule.
const MIN_EXPIRY_SECS: u64 = 60;
/// Characters PayCools lists for names besides letters and digits (ñ/Ñ are letters already).
const NAME_SPECIALS: &str = " #(),.'\":;@&+";

pub struct Paycools;

impl Provider for Paycools {
    fn id(&self) -> &'static str {
        ID
    }

    fn sandbox_profile(&self, sandbox_url: &str) -> toml::Table {
        let sink = format!("{sandbox_url}/_sandbox/sink/paycools");
        // The order list is a page a browser can land on after paying.
        let after_paying = format!("{sandbox_url}/_sandbox/orders");
        super::profile_table(
            ID,
            sandbox_url,
            &[
                ("app_id", sandbox::APP_ID),
                ("app_name", sandbox::APP_NAME),
                ("private_key", sandbox::MERCHANT_PRIVATE_KEY.trim()),
                ("platform_public_key", sandbox::PLATFORM_PUBLIC_KEY.trim()),
                ("sign_mode", SignMode::EnvelopeSorted.as_str()),
                ("callback_secret", sandbox::CALLBACK_SECRET),
                ("callback_url", &sink),
                ("redirect_url", &after_paying),
            ],
        )
    }

    fn secret_keys(&self) -> &'static [&'static str] {
        &["private_key", "callback_secret"]
    }

    fn currency(&self) -> &'static str {
        "PHP"
    }

    fn checkout_rules(&self) -> &'static str {
        "PHP. Requires a customer (--customer-name; --customer-email, --customer-phone as you have them), items (--item or --product-name), --callback-url and --redirect-url (or the profile's callback_url, redirect_url). --amount: at least 0.01, at most 2 decimals. --order-id: 10 to 32 letters and digits. Names 1-500 characters; phone 11-14 digits; --description at most 256 characters. --expires-in: 1m to 1d. Refuses --cancel-url."
    }

    fn settings(&self) -> &'static [Setting] {
        const SETTINGS: &[Setting] = &[
            Setting::required("app_id", SettingKind::Text, "your PayCools app id, from onboarding"),
            Setting::new("app_name", SettingKind::Text, "your app's name as PayCools knows it"),
            Setting::required("private_key", SettingKind::Secret, "your RSA private key (PEM or bare base64 DER)"),
            Setting::new("platform_public_key", SettingKind::Secret, "PayCools' public key, to verify callbacks"),
            Setting::new("sign_mode", SettingKind::Choice(&["envelope_sorted", "param_only"]), "what `sign` covers"),
            Setting::new("callback_secret", SettingKind::Secret, "the secret of legacy 40-hex callbacks"),
            Setting::new(
                "callback_url",
                SettingKind::Url,
                "where PayCools sends callbacks (default for --callback-url)",
            ),
            Setting::new("redirect_url", SettingKind::Url, "where the customer returns (default for --redirect-url)"),
        ];
        SETTINGS
    }

    fn gateway(&self, profile: &Profile) -> Result<Box<dyn Gateway>> {
        Ok(Box::new(PaycoolsGateway::from_profile(profile)?))
    }

    /// PayCools' acks are JSON and go out as such.
    fn callback_answer(&self) -> super::CallbackAnswer {
        super::CallbackAnswer { ack_content_type: "application/json", ..Default::default() }
    }

    fn sandbox(&self) -> Box<dyn crate::sandbox::SandboxProvider> {
        Box::new(sandbox::PaycoolsSandbox)
    }

    fn demo_checkout(&self) -> CheckoutInput {
        CheckoutInput {
            amount: rust_decimal::Decimal::new(5000, 2),
            customer_name: Some("Juan Dela Cruz".into()),
            customer_email: Some("juan@example.ph".into()),
            customer_phone: Some("09171234567".into()),
            product_name: Some("Adobo Kit".into()),
            ..Default::default()
        }
    }
}

/// What the request `sign` covers (docs/providers/paycools.md: public sources disagree).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignMode {
    /// `appId=..&appName=..&param=..`: non-empty top-level fields except `sign`, ASCII key order.
    EnvelopeSorted,
    /// The exact `param` string.
    ParamOnly,
}

impl SignMode {
    pub fn parse(text: &str) -> Option<SignMode> {
        match text {
            "envelope_sorted" => Some(SignMode::EnvelopeSorted),
            "param_only" => Some(SignMode::ParamOnly),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SignMode::EnvelopeSorted => "envelope_sorted",
            SignMode::ParamOnly => "param_only",
        }
    }
}

struct PaycoolsGateway {
    profile: String,
    base_url: String,
    app_id: String,
    app_name: String,
    sign_mode: SignMode,
    private_key: LazyPrivateKey,
    /// Parsed once; the error is kept so a bad key is reported the same way every time.
    platform_public_key: LazyPublicKey,
    callback_secret: LazySecret,
    callback_url: Option<String>,
    redirect_url: Option<String>,
}

impl PaycoolsGateway {
    fn from_profile(profile: &Profile) -> Result<Self> {
        let sign_mode = match profile.str("sign_mode")? {
            None => SignMode::EnvelopeSorted,
            Some(m) => SignMode::parse(&m).ok_or_else(|| {
                Error::config(format!("profile `{}`: sign_mode {m:?} is not known", profile.name))
                    .with_hint("use sign_mode = \"envelope_sorted\" (the default) or \"param_only\"")
            })?,
        };
        Ok(PaycoolsGateway {
            profile: profile.name.clone(),
            base_url: profile.base_url()?,
            app_id: profile.require_str("app_id")?,
            app_name: profile.str("app_name")?.unwrap_or_default(),
            sign_mode,
            private_key: profile.private_key(
                "private_key",
                "PayCools keys are PEM or bare base64 DER (PKCS#8); check the file or value",
            )?,
            platform_public_key: profile
                .public_key("platform_public_key", "PayCools' platform key is PEM or bare base64 DER (X.509 SPKI)")?,
            callback_secret: profile.secret("callback_secret")?,
            callback_url: profile.str("callback_url")?,
            redirect_url: profile.str("redirect_url")?,
        })
    }

    /// The string `sign` covers, in this profile's mode.
    fn string_to_sign(&self, param: &str) -> String {
        match self.sign_mode {
            SignMode::ParamOnly => param.to_string(),
            SignMode::EnvelopeSorted => {
                let mut fields =
                    [("appId", self.app_id.as_str()), ("appName", self.app_name.as_str()), ("param", param)];
                fields.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                fields
                    .iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("&")
            }
        }
    }

    /// The envelope around `param`, signed.
    fn signed(&self, path: &str, param: &Map<String, Value>) -> Result<PreparedRequest> {
        let param_text = serde_json::to_string(param).map_err(|e| Error::internal(e.to_string()))?;
        let signature = crypto::rsa_sha256_sign(self.private_key.get()?, self.string_to_sign(&param_text).as_bytes())?;
        let envelope = wire::Envelope {
            app_id: &self.app_id,
            app_name: &self.app_name,
            param: &param_text,
            sign: crypto::b64_encode(&signature),
        };
        let body = serde_json::to_vec(&envelope).map_err(|e| Error::internal(e.to_string()))?;
        Ok(PreparedRequest::post_json(format!("{}{path}", self.base_url), body))
    }

    /// Unwraps `{"code":1000,"message":"success","data":{...}}` or turns the refusal into an error.
    fn data(&self, resp: &HttpResponse, creating: bool) -> Result<Checkout> {
        // An answer that is not an object has no code: it is refused as such.
        let answer: Answer = read(&resp.json("PayCools")?).unwrap_or_default();
        let code = answer.code;
        let msg = answer.message.or(answer.msg).unwrap_or_default();
        if !matches!(code, Some(1000) | Some(10000)) {
            return Err(refusal(code, &msg, resp.status, creating));
        }
        match answer.data.as_ref().and_then(read::<Checkout>) {
            Some(d) => Ok(d),
            None => Err(Error::provider("PayCools answered success without a data object")
                .with_hint("run with -v to see the answer; the API may have changed")),
        }
    }
}

/// A PayCools refusal as an error whose message keeps the code and whose hint says what to do.
fn refusal(code: Option<i64>, msg: &str, http: u16, creating: bool) -> Error {
    let shown = code.map_or("none".to_string(), |c| c.to_string());
    let what = match code {
        Some(1008) => "not found",
        Some(1009) => "bad parameter",
        Some(1012) if creating => "the order id is already used",
        _ => "refused the request",
    };
    let message = format!("PayCools: {what}: {msg} (code {shown}, HTTP {http})");
    let err = Error::provider(message).with_hint(hint_for(code, msg, creating));
    match code {
        Some(1013) | Some(1018) => err.retryable(),
        Some(1008) => err.not_found(),
        _ => err,
    }
}

fn hint_for(code: Option<i64>, msg: &str, creating: bool) -> String {
    match code {
        Some(1001) => "PayCools does not know this app: check app_id (and base_url: UAT and production differ)".into(),
        Some(1002) => "this machine's public IP is not whitelisted: ask PayCools to add it".into(),
        Some(1003) => {
            "the signature was rejected: check sign_mode (envelope_sorted or param_only) and that private_key \
                       is the key whose public half PayCools has"
                .into()
        }
        Some(1004) => "the merchant account is unavailable: contact PayCools".into(),
        Some(1007) => "the amount is over the account's limit".into(),
        Some(1008) => "PayCools has no such order: check the order id (the merchant's mchOrderId)".into(),
        Some(1009) => format!("PayCools rejected a parameter: {msg}"),
        Some(1011) => "the payment channel is unavailable: try other availableChannelCodes or later".into(),
        Some(1012) if creating => {
            "an order with this id already exists: `paycli status check ID` shows it; use a new --order-id".into()
        }
        Some(1012) => "the order id is duplicated at PayCools".into(),
        Some(1013) => "rate limited by PayCools: try again later".into(),
        Some(1018) => "PayCools had a network failure: try again later".into(),
        Some(c) if (21000..=21016).contains(&c) => "see PayCools' message above (newer API error range)".into(),
        _ => "see PayCools' message above; run with -v to see the exchange".into(),
    }
}

pub fn format_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&wire::pht()).format("%Y-%m-%d %H:%M:%S").to_string()
}

impl Gateway for PaycoolsGateway {
    fn provider(&self) -> &'static str {
        ID
    }

    fn profile(&self) -> &str {
        &self.profile
    }

    fn checkout_request(&self, input: &CheckoutInput, now: DateTime<Utc>) -> Result<PreparedRequest> {
        let param = request::create_param(
            input,
            now,
            request::Defaults {
                callback_url: self.callback_url.as_deref(),
                redirect_url: self.redirect_url.as_deref(),
            },
        )?;
        self.signed("/api/v1/checkout", &param)
    }

    fn checkout_response(
        &self,
        input: &CheckoutInput,
        resp: &HttpResponse,
        now: DateTime<Utc>,
    ) -> Result<CheckoutRecord> {
        let created = self.data(resp, true)?;
        let expires_at = input.expires_in.and_then(|d| chrono::Duration::from_std(d).ok()).map(|d| now + d);
        Ok(CheckoutRecord {
            provider: ID.into(),
            profile: self.profile.clone(),
            order_id: created.mch_order_id.unwrap_or_else(|| input.order_id.clone()),
            provider_ref: created.checkout_id,
            status: created.transaction_status.as_ref().map_or(Status::Pending, Status::from),
            provider_status: created.transaction_status.map(|w| w.0),
            amount: created.amount.or_else(|| {
                money::to_minor_units(input.amount, 2, CURRENCY).ok().map(|m| money::from_minor_units(m, 2))
            }),
            currency: Some(CURRENCY.into()),
            checkout_url: created.redirect_url,
            expires_at,
            created_at: Some(now),
        })
    }

    fn status_request(&self, query: &StatusQuery, now: DateTime<Utc>) -> Result<PreparedRequest> {
        request::check_order_id(&query.id, "the order id")?;
        let param = wire::StatusParam { mch_order_id: &query.id, timestamp: now.timestamp_millis() };
        self.signed("/api/v1/checkout/state", &with_extra(&param, &[])?)
    }

    fn status_response(&self, _query: &StatusQuery, resp: &HttpResponse) -> Result<StatusRecord> {
        // Code 1008 (marked not_found by `refusal`) is PayCools saying the order does not exist.
        let order = self.data(resp, false)?;
        let status = order.transaction_status.as_ref().map_or(Status::Unknown, Status::from);
        let facts = OrderFacts {
            order_id: order.mch_order_id,
            provider_ref: order.checkout_id,
            status,
            provider_status: order.transaction_status.map(|w| w.0),
            amount: order.amount,
            currency: order.currency.or_else(|| Some(CURRENCY.into())),
            channel: order.channel_code,
            ..OrderFacts::default()
        };
        Ok(StatusRecord {
            paid_at: order.return_time.filter(|_| status == Status::Paid),
            updated_at: order.return_time.or(order.create_time),
            ..StatusRecord::new(ID, &self.profile, facts)
        })
    }

    fn check_credentials(&self) -> Vec<super::CredentialCheck> {
        let public = self.platform_public_key.is_set().then(|| self.platform_public_key.get());
        super::rsa_key_checks(&self.private_key, "private_key", public, "platform_public_key")
    }

    fn verify_callback(&self, capture: &CapturedRequest, _opts: &VerifyOptions) -> Result<CallbackVerdict> {
        callback::verify(self, capture)
    }

    // Every PayCools shape carries its signature in the body.
    fn verification_headers(&self) -> &'static [&'static str] {
        &[]
    }
}

#[cfg(test)]
mod tests;
