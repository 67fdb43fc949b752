//! `xxgk check --series`: what each report brings to a series, and the output of the series
//! assessment (organs, years, gaps, duplicates, the findings of R7–R9) in the four formats.
//! Grouping and evaluation are the checker's (`Checker::assess_series`).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{Value, json};
use xxgk_catalogue::Year;
use xxgk_check::{
    Checker, Lang, Location, Locations, OrganSeries, SeriesAssessment, SeriesCellValue,
    SeriesFinding, SeriesValues,
};
use xxgk_document::{Checked, Reading};

use crate::render::{self, Artifact};

/// A report of the run as a member of a series.
#[derive(Debug, Clone)]
pub struct Member {
    /// The name shown in output.
    pub name: String,
    /// The input as SARIF addresses it.
    pub artifact: Artifact,
    /// Its organ, year and the cells the series rules read.
    pub values: SeriesValues,
    /// Where those cells stand in the text the locations refer to.
    locations: HashMap<String, Location>,
}

/// What a checked report brings to a series, with its cells' places; `None` for an input that
/// is no report (it is reported as unreadable already).
pub fn read(
    checker: &Checker,
    checked: &Checked,
) -> Option<(SeriesValues, HashMap<String, Location>)> {
    let Checked::Report(report) = checked else {
        return None;
    };
    match &report.reading {
        Reading::Canonical(format) => {
            let text = &report.source.as_ref()?.text;
            let value = xxgk_check::parse(xxgk_check::strip_bom(text), *format).ok()?;
            let values = checker.series_values(&value);
            let wanted: Vec<&str> = values.pointers().collect();
            let found = Locations::scan(xxgk_check::strip_bom(text), *format, &wanted);
            let locations = wanted
                .iter()
                .filter_map(|&p| Some((p.to_owned(), found.find(p)?)))
                .collect();
            Some((values, locations))
        }
        Reading::Extracted(extraction) => {
            let value = &extraction.report;
            let values = checker.series_values(value);
            let locations = extraction
                .provenance
                .iter()
                .filter(|p| values.pointers().any(|w| w == p.pointer))
                .map(|p| {
                    let at = Location {
                        line: p.line as usize,
                        column: p.column as usize,
                    };
                    (p.pointer.clone(), at)
                })
                .collect();
            Some((values, locations))
        }
    }
}

impl Member {
    /// A member named `name`, at `artifact`.
    pub fn new(
        name: String,
        artifact: Artifact,
        (values, locations): (SeriesValues, HashMap<String, Location>),
    ) -> Self {
        Self {
            name,
            artifact,
            values,
            locations,
        }
    }
}

/// The series of a run, assessed, with its members for naming files and places.
pub struct SeriesOutput {
    assessment: SeriesAssessment,
    members: Vec<Member>,
}

/// Counts over the series of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeriesTally {
    /// Organs with at least one report.
    pub organs: usize,
    /// Consecutive-year pairs evaluated.
    pub pairs: usize,
    /// Failing series instances.
    pub findings: usize,
    /// Missing stretches of years.
    pub gaps: usize,
    /// Years with several reports of one organ.
    pub duplicates: usize,
    /// Reports in no series.
    pub unplaced: usize,
}

impl SeriesOutput {
    /// Groups and evaluates the members.
    pub fn assess(checker: &Checker, members: Vec<Member>) -> Self {
        let values: Vec<SeriesValues> = members.iter().map(|m| m.values.clone()).collect();
        Self {
            assessment: checker.assess_series(&values),
            members,
        }
    }

    /// The totals.
    pub fn tally(&self) -> SeriesTally {
        let organs = &self.assessment.organs;
        SeriesTally {
            organs: organs.len(),
            pairs: organs.iter().map(|o| o.pairs.len()).sum(),
            findings: self.findings(false).count(),
            gaps: organs.iter().map(|o| o.gaps.len()).sum(),
            duplicates: organs.iter().map(|o| o.duplicates.len()).sum(),
            unplaced: self.assessment.unplaced.len(),
        }
    }

    fn member(&self, index: usize) -> Option<&Member> {
        self.members.get(index)
    }

    fn file(&self, index: usize) -> &str {
        self.member(index).map_or("", |m| m.name.as_str())
    }

    /// Every shown finding with its organ and the two reports (previous, current).
    fn findings(
        &self,
        notes: bool,
    ) -> impl Iterator<Item = (&OrganSeries, usize, usize, &SeriesFinding)> {
        self.assessment.organs.iter().flat_map(move |organ| {
            organ.pairs.iter().flat_map(move |pair| {
                pair.findings
                    .iter()
                    .filter(move |f| notes || f.evaluable)
                    .map(move |f| (organ, pair.previous, pair.current, f))
            })
        })
    }

    fn cell_member(&self, previous: usize, current: usize, cell: &SeriesCellValue) -> usize {
        match cell.report {
            Year::Previous => previous,
            Year::Current => current,
        }
    }

    fn location(&self, index: usize, pointer: &str) -> Option<Location> {
        self.member(index)?.locations.get(pointer).copied()
    }

    /// The human-readable block, printed after the files' own diagnostics.
    pub fn human(&self, lang: Lang, notes: bool) -> String {
        let mut out = String::new();
        for organ in &self.assessment.organs {
            let _ = write!(out, "{}{}", lang.pick("系列：", "series: "), organ.organ);
            if let Some(code) = &organ.division_code {
                let _ = write!(out, " ({code})");
            }
            if !organ.names.is_empty() {
                let _ = write!(
                    out,
                    "{}{}",
                    lang.pick("，名称视为同一机关：", "; names taken as one organ: "),
                    organ.names.join(lang.pick("、", ", "))
                );
            }
            out.push('\n');
            for &(year, index) in &organ.reports {
                let _ = writeln!(out, "  {year} {}", self.file(index));
            }
            for &(first, last) in &organ.gaps {
                let years = if first == last {
                    first.to_string()
                } else {
                    format!("{first}–{last}")
                };
                let _ = writeln!(
                    out,
                    "  {}{years}",
                    lang.pick("缺少年度：", "missing year: ")
                );
            }
            for (year, indices) in &organ.duplicates {
                let files: Vec<&str> = indices.iter().map(|&i| self.file(i)).collect();
                let _ = writeln!(
                    out,
                    "  {}",
                    lang.pick(
                        format!(
                            "{year} 年有 {} 份报告，未比较：{}",
                            files.len(),
                            files.join("、")
                        ),
                        format!(
                            "{} reports for {year}, not compared: {}",
                            files.len(),
                            files.join(", ")
                        ),
                    )
                );
            }
            for pair in &organ.pairs {
                let years = (
                    self.member(pair.previous).and_then(|m| m.values.year),
                    self.member(pair.current).and_then(|m| m.values.year),
                );
                let failing = pair.findings.iter().filter(|f| f.evaluable).count();
                let _ = writeln!(
                    out,
                    "  {} {} → {}{}{}",
                    lang.pick("已比较", "compared"),
                    years.0.unwrap_or_default(),
                    years.1.unwrap_or_default(),
                    lang.pick("：", ": "),
                    match failing {
                        0 => lang.pick("无发现".to_owned(), "no finding".to_owned()),
                        n => lang.pick(format!("{n} 个警告"), render::plural(n, "warning")),
                    }
                );
            }
        }
        for &(index, why) in &self.assessment.unplaced {
            let _ = writeln!(
                out,
                "{}{}: {}",
                lang.pick("未编入系列：", "in no series: "),
                self.file(index),
                why.message(lang)
            );
        }
        for (_, previous, current, f) in self.findings(notes) {
            let style = render::severity_style(f.severity);
            let _ = writeln!(
                out,
                "\n{style}{}[{} {}]{style:#}: {}",
                f.severity.as_str(),
                f.rule,
                f.name,
                f.message(lang)
            );
            for cell in &f.cells {
                let index = self.cell_member(previous, current, cell);
                let at = self
                    .location(index, &cell.pointer)
                    .map(|l| format!(":{}:{}", l.line, l.column))
                    .unwrap_or_default();
                let value = cell.value.map_or_else(
                    || lang.pick("无值", "no value").to_owned(),
                    |v| v.to_string(),
                );
                let _ = writeln!(
                    out,
                    "  {DIM}-->{DIM:#} {}{at} ({}) {} = {value}\n   {DIM}={DIM:#} {}",
                    self.file(index),
                    cell.year,
                    cell.pointer,
                    cell.label_path,
                    DIM = render::DIM,
                );
            }
        }
        if !out.is_empty() {
            out.insert(0, '\n');
        }
        out
    }

    fn cell_json(&self, previous: usize, current: usize, cell: &SeriesCellValue) -> Value {
        let index = self.cell_member(previous, current, cell);
        let mut v = json!({
            "report": cell.report,
            "file": self.file(index),
            "year": cell.year,
            "pointer": cell.pointer,
            "label_path": cell.label_path,
            "value": cell.value,
        });
        if let Some(l) = self.location(index, &cell.pointer) {
            v["location"] = json!(l);
        }
        v
    }

    /// JSON Lines: a `series` object per organ, a `series_diagnostic` per finding (and note with
    /// `--notes`), a `series_unplaced` per report in no series.
    pub fn json_lines(&self, lang: Lang, notes: bool) -> String {
        let mut out = String::new();
        let mut line = |v: Value| {
            let _ = writeln!(out, "{v}");
        };
        for organ in &self.assessment.organs {
            line(json!({
                "type": "series",
                "organ": organ.organ,
                "names": organ.names,
                "division_code": organ.division_code,
                "reports": organ.reports.iter().map(|&(year, i)| json!({"year": year, "file": self.file(i)})).collect::<Vec<_>>(),
                "gaps": organ.gaps.iter().map(|&(first, last)| json!({"first": first, "last": last})).collect::<Vec<_>>(),
                "duplicate_years": organ.duplicates.iter().map(|(year, at)| json!({"year": year, "files": at.iter().map(|&i| self.file(i)).collect::<Vec<_>>()})).collect::<Vec<_>>(),
                "pairs": organ.pairs.iter().map(|p| json!({"previous": self.file(p.previous), "current": self.file(p.current), "findings": p.findings.iter().filter(|f| f.evaluable).count()})).collect::<Vec<_>>(),
            }));
        }
        for &(index, why) in &self.assessment.unplaced {
            line(json!({
                "type": "series_unplaced",
                "file": self.file(index),
                "reason": why,
                "message": why.message(lang),
            }));
        }
        for (organ, previous, current, f) in self.findings(notes) {
            line(json!({
                "type": "series_diagnostic",
                "rule": f.rule,
                "name": f.name,
                "severity": f.severity,
                "kind": if f.evaluable { "series_rule" } else { "not_evaluable" },
                "organ": organ.organ,
                "file": self.file(current),
                "pointer": f.pointer,
                "previous": {"file": self.file(previous), "year": self.member(previous).and_then(|m| m.values.year)},
                "current": {"file": self.file(current), "year": self.member(current).and_then(|m| m.values.year)},
                "cells": f.cells.iter().map(|c| self.cell_json(previous, current, c)).collect::<Vec<_>>(),
                "expected": f.expected,
                "actual": f.actual,
                "message": f.message(lang),
            }));
        }
        out
    }

    /// SARIF results: each finding at its cell in this year's report, with every other cell (last
    /// year's report included) as a related location.
    pub fn sarif_results(&self, lang: Lang, notes: bool) -> Vec<Value> {
        self.findings(notes)
            .map(|(organ, previous, current, f)| {
                let place = |index: usize, pointer: &str| {
                    let member = self.member(index);
                    let artifact = member.map(|m| m.artifact.clone()).unwrap_or_default();
                    render::physical_location(&artifact, self.location(index, pointer))
                };
                let related: Vec<Value> = f
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(id, cell)| {
                        let index = self.cell_member(previous, current, cell);
                        json!({
                            "id": id,
                            "physicalLocation": place(index, &cell.pointer),
                            "logicalLocations": [{"fullyQualifiedName": cell.pointer, "kind": "member"}],
                            "message": {"text": format!("{} {} {} = {}", cell.year, self.file(index), cell.label_path, cell.value.map_or_else(|| "-".to_owned(), |v| v.to_string()))},
                        })
                    })
                    .collect();
                let (kind, level) = if f.evaluable {
                    ("fail", render::sarif_level(f.severity))
                } else {
                    ("notApplicable", "none")
                };
                json!({
                    "ruleId": f.rule,
                    "kind": kind,
                    "level": level,
                    "message": {"text": f.message(lang)},
                    "locations": [{
                        "physicalLocation": place(current, &f.pointer),
                        "logicalLocations": [{"fullyQualifiedName": f.pointer, "kind": "member"}],
                    }],
                    "relatedLocations": related,
                    "properties": {
                        "organ": organ.organ,
                        "previous": self.file(previous),
                        "current": self.file(current),
                        "cells": f.cells.iter().map(|c| self.cell_json(previous, current, c)).collect::<Vec<_>>(),
                        "expected": f.expected,
                        "actual": f.actual,
                    },
                })
            })
            .collect()
    }

    /// The series as SARIF run properties: organs, gaps, duplicates and unplaced reports.
    pub fn sarif_properties(&self, lang: Lang) -> Value {
        let lines: Vec<Value> = self
            .json_lines(lang, false)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|v| v["type"] != "series_diagnostic")
            .collect();
        json!({"series": lines})
    }

    /// JUnit: one test case per organ, failing never (series rules are warnings); its findings,
    /// gaps and duplicates in `system-out`. Returns the test cases and their number.
    pub fn junit(&self, lang: Lang) -> (String, usize) {
        let mut out = String::new();
        let findings: Vec<_> = self.findings(false).collect();
        for organ in &self.assessment.organs {
            let mut body = Vec::new();
            for &(first, last) in &organ.gaps {
                body.push(format!("gap: {first}-{last}"));
            }
            for (year, at) in &organ.duplicates {
                let files: Vec<&str> = at.iter().map(|&i| self.file(i)).collect();
                body.push(format!("duplicate year {year}: {}", files.join(", ")));
            }
            for (_, previous, current, f) in
                findings.iter().filter(|(o, ..)| std::ptr::eq(*o, organ))
            {
                let cells: Vec<String> = f
                    .cells
                    .iter()
                    .map(|c| {
                        let index = self.cell_member(*previous, *current, c);
                        format!("{} {} {}", c.year, self.file(index), c.pointer)
                    })
                    .collect();
                body.push(format!(
                    "{}[{}] {} ({})",
                    f.severity.as_str(),
                    f.rule,
                    f.message(lang),
                    cells.join("; ")
                ));
            }
            let _ = write!(
                out,
                "    <testcase classname=\"xxgk.series\" name=\"{}\"",
                render::xml_escape(&organ.organ)
            );
            if body.is_empty() {
                out.push_str("/>\n");
            } else {
                let _ = writeln!(
                    out,
                    ">\n      <system-out>{}</system-out>\n    </testcase>",
                    render::xml_escape(&body.join("\n"))
                );
            }
        }
        (out, self.assessment.organs.len())
    }
}
