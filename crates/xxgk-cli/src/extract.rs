//! `xxgk extract`: published reports (text, HTML, DOCX) into canonical JSON, with provenance.

use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::json;

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
    let mut code = EXIT_CONFORMANT;
    for arg in &args.files {
        let source = if arg == "-" {
            Source::Stdin
        } else {
            Source::File(PathBuf::from(arg))
        };
        let extraction = match extract_one(&source) {
            Ok(e) => e,
            Err(message) => {
                eprintln!("{}: {message}", source.display());
                code = EXIT_USAGE;
                continue;
            }
        };
        let cells = extraction.provenance.len();
        let missing = extraction
            .problems
            .iter()
            .filter(|p| p.code.as_str() == "missing-cell")
            .count();
        eprintln!(
            "{}: {} format ({}, {}), {cells} values read, {missing} cells missing, {} problems",
            source.display(),
            json!(extraction.edition).as_str().unwrap_or_default(),
            json!(extraction.format).as_str().unwrap_or_default(),
            extraction.encoding,
            extraction.problems.len()
        );
        let provenance = json!({
            "source": source.display(),
            "edition": extraction.edition,
            "format": extraction.format,
            "encoding": extraction.encoding,
            "edition_2019": extraction.edition_2019,
            "provenance": extraction.provenance,
            "problems": extraction.problems,
        });
        match &args.out {
            None => print!("{}", pretty(&extraction.report)),
            Some(dir) => {
                let name = stem(&source);
                let written = write(dir, &format!("{name}.json"), &pretty(&extraction.report))
                    .and_then(|()| {
                        write(
                            dir,
                            &format!("{name}.provenance.json"),
                            &pretty(&provenance),
                        )
                    });
                if let Err(e) = written {
                    eprintln!("xxgk extract: {e}");
                    code = EXIT_USAGE;
                }
            }
        }
    }
    code
}
