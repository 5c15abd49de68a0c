//! Payfect (crypto checkouts, USDT on Tron). Its API as paycli relies on it: docs/providers/payfect.md.
//!
//! Django-REST API: `Authorization: Api-Key <key>`, every path ends with `/`, camelCase answers,
//! `{"detail": ...}` or field-map error bodies. Callbacks carry a Fernet token of their JSON body in
//! `X-Payfect-Signature` (see callback.rs).

mod callback;
mod sandbox;
pub mod wire;

use super::wire::{CallbackVerdict, body_bytes, read};
use super::{CheckoutInput, Gateway, Provider, StatusQuery, VerifyOptions};
use crate::capture::CapturedRequest;
use crate::config::{LazySecret, Profile};
use crate::error::{Error, Result};
use crate::http::{HttpResponse, PreparedRequest, snippet};
use crate::model::{CheckoutRecord, OrderFacts, StatusRecord};
use crate::settings::{Setting, SettingKind};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::Value;
use wire::{Checkout, ErrorBody};

pub const ID: &str = "payfect";
/// The only currency the API documents, in the provider's spelling.
const CURRENCY: &str = "usdt";
/// USDT (TRC20) has 6 decimals on chain: finer amounts cannot be paid.
const USDT_DECIMALS: u32 = 6;
const DEFAULT_NETWORK: &str = "tron";
/// The acknowledgement: Payfect only needs HTTP 200; the body is not read.
pub const ACK: &str = "OK";

pub struct Payfect;

/// Payfect's own verification knob: the oldest a callback's Fernet token may be
/// (`callback verify --max-age`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenOptions {
    pub max_age: chrono::Duration,
}

impl Provider for Payfect {
    fn id(&self) -> &'static str {
        ID
    }

    fn sandbox_profile(&self, sandbox_url: &str) -> toml::Table {
        let sink = format!("{sandbox_url}/_sandbox/sink/payfect");
        super::profile_table(
            ID,
            &format!("{sandbox_url}/api/v1"),
            &[
                ("api_key", sandbox::API_KEY),
                ("webhook_secret", sandbox::WEBHOOK_SECRET),
                ("network", DEFAULT_NETWORK),
                ("success_url", "https://shop.example/payfect/success"),
                ("cancel_url", "https://shop.example/payfect/cancel"),
                ("callback_url", &sink),
            ],
        )
    }

    fn secret_keys(&self) -> &'static [&'static str] {
        &["api_key", "webhook_secret"]
    }

    fn currency(&self) -> &'static str {
        "USDT"
    }

    fn checkout_rules(&self) -> &'static str {
        "USDT on Tron. --amount: at most 6 decimals; with --item it is the items' total (omit it, or give exactly that). --product-name only without --item. The hosted page collects the customer, so it refuses --customer-*; it also refuses --expires-in."
    }

    fn settings(&self) -> &'static [Setting] {
        const SETTINGS: &[Setting] = &[
            Setting::required("api_key", SettingKind::Secret, "your Payfect API key"),
            Setting::new("webhook_secret", SettingKind::Secret, "the Fernet key that seals callbacks"),
            Setting::new("network", SettingKind::Text, "the chain to pay on (Payfect documents tron)"),
            Setting::new("success_url", SettingKind::Url, "where the customer returns after paying"),
            Setting::new("cancel_url", SettingKind::Url, "where the customer returns on cancel"),
            Setting::new(
                "callback_url",
                SettingKind::Url,
                "where Payfect sends callbacks (default for --callback-url)",
            ),
        ];
        SETTINGS
    }

    fn gateway(&self, profile: &Profile) -> Result<Box<dyn Gateway>> {
        Ok(Box::new(PayfectGateway::from_profile(profile)?))
    }

    fn sandbox(&self) -> Box<dyn crate::sandbox::SandboxProvider> {
        Box::new(sandbox::PayfectSandbox)
    }

    fn demo_checkout(&self) -> CheckoutInput {
        let price = Decimal::new(205, 1);
        CheckoutInput {
            amount: price,
            currency: Some("USDT".into()),
            items: vec![super::LineItem { name: "Standard Plan".into(), quantity: 1, unit_price: price }],
            ..Default::default()
        }
    }
}

struct PayfectGateway {
    profile: String,
    base_url: String,
    api_key: LazySecret,
    webhook_secret: LazySecret,
    network: String,
    success_url: Option<String>,
    cancel_url: Option<String>,
    callback_url: Option<String>,
}

impl PayfectGateway {
    fn from_profile(profile: &Profile) -> Result<Self> {
        let network = profile.str("network")?.unwrap_or_else(|| DEFAULT_NETWORK.into());
        if !network.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(Error::config(format!(
                "profile `{}`: network {network:?} is not a network name",
                profile.name
            ))
            .with_hint("Payfect documents network = \"tron\""));
        }
        Ok(PayfectGateway {
            profile: profile.name.clone(),
            base_url: profile.base_url()?,
            api_key: profile.secret("api_key")?,
            webhook_secret: profile.secret("webhook_secret")?,
            network,
            success_url: profile.str("success_url")?,
            cancel_url: profile.str("cancel_url")?,
            callback_url: profile.str("callback_url")?,
        })
    }

    fn authorized(&self, req: PreparedRequest) -> Result<PreparedRequest> {
        let key = self.api_key.get()?;
        if key.expose().chars().any(|c| c.is_control()) {
            return Err(Error::config(format!("profile `{}`: api_key contains control characters", self.profile)));
        }
        Ok(req
            .header("Accept", "application/json")
            .sensitive_header("Authorization", format!("Api-Key {}", key.expose())))
    }

    /// The JSON object of a 2xx answer, or the refusal as an error a person can act on.
    fn answer(&self, resp: &HttpResponse, what: &str) -> Result<Checkout> {
        if (200..300).contains(&resp.status) {
            return match read::<Checkout>(&resp.json("Payfect")?) {
                Some(c) => Ok(c),
                None => Err(Error::provider(format!("Payfect answered HTTP {} without a JSON object", resp.status))
                    .with_hint("run with -v to see the answer; check base_url (it ends with /api/v1)")),
            };
        }
        let detail = serde_json::from_slice::<Value>(&resp.body)
            .ok()
            .map(|v| render_errors(&v))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| snippet(&resp.body));
        let s = resp.status;
        Err(match s {
            401 | 403 => Error::provider(format!("Payfect refused the API key (HTTP {s}): {detail}")).with_hint(
                "check api_key in the profile: Payfect wants the key from its dashboard as `Authorization: Api-Key <key>`, \
                 and test and live keys see different checkouts",
            ),
            404 => Error::provider(format!("Payfect has no {what} (HTTP 404): {detail}")).with_hint(
                "check the checkout id (provider_ref printed by checkout create) and that api_key belongs to the \
                 same merchant and mode (test/live); a 404 for every call means base_url is wrong (it ends with /api/v1)",
            ),
            400 => Error::provider(format!("Payfect rejected the request (HTTP 400): {detail}"))
                .with_hint("fix the fields named above; run with -v to see what was sent"),
            429 => Error::provider(format!("Payfect is rate limiting (HTTP 429): {detail}"))
                .with_hint("wait a little and try again")
                .retryable(),
            500..=599 => Error::provider(format!("Payfect failed (HTTP {s}): {detail}"))
                .with_hint("a server-side problem at Payfect: try again later")
                .retryable(),
            _ => Error::provider(format!("Payfect answered HTTP {s}: {detail}"))
                .with_hint("run with -v to see the whole exchange"),
        })
    }

    /// The checkout id to put in `/checkouts/{id}/`.
    fn checkout_id(&self, query: &StatusQuery) -> Result<String> {
        let id = match &query.provider_ref {
            Some(r) => r.trim().to_string(),
            None if uuid::Uuid::parse_str(query.id.trim()).is_ok() => query.id.trim().to_string(),
            None => {
                return Err(Error::usage(format!(
                    "Payfect looks checkouts up by checkout id; {:?} is not one: pass the checkout id \
                     (provider_ref printed by checkout create)",
                    query.id
                )));
            }
        };
        // The id becomes a path segment: anything but an id-like token would change the URL.
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(Error::usage(format!("{id:?} is not a Payfect checkout id")));
        }
        Ok(id)
    }
}

/// A Django REST framework error body as one line: `{"detail": "x"}` → `x`,
/// `{"invoice_items": [{"quantity": ["bad"]}]}` → `invoice_items[0].quantity: bad`.
pub fn render_errors(body: &Value) -> String {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<String>) {
        let emit = |out: &mut Vec<String>, text: String| {
            out.push(if prefix.is_empty() { text } else { format!("{prefix}: {text}") });
        };
        match v {
            Value::Null => {}
            Value::String(s) => emit(out, s.clone()),
            Value::Bool(_) | Value::Number(_) => emit(out, v.to_string()),
            Value::Array(items) if items.iter().all(Value::is_string) => {
                let texts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                if !texts.is_empty() {
                    emit(out, texts.join(" "));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(&format!("{prefix}[{i}]"), item, out);
                }
            }
            Value::Object(m) => {
                for (k, val) in m {
                    let p = match (k.as_str(), prefix.is_empty()) {
                        ("detail" | "non_field_errors", _) => prefix.to_string(),
                        (_, true) => k.clone(),
                        (_, false) => format!("{prefix}.{k}"),
                    };
                    walk(&p, val, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk("", body, &mut out);
    out.join("; ")
}

/// The URL given as a flag, else the profile's; checked when there is one.
fn url<'a>(flag: &str, given: &'a Option<String>, default: &'a Option<String>) -> Result<Option<&'a str>> {
    let url = given.as_deref().or(default.as_deref());
    url.map(|u| check_url(flag, u)).transpose()?;
    Ok(url)
}

fn check_url(flag: &str, url: &str) -> Result<()> {
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(()),
        _ => Err(Error::usage(format!("{flag} {url:?} is not an http(s) URL"))),
    }
}

fn check_decimals(what: &str, amount: Decimal) -> Result<()> {
    let scale = amount.normalize().scale();
    if scale > USDT_DECIMALS {
        return Err(Error::usage(format!(
            "{what} {amount} has {scale} decimal places; USDT amounts have at most {USDT_DECIMALS}"
        )));
    }
    Ok(())
}

/// `invoice_items` from `--item`, or one item from `--product-name`/`--description` and `--amount`.
fn invoice_items(input: &CheckoutInput) -> Result<Vec<wire::InvoiceItem<'_>>> {
    let item = |name, description, quantity, unit: Decimal| wire::InvoiceItem {
        price_data: wire::PriceData {
            product_data: wire::ProductData { name, description },
            currency: CURRENCY,
            unit_amount: unit.normalize().to_string(),
        },
        quantity,
    };
    if input.items.is_empty() {
        let name = match &input.product_name {
            Some(n) => std::borrow::Cow::Borrowed(n.as_str()),
            None => std::borrow::Cow::Owned(format!("Order {}", input.order_id)),
        };
        return Ok(vec![item(name, input.description.as_deref(), 1, input.amount)]);
    }
    if input.product_name.is_some() {
        return Err(Error::usage("--product-name goes with a single-item checkout; with --item, name each item"));
    }
    let mut total = Decimal::ZERO;
    for i in &input.items {
        check_decimals(&format!("--item {:?} unit price", i.name), i.unit_price)?;
        total = i
            .unit_price
            .checked_mul(Decimal::from(i.quantity))
            .and_then(|line| total.checked_add(line))
            .ok_or_else(|| Error::usage("the items' total is too large"))?;
    }
    if total.normalize() != input.amount.normalize() {
        return Err(Error::usage(format!(
            "--amount {} differs from the items' total {}: Payfect charges the items' total",
            input.amount,
            total.normalize()
        ))
        .with_hint(format!("pass --amount {}", total.normalize())));
    }
    let description = input.description.as_deref().filter(|_| input.items.len() == 1);
    Ok(input.items.iter().map(|i| item(i.name.as_str().into(), description, i.quantity, i.unit_price)).collect())
}

impl Gateway for PayfectGateway {
    fn provider(&self) -> &'static str {
        ID
    }

    fn profile(&self) -> &str {
        &self.profile
    }

    fn checkout_request(&self, input: &CheckoutInput, _now: DateTime<Utc>) -> Result<PreparedRequest> {
        if let Some(c) = &input.currency
            && !c.eq_ignore_ascii_case(CURRENCY)
        {
            return Err(Error::usage(format!("Payfect only takes USDT, not {c}")));
        }
        check_decimals("--amount", input.amount)?;
        if input.order_id.trim().is_empty() {
            return Err(Error::usage("the order id (client_reference_id) must not be empty"));
        }
        if input.customer_name.is_some() || input.customer_email.is_some() || input.customer_phone.is_some() {
            return Err(Error::usage(
                "Payfect's checkout API takes no customer details (its hosted page collects them); drop --customer-*",
            ));
        }
        if input.expires_in.is_some() {
            return Err(Error::usage(
                "Payfect checkouts last about 24 h and cannot be given an expiry; drop --expires-in",
            ));
        }
        let invoice_items = invoice_items(input)?;
        let request = wire::CreateRequest {
            client_reference_id: &input.order_id,
            currency: CURRENCY,
            invoice_items,
            success_url: url("--redirect-url", &input.redirect_url, &self.success_url)?,
            cancel_url: url("--cancel-url", &input.cancel_url, &self.cancel_url)?,
            callback_url: url("--callback-url", &input.callback_url, &self.callback_url)?,
            payment_method_data: wire::PaymentMethodData {
                kind: "cryptopaymentmethoddetail",
                detail: wire::PaymentMethodDetail { currency: CURRENCY, network: &self.network },
            },
        };
        let bytes = body_bytes(&request, &input.extra)?;
        self.authorized(PreparedRequest::post_json(format!("{}/checkouts/", self.base_url), bytes))
    }

    fn checkout_response(
        &self,
        input: &CheckoutInput,
        resp: &HttpResponse,
        _now: DateTime<Utc>,
    ) -> Result<CheckoutRecord> {
        let checkout = self.answer(resp, "checkouts endpoint at this base_url")?;
        let facts = checkout.facts();
        Ok(CheckoutRecord {
            provider: ID.into(),
            profile: self.profile.clone(),
            order_id: facts.order_id.unwrap_or_else(|| input.order_id.clone()),
            provider_ref: facts.provider_ref,
            status: facts.status,
            provider_status: facts.provider_status,
            amount: facts.amount,
            currency: facts.currency,
            checkout_url: checkout.url,
            expires_at: checkout.expires_at,
            created_at: checkout.created_at,
        })
    }

    fn status_request(&self, query: &StatusQuery, _now: DateTime<Utc>) -> Result<PreparedRequest> {
        let id = self.checkout_id(query)?;
        self.authorized(PreparedRequest::new("GET", format!("{}/checkouts/{id}/", self.base_url)))
    }

    fn status_response(&self, query: &StatusQuery, resp: &HttpResponse) -> Result<StatusRecord> {
        let what = format!("checkout {}", query.provider_ref.as_deref().unwrap_or(&query.id));
        // A 404 with the API's JSON `detail` is "no such checkout"; a 404 without it is more
        // likely a wrong base_url, which must not read as "nothing was created".
        let checkout = self.answer(resp, &what).map_err(|e| {
            let detail = resp.json("Payfect").ok().and_then(|b| read::<ErrorBody>(&b)).and_then(|b| b.detail);
            if resp.status == 404 && detail.is_some() { e.not_found() } else { e }
        })?;
        Ok(StatusRecord { updated_at: checkout.updated_at, ..StatusRecord::new(ID, &self.profile, checkout.facts()) })
    }

    fn verify_callback(&self, capture: &CapturedRequest, opts: &VerifyOptions) -> Result<CallbackVerdict> {
        let secret = self.webhook_secret.get()?;
        let key = callback::fernet_key(secret.expose()).ok_or_else(|| {
            Error::config(format!("profile `{}`: webhook_secret is not a Fernet key", self.profile))
                .with_hint("it is 32 bytes in url-safe base64 (44 characters), as shown in Payfect's dashboard")
        })?;
        Ok(callback::verify(&key, capture, opts))
    }

    fn verification_headers(&self) -> &'static [&'static str] {
        &[callback::HEADER]
    }

    /// Payfect has no lookup by order id: the callback's checkout id is what can be queried.
    fn requery_for(&self, claims: &OrderFacts) -> Option<StatusQuery> {
        let checkout = claims.provider_ref.clone()?;
        Some(StatusQuery::new(claims.order_id.clone().unwrap_or_else(|| checkout.clone()), Some(checkout)))
    }

    /// The callback's `id` may be a payment id (the payload is shaped like a charge), so the
    /// checkout the journal holds for its `client_reference_id` is asked first, then `id`.
    fn requeries(&self, claims: &OrderFacts, journal_ref: Option<&str>) -> Vec<super::Requery> {
        let mut out = Vec::new();
        if let (Some(checkout), Some(order)) = (journal_ref, &claims.order_id) {
            out.push(super::Requery {
                query: StatusQuery::new(order.clone(), Some(checkout.to_string())),
                via: Some(format!("checkout {checkout} from the journal (client_reference_id {order})")),
            });
        }
        if let Some(query) = self.requery_for(claims).filter(|q| q.provider_ref.as_deref() != journal_ref) {
            let via = format!("the callback's id {}", query.provider_ref.as_deref().unwrap_or_default());
            out.push(super::Requery { query, via: Some(via) });
        }
        out
    }
}

#[cfg(test)]
mod tests;
