//! `xxgk conformance`: runs the language-neutral suite (`conformance/`) against any
//! implementation through a small process protocol, and speaks that protocol for xxgk itself.
//!
//! The protocol and the case format are specified in `conformance/README.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{Args, Subcommand};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use xxgk_check::{Checker, Format, Kind, Severity};

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
        /// document to check. It prints `{"findings":[{"rule":…,"pointer":…},…]}` on stdout.
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
    },
    /// Print xxgk's findings for one document in the protocol's form.
    Protocol {
        /// The document (.json, .yaml or .yml).
        file: PathBuf,
        /// Leave out this rule's findings, to simulate a broken implementation (for testing
        /// the runner).
        #[arg(long, value_name = "RULE", hide = true)]
        skip_rule: Vec<String>,
    },
}

/// A finding as the protocol carries it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Finding {
    rule: String,
    pointer: String,
}

/// The protocol's reply.
#[derive(Debug, Serialize, Deserialize)]
struct Reply {
    findings: Vec<Finding>,
}

#[derive(Debug, Deserialize)]
struct CaseFile {
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    base: String,
    patch: Vec<json_patch::PatchOperation>,
    expected: BTreeSet<Finding>,
}

/// Runs `xxgk conformance` and returns the exit code.
pub fn run(args: &ConformanceArgs) -> u8 {
    match &args.command {
        ConformanceCommand::Run {
            implementation,
            suite,
            known_failures,
            cases,
        } => match run_suite(implementation, suite, known_failures.as_deref(), cases) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("xxgk conformance run: {message}");
                EXIT_USAGE
            }
        },
        ConformanceCommand::Protocol { file, skip_rule } => protocol(file, skip_rule),
    }
}

fn protocol(file: &Path, skip: &[String]) -> u8 {
    let checked = read_canonical(file).and_then(|(text, format)| {
        let checker = Checker::new().map_err(|e| e.to_string())?;
        checker.check_text(&text, format).map_err(|e| e.to_string())
    });
    match checked {
        Ok(outcome) => {
            let findings = outcome
                .diagnostics
                .into_iter()
                .filter(|d| d.kind != Kind::NotEvaluable && d.severity != Severity::Info)
                .filter(|d| !skip.contains(&d.rule))
                .map(|d| Finding {
                    rule: d.rule,
                    pointer: d.pointer,
                })
                .collect();
            match serde_json::to_string(&Reply { findings }) {
                Ok(json) => {
                    println!("{json}");
                    EXIT_CONFORMANT
                }
                Err(e) => {
                    eprintln!("{}: {e}", file.display());
                    EXIT_USAGE
                }
            }
        }
        Err(message) => {
            eprintln!("{}: {message}", file.display());
            EXIT_USAGE
        }
    }
}

/// The text of a canonical report and its format (`.yaml`/`.yml` is YAML, anything else JSON).
pub fn read_canonical(path: &Path) -> Result<(String, Format), String> {
    let bytes = crate::inputs::read_file(path)?;
    let text = String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    Ok((text, if yaml { Format::Yaml } else { Format::Json }))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect::<Vec<_>>();
    files.sort();
    Ok(files)
}

/// Case ids of a known-failures file.
fn known_failures(path: Option<&Path>) -> Result<BTreeSet<String>, String> {
    let Some(path) = path else {
        return Ok(BTreeSet::new());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

/// A path quoted for `sh`.
fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// What happened to one case.
enum Verdict {
    Pass,
    Fail(String),
}

fn run_case(
    implementation: &str,
    dir: &Path,
    bases: &BTreeMap<String, Value>,
    case: &Case,
) -> Verdict {
    let Some(base) = bases.get(&case.base) else {
        return Verdict::Fail(format!("unknown base {:?}", case.base));
    };
    let mut doc = base.clone();
    if let Err(e) = json_patch::patch(&mut doc, &case.patch) {
        return Verdict::Fail(format!("the patch does not apply: {e}"));
    }
    let file = dir.join(format!("{}.json", case.id));
    let written = serde_json::to_string_pretty(&doc)
        .map_err(|e| e.to_string())
        .and_then(|text| std::fs::write(&file, text).map_err(|e| e.to_string()));
    if let Err(e) = written {
        return Verdict::Fail(format!("cannot write {}: {e}", file.display()));
    }
    let command = implementation.replace("{file}", &shell_quote(&file));
    let output = match Command::new("sh").arg("-c").arg(&command).output() {
        Ok(output) => output,
        Err(e) => return Verdict::Fail(format!("cannot run the implementation: {e}")),
    };
    let reply: Reply = match serde_json::from_slice(&output.stdout) {
        Ok(reply) => reply,
        Err(e) => {
            return Verdict::Fail(format!(
                "the implementation's output is not a protocol reply ({e}); stderr: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
    };
    let actual: BTreeSet<Finding> = reply.findings.into_iter().collect();
    if actual == case.expected {
        return Verdict::Pass;
    }
    let show = |set: Vec<&Finding>| {
        set.iter()
            .map(|f| format!("{} {}", f.rule, f.pointer))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Verdict::Fail(format!(
        "missing [{}], unexpected [{}]",
        show(case.expected.difference(&actual).collect()),
        show(actual.difference(&case.expected).collect())
    ))
}

fn run_suite(
    implementation: &str,
    suite: &Path,
    known_failures_file: Option<&Path>,
    only: &[String],
) -> Result<u8, String> {
    let bases = json_files(&suite.join("base"))?
        .into_iter()
        .map(|p| {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            read_json::<Value>(&p).map(|doc| (name, doc))
        })
        .collect::<Result<BTreeMap<_, _>, _>>()?;
    let mut cases = Vec::new();
    for path in json_files(&suite.join("cases"))? {
        cases.extend(read_json::<CaseFile>(&path)?.cases);
    }
    if let Some(unknown) = only.iter().find(|id| !cases.iter().any(|c| &&c.id == id)) {
        return Err(format!("no case {unknown:?}"));
    }
    cases.retain(|c| only.is_empty() || only.contains(&c.id));
    let known = known_failures(known_failures_file)?;
    let dir = std::env::temp_dir().join(format!("xxgk-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let verdicts: Vec<Verdict> = cases
        .par_iter()
        .map(|case| run_case(implementation, &dir, &bases, case))
        .collect();
    // Best effort: a leftover temporary directory is harmless.
    let _ = std::fs::remove_dir_all(&dir);

    let (mut passed, mut failed, mut xfailed, mut xpassed) = (0, 0, 0, 0);
    for (case, verdict) in cases.iter().zip(&verdicts) {
        let listed = known.contains(&case.id);
        match (verdict, listed) {
            (Verdict::Pass, false) => {
                passed += 1;
                println!("PASS   {}", case.id);
            }
            (Verdict::Pass, true) => {
                xpassed += 1;
                println!("XPASS  {} (listed as a known failure: remove it)", case.id);
            }
            (Verdict::Fail(why), false) => {
                failed += 1;
                println!("FAIL   {}: {why}", case.id);
            }
            (Verdict::Fail(why), true) => {
                xfailed += 1;
                println!("XFAIL  {}: {why}", case.id);
            }
        }
    }
    println!(
        "\n{} cases: {passed} passed, {failed} failed, {xfailed} known failures, {xpassed} unexpectedly passed",
        cases.len()
    );
    Ok(if failed == 0 {
        EXIT_CONFORMANT
    } else {
        EXIT_FINDINGS
    })
}
