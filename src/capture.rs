//! Captured callbacks: a raw HTTP request file (request line, headers, blank line, body) or a bare
//! body with headers given on the command line. The body's bytes are kept exactly as stored.

use crate::error::{Error, Result};

/// Header sections larger than this are not a plausible capture.
const MAX_HEAD_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone)]
pub struct CapturedRequest {
    /// Where it came from (a file name, `-` for stdin, or `listen`).
    pub source: String,
    pub method: Option<String>,
    pub path: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl CapturedRequest {
    /// The first header of that name, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON, or an explanation of why it is not.
    pub fn json_body(&self) -> std::result::Result<serde_json::Value, String> {
        serde_json::from_slice(&self.body).map_err(|e| format!("the body is not JSON: {e}"))
    }

    /// The request path without its query string.
    pub fn path_only(&self) -> Option<&str> {
        self.path.as_deref().map(|p| p.split('?').next().unwrap_or(p))
    }

    /// Reads a capture. `extra_headers` (from `--header`) replace file headers of the same name.
    pub fn parse(source: &str, bytes: Vec<u8>, extra_headers: &[(String, String)]) -> Result<Self> {
        let mut capture = if looks_like_request(&bytes) {
            parse_raw_request(source, bytes)?
        } else {
            CapturedRequest { source: source.into(), method: None, path: None, headers: Vec::new(), body: bytes }
        };
        for (name, value) in extra_headers {
            capture.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            capture.headers.push((name.clone(), value.clone()));
        }
        Ok(capture)
    }

    /// The capture as a raw HTTP request file that `parse` reads back unchanged.
    pub fn to_raw(&self) -> Vec<u8> {
        let mut out = format!(
            "{} {} HTTP/1.1\r\n",
            self.method.as_deref().unwrap_or("POST"),
            self.path.as_deref().unwrap_or("/")
        )
        .into_bytes();
        for (n, v) in &self.headers {
            out.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&self.body);
        out
    }
}

/// Parses `Name: value` as given to `--header`.
pub fn parse_header_arg(arg: &str) -> Result<(String, String)> {
    match arg.split_once(':') {
        Some((n, v)) if is_token(n.trim()) => Ok((n.trim().to_string(), v.trim().to_string())),
        _ => Err(Error::usage(format!("--header {arg:?} is not of the form 'Name: value'"))),
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn looks_like_request(bytes: &[u8]) -> bool {
    let line_end = bytes.iter().take(8192).position(|&b| b == b'\n');
    let Some(end) = line_end else { return false };
    let line = String::from_utf8_lossy(&bytes[..end]);
    let mut parts = line.trim_end_matches('\r').split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    !method.is_empty()
        && method.bytes().all(|b| b.is_ascii_uppercase())
        && !target.is_empty()
        && version.starts_with("HTTP/")
}

fn parse_raw_request(source: &str, bytes: Vec<u8>) -> Result<CapturedRequest> {
    let (head_end, body_start) = find_head_end(&bytes).ok_or_else(|| {
        Error::usage(format!("{source}: the request has no blank line between headers and body"))
            .with_hint("a capture is: request line, headers, an empty line, then the body")
    })?;
    if head_end > MAX_HEAD_BYTES {
        return Err(Error::usage(format!("{source}: the header section is larger than 64 KiB")));
    }
    let head = std::str::from_utf8(&bytes[..head_end])
        .map_err(|_| Error::usage(format!("{source}: the request line or headers are not UTF-8 text")))?;
    let mut lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut headers = Vec::new();
    for (i, line) in lines.enumerate() {
        let (name, value) = line
            .split_once(':')
            .filter(|(n, _)| is_token(n))
            .ok_or_else(|| Error::usage(format!("{source}: line {} is not a header: {:?}", i + 2, truncate(line))))?;
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let mut body = bytes;
    body.drain(..body_start);
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        body = dechunk(&body).ok_or_else(|| {
            Error::usage(format!("{source}: Transfer-Encoding is chunked but the body is not valid chunked data"))
        })?;
    }
    Ok(CapturedRequest { source: source.into(), method: Some(method), path: Some(path), headers, body })
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

/// (end of headers, start of body) for `\r\n\r\n` or `\n\n`, whichever comes first.
fn find_head_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size + 2 || &data[size..size + 2] != b"\r\n" {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_request_keeps_body_bytes_exactly() {
        let raw = b"POST /hooks/cashy?x=1 HTTP/1.1\r\nHost: a\r\nSign: ABC\r\n\r\n{\"amount\":20000.0}\n".to_vec();
        let c = CapturedRequest::parse("f", raw, &[]).unwrap();
        assert_eq!(c.method.as_deref(), Some("POST"));
        assert_eq!(c.path_only(), Some("/hooks/cashy"));
        assert_eq!(c.header("sign"), Some("ABC"));
        assert_eq!(c.body, b"{\"amount\":20000.0}\n");
    }

    #[test]
    fn bare_body_and_header_flags() {
        let c = CapturedRequest::parse("f", b"{\"a\":1}".to_vec(), &[("Sign".into(), "X".into())]).unwrap();
        assert!(c.method.is_none());
        assert_eq!(c.header("SIGN"), Some("X"));
        assert_eq!(c.body, b"{\"a\":1}");
    }

    #[test]
    fn lf_only_and_round_trip() {
        let c = CapturedRequest::parse("f", b"POST /h HTTP/1.1\nSign: a\n\nbody".to_vec(), &[]).unwrap();
        assert_eq!(c.body, b"body");
        let again = CapturedRequest::parse("g", c.to_raw(), &[]).unwrap();
        assert_eq!(again.body, c.body);
        assert_eq!(again.headers, c.headers);
    }

    #[test]
    fn malformed_captures_are_usage_errors() {
        for bad in [&b"POST / HTTP/1.1\r\nSign: a\r\n"[..], b"POST / HTTP/1.1\r\nno colon here\r\n\r\n"] {
            let e = CapturedRequest::parse("f", bad.to_vec(), &[]).unwrap_err();
            assert_eq!(e.kind, crate::error::ErrorKind::Usage);
        }
        assert!(parse_header_arg("Sign: abc").is_ok());
        assert!(parse_header_arg("no-colon").is_err());
        assert!(parse_header_arg(": v").is_err());
    }

    #[test]
    fn chunked_bodies_are_decoded() {
        let raw = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n".to_vec();
        assert_eq!(CapturedRequest::parse("f", raw, &[]).unwrap().body, b"abcde");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A capture written with `to_raw` reads back with the same headers and the exact body
        /// bytes, whatever those bytes are (binary, CRLFs, blank lines, NULs).
        #[test]
        fn raw_round_trip_keeps_body_bytes(
            path in "/[a-z0-9/_-]{0,20}",
            headers in proptest::collection::vec(("[A-Za-z][A-Za-z0-9-]{0,15}", "[ -~]{0,40}"), 0..6),
            body in proptest::collection::vec(any::<u8>(), 0..512),
        ) {
            let headers: Vec<(String, String)> =
                headers.into_iter().map(|(n, v)| (n, v.trim().to_string())).collect();
            let original = CapturedRequest {
                source: "p".into(),
                method: Some("POST".into()),
                path: Some(path.clone()),
                headers: headers.clone(),
                body: body.clone(),
            };
            let chunked = headers.iter().any(|(n, v)| {
                n.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked")
            });
            prop_assume!(!chunked);
            let again = CapturedRequest::parse("p", original.to_raw(), &[]).unwrap();
            prop_assert_eq!(again.path, Some(path));
            prop_assert_eq!(again.headers, headers);
            prop_assert_eq!(again.body, body);
        }
    }
}
