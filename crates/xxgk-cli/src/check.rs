//! `xxgk check`: reads every input, checks it in parallel, prints in input order.

use std::io::{IsTerminal as _, Write as _};

use clap::Args;
use rayon::prelude::*;
use xxgk_check::{Checker, Format, Lang, Location, strip_bom};

use crate::inputs::{self, DatasetLine, DatasetLines, Document, Input, Source};
use crate::render::{self, FileResult, Renderer};
use crate::{EXIT_CONFORMANT, EXIT_FINDINGS, EXIT_USAGE, LangArg, OutputFormat};

/// Arguments of `xxgk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (searched recursively for .json/.yaml/.yml/.jsonl) or `-` for stdin.
    /// A `.jsonl` file is a JSON Lines dataset: one report per line, shown as `FILE:LINE`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Read every input (including stdin) as a JSON Lines dataset, whatever its extension.
    #[arg(long)]
    jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Message language.
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
    /// Also print notes (identities that could not be evaluated).
    #[arg(long)]
    notes: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
}

/// Reports checked per parallel chunk: bounds memory while keeping output in input order.
const CHUNK: usize = 1024;

/// Shows a progress bar on a terminal from this many files on.
const PROGRESS_FROM: usize = 200;

/// One report to check: a file, read on a worker thread, or a dataset line, already read.
enum Job {
    File(Source),
    Line(DatasetLine),
    /// A dataset that cannot be opened.
    Unopenable(String, String),
}

/// The jobs of every input, lazily: a dataset is read line by line as the chunks need it.
fn jobs(inputs: Vec<Input>) -> impl Iterator<Item = Job> + Send {
    inputs
        .into_iter()
        .flat_map(|input| -> Box<dyn Iterator<Item = Job> + Send> {
            match input {
                Input::Report(source) => Box::new(std::iter::once(Job::File(source))),
                Input::Dataset(source) => match DatasetLines::open(&source) {
                    Ok(lines) => Box::new(lines.map(Job::Line)),
                    Err(message) => {
                        Box::new(std::iter::once(Job::Unopenable(source.display(), message)))
                    }
                },
            }
        })
}

fn check_one(checker: &Checker, job: Job) -> FileResult {
    let (name, read) = match job {
        Job::File(source) => (source.display(), inputs::read(&source)),
        Job::Line(line) => (
            line.name(),
            line.text().map(|t| Document::Canonical(t, Format::Json)),
        ),
        Job::Unopenable(name, message) => (name, Err(message)),
    };
    match read {
        Err(message) => FileResult::unreadable(name, message),
        Ok(Document::Canonical(text, format)) => match checker.check_text(&text, format) {
            Ok(outcome) => FileResult::checked(name, text, outcome),
            Err(e) => FileResult::unreadable(name, e.to_string()),
        },
        Ok(Document::Published(bytes, hint)) => check_published(checker, name, &bytes, &hint),
    }
}

/// Extracts a published report, checks the canonical form, and points every diagnostic at the
/// place in the source where the value stands (or where the missing cell was expected).
fn check_published(checker: &Checker, name: String, bytes: &[u8], hint: &str) -> FileResult {
    let extraction = match xxgk_extract::extract(bytes, Some(hint)) {
        Ok(extraction) => extraction,
        Err(e) => return FileResult::unreadable(name, e.to_string()),
    };
    let mut outcome = checker.check_value(&extraction.report);
    let position = |pointer: &str| {
        let from_value = extraction
            .provenance
            .iter()
            .find(|p| p.pointer == pointer)
            .map(|p| (p.line, p.column));
        let from_problem = || {
            extraction
                .problems
                .iter()
                .find(|p| p.pointer.as_deref() == Some(pointer))
                .and_then(|p| p.position)
                .map(|p| (p.line, p.column))
        };
        from_value
            .or_else(from_problem)
            .map(|(line, column)| Location {
                line: line as usize,
                column: column as usize,
            })
    };
    for d in &mut outcome.diagnostics {
        d.location = position(&d.pointer);
    }
    // Code frames need the text as the user sees it: only for UTF-8 text sources.
    let text = match extraction.format {
        xxgk_extract::InputFormat::Docx => None,
        _ => std::str::from_utf8(bytes)
            .ok()
            .map(|t| strip_bom(t).to_owned()),
    };
    FileResult::checked_source(name, text, outcome)
}

/// Runs `xxgk check` and returns the exit code.
pub fn run(args: &CheckArgs) -> u8 {
    let checker = match Checker::new() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("xxgk: {e}");
            return EXIT_USAGE;
        }
    };
    if let Some(jobs) = args.jobs {
        // Only fails if a global pool already exists, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
    let lang: Lang = args.lang.into();
    let (inputs, walk_errors) = inputs::expand(&args.paths, args.jsonl);
    let stdout = anstream::stdout();
    // One write per 64 KiB, not per line: output is written in order after each chunk anyway.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut renderer = Renderer::new(args.format, lang, args.notes);
    let mut summary = render::Summary::default();

    // A dataset's size is unknown until it is read: then the bar only counts reports.
    let datasets = inputs.iter().any(|i| matches!(i, Input::Dataset(_)));
    let show = datasets || inputs.len() >= PROGRESS_FROM;
    let progress = (std::io::stderr().is_terminal() && show).then(|| {
        let (bar, template) = if datasets {
            (
                indicatif::ProgressBar::no_length(),
                "{pos} reports {per_sec}",
            )
        } else {
            let bar = indicatif::ProgressBar::new(inputs.len() as u64);
            (bar, "{bar:40} {pos}/{len} files {per_sec} {eta}")
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });

    let mut write = |text: String| {
        // A closed pipe (e.g. `| head`) is not an error worth reporting.
        let _ = out.write_all(text.as_bytes());
    };
    for (name, message) in walk_errors {
        let result = FileResult::unreadable(name, message);
        summary.add(&result);
        write(renderer.file(&result));
    }
    // One thread reads ahead (dataset lines, or just paths) while the pool checks the chunk
    // before; the bounded channel keeps at most one chunk waiting, so memory stays flat.
    let (chunks, ready) = std::sync::mpsc::sync_channel::<Vec<Job>>(1);
    let reader = std::thread::spawn(move || {
        let mut jobs = jobs(inputs);
        loop {
            let chunk: Vec<Job> = jobs.by_ref().take(CHUNK).collect();
            if chunk.is_empty() || chunks.send(chunk).is_err() {
                break;
            }
        }
    });
    for chunk in ready {
        let rendered: Vec<(String, FileResult)> = chunk
            .into_par_iter()
            .map(|job| {
                let result = check_one(&checker, job);
                let text = renderer.render_file(&result);
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                (text, result.without_text())
            })
            .collect();
        for (text, result) in rendered {
            summary.add(&result);
            renderer.record(&result);
            write(text);
        }
    }
    // The reader only ends early if this loop did, which it does not; a panic there is a bug.
    let _ = reader.join();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    write(renderer.end(&summary));
    let _ = out.flush();

    if summary.unreadable > 0 {
        EXIT_USAGE
    } else if summary.with_errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CONFORMANT
    }
}
