//! `xxgk check`: reads every input, checks it in parallel, prints in input order.

use std::io::{IsTerminal as _, Write as _};

use clap::Args;
use rayon::prelude::*;
use xxgk_check::{Checker, Lang};

use crate::inputs::{self, Source};
use crate::render::{self, FileResult, Renderer};
use crate::{EXIT_CONFORMANT, EXIT_FINDINGS, EXIT_USAGE, LangArg, OutputFormat};

/// Arguments of `xxgk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (searched recursively for .json/.yaml/.yml) or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
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

/// Files checked per parallel chunk: bounds memory while keeping output in input order.
const CHUNK: usize = 4096;

/// Shows a progress bar on a terminal from this many files on.
const PROGRESS_FROM: usize = 200;

fn check_one(checker: &Checker, source: &Source) -> FileResult {
    let name = source.display();
    match inputs::read(source) {
        Err(message) => FileResult::unreadable(name, message),
        Ok((text, format)) => match checker.check_text(&text, format) {
            Ok(outcome) => FileResult::checked(name, text, outcome),
            Err(e) => FileResult::unreadable(name, e.to_string()),
        },
    }
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
    let (sources, walk_errors) = inputs::expand(&args.paths);
    let stdout = anstream::stdout();
    let mut out = stdout.lock();
    let mut renderer = Renderer::new(args.format, lang, args.notes);
    let mut summary = render::Summary::default();

    let progress = (std::io::stderr().is_terminal() && sources.len() >= PROGRESS_FROM).then(|| {
        let bar = indicatif::ProgressBar::new(sources.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });

    let mut write = |text: String| {
        // A closed pipe (e.g. `| head`) is not an error worth reporting.
        let _ = out.write_all(text.as_bytes());
    };
    write(renderer.begin());
    for (name, message) in walk_errors {
        let result = FileResult::unreadable(name, message);
        summary.add(&result);
        write(renderer.file(&result));
    }
    for chunk in sources.chunks(CHUNK) {
        let rendered: Vec<(String, FileResult)> = chunk
            .par_iter()
            .map(|source| {
                let result = check_one(&checker, source);
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
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    write(renderer.end(&summary));

    if summary.unreadable > 0 {
        EXIT_USAGE
    } else if summary.with_errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CONFORMANT
    }
}
