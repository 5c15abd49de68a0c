//! Cashy ("PayDesk" cashier, Indonesia, IDR). Seed 004; facts in shared/providers.md.
//!
//! Every call is a JSON POST with headers `MerchantId` and `Sign` = MD5(exact body bytes + api key),
//! upper-case hex. Webhooks are signed the same way and must be answered with `SUCCESS`.

mod sandbox;

use super::{
    CallbackVerdict, CheckoutInput, CredentialCheck, Gateway, Provider, StatusQuery, VerifyOptions, json_text,
};
use crate::capture::CapturedRequest;
use crate::config::{LazySecret, Profile};
use crate::crypto;
use crate::error::{Error, Result};
use crate::http::{HttpResponse, PreparedRequest};
use crate::model::{CheckoutRecord, OrderFacts, SignatureCheck, Status, StatusRecord};
use crate::money;
use crate::settings::{Setting, SettingKind};
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde_json::{Map, Value, json};

pub const ID: &str = "cashy";
const MIN_AMOUNT: i64 = 10_000;
const MAX_TEXT: usize = 32;
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

fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// Cashy's `yyyy-MM-dd HH:mm:ss` times are in GMT+7.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    wib().from_local_datetime(&naive).single().map(|t| t.with_timezone(&Utc))
}

fn nonce() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

fn check_len(field: &str, flag: &str, value: &str) -> Result<()> {
    if value.chars().count() > MAX_TEXT {
        return Err(Error::usage(format!(
            "{flag} is {} characters; Cashy's {field} allows at most {MAX_TEXT}",
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
    fn data(&self, resp: &HttpResponse) -> Result<Map<String, Value>> {
        let body = resp.json("Cashy")?;
        let code = body.get("code").and_then(Value::as_i64);
        let msg = body.get("msg").and_then(Value::as_str).unwrap_or("").to_string();
        if code != Some(200) {
            let shown = code.map_or("none".to_string(), |c| c.to_string());
            let err = Error::provider(format!("Cashy refused the request: {msg} (code {shown}, HTTP {})", resp.status))
                .with_hint(hint_for(&msg));
            let busy = matches!(msg.as_str(), "System_busy" | "System_Maintenance");
            return Err(if busy { err.retryable() } else { err });
        }
        match body.get("data") {
            Some(Value::Object(d)) => Ok(d.clone()),
            _ => Err(Error::provider("Cashy answered SUCCESS without a data object")
                .with_hint("run with -v to see the answer; the API may have changed")),
        }
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

fn map_status(word: &str) -> Status {
    match word {
        "PAYING" => Status::Pending,
        "SUCCESS" => Status::Paid,
        "FAIL" => Status::Failed,
        _ => Status::Unknown,
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
        check_len("realName", "--customer-name", real_name)?;
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
        let mut body = Map::new();
        body.insert("currency".into(), json!("IDR"));
        body.insert("amount".into(), json!(amount));
        body.insert("reusableStatus".into(), json!(false));
        body.insert("mchOrderNo".into(), json!(order));
        body.insert("expireTime".into(), json!(expire));
        body.insert("notifyUrl".into(), json!(notify));
        body.insert("nonceStr".into(), json!(nonce()));
        body.insert("remark".into(), json!(order));
        body.insert("realName".into(), json!(real_name));
        let optional = [
            ("phone", "--customer-phone", &input.customer_phone),
            ("email", "--customer-email", &input.customer_email),
            ("goodsSubject", "--product-name", &input.product_name),
            ("goodsBody", "--description", &input.description),
        ];
        for (field, flag, value) in optional {
            if let Some(v) = value {
                check_len(field, flag, v)?;
                body.insert(field.into(), json!(v));
            }
        }
        super::merge_extra(&mut body, &input.extra);
        let bytes = serde_json::to_vec(&body).map_err(|e| Error::internal(e.to_string()))?;
        self.signed("/api/payDesk", bytes)
    }

    fn checkout_response(
        &self,
        input: &CheckoutInput,
        resp: &HttpResponse,
        now: DateTime<Utc>,
    ) -> Result<CheckoutRecord> {
        let data = self.data(resp)?;
        let url = json_text(data.get("payDeskUrl")).or_else(|| json_text(data.get("payUrl")));
        Ok(CheckoutRecord {
            provider: ID.into(),
            profile: self.profile.clone(),
            order_id: json_text(data.get("mchOrderNo")).unwrap_or_else(|| input.order_id.clone()),
            provider_ref: json_text(data.get("orderNo")),
            status: Status::Pending,
            provider_status: None,
            amount: data.get("amount").and_then(money::amount_from_json).or(Some(input.amount)),
            currency: Some("IDR".into()),
            checkout_url: url,
            expires_at: data.get("expireTime").and_then(Value::as_str).and_then(parse_time),
            created_at: Some(now),
        })
    }

    fn status_request(&self, query: &StatusQuery, _now: DateTime<Utc>) -> Result<PreparedRequest> {
        check_len("mchOrderNo", "the order id", &query.id)?;
        let mut body = Map::new();
        if let Some(r) = &query.provider_ref {
            body.insert("orderNo".into(), json!(r));
        }
        body.insert("mchOrderNo".into(), json!(query.id));
        body.insert("nonceStr".into(), json!(nonce()));
        let bytes = serde_json::to_vec(&body).map_err(|e| Error::internal(e.to_string()))?;
        self.signed("/api/payDeskQuery", bytes)
    }

    fn status_response(&self, query: &StatusQuery, resp: &HttpResponse) -> Result<StatusRecord> {
        // On a query, Cashy's "bad mchOrderNo" answer is how it says the order does not exist.
        let data = self.data(resp).map_err(|e| {
            let unknown = resp.json(ID).ok().and_then(|b| b.get("msg").and_then(Value::as_str).map(str::to_string));
            if unknown.as_deref() == Some("Params_mchOrderNo_error") { e.not_found() } else { e }
        })?;
        let word = json_text(data.get("orderStatus"));
        let status = word.as_deref().map_or(Status::Unknown, map_status);
        let paid_at = data.get("completionTime").and_then(Value::as_str).and_then(parse_time);
        Ok(StatusRecord {
            order: OrderFacts {
                order_id: json_text(data.get("mchOrderNo")).or_else(|| Some(query.id.clone())),
                provider_ref: json_text(data.get("orderNo")),
                status,
                provider_status: word,
                amount: data.get("amount").and_then(money::amount_from_json),
                currency: Some("IDR".into()),
                fee: data.get("fee").and_then(money::amount_from_json).filter(|_| status == Status::Paid),
                channel: json_text(data.get("payType")),
                ..OrderFacts::default()
            },
            paid_at,
            updated_at: paid_at,
            provider: ID.into(),
            profile: self.profile.clone(),
        })
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
        let reason = reason.or_else(|| claims.as_ref().err().cloned());
        Ok(CallbackVerdict { signature, reason, claims: claims.unwrap_or_default(), ack: Some(ACK.into()) })
    }
}

fn read_claims(capture: &CapturedRequest) -> std::result::Result<OrderFacts, String> {
    let body = capture.json_body()?;
    let word = json_text(body.get("orderStatus"));
    Ok(OrderFacts {
        order_id: json_text(body.get("mchOrderNo")),
        provider_ref: json_text(body.get("orderNo")),
        status: word.as_deref().map_or(Status::Unknown, map_status),
        provider_status: word,
        amount: body.get("amount").and_then(money::amount_from_json),
        currency: Some("IDR".into()),
        fee: body.get("fee").and_then(money::amount_from_json),
        net_amount: None,
        channel: json_text(body.get("payType")),
        rrn: None,
    })
}

#[cfg(test)]
mod tests;
