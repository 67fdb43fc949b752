//! A checked report turned into the plain inputs of `xxgk_render::view`, shared by `xxgk render`
//! and the validator page so that both show the same cells and findings.

use xxgk_check::Kind;
use xxgk_document::{Reading, Report, Verdict};
use xxgk_render::view::{self, Finding, ReportView};

/// The view of a checked report, in the template of its edition (2021 or 2019): its values
/// (canonical, or the extraction's partial report), every cell the reader could not read marked
/// with why.
pub fn view_of(report: &Report, lang: xxgk_check::Lang) -> Result<ReportView, String> {
    let mut view = match &report.reading {
        // The extraction names its edition as a canonical document does (`"edition": "2019"`).
        Reading::Extracted(extraction) => ReportView::from_value(&extraction.report),
        Reading::Canonical(format) => {
            // Checked canonical text is always kept (`Report::source`) and parses: the
            // checker read it.
            let text = report.source.as_ref().map_or("", |s| s.text.as_str());
            let value = xxgk_check::parse(text, *format).map_err(|e| e.to_string())?;
            ReportView::from_value(&value)
        }
    };
    for d in &report.outcome.diagnostics {
        if d.kind == Kind::Unread {
            let cells = if d.related.is_empty() {
                std::slice::from_ref(&d.pointer)
            } else {
                &d.related
            };
            for cell in cells {
                view.mark_unread(cell, d.message(lang));
            }
        }
    }
    Ok(view)
}

/// The findings (errors and warnings; notes and unread values are none), each highlighting its
/// own value and every other value it involves: all the cells of a failing identity.
pub fn add_findings(view: &mut ReportView, report: &Report, verdict: Verdict) {
    view.set_verdict(match verdict {
        Verdict::Conformant => view::Verdict::Conformant,
        Verdict::Undetermined => view::Verdict::Undetermined,
        _ => view::Verdict::NotConformant,
    });
    for d in &report.outcome.diagnostics {
        if !d.is_finding() || d.kind == Kind::Unread {
            continue;
        }
        let mut cells = vec![d.pointer.clone()];
        cells.extend(d.related.iter().filter(|p| **p != d.pointer).cloned());
        view.add_finding(Finding {
            rule: d.rule.clone(),
            pointer: d.pointer.clone(),
            cells,
            message_zh: d.message_zh.clone(),
            message_en: d.message_en.clone(),
        });
    }
}
