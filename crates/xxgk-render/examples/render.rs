//! Renders a canonical report as a published report in one of the layouts the extractor reads:
//! `cargo run -p xxgk-render --example render -- REPORT.json LAYOUT > OUT`
//! (layouts: one-cell-per-line, pipe-cells, tab-rows, space-aligned, markdown, html, docx, gb18030).
//! The PDF fixtures of `corpus/pdf/` are printed from its `html` output.

#![allow(clippy::print_stderr)] // a command-line example reports its usage errors

use std::io::Write as _;
use std::process::ExitCode;

use xxgk_render::{Layout, render};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, layout] = args.as_slice() else {
        eprintln!("usage: render REPORT.json LAYOUT");
        return ExitCode::from(2);
    };
    let Some(layout) = Layout::from_name(layout) else {
        let names: Vec<&str> = Layout::ALL.iter().map(|l| l.name()).collect();
        eprintln!("unknown layout {layout}; one of: {}", names.join(", "));
        return ExitCode::from(2);
    };
    let report: xxgk_model::AnnualReport = match std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    match std::io::stdout().write_all(&render(&report, layout)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("writing: {e}");
            ExitCode::from(2)
        }
    }
}
