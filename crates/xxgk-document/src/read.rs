//! Reading an input: regular files only, every read bounded, and what a file holds told from its
//! name. The one place that reads a report's bytes, for every subcommand of the CLI.

use std::borrow::Cow;
use std::io::{BufRead, Read as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxgk_check::Format;

/// A report larger than this is refused: real reports are ~10 KB.
pub const MAX_REPORT_BYTES: u64 = 32 * 1024 * 1024;

/// A DOCX or PDF larger than this is refused. Photos can make either large while its text stays
/// small; the extractor limits the text it reads from a DOCX, the PDF reader what `pdftotext` gives.
pub const MAX_CONTAINER_BYTES: u64 = 256 * 1024 * 1024;

/// What a file holds, by the extension of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A report in the canonical form.
    Canonical(Format),
    /// A JSON Lines dataset: one canonical report per line.
    Dataset,
    /// A report as published (text, HTML, DOCX, PDF), to be extracted first.
    Published,
}

/// What a file named `name` holds, or `None` for a name no report has.
pub fn kind_of(name: &Path) -> Option<Kind> {
    match name.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" => Some(Kind::Canonical(Format::Json)),
        "yaml" | "yml" => Some(Kind::Canonical(Format::Yaml)),
        "jsonl" => Some(Kind::Dataset),
        "pdf" => Some(Kind::Published),
        extension => xxgk_extract::format_from_name(extension).map(|_| Kind::Published),
    }
}

/// The most bytes read from one file: every report file is bounded, whatever its metadata says.
fn limit_of(path: &Path) -> u64 {
    let container = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx") || e.eq_ignore_ascii_case("pdf"));
    if container {
        MAX_CONTAINER_BYTES
    } else {
        MAX_REPORT_BYTES
    }
}

fn too_large(limit: u64) -> String {
    format!(
        "larger than the {} MiB limit for one report (real reports are ~10 KB)",
        limit / 1024 / 1024
    )
}

/// Why a path that is no regular file is not read.
pub const NOT_REGULAR: &str = "not a regular file (a FIFO, device or socket may never end): only regular files are read; pipe it to `-` to read it as standard input";

/// Opens a regular file (after following links) for reading, with its size. Anything else — a
/// FIFO, a device such as `/dev/zero`, a socket — is refused without being opened: it may never
/// end, or block.
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory".to_owned());
    }
    if !meta.is_file() {
        return Err(NOT_REGULAR.to_owned());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Should the path become a FIFO after the check, opening it must still not block.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options
        .open(path)
        .map_err(|e| format!("cannot read: {e}"))?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok((file, meta.len())),
        Ok(_) => Err(NOT_REGULAR.to_owned()),
        Err(e) => Err(format!("cannot read: {e}")),
    }
}

/// Reads at most `limit` bytes; more is an error, so an input that never ends is not read to
/// the end.
fn read_bounded(reader: impl std::io::Read, limit: u64, capacity: u64) -> Result<Vec<u8>, String> {
    #[allow(clippy::cast_possible_truncation)]
    let mut bytes = Vec::with_capacity(capacity.min(limit) as usize + 1);
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// The bytes of a report file: a regular file, read up to its limit.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let (file, size) = open_regular(path)?;
    let limit = limit_of(path);
    if size > limit {
        return Err(format!(
            "{size} bytes is too large for one report (the limit is {} MiB; real reports are ~10 KB)",
            limit / 1024 / 1024
        ));
    }
    read_bounded(file, limit, size)
}

/// One input: a file, or standard input.
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

    /// The name that hints at the format, `None` for standard input (whose content tells).
    pub fn hint(&self) -> Option<Cow<'_, str>> {
        match self {
            Self::Stdin => None,
            Self::File(path) => Some(path.to_string_lossy()),
        }
    }

    /// The input's bytes, read within its limit.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Self::Stdin => read_bounded(std::io::stdin(), MAX_REPORT_BYTES, 0),
            Self::File(path) => read_file(path),
        }
    }
}

/// A document, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// Canonical JSON or YAML text.
    Canonical(String, Format),
    /// The bytes of a published report, to be extracted.
    Published(Vec<u8>),
}

/// What `bytes` hold, by the name that came with them: canonical text (which must be UTF-8), or
/// a published report. Without a name (standard input) the content tells: see [`is_published`],
/// then JSON from YAML.
///
/// A `.xml` file is a published report when it is poppler's `pdftohtml -xml` output (its root
/// `<pdf2xml>` near the start). It is read when named, never found by a directory scan
/// ([`kind_of`] does not know it): a folder holds much XML that is no report.
pub fn classify(bytes: Vec<u8>, hint: Option<&str>) -> Result<Document, String> {
    let format = match hint.map(|name| kind_of(Path::new(name))) {
        Some(Some(Kind::Canonical(format))) => format,
        Some(Some(Kind::Published)) => return Ok(Document::Published(bytes)),
        Some(None) if hint.is_some_and(is_xml_name) && is_pdf2xml(&bytes) => {
            return Ok(Document::Published(bytes));
        }
        Some(Some(Kind::Dataset) | None) => {
            return Err(
                "unsupported file type: expected a canonical report (.json, .yaml, .yml) \
                        or a published one (.txt, .md, .html, .htm, .shtml, .docx, .pdf, or the .xml of \
                        poppler's `pdftohtml -xml`)"
                    .to_owned(),
            );
        }
        None if is_published(&bytes) => return Ok(Document::Published(bytes)),
        None => sniff(&bytes),
    };
    Ok(Document::Canonical(decode(bytes)?, format))
}

/// The reports of a JSON Lines dataset, read one line at a time (constant memory): each holds
/// the line's bytes or why they cannot be read. Blank lines are skipped. A line over the limit is
/// reported as soon as the limit is passed, and its rest is skipped before the next line is read:
/// memory stays bounded, and a line that never ends (an endless stream without a newline) is
/// still reported.
pub struct DatasetLines {
    reader: Box<dyn BufRead + Send>,
    name: Arc<str>,
    line: usize,
    /// The rest of an over-long line, already reported, is still to be skipped.
    skipping: bool,
    done: bool,
}

impl DatasetLines {
    /// Opens a dataset.
    pub fn open(source: &Source) -> Result<Self, String> {
        let reader: Box<dyn BufRead + Send> = match source {
            Source::Stdin => Box::new(std::io::BufReader::with_capacity(1 << 20, std::io::stdin())),
            Source::File(path) => Box::new(std::io::BufReader::with_capacity(
                1 << 20,
                open_regular(path)?.0,
            )),
        };
        Ok(Self {
            reader,
            name: source.display().into(),
            line: 0,
            skipping: false,
            done: false,
        })
    }
}

/// One line of a dataset, still undecoded: naming and UTF-8 validation run on the worker threads,
/// so the one thread that reads the dataset does nothing else.
pub struct DatasetLine {
    file: Arc<str>,
    /// The line's number, from 1.
    pub line: usize,
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
        if std::mem::take(&mut self.skipping) {
            // Constant memory whatever the line's length; an error ends the dataset below.
            let _ = self.reader.skip_until(b'\n');
        }
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
                    self.skipping = true;
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

/// Whether bytes that came without a name (standard input) are a published report rather than
/// canonical JSON or YAML: a PDF or a ZIP (a DOCX) by its signature, text that is not UTF-8 (a
/// GBK page), HTML, or text whose first line of content (Markdown headings and YAML comments
/// alike skipped) is neither an ASCII mapping key (`$schema:`, `"metadata":`), a document marker
/// (`---`, `%YAML`), a sequence item nor an opening brace: a report's title, crawler
/// boilerplate, a paragraph. Canonical reports are mappings of ASCII keys, so no canonical
/// report is taken for a published one.
fn is_published(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"%PDF-") || bytes.starts_with(b"PK\x03\x04") {
        return true;
    }
    let Ok(text) = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) else {
        return true;
    };
    let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
    else {
        return false;
    };
    let canonical_start = first.starts_with(['{', '[', '-', '%'])
        || first.split_once(':').is_some_and(|(key, rest)| {
            let key = key.trim_matches(['"', '\'']);
            !key.is_empty()
                && key.bytes().all(|b| b.is_ascii_graphic())
                && (rest.is_empty() || rest.starts_with([' ', '\t']))
        });
    !canonical_start
}

/// Whether `name` ends in `.xml`, in any case.
fn is_xml_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// Whether `bytes` open as poppler's `pdftohtml -xml` output: its `<pdf2xml` root element within
/// the first kilobyte (after the XML declaration and the doctype).
fn is_pdf2xml(bytes: &[u8]) -> bool {
    bytes
        .get(..bytes.len().min(1024))
        .unwrap_or_default()
        .windows(b"<pdf2xml".len())
        .any(|w| w == b"<pdf2xml")
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
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn unnamed(text: &[u8]) -> Document {
        classify(text.to_vec(), None).expect("classified")
    }

    #[test]
    fn every_name_the_extractor_reads_is_a_published_report() {
        // `.shtml`: the pages of many government sites, as a crawler saves them.
        for name in [
            "a.txt",
            "a.TEXT",
            "a.md",
            "a.markdown",
            "a.html",
            "a.HTM",
            "a.xhtml",
            "a.shtml",
            "a.docx",
            "a.PDF",
        ] {
            assert_eq!(kind_of(Path::new(name)), Some(Kind::Published), "{name}");
        }
        for name in ["a.xml", "a.doc", "a.jsp", "a", ".shtml"] {
            assert_eq!(kind_of(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn canonical_text_without_a_name_is_json_or_yaml() {
        for (text, format) in [
            (&b"{\"edition\": \"2021\"}"[..], Format::Json),
            (b"\xEF\xBB\xBF  {}", Format::Json),
            (b"edition: \"2021\"\nmetadata: {}\n", Format::Yaml),
            (b"# a comment\n\n\"metadata\":\n  organ: {}\n", Format::Yaml),
            (b"---\nedition: '2021'\n", Format::Yaml),
            (
                b"$schema: https://xxgk.org/schema/annual-report-2021/v1\n",
                Format::Yaml,
            ),
            (b"[]", Format::Yaml),
            (b"- 1\n", Format::Yaml),
            (b"", Format::Yaml),
            (b"\n  \n", Format::Yaml),
        ] {
            assert!(
                matches!(unnamed(text), Document::Canonical(_, f) if f == format),
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn a_published_report_without_a_name_is_published() {
        for text in [
            "某区2024年政府信息公开工作年度报告\n一、总体情况\n",
            "# 某区2024年政府信息公开工作年度报告\n\n一、总体情况\n",
            "首页 > 政务公开 发布时间：2025-01-20 09:30 来源：某区人民政府\n",
            "<!DOCTYPE html>\n<html><body><p>一、总体情况</p></body></html>",
            "来源: 某区人民政府\n",
            "http://zwgk.example.gov.cn/ 某区2024年政府信息公开工作年度报告\n",
        ] {
            assert!(
                matches!(unnamed(text.as_bytes()), Document::Published(_)),
                "{text:?}"
            );
        }
        // GBK text, a PDF, a DOCX (a ZIP): by their bytes.
        for bytes in [
            &b"\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5\xC7\xE9\xBF\xF6\n"[..],
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
            b"PK\x03\x04\x14\x00",
        ] {
            assert!(matches!(unnamed(bytes), Document::Published(_)));
        }
    }
}
