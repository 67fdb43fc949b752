//! Extraction of published 政府信息公开工作年度报告 (text, HTML, DOCX) into the xxgk canonical
//! form of the 2021 format, with per-cell provenance and plain-data problems.
//!
//! The pipeline: decode (UTF-8, UTF-16, GB18030, detected) → normalise (width folding, noise
//! stripping) → locate the six sections → recognise table rows per layout (a row label
//! recogniser keyed on the template labels, then the numbers of that row) → assemble canonical
//! JSON. A blank, `/`, `-`, `—` or unreadable cell is absent and reported, never 0; no number is
//! ever guessed. No I/O, and no panic on any input.
//!
//! Layouts read (detected per table section): DOCX exported to text (one cell per tab-indented
//! line), tab-separated PDF text, `|`-separated HTML table text and Markdown tables,
//! `pdftotext -layout` (space-aligned, wrapped labels, page numbers inside tables),
//! `pdftotext -raw` (single spaces), cells run together without separator, HTML pages (real
//! tables, rowspan/colspan) and DOCX (`w:gridSpan`, `w:vMerge`).
//!
//! No rule reads a blank as zero. The rules a value may carry in its provenance:
//! `full-width-digits-folded`, `thousands-separators-removed`, `unit-stripped`,
//! `run-together-split-by-row-identity` (总计 = the six applicant columns singled out one split),
//! `run-together-split-by-column-identity` (一 + 二 = （七） + 四 and （七） = Σ results did),
//! `fee-figure-from-prose`, `fee-none-collected-stated` (`未收取…处理费` read as 0 collected) and
//! `fee-all-zero-stated` (`…均为0`).
//!
//! ```
//! let extraction = xxgk_extract::extract_text("三、收到和处理政府信息公开申请情况\n\
//!     一、本年新收政府信息公开申请数量 80 1 0 0 0 0 81\n");
//! assert_eq!(
//!     extraction.report.pointer("/applications/new_received/total"),
//!     Some(&serde_json::json!(81))
//! );
//! ```
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod assemble;
mod catalogue;
mod cells;
mod decode;
mod document;
mod docx;
mod html;
mod layout;
mod metadata;
mod normalize;
mod number;
mod problem;
mod sections;
mod split;
mod table;

use serde::Serialize;
use serde_json::{Map, Value};

pub use decode::InputFormat;
pub use normalize::SourcePos;
pub use problem::{Problem, ProblemCode};

use document::Block;
use metadata::Found;
use normalize::PosText;
use sections::{SECTIONS, Section};

/// Largest input accepted.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The edition of the national format a report follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Edition {
    /// 国办公开办函〔2021〕30号, reports on 2021 and later.
    #[serde(rename = "2021")]
    E2021,
    /// 国办公开办函〔2019〕60号 (试行), reports on 2019 and 2020.
    #[serde(rename = "2019")]
    E2019,
}

/// Where a value was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// JSON Pointer of the value: into [`Extraction::report`], or for the tables of a 2019-format
    /// report into [`Edition2019::cells`].
    pub pointer: String,
    /// 1-based line in the decoded source text (for DOCX: in `word/document.xml`).
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// The source text the value was read from, as published.
    pub raw: String,
    /// Rules applied while reading (kebab-case), e.g. `thousands-separators-removed`,
    /// `run-together-split-by-row-identity`.
    pub rules: Vec<&'static str>,
}

/// The tables of a 2019-format report, kept apart from the 2021 tables.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edition2019 {
    /// The cells read, in the 2019 shape: `active_disclosure` with the 2019 表二 rows and columns
    /// (`newly_made`, `newly_published`, `total_published`, `previous_year_items`, `change`,
    /// `decisions`, `other_services`, `procurement`), `applications` as in 2021 but with a
    /// single `results/other` row, and `review_litigation` as in 2021.
    pub cells: Value,
    /// What does not carry over to the 2021 format.
    pub not_mapped: Vec<UnmappedField>,
}

/// A field of one edition with no counterpart in the other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnmappedField {
    /// Pointer into [`Edition2019::cells`], or, prefixed `2021:`, into the 2021 report.
    pub pointer: String,
    /// Why it does not map.
    pub reason: &'static str,
}

/// The result of an extraction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Extraction {
    /// The edition of the format the report follows.
    pub edition: Edition,
    /// The kind of input read.
    pub format: InputFormat,
    /// The character encoding detected (`UTF-8`, `UTF-16LE`, `gb18030`, …).
    pub encoding: &'static str,
    /// The report in the canonical form of `annual-report-2021.schema.yaml`, holding what could be
    /// read; missing cells are absent. For a 2019-format report only metadata and prose are here
    /// (with `"edition": "2019"`), the tables are in [`Extraction::edition_2019`].
    pub report: Value,
    /// For a 2019-format report: its tables, never forced into the 2021 tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition_2019: Option<Edition2019>,
    /// Where each value was read from, in pointer order of the template.
    pub provenance: Vec<Provenance>,
    /// Problems met, including one for every missing cell.
    pub problems: Vec<Problem>,
}

/// Why an input could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtractError {
    /// The input is larger than the limit.
    InputTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The input looked like (or was named as) a DOCX but is not a readable one.
    UnreadableDocx(String),
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::InputTooLarge { limit } => write!(f, "input larger than {limit} bytes"),
            Self::UnreadableDocx(why) => write!(f, "unreadable DOCX: {why}"),
        }
    }
}

impl std::error::Error for ExtractError {}

/// Extracts a report from the bytes of a file: plain text in any layout, an HTML page or a DOCX,
/// in UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 — all detected. `name_hint`
/// (a file name) only breaks ties: a `.docx`, `.html` or `.txt`/`.md` extension.
pub fn extract(bytes: &[u8], name_hint: Option<&str>) -> Result<Extraction, ExtractError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ExtractError::InputTooLarge {
            limit: MAX_INPUT_BYTES as u64,
        });
    }
    let hinted = name_hint.and_then(decode::format_from_name);
    let is_docx = match hinted {
        Some(InputFormat::Docx) => true,
        Some(_) => false,
        None => decode::looks_like_zip(bytes),
    };
    if is_docx {
        let xml = docx::document_xml(bytes)?;
        return Ok(from_blocks(
            docx::blocks(&xml),
            InputFormat::Docx,
            encoding_rs::UTF_8.name(),
        ));
    }
    let (text, encoding) = decode::decode_text(bytes);
    let html = match hinted {
        Some(InputFormat::Html) => true,
        Some(_) => false,
        None => decode::looks_like_html(&text),
    };
    Ok(if html {
        from_blocks(html::blocks(&text), InputFormat::Html, encoding)
    } else {
        from_text(&text, encoding)
    })
}

/// Extracts a report from decoded text: plain text in any layout, or an HTML page (detected).
pub fn extract_text(text: &str) -> Extraction {
    if decode::looks_like_html(text) {
        from_blocks(
            html::blocks(text),
            InputFormat::Html,
            encoding_rs::UTF_8.name(),
        )
    } else {
        from_text(text, encoding_rs::UTF_8.name())
    }
}

fn from_text(text: &str, encoding: &'static str) -> Extraction {
    let blocks = normalize::text_lines(text)
        .into_iter()
        .map(Block::Line)
        .collect();
    from_blocks(blocks, InputFormat::Text, encoding)
}

fn lines_in(blocks: &[Block], range: (usize, usize)) -> Vec<&PosText> {
    blocks
        .get(range.0..range.1)
        .unwrap_or_default()
        .iter()
        .filter_map(|b| match b {
            Block::Line(l) => Some(l),
            Block::Table(_) => None,
        })
        .collect()
}

/// The segments of a table section: text lines through the layout recogniser, real tables row
/// by row.
fn section_segments(blocks: &[Block], range: (usize, usize)) -> Vec<table::Segment> {
    let mut out = Vec::new();
    let mut run: Vec<&PosText> = Vec::new();
    let flush = |run: &mut Vec<&PosText>, out: &mut Vec<table::Segment>| {
        for unit in layout::units_from_lines(run) {
            out.extend(table::segments(&unit));
        }
        run.clear();
    };
    for block in blocks.get(range.0..range.1).unwrap_or_default() {
        match block {
            Block::Line(line) => run.push(line),
            Block::Table(units) => {
                flush(&mut run, &mut out);
                for unit in units {
                    out.extend(table::segments(unit));
                }
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

fn detect_edition(active: &[table::Segment], year: Option<u32>) -> Edition {
    let text: String = active
        .iter()
        .filter_map(|s| s.label.as_ref())
        .map(table::Label::joined)
        .collect();
    let count = |markers: &[&str]| {
        markers
            .iter()
            .filter(|m| text.contains(&m.replace('/', "")))
            .count()
    };
    let (old, new) = (
        count(catalogue::EDITION_2019_MARKERS),
        count(catalogue::EDITION_2021_MARKERS),
    );
    if old > new || (old == new && year.is_some_and(|y| y <= 2020)) {
        Edition::E2019
    } else {
        Edition::E2021
    }
}

fn section_pointer(section: Section) -> &'static str {
    match section {
        Section::Overview => "/overview",
        Section::Active => "/active_disclosure",
        Section::Applications => "/applications",
        Section::Review => "/review_litigation",
        Section::Problems => "/problems_and_improvements",
        Section::Other => "/other_matters",
    }
}

fn provenance_of<T>(pointer: &str, found: &Found<T>) -> Provenance {
    Provenance {
        pointer: pointer.to_owned(),
        line: found.pos.line,
        column: found.pos.column,
        raw: found.raw.clone(),
        rules: found.rule.into_iter().collect(),
    }
}

fn from_blocks(blocks: Vec<Block>, format: InputFormat, encoding: &'static str) -> Extraction {
    let located = sections::locate(&blocks);
    let body = |section: Section| {
        SECTIONS
            .iter()
            .position(|s| *s == section)
            .and_then(|k| located.bodies.get(k).copied().flatten())
    };
    let mut problems = Vec::new();
    let mut provenance = Vec::new();
    let mut root = Map::new();

    // Metadata and prose.
    let preamble_end = if located.bodies.iter().all(Option::is_none) {
        blocks.len().min(12)
    } else {
        located.preamble_end
    };
    let preamble = lines_in(&blocks, (0, preamble_end));
    let overview_lines = body(Section::Overview).map_or_else(Vec::new, |r| lines_in(&blocks, r));
    let opening: Vec<&PosText> = overview_lines.iter().take(6).copied().collect();
    let meta = metadata::read_metadata(&preamble, &opening);
    let mut prose_lines: Vec<&PosText> = preamble.clone();
    for section in [Section::Overview, Section::Problems, Section::Other] {
        if let Some(r) = body(section) {
            prose_lines.extend(lines_in(&blocks, r));
        }
    }
    let wrapped = metadata::is_wrapped(&prose_lines);

    let active_segments =
        body(Section::Active).map_or_else(Vec::new, |r| section_segments(&blocks, r));
    let edition = detect_edition(&active_segments, meta.year.as_ref().map(|y| y.value));
    root.insert(
        "edition".to_owned(),
        Value::from(match edition {
            Edition::E2021 => "2021",
            Edition::E2019 => "2019",
        }),
    );
    let mut metadata_obj = Map::new();
    if let Some(title) = &meta.title {
        metadata_obj.insert("title".to_owned(), Value::from(title.value.clone()));
        provenance.push(provenance_of("/metadata/title", title));
    }
    match &meta.organ {
        Some(organ) => {
            assemble::insert_at(
                &mut metadata_obj,
                "/organ/name",
                Value::from(organ.value.clone()),
            );
            provenance.push(provenance_of("/metadata/organ/name", organ));
        }
        None => problems.push(
            Problem::new(
                ProblemCode::MetadataMissing,
                "the organ name was not found in the title or opening",
            )
            .at_pointer("/metadata/organ/name"),
        ),
    }
    match &meta.year {
        Some(year) => {
            metadata_obj.insert("report_year".to_owned(), Value::from(year.value));
            provenance.push(provenance_of("/metadata/report_year", year));
        }
        None => problems.push(
            Problem::new(
                ProblemCode::MetadataMissing,
                "the report year was not found in the title or opening",
            )
            .at_pointer("/metadata/report_year"),
        ),
    }
    root.insert("metadata".to_owned(), Value::Object(metadata_obj));

    for section in SECTIONS {
        if body(section).is_none() {
            problems.push(
                Problem::new(
                    ProblemCode::SectionMissing,
                    format!("the heading {} was not found", section.heading()),
                )
                .at_pointer(section_pointer(section)),
            );
        }
    }
    let prose_of = |section: Section| {
        body(section).and_then(|r| metadata::prose(&lines_in(&blocks, r), wrapped))
    };

    // Tables.
    let mut store = cells::CellStore::default();
    let active_found = assemble::read_active(active_segments, edition, &mut store, &mut problems);
    let applications_range = body(Section::Applications).unwrap_or((0, blocks.len()));
    let applications_found = assemble::read_applications(
        section_segments(&blocks, applications_range),
        edition,
        &mut store,
        &mut problems,
    );
    let review_found = body(Section::Review).is_some_and(|r| {
        assemble::read_review(section_segments(&blocks, r), &mut store, &mut problems)
    });
    let found_tables = [
        ("/active_disclosure", active_found, Section::Active),
        ("/applications", applications_found, Section::Applications),
        ("/review_litigation", review_found, Section::Review),
    ];

    // Prose sections and the fee figures, in template order around the tables.
    let mut prose_entries: Vec<(&str, Value)> = Vec::new();
    for (section, key) in [
        (Section::Overview, "overview"),
        (Section::Problems, "problems_and_improvements"),
        (Section::Other, "other_matters"),
    ] {
        if let Some(text) = prose_of(section) {
            let pointer = format!("/{key}/text");
            provenance.push(provenance_of(&pointer, &text));
            let mut obj = Map::new();
            obj.insert("text".to_owned(), Value::from(text.value));
            if section == Section::Other
                && let Some(r) = body(Section::Other)
            {
                let fees = metadata::read_fees(&lines_in(&blocks, r));
                let mut fee_obj = Map::new();
                if let Some(f) = &fees.notices_issued {
                    fee_obj.insert("notices_issued".to_owned(), Value::from(f.value));
                    provenance.push(provenance_of(
                        "/other_matters/processing_fees/notices_issued",
                        f,
                    ));
                }
                if let Some(f) = &fees.notices_amount {
                    fee_obj.insert(
                        "notices_amount_yuan".to_owned(),
                        Value::from(f.value.clone()),
                    );
                    provenance.push(provenance_of(
                        "/other_matters/processing_fees/notices_amount_yuan",
                        f,
                    ));
                }
                if let Some(f) = &fees.collected {
                    fee_obj.insert("collected_yuan".to_owned(), Value::from(f.value.clone()));
                    provenance.push(provenance_of(
                        "/other_matters/processing_fees/collected_yuan",
                        f,
                    ));
                }
                if !fee_obj.is_empty() {
                    obj.insert("processing_fees".to_owned(), Value::Object(fee_obj));
                }
            }
            prose_entries.push((key, Value::Object(obj)));
        }
    }
    let mut prose_map: Map<String, Value> = prose_entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();

    let cell_list = match edition {
        Edition::E2021 => catalogue::cells_2021(),
        Edition::E2019 => assemble::cells_2019(),
    };
    let mut tables = Map::new();
    for (pointer, label) in cell_list {
        if let Some(filled) = store.filled.get(pointer) {
            assemble::insert_at(&mut tables, pointer, filled.value.clone());
            provenance.push(Provenance {
                pointer: pointer.clone(),
                line: filled.pos.line,
                column: filled.pos.column,
                raw: filled.raw.clone(),
                rules: filled.rules.clone(),
            });
            continue;
        }
        if let Some(problem) = store.missing.remove(pointer) {
            problems.push(problem);
            continue;
        }
        let (code, why) = match found_tables.iter().find(|(p, _, _)| pointer.starts_with(p)) {
            Some((_, _, section))
                if body(*section).is_none() && *section != Section::Applications =>
            {
                (
                    ProblemCode::SectionMissing,
                    "its section heading was not found",
                )
            }
            Some((_, false, _)) => (
                ProblemCode::TableNotFound,
                "no row of its table was recognised",
            ),
            _ => (
                ProblemCode::RowNotFound,
                "its row was not found in the table",
            ),
        };
        problems.push(
            Problem::new(code, format!("{label}: missing, {why}")).at_pointer(pointer.clone()),
        );
    }

    let mut report = Map::new();
    report.insert(
        "edition".to_owned(),
        root.remove("edition").unwrap_or(Value::Null),
    );
    report.insert(
        "metadata".to_owned(),
        root.remove("metadata").unwrap_or(Value::Null),
    );
    if let Some(v) = prose_map.remove("overview") {
        report.insert("overview".to_owned(), v);
    }
    let mut edition_2019 = None;
    match edition {
        Edition::E2021 => {
            for key in ["active_disclosure", "applications", "review_litigation"] {
                if let Some(v) = tables.remove(key) {
                    report.insert(key.to_owned(), v);
                }
            }
        }
        Edition::E2019 => {
            let not_mapped: Vec<UnmappedField> = assemble::unmapped_2019()
                .into_iter()
                .map(|(pointer, reason)| UnmappedField { pointer, reason })
                .collect();
            problems.push(Problem::new(
                ProblemCode::Edition2019NotMapped,
                format!(
                    "2019-format report: its tables are in edition_2019, not in the 2021 tables; {} fields do not map to the 2021 format (see edition_2019.not_mapped)",
                    not_mapped.len()
                ),
            ));
            edition_2019 = Some(Edition2019 {
                cells: Value::Object(tables),
                not_mapped,
            });
        }
    }
    for key in ["problems_and_improvements", "other_matters"] {
        if let Some(v) = prose_map.remove(key) {
            report.insert(key.to_owned(), v);
        }
    }

    Extraction {
        edition,
        format,
        encoding,
        report: Value::Object(report),
        edition_2019,
        provenance,
        problems,
    }
}
