//! `xxgk migrate REPORT --to 2021`: a 2019-edition report carried onto the 2021 edition by the
//! published mapping (`xxgk-migrate`), with what it could not carry said field by field: the
//! document to stdout or `-o`, the summary to stderr, the JSON report to `--report`. A canonical
//! report is taken as it stands; a published one (text, HTML, DOCX, PDF) is read by the same
//! path as `xxgk check` (`xxgk_document`), and what its reader could not read is said as unread.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde_json::Value;
use xxgk_check::{Checker, Kind};
use xxgk_document::{Checked, Document, Reading, Source};
use xxgk_extract::{Edition, ProblemCode};
use xxgk_migrate::{Mapping, migrate_read};

use crate::export::output::{AtomicFile, identity};
use crate::{EXIT_CONFORMANT, EXIT_USAGE, LangArg};

/// The editions a report can be migrated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToEdition {
    /// The 2021 format (国办公开办函〔2021〕30号).
    #[value(name = "2021")]
    E2021,
}

/// Arguments of `xxgk migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The 2019-edition report: canonical JSON or YAML (`-` for stdin), or a published report in
    /// the 2019 format (.txt, .md, .html, .htm, .docx, .pdf).
    report: PathBuf,
    /// The edition to migrate to.
    #[arg(long, value_enum)]
    to: ToEdition,
    /// Write the migrated report to FILE (default: stdout).
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write the machine-readable migration report (JSON) to FILE.
    #[arg(long = "report", value_name = "FILE")]
    report_file: Option<PathBuf>,
    /// Language of the summary on stderr.
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
}

/// Runs `xxgk migrate`; the exit code.
pub fn run(args: &MigrateArgs) -> u8 {
    match migrate_report(args) {
        Ok(()) => EXIT_CONFORMANT,
        Err(e) => {
            eprintln!("xxgk migrate: {e}");
            EXIT_USAGE
        }
    }
}

fn migrate_report(args: &MigrateArgs) -> Result<(), String> {
    let ToEdition::E2021 = args.to;
    let source = if args.report.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::File(args.report.clone())
    };
    let name = source.display();
    // Refused before anything is read: an output that is the input, or both outputs one file.
    let outputs: Vec<&Path> = [&args.out, &args.report_file]
        .into_iter()
        .flatten()
        .map(PathBuf::as_path)
        .collect();
    for out in &outputs {
        if out.file_name().is_none() || out.is_dir() {
            return Err(format!("{}: not a file name", out.display()));
        }
        if let Source::File(input) = &source
            && identity(out).is_some_and(|id| Some(id) == identity(input))
        {
            return Err(format!("{} is the input: nothing written", out.display()));
        }
    }
    if let [a, b] = outputs[..]
        && (a == b || identity(a).is_some_and(|id| Some(id) == identity(b)))
    {
        return Err("-o and --report name the same file: nothing written".into());
    }
    let bytes = source.read().map_err(|e| format!("{name}: {e}"))?;
    let checker = Checker::new().map_err(|e| e.to_string())?;
    let hint = source.hint();
    let (doc, unread): (Value, Vec<String>) = match xxgk_document::classify(bytes, hint.as_deref())
        .map_err(|e| format!("{name}: {e}"))?
    {
        Document::Canonical(text, format) => (
            xxgk_check::parse(&text, format).map_err(|e| format!("{name}: {e}"))?,
            Vec::new(),
        ),
        Document::Published(bytes) => {
            published(&checker, bytes, hint.as_deref().unwrap_or(""), &name)?
        }
    };
    let unread: Vec<&str> = unread.iter().map(String::as_str).collect();
    let mapping = Mapping::embedded().map_err(|e| e.to_string())?;
    let migration = migrate_read(&mapping, &doc, &unread).map_err(|e| format!("{name}: {e}"))?;
    let english = args.lang == LangArg::En;
    // A value of the wrong type or shape would be carried as it is: such a report is refused;
    // its blank cells (missing fields) and its broken sums are its own, and migrate as they are.
    let input_checker = checker.for_document(&doc);
    let malformed: Vec<String> = input_checker
        .check_value(&doc)
        .diagnostics
        .into_iter()
        .filter(|d| d.kind == Kind::Schema && d.rule != "S1")
        .map(|d| if english { d.message_en } else { d.message_zh })
        .collect();
    if !malformed.is_empty() {
        return Err(format!(
            "{name} is not schema-valid in the 2019 edition beyond blank cells; nothing \
             migrated:\n  {}",
            malformed.join("\n  ")
        ));
    }
    let mut summary = migration.summary(english);
    // What the 2021 schema says of the carried values beyond the missing fields (a report on
    // 2020 keeps its true year, below the 2021 schema's minimum).
    let beyond: Vec<String> = checker
        .for_document(&migration.document)
        .check_value(&migration.document)
        .diagnostics
        .into_iter()
        .filter(|d| d.kind == Kind::Schema && d.rule != "S1")
        .map(|d| if english { d.message_en } else { d.message_zh })
        .collect();
    if !beyond.is_empty() {
        summary.push_str(if english {
            "The 2021 schema also reports, of carried values:\n"
        } else {
            "2021年版模式对已转换的值另有提示：\n"
        });
        for line in beyond {
            summary.push_str(&format!("  - {line}\n"));
        }
    }
    let document = to_json(&migration.document)?;
    let report = to_json(&migration.report)?;
    if let Some(path) = &args.report_file {
        write_file(path, &report)?;
    }
    match &args.out {
        Some(path) => write_file(path, &document)?,
        None => std::io::stdout()
            .lock()
            .write_all(document.as_bytes())
            .map_err(|e| format!("cannot write to stdout: {e}"))?,
    }
    eprint!("{summary}");
    Ok(())
}

/// A published report read as `xxgk check` reads it: the 2019-edition report its reader made and
/// the pointers it could not read. A report in the 2021 format, or none, is refused.
fn published(
    checker: &Checker,
    bytes: Vec<u8>,
    hint: &str,
    name: &str,
) -> Result<(Value, Vec<String>), String> {
    let report = match xxgk_document::published::check(checker, bytes, hint) {
        Checked::Unreadable(why) => return Err(format!("{name}: {why}")),
        Checked::NotAReport => {
            return Err(format!(
                "{name}: not an annual report (no section heading and no table row found)"
            ));
        }
        Checked::Report(report) => report,
    };
    let mut unread: Vec<String> = report
        .unread_cells()
        .into_iter()
        .map(str::to_owned)
        .collect();
    match report.reading {
        Reading::Extracted(extraction) if extraction.edition == Edition::E2019 => {
            // Beyond the cells: a value the reader did not find (a section's prose, the
            // publication date, a contact address, the organ's level) may well be printed, so it
            // is not the report's blank either. Only a cell it located and found blank is.
            unread.extend(
                extraction
                    .problems
                    .iter()
                    .filter(|p| p.code != ProblemCode::CellBlank)
                    .filter_map(|p| p.pointer.clone())
                    .chain(["/metadata".to_owned(), "/preamble".to_owned()]),
            );
            unread.sort();
            unread.dedup();
            Ok((extraction.report, unread))
        }
        Reading::Extracted(_) => Err(format!(
            "{name}: a published report in the 2021 format (国办公开办函〔2021〕30号): it is \
             already in the 2021 edition; nothing to migrate"
        )),
        Reading::Canonical(_) => Err(format!("{name}: not a published report")),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// Writes `text` to a new temporary file of `path`'s directory, renamed over `path` when
/// complete (never written through a link planted there).
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let mut file = AtomicFile::create(path)?;
    file.writer()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.commit()
}
