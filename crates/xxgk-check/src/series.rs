//! Series rules (R7–R9): the catalogue's `series_rules` evaluated on reports of one organ for
//! consecutive years, and the grouping of reports into series ([`Checker::assess_series`]).
//!
//! A pair is governed by the series rules of this year's report's edition (the finding is shown
//! in that report, at its cells): a 2019-format report followed by a 2021 one by the 2021
//! catalogue's R7–R9, two 2019-format reports by the 2019 catalogue's R7.
//!
//! A report is read into [`SeriesValues`]: its edition, organ, year and the value of every cell
//! a series rule of any edition reads, by pointer. A cell that is absent (blank, unread, not in that report's edition) or
//! not a valid count has no value, and an instance with such a term is not evaluable: a note,
//! never a finding.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use xxgk_catalogue::{SeriesCell, SeriesIdentity, Year};

use crate::{Checker, Lang, Severity};

/// What a report brings to a series: its organ, year and the cells the series rules read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeriesValues {
    /// `/edition`, when it is a string: whose series rules govern the pair it ends.
    pub edition: Option<String>,
    /// `/metadata/organ/name`, when it is a non-blank string.
    pub organ: Option<String>,
    /// `/metadata/organ/division_code`, when it is a string.
    pub division_code: Option<String>,
    /// `/metadata/report_year`, when it is an integer.
    pub year: Option<i64>,
    /// Every pointer a series rule reads, with its value when it is a valid count.
    values: BTreeMap<String, Option<u64>>,
}

impl SeriesValues {
    /// The pointers the series rules read.
    pub fn pointers(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    /// The value of the cell at `pointer`, when the report has one.
    pub fn value(&self, pointer: &str) -> Option<u64> {
        self.values.get(pointer).copied().flatten()
    }
}

/// One cell of a series instance, in one of the two reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesCellValue {
    /// Which report of the pair: `previous` or `current`.
    pub report: Year,
    /// The year of that report.
    pub year: i64,
    /// The cell's JSON Pointer.
    pub pointer: String,
    /// Its verbatim Chinese label path.
    pub label_path: String,
    /// Its value; `None` when the report has none (the instance is then not evaluable).
    pub value: Option<u64>,
}

/// A series instance that fails, or that could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesFinding {
    /// Stable rule id (`R7`, `R8`, `R9`).
    pub rule: String,
    /// Stable kebab-case rule name.
    pub name: String,
    /// The rule's severity; `info` for an instance that is not evaluable.
    pub severity: Severity,
    /// Whether the instance was evaluated (and failed) or could not be.
    pub evaluable: bool,
    /// The first cell of the instance in this year's report, where the finding is shown.
    pub pointer: String,
    /// Every cell of the instance, left side first, in both reports.
    pub cells: Vec<SeriesCellValue>,
    /// The right-hand sum, when evaluable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The left-hand sum, when evaluable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// The message in Chinese.
    pub message_zh: String,
    /// The message in English.
    pub message_en: String,
}

impl SeriesFinding {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_zh, &self.message_en)
    }

    /// The cells of the other report, last year's, where a finding's related locations are.
    pub fn previous_cells(&self) -> impl Iterator<Item = &SeriesCellValue> {
        self.cells.iter().filter(|c| c.report == Year::Previous)
    }
}

/// A JSON value as a valid count: an integer from 0 to 2^64 − 1, however spelt.
fn count(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        let f = value.as_f64()?;
        // An integral float below 2^64 is a JSON Schema integer and converts exactly.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        (f.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&f)).then_some(f as u64)
    })
}

impl Checker {
    fn series_identities(&self) -> Vec<SeriesIdentity<'_>> {
        // Compiling the checker already expanded them once: this cannot fail here.
        self.catalogue.series_identities().unwrap_or_default()
    }

    /// The checker whose series rules govern a pair ending in a report of `edition`: that
    /// edition's, or this one when it holds none of that name (the edition is unknown).
    fn series_checker(&self, edition: Option<&str>) -> &Self {
        edition.and_then(|e| self.edition(e)).unwrap_or(self)
    }

    /// Reads what a report brings to a series from its JSON value (canonical, or an extraction's
    /// report), whatever its edition: the cells every edition's series rules read (the report
    /// may be last year's under another edition's rules); a pointer it lacks has no value.
    pub fn series_values(&self, doc: &Value) -> SeriesValues {
        let editions: Vec<Vec<SeriesIdentity<'_>>> = std::iter::once(self)
            .chain(&self.others)
            .map(Self::series_identities)
            .collect();
        let values = editions
            .iter()
            .flatten()
            .flat_map(|i| i.lhs.iter().chain(&i.rhs))
            .map(|cell| {
                let value = doc.pointer(&cell.pointer).and_then(count);
                (cell.pointer.clone(), value)
            })
            .collect();
        let text = |pointer: &str| {
            doc.pointer(pointer)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        SeriesValues {
            edition: doc
                .get("edition")
                .and_then(Value::as_str)
                .map(str::to_owned),
            organ: text("/metadata/organ/name"),
            division_code: text("/metadata/organ/division_code"),
            year: doc.pointer("/metadata/report_year").and_then(Value::as_i64),
            values,
        }
    }

    /// Evaluates every series instance of this year's report's edition on last year's and this
    /// year's report: the failing instances, and the instances that could not be evaluated, in
    /// catalogue order. Years missing from the values print as 0; the caller pairs reports by
    /// their years.
    pub fn check_series(
        &self,
        previous: &SeriesValues,
        current: &SeriesValues,
    ) -> Vec<SeriesFinding> {
        let years = (previous.year.unwrap_or(0), current.year.unwrap_or(0));
        let checker = self.series_checker(current.edition.as_deref());
        checker
            .series_identities()
            .iter()
            .filter_map(|identity| checker.evaluate(identity, previous, current, years))
            .collect()
    }

    fn evaluate(
        &self,
        identity: &SeriesIdentity<'_>,
        previous: &SeriesValues,
        current: &SeriesValues,
        (previous_year, current_year): (i64, i64),
    ) -> Option<SeriesFinding> {
        let rule = identity.rule;
        let cell = |c: &SeriesCell| {
            let (values, year) = match c.year {
                Year::Previous => (previous, previous_year),
                Year::Current => (current, current_year),
            };
            SeriesCellValue {
                report: c.year,
                year,
                pointer: c.pointer.clone(),
                label_path: self
                    .names
                    .cell(&c.pointer)
                    .map_or_else(|| c.pointer.clone(), |cell| cell.label_path()),
                value: values.value(&c.pointer),
            }
        };
        let lhs: Vec<SeriesCellValue> = identity.lhs.iter().map(cell).collect();
        let rhs: Vec<SeriesCellValue> = identity.rhs.iter().map(cell).collect();
        let sum = |side: &[SeriesCellValue]| {
            side.iter()
                .map(|c| c.value.map(i128::from))
                .sum::<Option<i128>>()
        };
        let pointer = lhs
            .iter()
            .chain(&rhs)
            .find(|c| c.report == Year::Current)
            .or(lhs.first())
            .map(|c| c.pointer.clone())
            .unwrap_or_default();
        let bound = |template: &str, lang: Lang| {
            let mut out = template
                .replace("{previous_year}", &previous_year.to_string())
                .replace("{current_year}", &current_year.to_string());
            for (var, member) in &identity.bindings {
                out = out.replace(&format!("{{{var}}}"), lang.pick(&member.zh, &member.en));
            }
            out
        };
        let cells: Vec<SeriesCellValue> = lhs.iter().chain(&rhs).cloned().collect();
        // The members the instance is bound to, naming it in a note (`R7（自然人）`).
        let members = |lang: Lang| {
            identity
                .bindings
                .iter()
                .map(|(_, m)| lang.pick(m.zh.as_str(), m.en.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (Some(l), Some(r)) = (sum(&lhs), sum(&rhs)) else {
            let missing: Vec<String> = cells
                .iter()
                .filter(|c| c.value.is_none())
                .map(|c| format!("{} {}", c.year, c.pointer))
                .collect();
            return Some(SeriesFinding {
                rule: rule.id.clone(),
                name: rule.name.clone(),
                severity: Severity::Info,
                evaluable: false,
                pointer,
                cells,
                expected: None,
                actual: None,
                message_zh: format!(
                    "{}（{}）无法判定：缺少 {}",
                    rule.id,
                    members(Lang::Zh),
                    missing.join("、")
                ),
                message_en: format!(
                    "{} ({}) not evaluable: no value for {}",
                    rule.id,
                    members(Lang::En),
                    missing.join(", ")
                ),
            });
        };
        if rule.relation.holds(l, r) {
            return None;
        }
        let message = |template: &str, lang: Lang| {
            let values = |side: &[SeriesCellValue]| {
                side.iter()
                    .map(|c| {
                        // The column alone: the message names the row (the `for_each` member).
                        let zh = c.label_path.rsplit(" › ").next().unwrap_or_default();
                        let en = self.names.cell_index(&c.pointer).map_or("", |i| {
                            let en = self.names.cell_en(i);
                            en.rsplit(", ").next().unwrap_or(en)
                        });
                        let value = c.value.unwrap_or_default();
                        lang.pick(
                            format!("{}年{zh} {value}", c.year),
                            format!("{en} {} {value}", c.year),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            bound(template, lang)
                .replace("{lhs_values}", &values(&lhs))
                .replace("{rhs_values}", &values(&rhs))
                .replace("{lhs_sum}", &l.to_string())
                .replace("{rhs_sum}", &r.to_string())
        };
        Some(SeriesFinding {
            rule: rule.id.clone(),
            name: rule.name.clone(),
            severity: rule.severity,
            evaluable: true,
            pointer,
            cells,
            expected: Some(r.to_string()),
            actual: Some(l.to_string()),
            message_zh: message(&rule.message.zh, Lang::Zh),
            message_en: message(&rule.message.en, Lang::En),
        })
    }
}

/// Why a report takes part in no series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unplaced {
    /// Its organ's name could not be read.
    NoOrgan,
    /// Its report year could not be read.
    NoYear,
    /// Its organ's name matches reports with different division codes, and it has none.
    AmbiguousOrgan,
}

impl Unplaced {
    /// Why, in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Self::NoOrgan => {
                lang.pick("未能读取发布机关名称", "the organ's name could not be read")
            }
            Self::NoYear => lang.pick("未能读取报告年度", "the report year could not be read"),
            Self::AmbiguousOrgan => lang.pick(
                "同名机关有不同的行政区划代码，而本报告没有代码",
                "organs of this name have different division codes and this report has none",
            ),
        }
    }
}

/// Two reports of one organ for consecutive years, and what the series rules found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPair {
    /// Last year's report: its index in the slice given to [`Checker::assess_series`].
    pub previous: usize,
    /// This year's report.
    pub current: usize,
    /// The failing instances (severity of the rule) and those not evaluable (`info`).
    pub findings: Vec<SeriesFinding>,
}

/// The reports of one organ, by year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganSeries {
    /// The organ's name, as its longest spelling among the reports.
    pub organ: String,
    /// Every spelling of the name among the reports, sorted, when there are several.
    pub names: Vec<String>,
    /// The division code, when a report has one.
    pub division_code: Option<String>,
    /// `(year, report index)`, by year, then input order.
    pub reports: Vec<(i64, usize)>,
    /// Years missing between two reports: `(first, last)` missing year, inclusive.
    pub gaps: Vec<(i64, i64)>,
    /// Years with more than one report: named, not compared with anything.
    pub duplicates: Vec<(i64, Vec<usize>)>,
    /// The consecutive-year pairs evaluated.
    pub pairs: Vec<SeriesPair>,
}

/// The reports of an organ, or of one of its division codes: `(year, report index)`.
type Members = Vec<(i64, usize)>;

/// Reports grouped into series by organ, their pairs evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeriesAssessment {
    /// One entry per organ, by organ name.
    pub organs: Vec<OrganSeries>,
    /// Reports in no series, by index, and why.
    pub unplaced: Vec<(usize, Unplaced)>,
}

/// The name of an organ as compared: full-width forms folded to ASCII (as NFKC does for them),
/// ASCII lower-cased, whitespace and punctuation (ASCII, CJK and general) removed.
pub fn normalise_organ(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
            c => Some(c),
        })
        .filter(|&c| {
            !(c.is_whitespace()
                || c.is_ascii_punctuation()
                || matches!(c,
                    '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}'
                    | '\u{2010}'..='\u{205E}' | '\u{00B7}' | '\u{FE30}'..='\u{FE4F}'
                    | '\u{FF5F}'..='\u{FF65}'))
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The higher-level place names a report may put before its organ's name (`淮安市` before
/// `洪泽区人民政府`): a prefix ending in one of these.
const PLACE_ENDINGS: [&str; 6] = ["省", "市", "自治区", "自治州", "盟", "地区"];

/// Whether `long` is `short` with a higher-level place name before it, and `short` still names a
/// place itself (so `淮安市公安局` is never taken for `公安局`).
fn place_prefixed(long: &str, short: &str) -> bool {
    let Some(prefix) = long.strip_suffix(short) else {
        return false;
    };
    let names_place = |s: &str| {
        s.chars()
            .skip(1)
            .any(|c| matches!(c, '省' | '市' | '县' | '区' | '旗' | '州' | '盟'))
    };
    !prefix.is_empty() && PLACE_ENDINGS.iter().any(|e| prefix.ends_with(e)) && names_place(short)
}

/// Maps each normalised name to the name of its organ: itself, or the one longer name among the
/// inputs that is it with a higher-level place before it. A short name two longer names could
/// stand for (`鼓楼区…` beside `南京市鼓楼区…` and `福州市鼓楼区…`) stays apart.
fn fold_names(names: &std::collections::BTreeSet<String>) -> BTreeMap<String, String> {
    let mut by_length: Vec<&String> = names.iter().collect();
    by_length.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let mut folded: BTreeMap<String, String> = BTreeMap::new();
    for name in by_length {
        let targets: std::collections::BTreeSet<&String> = folded
            .iter()
            .filter(|(long, _)| place_prefixed(long, name))
            .map(|(_, organ)| organ)
            .collect();
        let organ = match targets.into_iter().collect::<Vec<_>>().as_slice() {
            [one] => (*one).clone(),
            _ => name.clone(),
        };
        folded.insert(name.clone(), organ);
    }
    folded
}

impl Checker {
    /// Groups reports into series by organ and year and evaluates every consecutive-year pair.
    ///
    /// Organs: names compared after [`normalise_organ`]; a name that is another with a
    /// higher-level place before it is that organ when no other name could be meant; reports
    /// whose division codes differ are different organs, and a report without a code beside
    /// several codes is unplaced. A year with several reports is a duplicate: named, and none of
    /// its reports compared.
    pub fn assess_series(&self, reports: &[SeriesValues]) -> SeriesAssessment {
        let mut assessment = SeriesAssessment::default();
        let names: std::collections::BTreeSet<String> = reports
            .iter()
            .filter_map(|r| r.organ.as_deref().map(normalise_organ))
            .filter(|n| !n.is_empty())
            .collect();
        let folded = fold_names(&names);
        // Organ → division code (or none) → (year, index).
        let mut groups: BTreeMap<&str, BTreeMap<Option<&str>, Members>> = BTreeMap::new();
        for (index, report) in reports.iter().enumerate() {
            let organ = report
                .organ
                .as_deref()
                .map(normalise_organ)
                .and_then(|n| folded.get(&n));
            let (Some(organ), Some(year)) = (organ, report.year) else {
                let why = if organ.is_none() {
                    Unplaced::NoOrgan
                } else {
                    Unplaced::NoYear
                };
                assessment.unplaced.push((index, why));
                continue;
            };
            groups
                .entry(organ.as_str())
                .or_default()
                .entry(report.division_code.as_deref())
                .or_default()
                .push((year, index));
        }
        for codes in groups.into_values() {
            let coded = codes.keys().filter(|c| c.is_some()).count();
            let mut codes: Vec<(Option<&str>, Members)> = codes.into_iter().collect();
            if coded == 1 {
                // One code among the reports: those without one are the same organ.
                let uncoded = codes.iter().position(|(c, _)| c.is_none());
                if let Some(at) = uncoded {
                    let (_, members) = codes.remove(at);
                    if let Some((_, coded)) = codes.first_mut() {
                        coded.extend(members);
                    }
                }
            } else if coded > 1
                && let Some(at) = codes.iter().position(|(c, _)| c.is_none())
            {
                let (_, members) = codes.remove(at);
                assessment.unplaced.extend(
                    members
                        .into_iter()
                        .map(|(_, i)| (i, Unplaced::AmbiguousOrgan)),
                );
            }
            for (code, members) in codes {
                assessment
                    .organs
                    .push(self.organ_series(reports, code, members));
            }
        }
        assessment.unplaced.sort_unstable();
        assessment
    }

    fn organ_series(
        &self,
        reports: &[SeriesValues],
        code: Option<&str>,
        mut members: Vec<(i64, usize)>,
    ) -> OrganSeries {
        members.sort_unstable();
        let mut spellings: Vec<String> = members
            .iter()
            .filter_map(|&(_, i)| reports.get(i)?.organ.clone())
            .collect();
        spellings.sort_unstable();
        spellings.dedup();
        let organ = spellings
            .iter()
            .max_by_key(|n| n.chars().count())
            .cloned()
            .unwrap_or_default();
        let mut by_year: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        for &(year, index) in &members {
            by_year.entry(year).or_default().push(index);
        }
        let years: Vec<(&i64, &Vec<usize>)> = by_year.iter().collect();
        let mut series = OrganSeries {
            organ,
            names: if spellings.len() > 1 {
                spellings
            } else {
                Vec::new()
            },
            division_code: code.map(str::to_owned),
            reports: members,
            gaps: Vec::new(),
            duplicates: by_year
                .iter()
                .filter(|(_, at)| at.len() > 1)
                .map(|(&year, at)| (year, at.clone()))
                .collect(),
            pairs: Vec::new(),
        };
        for window in years.windows(2) {
            let &[(&before, previous), (&after, current)] = window else {
                continue;
            };
            if after - before > 1 {
                series.gaps.push((before + 1, after - 1));
            } else if let ([p], [c]) = (previous.as_slice(), current.as_slice())
                && let (Some(pv), Some(cv)) = (reports.get(*p), reports.get(*c))
            {
                series.pairs.push(SeriesPair {
                    previous: *p,
                    current: *c,
                    findings: self.check_series(pv, cv),
                });
            }
        }
        series
    }
}
