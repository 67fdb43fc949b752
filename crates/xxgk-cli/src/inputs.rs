//! Turning command-line paths into the list of documents to check, and reading each one.

use std::io::{BufRead, Read as _};
use std::path::{Path, PathBuf};

use xxgk_check::Format;

/// A report larger than this is refused: real reports are ~10 KB.
pub const MAX_REPORT_BYTES: u64 = 32 * 1024 * 1024;

/// One input named on the command line or found in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The name shown in output.
    pub fn display(&self) -> String {
        match self {
            Self::Stdin => "<stdin>".to_owned(),
            Self::File(p) => p.display().to_string(),
        }
    }
}

/// What an input holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// One report.
    Report(Source),
    /// A JSON Lines dataset: one report per line.
    Dataset(Source),
}

/// A `.jsonl` file is a dataset.
fn is_dataset(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// What a file holds, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A report in the canonical form.
    Canonical(Format),
    /// A report as published (text, HTML, DOCX), to be extracted first.
    Published,
}

fn kind_of(path: &Path) -> Option<Kind> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" => Some(Kind::Canonical(Format::Json)),
        "yaml" | "yml" => Some(Kind::Canonical(Format::Yaml)),
        "txt" | "text" | "md" | "html" | "htm" | "xhtml" | "docx" => Some(Kind::Published),
        _ => None,
    }
}

/// A document read from its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// Canonical JSON or YAML text.
    Canonical(String, Format),
    /// The bytes of a published report and the file name (which hints at its format).
    Published(Vec<u8>, String),
}

/// Expands arguments: files as given, directories recursively (files with a recognised
/// extension, sorted), `-` as stdin. `.jsonl` files are datasets, and so is every input when
/// `all_datasets`. Unreadable directories are reported, not fatal.
pub fn expand(args: &[String], all_datasets: bool) -> (Vec<Input>, Vec<(String, String)>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(&path, &mut found, &mut errors);
            found.sort();
            sources.extend(found.into_iter().map(Source::File));
        } else {
            sources.push(Source::File(path));
        }
    }
    let inputs = sources
        .into_iter()
        .map(|source| match &source {
            Source::File(path) if all_datasets || is_dataset(path) => Input::Dataset(source),
            Source::Stdin if all_datasets => Input::Dataset(source),
            _ => Input::Report(source),
        })
        .collect();
    (inputs, errors)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push((
                dir.display().to_string(),
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, found, errors),
            Ok(_) if kind_of(&path).is_some() || is_dataset(&path) => found.push(path),
            _ => {}
        }
    }
}

/// A document, or why it cannot be read.
pub fn read(source: &Source) -> Result<Document, String> {
    let bytes = match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_REPORT_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            bytes
        }
        Source::File(path) => {
            // One open and one fstat per file: the path is looked up once.
            let mut file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
            let meta = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
            if meta.is_dir() {
                return Err("is a directory".to_owned());
            }
            if meta.len() > MAX_REPORT_BYTES {
                return Err(format!(
                    "{} bytes is too large for one report (the limit is {} MiB; real reports are ~10 KB)",
                    meta.len(),
                    MAX_REPORT_BYTES / 1024 / 1024
                ));
            }
            #[allow(clippy::cast_possible_truncation)]
            let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
            file.read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read: {e}"))?;
            bytes
        }
    };
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(format!(
            "input larger than the {} MiB limit for one report",
            MAX_REPORT_BYTES / 1024 / 1024
        ));
    }
    let format = match source {
        Source::File(path) => match kind_of(path) {
            Some(Kind::Canonical(format)) => format,
            Some(Kind::Published) => return Ok(Document::Published(bytes, source.display())),
            None => {
                return Err(
                    "unsupported file type: expected a canonical report (.json, .yaml, .yml) \
                            or a published one (.txt, .md, .html, .htm, .docx)"
                        .to_owned(),
                );
            }
        },
        Source::Stdin => sniff(&bytes),
    };
    let text = decode(bytes)?;
    Ok(Document::Canonical(text, format))
}

/// The reports of a JSON Lines dataset, read one line at a time (constant memory): each is
/// named `FILE:LINE` and holds the line's text or why it cannot be read. Blank lines are skipped.
pub struct DatasetLines {
    reader: Box<dyn BufRead + Send>,
    name: std::sync::Arc<str>,
    line: usize,
    done: bool,
}

impl DatasetLines {
    /// Opens a dataset.
    pub fn open(source: &Source) -> Result<Self, String> {
        let reader: Box<dyn BufRead + Send> = match source {
            Source::Stdin => Box::new(std::io::BufReader::with_capacity(1 << 20, std::io::stdin())),
            Source::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
                Box::new(std::io::BufReader::with_capacity(1 << 20, file))
            }
        };
        Ok(Self {
            reader,
            name: source.display().into(),
            line: 0,
            done: false,
        })
    }
}

/// One line of a dataset, still undecoded: naming and UTF-8 validation run on the worker threads,
/// so the one thread that reads the dataset does nothing else.
pub struct DatasetLine {
    file: std::sync::Arc<str>,
    line: usize,
    bytes: Result<Vec<u8>, String>,
}

impl DatasetLine {
    /// `FILE:LINE`.
    pub fn name(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// The line's text, or why it cannot be read.
    pub fn text(self) -> Result<String, String> {
        self.bytes.and_then(decode)
    }
}

impl Iterator for DatasetLines {
    type Item = DatasetLine;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let item = |bytes| DatasetLine {
                file: self.name.clone(),
                line: self.line,
                bytes,
            };
            let mut bytes = Vec::new();
            let read = (&mut self.reader)
                .take(MAX_REPORT_BYTES + 1)
                .read_until(b'\n', &mut bytes);
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(item(Err(format!("cannot read: {e}"))));
                }
                Ok(0) => self.done = true,
                Ok(_) if bytes.last() != Some(&b'\n') && bytes.len() as u64 > MAX_REPORT_BYTES => {
                    let _ = self.reader.skip_until(b'\n');
                    return Some(item(Err(format!(
                        "line longer than the {} MiB limit for one report",
                        MAX_REPORT_BYTES / 1024 / 1024
                    ))));
                }
                Ok(_) if bytes.iter().all(u8::is_ascii_whitespace) => {}
                Ok(_) => {
                    while bytes.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                        bytes.pop();
                    }
                    return Some(item(Ok(bytes)));
                }
            }
        }
        None
    }
}

/// JSON when the first non-blank character opens an object, YAML otherwise.
fn sniff(bytes: &[u8]) -> Format {
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        Format::Json
    } else {
        Format::Yaml
    }
}

/// UTF-8 (with or without BOM) only; anything else is reported with where it breaks.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes.get(..offset).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
        let bad = bytes.get(offset).copied().unwrap_or_default();
        format!(
            "not UTF-8: byte 0x{bad:02X} at offset {offset} (line {line}); JSON and YAML reports must be \
             UTF-8 (a GBK/GB18030 file? convert it with `iconv -f GB18030 -t UTF-8`)"
        )
    })
}
