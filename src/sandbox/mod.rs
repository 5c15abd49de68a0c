//! `paycli sandbox`: one local HTTP server that emulates every provider. The shared parts live
//! here (orders, hosted pages, callback delivery); each provider module supplies its API routes,
//! its own signature checks and the callbacks it sends.
//!
//! The server knows no provider module: it serves the emulations it is given
//! (`providers::emulators()`), so providers depend on the sandbox and never the other way.

mod delivery;
mod page;
pub mod store;

pub use delivery::{DeliveryOutcome, DeliveryRecord, OutgoingCallback};
pub use store::{Order, OrderState, OrderStore};

use crate::error::{Error, Result};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What each provider module adds to the sandbox.
pub trait SandboxProvider: Send + Sync {
    fn id(&self) -> &'static str;
    /// The provider's API paths and its hosted page path, answering as the real service does.
    fn routes(&self) -> Router<Arc<Sandbox>>;
    /// The merchant settings this emulation honours (`paycli sandbox --set PROVIDER.KEY=VALUE`).
    fn settings(&self) -> &'static [crate::settings::Setting] {
        &[]
    }
    /// Payment channels offered on the hosted page.
    fn channels(&self) -> &'static [&'static str];
    /// Fills in what the provider adds when an order is paid (fees, RRN, ...).
    fn on_paid(&self, _order: &mut Order) {}
    /// The signed callback for an order that reached a final state, if the provider sends one.
    fn callback(&self, sandbox: &Sandbox, order: &Order) -> Option<OutgoingCallback>;
    /// Waits before each retry, in real provider time (divided by `--time-scale`).
    fn retry_delays(&self) -> Vec<Duration>;
    /// Whether the merchant's answer ends the delivery.
    fn judge(&self, status: u16, body: &[u8]) -> DeliveryOutcome;
    /// `callback` signed with the merchant's own key instead of the sandbox's published one
    /// (`paycli callback send --key`). Providers opt in; the default says it is not supported.
    fn callback_with_key(&self, _sandbox: &Sandbox, _order: &Order, _key: &CallbackKey) -> Result<OutgoingCallback> {
        Err(Error::usage(format!("callback send --key is not supported for {}", self.id()))
            .with_hint("leave out --key to sign with the sandbox's published test keys"))
    }
}

/// A merchant's own signing material for `callback send --key`.
pub struct CallbackKey {
    /// The key file's first line.
    pub secret: crate::secret::Secret,
    /// The selected profile's `merchant_id`, when it has one.
    pub merchant_id: Option<String>,
}

pub struct SandboxOptions {
    pub time_scale: f64,
    pub state: Option<std::path::PathBuf>,
    /// Per-provider merchant settings, `provider.key = value` (e.g. `zenospay.callback_url`).
    pub settings: HashMap<String, String>,
    /// Log every request and callback delivery attempt on stderr.
    pub log: bool,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions { time_scale: 1.0, state: None, settings: HashMap::new(), log: false }
    }
}

pub struct Sandbox {
    pub base_url: String,
    pub store: OrderStore,
    time_scale: f64,
    settings: HashMap<String, String>,
    providers: HashMap<&'static str, Arc<dyn SandboxProvider>>,
    client: reqwest::Client,
    /// One line on stderr per API request and per callback delivery attempt (`paycli sandbox`).
    log: bool,
    deliveries: Mutex<Vec<DeliveryRecord>>,
    queries: Mutex<std::collections::VecDeque<QueryRecord>>,
}

/// Status queries kept in the query log; older ones are dropped first.
const QUERY_LOG: usize = 200_000;

/// One status query the sandbox answered for an existing order (`GET /_sandbox/queries`): tests
/// count them to prove an order was checked once.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QueryRecord {
    pub provider: String,
    pub id: String,
    pub merchant_order_id: Option<String>,
    pub at: String,
}

impl Sandbox {
    pub fn new(
        base_url: String,
        emulators: Vec<Box<dyn SandboxProvider>>,
        opts: SandboxOptions,
    ) -> Result<Arc<Sandbox>> {
        if !(opts.time_scale.is_finite() && opts.time_scale > 0.0) {
            return Err(Error::usage("--time-scale must be a positive number"));
        }
        let store = match &opts.state {
            Some(p) => OrderStore::open(p)?,
            None => OrderStore::in_memory(),
        };
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .user_agent("paycli-sandbox")
            .build()
            .map_err(|e| Error::internal(e.to_string()))?;
        let providers = emulators
            .into_iter()
            .map(|p| {
                let s: Arc<dyn SandboxProvider> = Arc::from(p);
                (s.id(), s)
            })
            .collect();
        Ok(Arc::new(Sandbox {
            base_url,
            store,
            time_scale: opts.time_scale,
            settings: opts.settings,
            providers,
            client,
            log: opts.log,
            deliveries: Mutex::new(Vec::new()),
            queries: Mutex::new(std::collections::VecDeque::new()),
        }))
    }

    /// A merchant setting of one provider (`--set provider.key=value`).
    pub fn setting(&self, provider: &str, key: &str) -> Option<&str> {
        self.settings.get(&format!("{provider}.{key}")).map(String::as_str)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    pub fn router(self: &Arc<Self>) -> Router {
        let mut router: Router<Arc<Sandbox>> = Router::new()
            .route("/_sandbox/health", get(|| async { "ok" }))
            .route("/_sandbox/orders", get(list_orders))
            .route("/_sandbox/deliveries", get(list_deliveries))
            .route("/_sandbox/queries", get(list_queries))
            .route("/_sandbox/orders/{provider}/{id}/{action}", post(order_action))
            // The built-in profiles' default callback URL: accepts any callback like a merchant
            // that processed it (Cashy wants the text SUCCESS, the others any 2xx).
            .route("/_sandbox/sink/{provider}", post(|| async { "SUCCESS" }));
        for p in self.providers.values() {
            router = router.merge(p.routes());
        }
        router.with_state(self.clone())
    }

    /// The hosted checkout page of an order (provider routes call this for their page path).
    pub fn page(&self, provider: &str, id: &str) -> Response {
        match (self.store.get(provider, id), self.providers.get(provider)) {
            (Some(order), Some(p)) => page::render(&order, p.channels(), &self.url(&order.page_path)).into_response(),
            _ => page::not_found(provider, id).into_response(),
        }
    }

    /// The emulation of one provider.
    pub fn provider(&self, id: &str) -> Option<Arc<dyn SandboxProvider>> {
        self.providers.get(id).cloned()
    }

    /// Moves an order to a final state as the person on the hosted page chose, then notifies.
    pub fn settle(self: &Arc<Self>, provider: &str, id: &str, action: &str, channel: Option<String>) -> Option<Order> {
        let current = self.store.get(provider, id)?;
        if current.state != OrderState::Pending {
            return Some(current);
        }
        let updated = self.finish(provider, id, action, channel)?;
        self.notify(&updated);
        Some(updated)
    }

    /// The state change of `settle` without sending the callback (`callback send` sends its own).
    pub fn finish(&self, provider: &str, id: &str, action: &str, channel: Option<String>) -> Option<Order> {
        let p = self.providers.get(provider)?.clone();
        self.store.update(provider, id, |o| match action {
            "pay" => {
                o.state = OrderState::Paid;
                o.channel = channel.or_else(|| p.channels().first().map(|c| c.to_string()));
                o.paid_at = Some(chrono::Utc::now());
                p.on_paid(o);
            }
            "fail" => o.state = OrderState::Failed,
            _ => o.state = OrderState::Expired,
        })
    }

    fn notify(self: &Arc<Self>, order: &Order) {
        let Some(p) = self.providers.get(order.provider.as_str()).cloned() else { return };
        let delays: Vec<Duration> = p.retry_delays().into_iter().map(|d| d.div_f64(self.time_scale)).collect();
        tokio::spawn(delivery::deliver(self.clone(), p, order.clone(), delays));
    }

    pub fn deliveries(&self) -> Vec<DeliveryRecord> {
        self.deliveries.lock().expect("deliveries lock").clone()
    }

    /// Notes a status query answered for `order` (provider emulators call this).
    pub fn log_query(&self, order: &Order) {
        let mut log = self.queries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if log.len() >= QUERY_LOG {
            log.pop_front();
        }
        log.push_back(QueryRecord {
            provider: order.provider.clone(),
            id: order.id.clone(),
            merchant_order_id: order.merchant_order_id.clone(),
            at: crate::model::format_time(&chrono::Utc::now()),
        });
    }
}

/// A non-empty string field of a request body.
pub fn str_field<'a>(m: &'a serde_json::Map<String, serde_json::Value>, name: &str) -> Option<&'a str> {
    m.get(name).and_then(serde_json::Value::as_str).filter(|s| !s.is_empty())
}

/// Runs the sandbox on `127.0.0.1:port` until Ctrl-C.
/// `POST /api/payDesk -> 200 (3 ms)`, like a development server; `-q` silences it.
async fn log_request(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let started = std::time::Instant::now();
    let resp = next.run(req).await;
    crate::output::note(format_args!(
        "{method} {path} -> {} ({} ms)",
        resp.status().as_u16(),
        started.elapsed().as_millis()
    ));
    resp
}

pub async fn serve(port: u16, emulators: Vec<Box<dyn SandboxProvider>>, opts: SandboxOptions) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
        Error::usage(format!("cannot listen on 127.0.0.1:{port}: {e}"))
            .with_hint("is another sandbox running? pick another --port (and set PAYCLI_SANDBOX_URL)")
    })?;
    let addr = listener.local_addr()?;
    let ids: Vec<&str> = emulators.iter().map(|e| e.id()).collect();
    let ids = ids.join(", ");
    let sandbox = Sandbox::new(format!("http://{addr}"), emulators, opts)?;
    // Always printed, even with -q: it is how a script learns the port of `--port 0`.
    crate::output::stderr_text(&format!("paycli sandbox listening on http://{addr}\n"));
    if let Some(p) = sandbox.store.path() {
        crate::output::note(format_args!("orders are kept in {}", p.display()));
    }
    crate::output::note(format_args!("providers: {ids}  (Ctrl-C to stop)"));
    let router = sandbox.router().layer(axum::middleware::from_fn(log_request));
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::internal(format!("sandbox server failed: {e}")))
}

/// Starts a sandbox on a free loopback port in this process (for `demo` and tests).
pub async fn spawn(emulators: Vec<Box<dyn SandboxProvider>>, opts: SandboxOptions) -> Result<Arc<Sandbox>> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let sandbox = Sandbox::new(format!("http://{addr}"), emulators, opts)?;
    let router = sandbox.router();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Ok(sandbox)
}

async fn list_orders(State(sb): State<Arc<Sandbox>>) -> impl IntoResponse {
    axum::Json(sb.store.all())
}

async fn list_queries(State(sb): State<Arc<Sandbox>>) -> impl IntoResponse {
    let log = sb.queries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    axum::Json(log.iter().cloned().collect::<Vec<_>>())
}

async fn list_deliveries(State(sb): State<Arc<Sandbox>>) -> impl IntoResponse {
    axum::Json(sb.deliveries())
}

#[derive(serde::Deserialize)]
struct ActionForm {
    channel: Option<String>,
}

async fn order_action(
    State(sb): State<Arc<Sandbox>>,
    Path((provider, id, action)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Response {
    if !matches!(action.as_str(), "pay" | "fail" | "expire") {
        return (axum::http::StatusCode::NOT_FOUND, "unknown action").into_response();
    }
    let form: ActionForm = serde_urlencoded::from_bytes(&body).unwrap_or(ActionForm { channel: None });
    let channel = form.channel.filter(|c| !c.is_empty());
    match sb.settle(&provider, &id, &action, channel) {
        Some(order) => Redirect::to(&order.page_path).into_response(),
        None => page::not_found(&provider, &id).into_response(),
    }
}
