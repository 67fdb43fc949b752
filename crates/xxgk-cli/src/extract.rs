//! `xxgk extract`: published reports (text, HTML, DOCX, PDF) into canonical JSON, with provenance.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use clap::Args;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use xxgk_model::{CELLS, STANDARD_2019};

use crate::{EXIT_CONFORMANT, EXIT_USAGE};
use xxgk_document::{Document, Source};

/// Arguments of `xxgk extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Published reports: .txt, .md, .html, .htm, .docx (any encoding) or .pdf, or `-` for stdin.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write `NAME.json` (the canonical report) and `NAME.provenance.json` (where every value came
    /// from, and every problem) into this directory; without it, print the report of a single file.
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
}

fn pretty(value: &impl Serialize) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The provenance file: its header fields pretty-printed, then one value or problem per line,
/// which a person reads as easily and which is written several times faster than one field per
/// line (two hundred values, five fields each).
fn provenance_file(source: &Source, extraction: &xxgk_extract::Extraction) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * 1024);
    let field = |out: &mut Vec<u8>, key: &str, value: serde_json::Value| {
        let _ = write!(out, "  {}: ", json!(key));
        let _ = serde_json::to_writer(&mut *out, &value);
        out.extend_from_slice(b",\n");
    };
    out.extend_from_slice(b"{\n");
    field(&mut out, "source", json!(source.display()));
    field(&mut out, "edition", json!(extraction.edition));
    field(&mut out, "format", json!(extraction.format));
    field(&mut out, "encoding", json!(extraction.encoding));
    lines(&mut out, "provenance", &extraction.provenance);
    out.extend_from_slice(b",\n");
    lines(&mut out, "problems", &extraction.problems);
    // Cells known only by their sum (a 2021 report's （六） as one row, unlabelled rows whose
    // order is not confirmed): their figures, which the canonical report cannot hold, kept for
    // whoever reads the extraction.
    if !extraction.sums.is_empty() {
        out.extend_from_slice(b",\n");
        lines(&mut out, "sums", &extraction.sums);
    }
    out.extend_from_slice(b"\n}\n");
    out
}

/// `"key": [` then one compact item per line.
fn lines<T: Serialize>(out: &mut Vec<u8>, key: &str, items: &[T]) {
    let _ = write!(out, "  \"{key}\": [");
    for (k, item) in items.iter().enumerate() {
        out.extend_from_slice(if k == 0 { b"\n    " } else { b",\n    " });
        let _ = serde_json::to_writer(&mut *out, item);
    }
    out.extend_from_slice(if items.is_empty() { b"]" } else { b"\n  ]" });
}

/// The file name of a source without its extension, as the OS has it (not necessarily UTF-8).
fn stem(source: &Source) -> OsString {
    match source {
        Source::Stdin => "stdin".into(),
        Source::File(path) => path
            .file_stem()
            .map_or_else(|| "report".into(), OsStr::to_owned),
    }
}

/// The two files written for a source.
fn output_names(source: &Source) -> [OsString; 2] {
    let stem = stem(source);
    let mut report = stem.clone();
    report.push(".json");
    let mut provenance = stem;
    provenance.push(".provenance.json");
    [report, provenance]
}

/// Every output name written by more than one input — `a.txt` and `a.html`, but also `a.txt` and
/// `a.provenance.txt` (both write `a.provenance.json`) — as a message naming the inputs.
/// Names are compared without case, as a case-insensitive file system would.
fn collisions(sources: &[Source]) -> Vec<String> {
    let mut writers: HashMap<String, Vec<&Source>> = HashMap::new();
    for source in sources {
        for name in output_names(source) {
            let key = name.to_string_lossy().to_lowercase();
            writers.entry(key).or_default().push(source);
        }
    }
    let mut clashes: Vec<String> = writers
        .into_iter()
        .filter(|(_, inputs)| inputs.len() > 1)
        .map(|(name, inputs)| {
            let names: Vec<String> = inputs.iter().map(|s| s.display()).collect();
            format!("{} would all write {name}", names.join(", "))
        })
        .collect();
    clashes.sort();
    clashes
}

fn extract_one(source: &Source) -> Result<xxgk_extract::Extraction, String> {
    let hint = source.hint();
    match xxgk_document::classify(source.read()?, hint.as_deref())? {
        Document::Published(bytes) => {
            xxgk_document::published::extract(&bytes, hint.as_deref().unwrap_or_default())
                .map(|(extraction, _)| extraction)
        }
        // Canonical files and stdin are read as text; extraction detects HTML by content.
        Document::Canonical(text, _) => {
            xxgk_extract::extract(text.as_bytes(), None).map_err(|e| e.to_string())
        }
    }
}

/// Distinguishes the temporary files of concurrent writes by this process.
static TEMPORARY: AtomicU64 = AtomicU64::new(0);

/// This process's id, in every temporary name: asked of the kernel once, not once a file.
static PROCESS: LazyLock<u32> = LazyLock::new(std::process::id);

/// Writes `contents` to `dir/name` atomically: into a new file of `dir` (never an existing path,
/// so a link planted in `dir` is not written through), then renamed over `name` (which replaces a
/// link rather than following it). Readers see the old file or the new one, never half of it.
pub(crate) fn write_atomically(dir: &Path, name: &OsStr, contents: &[u8]) -> Result<(), String> {
    let target = dir.join(name);
    let failed = |e: std::io::Error| format!("cannot write {}: {e}", target.display());
    let (temporary, mut file) = loop {
        let n = TEMPORARY.fetch_add(1, Ordering::Relaxed);
        let temporary = dir.join(format!(".xxgk-{}-{n}.tmp", *PROCESS));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => break (temporary, file),
            // Left over by a process that had this id before: take the next name.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(failed(e)),
        }
    };
    let written = file
        .write_all(contents)
        .and_then(|()| std::fs::rename(&temporary, &target));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(e)
    })
}

/// `value.pointer(pointer)` without its new string for every token: a token with no escape is
/// looked up as it stands (two hundred cells a report).
fn lookup<'a>(value: &'a serde_json::Value, pointer: &str) -> Option<&'a serde_json::Value> {
    match pointer.strip_prefix('/') {
        Some(tokens) if !pointer.contains('~') => {
            tokens
                .split('/')
                .try_fold(value, |value, token| match value {
                    serde_json::Value::Object(map) => map.get(token),
                    // An array index, parsed as `pointer` parses it.
                    _ => value.pointer(&format!("/{token}")),
                })
        }
        _ => value.pointer(pointer),
    }
}

/// The two files of one source, named, to be written into the output directory.
type Outputs = [(OsString, Vec<u8>); 2];

/// Extracts one source and prints its report, or hands its files to `writer`; returns the
/// summary line.
fn run_one(
    source: &Source,
    writer: Option<&SyncSender<(usize, Outputs)>>,
    index: usize,
) -> Result<String, String> {
    let extraction = extract_one(source)?;
    // The cells of the report's own edition (198 in the 2019 format).
    let cells = match extraction.edition {
        xxgk_extract::Edition::E2021 => CELLS.as_slice(),
        xxgk_extract::Edition::E2019 => STANDARD_2019.cells,
    };
    let read = cells
        .iter()
        .filter(|c| lookup(&extraction.report, c.pointer).is_some())
        .count();
    let tables = format!("{read} of {} cells read", cells.len());
    let summary = format!(
        "{}: {} format ({}, {}), {tables}, {} problems",
        source.display(),
        json!(extraction.edition).as_str().unwrap_or_default(),
        json!(extraction.format).as_str().unwrap_or_default(),
        extraction.encoding,
        extraction.problems.len()
    );
    let Some(writer) = writer else {
        crate::stdout::write(&pretty(&extraction.report))
            .map_err(|e| format!("cannot write to standard output: {e}"))?;
        return Ok(summary);
    };
    let [report_name, provenance_name] = output_names(source);
    let outputs = [
        (report_name, pretty(&extraction.report)),
        (provenance_name, provenance_file(source, &extraction)),
    ];
    writer
        .send((index, outputs))
        .map_err(|_| "the writing of the output files stopped".to_owned())?;
    Ok(summary)
}

/// Writes the files it receives into `dir`, one after the other: creating and renaming files in
/// one directory from several threads makes them wait on its lock, spinning in the kernel (the
/// system time of `-o DIR` on 2 cores was several times that of one writer). Returns the failures,
/// by the index of their source.
fn write_all(dir: &Path, files: Receiver<(usize, Outputs)>) -> HashMap<usize, String> {
    let mut failures = HashMap::new();
    for (index, outputs) in files {
        for (name, contents) in &outputs {
            if let Err(e) = write_atomically(dir, name, contents) {
                failures.insert(index, e);
                break;
            }
        }
    }
    failures
}

/// Runs `xxgk extract` and returns the exit code.
pub fn run(args: &ExtractArgs) -> u8 {
    if args.out.is_none() && args.files.len() > 1 {
        eprintln!("xxgk extract: several files need --out DIR");
        return EXIT_USAGE;
    }
    let sources: Vec<Source> = args
        .files
        .iter()
        .map(|path| {
            if path.as_os_str() == "-" {
                Source::Stdin
            } else {
                Source::File(path.clone())
            }
        })
        .collect();
    if args.out.is_some() {
        // Two inputs writing one file would race: refuse before writing anything.
        let clashes = collisions(&sources);
        if !clashes.is_empty() {
            for clash in clashes {
                eprintln!("xxgk extract: {clash}");
            }
            eprintln!("xxgk extract: nothing written; rename the inputs so their outputs differ");
            return EXIT_USAGE;
        }
    }
    if let Some(dir) = &args.out
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("xxgk extract: cannot create {}: {e}", dir.display());
        return EXIT_USAGE;
    }
    // Files are independent: extract them on all cores, write them from one thread (a bounded
    // queue between), report in input order.
    let extract_all =
        |writer: Option<&SyncSender<(usize, Outputs)>>| -> Vec<Result<String, String>> {
            sources
                .par_iter()
                .enumerate()
                .map(|(index, source)| {
                    run_one(source, writer, index)
                        .map_err(|message| format!("{}: {message}", source.display()))
                })
                .collect()
        };
    let results = match &args.out {
        None => extract_all(None),
        Some(dir) => std::thread::scope(|scope| {
            let (sender, files) = sync_channel(64);
            let writing = scope.spawn(move || write_all(dir, files));
            let mut results = extract_all(Some(&sender));
            drop(sender);
            let failures = writing.join().unwrap_or_else(|_| {
                (0..sources.len())
                    .map(|k| (k, "the writing of the output files failed".to_owned()))
                    .collect()
            });
            for (index, failure) in failures {
                if let (Some(result), Some(source)) = (results.get_mut(index), sources.get(index)) {
                    *result = Err(format!("{}: {failure}", source.display()));
                }
            }
            results
        }),
    };
    let mut code = EXIT_CONFORMANT;
    // One write per 64 KiB, not one per report.
    let mut err = std::io::BufWriter::with_capacity(1 << 16, std::io::stderr().lock());
    for result in results {
        let line = result.unwrap_or_else(|message| {
            code = EXIT_USAGE;
            message
        });
        let _ = writeln!(err, "{line}");
    }
    let _ = err.flush();
    code
}

#[cfg(test)]
mod tests {
    use super::lookup;
    use serde_json::json;

    #[test]
    fn lookup_is_json_pointer() {
        let doc = json!({"a": {"b": [1, {"c": 2}], "d/e": 3, "f~g": 4, "": 5}, "n": null});
        for pointer in [
            "",
            "/",
            "/a",
            "/a/b",
            "/a/b/0",
            "/a/b/1/c",
            "/a/b/01",
            "/a/b/2",
            "/a/b/-",
            "/a/d~1e",
            "/a/f~0g",
            "/a/x",
            "/a/",
            "/n",
            "/n/x",
            "a",
            "/a/b/1/c/d",
        ] {
            assert_eq!(lookup(&doc, pointer), doc.pointer(pointer), "{pointer}");
        }
    }
}
