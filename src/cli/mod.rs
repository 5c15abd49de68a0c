//! The command-line surface (README, "Commands").

mod parse_error;
pub mod values;

pub use parse_error::report_parse_error;

use crate::model::Status;
use crate::money::AmountText;
use crate::output::{ColorChoice, OutputFormat};
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::time::Duration;
use values::SandboxSetting;

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
    #[arg(long, global = true, value_name = "SECS", value_parser = crate::values::seconds)]
    pub timeout: Option<Duration>,
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

/// Each provider's checkout rules, for `checkout create --help`.
fn checkout_rules() -> String {
    let mut text = String::from("Provider rules (checked before anything is sent):\n");
    for p in crate::providers::all() {
        text.push_str(&format!("  {}: {}\n", p.id(), p.checkout_rules()));
    }
    text
}

/// The man page, generated from the same definitions as `--help`.
pub fn man_page() -> String {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out).expect("rendering to memory does not fail");
    String::from_utf8(out).expect("the man page is UTF-8")
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
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Run a local emulator of every provider on 127.0.0.1
    Sandbox(SandboxArgs),
    /// Run the whole loop offline against an in-process sandbox
    Demo,
    /// Check a profile without creating anything: config, secrets, keys, network, clock, credentials
    Doctor,
    /// Print the man page (roff), as committed under man/
    #[command(hide = true)]
    Manpage,
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
    #[command(after_help = checkout_rules())]
    Create(CheckoutArgs),
}

#[derive(Debug, Args)]
pub struct CheckoutArgs {
    /// Your order id (generated when absent)
    #[arg(long, value_name = "ID", value_parser = crate::values::order_id)]
    pub order_id: Option<String>,
    /// Amount in major units: 100000 (IDR), 50.00 (PHP), 20.5 (USDT); with --item, the items'
    /// total when absent (and it must equal that total when given)
    #[arg(long, allow_hyphen_values = true, required_unless_present = "items", value_parser = values::amount)]
    pub amount: Option<AmountText>,
    /// Currency (defaults to the provider's only currency)
    #[arg(long)]
    pub currency: Option<String>,
    /// The customer's name, as the provider shows and checks it
    #[arg(long, value_name = "NAME")]
    pub customer_name: Option<String>,
    /// The customer's email address
    #[arg(long, value_name = "EMAIL")]
    pub customer_email: Option<String>,
    /// The customer's phone number
    #[arg(long, value_name = "PHONE")]
    pub customer_phone: Option<String>,
    /// What is being sold, as the hosted page shows it
    #[arg(long, value_name = "TEXT")]
    pub product_name: Option<String>,
    /// A free-text description of the order
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// A line item NAME:QTY:UNIT_PRICE (repeatable)
    #[arg(long = "item", value_name = "NAME:QTY:UNIT_PRICE", value_parser = values::item)]
    pub items: Vec<values::ItemArg>,
    /// Where the provider sends the callback (else the profile's setting)
    #[arg(long, value_name = "URL")]
    pub callback_url: Option<String>,
    /// Where the customer returns after paying (else the profile's setting)
    #[arg(long, value_name = "URL")]
    pub redirect_url: Option<String>,
    /// Where the customer returns after cancelling
    #[arg(long, value_name = "URL")]
    pub cancel_url: Option<String>,
    /// How long the checkout stays open: 30m, 2h, 1d, 3600s
    #[arg(long, value_name = "DURATION", value_parser = values::duration)]
    pub expires_in: Option<Duration>,
    /// A provider field paycli has no flag for: KEY=TEXT, or KEY:=JSON (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = values::provider_field)]
    pub set: Vec<(String, serde_json::Value)>,
    /// Build and sign the request, print it, send nothing
    #[arg(long, conflicts_with_all = ["retry_safe", "qr"])]
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
    #[arg(value_name = "ID", value_parser = crate::values::order_id)]
    pub ids: Vec<String>,
    /// Retrieval reference number (zenospay; used first when present)
    #[arg(long, conflicts_with_all = ["from", "pending"], value_parser = crate::values::order_id)]
    pub rrn: Option<String>,
    /// Read ids from a file (- = stdin): one a line, CSV with an order_id column, or NDJSON
    #[arg(long, value_name = "FILE")]
    pub from: Option<String>,
    /// Exit 7 unless every result has this status
    #[arg(long, value_name = "STATUS", value_parser = values::status, conflicts_with = "dry_run")]
    pub expect: Option<Status>,
    /// Check every order of the selected profile that the journal has as not final
    #[arg(long, conflicts_with_all = ["ids", "from"])]
    pub pending: bool,
    /// With --pending: only orders created at least this long ago (e.g. 15m, 2h)
    #[arg(long, value_name = "DURATION", value_parser = values::chrono_duration)]
    pub older_than: Option<chrono::Duration>,
    /// With --pending: skip orders checked (by any host) less than this long ago [default: since this run began]
    #[arg(long, value_name = "DURATION", value_parser = values::chrono_duration)]
    pub recheck_after: Option<chrono::Duration>,
    /// With --pending: how long claimed orders stay reserved for this run; a killed run's orders return after it
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = values::chrono_duration)]
    pub lease: chrono::Duration,
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
    #[arg(long, value_name = "N/s", value_parser = values::rate)]
    pub rate: Option<Duration>,
    /// Retries per order for network errors, HTTP 5xx and 429, and the provider's retryable answers
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = crate::values::retries)]
    pub retries: u32,
    /// Total time for one order's check, every attempt and wait included (e.g. 30s, 2m); a
    /// Retry-After beyond it ends the check as a retryable error
    #[arg(long, default_value = "2m", value_name = "DURATION", value_parser = values::duration)]
    pub budget: Duration,
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
    #[arg(long, value_parser = values::provider)]
    pub provider: Option<String>,
    /// Only orders with this status (repeatable)
    #[arg(long, value_parser = values::status)]
    pub status: Vec<Status>,
    /// Only orders created within this long (30m, 2h, 1d) or since this time (RFC 3339)
    #[arg(long, value_name = "DURATION|TIME", value_parser = values::since)]
    pub since: Option<DateTime<Utc>>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// The ledger: CSV with a header row (order id, amount, optional currency and status columns)
    #[arg(long, value_name = "FILE")]
    pub ledger: String,
    /// Write the report here (atomically: a temporary file renamed into place when complete)
    #[arg(long, value_name = "FILE")]
    pub report: Option<std::path::PathBuf>,
    /// The ledger column with your order ids
    #[arg(long, default_value = "order_id", value_name = "NAME")]
    pub order_id_column: String,
    /// The ledger column with the booked amounts, in major units
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
    #[arg(long, value_name = "DURATION", value_parser = values::budget)]
    pub budget: Option<Duration>,
    /// Save every request as a raw HTTP file that `callback verify` reads as is
    #[arg(long, value_name = "DIR")]
    pub save_dir: Option<std::path::PathBuf>,
    /// Also ask the provider's status API about each callback (needs the profile's API access)
    #[arg(long)]
    pub requery: bool,
    /// How far a signed timestamp may be from now
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = values::chrono_duration)]
    pub tolerance: chrono::Duration,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Your webhook endpoint
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// The merchant order id the callback is about
    #[arg(long, value_name = "ID", value_parser = crate::values::order_id)]
    pub order_id: String,
    /// What the callback reports
    #[arg(long, value_parser = values::final_status, default_value = "paid")]
    pub status: Status,
    /// Amount in major units (else the provider's demo amount)
    #[arg(long, value_parser = values::amount)]
    pub amount: Option<AmountText>,
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
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE", value_parser = values::header)]
    pub headers: Vec<(String, String)>,
    /// Verify as of this time (RFC 3339 or epoch seconds): captured files are old
    #[arg(long, value_name = "TIME", value_parser = values::time)]
    pub at: Option<DateTime<Utc>>,
    /// Also ask the provider's status API and require it to agree (paid, amount, currency)
    #[arg(long)]
    pub requery: bool,
    /// How far a signed timestamp may be from now (or --at)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = values::chrono_duration)]
    pub tolerance: chrono::Duration,
    /// Reject signed tokens older than this (payfect)
    #[arg(long, value_name = "DURATION", value_parser = values::chrono_duration)]
    pub max_age: Option<chrono::Duration>,
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
        #[arg(long, conflicts_with = "stdout")]
        force: bool,
        /// Print it instead of writing it
        #[arg(long)]
        stdout: bool,
    },
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 picks a free one; the address is printed on stderr)
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Divide callback retry waits by N (e.g. 60 makes Cashy's 1-minute retry a second)
    #[arg(long, default_value = "1", value_name = "N", value_parser = values::time_scale)]
    pub time_scale: f64,
    /// Keep orders in this file across restarts
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// A merchant setting of an emulated provider: PROVIDER.KEY=VALUE (repeatable)
    #[arg(long = "set", value_name = "PROVIDER.KEY=VALUE", value_parser = values::sandbox_setting)]
    pub settings: Vec<SandboxSetting>,
}
