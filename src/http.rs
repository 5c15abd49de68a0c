//! The one place paycli talks HTTP: prepared (signed) requests, sending them, `--verbose` logs and
//! `--dry-run` rendering. Providers build `PreparedRequest`s and read `HttpResponse`s; no I/O there.

use crate::error::{Error, Result};
use crate::secret::REDACTED;
use std::time::Duration;

/// Provider answers larger than this are refused instead of being held in memory.
pub const MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
    /// Carries a credential (an API key): redacted in `--dry-run` and `--verbose`.
    pub sensitive: bool,
}

#[derive(Debug, Clone)]
pub struct PreparedRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<Header>,
    pub body: Vec<u8>,
}

impl PreparedRequest {
    pub fn new(method: &str, url: String) -> Self {
        PreparedRequest { method: method.into(), url, headers: Vec::new(), body: Vec::new() }
    }

    /// A POST with a JSON body; `body` must be the exact bytes that get signed.
    pub fn post_json(url: String, body: Vec<u8>) -> Self {
        PreparedRequest::new("POST", url).header("Content-Type", "application/json").body(body)
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push(Header { name: name.into(), value: value.into(), sensitive: false });
        self
    }

    pub fn sensitive_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push(Header { name: name.into(), value: value.into(), sensitive: true });
        self
    }

    pub fn body(mut self, body: Vec<u8>) -> Self {
        self.body = body;
        self
    }

    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
    }

    /// `--dry-run` output: `{"method","url","headers":{..},"body":"<exact body text>"}`, scrubbed.
    pub fn dry_run_json(&self) -> serde_json::Value {
        let headers: serde_json::Map<String, serde_json::Value> =
            self.headers.iter().map(|h| (h.name.clone(), shown_value(h).into())).collect();
        let mut shown = serde_json::json!({
            "method": self.method,
            "url": self.url,
            "headers": headers,
            "body": String::from_utf8_lossy(&self.body),
        });
        crate::secret::scrub_json(&mut shown);
        shown
    }
}

fn shown_value(h: &Header) -> String {
    if h.sensitive { REDACTED.to_string() } else { h.value.clone() }
}

#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON, or a provider error that shows what came back instead.
    pub fn json(&self, provider: &str) -> Result<serde_json::Value> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::provider(format!(
                "{provider} answered HTTP {} with a body that is not JSON ({e}): {}",
                self.status,
                snippet(&self.body)
            ))
            .with_hint("check base_url in the profile; run with -v to see the whole exchange")
        })
    }
}

/// The start of a body for error messages, on one line.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return "(empty body)".into();
    }
    let mut cut: String = one_line.chars().take(200).collect();
    if one_line.chars().count() > 200 {
        cut.push('…');
    }
    cut
}

#[derive(Clone)]
pub struct HttpClient {
    inner: reqwest::Client,
    timeout: Duration,
    verbose: bool,
}

impl HttpClient {
    /// Proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`) are honoured by reqwest.
    pub fn new(timeout: Duration, verbose: bool) -> Result<Self> {
        Self::with_ca_certs(timeout, verbose, &[])
    }

    /// Like `new`, also trusting the CA certificates in these PEM files (`--ca-cert`, for private
    /// CAs) on top of the system's roots. There is deliberately no way to turn verification off.
    pub fn with_ca_certs(timeout: Duration, verbose: bool, ca_certs: &[std::path::PathBuf]) -> Result<Self> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut roots = Vec::new();
        for path in ca_certs {
            roots.extend(read_ca_file(path)?);
        }
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("paycli/", env!("CARGO_PKG_VERSION")))
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none());
        if !roots.is_empty() {
            builder = builder.tls_certs_merge(roots);
        }
        let inner = builder.build().map_err(|e| {
            Error::config(format!("cannot set up the HTTP client: {}", root_cause(&e)))
                .with_hint("check the files given with --ca-cert")
        })?;
        Ok(HttpClient { inner, timeout, verbose })
    }

    pub async fn send(&self, req: &PreparedRequest) -> Result<HttpResponse> {
        self.send_classified(req).await.map_err(|f| f.error)
    }

    /// Sends, and on failure says whether the request may have reached the server: a refused
    /// connection never sent anything, a timeout or a dropped connection may have. `checkout
    /// create` needs the difference to avoid creating an order twice.
    pub async fn send_classified(&self, req: &PreparedRequest) -> Result<HttpResponse, SendFailure> {
        let sent = |error: Error| SendFailure { error, maybe_sent: true };
        let unsent = |error: Error| SendFailure { error, maybe_sent: false };
        if self.verbose {
            log_request(req);
        }
        let method = reqwest::Method::from_bytes(req.method.as_bytes())
            .map_err(|_| unsent(Error::internal(format!("bad HTTP method {}", req.method))))?;
        // A value HTTP cannot carry comes from the profile (a newline in merchant_id): that is a
        // configuration error, found before anything is sent, not a network failure.
        if let Some(h) = req.headers.iter().find(|h| reqwest::header::HeaderValue::from_str(&h.value).is_err()) {
            return Err(unsent(
                Error::config(format!(
                    "the {} header would carry a newline or control character; nothing was sent",
                    h.name
                ))
                .with_hint("check the profile's settings (and secrets) for stray newlines or control characters"),
            ));
        }
        if let Err(e) = reqwest::Url::parse(&req.url) {
            return Err(unsent(
                Error::config(format!("the request URL {} is not a URL ({e}); nothing was sent", req.url))
                    .with_hint("check base_url in the profile"),
            ));
        }
        let mut builder = self.inner.request(method, &req.url);
        for h in &req.headers {
            builder = builder.header(&h.name, &h.value);
        }
        if !req.body.is_empty() {
            builder = builder.body(req.body.clone());
        }
        let mut resp = builder.send().await.map_err(|e| {
            let error = self.network_error(&req.url, &e);
            if e.is_connect() { unsent(error) } else { sent(error) }
        })?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| sent(self.network_error(&req.url, &e)))? {
            if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(sent(Error::provider(format!(
                    "the answer from {} is larger than {} MiB; refusing to read it",
                    req.url,
                    MAX_RESPONSE_BYTES / 1024 / 1024
                ))));
            }
            body.extend_from_slice(&chunk);
        }
        let response = HttpResponse { status, headers, body };
        if self.verbose {
            log_response(&response);
        }
        Ok(response)
    }

    fn network_error(&self, url: &str, e: &reqwest::Error) -> Error {
        let detail = root_cause(e);
        if e.is_timeout() {
            Error::network(format!("no answer from {url} within {}s", self.timeout.as_secs_f64()))
                .with_hint("the provider may be slow or unreachable; raise --timeout or try again later")
        } else if is_tls_failure(&detail) {
            Error::network(format!("TLS handshake with {url} failed: {detail}")).with_hint(
                "the server's certificate is not trusted; if a private CA signed it, pass --ca-cert CA.pem \
                 (certificate checks cannot be turned off)",
            )
        } else if e.is_connect() {
            let hint = if url.contains("127.0.0.1") || url.contains("localhost") {
                "is the sandbox running? start it with `paycli sandbox` in another terminal"
            } else {
                "check base_url in the profile and your network or proxy settings"
            };
            Error::network(format!("cannot connect to {url}: {detail}")).with_hint(hint)
        } else {
            Error::network(format!("request to {url} failed: {detail}"))
                .with_hint("the connection broke; check your network and try again (status check is safe to repeat)")
        }
    }
}

fn is_tls_failure(detail: &str) -> bool {
    let d = detail.to_ascii_lowercase();
    d.contains("certificate") || d.contains("tls") || d.contains("handshake")
}

/// Why a send failed, and whether the server may have acted on the request anyway.
#[derive(Debug)]
pub struct SendFailure {
    pub error: Error,
    pub maybe_sent: bool,
}

fn read_ca_file(path: &std::path::Path) -> Result<Vec<reqwest::Certificate>> {
    let shown = path.display();
    let pem = crate::bounded::read_file(path, crate::bounded::CA_CERT_BYTES)
        .map_err(|e| Error::config(format!("cannot read --ca-cert {shown}: {e}")))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|e| Error::config(format!("--ca-cert {shown} is not a PEM certificate file: {e}")))?;
    if certs.is_empty() {
        return Err(Error::config(format!("--ca-cert {shown} holds no PEM certificate"))
            .with_hint("give a file with -----BEGIN CERTIFICATE----- blocks (the CA, not the key)"));
    }
    Ok(certs)
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut current = e;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

fn log_request(req: &PreparedRequest) {
    let mut out = format!("> {} {}\n", req.method, req.url);
    for h in &req.headers {
        out.push_str(&format!("> {}: {}\n", h.name, shown_value(h)));
    }
    out.push_str(">\n");
    if !req.body.is_empty() {
        out.push_str(&String::from_utf8_lossy(&req.body));
        out.push('\n');
    }
    crate::output::stderr_text(&out);
}

fn log_response(resp: &HttpResponse) {
    let mut out = format!("< HTTP {}\n", resp.status);
    for (n, v) in &resp.headers {
        out.push_str(&format!("< {n}: {v}\n"));
    }
    out.push_str("<\n");
    out.push_str(&String::from_utf8_lossy(&resp.body));
    out.push('\n');
    crate::output::stderr_text(&out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dry_run_redacts_sensitive_headers_only() {
        let req = PreparedRequest::post_json("http://x/api".into(), b"{\"a\":1}".to_vec())
            .header("Sign", "ABC")
            .sensitive_header("Authorization", "Api-Key k-123");
        let j = req.dry_run_json();
        assert_eq!(j["headers"]["Sign"], "ABC");
        assert_eq!(j["headers"]["Authorization"], REDACTED);
        assert_eq!(j["body"], "{\"a\":1}");
        assert!(!j.to_string().contains("k-123"));
    }

    #[test]
    fn snippets_are_short_and_single_line() {
        assert_eq!(snippet(b""), "(empty body)");
        assert_eq!(snippet(b"<html>\n<body>oops</body>"), "<html> <body>oops</body>");
        assert!(snippet(&[b'a'; 500]).chars().count() <= 201);
    }
}
