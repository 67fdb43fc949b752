//! Verdicts on published reports. "The report breaks R1", "the report prints this cell blank" and
//! "we could not read this" are three different statements: a value the extractor did not place is
//! the publisher's error only when the extractor located its cell and found it blank; anything
//! else it could not find or place is [`Kind::Unread`], never a finding against the report.

use std::collections::HashMap;

use serde::Deserialize as _;
use unicode_width::UnicodeWidthStr as _;
use xxgk_check::{Checker, Diagnostic, Kind, Location, PrintedAs, PrintedSum, Severity};
use xxgk_extract::{Edition, Extraction, InputFormat, Problem, ProblemCode};
use xxgk_model::{AnnualReport, CELLS, Cell, STANDARD_2019};

use crate::{Checked, Reading, Report, SourceText};

/// The schema rule of a required value that is absent (`S1 missing-field`; ids are never reused).
const MISSING_FIELD: &str = "S1";

/// The rule id of every unread diagnostic; its name is the extractor's problem code.
pub const UNREAD_RULE: &str = "unread";

/// The pointers of the template's six sections, where the extractor reports a missing heading.
const SECTIONS: [&str; 6] = [
    "/overview",
    "/active_disclosure",
    "/applications",
    "/review_litigation",
    "/problems_and_improvements",
    "/other_matters",
];

/// Extracts a published report (`hint`: its file name, whose extension tells the format),
/// checks its canonical form, and gives every diagnostic its place in the source (where the
/// value stands, or where the reader saw the problem).
pub fn check(checker: &Checker, bytes: Vec<u8>, hint: &str) -> Checked {
    let (extraction, pdf_text) = match extract(&bytes, hint) {
        Ok(read) => read,
        Err(message) => return Checked::Unreadable(message),
    };
    if nothing_read(&extraction) {
        return Checked::NotAReport;
    }
    // The edition the extraction names (`"edition": "2019"` for the 2019 format), checked under
    // its own schema and rules.
    let checker = checker.for_document(&extraction.report);
    // As for a file of canonical JSON: a report that deserializes into the generated 2021 types
    // is schema-valid (they accept exactly the schema-valid documents), so only the rule pass
    // runs; the schema pass, several times dearer, only for one that does not, or for another
    // edition.
    let typed = match extraction.edition {
        Edition::E2021 => AnnualReport::deserialize(&extraction.report).ok(),
        Edition::E2019 => None,
    };
    let mut outcome = match typed {
        Some(report) => checker.check_report(&report),
        None => checker.check_value(&extraction.report),
    };
    // Identities the reader found broken however their run-together digits split: errors of
    // the report, in place of the notes that they cannot be evaluated.
    let unsplit: Vec<Diagnostic> = extraction
        .problems
        .iter()
        .filter_map(|p| {
            let (anchor, digits) = (p.pointer.as_deref()?, p.raw.as_deref()?);
            match p.code {
                ProblemCode::BrokenInEverySplit => checker.unsplit_failure(anchor, digits),
                ProblemCode::ColumnBrokenInEverySplit => {
                    checker.unsplit_column_failure(anchor, digits)
                }
                _ => None,
            }
        })
        .collect();
    // Identities whose only unread cells the report prints as one sum (a 2021 report's
    // （六）其他处理 as one row), or whose sum is known though they are not (rows printed without
    // labels, their order unconfirmed), evaluated with it: an error of the report where they
    // fail, confirmed where they hold; either way no longer a note that they cannot be evaluated.
    let printed_sums: Vec<PrintedSum> = extraction
        .sums
        .iter()
        .map(|sum| PrintedSum {
            cells: sum.cells.clone(),
            value: sum.value,
            printed_as: match sum.printed_as {
                xxgk_extract::PrintedAs::MergedRow => PrintedAs::MergedRow,
                xxgk_extract::PrintedAs::UnlabelledRows => PrintedAs::UnlabelledRows,
            },
        })
        .collect();
    let with_sums = checker.evaluate_with_sums(&extraction.report, &printed_sums);
    let evaluated = |d: &Diagnostic| {
        unsplit
            .iter()
            .any(|u| u.rule == d.rule && u.related == d.related)
            || with_sums
                .iter()
                .any(|e| e.rule == d.rule && e.related == d.related)
    };
    let mut diagnostics = Vec::with_capacity(outcome.diagnostics.len() + unsplit.len());
    for d in std::mem::take(&mut outcome.diagnostics) {
        if d.rule == MISSING_FIELD {
            diagnostics.extend(explain_missing(checker, d, &extraction));
        } else if d.kind != Kind::NotEvaluable || !evaluated(&d) {
            diagnostics.push(d);
        }
    }
    diagnostics.extend(unsplit);
    diagnostics.extend(with_sums.into_iter().filter_map(|e| e.failure));
    let derived_text = pdf_text.is_some() || extraction.format == InputFormat::Docx;
    let text = match pdf_text {
        // Positions in a PDF refer to the text pdftotext gave, which is what the reader saw.
        Some(text) => Some(text),
        // Positions in a DOCX refer to its XML, which is no frame to show a person.
        None if extraction.format == InputFormat::Docx => None,
        // The file's own bytes become its text, without a copy; the BOM is no line of it.
        None => String::from_utf8(bytes).ok().map(|mut text| {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            text
        }),
    };
    let mut widths = HashMap::new();
    for d in &mut diagnostics {
        if let Some((location, width)) =
            place(checker.standard().cells, d, &extraction, text.as_deref())
        {
            d.location = Some(location);
            widths.insert(location, width);
        }
    }
    // Source order, as a person reads the report; what has no place comes last.
    diagnostics.sort_by_key(|d| (d.location.is_none(), d.location));
    outcome.diagnostics = diagnostics;
    Checked::Report(Box::new(Report {
        reading: Reading::Extracted(Box::new(extraction)),
        outcome,
        source: text.map(|text| SourceText { text, widths }),
        derived_text,
    }))
}

/// Extracts a published file: a PDF through its text layer (with that text, to which the
/// extraction's positions refer), anything else directly.
pub fn extract(bytes: &[u8], hint: &str) -> Result<(Extraction, Option<String>), String> {
    // By name, or by signature for bytes that came without one (standard input).
    let is_pdf = bytes.starts_with(b"%PDF-")
        || std::path::Path::new(hint)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        let (extraction, text) = crate::pdf::extract(bytes).map_err(|e| e.to_string())?;
        return Ok((extraction, Some(text)));
    }
    let extraction = xxgk_extract::extract(bytes, Some(hint)).map_err(|e| e.to_string())?;
    Ok((extraction, None))
}

/// No section heading and no table row found: the file is not an annual report we can read
/// (empty, binary, another document), and 200 missing cells would say nothing useful.
fn nothing_read(extraction: &Extraction) -> bool {
    let heading_found = || {
        SECTIONS.iter().any(|section| {
            !extraction.problems.iter().any(|p| {
                p.code == ProblemCode::SectionMissing && p.pointer.as_deref() == Some(section)
            })
        })
    };
    // A cell located and printed blank, or a run of numbers more than one split of which
    // satisfies the identities, is a table row. Other problems are no such sign: a README that
    // quotes `（六）其他处理` or a label with a few numbers after it gives them too.
    let row_found = || {
        extraction
            .problems
            .iter()
            .any(|p| matches!(p.code, ProblemCode::CellBlank | ProblemCode::AmbiguousSplit))
    };
    let cell_read = || {
        extraction.provenance.iter().any(|p| {
            CELLS
                .iter()
                .chain(STANDARD_2019.cells)
                .any(|c| c.pointer == p.pointer)
        })
    };
    // Cheapest first: almost every report has its headings.
    !(heading_found() || row_found() || cell_read())
}

/// Whether `pointer` is `parent` or below it.
fn is_under(pointer: &str, parent: &str) -> bool {
    pointer
        .strip_prefix(parent)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A required value is absent: the publisher's error if the extractor found its cells printed
/// blank, unread if it could not find or place them, and the publisher's error as before when
/// the extractor has nothing to say (it read the section and the value is not there).
fn explain_missing(checker: &Checker, d: Diagnostic, extraction: &Extraction) -> Vec<Diagnostic> {
    let under: Vec<&Problem> = extraction
        .problems
        .iter()
        .filter(|p| {
            !matches!(
                p.code,
                ProblemCode::BrokenInEverySplit | ProblemCode::ColumnBrokenInEverySplit
            )
        })
        .filter(|p| {
            p.pointer
                .as_deref()
                .is_some_and(|q| is_under(q, &d.pointer))
        })
        .collect();
    // The values themselves, not the section or row that holds them.
    let leaves: Vec<&Problem> = under
        .iter()
        .copied()
        .filter(|p| {
            let own = p.pointer.as_deref().unwrap_or_default();
            !under.iter().any(|q| {
                q.pointer
                    .as_deref()
                    .is_some_and(|other| other != own && is_under(other, own))
            })
        })
        .collect();
    let (blank, unread): (Vec<&Problem>, Vec<&Problem>) = leaves
        .into_iter()
        .partition(|p| p.code == ProblemCode::CellBlank);
    if unread.is_empty() {
        return vec![d];
    }
    // The extractor's reason: the one about the whole missing value if there is one (a section
    // heading not found), else the first value's.
    let reason = under
        .iter()
        .find(|p| p.pointer.as_deref() == Some(d.pointer.as_str()))
        .or_else(|| unread.first())
        .copied();
    let unread_diagnostic =
        reason.map(|reason| unread_at(checker, &d, reason, &unread, extraction));
    // Some cells under the same value are printed blank: those, and only those, are the
    // publisher's; "the whole table is absent" would blame it for what the reader missed.
    let mut publisher: Vec<Diagnostic> = blank
        .iter()
        .filter_map(|p| p.pointer.as_deref())
        .map(|pointer| Diagnostic {
            location: None,
            ..checker.missing_value(pointer)
        })
        .collect();
    publisher.dedup_by(|a, b| a.pointer == b.pointer);
    publisher.into_iter().chain(unread_diagnostic).collect()
}

/// The unread diagnostic for the missing value of `d`, explained by `reason`.
fn unread_at(
    checker: &Checker,
    d: &Diagnostic,
    reason: &Problem,
    unread: &[&Problem],
    extraction: &Extraction,
) -> Diagnostic {
    let cells = checker.standard().cells;
    let mut related: Vec<String> = unread.iter().filter_map(|p| p.pointer.clone()).collect();
    related.sort_by_key(|p| cells.iter().position(|c| c.pointer == p));
    related.dedup();
    let (label_zh, label_en) = labels(checker, &d.pointer);
    let count = related.len().max(1);
    let (got_zh, got_en) =
        got_to(cells, reason, &related, extraction).map_or_else(Default::default, |line| {
            (
                format!("，读到第 {line} 行为止"),
                format!("; the reader got to line {line}"),
            )
        });
    Diagnostic {
        rule: UNREAD_RULE.to_owned(),
        name: reason.code.as_str().to_owned(),
        severity: Severity::Info,
        kind: Kind::Unread,
        pointer: d.pointer.clone(),
        related,
        label_path: d.label_path.clone(),
        expected: None,
        actual: reason.raw.clone(),
        message_zh: format!(
            "未能读取 {label_zh}：{}{got_zh}（{count} 个单元格；是读取的问题，不是报告的错误）",
            reason_zh(reason.code)
        ),
        message_en: format!(
            "could not read {label_en}: {}{got_en} ({count} {}; a failure of the reader, not of the report)",
            reason.message,
            if count == 1 { "cell" } else { "cells" }
        ),
        ..d.clone()
    }
}

/// Without a place of its own, how far the reader got: the last line of a cell it read before
/// these in the template's order.
fn got_to(
    cells: &[Cell],
    reason: &Problem,
    related: &[String],
    extraction: &Extraction,
) -> Option<u32> {
    if reason.position.is_some() {
        return None;
    }
    let index = |pointer: &str| cells.iter().position(|c| c.pointer == pointer);
    let first = related.iter().filter_map(|p| index(p)).min()?;
    extraction
        .provenance
        .iter()
        .filter(|p| index(&p.pointer).is_some_and(|k| k < first))
        .map(|p| p.line)
        .max()
}

/// The Chinese and English names of a value: the labels its cells share, else the schema's name
/// of the node (a metadata field, a section's prose), else its pointer.
fn labels(checker: &Checker, pointer: &str) -> (String, String) {
    let cells: Vec<_> = checker
        .standard()
        .cells
        .iter()
        .filter(|c| is_under(c.pointer, pointer))
        .collect();
    let common = |paths: Vec<Vec<&'static str>>| {
        let first = paths.first().cloned().unwrap_or_default();
        let shared = (0..first.len())
            .take_while(|&k| paths.iter().all(|p| p.get(k) == first.get(k)))
            .count();
        first.get(..shared).unwrap_or_default().join(" › ")
    };
    let zh = common(cells.iter().map(|c| c.labels_zh.to_vec()).collect());
    let en = common(
        cells
            .iter()
            .map(|c| c.name_en.split(" › ").collect())
            .collect(),
    );
    if zh.is_empty() || en.is_empty() {
        return checker
            .node_names(pointer)
            .unwrap_or_else(|| (pointer.to_owned(), pointer.to_owned()));
    }
    (zh, en)
}

/// Why the reader could not place a value, in Chinese (the extractor explains in English).
fn reason_zh(code: ProblemCode) -> &'static str {
    match code {
        ProblemCode::SectionMissing => "未找到本节标题",
        ProblemCode::TableNotFound => "本节中未识别出表格的任何一行",
        ProblemCode::RowNotFound => "表格中未找到该行",
        ProblemCode::CellUnreadable => "单元格内容不是可识别的数字",
        ProblemCode::CellCountMismatch => "该行的数字个数与栏目数不符，不按猜测填入",
        ProblemCode::AmbiguousSplit => "连写的数字有不止一种拆分满足勾稽关系，不按猜测拆分",
        ProblemCode::UnsplittableRun => "连写的数字没有满足勾稽关系的拆分",
        ProblemCode::MergedOtherRow => "报告把（六）其他处理合为一行，无法分到三行",
        ProblemCode::RunInterrupted => {
            "该行连写的数字后有非行标签的文字和更多数字，无法确定该行的数字到哪里为止"
        }
        ProblemCode::MetadataMissing => "未在标题或开头找到",
        // Codes the extractor may add later read the same way: not placed, for a reason of its own.
        _ => "阅读器未能定位该值",
    }
}

/// Where a diagnostic stands in the source, and how many display columns its value takes.
fn place(
    cells: &[Cell],
    d: &Diagnostic,
    extraction: &Extraction,
    text: Option<&str>,
) -> Option<(Location, usize)> {
    let at = |line: u32, column: u32, raw: &str| {
        let location = Location {
            line: line as usize,
            column: column as usize,
        };
        (
            location,
            raw.lines().next().unwrap_or_default().trim().width().max(1),
        )
    };
    if let Some(p) = extraction
        .provenance
        .iter()
        .find(|p| p.pointer == d.pointer)
    {
        return Some(at(p.line, p.column, &p.raw));
    }
    // The first value concerned that the extractor saw somewhere.
    let concerned = std::iter::once(&d.pointer).chain(&d.related);
    let seen = concerned
        .flat_map(|pointer| {
            extraction.problems.iter().filter(move |p| {
                p.pointer.as_deref().is_some_and(|q| is_under(q, pointer))
                    && match p.code {
                        // The report's errors: a blank, digits no split of which fits.
                        ProblemCode::CellBlank
                        | ProblemCode::BrokenInEverySplit
                        | ProblemCode::ColumnBrokenInEverySplit => d.kind != Kind::Unread,
                        _ => d.kind == Kind::Unread,
                    }
            })
        })
        .find_map(|p| {
            Some(at(
                p.position?.line,
                p.position?.column,
                p.raw.as_deref().unwrap_or_default(),
            ))
        });
    seen.or_else(|| blank_gap(cells, d, extraction, text?))
}

/// A blank cell of a row read elsewhere has no text of its own: point at the gap before the next
/// value of its row (or after the previous one), on the row's line.
fn blank_gap(
    cells: &[Cell],
    d: &Diagnostic,
    extraction: &Extraction,
    text: &str,
) -> Option<(Location, usize)> {
    let blank = extraction
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::CellBlank)
        .find_map(|p| p.pointer.as_deref().filter(|q| is_under(q, &d.pointer)))?;
    let (row, _) = blank.rsplit_once('/')?;
    let index = cells.iter().position(|c| c.pointer == blank)?;
    let in_row = |k: usize| {
        let cell = cells.get(k)?;
        (cell.pointer.rsplit_once('/')?.0 == row).then_some(cell.pointer)?;
        extraction
            .provenance
            .iter()
            .find(|p| p.pointer == cell.pointer)
    };
    let line_of = |n: u32| text.lines().nth((n as usize).checked_sub(1)?);
    let location = |line: u32, column: usize| {
        (
            Location {
                line: line as usize,
                column,
            },
            1,
        )
    };
    if let Some(next) = in_row(index + 1) {
        let before = (next.column as usize).checked_sub(1)?;
        let source = line_of(next.line)?;
        let separator = source.chars().nth(before.checked_sub(1)?)?;
        return separator
            .is_whitespace()
            .then(|| location(next.line, before));
    }
    let previous = in_row(index.checked_sub(1)?)?;
    let after = previous.column as usize + previous.raw.chars().count();
    line_of(previous.line)?;
    Some(location(previous.line, after))
}

#[cfg(test)]
mod tests {
    use super::{is_under, labels};
    use xxgk_check::Checker;

    #[test]
    fn a_pointer_is_under_itself_and_its_parents_only() {
        assert!(is_under("/applications/results", "/applications"));
        assert!(is_under("/applications", "/applications"));
        assert!(!is_under("/applications_extra", "/applications"));
        assert!(!is_under("/applications", "/applications/results"));
    }

    #[test]
    fn a_group_is_named_by_the_labels_its_cells_share() {
        let checker = Checker::new().unwrap();
        let (zh, en) = labels(&checker, "/review_litigation");
        assert_eq!(zh, "四、政府信息公开行政复议、行政诉讼情况");
        assert!(en.starts_with("IV."), "{en}");
        let (zh, _) = labels(&checker, "/applications/results/other/fee_unpaid");
        assert!(
            zh.ends_with(
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
            ),
            "{zh}"
        );
        // Not a cell of a table: named by the schema's labels, as a table cell is.
        let (zh, en) = labels(&checker, "/metadata/organ/name");
        assert!(zh.contains("机关") && !zh.contains('/'), "{zh}");
        assert!(!en.contains('/'), "{en}");
        let (zh, _) = labels(&checker, "/overview/text");
        assert!(zh.starts_with("一、总体情况"), "{zh}");
        // Not a node of the schema at all: its pointer.
        assert_eq!(labels(&checker, "/nowhere").0, "/nowhere");
    }
}
