//! The command-line surface (design.md, "Commands").

mod parse_error;

pub use parse_error::report_parse_error;

use crate::output::{ColorChoice, OutputFormat};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "paycli",
    version,
    about = "Hosted-checkout payments from the terminal: create checkouts, check status, verify callbacks",
    after_help = "Try it offline: `paycli demo`, or `paycli sandbox` in one terminal and\n`paycli -p sandbox-cashy checkout create --amount 150000 --customer-name \"Budi Santoso\"` in another."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile to use (else `default_profile` in the config)
    #[arg(short = 'p', long, env = "PAYCLI_PROFILE", global = true)]
    pub profile: Option<String>,
    /// Config file (else <config dir>/paycli/config.toml)
    #[arg(long, env = "PAYCLI_CONFIG", global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Output format: auto is a table on a terminal, json otherwise
    #[arg(short = 'o', long, env = "PAYCLI_OUTPUT", value_enum, default_value = "auto", global = true)]
    pub output: OutputFormat,
    /// Colour: auto colours only on a terminal (NO_COLOR is honoured)
    #[arg(long, value_enum, default_value = "auto", global = true)]
    pub color: ColorChoice,
    /// Show the HTTP exchange on stderr (credentials redacted)
    #[arg(short = 'v', long, global = true)]
    pub verbose: bool,
    /// Per-request timeout in seconds [default: profile's `timeout`, else 30]
    #[arg(long, global = true, value_name = "SECS", value_parser = parse_timeout)]
    pub timeout: Option<f64>,
    /// No summaries, progress or notes on stderr (errors and warnings still print)
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
    /// Do not read or write the order journal (see docs/journal.md)
    #[arg(long, global = true)]
    pub no_journal: bool,
    /// Also trust the CA certificates in this PEM file (a private CA); checks stay on
    #[arg(long, env = "PAYCLI_CA_CERT", global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
}

fn parse_timeout(s: &str) -> Result<f64, String> {
    crate::values::seconds(s).map(|d| d.as_secs_f64())
}

// Parsed once per process: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create hosted checkouts
    #[command(subcommand)]
    Checkout(CheckoutCommand),
    /// Query the provider for order status
    #[command(subcommand)]
    Status(StatusCommand),
    /// Verify captured callbacks (webhooks)
    #[command(subcommand)]
    Callback(CallbackCommand),
    /// The order journal: what paycli created and the latest status it learned
    #[command(subcommand)]
    Orders(OrdersCommand),
    /// The journal's store: schema migrations, copying it into PostgreSQL (see docs/journal.md)
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Check every order of a ledger CSV against the provider and classify the differences
    Reconcile(ReconcileArgs),
    /// Inspect and create the configuration
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Run a local emulator of every provider on 127.0.0.1
    Sandbox(SandboxArgs),
    /// Run the whole loop offline against an in-process sandbox
    Demo,
    /// Check a profile without creating anything: config, secrets, keys, network, clock, credentials
    Doctor,
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Bring the journal's schema up to date (paycli applies additive steps by itself)
    Migrate,
    /// Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)
    Copy(JournalCopyArgs),
}

#[derive(Debug, Args)]
pub struct JournalCopyArgs {
    /// The target: a postgres:// URL or an SQLite file; - reads it from stdin's first line (keeps a password out of `ps`)
    #[arg(long, value_name = "URL")]
    pub to: String,
}

#[derive(Debug, Subcommand)]
pub enum CheckoutCommand {
    /// Create a checkout and print the URL to send the customer to
    Create(CheckoutArgs),
}

#[derive(Debug, Args)]
pub struct CheckoutArgs {
    /// Your order id (generated when absent)
    #[arg(long)]
    pub order_id: Option<String>,
    /// Amount in major units: 100000 (IDR), 50.00 (PHP), 20.5 (USDT); with --item, the items'
    /// total when absent (and it must equal that total when given)
    #[arg(long, allow_hyphen_values = true, required_unless_present = "items")]
    pub amount: Option<String>,
    /// Currency (defaults to the provider's only currency)
    #[arg(long)]
    pub currency: Option<String>,
    #[arg(long)]
    pub customer_name: Option<String>,
    #[arg(long)]
    pub customer_email: Option<String>,
    #[arg(long)]
    pub customer_phone: Option<String>,
    #[arg(long)]
    pub product_name: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    /// A line item NAME:QTY:UNIT_PRICE (repeatable)
    #[arg(long = "item", value_name = "NAME:QTY:UNIT_PRICE")]
    pub items: Vec<String>,
    /// Where the provider sends the callback (else the profile's setting)
    #[arg(long)]
    pub callback_url: Option<String>,
    #[arg(long)]
    pub redirect_url: Option<String>,
    #[arg(long)]
    pub cancel_url: Option<String>,
    /// How long the checkout stays open: 30m, 2h, 1d, 3600s
    #[arg(long, value_name = "DURATION")]
    pub expires_in: Option<String>,
    /// A provider field paycli has no flag for: KEY=TEXT, or KEY:=JSON (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Build and sign the request, print it, send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// If the answer is lost, resend once, but only after the provider says the order does not exist
    #[arg(long)]
    pub retry_safe: bool,
    /// Also draw the checkout URL as a QR code on stderr (for a phone to scan)
    #[arg(long)]
    pub qr: bool,
}

#[derive(Debug, Subcommand)]
pub enum StatusCommand {
    /// Query the status of one or more orders
    Check(StatusArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Order ids
    pub ids: Vec<String>,
    /// Retrieval reference number (zenospay; used first when present)
    #[arg(long)]
    pub rrn: Option<String>,
    /// Read ids from a file (- = stdin): one a line, CSV with an order_id column, or NDJSON
    #[arg(long, value_name = "FILE")]
    pub from: Option<String>,
    /// Exit 7 unless every result has this status
    #[arg(long, value_name = "STATUS", value_parser = ["pending", "paid", "failed", "expired", "unknown"])]
    pub expect: Option<String>,
    /// Check every order of the selected profile that the journal has as not final
    #[arg(long, conflicts_with_all = ["ids", "from"])]
    pub pending: bool,
    /// With --pending: only orders created at least this long ago (e.g. 15m, 2h)
    #[arg(long, value_name = "DURATION", requires = "pending")]
    pub older_than: Option<String>,
    /// With --pending: skip orders checked (by any host) less than this long ago [default: since this run began]
    #[arg(long, value_name = "DURATION", requires = "pending")]
    pub recheck_after: Option<String>,
    /// With --pending: how long claimed orders stay reserved for this run; a killed run's orders return after it
    #[arg(long, value_name = "DURATION", requires = "pending", default_value = "5m")]
    pub lease: String,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Build and sign the request, print it, send nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// How a batch of status checks runs (`status check` with several ids, `reconcile`).
#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// Status checks in flight at once
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = crate::values::concurrency)]
    pub concurrency: u16,
    /// At most this many requests a second, e.g. 50/s or 600/m (retries count too)
    #[arg(long, value_name = "N/s")]
    pub rate: Option<String>,
    /// Retries per order for network errors, HTTP 5xx and 429, and the provider's retryable answers
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = crate::values::retries)]
    pub retries: u32,
    /// Total time for one order's check, every attempt and wait included (e.g. 30s, 2m); a
    /// Retry-After beyond it ends the check as a retryable error
    #[arg(long, default_value = "2m", value_name = "DURATION")]
    pub budget: String,
}

#[derive(Debug, Subcommand)]
pub enum OrdersCommand {
    /// List journal entries (every profile unless --of-profile)
    List(OrdersListArgs),
}

#[derive(Debug, Args)]
pub struct OrdersListArgs {
    /// Only this profile's orders (the global -p selects a profile for provider calls, not this)
    #[arg(long, value_name = "NAME")]
    pub of_profile: Option<String>,
    /// Only this provider's orders
    #[arg(long)]
    pub provider: Option<String>,
    /// Only orders with this status (repeatable)
    #[arg(long, value_parser = ["pending", "paid", "failed", "expired", "unknown"])]
    pub status: Vec<String>,
    /// Only orders created within this long (30m, 2h, 1d) or since this time (RFC 3339)
    #[arg(long, value_name = "DURATION|TIME")]
    pub since: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// The ledger: CSV with a header row (order id, amount, optional currency and status columns)
    #[arg(long, value_name = "FILE")]
    pub ledger: String,
    /// Write the report here (atomically: a temporary file renamed into place when complete)
    #[arg(long, value_name = "FILE")]
    pub report: Option<std::path::PathBuf>,
    #[arg(long, default_value = "order_id", value_name = "NAME")]
    pub order_id_column: String,
    #[arg(long, default_value = "amount", value_name = "NAME")]
    pub amount_column: String,
    /// Used when the ledger has it
    #[arg(long, default_value = "currency", value_name = "NAME")]
    pub currency_column: String,
    /// Used when the ledger has it; without it every ledger row counts as booked paid
    #[arg(long, default_value = "status", value_name = "NAME")]
    pub status_column: String,
    #[command(flatten)]
    pub batch: BatchArgs,
}

#[derive(Debug, Subcommand)]
pub enum CallbackCommand {
    /// Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header
    Verify(VerifyArgs),
    /// Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one
    Listen(ListenArgs),
    /// Send a signed test callback in the provider's real shape to your endpoint
    Send(SendArgs),
}

#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 8788)]
    pub port: u16,
    /// Pass verified callbacks on, byte for byte, to your endpoint and relay its answer.
    /// A URL without a path gets the incoming path and query appended
    #[arg(long, value_name = "URL")]
    pub forward_to: Option<String>,
    /// With --forward-to, also pass on callbacks that did not verify (to test your app's own checks)
    #[arg(long, requires = "forward_to")]
    pub forward_unverified: bool,
    /// Time to have every answer ready, a requery included: 1500ms, 1.5s, 3s (default: the
    /// provider's, 1.5s for zenospay, 5s for the others)
    #[arg(long, value_name = "DURATION")]
    pub budget: Option<String>,
    /// Save every request as a raw HTTP file that `callback verify` reads as is
    #[arg(long, value_name = "DIR")]
    pub save_dir: Option<std::path::PathBuf>,
    /// Also ask the provider's status API about each callback (needs the profile's API access)
    #[arg(long)]
    pub requery: bool,
    /// How far a signed timestamp may be from now
    #[arg(long, value_name = "DURATION", default_value = "5m")]
    pub tolerance: String,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Your webhook endpoint
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// The merchant order id the callback is about
    #[arg(long)]
    pub order_id: String,
    /// What the callback reports
    #[arg(long, value_parser = ["paid", "failed"], default_value = "paid")]
    pub status: String,
    /// Amount in major units (else the provider's demo amount)
    #[arg(long)]
    pub amount: Option<String>,
    /// Currency (else the provider's default)
    #[arg(long)]
    pub currency: Option<String>,
    /// Payment channel the callback names (else the provider's first)
    #[arg(long)]
    pub channel: Option<String>,
    /// Sign with this key instead of the sandbox's (a file; first line). Supported: cashy (its api_key)
    #[arg(long, value_name = "FILE")]
    pub key: Option<std::path::PathBuf>,
    /// Print the callback as a raw HTTP request instead of sending it
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Capture files (none or - reads stdin)
    pub files: Vec<String>,
    /// A header of the captured request, for bare bodies: 'Name: value' (repeatable)
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Verify as of this time (RFC 3339 or epoch seconds): captured files are old
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Also ask the provider's status API and require it to agree (paid, amount, currency)
    #[arg(long)]
    pub requery: bool,
    /// How far a signed timestamp may be from now (or --at)
    #[arg(long, value_name = "DURATION", default_value = "5m")]
    pub tolerance: String,
    /// Reject signed tokens older than this (payfect)
    #[arg(long, value_name = "DURATION")]
    pub max_age: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is
    Path,
    /// List the profiles (config file and built-in)
    List,
    /// Show one profile with secrets redacted
    Show {
        /// Profile name (else the selected profile)
        name: Option<String>,
    },
    /// Write a commented starter config file
    Init {
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
        /// Print it instead of writing it
        #[arg(long)]
        stdout: bool,
    },
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Divide callback retry waits by N (e.g. 60 makes Cashy's 1-minute retry a second)
    #[arg(long, default_value_t = 1.0, value_name = "N", value_parser = crate::values::time_scale)]
    pub time_scale: f64,
    /// Keep orders in this file across restarts
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// A merchant setting of an emulated provider: PROVIDER.KEY=VALUE (repeatable)
    #[arg(long = "set", value_name = "PROVIDER.KEY=VALUE")]
    pub settings: Vec<String>,
}
