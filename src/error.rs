//! Errors with a kind (which decides the exit code), a message and a hint for what to do next.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Internal,
    Usage,
    Config,
    Network,
    Provider,
    Verification,
    Expectation,
    Discrepancy,
    Interrupted,
}

impl ErrorKind {
    /// The word used in JSON errors and in the `error` field of failed items.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Internal => "internal",
            ErrorKind::Usage => "usage",
            ErrorKind::Config => "config",
            ErrorKind::Network => "network",
            ErrorKind::Provider => "provider",
            ErrorKind::Verification => "verification",
            ErrorKind::Expectation => "expectation",
            ErrorKind::Discrepancy => "discrepancy",
            ErrorKind::Interrupted => "interrupted",
        }
    }

    /// Exit codes are part of the product contract (README, "Exit codes").
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Internal => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Config => 3,
            ErrorKind::Network => 4,
            ErrorKind::Provider => 5,
            ErrorKind::Verification => 6,
            ErrorKind::Expectation => 7,
            ErrorKind::Discrepancy => 8,
            ErrorKind::Interrupted => 130,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
    /// The same request may succeed if sent again later (provider busy, rate limited).
    /// Never acted on for `checkout create`.
    pub retryable: bool,
    /// The provider says the order does not exist (`reconcile` classes it `not_found`).
    pub not_found: bool,
    /// Stdout was closed by its reader (`paycli ... | head`): a normal end, exit 0, nothing printed.
    pub closed_output: bool,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), hint: None, retryable: false, not_found: false, closed_output: false }
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config, message)
    }
    pub fn network(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Network, message)
    }
    pub fn provider(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Provider, message)
    }
    pub fn verification(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Verification, message)
    }
    /// The reader of stdout went away; see `closed_output`.
    pub fn closed_output() -> Self {
        Error { closed_output: true, ..Self::internal("stdout was closed") }
    }
    pub fn is_closed_output(&self) -> bool {
        self.closed_output
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn retryable(mut self) -> Self {
        self.retryable = true;
        self
    }
    pub fn not_found(mut self) -> Self {
        self.not_found = true;
        self
    }
    pub fn exit_code(&self) -> u8 {
        if self.closed_output { 0 } else { self.kind.exit_code() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::internal(format!("I/O error: {e}"))
    }
}
