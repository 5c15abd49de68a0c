//! Reads from outside with a cap: a file, a pipe or `/dev/zero` can never make paycli hold more
//! than the cap in memory. Every cap is listed in docs/trust.md.

use std::io::{BufRead, Read};
use std::path::Path;

/// The config file.
pub const CONFIG_BYTES: u64 = 1024 * 1024;
/// A `{ file = ... }` secret (a 4096-bit PEM key is ~3.3 KiB) and a secret command's output.
pub const SECRET_BYTES: u64 = 64 * 1024;
/// `--ca-cert`.
pub const CA_CERT_BYTES: u64 = 1024 * 1024;
/// One line of `--from` (ids are at most 128 characters; a CSV row has room for other columns).
pub const ID_LINE_BYTES: usize = 4 * 1024;
/// One line of `--ledger`.
pub const LEDGER_LINE_BYTES: usize = 64 * 1024;

/// The UTF-8 byte order mark some editors put at the start of text files.
pub const BOM: &str = "\u{feff}";

#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// More than the cap: the value is the cap.
    TooLarge(u64),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLarge(cap) => write!(f, "it is larger than {}", human_bytes(*cap)),
        }
    }
}

/// `64 KiB`, `1 MiB`.
pub fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1024 * 1024 && n % (1024 * 1024) == 0 => format!("{} MiB", n / 1024 / 1024),
        n if n >= 1024 && n % 1024 == 0 => format!("{} KiB", n / 1024),
        n => format!("{n} bytes"),
    }
}

/// Everything `reader` gives, unless that is more than `cap` bytes.
pub fn read_capped(reader: impl Read, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut buf).map_err(ReadError::Io)?;
    if buf.len() as u64 > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(buf)
}

/// A file, unless it is larger than `cap` (devices and pipes included: they are read up to the cap).
pub fn read_file(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    read_capped(file, cap)
}

/// A text file: at most `cap` bytes of UTF-8, without a leading byte order mark.
pub fn read_text_file(path: &Path, cap: u64) -> Result<String, ReadError> {
    let bytes = read_file(path, cap)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text")))?;
    Ok(strip_bom(&text).to_string())
}

pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// Why a line could not be read.
#[derive(Debug)]
pub enum LineError {
    Io(std::io::Error),
    /// Longer than the cap; the value is the start of the line (lossy), for the message.
    TooLong(String),
    NotUtf8,
}

/// Lines of at most `cap` bytes each, without their line ending, the first one without a byte
/// order mark. A longer line is an error and is never held whole.
pub struct Lines<R> {
    reader: R,
    cap: usize,
    first: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, cap: usize) -> Self {
        Lines { reader, cap, first: true }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<String, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut line = Vec::new();
        let read = (&mut self.reader).take(self.cap as u64 + 1).read_until(b'\n', &mut line);
        match read {
            Err(e) => return Some(Err(LineError::Io(e))),
            Ok(0) => return None,
            Ok(_) => {}
        }
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        } else if line.len() > self.cap {
            let start = String::from_utf8_lossy(&line[..line.len().min(64)]).into_owned();
            return Some(Err(LineError::TooLong(start)));
        }
        let Ok(mut text) = String::from_utf8(line) else { return Some(Err(LineError::NotUtf8)) };
        if std::mem::take(&mut self.first) && text.starts_with(BOM) {
            text.drain(..BOM.len());
        }
        Some(Ok(text))
    }
}

/// A reader that fails once a line gets longer than the cap (for the CSV reader of `--ledger`,
/// which would otherwise grow one field without limit), and drops a leading byte order mark.
pub struct LineCapped<R> {
    inner: R,
    cap: usize,
    since_newline: usize,
    start: bool,
}

impl<R: Read> LineCapped<R> {
    pub fn new(inner: R, cap: usize) -> Self {
        LineCapped { inner, cap, since_newline: 0, start: true }
    }
}

impl<R: Read> Read for LineCapped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = self.inner.read(buf)?;
        if self.start && n > 0 {
            // A BOM split over two reads is not worth handling: files start with at least 3 bytes.
            self.start = false;
            if buf[..n].starts_with(BOM.as_bytes()) {
                buf.copy_within(3..n, 0);
                n -= 3;
            }
        }
        for &b in &buf[..n] {
            self.since_newline = if b == b'\n' { 0 } else { self.since_newline + 1 };
            if self.since_newline > self.cap {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("a line is longer than {}", human_bytes(self.cap as u64)),
                ));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reads_stop_at_the_cap() {
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(matches!(read_capped(std::io::repeat(0), 1024), Err(ReadError::TooLarge(1024))));
        assert!(matches!(read_file(Path::new("/dev/zero"), 4096), Err(ReadError::TooLarge(_))));
        assert_eq!(human_bytes(64 * 1024), "64 KiB");
        assert_eq!(human_bytes(1024 * 1024), "1 MiB");
    }

    #[test]
    fn lines_are_capped_and_lose_the_bom() {
        let lines: Vec<_> = Lines::new(&b"\xef\xbb\xbfA1\r\nB2\n\nC3"[..], 16).map(|l| l.unwrap()).collect();
        assert_eq!(lines, ["A1", "B2", "", "C3"]);
        let mut endless = Lines::new(std::io::BufReader::new(std::io::repeat(b'x')), 100);
        assert!(matches!(endless.next(), Some(Err(LineError::TooLong(s))) if s.len() == 64));
        let mut binary = Lines::new(&b"\xff\xfe\n"[..], 16);
        assert!(matches!(binary.next(), Some(Err(LineError::NotUtf8))));
    }

    #[test]
    fn line_capped_reader_fails_on_a_long_line() {
        let mut out = String::new();
        LineCapped::new(&b"\xef\xbb\xbfa,b\nc,d\n"[..], 8).read_to_string(&mut out).unwrap();
        assert_eq!(out, "a,b\nc,d\n");
        let mut sink = Vec::new();
        assert!(LineCapped::new(std::io::repeat(b'x').take(10_000), 100).read_to_end(&mut sink).is_err());
        assert!(sink.len() <= 8192, "stopped early");
    }
}
