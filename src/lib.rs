//! paycli: hosted-checkout payments from the command line. See README.md for the tour.

pub mod bounded;
pub mod capture;
pub mod cli;
pub mod commands;
pub mod config;
pub mod crypto;
pub mod error;
pub mod http;
pub mod journal;
pub mod model;
pub mod money;
pub mod ops;
pub mod output;
pub mod private_file;
pub mod providers;
pub mod sandbox;
pub mod secret;
pub mod settings;
pub mod values;

#[cfg(test)]
mod architecture_tests;

use error::Error;

/// Parses the process's command line and runs it; returns the exit code. Errors in the command
/// line itself are rendered like every other error (JSON under `-o json`).
pub fn main() -> u8 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match <cli::Cli as clap::Parser>::try_parse_from(&args) {
        Ok(cli) => run(cli),
        Err(e) => cli::report_parse_error(e, &args),
    }
}

/// Runs a parsed command line and returns the process exit code; errors are printed here.
pub fn run(cli: cli::Cli) -> u8 {
    output::init(output::Stderr::resolve(cli.global.output, cli.global.color, cli.global.quiet));
    let style = output::Style::resolve(cli.global.output, cli.global.color);
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            output::error(&Error::internal(format!("cannot start the async runtime: {e}")));
            return 1;
        }
    };
    let (interrupt_tx, interrupts) = tokio::sync::watch::channel(0u32);
    let app = commands::App::new(cli.global, style, interrupts.clone());
    let result = runtime.block_on(async {
        tokio::spawn(async move {
            let mut count = 0;
            while tokio::signal::ctrl_c().await.is_ok() {
                count += 1;
                let _ = interrupt_tx.send(count);
            }
        });
        tokio::select! {
            r = commands::dispatch(&app, cli.command) => r,
            _ = hard_stop(&app, interrupts) => Err(Error::new(error::ErrorKind::Interrupted, "interrupted")),
        }
    });
    // Background tasks (sandbox deliveries) must not keep the process alive.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    match result {
        Ok(code) => code,
        // `paycli ... | head`: the reader has what it wanted.
        Err(e) if e.is_closed_output() => 0,
        Err(e) => {
            output::error(&e);
            e.exit_code()
        }
    }
}

/// Resolves when the command must be dropped on the spot: at the first Ctrl-C, unless the command
/// stops gracefully by itself (batches), and then at the second.
async fn hard_stop(app: &commands::App, mut interrupts: tokio::sync::watch::Receiver<u32>) {
    loop {
        if interrupts.changed().await.is_err() {
            return std::future::pending().await;
        }
        let count = *interrupts.borrow();
        if count >= 2 || !app.graceful() {
            return;
        }
    }
}
