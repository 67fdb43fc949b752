//! `xxgk extract`: published reports (text, HTML, DOCX) into canonical JSON, with provenance.

use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;
use serde_json::json;
use xxgk_model::CELLS;

use crate::inputs::{self, Document, Source};
use crate::{EXIT_CONFORMANT, EXIT_USAGE};

/// Arguments of `xxgk extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Published reports: .txt, .md, .html, .htm or .docx (any encoding), or `-` for stdin.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Write `NAME.json` (the canonical report) and `NAME.provenance.json` (where every value came
    /// from, and every problem) into this directory; without it, print the report of a single file.
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .unwrap_or_default()
}

fn stem(source: &Source) -> String {
    match source {
        Source::Stdin => "stdin".to_owned(),
        Source::File(path) => path
            .file_stem()
            .map_or_else(|| "report".to_owned(), |s| s.to_string_lossy().into_owned()),
    }
}

fn extract_one(source: &Source) -> Result<xxgk_extract::Extraction, String> {
    let (bytes, hint) = match inputs::read(source)? {
        Document::Published(bytes, hint) => (bytes, Some(hint)),
        // Canonical files and stdin are read as text; extraction detects HTML by content.
        Document::Canonical(text, _) => (text.into_bytes(), None),
    };
    xxgk_extract::extract(&bytes, hint.as_deref()).map_err(|e| e.to_string())
}

fn write(dir: &Path, name: &str, contents: &str) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Extracts one source and writes its files (or prints the report); returns the summary line.
fn run_one(source: &Source, out: Option<&Path>) -> Result<String, String> {
    let extraction = extract_one(source)?;
    let read = CELLS
        .iter()
        .filter(|c| extraction.report.pointer(c.pointer).is_some())
        .count();
    let tables = match extraction.edition {
        xxgk_extract::Edition::E2021 => format!("{read} of {} cells read", CELLS.len()),
        xxgk_extract::Edition::E2019 => {
            "tables kept apart in the provenance file (not mapped to 2021)".to_owned()
        }
    };
    let summary = format!(
        "{}: {} format ({}, {}), {tables}, {} problems",
        source.display(),
        json!(extraction.edition).as_str().unwrap_or_default(),
        json!(extraction.format).as_str().unwrap_or_default(),
        extraction.encoding,
        extraction.problems.len()
    );
    let Some(dir) = out else {
        print!("{}", pretty(&extraction.report));
        return Ok(summary);
    };
    let provenance = json!({
        "source": source.display(),
        "edition": extraction.edition,
        "format": extraction.format,
        "encoding": extraction.encoding,
        "edition_2019": extraction.edition_2019,
        "provenance": extraction.provenance,
        "problems": extraction.problems,
    });
    let name = stem(source);
    write(dir, &format!("{name}.json"), &pretty(&extraction.report))?;
    write(
        dir,
        &format!("{name}.provenance.json"),
        &pretty(&provenance),
    )?;
    Ok(summary)
}

/// Runs `xxgk extract` and returns the exit code.
pub fn run(args: &ExtractArgs) -> u8 {
    if args.out.is_none() && args.files.len() > 1 {
        eprintln!("xxgk extract: several files need --out DIR");
        return EXIT_USAGE;
    }
    if let Some(dir) = &args.out
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("xxgk extract: cannot create {}: {e}", dir.display());
        return EXIT_USAGE;
    }
    let sources: Vec<Source> = args
        .files
        .iter()
        .map(|arg| {
            if arg == "-" {
                Source::Stdin
            } else {
                Source::File(PathBuf::from(arg))
            }
        })
        .collect();
    // Two inputs with the same name would overwrite each other's output.
    let mut seen = std::collections::HashSet::new();
    let clashes: Vec<String> = sources
        .iter()
        .map(stem)
        .filter(|name| !seen.insert(name.clone()))
        .collect();
    if args.out.is_some() && !clashes.is_empty() {
        eprintln!(
            "xxgk extract: several inputs are named {clashes:?}; their outputs would collide"
        );
        return EXIT_USAGE;
    }
    // Files are independent: extract them on all cores, report in input order.
    let results: Vec<Result<String, String>> = sources
        .par_iter()
        .map(|source| {
            run_one(source, args.out.as_deref())
                .map_err(|message| format!("{}: {message}", source.display()))
        })
        .collect();
    let mut code = EXIT_CONFORMANT;
    for result in results {
        match result {
            Ok(summary) => eprintln!("{summary}"),
            Err(message) => {
                eprintln!("{message}");
                code = EXIT_USAGE;
            }
        }
    }
    code
}
