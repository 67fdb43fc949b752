//! Random reports for the verdict tests, drawn as the extractor's round trips draw them
//! (`crates/xxgk-extract/tests/roundtrip.rs`: `figures`, `report`, `with_one_cell_changed`), from
//! an explicit seed so that a failing case is named and rerun by its seed alone.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Value, json};
use xxgk_catalogue::{Catalogue, Completion};

const TEMPLATE: &str = include_str!("../../../../examples/jingyue-2024.json");

/// The six applicant columns of 表三 (the seventh, `total`, is their sum).
const PARTIES: [&str; 6] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
];

/// The 21 result rows of 表三 under `results/`.
const OUTCOMES: [&str; 21] = [
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
const CASE_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];

/// splitmix64: a case is its seed, on every machine and every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x5851_F42D_4C95_7F2D)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Mostly small counts, many zeros, now and then a large one (the round trips' `count`).
    fn wide_count(&mut self) -> u64 {
        match self.below(11) {
            0..4 => 0,
            4..8 => self.below(10),
            8..10 => self.below(1_000),
            _ => self.below(2_000_000),
        }
    }

    /// Counts as real reports print them (the round trips' `real_count`): a city's 表三 总计 row
    /// then runs to 20 digits and more.
    fn real_count(&mut self) -> u64 {
        match self.below(13) {
            0..6 => 0,
            6..10 => self.below(10),
            10..12 => self.below(100),
            _ => self.below(3_000),
        }
    }
}

/// The report of case `seed`: the template's prose and metadata with drawn table cells, every
/// identity holding (表三 and 表四 completed through the catalogue's [`Completion`], which caps
/// 二 上年结转 where 一 本年新收 would be negative). Even seeds draw wide counts, odd seeds real
/// ones.
pub fn report(seed: u64) -> Value {
    static COMPLETION: LazyLock<Completion> = LazyLock::new(|| {
        Catalogue::from_json(xxgk_model::RULES_JSON)
            .and_then(|c| c.completion())
            .expect("the catalogue completes")
    });
    let mut rng = Rng::new(seed);
    let count = |rng: &mut Rng| {
        if seed.is_multiple_of(2) {
            rng.wide_count()
        } else {
            rng.real_count()
        }
    };
    let mut doc: Value = serde_json::from_str(TEMPLATE).expect("the example parses");
    let a: Vec<u64> = (0..9).map(|_| count(&mut rng)).collect();
    let (whole, digits) = (rng.below(200_000), rng.below(6));
    let decimals: String = (0..digits)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    doc["active_disclosure"] = json!({
        "regulations": { "issued": a[0], "repealed": a[1], "in_force": a[2] },
        "normative_documents": { "issued": a[3], "repealed": a[4], "in_force": a[5] },
        "licensing": { "decisions": a[6] },
        "penalty": { "decisions": a[7] },
        "coercion": { "decisions": a[8] },
        "fees": { "amount_wan_yuan": if decimals.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{decimals}")
        } },
    });
    let mut drawn = BTreeMap::new();
    for party in PARTIES {
        let rows = OUTCOMES
            .iter()
            .map(|o| format!("results/{o}"))
            .chain(["carried_over".to_owned(), "carried_forward".to_owned()]);
        for row in rows {
            drawn.insert(format!("/applications/{row}/{party}"), count(&mut rng));
        }
    }
    for group in CASE_GROUPS {
        for outcome in ["upheld", "corrected", "other", "pending"] {
            let n = count(&mut rng);
            drawn.insert(format!("/review_litigation/{group}/{outcome}"), n);
        }
    }
    let cells = COMPLETION
        .complete_lowering(drawn)
        .expect("the drawn cells are the free ones, and carried over can be capped");
    for (cell, n) in cells {
        *doc.pointer_mut(&cell).expect("a cell of the template") = json!(n);
    }
    doc
}

/// The report of case `seed` in the 2019 format (国办公开办函〔2019〕60号, as the round trips'
/// `report_2019` makes it): the 2021 report's drawn figures in the 2019 表二 (signed `本年增/减`,
/// 采购总金额 with its unit), 表三 with the single （六）其他处理 row holding the three 2021 rows'
/// sums, completed through the 2019 catalogue so that every 2019 identity holds.
pub fn report_2019(seed: u64) -> Value {
    static COMPLETION: LazyLock<Completion> = LazyLock::new(|| {
        Catalogue::from_json(xxgk_model::edition_2019::RULES_JSON)
            .and_then(|c| c.completion())
            .expect("the 2019 catalogue completes")
    });
    let mut doc = report(seed);
    let count = |pointer: &str| {
        doc.pointer(pointer)
            .and_then(Value::as_u64)
            .expect("a count")
    };
    let a: Vec<u64> = [
        "regulations/issued",
        "regulations/repealed",
        "regulations/in_force",
        "normative_documents/issued",
        "normative_documents/repealed",
        "normative_documents/in_force",
        "licensing/decisions",
        "penalty/decisions",
        "coercion/decisions",
    ]
    .iter()
    .map(|cell| count(&format!("/active_disclosure/{cell}")))
    .collect();
    let mut drawn = BTreeMap::new();
    for party in PARTIES {
        let mut merged = 0;
        for outcome in OUTCOMES {
            let n = count(&format!("/applications/results/{outcome}/{party}"));
            if outcome.starts_with("other/") {
                merged += n;
            } else {
                drawn.insert(format!("/applications/results/{outcome}/{party}"), n);
            }
        }
        drawn.insert(format!("/applications/results/other/{party}"), merged);
        for row in ["carried_over", "carried_forward"] {
            drawn.insert(
                format!("/applications/{row}/{party}"),
                count(&format!("/applications/{row}/{party}")),
            );
        }
    }
    for group in CASE_GROUPS {
        for outcome in ["upheld", "corrected", "other", "pending"] {
            let cell = format!("/review_litigation/{group}/{outcome}");
            drawn.insert(cell.clone(), count(&cell));
        }
    }
    let fee = doc["active_disclosure"]["fees"]["amount_wan_yuan"]
        .as_str()
        .and_then(|amount| amount.split('.').next())
        .unwrap_or("0")
        .to_owned();
    doc["edition"] = json!("2019");
    doc["metadata"]["report_year"] = json!(2020);
    if let Some(metadata) = doc["metadata"].as_object_mut() {
        metadata.remove("title");
    }
    // The 2019 format reports no processing fees in section 六.
    if let Some(other) = doc["other_matters"].as_object_mut() {
        other.remove("processing_fees");
    }
    let change = |k: usize| a[k] as i64 - a[(k + 1) % 9] as i64;
    doc["active_disclosure"] = json!({
        "regulations": { "newly_made": a[0], "newly_published": a[1], "total_published": a[2] },
        "normative_documents": { "newly_made": a[3], "newly_published": a[4], "total_published": a[5] },
        "licensing": { "previous_items": a[6], "change": change(6), "decisions": a[7] },
        "other_services": { "previous_items": a[8], "change": change(8), "decisions": a[0] },
        "penalty": { "previous_items": a[1], "change": change(1), "decisions": a[2] },
        "coercion": { "previous_items": a[3], "change": change(3), "decisions": a[4] },
        "fees": { "previous_items": a[5], "change": change(5) },
        "procurement": { "items": a[7], "amount": format!("{fee}元") },
    });
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

/// The report with one to three cells of 表三 or 表四 (among `cells`, its edition's) changed
/// (drawn from `seed`), each lowered or raised by 1 to 50 as a publisher's slip would: its own
/// numbers then usually break the identities over those cells (two changes may also cancel out).
pub fn with_cells_changed(report: &Value, seed: u64, cells: &[xxgk_model::Cell]) -> Value {
    let mut rng = Rng::new(seed.rotate_left(32) ^ 0xC0FF_EE00);
    let mut report = report.clone();
    let cells: Vec<&str> = cells
        .iter()
        .map(|c| c.pointer)
        .filter(|p| !p.starts_with("/active_disclosure"))
        .collect();
    for _ in 0..=rng.below(3) {
        let pointer = cells[rng.below(cells.len() as u64) as usize];
        let delta = 1 + rng.below(50);
        let lower = rng.below(2) == 0;
        let cell = report.pointer_mut(pointer).expect("a cell of the report");
        let value = cell.as_u64().expect("a count");
        *cell = json!(if lower && value >= delta {
            value - delta
        } else {
            value + delta
        });
    }
    report
}
