//! `xxgk check`: reads every input, checks it in parallel, prints in input order.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;

use clap::Args;
use rayon::prelude::*;
use xxgk_check::{Checker, Format, Lang};
use xxgk_document::read::{DatasetLine, DatasetLines};
use xxgk_document::{Checked, Source};

use crate::inputs::{self, Input};
use crate::render::{self, Artifact, FileResult, Renderer};
use crate::series::{self, Member, SeriesOutput};
use crate::{EXIT_CONFORMANT, EXIT_FINDINGS, EXIT_UNDETERMINED, EXIT_USAGE, LangArg, OutputFormat};

/// Arguments of `xxgk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories or `-` for stdin. Directories are searched recursively for canonical
    /// reports (.json, .yaml, .yml), datasets (.jsonl: one report per line, shown as `FILE:LINE`)
    /// and published reports (.txt, .text, .md, .markdown, .html, .htm, .xhtml, .shtml, .docx,
    /// .pdf), which are extracted.
    /// Poppler's `pdftohtml -xml` output (.xml) is read when named, never found in a directory.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
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
    /// Print the verdict of every file of a batch, conformant ones too.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// Also check the reports as series: grouped by organ and year, every consecutive-year pair
    /// checked by the series rules (R7–R9, warnings), gaps and duplicate years named.
    #[arg(long)]
    series: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
}

/// Reports checked per parallel chunk: bounds memory while keeping output in input order.
const CHUNK: usize = 1024;

/// Shows a progress bar on a terminal from this many files on.
const PROGRESS_FROM: usize = 200;

/// One report to check: a file, read on a worker thread, or a dataset line, already read.
pub(crate) enum Job {
    File(Source),
    /// A line of the dataset file `Artifact` addresses.
    Line(DatasetLine, Artifact),
    /// A dataset that cannot be opened.
    Unopenable(Source, String),
}

/// The jobs of every input, lazily: a dataset is read line by line as the chunks need it.
fn jobs(inputs: Vec<Input>) -> impl Iterator<Item = Job> + Send {
    inputs
        .into_iter()
        .flat_map(|input| -> Box<dyn Iterator<Item = Job> + Send> {
            match input {
                Input::Report(source) => Box::new(std::iter::once(Job::File(source))),
                Input::Dataset(source) => match DatasetLines::open(&source) {
                    Ok(lines) => {
                        let artifact = inputs::artifact(&source);
                        Box::new(lines.map(move |line| Job::Line(line, artifact.clone())))
                    }
                    Err(message) => Box::new(std::iter::once(Job::Unopenable(source, message))),
                },
            }
        })
}

/// The jobs of every input in chunks of at most `size`, and the thread that reads them ahead
/// (dataset lines, or just paths) while the pool works on the chunk before; the bounded channel
/// keeps at most one chunk waiting, so memory stays flat. A chunk is what has been read, up to
/// `size` jobs: a stream that stalls (a pipe still open) has what it sent handled now, not when a
/// chunk fills or the stream ends. The iterator owns the receiver: dropping it early ends the
/// reader at its next send.
pub(crate) fn chunks(
    inputs: Vec<Input>,
    size: usize,
) -> (impl Iterator<Item = Vec<Job>>, std::thread::JoinHandle<()>) {
    let (jobs_out, ready) = std::sync::mpsc::sync_channel::<Job>(size);
    let reader = std::thread::spawn(move || {
        for job in jobs(inputs) {
            if jobs_out.send(job).is_err() {
                break;
            }
        }
    });
    let chunks = std::iter::from_fn(move || {
        let first = ready.recv().ok()?;
        Some(
            std::iter::once(first)
                .chain(ready.try_iter().take(size.saturating_sub(1)))
                .collect::<Vec<Job>>(),
        )
    });
    (chunks, reader)
}

/// Checks one input; with `series`, also what it brings to a series.
fn check_one(checker: &Checker, job: Job, series: bool) -> (FileResult, Option<Member>) {
    let (name, artifact, checked) = match job {
        Job::File(source) => {
            let artifact = inputs::artifact(&source);
            match source.read() {
                Ok(bytes) => {
                    let artifact = artifact.of_length(bytes.len());
                    let hint = source.hint();
                    let checked = xxgk_document::check(checker, bytes, hint.as_deref());
                    (source.display(), artifact, checked)
                }
                Err(message) => (source.display(), artifact, Checked::Unreadable(message)),
            }
        }
        Job::Line(line, artifact) => {
            let (name, artifact) = (line.name(), artifact.at_line(line.line));
            match line.text() {
                Ok(text) => {
                    let artifact = artifact.of_length(text.len());
                    let checked = xxgk_document::check_canonical(checker, text, Format::Json);
                    (name, artifact, checked)
                }
                Err(message) => (name, artifact, Checked::Unreadable(message)),
            }
        }
        Job::Unopenable(source, message) => (
            source.display(),
            inputs::artifact(&source),
            Checked::Unreadable(message),
        ),
    };
    let values = series.then(|| series::read(checker, &checked)).flatten();
    let result = FileResult::of(name, checked).for_artifact(artifact);
    let member = values.map(|v| Member::new(result.name.clone(), result.artifact().clone(), v));
    (result, member)
}

/// A rate as a person reads it: `1,235/s`, not `1235.1466/s`.
fn whole_rate(per_second: f64) -> String {
    // Saturates on huge or non-finite rates, which a progress bar may show for a moment.
    let whole = per_second.round() as u64;
    format!("{}/s", indicatif::HumanCount(whole))
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
    // A batch prints findings and one summary, not a line for each of 10,000 clean files.
    let batch = inputs.len() + walk_errors.len() > 1
        || inputs.iter().any(|i| matches!(i, Input::Dataset(_)));
    let mut renderer = Renderer::new(args.format, lang, args.notes, batch && !args.verbose);
    let mut summary = render::Summary::default();
    let mut members: Vec<Member> = Vec::new();

    // A dataset's size is unknown until it is read: then the bar only counts reports.
    let datasets = inputs.iter().any(|i| matches!(i, Input::Dataset(_)));
    let show = datasets || inputs.len() >= PROGRESS_FROM;
    let progress = (std::io::stderr().is_terminal() && show).then(|| {
        let (bar, template) = if datasets {
            (indicatif::ProgressBar::no_length(), "{pos} reports {rate}")
        } else {
            let bar = indicatif::ProgressBar::new(inputs.len() as u64);
            (bar, "{bar:40} {pos}/{len} files {rate} {eta}")
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&whole_rate(state.per_sec()));
                    },
                ),
        );
        bar
    });

    let written = std::cell::Cell::new(false);
    // The first failed write ends the output. A closed pipe (`| head`) is the reader's choice;
    // any other failure (a full disk) is reported at the end, since the output is incomplete.
    let failed: std::cell::RefCell<Option<std::io::Error>> = std::cell::RefCell::new(None);
    let write = |out: &mut std::io::BufWriter<_>, text: &str| {
        written.set(written.get() || !text.is_empty());
        if failed.borrow().is_none()
            && let Err(e) = out.write_all(text.as_bytes())
        {
            *failed.borrow_mut() = Some(e);
        }
    };
    let flush = |out: &mut std::io::BufWriter<_>| {
        if failed.borrow().is_none()
            && let Err(e) = out.flush()
        {
            *failed.borrow_mut() = Some(e);
        }
    };
    for (path, message) in walk_errors {
        let source = Source::File(path);
        let result = FileResult::unreadable(source.display(), message)
            .for_artifact(inputs::artifact(&source));
        summary.add(&result);
        write(&mut out, &renderer.file(&result));
    }
    let (chunks, reader) = chunks(inputs, CHUNK);
    for chunk in chunks {
        let rendered: Vec<(String, FileResult, Option<Member>)> = chunk
            .into_par_iter()
            .map(|job| {
                let (result, member) = check_one(&checker, job, args.series);
                let text = renderer.render_file(&result);
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                (text, result.without_text(), member)
            })
            .collect();
        for (text, result, member) in rendered {
            members.extend(member);
            summary.add(&result);
            renderer.record(&result);
            write(&mut out, &text);
        }
        flush(&mut out);
    }
    // The reader only ends early if this loop did, which it does not; a panic there is a bug.
    let _ = reader.join();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if args.series {
        renderer.set_series(SeriesOutput::assess(&checker, members));
    }
    // A quiet batch of clean files prints only its summary, without the blank line before it.
    let end = renderer.end(&summary);
    let end = if written.get() {
        &end
    } else {
        end.trim_start_matches('\n')
    };
    write(&mut out, end);
    flush(&mut out);

    if let Some(e) = failed.take()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("xxgk: cannot write to standard output: {e}");
        return EXIT_USAGE;
    }
    if summary.unreadable > 0 {
        EXIT_USAGE
    } else if summary.with_errors > 0 {
        EXIT_FINDINGS
    } else if summary.undetermined > 0 {
        EXIT_UNDETERMINED
    } else {
        EXIT_CONFORMANT
    }
}

#[cfg(test)]
mod tests {
    use super::whole_rate;

    #[test]
    fn the_rate_is_a_whole_number_with_thousands_separators() {
        assert_eq!(whole_rate(1235.1466), "1,235/s");
        assert_eq!(whole_rate(0.4), "0/s");
        assert_eq!(whole_rate(1_234_567.5), "1,234,568/s");
        assert_eq!(whole_rate(f64::NAN), "0/s");
    }
}
