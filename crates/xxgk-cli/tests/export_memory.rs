//! `xxgk export` streams: exporting five times as many reports to XLSX takes no more memory.
//!
//! Its own test binary, so that the peak resident size of this process's children is that of the
//! exports alone (getrusage reports the largest child waited for, whatever test spawned it).

use std::path::Path;
use std::process::Command;

use nix::sys::resource::{UsageWho, getrusage};

/// Writes reports `from..to` of the synthetic corpus (a fifth of them broken, so that the
/// findings sheet fills too) into `dir`.
fn generate(dir: &Path, from: usize, to: usize) {
    let generator = xxgk_corpus::Generator::embedded().expect("embedded catalogue");
    std::fs::create_dir_all(dir).expect("dir");
    for index in from..to {
        let (report, _) = generator.report(7, index, 0.2).expect("a report");
        std::fs::write(dir.join(format!("{index:05}.json")), report.to_string()).expect("write");
    }
}

/// Exports the directories to XLSX and returns the largest peak resident size (KiB) of any
/// child so far.
fn export(dirs: &[&Path], out: &Path) -> i64 {
    let status = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("export")
        .args(dirs)
        .args(["--to", "xlsx", "-o"])
        .arg(out)
        .args(["-j", "2"])
        .status()
        .expect("xxgk runs");
    assert!(status.success());
    getrusage(UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage")
        .max_rss()
}

#[test]
// The figures are the point of the test: `--nocapture` shows them.
#[allow(clippy::print_stderr)]
fn memory_does_not_grow_with_the_number_of_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (small, large) = (dir.path().join("a"), dir.path().join("b"));
    generate(&small, 0, 1000);
    generate(&large, 1000, 5000);
    let thousand = export(&[&small], &dir.path().join("1000.xlsx"));
    // The maximum over both runs: it exceeds the first only if the second took more.
    let five_thousand = export(&[&small, &large], &dir.path().join("5000.xlsx"));
    eprintln!("peak RSS: 1,000 reports {thousand} KiB, 5,000 reports {five_thousand} KiB");
    // Rows held in memory would cost ~5 KiB a report: 4,000 more would add ~20 MiB.
    assert!(
        five_thousand <= thousand + 6 * 1024,
        "1,000 reports: {thousand} KiB; 5,000 reports: {five_thousand} KiB"
    );
    let size = |n: &str| {
        std::fs::metadata(dir.path().join(n))
            .expect("workbook")
            .len()
    };
    assert!(size("5000.xlsx") > 4 * size("1000.xlsx"));
}
