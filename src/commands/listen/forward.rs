//! Forwarding a callback to the merchant's app (`--forward-to`): the exact bytes out, the app's
//! whole reply back, within the answer's budget.

use super::MAX_BODY_BYTES;
use crate::capture::CapturedRequest;
use crate::error::{Error, Result};
use axum::body::Body;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::time::Instant;

/// Headers that describe one hop, not the callback: never forwarded.
const HOP_BY_HOP: &[&str] = &[
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "expect",
];

pub fn parse_forward_url(text: &str) -> Result<reqwest::Url> {
    let url =
        reqwest::Url::parse(text).map_err(|e| Error::usage(format!("--forward-to {text:?} is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::usage(format!("--forward-to {text:?} must be an http(s) URL")));
    }
    Ok(url)
}

/// Where a request goes: a URL with a path is used as given; a bare origin gets the incoming
/// path and query, so path-signing providers (zenospay) still verify at the far end.
pub fn forward_target(base: &reqwest::Url, path_and_query: &str) -> String {
    if base.path() == "/" && base.query().is_none() {
        format!("{}{}", base.as_str().trim_end_matches('/'), path_and_query)
    } else {
        base.to_string()
    }
}

/// The far end's whole reply, relayed; 503 when it cannot be had within the budget.
pub async fn forward(
    client: &reqwest::Client,
    target: &str,
    capture: &CapturedRequest,
    headers: &HeaderMap,
    deadline: Instant,
) -> Response {
    match tokio::time::timeout_at(deadline, relay(client, target, capture, headers)).await {
        Ok(Ok(reply)) => reply,
        Ok(Err(why)) => {
            crate::output::warn(format_args!("forwarding to {target} failed: {why}"));
            (StatusCode::SERVICE_UNAVAILABLE, format!("paycli: forwarding to {target} failed\n")).into_response()
        }
        Err(_) => {
            crate::output::warn(format_args!("forwarding to {target}: no whole answer within the budget"));
            (StatusCode::SERVICE_UNAVAILABLE, format!("paycli: {target} did not answer in time\n")).into_response()
        }
    }
}

async fn relay(
    client: &reqwest::Client,
    target: &str,
    capture: &CapturedRequest,
    headers: &HeaderMap,
) -> std::result::Result<Response, String> {
    let method = reqwest::Method::from_bytes(capture.method.as_deref().unwrap_or("POST").as_bytes())
        .unwrap_or(reqwest::Method::POST);
    let mut req = client.request(method, target).body(capture.body.clone());
    for (name, value) in headers {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            req = req.header(name, value);
        }
    }
    let mut resp = req.send().await.map_err(|e| e.to_string())?;
    let status = resp.status();
    let content_type = resp.headers().get("content-type").cloned();
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| format!("its answer broke off: {e}"))? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err("its answer is larger than 1 MiB".into());
        }
        body.extend_from_slice(&chunk);
    }
    let mut out = Response::new(Body::from(body));
    *out.status_mut() = status;
    if let Some(ct) = content_type {
        out.headers_mut().insert("content-type", ct);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_origins_get_the_incoming_path() {
        let bare = reqwest::Url::parse("http://127.0.0.1:3000").unwrap();
        assert_eq!(forward_target(&bare, "/hooks/zenospay?x=1"), "http://127.0.0.1:3000/hooks/zenospay?x=1");
        let with_path = reqwest::Url::parse("http://127.0.0.1:3000/webhook").unwrap();
        assert_eq!(forward_target(&with_path, "/hooks/cashy"), "http://127.0.0.1:3000/webhook");
        assert!(parse_forward_url("ftp://x").is_err());
        assert!(parse_forward_url("not a url").is_err());
    }
}
