//! The generator of the synthetic corpus (`xxgk-corpus`): deterministic, realistic reports whose
//! identities are those of a rule catalogue, given as data.
//!
//! Every report starts from `examples/jingyue-2024.json` (its prose and metadata shape) and gets
//! its own organ, year and table cells. The cells are drawn with a realistic spread (most organs
//! receive a handful of applications, a few receive thousands) and then completed through the
//! catalogue's [`Completion`], so that every identity holds: a rule added to the catalogue is
//! honoured with no code change. A chosen share of reports then has one to three cells the
//! identities read bumped, which breaks at least one identity. Report `i` depends only on the
//! catalogue, the seed and `i`.

#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Value, json};
use xxgk_catalogue::{Catalogue, CatalogueError, Completion, Shortfall};
use xxgk_model::{CELLS, CellKind};
use xxgk_render::Layout;

const TEMPLATE: &str = include_str!("../../../examples/jingyue-2024.json");

/// The six applicant columns and their share of applications.
const PARTIES: [(&str, f64); 6] = [
    ("natural_person", 0.86),
    ("commercial_enterprise", 0.08),
    ("research_institution", 0.005),
    ("social_welfare_org", 0.01),
    ("legal_service_org", 0.03),
    ("other_org", 0.015),
];

/// The outcome rows of 表三 (`results/…`) and their share of concluded applications.
const OUTCOMES: [(&str, f64); 21] = [
    ("granted", 0.45),
    ("partially_granted", 0.08),
    ("withheld/state_secret", 0.002),
    ("withheld/prohibited_by_law", 0.004),
    ("withheld/security_stability", 0.002),
    ("withheld/third_party_rights", 0.006),
    ("withheld/internal_affairs", 0.01),
    ("withheld/process_information", 0.015),
    ("withheld/enforcement_case_file", 0.005),
    ("withheld/administrative_inquiry", 0.01),
    ("unable/not_held", 0.18),
    ("unable/needs_creation", 0.03),
    ("unable/still_unclear", 0.02),
    ("not_processed/petition_complaint", 0.04),
    ("not_processed/duplicate", 0.03),
    ("not_processed/publication", 0.005),
    ("not_processed/excessive_repeat", 0.01),
    ("not_processed/confirm_or_reissue", 0.008),
    ("other/no_correction", 0.03),
    ("other/fee_unpaid", 0.001),
    ("other/other", 0.04),
];

const CASE_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
const CASE_OUTCOMES: [&str; 4] = ["upheld", "corrected", "other", "pending"];

const PLACES: [&str; 16] = [
    "东城",
    "海淀",
    "浦东新",
    "越秀",
    "武侯",
    "江北",
    "鼓楼",
    "雁塔",
    "南山",
    "历下",
    "天河",
    "和平",
    "西湖",
    "岳麓",
    "秦淮",
    "金水",
];

const LEVELS: [(&str, &str); 10] = [
    ("state_council_department", "部"),
    ("provincial_government", "省人民政府"),
    ("provincial_department", "省发展和改革委员会"),
    ("prefecture_government", "市人民政府"),
    ("prefecture_department", "市生态环境局"),
    ("county_government", "区人民政府"),
    ("county_department", "区住房和城乡建设局"),
    ("township", "镇人民政府"),
    ("street", "街道办事处"),
    ("development_zone", "经济技术开发区管理委员会"),
];

/// splitmix64: small, fast and good enough for synthetic data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let x = (self.next_u64() >> 11) as f64;
        x / (1u64 << 53) as f64
    }

    /// Uniform in [0, n).
    fn below(&mut self, n: usize) -> usize {
        #[allow(clippy::cast_possible_truncation)]
        let i = (self.next_u64() % n as u64) as usize;
        i
    }

    /// A count near `mean` (±60 %), rounded stochastically so that small means still yield
    /// occasional ones.
    fn count(&mut self, mean: f64) -> u64 {
        let x = mean * (0.4 + 1.2 * self.unit()) + self.unit();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = x.floor() as u64;
        n
    }
}

/// Sets a cell by JSON Pointer (the template holds every count cell, so the path exists).
fn set(doc: &mut Value, pointer: &str, n: u64) {
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = json!(n);
    }
}

fn get(doc: &Value, pointer: &str) -> u64 {
    doc.pointer(pointer).and_then(Value::as_u64).unwrap_or(0)
}

/// Makes the reports of a corpus under one rule catalogue.
#[derive(Debug, Clone)]
pub struct Generator {
    template: Value,
    completion: Completion,
    /// The count cells the identities read, in template order: what a broken report bumps.
    breakable: Vec<&'static str>,
}

impl Generator {
    /// A generator whose reports satisfy every identity of `catalogue`. Fails when the catalogue
    /// does not expand or solve, or reads a cell that is not a count of the report.
    pub fn new(catalogue: &Catalogue) -> Result<Self, CatalogueError> {
        let completion = catalogue.completion()?;
        let counts: BTreeSet<&str> = CELLS
            .iter()
            .filter(|c| c.kind == CellKind::Count)
            .map(|c| c.pointer)
            .collect();
        let read: BTreeSet<&str> = completion.free().chain(completion.determined()).collect();
        if let Some(cell) = read.iter().find(|c| !counts.contains(*c)) {
            return Err(CatalogueError::new(format!(
                "rule catalogue: {cell} is not a count cell of the report"
            )));
        }
        let breakable = CELLS
            .iter()
            .map(|c| c.pointer)
            .filter(|p| read.contains(p))
            .collect();
        let template = serde_json::from_str(TEMPLATE)
            .map_err(|e| CatalogueError::new(format!("the corpus template: {e}")))?;
        Ok(Self {
            template,
            completion,
            breakable,
        })
    }

    /// A generator under the embedded catalogue (`xxgk_model::RULES_JSON`).
    pub fn embedded() -> Result<Self, CatalogueError> {
        Self::new(&Catalogue::from_json(xxgk_model::RULES_JSON)?)
    }

    /// Report `index` of the corpus with this seed, and how many cells were bumped to break it
    /// (none for a consistent report; a share `broken_share` of reports is broken). Fails only
    /// when the catalogue's identities admit no report from the drawn cells (a determined cell
    /// negative however far the cells counting against it are lowered).
    pub fn report(
        &self,
        seed: u64,
        index: usize,
        broken_share: f64,
    ) -> Result<(Value, usize), Shortfall> {
        let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        let mut doc = self.template.clone();

        let year = 2021 + rng.below(4) as u64;
        let (level, suffix) = LEVELS[rng.below(LEVELS.len())];
        let place = PLACES[rng.below(PLACES.len())];
        let name = format!("{place}{suffix}（样本{index}）");
        doc["metadata"]["organ"] = json!({ "name": name, "level": level });
        doc["metadata"]["report_year"] = json!(year);
        doc["metadata"]["source_url"] =
            json!(format!("https://example.gov.cn/xxgk/{year}/{index}"));
        if let Some(Value::String(text)) = doc.pointer_mut("/preamble/text") {
            *text = text
                .replace("长春净月高新技术产业开发区", &name)
                .replace("2024", &year.to_string());
        }

        // Organ size: Pareto-distributed, so most organs are small and a few are very large.
        let size = (5.0 / (1.0 - rng.unit()).powf(1.0 / 0.8)).min(50_000.0);

        // Every count drawn, by pointer; the catalogue's identities then determine some of them.
        let mut drawn: BTreeMap<String, u64> = BTreeMap::new();
        for (key, value) in [
            ("regulations", size / 50.0),
            ("normative_documents", size / 10.0),
        ] {
            let issued = rng.count(value);
            let repealed = rng.count(value / 4.0);
            let in_force = issued + rng.count(value * 5.0);
            let at = format!("/active_disclosure/{key}");
            drawn.insert(format!("{at}/issued"), issued);
            drawn.insert(format!("{at}/repealed"), repealed);
            drawn.insert(format!("{at}/in_force"), in_force);
        }
        for (key, value) in [("licensing", 40.0), ("penalty", 8.0), ("coercion", 0.5)] {
            let n = rng.count(size * value);
            drawn.insert(format!("/active_disclosure/{key}/decisions"), n);
        }
        let fee = rng.below(20) == 0;
        let amount = if fee { rng.below(100_000) } else { 0 };
        doc["active_disclosure"]["fees"]["amount_wan_yuan"] =
            json!(format!("{}.{:02}", amount / 100, amount % 100));

        // 表三, column by column: the outcomes, 上年结转 and 结转下年度; 表四: a few cases, mostly
        // upheld. Under the embedded catalogue these are exactly its free cells.
        for (party, share) in PARTIES {
            let mean = size * share;
            for (outcome, weight) in OUTCOMES {
                let n = rng.count(mean * weight);
                drawn.insert(format!("/applications/results/{outcome}/{party}"), n);
            }
            for row in ["carried_over", "carried_forward"] {
                let n = rng.count(mean * 0.03);
                drawn.insert(format!("/applications/{row}/{party}"), n);
            }
        }
        for group in CASE_GROUPS {
            for (outcome, weight) in CASE_OUTCOMES.iter().zip([0.6, 0.1, 0.2, 0.1]) {
                let n = rng.count(size * 0.01 * weight);
                drawn.insert(format!("/review_litigation/{group}/{outcome}"), n);
            }
        }
        // A catalogue that frees a cell drawn nowhere above (a total) gets a small count there.
        for cell in self.completion.free() {
            if !drawn.contains_key(cell) {
                let n = rng.count(size * 0.01);
                drawn.insert(cell.to_owned(), n);
            }
        }
        for (cell, n) in &drawn {
            set(&mut doc, cell, *n);
        }
        // Caps a cell that counts against a determined one (二 上年结转 against 一 本年新收).
        for (cell, n) in self.completion.complete_lowering(drawn)? {
            set(&mut doc, &cell, n);
        }

        // Breaking: bump one to three cells the identities read up, which their identities see.
        let mut broken = 0;
        if rng.unit() < broken_share && !self.breakable.is_empty() {
            broken = 1 + rng.below(3);
            for _ in 0..broken {
                let pointer = self.breakable[rng.below(self.breakable.len())];
                let n = get(&doc, pointer) + 1 + rng.below(9) as u64;
                set(&mut doc, pointer, n);
            }
        }
        Ok((doc, broken))
    }
}

/// Block-style YAML for a JSON value (strings double-quoted, so amounts stay strings).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    yaml_into(&mut out, value, 0);
    out
}

fn yaml_into(out: &mut String, value: &Value, indent: usize) {
    let pad = "  ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let key = Value::String(key.clone());
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        let _ = writeln!(out, "{pad}{key}:");
                        yaml_into(out, v, indent + 1);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let _ = writeln!(out, "{pad}{key}:");
                        yaml_into(out, v, indent + 1);
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}{key}: {v}");
                    }
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                let _ = writeln!(out, "{pad}-");
                yaml_into(out, v, indent + 1);
            }
        }
        scalar => {
            let _ = writeln!(out, "{pad}{scalar}");
        }
    }
}

/// The published layout of report `index`: the text layouts in turn.
pub fn published_layout(index: usize) -> Layout {
    Layout::TEXT[index % Layout::TEXT.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_check::{Checker, Format};
    use xxgk_render::render;

    fn embedded() -> Generator {
        Generator::embedded().unwrap()
    }

    #[test]
    fn consistent_reports_conform_and_broken_ones_fail() {
        let checker = Checker::new().unwrap();
        let generator = embedded();
        let (mut consistent, mut broken) = (0, 0);
        for index in 0..300 {
            let (doc, bumped) = generator.report(7, index, 0.3).unwrap();
            let json = serde_json::to_string_pretty(&doc).unwrap();
            let outcome = checker.check_text(&json, Format::Json).unwrap();
            let conformant = outcome.tally().conformant();
            assert_eq!(conformant, bumped == 0, "report {index}: {outcome:?}");
            if bumped == 0 {
                consistent += 1;
                // Every finding-free report also has a non-trivial table.
                assert!(
                    doc.pointer("/applications/results/total/total")
                        .unwrap()
                        .is_u64()
                );
            } else {
                broken += 1;
            }
            // The same findings as YAML, at other lines.
            let unlocated = |o: xxgk_check::Outcome| {
                let mut d = o.diagnostics;
                d.iter_mut().for_each(|d| d.location = None);
                d
            };
            let yaml = checker.check_text(&to_yaml(&doc), Format::Yaml).unwrap();
            assert_eq!(
                unlocated(yaml),
                unlocated(outcome),
                "report {index} as YAML"
            );
        }
        assert!(consistent > 150 && broken > 50, "{consistent} {broken}");
    }

    #[test]
    fn reports_are_deterministic_and_spread() {
        let generator = embedded();
        let a = generator.report(42, 5, 0.1).unwrap();
        assert_eq!(a, generator.report(42, 5, 0.1).unwrap());
        assert_ne!(a, generator.report(43, 5, 0.1).unwrap());
        let totals: Vec<u64> = (0..1000)
            .map(|i| {
                get(
                    &generator.report(1, i, 0.0).unwrap().0,
                    "/applications/new_received/total",
                )
            })
            .collect();
        let small = totals.iter().filter(|&&n| n < 50).count();
        let large = totals.iter().filter(|&&n| n > 1000).count();
        assert!(small > 500 && large > 5, "small {small}, large {large}");
    }

    #[test]
    fn published_reports_extract_to_their_tables() {
        let generator = embedded();
        for index in 0..Layout::TEXT.len() {
            let (doc, _) = generator.report(3, index, 0.5).unwrap();
            let layout = published_layout(index);
            let typed = serde_json::from_value(doc.clone()).unwrap();
            let extraction =
                xxgk_extract::extract(&render(&typed, layout), Some(layout.file_name())).unwrap();
            for table in ["active_disclosure", "applications", "review_litigation"] {
                assert_eq!(extraction.report[table], doc[table], "{layout:?} {table}");
            }
        }
    }

    /// The catalogue without its rule `id`.
    fn without(id: &str) -> Catalogue {
        let mut rules: Value = serde_json::from_str(xxgk_model::RULES_JSON).unwrap();
        rules["rules"]
            .as_array_mut()
            .unwrap()
            .retain(|r| r["id"] != id);
        Catalogue::from_json(&rules.to_string()).unwrap()
    }

    #[test]
    fn a_catalogue_that_frees_a_total_gets_it_drawn() {
        // Without R3 (total = the applicant columns), the 总计 column is free but for the two
        // cells R1 and R2 determine in it; the reports still satisfy what is left.
        let catalogue = without("R3");
        let generator = Generator::new(&catalogue).unwrap();
        let checker = Checker::with_catalogue(catalogue).unwrap();
        let mut apart = 0;
        for index in 0..50 {
            let (doc, _) = generator.report(11, index, 0.0).unwrap();
            assert!(checker.check_value(&doc).tally().conformant(), "{index}");
            let total = get(&doc, "/applications/results/granted/total");
            let sum: u64 = PARTIES
                .iter()
                .map(|(p, _)| get(&doc, &format!("/applications/results/granted/{p}")))
                .sum();
            apart += usize::from(total != sum);
        }
        assert!(apart > 10, "{apart}");
    }

    #[test]
    fn a_catalogue_reading_no_count_cell_is_refused() {
        let mut rules: Value = serde_json::from_str(xxgk_model::RULES_JSON).unwrap();
        rules["rules"].as_array_mut().unwrap().push(json!({
            "id": "R90", "name": "fees-are-penalties", "severity": "error", "since": "1.0.0",
            "summary": {"zh": "收费 = 处罚", "en": "fees = penalties"},
            "rationale": "A rule over an amount, which no count can satisfy.",
            "for_each": {},
            "lhs": ["/active_disclosure/fees/amount_wan_yuan"],
            "rhs": ["/active_disclosure/penalty/decisions"],
            "message": {"zh": "{lhs_sum} ≠ {rhs_sum}", "en": "{lhs_sum} ≠ {rhs_sum}"}
        }));
        let catalogue = Catalogue::from_json(&rules.to_string()).unwrap();
        let error = Generator::new(&catalogue).unwrap_err();
        assert!(error.to_string().contains("amount_wan_yuan"), "{error}");
    }
}
