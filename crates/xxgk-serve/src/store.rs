//! What a check gave, kept in memory for the result page and its downloads: a bounded cache (by
//! count, bytes and age, the oldest dropped first) under ids no one can guess. Never on disk.

use std::collections::VecDeque;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher as _, Hasher as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use xxgk_check::{Checker, Format};
use xxgk_conformance::certificate::{self, Certificate};
use xxgk_document::{Checked, Reading, Verdict};
use xxgk_render::view::ReportView;

use crate::report::{add_findings, view_of};

/// One uploaded file, checked.
#[derive(Debug)]
pub struct FileResult {
    /// The name it was uploaded under.
    pub name: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Why it could not be read, in English, when it could not.
    pub error: Option<String>,
    /// The report to show (Chinese and English views: the unread reasons are in the language),
    /// or why it cannot be laid out.
    pub views: Result<[ReportView; 2], String>,
    /// The canonical JSON: the upload itself when it is canonical JSON.
    pub report_json: Option<Vec<u8>>,
    /// Where every value of a published report came from, and what could not be read.
    pub provenance_json: Option<Vec<u8>>,
    /// The certificate's entry for the canonical file (the upload, or the JSON made from it).
    entry: Option<certificate::FileEntry>,
}

impl FileResult {
    fn bytes(&self) -> usize {
        // The views are about as large as the report's text; count them as that.
        let json = self.report_json.as_ref().map_or(0, Vec::len);
        self.name.len() + 3 * json + self.provenance_json.as_ref().map_or(0, Vec::len) + 4096
    }
}

/// A request's results.
#[derive(Debug)]
pub struct Stored {
    /// Each file, in the order uploaded.
    pub files: Vec<FileResult>,
    /// The certificate of every readable file, pretty JSON.
    pub certificate: String,
}

/// A file a result offers for download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    /// The canonical JSON.
    Report,
    /// The provenance of a published report.
    Provenance,
}

impl Stored {
    /// The name and bytes of a download of file `n`.
    pub fn download(&self, n: usize, what: Download) -> Option<(String, Vec<u8>)> {
        let file = self.files.get(n)?;
        let stem = stem(&file.name);
        match what {
            Download::Report => Some((format!("{stem}.json"), file.report_json.clone()?)),
            Download::Provenance => Some((
                format!("{stem}.provenance.json"),
                file.provenance_json.clone()?,
            )),
        }
    }
}

/// A file name without its extension.
fn stem(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}

fn pretty(value: &impl serde::Serialize) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Checks one upload and keeps what the page and the downloads show.
pub fn checked(checker: &Checker, name: String, bytes: Vec<u8>) -> FileResult {
    let original = bytes.clone();
    let checked = xxgk_document::check(checker, bytes, Some(&name));
    let verdict = checked.verdict();
    let report = match checked {
        Checked::Unreadable(why) => return unreadable(name, verdict, why),
        Checked::NotAReport => {
            let why = "no section heading and no table row of an annual report found".to_owned();
            return unreadable(name, verdict, why);
        }
        Checked::Report(report) => report,
    };
    let views = [xxgk_check::Lang::Zh, xxgk_check::Lang::En].map(|lang| {
        view_of(&report, lang).map(|mut view| {
            add_findings(&mut view, &report, verdict);
            view
        })
    });
    let views = match views {
        [Ok(zh), Ok(en)] => Ok([zh, en]),
        [Err(e), _] | [_, Err(e)] => Err(e),
    };
    let (report_json, provenance_json, entry) = match &report.reading {
        Reading::Canonical(Format::Json) => {
            let entry = certificate::entry(checker, name.clone(), &original, Format::Json);
            (Some(original), None, Some(entry))
        }
        Reading::Canonical(format) => {
            let text = report.source.as_ref().map_or("", |s| s.text.as_str());
            let json = xxgk_check::parse(text, *format).ok().map(|v| pretty(&v));
            let entry = certificate::entry(checker, name.clone(), &original, *format);
            (json, None, Some(entry))
        }
        Reading::Extracted(extraction) => {
            let json = pretty(&extraction.report);
            let provenance = pretty(&json!({
                "source": name,
                "edition": extraction.edition,
                "format": extraction.format,
                "encoding": extraction.encoding,
                "provenance": extraction.provenance,
                "problems": extraction.problems,
            }));
            // The certificate is of the canonical JSON offered for download.
            let json_name = format!("{}.json", stem(&name));
            let entry = certificate::entry(checker, json_name, &json, Format::Json);
            (Some(json), Some(provenance), Some(entry))
        }
    };
    FileResult {
        name,
        verdict,
        error: None,
        views,
        report_json,
        provenance_json,
        entry,
    }
}

fn unreadable(name: String, verdict: Verdict, why: String) -> FileResult {
    FileResult {
        name,
        verdict,
        error: Some(why.clone()),
        views: Err(why),
        report_json: None,
        provenance_json: None,
        entry: None,
    }
}

/// The certificate of the readable files of a request, pretty JSON.
pub fn certificate(checker: &Checker, files: &[FileResult]) -> String {
    let entries = files.iter().filter_map(|f| f.entry.clone()).collect();
    let cert = Certificate::issue(checker, entries, env!("CARGO_PKG_VERSION"), None);
    String::from_utf8(pretty(&cert)).unwrap_or_default()
}

/// A cached result: its id, when it was kept, its size in bytes, the results.
type Entry = (String, Instant, usize, Arc<Stored>);

/// The bounded cache of results.
pub struct Store {
    entries: Mutex<VecDeque<Entry>>,
    max_entries: usize,
    max_bytes: usize,
    ttl: Duration,
    keys: RandomState,
    counter: AtomicU64,
}

impl Store {
    /// An empty cache of at most `max_entries` results and `max_bytes`, each kept `ttl`.
    pub fn new(max_entries: usize, max_bytes: usize, ttl: Duration) -> Self {
        Self {
            entries: Mutex::new(VecDeque::new()),
            max_entries: max_entries.max(1),
            max_bytes,
            ttl,
            keys: RandomState::new(),
            counter: AtomicU64::new(0),
        }
    }

    /// A fresh id: 128 bits of a hash keyed randomly per process, over a counter and the time.
    fn id(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let half = |salt: u8| {
            let mut h = self.keys.build_hasher();
            h.write_u8(salt);
            h.write_u64(n);
            h.write_u128(nanos);
            h.finish()
        };
        format!("{:016x}{:016x}", half(0), half(1))
    }

    /// Keeps a request's results; returns their id. The oldest results go first when over a
    /// bound.
    pub fn insert(&self, files: Vec<FileResult>, certificate: String) -> String {
        let size = files.iter().map(FileResult::bytes).sum::<usize>() + certificate.len();
        let id = self.id();
        let stored = Arc::new(Stored { files, certificate });
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.push_back((id.clone(), Instant::now(), size, stored));
        let mut total: usize = entries.iter().map(|e| e.2).sum();
        while entries.len() > self.max_entries || (total > self.max_bytes && entries.len() > 1) {
            if let Some(old) = entries.pop_front() {
                total -= old.2;
            }
        }
        id
    }

    /// The results under an id, unless expired or dropped.
    pub fn get(&self, id: &str) -> Option<Arc<Stored>> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        while entries.front().is_some_and(|e| e.1.elapsed() > self.ttl) {
            entries.pop_front();
        }
        entries.iter().find(|e| e.0 == id).map(|e| Arc::clone(&e.3))
    }
}
