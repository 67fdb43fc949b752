//! `cargo xtask`: repository tasks that write files (code generation, corpora).
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod codegen;
mod corpus;
#[cfg(test)]
mod ecosystem;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen    regenerate the published schema JSON, xxgk-model, the bindings and the reference docs
  corpus     write a deterministic synthetic corpus of reports (see `cargo xtask corpus --help`)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(),
        Some("corpus") => corpus::run(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
