//! One function per subcommand, plus the context they share.

mod callback;
mod checkout;
mod config;
mod demo;
mod doctor;
mod journal_store;
mod listen;
mod orders;
mod reconcile;
mod send;
mod status;

use crate::cli::{Command, GlobalArgs};
use crate::config::{Config, Profile};
use crate::error::{Error, Result};
use crate::http::HttpClient;
use crate::journal::{self, Journal, JournalWriter};
use crate::ops::batch::Batch;
use crate::ops::check::{RateLimiter, RetryPolicy};
use crate::output::{self, Record, RecordSink, Style};
use crate::providers::{self, Gateway};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

pub const DEFAULT_TIMEOUT_SECS: f64 = 30.0;
/// Where the order journal lives; wins over the config's `journal` key.
pub const JOURNAL_ENV: &str = "PAYCLI_JOURNAL";

/// What every command may need: the global flags, output style and the lazily loaded config.
pub struct App {
    pub global: GlobalArgs,
    pub style: Style,
    config: OnceLock<Result<Config>>,
    /// Ctrl-C count, for commands that stop gracefully.
    interrupts: tokio::sync::watch::Receiver<u32>,
    graceful: AtomicBool,
}

impl App {
    pub fn new(global: GlobalArgs, style: Style, interrupts: tokio::sync::watch::Receiver<u32>) -> Self {
        App { global, style, config: OnceLock::new(), interrupts, graceful: AtomicBool::new(false) }
    }

    /// The command handles Ctrl-C itself from now on; only a second one drops it.
    pub fn handle_interrupts(&self) -> tokio::sync::watch::Receiver<u32> {
        self.graceful.store(true, Ordering::SeqCst);
        self.interrupts.clone()
    }

    pub fn graceful(&self) -> bool {
        self.graceful.load(Ordering::SeqCst)
    }

    /// Where the journal lives: `PAYCLI_JOURNAL`, else the config's `journal`, else the SQLite
    /// file in the data directory. `Ok(None)` with `--no-journal`.
    pub fn journal_location(&self) -> Result<Option<journal::Location>> {
        if self.global.no_journal {
            return Ok(None);
        }
        let ca = self.global.ca_cert.as_ref();
        if let Some(text) = std::env::var(JOURNAL_ENV).ok().filter(|v| !v.trim().is_empty()) {
            return journal::Location::parse(&text, ca)
                .map(Some)
                .map_err(|e| Error { message: format!("{JOURNAL_ENV}: {}", e.message), ..e });
        }
        // A config that does not load is reported by the command that needs it; the journal
        // then falls back to its default place.
        if let Ok(config) = self.config()
            && let Some(source) = &config.journal
        {
            let url = source.resolve_at("config `journal`", "journal")?;
            return journal::Location::parse(url.expose(), ca).map(Some);
        }
        match journal::default_path() {
            Some(path) => Ok(Some(journal::Location::Sqlite(path))),
            None => Err(Error::config("no data directory for the order journal")
                .with_hint("set PAYCLI_DATA_DIR or PAYCLI_JOURNAL, or pass --no-journal")),
        }
    }

    /// The journal for a command that cannot work without it (`orders list`, `--pending`).
    pub fn required_journal(&self, what: &str) -> Result<Journal> {
        let location = self
            .journal_location()?
            .ok_or_else(|| Error::usage(format!("{what} reads the order journal")).with_hint("drop --no-journal"))?;
        journal::open(&location)
    }

    /// The journal for reading or a single write; `None` (after a warning) when it cannot be opened.
    pub fn journal(&self) -> Option<Journal> {
        let location = self.journal_location().map_err(|e| journal::warn(&e)).ok()??;
        journal::open(&location).map_err(|e| journal::warn(&e)).ok()
    }

    /// A journal writer for many answers, opened on its first write; records nothing with
    /// `--no-journal` (or, after a warning, when the journal's place cannot be worked out).
    pub fn journal_writer(&self) -> JournalWriter {
        JournalWriter::new(self.journal_location().map_err(|e| journal::warn(&e)).ok().flatten())
    }

    pub fn config(&self) -> Result<&Config> {
        self.config
            .get_or_init(|| Config::load(self.global.config.as_deref(), providers::catalog()))
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn profile(&self) -> Result<Profile> {
        self.config()?.profile(self.global.profile.as_deref())
    }

    /// The selected profile's provider client.
    pub fn gateway(&self) -> Result<(Profile, Box<dyn Gateway>)> {
        let profile = self.profile()?;
        let provider = providers::find(&profile.provider).ok_or_else(|| Error::internal("provider vanished"))?;
        profile.register_secrets(provider.secret_keys());
        let gateway = provider.gateway(&profile)?;
        Ok((profile, gateway))
    }

    /// Flag > profile's `timeout` > 30 s.
    pub fn http(&self, profile: Option<&Profile>) -> Result<HttpClient> {
        let bad = |shown: String| {
            Error::config(format!(
                "`timeout` in the profile must be a positive number of seconds (at most 3600), not {shown}"
            ))
        };
        let from_profile = match profile.and_then(|p| p.table().get("timeout")) {
            None => None,
            Some(toml::Value::Integer(i)) => {
                Some(crate::values::seconds_f64(*i as f64).map_err(|_| bad(i.to_string()))?)
            }
            Some(toml::Value::Float(f)) => Some(crate::values::seconds_f64(*f).map_err(|_| bad(f.to_string()))?),
            Some(other) => return Err(bad(other.type_str().into())),
        };
        let timeout = self.global.timeout.or(from_profile).unwrap_or(Duration::from_secs_f64(DEFAULT_TIMEOUT_SECS));
        let ca: Vec<_> = self.global.ca_cert.iter().cloned().collect();
        HttpClient::with_ca_certs(timeout, self.global.verbose, &ca)
    }

    /// The batch engine set up from the batch flags (`status check`, `reconcile`).
    pub fn batch(
        &self,
        args: &crate::cli::BatchArgs,
        gateway: Arc<dyn Gateway>,
        profile: &Profile,
        many: bool,
    ) -> Result<Batch> {
        let rate = args.rate.map(|interval| Arc::new(RateLimiter::every(interval)));
        Ok(Batch {
            http: self.http(Some(profile))?,
            gateway,
            profile: profile.name.clone(),
            journal: Some(Arc::new(self.journal_writer())),
            claim_owner: None,
            policy: RetryPolicy { retries: args.retries, budget: args.budget, ..RetryPolicy::default() },
            rate,
            concurrency: usize::from(args.concurrency),
            progress: many,
            total: None,
        })
    }

    /// Records of type `R` to stdout; with `many`, failed items are rows too.
    pub fn sink<R: Record>(&self, many: bool) -> RecordSink<std::io::Stdout> {
        RecordSink::new::<R>(self.style, std::io::stdout(), many)
    }

    /// Records whose fields are whatever the first one has.
    pub fn sink_dynamic(&self, many: bool) -> RecordSink<std::io::Stdout> {
        RecordSink::dynamic(self.style, std::io::stdout(), many)
    }
}

pub async fn dispatch(app: &App, command: Command) -> Result<u8> {
    use crate::cli::{CallbackCommand, CheckoutCommand, StatusCommand};
    match command {
        Command::Checkout(CheckoutCommand::Create(args)) => checkout::run(app, args).await,
        Command::Status(StatusCommand::Check(args)) => status::run(app, args).await,
        Command::Callback(CallbackCommand::Verify(args)) => callback::run(app, args).await,
        Command::Callback(CallbackCommand::Listen(args)) => listen::run(app, args).await,
        Command::Callback(CallbackCommand::Send(args)) => send::run(app, args).await,
        Command::Orders(cmd) => orders::run(app, cmd),
        Command::Journal(cmd) => journal_store::run(app, cmd),
        Command::Reconcile(args) => reconcile::run(app, args).await,
        Command::Config(cmd) => config::run(app, cmd),
        Command::Completions { shell } => output::print_exact(&completion_script(shell)).map(|_| 0),
        Command::Sandbox(args) => {
            let settings = args.settings.into_iter().map(|s| (format!("{}.{}", s.provider, s.key), s.value)).collect();
            let opts =
                crate::sandbox::SandboxOptions { time_scale: args.time_scale, state: args.state, settings, log: true };
            crate::sandbox::serve(args.port, providers::emulators(), opts).await.map(|_| 0)
        }
        Command::Demo => demo::run(app).await,
        Command::Doctor => doctor::run(app).await,
        Command::Manpage => output::print_exact(&crate::cli::man_page()).map(|_| 0),
    }
}

/// The completion script for one shell, as committed under `completions/`.
pub fn completion_script(shell: clap_complete::Shell) -> String {
    use clap::CommandFactory;
    let mut cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "paycli", &mut out);
    String::from_utf8(out).expect("completion scripts are UTF-8")
}
