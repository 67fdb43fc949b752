//! `cargo xtask`: repository tasks that write files (code generation).
//!
//! It depends on the code generator and the catalogue only, never on the code it generates, so
//! that `cargo xtask codegen` builds even when the committed generated code does not compile
//! (`layering` enforces it). The benchmark corpus is the `xxgk-corpus` package (`cargo corpus`).
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod codegen;
#[cfg(test)]
mod layering;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen    regenerate the published schema JSON, xxgk-model, the bindings and the reference docs

The benchmark corpus is written by `cargo corpus` (the xxgk-corpus package).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(),
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
