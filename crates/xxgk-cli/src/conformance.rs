//! `xxgk conformance`: runs the language-neutral suite (`conformance/`) against any
//! implementation through a small process protocol, and speaks that protocol for xxgk itself.
//!
//! The protocol and the case format are specified in `conformance/README.md`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{Args, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;
use xxgk_catalogue::Catalogue;
use xxgk_check::{Checker, Format};
use xxgk_conformance::{Case, Finding, Reply, Suite, Verdict, read_known_failures};

use crate::stdout::emit;
use crate::{EXIT_CONFORMANT, EXIT_FINDINGS, EXIT_USAGE};

/// Arguments of `xxgk conformance`.
#[derive(Debug, Args)]
pub struct ConformanceArgs {
    #[command(subcommand)]
    command: ConformanceCommand,
}

#[derive(Debug, Subcommand)]
enum ConformanceCommand {
    /// Run every case of the suite against an implementation and print pass/fail per case.
    Run {
        /// The implementation's command, run by `sh -c`; `{file}` is replaced by the path of the
        /// document to check (by every path, for a case of several documents). It prints
        /// `{"findings":[{"rule":…,"pointer":…},…]}` on stdout.
        #[arg(long = "impl", value_name = "CMD")]
        implementation: String,
        /// The suite's directory.
        #[arg(long, default_value = "conformance", value_name = "DIR")]
        suite: PathBuf,
        /// The implementation's known failures: case ids, one per line, `#` for comments.
        #[arg(long, value_name = "FILE")]
        known_failures: Option<PathBuf>,
        /// Run only this case (repeatable).
        #[arg(long = "case", value_name = "ID")]
        cases: Vec<String>,
        /// `text`: one line per case; `json` or `markdown`: a results report to publish.
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
    },
    /// Print xxgk's findings for one document in the protocol's form; for several, checked
    /// together as a series, each finding naming its document.
    Protocol {
        /// The documents (.json, .yaml or .yml).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Leave out this rule's findings, to simulate a broken implementation (for testing
        /// the runner).
        #[arg(long, value_name = "RULE", hide = true)]
        skip_rule: Vec<String>,
    },
}

/// How `conformance run` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
    Markdown,
}

/// Runs `xxgk conformance` and returns the exit code.
pub fn run(args: &ConformanceArgs) -> u8 {
    match &args.command {
        ConformanceCommand::Run {
            implementation,
            suite,
            known_failures,
            cases,
            format,
        } => match run_suite(
            implementation,
            suite,
            known_failures.as_deref(),
            cases,
            *format,
        ) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("xxgk conformance run: {message}");
                EXIT_USAGE
            }
        },
        ConformanceCommand::Protocol { files, skip_rule } => match files.as_slice() {
            [file] => protocol(file, skip_rule),
            files => protocol_series(files, skip_rule),
        },
    }
}

fn protocol(file: &Path, skip: &[String]) -> u8 {
    let reply = match protocol_reply(file, skip) {
        Ok(reply) => reply,
        Err(message) => {
            eprintln!("{}: {message}", file.display());
            return EXIT_USAGE;
        }
    };
    match serde_json::to_string(&reply) {
        Ok(json) => emit(&(json + "\n"), EXIT_CONFORMANT),
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            EXIT_USAGE
        }
    }
}

/// xxgk's reply for several files, a series: each finding names its document by the path given.
fn protocol_series(files: &[PathBuf], skip: &[String]) -> u8 {
    let checker = match Checker::new() {
        Ok(checker) => checker,
        Err(e) => {
            eprintln!("xxgk: {e}");
            return EXIT_USAGE;
        }
    };
    let mut documents = Vec::new();
    for file in files {
        match xxgk_document::read::read_file(file) {
            Ok(bytes) => documents.push((file.display().to_string(), bytes)),
            Err(message) => {
                eprintln!("{}: {message}", file.display());
                return EXIT_USAGE;
            }
        }
    }
    let named: Vec<(&str, &[u8])> = documents
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    let reply = match xxgk_conformance::series_reply(&checker, &named) {
        Reply::Findings { findings } => Reply::Findings {
            findings: findings
                .into_iter()
                .filter(|f| !skip.contains(&f.rule))
                .collect(),
        },
        unreadable @ Reply::Unreadable { .. } => unreadable,
    };
    match serde_json::to_string(&reply) {
        Ok(json) => emit(&(json + "\n"), EXIT_CONFORMANT),
        Err(e) => {
            eprintln!("xxgk: {e}");
            EXIT_USAGE
        }
    }
}

/// xxgk's reply for one file; `Err` only when the file cannot be read at all (an I/O error,
/// not a property of the document).
fn protocol_reply(file: &Path, skip: &[String]) -> Result<Reply, String> {
    let bytes = xxgk_document::read::read_file(file)?;
    let checker = Checker::new().map_err(|e| e.to_string())?;
    Ok(
        match xxgk_conformance::reply(&checker, &bytes, format_of(file)) {
            Reply::Findings { findings } => Reply::Findings {
                findings: findings
                    .into_iter()
                    .filter(|f| !skip.contains(&f.rule))
                    .collect(),
            },
            unreadable @ Reply::Unreadable { .. } => unreadable,
        },
    )
}

/// `.yaml`/`.yml` is YAML, anything else JSON.
pub fn format_of(path: &Path) -> Format {
    let yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if yaml { Format::Yaml } else { Format::Json }
}

/// A path quoted for `sh`.
fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// Writes the documents of a case: `<dir>/<id>.json`, or for a case of several documents each
/// as `<dir>/<id>/<name>.json`; returns `{file}`'s replacement.
fn write_case(dir: &Path, case: &Case) -> Result<String, String> {
    let write = |file: &Path, bytes: &[u8]| {
        std::fs::write(file, bytes).map_err(|e| format!("cannot write {}: {e}", file.display()))
    };
    if case.documents().is_empty() {
        let file = dir.join(format!("{}.json", case.id));
        write(&file, case.document().bytes())?;
        return Ok(shell_quote(&file));
    }
    let sub = dir.join(&case.id);
    std::fs::create_dir_all(&sub).map_err(|e| format!("cannot create {}: {e}", sub.display()))?;
    let mut paths = Vec::new();
    for document in case.documents() {
        let file = sub.join(format!("{}.json", document.name));
        write(&file, document.document.bytes())?;
        paths.push(shell_quote(&file));
    }
    Ok(paths.join(" "))
}

fn run_case(implementation: &str, dir: &Path, case: &Case) -> Verdict {
    let files = match write_case(dir, case) {
        Ok(files) => files,
        Err(e) => return Verdict::Error(e),
    };
    let command = implementation.replace("{file}", &files);
    let output = match Command::new("sh").arg("-c").arg(&command).output() {
        Ok(output) => output,
        Err(e) => return Verdict::Error(format!("cannot run the implementation: {e}")),
    };
    let reply: Reply = match serde_json::from_slice(&output.stdout) {
        Ok(reply) => reply,
        Err(e) => {
            return Verdict::Error(format!(
                "the implementation's output is not a protocol reply ({e}); stderr: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
    };
    case.judge(&reply)
}

/// The outcome of one case, as the reports print it.
#[derive(Debug, Serialize)]
struct CaseResult {
    case: String,
    topic: String,
    rules: Vec<String>,
    /// `pass`, `fail`, `xfail` (a listed known failure) or `xpass` (listed, but passes).
    result: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing: Vec<Finding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unexpected: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// The whole run, as `--format json` prints it.
#[derive(Debug, Serialize)]
struct Report {
    implementation: String,
    catalogue: String,
    cases: usize,
    passed: usize,
    failed: usize,
    known_failures: usize,
    unexpectedly_passed: usize,
    results: Vec<CaseResult>,
}

impl Report {
    fn new(implementation: &str, results: Vec<CaseResult>) -> Self {
        let count = |result| results.iter().filter(|r| r.result == result).count();
        Self {
            implementation: implementation.to_owned(),
            catalogue: Catalogue::from_json(xxgk_model::RULES_JSON)
                .map(|c| format!("{} {}", c.id, c.version))
                .unwrap_or_default(),
            cases: results.len(),
            passed: count("pass"),
            failed: count("fail"),
            known_failures: count("xfail"),
            unexpectedly_passed: count("xpass"),
            results,
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for r in &self.results {
            let why = r.why();
            let line = match r.result {
                "pass" => format!("PASS   {}", r.case),
                "xpass" => format!("XPASS  {} (listed as a known failure: remove it)", r.case),
                "fail" => format!("FAIL   {}: {why}", r.case),
                _ => format!("XFAIL  {}: {why}", r.case),
            };
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&format!(
            "\n{} cases: {} passed, {} failed, {} known failures, {} unexpectedly passed\n",
            self.cases, self.passed, self.failed, self.known_failures, self.unexpectedly_passed
        ));
        out
    }

    /// A page an implementer can publish: the summary, then one row per case.
    fn markdown(&self) -> String {
        let mut out = format!(
            "# xxgk conformance results\n\n\
             - implementation: `{}`\n\
             - rule catalogue: `{}`\n\
             - {} cases: **{} passed**, {} failed, {} known failures, {} unexpectedly passed\n\n\
             | case | topic | rules | result | what differed |\n\
             |---|---|---|---|---|\n",
            self.implementation.replace('`', "'"),
            self.catalogue,
            self.cases,
            self.passed,
            self.failed,
            self.known_failures,
            self.unexpectedly_passed
        );
        for r in &self.results {
            let rules = if r.rules.is_empty() {
                "—".to_owned()
            } else {
                r.rules.join(", ")
            };
            let result = match r.result {
                "pass" => "✅ pass",
                "fail" => "❌ fail",
                "xfail" => "⚠️ known failure",
                _ => "❔ passes, listed as known failure",
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                r.case,
                r.topic,
                rules,
                result,
                r.why().replace('|', "\\|")
            ));
        }
        out
    }
}

impl CaseResult {
    /// What differed, in one line.
    fn why(&self) -> String {
        let show = |set: &[Finding]| {
            set.iter()
                .map(|f| match &f.document {
                    Some(document) => format!("{} {} in {document}", f.rule, f.pointer),
                    None => format!("{} {}", f.rule, f.pointer),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        match &self.error {
            Some(error) => error.clone(),
            None if self.missing.is_empty() && self.unexpected.is_empty() => String::new(),
            None => format!(
                "missing [{}], unexpected [{}]",
                show(&self.missing),
                show(&self.unexpected)
            ),
        }
    }
}

fn run_suite(
    implementation: &str,
    suite: &Path,
    known_failures_file: Option<&Path>,
    only: &[String],
    format: ReportFormat,
) -> Result<u8, String> {
    let suite = Suite::load(suite).map_err(|e| e.to_string())?;
    if let Some(unknown) = only.iter().find(|id| suite.case(id).is_none()) {
        return Err(format!("no case {unknown:?}"));
    }
    let cases: Vec<&Case> = suite
        .cases()
        .iter()
        .filter(|c| only.is_empty() || only.contains(&c.id))
        .collect();
    let known = match known_failures_file {
        Some(path) => read_known_failures(path).map_err(|e| e.to_string())?,
        None => BTreeSet::new(),
    };
    let dir = std::env::temp_dir().join(format!("xxgk-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let verdicts: Vec<Verdict> = cases
        .par_iter()
        .map(|case| run_case(implementation, &dir, case))
        .collect();
    // Best effort: a leftover temporary directory is harmless.
    let _ = std::fs::remove_dir_all(&dir);

    let results = cases
        .iter()
        .zip(verdicts)
        .map(|(case, verdict)| {
            let listed = known.contains(&case.id);
            let result = match (&verdict, listed) {
                (Verdict::Pass, false) => "pass",
                (Verdict::Pass, true) => "xpass",
                (_, false) => "fail",
                (_, true) => "xfail",
            };
            let (missing, unexpected, error) = match verdict {
                Verdict::Pass => (Vec::new(), Vec::new(), None),
                Verdict::Differ {
                    missing,
                    unexpected,
                } => (missing, unexpected, None),
                Verdict::Error(why) => (Vec::new(), Vec::new(), Some(why)),
            };
            CaseResult {
                case: case.id.clone(),
                topic: case.topic.clone(),
                rules: case.rules().into_iter().collect(),
                result,
                missing,
                unexpected,
                error,
            }
        })
        .collect();
    let report = Report::new(implementation, results);
    let text = match format {
        ReportFormat::Text => report.text(),
        ReportFormat::Markdown => report.markdown(),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
        }
    };
    Ok(emit(
        &text,
        if report.failed == 0 {
            EXIT_CONFORMANT
        } else {
            EXIT_FINDINGS
        },
    ))
}
