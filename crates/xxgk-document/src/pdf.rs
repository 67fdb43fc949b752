//! PDF input: the text layer through poppler's `pdftotext`, in the layouts that read best.
//!
//! Most reports are published as PDF. Poppler is the converter the real-world texts were made
//! with, and no Rust PDF crate recovers the column layout of these tables as well, so xxgk runs
//! `pdftotext` (found on `PATH`, or at `$XXGK_PDFTOTEXT`) as a bounded child process: the bytes go
//! in on stdin, the text comes out on stdout, limited in size and time, and nothing is written to
//! disk.

use std::collections::HashSet;
use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use xxgk_check::{Checker, Kind, Severity};
use xxgk_extract::Extraction;
use xxgk_model::CELLS;

/// The `pdftotext` modes tried, best first: `-layout` keeps the table columns; `-raw` (content
/// stream order) reads tables whose columns `-layout` misaligns.
pub const MODES: [Mode; 2] = [Mode::Layout, Mode::Raw];

/// One way of running `pdftotext`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `pdftotext -layout`.
    Layout,
    /// `pdftotext -raw`.
    Raw,
}

impl Mode {
    /// The command-line flag, which also names the mode in messages.
    pub fn flag(self) -> &'static str {
        match self {
            Self::Layout => "-layout",
            Self::Raw => "-raw",
        }
    }
}

/// Most text a PDF may yield: real reports give ~30 KB; this bounds a hostile file.
const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Longest a conversion may take before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Why a PDF yielded no text to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// `pdftotext` is not installed.
    NoConverter,
    /// The PDF has no text layer (a scan): nothing an extractor can read without OCR.
    NoTextLayer,
    /// `pdftotext` failed, timed out or produced too much text.
    Failed(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoConverter => f.write_str(
                "reading a PDF needs poppler's pdftotext, which was not found on PATH \
                 (Debian/Ubuntu: apt-get install poppler-utils; Fedora: dnf install poppler-utils; \
                 macOS: brew install poppler), or set XXGK_PDFTOTEXT to its path",
            ),
            Self::NoTextLayer => f.write_str(
                "the PDF has no text layer (a scanned image?): not an annual report xxgk can read; \
                 run OCR on it first",
            ),
            Self::Failed(why) => write!(f, "pdftotext could not read the PDF: {why}"),
        }
    }
}

/// The converter to run.
fn converter() -> std::ffi::OsString {
    std::env::var_os("XXGK_PDFTOTEXT").unwrap_or_else(|| "pdftotext".into())
}

/// Reads a PDF: its text in every mode, each extracted, keeping the reading with the most cells
/// the identities confirm (ties go to the earlier mode). Returns the extraction and the text it
/// was read from, to which its source positions refer.
pub fn extract(bytes: &[u8]) -> Result<(Extraction, String), PdfError> {
    let mut best: Option<(usize, Extraction, String)> = None;
    for (_, text) in texts(bytes)? {
        let Ok(extraction) = xxgk_extract::extract(text.as_bytes(), Some("report.txt")) else {
            continue;
        };
        let score = confirmed_cells(&extraction);
        if best.as_ref().is_none_or(|(top, _, _)| score > *top) {
            best = Some((score, extraction, text));
        }
    }
    best.map(|(_, extraction, text)| (extraction, text))
        .ok_or_else(|| PdfError::Failed("its text could not be read".to_owned()))
}

/// The checker that scores readings, built once per process.
fn checker() -> Option<&'static Checker> {
    static CHECKER: OnceLock<Option<Checker>> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new().ok()).as_ref()
}

/// Cells read that stand in no failing identity: a misread number breaks the identities around
/// it, so a reading that read more and broke less is the better one. Without a checker (which
/// cannot happen with the embedded standard), every cell read counts.
fn confirmed_cells(extraction: &Extraction) -> usize {
    let read = extraction
        .provenance
        .iter()
        .filter(|p| CELLS.iter().any(|c| c.pointer == p.pointer));
    let Some(checker) = checker() else {
        return read.count();
    };
    let outcome = checker.check_value(&extraction.report);
    let failing: HashSet<&str> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::Rule && d.severity == Severity::Error)
        .flat_map(|d| std::iter::once(&d.pointer).chain(&d.related))
        .map(String::as_str)
        .collect();
    read.filter(|p| !failing.contains(p.pointer.as_str()))
        .count()
}

/// The text of a PDF in every mode of [`MODES`], in that order.
fn texts(bytes: &[u8]) -> Result<Vec<(Mode, String)>, PdfError> {
    let texts = MODES
        .iter()
        .map(|&mode| Ok((mode, run(bytes, mode)?)))
        .collect::<Result<Vec<_>, PdfError>>()?;
    // A scan's text layer is empty but for form feeds between pages.
    if texts.iter().all(|(_, text)| text.trim().is_empty()) {
        return Err(PdfError::NoTextLayer);
    }
    Ok(texts)
}

/// Runs `pdftotext MODE -enc UTF-8 - -` on the bytes, bounded in output size and time.
fn run(bytes: &[u8], mode: Mode) -> Result<String, PdfError> {
    let mut child = Command::new(converter())
        .args([mode.flag(), "-enc", "UTF-8", "-eol", "unix", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PdfError::NoConverter,
            _ => PdfError::Failed(format!("cannot start pdftotext: {e}")),
        })?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err(PdfError::Failed("no pipes to pdftotext".to_owned()));
    };
    // Feeding and draining on their own threads: a full pipe on either side cannot deadlock.
    let input = bytes.to_vec();
    let feeder = std::thread::spawn(move || {
        // pdftotext may stop reading early on a broken file; its exit status says why.
        let _ = stdin.write_all(&input);
    });
    let reader = std::thread::spawn(move || keep_head(stdout, MAX_TEXT_BYTES + 1));
    let errors = std::thread::spawn(move || keep_head(stderr, 64 * 1024));
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!("stopped after {} s", TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => break Err(e.to_string()),
        }
    };
    let _ = feeder.join();
    let text = reader.join().ok().and_then(Result::ok);
    let stderr = errors.join().ok().and_then(Result::ok).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&stderr);
    let status = status.map_err(PdfError::Failed)?;
    if !status.success() {
        // poppler warns before it fails: its first error line says why.
        let why = stderr
            .lines()
            .find(|line| line.contains("Error"))
            .or_else(|| stderr.lines().next())
            .unwrap_or("no message")
            .trim()
            .to_owned();
        return Err(PdfError::Failed(format!("{status}: {why}")));
    }
    let text = text.ok_or_else(|| PdfError::Failed("cannot read its output".to_owned()))?;
    if text.len() as u64 > MAX_TEXT_BYTES {
        return Err(PdfError::Failed(format!(
            "more than {} MiB of text",
            MAX_TEXT_BYTES / 1024 / 1024
        )));
    }
    Ok(String::from_utf8_lossy(&text).into_owned())
}

/// The first `limit` bytes of a pipe; the rest is read and dropped, so the writer never blocks.
fn keep_head(mut pipe: impl std::io::Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    (&mut pipe).take(limit).read_to_end(&mut head)?;
    std::io::copy(&mut pipe, &mut std::io::sink())?;
    Ok(head)
}
