//! Issue #10's done-when, executable: no hand-written Rust code under `crates/` restates a row
//! label of 表三; the labels come from the generated `STANDARD_2021`. Nor does any code hold the
//! 2019 表二's row names or column headers as a string of its own: they come from
//! `STANDARD_2019`.
//!
//! Scanned: the code of every `.rs` file under `crates/`. Not scanned, and why:
//! - `generated.rs`: the generated code, the one place the labels are written;
//! - files under a `tests/` folder, and a file's unit tests (from its `#[cfg(test)]` line on):
//!   their inputs are published report text, which prints the labels;
//! - comment lines: a comment quotes a label to say what the code recognises.

use std::fs;
use std::path::{Path, PathBuf};

use xxgk_model::{STANDARD_2019, STANDARD_2021};

/// A label body shorter than this is a word, not a label: `其他`, `总计`, `予以公开`, `重复申请`
/// are column headers, or the recognition fragment that is the whole label.
const MIN_CHARS: usize = 5;

/// The bodies (ordinal removed) of the 表三 row labels, verbatim and without their remark.
fn labels() -> Vec<&'static str> {
    let table = STANDARD_2021
        .tables
        .iter()
        .find(|t| t.number == "表三")
        .expect("the Standard has 表三");
    let mut bodies: Vec<&str> = table
        .rows
        .iter()
        .flat_map(|row| [row.label, row.name].map(|l| l.strip_prefix(row.short_label).unwrap_or(l)))
        .filter(|body| body.chars().count() >= MIN_CHARS)
        .collect();
    bodies.sort_unstable();
    bodies.dedup();
    bodies
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "tests" && name != "target" {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") && name != "generated.rs" {
            out.push(path);
        }
    }
}

/// The code of a file: up to its unit tests, comment lines left out.
fn code(text: &str) -> String {
    text.lines()
        .take_while(|line| line.trim() != "#[cfg(test)]")
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_hand_written_code_holds_a_row_label_of_table_three() {
    let labels = labels();
    // Every row but the four whose label is a word (see MIN_CHARS).
    assert_eq!(labels.len(), 21, "{labels:?}");
    let crates = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crates folder");
    let mut files = Vec::new();
    rust_files(crates, &mut files);
    assert!(files.len() > 50, "the scan found the sources");
    let mut found = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(crates).expect("under crates");
        let relative = relative.to_string_lossy().replace('\\', "/");
        let code = code(&fs::read_to_string(file).expect("readable source"));
        for label in &labels {
            if code.contains(label) {
                found.push(format!("{relative}: {label}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "template labels written by hand:\n{}",
        found.join("\n")
    );
}

/// The 2019 表二's row names and column headers of six characters or more, as the string
/// literals a hand-written list would hold (`"上一年项目数量"`); shorter ones are the words a
/// recogniser looks for (`"规范性文件"`).
fn labels_2019_table_two() -> Vec<String> {
    let table = STANDARD_2019
        .tables
        .iter()
        .find(|t| t.number == "表二")
        .expect("the 2019 Standard has 表二");
    let mut labels: Vec<String> = table
        .rows
        .iter()
        .map(|r| r.name)
        .chain(table.columns.iter().map(|c| c.header))
        .filter(|l| l.chars().count() >= 6)
        .map(|l| format!("\"{l}\""))
        .collect();
    labels.sort_unstable();
    labels.dedup();
    labels
}

#[test]
fn no_hand_written_code_holds_the_2019_table_two() {
    let labels = labels_2019_table_two();
    assert_eq!(labels.len(), 9, "{labels:?}");
    let crates = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crates folder");
    let mut files = Vec::new();
    rust_files(crates, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let code = code(&fs::read_to_string(file).expect("readable source"));
        for label in &labels {
            if code.contains(label.as_str()) {
                found.push(format!("{}: {label}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "2019 表二 written by hand:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_a_label_in_code_but_not_in_comments_or_tests() {
    let label = labels()
        .into_iter()
        .find(|l| l.contains("不掌握"))
        .expect("row （四）1");
    let source =
        format!("// {label}\nconst A: &str = \"{label}\";\n#[cfg(test)]\nmod tests {{}}\n");
    assert!(code(&source).contains(label));
    let commented =
        format!("/// {label}\nfn f() {{}}\n#[cfg(test)]\nconst B: &str = \"{label}\";\n");
    assert!(!code(&commented).contains(label));
}
