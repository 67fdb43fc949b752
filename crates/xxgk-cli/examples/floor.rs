//! The benchmark floor: reads every `.json` file under the given paths and parses it with
//! serde_json into `xxgk_model::AnnualReport`, nothing else (no rules, no output per file).
//!
//! `cargo run --release -p xxgk-cli --example floor -- [-j N] PATH...`
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use xxgk_model::AnnualReport;

/// The allocator of `xxgk` itself, so that the floor differs from it only by the work it skips.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn walk(path: &Path, found: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                walk(&entry.path(), found);
            }
        }
        Err(_) if path.extension().is_some_and(|e| e == "json") => found.push(path.to_owned()),
        Err(_) => {}
    }
}

fn parses(path: &Path) -> bool {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<AnnualReport>(&bytes).ok())
        .is_some()
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "-j") && args.len() > 1 {
        let jobs = args[1].parse().unwrap_or(0);
        args.drain(..2);
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global();
    }
    if args.is_empty() {
        eprintln!("usage: floor [-j N] PATH...");
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for arg in &args {
        walk(Path::new(arg), &mut files);
    }
    files.sort();
    let parsed = files.par_iter().filter(|p| parses(p)).count();
    println!("{parsed} of {} files parsed", files.len());
    ExitCode::SUCCESS
}
