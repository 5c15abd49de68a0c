//! Cashy ("PayDesk" cashier, Indonesia, IDR). Its API as paycli relies on it: docs/providers/cashy.md.
//!
//! Every call is a JSON POST with headers `MerchantId` and `Sign` = MD5(exact body bytes + api key),
//! upper-case hex. Webhooks are signed the same way and must be answered with `SUCCESS`.

mod sandbox;
pub mod wire;

use super::wire::{CallbackVerdict, body_bytes, read};
use super::{CheckoutInput, CredentialCheck, Gateway, Provider, StatusQuery, VerifyOptions};
use crate::capture::CapturedRequest;
use crate::config::{LazySecret, Profile};
use crate::crypto;
use crate::error::{Error, Result};
use crate::http::{HttpResponse, PreparedRequest};
use crate::model::{CheckoutRecord, OrderFacts, SignatureCheck, Status, StatusRecord};
use crate::money;
use crate::settings::{Setting, SettingKind};
use chrono::{DateTime, Utc};
use serde_json::Value;
use wire::{Answer, Created, Order};

pub const ID: &str = "cashy";
const MIN_AMOUNT: i64 = 10_000;
const MAX_TEXT: usize = 32;
/// `realName` is string(32) in the seed but string(64) on Cashy's current IDN PayDesk page.
const MAX_REAL_NAME: usize = 64;
/// The acknowledgement Cashy expects; anything else makes it retry.
pub const ACK: &str = "SUCCESS";

pub struct Cashy;

impl Provider for Cashy {
    fn id(&self) -> &'static str {
        ID
    }

    fn sandbox_profile(&self, sandbox_url: &str) -> toml::Table {
        let sink = format!("{sandbox_url}/_sandbox/sink/cashy");
        super::profile_table(
            ID,
            sandbox_url,
            &[("merchant_id", sandbox::MERCHANT_ID), ("api_key", sandbox::API_KEY), ("notify_url", &sink)],
        )
    }

    fn secret_keys(&self) -> &'static [&'static str] {
        &["api_key"]
    }

    fn currency(&self) -> &'static str {
        "IDR"
    }

    fn checkout_rules(&self) -> &'static str {
        "IDR. Requires --customer-name. --amount: whole rupiah, at least 10000. --order-id: letters, digits, - and _. Callbacks go to --callback-url or the profile's notify_url (http(s), at most 250 characters). --expires-in: 1m to 7d. Refuses --item, --redirect-url and --cancel-url."
    }

    fn settings(&self) -> &'static [Setting] {
        const SETTINGS: &[Setting] = &[
            Setting::required("merchant_id", SettingKind::Text, "your Cashy merchant id, from onboarding"),
            Setting::required("api_key", SettingKind::Secret, "the key that signs requests and callbacks"),
            Setting::new("notify_url", SettingKind::Url, "where Cashy sends callbacks (default for --callback-url)"),
        ];
        SETTINGS
    }

    fn gateway(&self, profile: &Profile) -> Result<Box<dyn Gateway>> {
        Ok(Box::new(CashyGateway {
            profile: profile.name.clone(),
            base_url: profile.base_url()?,
            merchant_id: profile.require_str("merchant_id")?,
            api_key: profile.secret("api_key")?,
            notify_url: profile.str("notify_url")?,
        }))
    }

    fn sandbox(&self) -> Box<dyn crate::sandbox::SandboxProvider> {
        Box::new(sandbox::CashySandbox)
    }

    fn demo_checkout(&self) -> CheckoutInput {
        CheckoutInput {
            amount: rust_decimal::Decimal::from(150_000),
            customer_name: Some("Budi Santoso".into()),
            product_name: Some("Kopi Gayo 1kg".into()),
            ..Default::default()
        }
    }
}

struct CashyGateway {
    profile: String,
    base_url: String,
    merchant_id: String,
    api_key: LazySecret,
    notify_url: Option<String>,
}

fn nonce() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

fn check_len(field: &str, flag: &str, value: &str) -> Result<()> {
    check_len_max(field, flag, value, MAX_TEXT)
}

fn check_len_max(field: &str, flag: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::usage(format!(
            "{flag} is {} characters; Cashy's {field} allows at most {max}",
            value.chars().count()
        )));
    }
    Ok(())
}

impl CashyGateway {
    /// The signed request: `Sign` = MD5(body + api key), upper-case hex as the docs show.
    fn signed(&self, path: &str, body: Vec<u8>) -> Result<PreparedRequest> {
        let key = self.api_key.get()?;
        let mut to_sign = body.clone();
        to_sign.extend_from_slice(key.expose().as_bytes());
        let sign = crypto::md5_hex(&to_sign).to_ascii_uppercase();
        Ok(PreparedRequest::post_json(format!("{}{path}", self.base_url), body)
            .header("MerchantId", &self.merchant_id)
            .header("Sign", sign))
    }

    /// Unwraps `{"code":200,"msg":"SUCCESS","data":{...}}` or turns the refusal into an error.
    fn data(&self, resp: &HttpResponse) -> Result<Value> {
        // An answer that is not an object has no code: it is refused as such.
        let answer: Answer = read(&resp.json("Cashy")?).unwrap_or_default();
        let (code, msg) = (answer.code, answer.msg.unwrap_or_default());
        if code != Some(200) {
            let shown = code.map_or("none".to_string(), |c| c.to_string());
            let err = Error::provider(format!("Cashy refused the request: {msg} (code {shown}, HTTP {})", resp.status))
                .with_hint(hint_for(&msg));
            let busy = matches!(msg.as_str(), "System_busy" | "System_Maintenance");
            return Err(if busy { err.retryable() } else { err });
        }
        match answer.data {
            Some(d) if d.is_object() => Ok(d),
            _ => Err(Error::provider("Cashy answered SUCCESS without a data object")
                .with_hint("run with -v to see the answer; the API may have changed")),
        }
    }

    /// The refusal word of an answer, when it has one.
    fn refusal_word(resp: &HttpResponse) -> Option<String> {
        resp.json(ID).ok().and_then(|b| read::<Answer>(&b)).and_then(|a| a.msg)
    }
}

/// Cashy's error words, translated into what to do next.
fn hint_for(msg: &str) -> String {
    match msg {
        "Sign_verify_error" => "the signature was rejected: check api_key and merchant_id in the profile".into(),
        "MerchantId_is_null" | "MerchantId_not_Number" | "MerchantId_is_error" => {
            "check merchant_id in the profile (the numeric id from onboarding)".into()
        }
        "Request_ip_notWhiteList" => "this machine's public IP is not whitelisted: ask Cashy to add it".into(),
        "System_busy" | "System_Maintenance" | "System_error" => {
            "Cashy is busy or in maintenance: try again later".into()
        }
        "RequestContentType_not_json"
        | "RequestBody_is_null"
        | "RequestMethod_not_post"
        | "Params_jsonFormat_error" => {
            "the request was malformed; this is a paycli bug, please report it with -v output".into()
        }
        m if m.starts_with("Params_") => {
            let field = m.trim_start_matches("Params_").trim_end_matches("_Required").trim_end_matches("_error");
            if m.ends_with("_Required") {
                format!("Cashy needs the field `{field}`")
            } else if field == "mchOrderNo" {
                "Cashy rejected the order id: it must be unique and at most 32 characters (or the order does not exist)"
                    .into()
            } else {
                format!("Cashy rejected the value of `{field}`")
            }
        }
        _ => "see Cashy's message above; run with -v to see the exchange".into(),
    }
}

impl Gateway for CashyGateway {
    fn provider(&self) -> &'static str {
        ID
    }

    fn profile(&self) -> &str {
        &self.profile
    }

    fn checkout_request(&self, input: &CheckoutInput, _now: DateTime<Utc>) -> Result<PreparedRequest> {
        let currency = input.currency.as_deref().unwrap_or("IDR");
        if !currency.eq_ignore_ascii_case("IDR") {
            return Err(Error::usage(format!("Cashy only takes IDR, not {currency}")));
        }
        let amount = money::to_whole_units(input.amount, "IDR")
            .map_err(|e| e.with_hint("IDR amounts are whole rupiah, e.g. --amount 150000"))?;
        if amount < MIN_AMOUNT {
            return Err(Error::usage(format!("Cashy's minimum amount is {MIN_AMOUNT} IDR, got {amount}")));
        }
        let order = &input.order_id;
        if order.is_empty() || !order.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(Error::usage(format!("order id {order:?} must be letters, digits, '-' or '_'")));
        }
        check_len("mchOrderNo", "--order-id", order)?;
        let notify = input.callback_url.as_deref().or(self.notify_url.as_deref()).ok_or_else(|| {
            Error::usage("Cashy needs a notify URL for the webhook")
                .with_hint("pass --callback-url https://... or set notify_url in the profile")
        })?;
        let parsed =
            reqwest::Url::parse(notify).map_err(|_| Error::usage(format!("notify URL {notify:?} is not a URL")))?;
        if !matches!(parsed.scheme(), "http" | "https") || notify.len() > 250 {
            return Err(Error::usage("Cashy's notify URL must be http(s) and at most 250 characters"));
        }
        let real_name = input.customer_name.as_deref().filter(|s| !s.trim().is_empty()).ok_or_else(|| {
            Error::usage("Cashy requires the payer's name").with_hint("pass --customer-name \"Budi Santoso\"")
        })?;
        check_len_max("realName", "--customer-name", real_name, MAX_REAL_NAME)?;
        if !input.items.is_empty() {
            return Err(Error::usage("Cashy does not take line items").with_hint("use --product-name and --amount"));
        }
        if input.redirect_url.is_some() || input.cancel_url.is_some() {
            return Err(Error::usage("Cashy has no redirect or cancel URL; drop --redirect-url/--cancel-url"));
        }
        let expire = match input.expires_in {
            None => 3600,
            Some(d) if d.as_secs() >= 60 && d.as_secs() <= 7 * 86400 => d.as_secs(),
            Some(_) => return Err(Error::usage("--expires-in for Cashy must be between 1m and 7d")),
        };
        let optional = [
            ("phone", "--customer-phone", &input.customer_phone),
            ("email", "--customer-email", &input.customer_email),
            ("goodsSubject", "--product-name", &input.product_name),
            ("goodsBody", "--description", &input.description),
        ];
        for (field, flag, value) in optional {
            if let Some(v) = value {
                check_len(field, flag, v)?;
            }
        }
        let request = wire::CreateRequest {
            currency: "IDR",
            amount,
            reusable_status: false,
            mch_order_no: order,
            expire_time: expire,
            notify_url: notify,
            nonce_str: nonce(),
            remark: order,
            real_name,
            phone: input.customer_phone.as_deref(),
            email: input.customer_email.as_deref(),
            goods_subject: input.product_name.as_deref(),
            goods_body: input.description.as_deref(),
        };
        self.signed("/api/payDesk", body_bytes(&request, &input.extra)?)
    }

    fn checkout_response(
        &self,
        input: &CheckoutInput,
        resp: &HttpResponse,
        now: DateTime<Utc>,
    ) -> Result<CheckoutRecord> {
        let created: Created = read(&self.data(resp)?)
            .ok_or_else(|| Error::provider("Cashy's create answer has a data object paycli cannot read"))?;
        Ok(CheckoutRecord {
            provider: ID.into(),
            profile: self.profile.clone(),
            order_id: created.mch_order_no.unwrap_or_else(|| input.order_id.clone()),
            provider_ref: created.order_no,
            status: Status::Pending,
            provider_status: None,
            amount: created.amount.or(Some(input.amount)),
            currency: Some("IDR".into()),
            checkout_url: created.pay_desk_url.or(created.pay_url),
            expires_at: created.expire_time,
            created_at: Some(now),
        })
    }

    fn status_request(&self, query: &StatusQuery, _now: DateTime<Utc>) -> Result<PreparedRequest> {
        check_len("mchOrderNo", "the order id", &query.id)?;
        let request = wire::StatusRequest {
            order_no: query.provider_ref.as_deref(),
            mch_order_no: &query.id,
            nonce_str: nonce(),
        };
        self.signed("/api/payDeskQuery", body_bytes(&request, &[])?)
    }

    fn status_response(&self, _query: &StatusQuery, resp: &HttpResponse) -> Result<StatusRecord> {
        // On a query, Cashy's "bad mchOrderNo" answer is how it says the order does not exist.
        let data = self.data(resp).map_err(|e| {
            let unknown = Self::refusal_word(resp);
            if unknown.as_deref() == Some("Params_mchOrderNo_error") { e.not_found() } else { e }
        })?;
        let order: Order =
            read(&data).ok_or_else(|| Error::provider("Cashy's status answer has a data object paycli cannot read"))?;
        let paid_at = order.completion_time;
        let mut facts = order.facts();
        // Cashy reports a fee on unpaid orders too; it is charged only on payment.
        if facts.status != Status::Paid {
            facts.fee = None;
        }
        Ok(StatusRecord { paid_at, updated_at: paid_at, ..StatusRecord::new(ID, &self.profile, facts) })
    }

    /// Cashy has one credential, the shared api key; only the provider can say if it is right.
    fn check_credentials(&self) -> Vec<CredentialCheck> {
        let result = self.api_key.get().map(|_| "api_key is set (the status check below proves it)".to_string());
        vec![CredentialCheck { name: "api key".into(), result }]
    }

    fn verify_callback(&self, capture: &CapturedRequest, _opts: &VerifyOptions) -> Result<CallbackVerdict> {
        let key = self.api_key.get()?;
        let claims = read_claims(capture);
        let (signature, reason) = match capture.header("Sign") {
            None => (
                SignatureCheck::Missing,
                Some("no Sign header: pass it with --header 'Sign: ...' or capture the whole request".to_string()),
            ),
            Some(given) => {
                let mut to_sign = capture.body.clone();
                to_sign.extend_from_slice(key.expose().as_bytes());
                let expected = crypto::md5_hex(&to_sign);
                let merchant = capture.header("MerchantId");
                if !crypto::ct_eq_hex(given, &expected) {
                    (
                        SignatureCheck::Mismatch,
                        Some("Sign is not MD5(body + api_key): the body was changed or the key differs".to_string()),
                    )
                } else if merchant.is_some_and(|m| m.trim() != self.merchant_id) {
                    (
                        SignatureCheck::Mismatch,
                        Some(format!("MerchantId header is not this profile's merchant_id {}", self.merchant_id)),
                    )
                } else {
                    (SignatureCheck::Ok, None)
                }
            }
        };
        Ok(CallbackVerdict::new(signature, reason, claims, Some(ACK)))
    }

    fn verification_headers(&self) -> &'static [&'static str] {
        &["Sign", "MerchantId"]
    }
}

/// A callback body is the order, as in a status answer.
fn read_claims(capture: &CapturedRequest) -> std::result::Result<OrderFacts, String> {
    let body = capture.json_body()?;
    read::<Order>(&body).map(Order::facts).ok_or_else(|| "the body is not a JSON object".to_string())
}

#[cfg(test)]
mod tests;
