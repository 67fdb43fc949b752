//! The content rules of the catalogue (`content_rules`): the prose and metadata of a report
//! against its tables. The catalogue declares the instances; each kind of check (`check`) is
//! evaluated here as `schema/README.md` ("Content rules") specifies. Every finding is a
//! warning, and each check is silent when a value it needs is absent or unreadable.

mod prose;

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr as _;

use serde_json::Value;
use xxgk_catalogue::{Catalogue, ContentRule, Text, placeholders};
use xxgk_model::{AnnualReport, Date, Decimal};

use crate::diagnostic::{Diagnostic, Kind, Lang, Severity};
use crate::names::Names;
use prose::{Stated, Topic};

/// The kinds of check, by their name in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    ProcessingFees,
    FeeUnpaidNotices,
    ProseNumbers,
    ReportPeriod,
    /// A prose section that says nothing: the section's text is the rule's only `reads`.
    EmptySection(Section),
}

impl Check {
    fn of(name: &str, reads: &[String]) -> Option<Self> {
        Some(match name {
            "processing-fees" => Self::ProcessingFees,
            "fee-unpaid-notices" => Self::FeeUnpaidNotices,
            "prose-numbers" => Self::ProseNumbers,
            "report-period" => Self::ReportPeriod,
            "empty-section" => match reads {
                [pointer] => Self::EmptySection(Section::of(pointer)?),
                _ => return None,
            },
            _ => return None,
        })
    }

    /// The message keys of the kind, each with the placeholders its template may use.
    fn messages(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Self::ProcessingFees => &[
                ("not_stated", &[]),
                ("collected_above_notified", &["collected", "notified"]),
                ("amount_without_notices", &["amount"]),
            ],
            Self::FeeUnpaidNotices => &[("exceeds", &["fee_unpaid", "notices", "carried_over"])],
            Self::ProseNumbers => &[(
                "disagrees",
                &["section", "position", "sentence", "stated", "table"],
            )],
            Self::ReportPeriod => &[
                (
                    "period_year",
                    &["section", "position", "sentence", "stated", "report_year"],
                ),
                ("published_late", &["date", "deadline", "report_year"]),
            ],
            Self::EmptySection(_) => &[("empty", &["text"])],
        }
    }
}

/// The prose sections content rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Preamble,
    Overview,
    Problems,
    Other,
}

impl Section {
    fn of(pointer: &str) -> Option<Self> {
        [Self::Preamble, Self::Overview, Self::Problems, Self::Other]
            .into_iter()
            .find(|s| s.pointer() == pointer)
    }

    fn pointer(self) -> &'static str {
        match self {
            Self::Preamble => "/preamble/text",
            Self::Overview => "/overview/text",
            Self::Problems => "/problems_and_improvements/text",
            Self::Other => "/other_matters/text",
        }
    }

    /// How a message names the section.
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Self::Preamble => lang.pick("引言", "The preamble"),
            Self::Overview => lang.pick("一、总体情况", "Section I"),
            Self::Problems => lang.pick("五、存在的主要问题及改进情况", "Section V"),
            Self::Other => lang.pick("六、其他需要报告的事项", "Section VI"),
        }
    }
}

/// The table cells content rules read, with the short names R12's messages give them.
const CELLS: [(&str, &str, &str); 10] = [
    (
        "/applications/new_received/total",
        "表三 一、本年新收",
        "new applications",
    ),
    (
        "/applications/carried_over/total",
        "表三 二、上年结转",
        "carried over",
    ),
    (
        "/applications/results/granted/total",
        "表三 （一）予以公开",
        "granted",
    ),
    (
        "/applications/results/partially_granted/total",
        "表三 （二）部分公开",
        "partially granted",
    ),
    (
        "/applications/results/total/total",
        "表三 （七）总计",
        "total concluded",
    ),
    (
        "/applications/carried_forward/total",
        "表三 四、结转下年度",
        "carried forward",
    ),
    (
        "/review_litigation/review/total",
        "表四 行政复议总计",
        "reviews",
    ),
    (
        "/review_litigation/litigation_direct/total",
        "表四 未经复议直接起诉总计",
        "lawsuits without review",
    ),
    (
        "/review_litigation/litigation_after_review/total",
        "表四 复议后起诉总计",
        "lawsuits after review",
    ),
    (
        "/applications/results/other/fee_unpaid/total",
        "表三 （六）2.逾期未缴纳费用",
        "fee not paid",
    ),
];
const NEW: usize = 0;
const CARRIED_OVER: usize = 1;
const GRANTED: usize = 2;
const PARTIAL: usize = 3;
const CONCLUDED: usize = 4;
const CARRIED_FORWARD: usize = 5;
const REVIEW: usize = 6;
const DIRECT: usize = 7;
const AFTER_REVIEW: usize = 8;
const FEE_UNPAID: usize = 9;

const NOTICES: &str = "/other_matters/processing_fees/notices_issued";
const NOTICES_AMOUNT: &str = "/other_matters/processing_fees/notices_amount_yuan";
const COLLECTED: &str = "/other_matters/processing_fees/collected_yuan";
const PUBLICATION_DATE: &str = "/metadata/publication_date";

/// The wordings of section 六 that speak of fees at all.
const FEE_WORDS: &[&str] = &["处理费", "收费", "收取", "费用"];
/// What a section that says nothing says (punctuation and whitespace aside).
const NOTHING: &[&str] = &[
    "",
    "无",
    "暂无",
    "没有",
    "无此情况",
    "暂无此情况",
    "无相关情况",
    "暂无相关情况",
];
/// The organ levels whose deadline is 31 January (县级以上人民政府部门, 条例 Art. 49).
const DEPARTMENTS: &[&str] = &[
    "state_council_department",
    "provincial_department",
    "prefecture_department",
    "county_department",
];

/// One content rule, compiled.
#[derive(Debug)]
struct Compiled {
    id: String,
    name: String,
    severity: Severity,
    check: Check,
    messages: BTreeMap<String, Text>,
}

/// The catalogue's content rules, compiled against an edition's cells.
#[derive(Debug)]
pub(crate) struct ContentRules {
    rules: Vec<Compiled>,
    /// The index of each of [`CELLS`] in the edition's cells, if the edition has it.
    cells: [Option<usize>; CELLS.len()],
}

/// A value in a message: the same in both languages, or one per language.
enum Arg {
    Same(String),
    Each(String, String),
}

impl ContentRules {
    /// Compiles the catalogue's content rules; fails on an unknown kind of check, or a message
    /// missing, unknown, or using a placeholder its kind does not give.
    pub(crate) fn compile(
        catalogue: &Catalogue,
        cell_indices: &HashMap<&'static str, usize>,
    ) -> Result<Self, String> {
        // A cell the edition lacks (the 2019 edition's single （六） row) has no value: a rule
        // that reads it is not evaluable there, never evaluated on another cell.
        let cells = CELLS.map(|(pointer, ..)| cell_indices.get(pointer).copied());
        let rules = catalogue
            .content_rules
            .iter()
            .map(compile_rule)
            .collect::<Result<_, _>>()?;
        Ok(Self { rules, cells })
    }

    /// The findings of every content rule on a document's facts and cell counts.
    pub(crate) fn check(
        &self,
        facts: &Facts<'_>,
        counts: &[Option<u64>],
        names: &Names,
    ) -> Vec<Diagnostic> {
        let cell = |i: usize| self.cells[i].and_then(|c| counts.get(c).copied().flatten());
        let mut out = Vec::new();
        for rule in &self.rules {
            let mut fire =
                |key: &str, pointer: &str, related: Vec<String>, args: Vec<(&str, Arg)>| {
                    out.push(rule.diagnostic(key, pointer, related, &args, names));
                };
            match rule.check {
                Check::ProcessingFees => processing_fees(facts, &mut fire),
                Check::FeeUnpaidNotices => {
                    if let (Some(unpaid), Some(notices), Some(carried)) =
                        (cell(FEE_UNPAID), facts.notices_issued, cell(CARRIED_OVER))
                        && u128::from(unpaid) > u128::from(notices) + u128::from(carried)
                    {
                        fire(
                            "exceeds",
                            CELLS[FEE_UNPAID].0,
                            vec![NOTICES.to_owned(), CELLS[CARRIED_OVER].0.to_owned()],
                            vec![
                                ("fee_unpaid", Arg::Same(unpaid.to_string())),
                                ("notices", Arg::Same(notices.to_string())),
                                ("carried_over", Arg::Same(carried.to_string())),
                            ],
                        );
                    }
                }
                Check::ProseNumbers => prose_numbers(facts, &cell, &mut fire),
                Check::ReportPeriod => report_period(facts, &mut fire),
                Check::EmptySection(section) => {
                    if let Some(text) = facts.text(section) {
                        // No more than the longest wording of nothing is read: a section
                        // of prose is not copied to be compared with a few short words.
                        let longest = NOTHING.iter().map(|w| w.chars().count()).max();
                        let said: String = text
                            .chars()
                            .filter(|c| !c.is_whitespace() && !is_punctuation(*c))
                            .take(longest.unwrap_or(0) + 1)
                            .collect();
                        if NOTHING.contains(&said.as_str()) {
                            let text = text.trim().to_owned();
                            fire(
                                "empty",
                                section.pointer(),
                                Vec::new(),
                                vec![("text", Arg::Same(text))],
                            );
                        }
                    }
                }
            }
        }
        out
    }
}

fn compile_rule(rule: &ContentRule) -> Result<Compiled, String> {
    let check = Check::of(&rule.check, &rule.reads).ok_or_else(|| {
        format!(
            "content rule {}: unknown check {:?} (or its reads)",
            rule.id, rule.check
        )
    })?;
    let wanted = check.messages();
    for key in rule.messages.keys() {
        if !wanted.iter().any(|(k, _)| k == key) {
            return Err(format!("content rule {}: unknown message {key}", rule.id));
        }
    }
    for (key, allowed) in wanted {
        let text = rule
            .messages
            .get(*key)
            .ok_or_else(|| format!("content rule {}: no message {key}", rule.id))?;
        for template in [&text.zh, &text.en] {
            if let Some(name) = placeholders(template).find(|p| !allowed.contains(p)) {
                return Err(format!(
                    "content rule {}: unknown placeholder {{{name}}} in message {key}",
                    rule.id
                ));
            }
        }
    }
    Ok(Compiled {
        id: rule.id.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        check,
        messages: rule.messages.clone(),
    })
}

impl Compiled {
    fn diagnostic(
        &self,
        key: &str,
        pointer: &str,
        related: Vec<String>,
        args: &[(&str, Arg)],
        names: &Names,
    ) -> Diagnostic {
        let render = |lang: Lang| {
            let template = self
                .messages
                .get(key)
                .map(|t| lang.pick(&t.zh, &t.en).as_str())
                .unwrap_or_default();
            args.iter().fold(template.to_owned(), |text, (name, arg)| {
                let value = match arg {
                    Arg::Same(v) => v,
                    Arg::Each(zh, en) => lang.pick(zh, en),
                };
                text.replace(&format!("{{{name}}}"), value)
            })
        };
        Diagnostic {
            rule: self.id.clone(),
            name: self.name.clone(),
            severity: self.severity,
            kind: Kind::Rule,
            pointer: pointer.to_owned(),
            related,
            linked: Vec::new(),
            label_path: names.cell(pointer).map(xxgk_model::Cell::label_path),
            expected: None,
            actual: None,
            discrepancy: None,
            root_cause: None,
            message_zh: render(Lang::Zh),
            message_en: render(Lang::En),
            location: None,
        }
    }
}

/// What content rules read of a document, from its typed form or from a JSON value that may
/// not be schema-valid (a value of the wrong type is absent).
#[derive(Debug)]
pub(crate) struct Facts<'a> {
    report_year: Option<u16>,
    publication_date: Option<Date>,
    level: Option<&'a str>,
    texts: [Option<&'a str>; 4],
    notices_issued: Option<u64>,
    /// The notices' amount: as published, and in units of 10^-10 yuan.
    notices_amount: Option<(&'a str, u128)>,
    collected: Option<(&'a str, u128)>,
}

impl<'a> Facts<'a> {
    pub(crate) fn of_report(report: &'a AnnualReport) -> Self {
        let fees = report.other_matters.processing_fees.as_ref();
        let amount = |d: Option<&'a Decimal>| d.map(|d| (d.as_str(), d.scaled_e10()));
        Self {
            report_year: Some(report.metadata.report_year.get()),
            publication_date: report.metadata.publication_date,
            level: report.metadata.organ.level.map(|l| l.as_str()),
            texts: [
                report.preamble.as_ref().map(|p| p.text.as_str()),
                Some(report.overview.text.as_str()),
                Some(report.problems_and_improvements.text.as_str()),
                Some(report.other_matters.text.as_str()),
            ],
            notices_issued: fees.and_then(|f| f.notices_issued),
            notices_amount: amount(fees.and_then(|f| f.notices_amount_yuan.as_ref())),
            collected: amount(fees.and_then(|f| f.collected_yuan.as_ref())),
        }
    }

    /// Reads a document of `edition` (`"2019"` or `"2021"`): its report year only within that
    /// edition's range.
    pub(crate) fn of_value(doc: &'a Value, edition: &str) -> Self {
        let str_at = |p: &str| doc.pointer(p).and_then(Value::as_str);
        let amount = |p: &str| {
            let text = str_at(p)?;
            Some((text, Decimal::from_str(text).ok()?.scaled_e10()))
        };
        let texts = [
            Section::Preamble,
            Section::Overview,
            Section::Problems,
            Section::Other,
        ]
        .map(|s| str_at(s.pointer()));
        Self {
            report_year: doc
                .pointer("/metadata/report_year")
                .and_then(Value::as_u64)
                .and_then(|y| {
                    if edition == xxgk_model::STANDARD_2019.edition {
                        xxgk_model::ReportYear2019::try_from(y)
                            .ok()
                            .map(|y| y.get())
                    } else {
                        xxgk_model::ReportYear::try_from(y).ok().map(|y| y.get())
                    }
                }),
            publication_date: str_at(PUBLICATION_DATE).and_then(|d| Date::from_str(d).ok()),
            level: str_at("/metadata/organ/level"),
            texts,
            notices_issued: doc.pointer(NOTICES).and_then(Value::as_u64),
            notices_amount: amount(NOTICES_AMOUNT),
            collected: amount(COLLECTED),
        }
    }

    fn text(&self, section: Section) -> Option<&'a str> {
        let i = match section {
            Section::Preamble => 0,
            Section::Overview => 1,
            Section::Problems => 2,
            Section::Other => 3,
        };
        self.texts[i]
    }
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "。，、；：！？…“”‘’（）《》【】—·".contains(c)
}

/// R10: the fees stated at all; collected ≤ the notices' amount; no notices, no amount.
fn processing_fees(
    facts: &Facts<'_>,
    fire: &mut impl FnMut(&str, &str, Vec<String>, Vec<(&str, Arg)>),
) {
    let stated = facts.notices_issued.is_some()
        || facts.notices_amount.is_some()
        || facts.collected.is_some();
    // The fee rules apply from reports on 2021: a report year outside the schema's range is
    // no year to judge by.
    if let (Some(text), Some(_)) = (facts.text(Section::Other), facts.report_year)
        && !stated
        && !FEE_WORDS.iter().any(|w| text.contains(w))
    {
        fire(
            "not_stated",
            Section::Other.pointer(),
            Vec::new(),
            Vec::new(),
        );
    }
    if let (Some((collected, c)), Some((notified, n))) = (facts.collected, facts.notices_amount)
        && c > n
    {
        fire(
            "collected_above_notified",
            COLLECTED,
            vec![NOTICES_AMOUNT.to_owned()],
            vec![
                ("collected", Arg::Same(collected.to_owned())),
                ("notified", Arg::Same(notified.to_owned())),
            ],
        );
    }
    if let (Some(0), Some((amount, a))) = (facts.notices_issued, facts.notices_amount)
        && a > 0
    {
        fire(
            "amount_without_notices",
            NOTICES_AMOUNT,
            vec![NOTICES.to_owned()],
            vec![("amount", Arg::Same(amount.to_owned()))],
        );
    }
}

/// The readings of the tables a stated count may mean: each a set of cells summed.
fn readings(topic: Topic) -> &'static [&'static [usize]] {
    match topic {
        Topic::NewReceived => &[&[NEW]],
        Topic::Received => &[&[NEW], &[NEW, CARRIED_OVER]],
        Topic::CarriedOver => &[&[CARRIED_OVER]],
        Topic::Concluded => &[&[CONCLUDED]],
        Topic::Granted => &[&[GRANTED]],
        Topic::PartiallyGranted => &[&[PARTIAL]],
        Topic::CarriedForward => &[&[CARRIED_FORWARD]],
        Topic::Review => &[&[REVIEW]],
        Topic::Litigation => &[&[DIRECT], &[AFTER_REVIEW], &[DIRECT, AFTER_REVIEW]],
    }
}

/// R12: every count section 一 states in a wording read matches one reading of the tables.
fn prose_numbers(
    facts: &Facts<'_>,
    cell: &impl Fn(usize) -> Option<u64>,
    fire: &mut impl FnMut(&str, &str, Vec<String>, Vec<(&str, Arg)>),
) {
    let (Some(text), Some(year)) = (facts.text(Section::Overview), facts.report_year) else {
        return;
    };
    for stated in prose::counts(text, year) {
        let readings = readings(stated.what);
        let sums: Option<Vec<u128>> = readings
            .iter()
            .map(|cells| {
                cells
                    .iter()
                    .map(|&i| cell(i).map(u128::from))
                    .sum::<Option<u128>>()
            })
            .collect();
        // A cell without a value: the stated number cannot be judged.
        let Some(sums) = sums else { continue };
        if sums.contains(&u128::from(stated.value)) {
            continue;
        }
        let table = |lang: Lang| {
            readings
                .iter()
                .zip(&sums)
                .map(|(cells, sum)| {
                    let names: Vec<&str> = cells
                        .iter()
                        .map(|&i| lang.pick(CELLS[i].1, CELLS[i].2))
                        .collect();
                    format!("{} = {sum}", names.join(" + "))
                })
                .collect::<Vec<_>>()
                .join(lang.pick("，或 ", "; or "))
        };
        let mut related: Vec<String> = Vec::new();
        for &i in readings.iter().flat_map(|cells| cells.iter()) {
            if !related.iter().any(|p| p == CELLS[i].0) {
                related.push(CELLS[i].0.to_owned());
            }
        }
        fire(
            "disagrees",
            Section::Overview.pointer(),
            related,
            text_args(
                Section::Overview,
                &stated,
                ("table", table(Lang::Zh), table(Lang::En)),
            ),
        );
    }
}

/// The placeholders of a finding on a sentence, and one more (its name, in zh and en).
fn text_args<T>(
    section: Section,
    stated: &Stated<T>,
    (name, zh, en): (&'static str, String, String),
) -> Vec<(&'static str, Arg)> {
    vec![
        (
            "section",
            Arg::Each(
                section.name(Lang::Zh).to_owned(),
                section.name(Lang::En).to_owned(),
            ),
        ),
        ("position", Arg::Same(stated.position.to_string())),
        ("sentence", Arg::Same(quote(&stated.sentence))),
        ("stated", Arg::Same(stated.written.clone())),
        (name, Arg::Each(zh, en)),
    ]
}

/// A sentence as quoted in a message: at most 120 characters.
fn quote(sentence: &str) -> String {
    const MAX: usize = 120;
    if sentence.chars().count() <= MAX {
        return sentence.to_owned();
    }
    let mut out: String = sentence.chars().take(MAX).collect();
    out.push('…');
    out
}

/// R13: a period stated in the prose is the report year; published by the deadline of the
/// organ's level.
fn report_period(
    facts: &Facts<'_>,
    fire: &mut impl FnMut(&str, &str, Vec<String>, Vec<(&str, Arg)>),
) {
    let Some(year) = facts.report_year else {
        return;
    };
    for section in [Section::Preamble, Section::Overview, Section::Other] {
        let Some(text) = facts.text(section) else {
            continue;
        };
        for stated in prose::periods(text) {
            if stated.value != u64::from(year) {
                let year = year.to_string();
                fire(
                    "period_year",
                    section.pointer(),
                    vec!["/metadata/report_year".to_owned()],
                    text_args(section, &stated, ("report_year", year.clone(), year)),
                );
            }
        }
    }
    let Some(date) = facts.publication_date else {
        return;
    };
    let next = u32::from(year) + 1;
    let published = (u32::from(date.year()), date.month(), date.day());
    // 县级以上人民政府部门 by 31 January; a government, or a level not known, by 31 March.
    let department = facts.level.is_some_and(|l| DEPARTMENTS.contains(&l));
    let deadline = if department { (1, 31) } else { (3, 31) };
    if published > (next, deadline.0, deadline.1) {
        fire(
            "published_late",
            PUBLICATION_DATE,
            vec![
                "/metadata/report_year".to_owned(),
                "/metadata/organ/level".to_owned(),
            ],
            vec![
                ("date", Arg::Same(date.to_string())),
                (
                    "deadline",
                    Arg::Same(format!("{next}-{:02}-{:02}", deadline.0, deadline.1)),
                ),
                ("report_year", Arg::Same(year.to_string())),
            ],
        );
    }
}
