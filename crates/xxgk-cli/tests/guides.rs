//! Runs every command of the guides in `docs/guides/*.md`, so that a guide cannot drift from the
//! `xxgk` it describes. The format the test reads is in `docs/guides/README.md`: fenced blocks with
//! the info string `console` (`$ ` starts a command, the lines after it are its output, `...`
//! stands for any lines, `[exit N]` for a non-zero status), `console no-run REASON` for blocks
//! that are shown but not run. Each guide runs in its own temporary copy of the files it uses,
//! with the built `xxgk` first on `PATH`; nothing is written into the repository.

#![cfg(unix)]
#![allow(clippy::print_stderr)] // a skipped test says why

use std::fmt::Write as _;
use std::fs;
use std::io::Read as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The repository folders a guide's commands may read, copied into each guide's directory.
const FIXTURES: &[&str] = &[
    "examples",
    "conformance",
    "corpus",
    "schema",
    "bindings/python",
    "docs/guides",
];
/// How long one command may run before it is killed and the test fails.
const TIME_LIMIT: Duration = Duration::from_secs(120);
/// How much of a command's output is read (a runaway command cannot exhaust memory).
const OUTPUT_LIMIT: u64 = 1 << 20;

/// One `$ ` command of a guide, with what the guide shows after it.
struct Step {
    /// The guide's file name and the command's line number (1-based), for failure messages.
    place: String,
    command: String,
    /// The output lines shown; `None` when the guide shows none (then only the status counts).
    output: Option<Vec<String>>,
    status: i32,
}

/// What the guide files hold: the runnable steps in order, and the blocks marked not runnable.
struct Guide {
    steps: Vec<Step>,
    skipped: usize,
}

/// The programs the guides run besides `xxgk` and the shell's tools, with the argument that shows
/// they work: `.ci/run` installs both (poppler-utils; Python 3.11+ by `bindings/setup.sh`).
const TOOLS: &[(&str, &[&str])] = &[
    ("pdftotext", &["-v"]),
    (
        "python3",
        &["-c", "import sys; sys.exit(sys.version_info < (3, 11))"],
    ),
];

/// Whether the guides' tools run here; without one, a failure under CI and a skip elsewhere.
fn have_tools() -> bool {
    let missing: Vec<&str> = TOOLS
        .iter()
        .filter(|(tool, args)| {
            !Command::new(tool)
                .args(*args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        })
        .map(|(tool, _)| *tool)
        .collect();
    assert!(
        missing.is_empty() || std::env::var_os("CI").is_none(),
        "the guides need {missing:?}: .ci/run installs them"
    );
    if !missing.is_empty() {
        eprintln!("skipped: the guides need {missing:?} (poppler-utils, Python 3.11+)");
    }
    missing.is_empty()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Reads the `console` blocks of one guide; a malformed block is an error naming its line.
fn parse(name: &str, text: &str) -> Result<Guide, String> {
    let mut guide = Guide {
        steps: Vec::new(),
        skipped: 0,
    };
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let mut words = info.split_whitespace();
        let runnable = match (words.next(), words.next()) {
            (Some("console"), None) => true,
            (Some("console"), Some("no-run")) => {
                if words.next().is_none() {
                    return Err(format!(
                        "{name}:{}: a `console no-run` block must say why",
                        number + 1
                    ));
                }
                false
            }
            (Some("console"), Some(other)) => {
                return Err(format!(
                    "{name}:{}: unknown console flag `{other}`",
                    number + 1
                ));
            }
            _ => {
                // Another language's block: skip to its closing fence.
                for (_, inner) in lines.by_ref() {
                    if inner.trim_start().starts_with("```") {
                        break;
                    }
                }
                continue;
            }
        };
        let mut block = Vec::new();
        let mut closed = false;
        for (inner_number, inner) in lines.by_ref() {
            if inner.trim_start().starts_with("```") {
                closed = true;
                break;
            }
            block.push((inner_number + 1, inner));
        }
        if !closed {
            return Err(format!("{name}:{}: console block not closed", number + 1));
        }
        if !runnable {
            guide.skipped += 1;
            continue;
        }
        let mut rest = block.into_iter().peekable();
        while let Some((line_number, line)) = rest.next() {
            let Some(first) = line.strip_prefix("$ ") else {
                return Err(format!(
                    "{name}:{line_number}: output before any `$ ` command: {line:?}"
                ));
            };
            let mut command = first.to_owned();
            while command.ends_with('\\') {
                let Some((_, next)) = rest.next() else {
                    return Err(format!(
                        "{name}:{line_number}: command continues past its block"
                    ));
                };
                command.push('\n');
                command.push_str(next);
            }
            let mut output = Vec::new();
            while let Some((_, next)) = rest.next_if(|(_, next)| !next.starts_with("$ ")) {
                output.push(next.trim_end().to_owned());
            }
            while output.last().is_some_and(String::is_empty) {
                output.pop();
            }
            let mut status = 0;
            if let Some(code) = output
                .last()
                .and_then(|last| last.strip_prefix("[exit "))
                .and_then(|last| last.strip_suffix(']'))
            {
                status = code
                    .parse()
                    .map_err(|_| format!("{name}:{line_number}: bad exit marker [exit {code}]"))?;
                output.pop();
            }
            guide.steps.push(Step {
                place: format!("docs/guides/{name}:{line_number}"),
                command,
                output: (!output.is_empty()).then_some(output),
                status,
            });
        }
    }
    Ok(guide)
}

/// Whether `actual` matches `expected`, where an expected line `...` stands for any lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, others)| line.trim_end() == first && matches(rest, others)),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs one command in `dir` under `sh -c`, stdout and stderr together; `Err` when it overran.
fn run(dir: &Path, path: &str, command: &str) -> Result<(i32, String), String> {
    let log = dir.join(".guide-output");
    let file = fs::File::create(&log).unwrap();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(file)
        .process_group(0)
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            // The whole group: a pipeline's programs are the shell's children.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            return Err(format!("did not finish in {} s", TIME_LIMIT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut bytes = Vec::new();
    fs::File::open(&log)
        .unwrap()
        .take(OUTPUT_LIMIT)
        .read_to_end(&mut bytes)
        .unwrap();
    fs::remove_file(&log).unwrap();
    Ok((
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&bytes).into_owned(),
    ))
}

#[test]
fn every_command_in_the_guides_runs_as_shown() {
    if !have_tools() {
        return;
    }
    let root = repo_root();
    let xxgk = PathBuf::from(env!("CARGO_BIN_EXE_xxgk"));
    let bin_dir = xxgk.parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let path = path.to_str().unwrap();

    let mut names: Vec<String> = fs::read_dir(root.join("docs/guides"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name != "README.md")
        .collect();
    names.sort();
    assert!(names.len() >= 4, "the four guides are missing: {names:?}");

    let mut failures = String::new();
    let mut ran = 0;
    for name in &names {
        let text = fs::read_to_string(root.join("docs/guides").join(name)).unwrap();
        let guide = parse(name, &text).unwrap_or_else(|error| panic!("{error}"));
        assert!(!guide.steps.is_empty(), "{name} has no runnable command");
        let temp = tempfile::tempdir().unwrap();
        for fixture in FIXTURES {
            copy_dir(&root.join(fixture), &temp.path().join(fixture));
        }
        for step in &guide.steps {
            ran += 1;
            let (status, output) = match run(temp.path(), path, &step.command) {
                Ok(done) => done,
                Err(why) => {
                    let _ = writeln!(failures, "{}: `{}` {why}\n", step.place, step.command);
                    continue;
                }
            };
            let lines: Vec<&str> = output.trim_end().lines().collect();
            let output_ok = step
                .output
                .as_ref()
                .is_none_or(|expected| matches(expected, &lines));
            if status != step.status || !output_ok {
                let expected = step
                    .output
                    .as_ref()
                    .map_or_else(|| "(not shown)".to_owned(), |lines| lines.join("\n"));
                let _ = writeln!(
                    failures,
                    "{}: `{}`\n  exit: expected {}, got {status}\n  expected output:\n{expected}\n  actual output:\n{}\n",
                    step.place,
                    step.command,
                    step.status,
                    output.trim_end()
                );
            }
        }
    }
    assert!(failures.is_empty(), "guide commands failed:\n\n{failures}");
    assert!(ran > 0);
}

#[test]
fn the_matcher_and_parser_can_fail() {
    let expected = |lines: &[&str]| {
        lines
            .iter()
            .map(|line| (*line).to_owned())
            .collect::<Vec<_>>()
    };
    assert!(matches(
        &expected(&["a", "...", "d"]),
        &["a", "b", "c", "d"]
    ));
    assert!(matches(&expected(&["a", "...", "d"]), &["a", "d"]));
    assert!(!matches(&expected(&["a", "...", "d"]), &["a", "b", "c"]));
    assert!(!matches(&expected(&["a"]), &["a", "b"]));

    let guide = parse(
        "t.md",
        "```console\n$ echo a \\\n  b\na b\n$ false\n[exit 1]\n```\n```console no-run needs network\n$ x\n```\n",
    )
    .unwrap();
    assert_eq!(guide.skipped, 1);
    assert_eq!(guide.steps.len(), 2);
    assert_eq!(guide.steps[0].output, Some(vec!["a b".to_owned()]));
    assert_eq!(
        (guide.steps[1].status, guide.steps[1].output.is_none()),
        (1, true)
    );
    assert!(parse("t.md", "```console no-run\n$ x\n```\n").is_err());
    assert!(parse("t.md", "```console\noutput\n```\n").is_err());
    assert!(parse("t.md", "```console\n$ x\n").is_err());
}
