use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = paycli::cli::Cli::parse();
    ExitCode::from(paycli::run(cli))
}
