use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(paycli::main())
}
