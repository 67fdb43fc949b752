//! `xxgk render`: a report in the official template of its edition (2021 or 2019), as one
//! self-contained HTML page or Markdown; with `--check`, the cells of every failing identity
//! highlighted and the findings listed. Canonical and published reports alike are read and checked by `xxgk_document::check`;
//! this module turns what it gives into the plain inputs of `xxgk_render::view`.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use xxgk_check::Checker;
use xxgk_document::{Checked, Source, Verdict};
use xxgk_render::view;
use xxgk_serve::report::{add_findings, view_of};

use crate::{EXIT_CONFORMANT, EXIT_FINDINGS, EXIT_UNDETERMINED, EXIT_USAGE, LangArg};

/// What `xxgk render` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum To {
    /// One self-contained HTML page (inline style, no script, prints on A4).
    Html,
    /// GitHub-flavoured Markdown, merged headers flattened.
    Markdown,
}

/// Arguments of `xxgk render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A report, in the 2021 or the 2019 format (laid out in its own template): canonical
    /// JSON/YAML or published .txt, .md, .html, .htm, .docx, .pdf; `-` for standard input
    /// (canonical text).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The output format.
    #[arg(long, value_enum)]
    to: To,
    /// Check the report: highlight the cells of every failing identity and list the findings;
    /// the exit code is then that of `xxgk check`.
    #[arg(long)]
    check: bool,
    /// Language of the findings and of the page's own words (labels stay the template's).
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
    /// Write to this file (through a temporary file and a rename) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Runs `xxgk render` and returns the exit code.
pub fn run(args: &RenderArgs) -> u8 {
    match render(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xxgk render: {message}");
            EXIT_USAGE
        }
    }
}

fn render(args: &RenderArgs) -> Result<u8, String> {
    let source = if args.file.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::File(args.file.clone())
    };
    let name = source.display();
    if let Some(out) = &args.out {
        refuse_input(&args.file, out)?;
    }
    let bytes = source.read().map_err(|e| format!("{name}: {e}"))?;
    let checker = Checker::new().map_err(|e| e.to_string())?;
    let report = match xxgk_document::check(&checker, bytes, source.hint().as_deref()) {
        Checked::Unreadable(why) => return Err(format!("{name}: {why}")),
        Checked::NotAReport => {
            return Err(format!(
                "{name}: not an annual report ({})",
                Verdict::NotAReport.zh()
            ));
        }
        Checked::Report(report) => report,
    };
    let mut view = view_of(&report, args.lang.into()).map_err(|e| format!("{name}: {e}"))?;
    let verdict = Verdict::of(report.outcome.tally());
    if args.check {
        add_findings(&mut view, &report, verdict);
    }
    let lang = match args.lang {
        LangArg::Zh => view::Lang::Zh,
        LangArg::En => view::Lang::En,
    };
    let text = match args.to {
        To::Html => view::html_page(&view, lang),
        To::Markdown => view::markdown(&view, lang),
    };
    match &args.out {
        Some(out) => write_file(out, text.as_bytes())?,
        None => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("writing standard output: {e}"))?;
        }
    }
    if !args.check {
        return Ok(EXIT_CONFORMANT);
    }
    Ok(match verdict {
        Verdict::Conformant => EXIT_CONFORMANT,
        Verdict::Undetermined => EXIT_UNDETERMINED,
        _ => EXIT_FINDINGS,
    })
}

/// Refuses an output that is the input itself (by any path or link to it).
fn refuse_input(input: &Path, out: &Path) -> Result<(), String> {
    if let (Ok(a), Ok(b)) = (input.canonicalize(), out.canonicalize())
        && a == b
    {
        return Err(format!(
            "{}: the output is the input; nothing written",
            out.display()
        ));
    }
    Ok(())
}

/// Writes the output through a new temporary file in its directory renamed over it, so that a
/// link at the output path is replaced, never written through, and a reader never sees half a
/// page.
fn write_file(out: &Path, contents: &[u8]) -> Result<(), String> {
    let name = out
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", out.display()))?;
    let dir = match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    crate::extract::write_atomically(dir, name, contents)
}
