//! Renders a canonical report as a published report in one of the layouts the extractor reads:
//! `cargo run -p xxgk-render --example render -- REPORT.json LAYOUT [SEED] > OUT`
//! (layouts: one-cell-per-line, pipe-cells, tab-rows, space-aligned, markdown, html, docx, gb18030,
//! and one-line: a web page's text with every line break lost, its noise drawn from SEED, default 0;
//! one-line-spaced: the same from a page whose table cells stand a space apart).
//! The PDF fixtures of `corpus/pdf/` are printed from its `html` output.

#![allow(clippy::print_stderr)] // a command-line example reports its usage errors

use std::io::Write as _;
use std::process::ExitCode;

use xxgk_render::{Layout, one_line, one_line_spaced, render};

/// The name of the [`one_line`] layout, which is not a [`Layout`]: its noise depends on a seed.
const ONE_LINE: &str = "one-line";
/// The name of the [`one_line_spaced`] layout.
const ONE_LINE_SPACED: &str = "one-line-spaced";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, layout, seed) = match args.as_slice() {
        [path, layout] => (path, layout, "0"),
        [path, layout, seed] if [ONE_LINE, ONE_LINE_SPACED].contains(&layout.as_str()) => {
            (path, layout, seed.as_str())
        }
        _ => {
            eprintln!(
                "usage: render REPORT.json LAYOUT, or render REPORT.json {ONE_LINE}|{ONE_LINE_SPACED} [SEED]"
            );
            return ExitCode::from(2);
        }
    };
    let Ok(seed) = seed.parse::<u64>() else {
        eprintln!("SEED must be a whole number, not {seed}");
        return ExitCode::from(2);
    };
    let spaced = layout == ONE_LINE_SPACED;
    let layout = match (layout.as_str(), Layout::from_name(layout)) {
        (ONE_LINE | ONE_LINE_SPACED, _) => None,
        (_, Some(layout)) => Some(layout),
        (_, None) => {
            let names: Vec<&str> = Layout::ALL.iter().map(|l| l.name()).collect();
            eprintln!(
                "unknown layout {layout}; one of: {}, {ONE_LINE}, {ONE_LINE_SPACED}",
                names.join(", ")
            );
            return ExitCode::from(2);
        }
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
    let published = match layout {
        Some(layout) => render(&report, layout),
        None if spaced => one_line_spaced(&report, seed),
        None => one_line(&report, seed),
    };
    match std::io::stdout().write_all(&published) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("writing: {e}");
            ExitCode::from(2)
        }
    }
}
