//! An integrator's first program: load a canonical report with `xxgk-model` and print its totals.
//!
//! Run: `cargo run --example totals -- examples/jingyue-2024.json`
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use xxgk_model::{AnnualReport, CELLS, CellValue};

fn main() -> ExitCode {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/jingyue-2024.json"
        )
        .to_owned()
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let report: AnnualReport = match serde_json::from_str(&text) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{path}: not a canonical 2021 report: {e}");
            return ExitCode::from(2);
        }
    };

    let apps = &report.applications;
    let cases = &report.review_litigation;
    println!(
        "{} — {} 年度",
        report.metadata.organ.name, report.metadata.report_year
    );
    println!(
        "新收申请 new applications        {}",
        apps.new_received.total
    );
    println!(
        "上年结转 carried over            {}",
        apps.carried_over.total
    );
    println!(
        "办理完毕 concluded               {}",
        apps.results.total.total
    );
    println!(
        "结转下年 carried forward         {}",
        apps.carried_forward.total
    );
    println!("行政复议 administrative reviews  {}", cases.review.total);
    println!(
        "行政诉讼 lawsuits                {}",
        cases.litigation_direct.total + cases.litigation_after_review.total
    );
    println!(
        "行政事业性收费 fees (万元)       {}",
        report.active_disclosure.fees.amount_wan_yuan
    );

    // Every cell, with its Chinese label path, through the generated cell table.
    let nonzero = CELLS
        .iter()
        .zip(report.cell_values())
        .filter(|(_, value)| !matches!(value, CellValue::Count(0)))
        .count();
    println!("{nonzero} of {} cells are non-zero", CELLS.len());
    ExitCode::SUCCESS
}
