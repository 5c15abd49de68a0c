//! Captured callbacks: a raw HTTP request file (request line, headers, blank line, body) or a bare
//! JSON body with headers given on the command line. The body's bytes are kept exactly as stored.
//! Raw requests are read with `httparse`; chunked bodies are decoded. Every header is kept in
//! arrival order, duplicates included. A capture that cannot say which request was sent (a header
//! the provider's verification reads given twice with different values, a Content-Length that
//! disagrees with the body) parses, but `integrity_problems` names why it cannot be decided.

use crate::error::{Error, Result};

/// Header sections larger than this are not a plausible capture.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// More headers than this are not a plausible capture.
const MAX_HEADERS: usize = 128;

/// What `parse` accepts, for the message when a file is neither.
const EXPECTED: &str = "expected a raw HTTP request (`POST /path HTTP/1.1`, headers, a blank line, the body, as \
                        `callback listen --save-dir` writes) or a JSON body (with its headers given as --header)";

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
    /// A leading byte order mark is dropped. Anything that is neither a raw HTTP request nor a
    /// JSON body is refused: "not a captured callback".
    pub fn parse(source: &str, bytes: Vec<u8>, extra_headers: &[(String, String)]) -> Result<Self> {
        let mut bytes = bytes;
        if bytes.starts_with(crate::bounded::BOM.as_bytes()) {
            bytes.drain(..crate::bounded::BOM.len());
        }
        let mut capture = match classify(&bytes) {
            Kind::Request => parse_raw_request(source, bytes)?,
            Kind::Json => {
                CapturedRequest { source: source.into(), method: None, path: None, headers: Vec::new(), body: bytes }
            }
            Kind::Neither(what) => {
                return Err(Error::usage(format!("not a captured callback: {EXPECTED}; {source} {what}"))
                    .with_hint("save callbacks with `paycli callback listen --save-dir DIR`, or pass the body and -H 'Name: value'"));
            }
        };
        for (name, value) in extra_headers {
            capture.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            capture.headers.push((name.clone(), value.clone()));
        }
        Ok(capture)
    }

    /// Why this capture cannot say which request was really sent: a header that the provider's
    /// verification reads (`read_by_verification`, names compared case-insensitively) appears
    /// twice with different values, or the declared length disagrees with the body. Every other
    /// header (X-Trace-Id, Via, Baggage, ...), duplicated or not, never matters here. Empty when
    /// there is nothing to doubt. These make a verdict "cannot decide", never "false".
    pub fn integrity_problems(&self, read_by_verification: &[&str]) -> Vec<String> {
        let mut problems = Vec::new();
        // The body is what every verification reads, so its framing headers always count.
        for wanted in read_by_verification.iter().chain(&["Content-Length", "Transfer-Encoding"]) {
            let mut values = self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(wanted)).map(|(_, v)| v.trim());
            let Some(first) = values.next() else { continue };
            if values.any(|v| v != first) {
                problems.push(format!(
                    "the capture has two different {wanted} headers, which this provider's verification reads: \
                     which one was sent is unknown"
                ));
            }
        }
        let chunked = self.header("transfer-encoding").is_some_and(is_chunked);
        if let Some(declared) = self.header("content-length") {
            if chunked {
                problems
                    .push("both Content-Length and Transfer-Encoding: chunked: the body's length is ambiguous".into());
            } else {
                match declared.trim().parse::<u64>() {
                    Ok(n) if n == self.body.len() as u64 => {}
                    Ok(n) => problems.push(format!(
                        "Content-Length says {n} bytes but the body has {} (cut off, or bytes added)",
                        self.body.len()
                    )),
                    Err(_) => {
                        problems.push(format!("Content-Length {} is not a number", crate::values::shown(declared)))
                    }
                }
            }
        }
        problems
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
        Some((n, v)) if is_token(n.trim()) && !v.chars().any(crate::values::is_hidden_char) => {
            Ok((n.trim().to_string(), v.trim().to_string()))
        }
        _ => Err(Error::usage(format!("--header {} is not of the form 'Name: value'", crate::values::shown(arg)))),
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn is_chunked(transfer_encoding: &str) -> bool {
    transfer_encoding.rsplit(',').next().is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"))
}

enum Kind {
    Request,
    Json,
    /// What the file is instead ("is empty", "starts with ...").
    Neither(String),
}

fn classify(bytes: &[u8]) -> Kind {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Kind::Neither(if bytes.is_empty() { "is empty".into() } else { "holds only blank space".into() });
    };
    if matches!(bytes[start], b'{' | b'[') {
        return Kind::Json;
    }
    if looks_like_request(bytes) {
        return Kind::Request;
    }
    let head = &bytes[start..bytes.len().min(start + 40)];
    let what = match std::str::from_utf8(head) {
        Ok(text) if !text.chars().any(|c| c.is_control() && !c.is_ascii_whitespace()) => {
            format!("starts with {}", crate::values::shown(text.lines().next().unwrap_or(text)))
        }
        _ => "starts with binary data".into(),
    };
    Kind::Neither(what)
}

/// A request line: `METHOD SP TARGET SP HTTP/x.y` within the first 8 KiB.
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
    let Some(head_len) = find_head_end(&bytes[..bytes.len().min(MAX_HEAD_BYTES + 4)]) else {
        if bytes.len() > MAX_HEAD_BYTES {
            return Err(Error::usage(format!("{source}: the header section is larger than 64 KiB")));
        }
        return Err(Error::usage(format!("{source}: the request has no blank line between headers and body"))
            .with_hint("a capture is: request line, headers, an empty line, then the body"));
    };
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut slots);
    let parsed = request.parse(&bytes[..head_len]).map_err(|e| {
        let why = match e {
            httparse::Error::TooManyHeaders => format!("it has more than {MAX_HEADERS} headers"),
            httparse::Error::HeaderName | httparse::Error::HeaderValue => {
                "a header line is not `Name: value`".to_string()
            }
            other => format!("the request line or a header is malformed ({other})"),
        };
        Error::usage(format!("{source}: not a valid HTTP request: {why}"))
            .with_hint("a capture is: request line, headers, an empty line, then the body")
    })?;
    if !matches!(parsed, httparse::Status::Complete(n) if n == head_len) {
        return Err(Error::usage(format!("{source}: the request has no blank line between headers and body")));
    }
    let text = |b: &[u8]| std::str::from_utf8(b).map(str::to_string);
    let not_text = || Error::usage(format!("{source}: the request line or headers are not UTF-8 text"));
    let method = request.method.unwrap_or("POST").to_string();
    let path = request.path.unwrap_or("/").to_string();
    let mut headers = Vec::with_capacity(request.headers.len());
    for h in request.headers.iter() {
        let value = text(h.value).map_err(|_| not_text())?;
        headers.push((h.name.to_string(), value.trim().to_string()));
    }
    let mut body = bytes;
    body.drain(..head_len);
    let chunked = headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && is_chunked(v));
    if chunked {
        body = dechunk(&body).ok_or_else(|| {
            Error::usage(format!("{source}: Transfer-Encoding is chunked but the body is not valid chunked data"))
        })?;
    }
    Ok(CapturedRequest { source: source.into(), method: Some(method), path: Some(path), headers, body })
}

/// The length of the head including its blank line (`\r\n\r\n` or `\n\n`, whichever comes first).
fn find_head_end(bytes: &[u8]) -> Option<usize> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// A chunked body decoded (chunk extensions and trailers ignored), or `None` when it is not valid.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let (used, size) = match httparse::parse_chunk_size(data) {
            Ok(httparse::Status::Complete(found)) => found,
            _ => return None,
        };
        data = &data[used..];
        if size == 0 {
            return Some(out);
        }
        let size = usize::try_from(size).ok()?;
        if data.len() < size.checked_add(2)? || &data[size..size + 2] != b"\r\n" {
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
        for bad in [
            &b"POST / HTTP/1.1\r\nSign: a\r\n"[..],
            b"POST / HTTP/1.1\r\nno colon here\r\n\r\n",
            b"",
            b"  \n",
            b"\x00\x01\x02",
            b"hello world",
            b"amount=5&sign=x",
        ] {
            let e = CapturedRequest::parse("f", bad.to_vec(), &[]).unwrap_err();
            assert_eq!(e.kind, crate::error::ErrorKind::Usage);
        }
        assert!(parse_header_arg("Sign: abc").is_ok());
        assert!(parse_header_arg("no-colon").is_err());
        assert!(parse_header_arg(": v").is_err());
    }

    #[test]
    fn chunked_bodies_are_decoded() {
        let raw = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n"
            .to_vec();
        let c = CapturedRequest::parse("f", raw, &[]).unwrap();
        assert_eq!(c.body, b"abcde");
        assert!(c.integrity_problems(&["Sign"]).is_empty());
        for bad in [&b"zz\r\nabc"[..], b"ffffffff\r\nabc", b"ffffffffffffffffff\r\nabc", b"3\r\nabcX"] {
            let mut raw = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
            raw.extend_from_slice(bad);
            assert!(CapturedRequest::parse("f", raw, &[]).unwrap_err().message.contains("chunked"));
        }
    }

    #[test]
    fn captures_that_lie_are_flagged() {
        let parse = |raw: &str| CapturedRequest::parse("f", raw.as_bytes().to_vec(), &[]).unwrap();
        let two_signs = parse("POST / HTTP/1.1\r\nSign: GOOD\r\nsign: EVIL\r\n\r\n{}");
        assert_eq!(two_signs.header("Sign"), Some("GOOD"));
        let problems = two_signs.integrity_problems(&["Sign", "MerchantId"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("two different Sign headers"), "{problems:?}");
        // A header the provider's verification does not read never makes a capture doubtful.
        assert!(two_signs.integrity_problems(&["X-SIGNATURE"]).is_empty());
        assert!(parse("POST / HTTP/1.1\r\nSign: A\r\nSign: A \r\n\r\n{}").integrity_problems(&["Sign"]).is_empty());
        let short = parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n{}");
        assert!(short.integrity_problems(&[])[0].contains("Content-Length says 5 bytes but the body has 2"));
        assert!(parse("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}").integrity_problems(&[]).is_empty());
        assert!(
            parse("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n{}").integrity_problems(&[])[0].contains("not a number")
        );
        let two_lengths = parse("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
        assert!(two_lengths.integrity_problems(&[])[0].contains("two different Content-Length"));
        let both =
            parse("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n");
        assert!(both.integrity_problems(&[])[0].contains("ambiguous"));
    }

    #[test]
    fn headers_no_verification_reads_are_kept_in_order_and_never_doubted() {
        // What proxies and tracing add, twice with different values: kept exactly, never a problem.
        let mut raw = String::from("POST /hooks HTTP/1.1\r\nSign: ABC\r\n");
        let others = [
            "X-Trace-Id",
            "X-Request-Id",
            "X-Amzn-Trace-Id",
            "Baggage",
            "Via",
            "Forwarded",
            "X-Forwarded-For",
            "Traceparent",
            "X-B3-TraceId",
            "Cf-Ray",
            "X-Cloud-Trace-Context",
            "Cookie",
        ];
        for (i, name) in others.iter().enumerate() {
            raw.push_str(&format!("{name}: first-{i}\r\n{name}: second-{i}\r\n"));
        }
        raw.push_str("\r\n{}");
        let c = CapturedRequest::parse("f", raw.into_bytes(), &[]).unwrap();
        assert!(c.integrity_problems(&["Sign", "MerchantId"]).is_empty(), "{:?}", c.integrity_problems(&["Sign"]));
        assert_eq!(c.headers.len(), 1 + 2 * others.len());
        for (i, name) in others.iter().enumerate() {
            assert_eq!(c.headers[1 + 2 * i], (name.to_string(), format!("first-{i}")));
            assert_eq!(c.headers[2 + 2 * i], (name.to_string(), format!("second-{i}")));
        }
        let again = CapturedRequest::parse("g", c.to_raw(), &[]).unwrap();
        assert_eq!(again.headers, c.headers, "saved and read back in the same order");
    }

    #[test]
    fn neither_request_nor_json_is_not_a_capture() {
        let e = CapturedRequest::parse("f.txt", b"hello".to_vec(), &[]).unwrap_err();
        assert!(e.message.starts_with("not a captured callback: expected a raw HTTP request"), "{}", e.message);
        assert!(e.message.contains("f.txt starts with \"hello\""), "{}", e.message);
        let e = CapturedRequest::parse("-", Vec::new(), &[]).unwrap_err();
        assert!(e.message.ends_with("- is empty"), "{}", e.message);
        let bom = CapturedRequest::parse("f", b"\xef\xbb\xbf{\"a\":1}".to_vec(), &[]).unwrap();
        assert_eq!(bom.body, b"{\"a\":1}");
        let e = CapturedRequest::parse(
            "f",
            b"POST / HTTP/1.1\r\n\r\n"
                .iter()
                .copied()
                .chain((0..200).flat_map(|i| format!("X-{i}: v\r\n").into_bytes()))
                .collect(),
            &[],
        );
        assert!(e.is_ok(), "headers after the blank line are body");
        let mut many = b"POST / HTTP/1.1\r\n".to_vec();
        for i in 0..200 {
            many.extend_from_slice(format!("X-{i}: v\r\n").as_bytes());
        }
        many.extend_from_slice(b"\r\n{}");
        assert!(CapturedRequest::parse("f", many, &[]).unwrap_err().message.contains("more than 128 headers"));
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
            let chunked = headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && is_chunked(v));
            prop_assume!(!chunked);
            let again = CapturedRequest::parse("p", original.to_raw(), &[]).unwrap();
            prop_assert_eq!(again.path, Some(path));
            prop_assert_eq!(again.headers, headers);
            prop_assert_eq!(again.body, body);
        }
    }
}
