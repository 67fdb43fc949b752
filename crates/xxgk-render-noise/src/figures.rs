//! Reports for the round trips and the verdict sweep: drawn figures put into the template report
//! (`examples/jingyue-2024.json`) and completed through the rule catalogue, so that every
//! identity holds before a test prints the report in a layout (and perhaps changes cells).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Value, json};
use xxgk_catalogue::{Catalogue, Completion};

const TEMPLATE: &str = include_str!("../../../examples/jingyue-2024.json");

/// The six applicant columns of 表三 (the seventh, `total`, is their sum).
pub const PARTIES: [&str; 6] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
];

/// The 21 result rows of 表三 under `results/`.
pub const OUTCOMES: [&str; 21] = [
    "granted",
    "partially_granted",
    "withheld/state_secret",
    "withheld/prohibited_by_law",
    "withheld/security_stability",
    "withheld/third_party_rights",
    "withheld/internal_affairs",
    "withheld/process_information",
    "withheld/enforcement_case_file",
    "withheld/administrative_inquiry",
    "unable/not_held",
    "unable/needs_creation",
    "unable/still_unclear",
    "not_processed/petition_complaint",
    "not_processed/duplicate",
    "not_processed/publication",
    "not_processed/excessive_repeat",
    "not_processed/confirm_or_reissue",
    "other/no_correction",
    "other/fee_unpaid",
    "other/other",
];

/// The three groups of 表四.
pub const CASE_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];

/// The four outcomes of a 表四 group (the fifth, `total`, is their sum).
pub const CASE_OUTCOMES: [&str; 4] = ["upheld", "corrected", "other", "pending"];

/// The drawn figures of a report; [`report`] completes them so that every identity holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// 表二: the six 规章/行政规范性文件 counts, then 许可, 处罚, 强制.
    pub active: [u64; 9],
    /// The 万元 fee: integer part and decimals as published (possibly none).
    pub fee: (u64, String),
    /// Per applicant column ([`PARTIES`]): the 21 results ([`OUTCOMES`]), 上年结转 and 结转下年度.
    pub parties: [[u64; 23]; 6],
    /// 表四: per group ([`CASE_GROUPS`]), 维持, 纠正, 其他, 尚未审结 ([`CASE_OUTCOMES`]).
    pub cases: [[u64; 4]; 3],
}

/// The rows of 表三 a party's 23 drawn figures stand for, in [`Figures::parties`] order.
fn drawn_rows() -> impl Iterator<Item = String> {
    OUTCOMES
        .iter()
        .map(|o| format!("results/{o}"))
        .chain(["carried_over".to_owned(), "carried_forward".to_owned()])
}

/// The drawn cells of 表四, by pointer.
fn drawn_cases(f: &Figures, drawn: &mut BTreeMap<String, u64>) {
    for (group, column) in CASE_GROUPS.iter().zip(&f.cases) {
        for (outcome, n) in CASE_OUTCOMES.iter().zip(column) {
            drawn.insert(format!("/review_litigation/{group}/{outcome}"), *n);
        }
    }
}

/// The template report with the figures as its 200 cells, every identity holding: 表二 as
/// drawn, the drawn cells of 表三 and 表四 completed through the catalogue's [`Completion`] (which
/// caps 二 上年结转 where 一 本年新收 would be negative).
///
/// # Panics
/// When the embedded template or catalogue is broken (a defect of the repository, not of `f`).
pub fn report(f: &Figures) -> Value {
    static COMPLETION: LazyLock<Completion> = LazyLock::new(|| {
        Catalogue::from_json(xxgk_model::RULES_JSON)
            .and_then(|c| c.completion())
            .expect("the catalogue completes")
    });
    let mut doc: Value = serde_json::from_str(TEMPLATE).expect("the example parses");
    let a = &f.active;
    doc["active_disclosure"] = json!({
        "regulations": { "issued": a[0], "repealed": a[1], "in_force": a[2] },
        "normative_documents": { "issued": a[3], "repealed": a[4], "in_force": a[5] },
        "licensing": { "decisions": a[6] },
        "penalty": { "decisions": a[7] },
        "coercion": { "decisions": a[8] },
        "fees": { "amount_wan_yuan": if f.fee.1.is_empty() {
            f.fee.0.to_string()
        } else {
            format!("{}.{}", f.fee.0, f.fee.1)
        } },
    });
    let mut drawn = BTreeMap::new();
    for (party, column) in PARTIES.iter().zip(&f.parties) {
        for (row, n) in drawn_rows().zip(column) {
            drawn.insert(format!("/applications/{row}/{party}"), *n);
        }
    }
    drawn_cases(f, &mut drawn);
    let cells = COMPLETION
        .complete_lowering(drawn)
        .expect("the drawn cells are the free ones, and carried over can be capped");
    for (cell, n) in cells {
        *doc.pointer_mut(&cell).expect("a cell of the template") = json!(n);
    }
    doc
}

/// The report of the figures in the 2019 format (国办公开办函〔2019〕60号): the 2019 表二 (signed
/// `本年增/减`, 采购总金额 with its unit) filled from the same figures, 表三 with the single
/// （六）其他处理 row holding the three 2021 rows' sums, completed through the 2019 catalogue so
/// that every 2019 identity (R1–R4) holds.
///
/// # Panics
/// When the embedded template or catalogue is broken (a defect of the repository, not of `f`).
pub fn report_2019(f: &Figures) -> Value {
    static COMPLETION: LazyLock<Completion> = LazyLock::new(|| {
        Catalogue::from_json(xxgk_model::edition_2019::RULES_JSON)
            .and_then(|c| c.completion())
            .expect("the 2019 catalogue completes")
    });
    let mut doc = report(f);
    doc["edition"] = json!("2019");
    doc["metadata"]["report_year"] = json!(2020);
    if let Some(metadata) = doc["metadata"].as_object_mut() {
        metadata.remove("title");
    }
    // The 2019 format reports no processing fees in section 六.
    if let Some(other) = doc["other_matters"].as_object_mut() {
        other.remove("processing_fees");
    }
    let a = &f.active;
    let signed = |n: u64| i64::try_from(n).expect("a drawn count fits an i64");
    let change = |k: usize| signed(a[k]) - signed(a[(k + 1) % 9]);
    doc["active_disclosure"] = json!({
        "regulations": { "newly_made": a[0], "newly_published": a[1], "total_published": a[2] },
        "normative_documents": { "newly_made": a[3], "newly_published": a[4], "total_published": a[5] },
        "licensing": { "previous_items": a[6], "change": change(6), "decisions": a[7] },
        "other_services": { "previous_items": a[8], "change": change(8), "decisions": a[0] },
        "penalty": { "previous_items": a[1], "change": change(1), "decisions": a[2] },
        "coercion": { "previous_items": a[3], "change": change(3), "decisions": a[4] },
        "fees": { "previous_items": a[5], "change": change(5) },
        "procurement": { "items": a[7], "amount": format!("{}元", f.fee.0) },
    });
    // The drawn cells at the 2019 pointers; the completion keeps the free ones and derives the
    // rest (totals, 一 本年新收) from them.
    let mut drawn = BTreeMap::new();
    for (party, column) in PARTIES.iter().zip(&f.parties) {
        let mut merged = 0;
        for (row, n) in drawn_rows().zip(column) {
            if row.starts_with("results/other/") {
                merged += n;
            } else {
                drawn.insert(format!("/applications/{row}/{party}"), *n);
            }
        }
        drawn.insert(format!("/applications/results/other/{party}"), merged);
    }
    drawn_cases(f, &mut drawn);
    doc["applications"]["results"]["other"] = json!({});
    let cells = COMPLETION
        .complete_lowering(drawn)
        .expect("the drawn cells are the free ones, and carried over can be capped");
    for (cell, n) in cells {
        let (row, column) = cell.rsplit_once('/').expect("a cell pointer");
        doc.pointer_mut(row).expect("a row of the template")[column] = json!(n);
    }
    doc
}

/// Changes one count of `report` as a publisher's slip would: lowered by `delta` when `lower` and
/// it stays a count, raised by `delta` otherwise. Its identities then usually break.
///
/// # Panics
/// When `pointer` is no count of the report (a defect of the test calling it).
pub fn change_count(report: &mut Value, pointer: &str, delta: u64, lower: bool) {
    let cell = report.pointer_mut(pointer).expect("a cell of the report");
    let value = cell.as_u64().expect("a count");
    *cell = json!(if lower && value >= delta {
        value - delta
    } else {
        value + delta
    });
}

/// Changes the count at `pointer`, a cell of a 表三 row, and its row's 总计 alike by `delta`, as a
/// publisher who fills a cell wrong but adds the row right prints them: the row keeps its 总计
/// identity (R3), the cell's column and the 总计 column break. Lowered when `lower` and the cell
/// stays a count (the 总计, at least the cell, then does too), else raised.
pub fn change_with_row_total(report: &mut Value, pointer: &str, delta: u64, lower: bool) {
    let (row, _) = pointer.rsplit_once('/').expect("a cell of a row");
    let value = report
        .pointer(pointer)
        .and_then(Value::as_u64)
        .expect("a count");
    let lower = lower && value >= delta;
    change_count(report, pointer, delta, lower);
    change_count(report, &format!("{row}/total"), delta, lower);
}

/// What a report's prose says of 表四 ([`with_case_prose`]), as real reports word it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseProse {
    /// Nothing.
    None,
    /// Every figure: 行政复议's total and outcomes, then 行政诉讼's (the sums of its two groups),
    /// as 淮安's report does (`政府信息公开行政复议351件，其中结果维持72件，…`).
    Every,
    /// The two totals (`发生政府信息公开行政复议案件3件、行政诉讼案件2件`).
    Totals,
    /// One litigation outcome (`因政府信息公开引起行政诉讼结果纠正2件`).
    OneOutcome,
    /// The previous year's figures, near this year's (`2023年，政府信息公开行政复议…`).
    PreviousYear,
    /// Cases resolved, which are no figure of the table (`提前化解政府信息公开行政复议案件2起`).
    Resolved,
    /// The totals right and one outcome misstated (a slip of the prose, not of the table).
    Misstated,
}

impl CaseProse {
    /// Every kind, for drawing one.
    pub const ALL: [Self; 7] = [
        Self::None,
        Self::Every,
        Self::Totals,
        Self::OneOutcome,
        Self::PreviousYear,
        Self::Resolved,
        Self::Misstated,
    ];
}

/// `report` with a sentence of its overview stating 表四's figures as `stated` has them (the
/// report itself, or the figures before a misprint changed its table), worded as `prose` says;
/// `nudge` (any number) draws how far the previous year's figures stand from these.
///
/// # Panics
/// When `stated` has no 表四 counts (a defect of the test calling it).
pub fn with_case_prose(report: &Value, stated: &Value, prose: CaseProse, nudge: u64) -> Value {
    let cell = |group: &str, outcome: &str| -> u64 {
        stated["review_litigation"][group][outcome]
            .as_u64()
            .expect("a 表四 count")
    };
    let review = |outcome: &str| cell("review", outcome);
    let litigation = |outcome: &str| {
        cell("litigation_direct", outcome) + cell("litigation_after_review", outcome)
    };
    let sentence = match prose {
        CaseProse::None => return report.clone(),
        CaseProse::Every => format!(
            "政府信息公开行政复议{}件，其中结果维持{}件，结果纠正{}件，其他结果{}件，尚未审结{}件；政府信息公开行政诉讼{}件，其中结果维持{}件，结果纠正{}件，其他结果{}件，尚未审结{}件。",
            review("total"),
            review("upheld"),
            review("corrected"),
            review("other"),
            review("pending"),
            litigation("total"),
            litigation("upheld"),
            litigation("corrected"),
            litigation("other"),
            litigation("pending"),
        ),
        CaseProse::Totals => format!(
            "本年度共发生政府信息公开行政复议案件{}件、行政诉讼案件{}件。",
            review("total"),
            litigation("total")
        ),
        CaseProse::OneOutcome => format!(
            "比如，本年度因政府信息公开引起行政诉讼结果纠正{}件，相关单位均已在法定期限内重新答复。",
            litigation("corrected")
        ),
        CaseProse::PreviousYear => format!(
            "2023年，政府信息公开行政复议{}件，其中结果维持{}件；政府信息公开行政诉讼{}件。",
            review("total") + 1 + nudge % 3,
            review("upheld") + nudge % 2,
            litigation("total").saturating_sub(nudge % 4),
        ),
        CaseProse::Misstated => {
            let outcome = CASE_OUTCOMES[(nudge % 4) as usize];
            let words = ["结果维持", "结果纠正", "其他结果", "尚未审结"][(nudge % 4) as usize];
            format!(
                "政府信息公开行政复议{}件，其中{words}{}件；政府信息公开行政诉讼{}件，其中{words}{}件。",
                review("total"),
                review(outcome) + 1,
                litigation("total"),
                litigation(outcome).saturating_sub(1),
            )
        }
        CaseProse::Resolved => format!("三是提前化解政府信息公开行政复议案件{}起。", 1 + nudge % 5),
    };
    let mut report = report.clone();
    let text = report["overview"]["text"].as_str().unwrap_or_default();
    report["overview"]["text"] = json!(format!("{text}{sentence}"));
    report
}
