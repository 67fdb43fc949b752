//! The five seed reports and the three real reports with hand-made keys: every cell the text
//! contains is extracted correctly, every other cell is explained, provenance points at the text.

mod common;

use std::fs;

use serde_json::{Value, json};
use xxgk_extract::{Edition, ProblemCode, ReadingRule, extract};

use common::{
    APPLICANT_COLUMNS, assert_missing_cells_explained, assert_provenance_points_at_raw, corpus,
    key_cells,
};

const SEEDS: [&str; 5] = [
    "000_7da00491d38016ae",
    "001_0d7a0b2ecc867495",
    "002_55cbf0224f0c879c",
    "003_fe18fb2511738761",
    "004_6d5913b8bb86481d",
];

fn expected_path(seed: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(format!("{seed}.json"))
}

#[test]
fn seeds_match_their_checked_expectations() {
    for seed in SEEDS {
        let path = corpus(&format!("seeds/{seed}.txt"));
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let extraction = extract(&bytes, Some(&format!("{seed}.txt"))).expect("text extracts");
        let actual = json!({
            "edition": extraction.edition,
            "report": extraction.report,
        });
        let expected: Value = serde_json::from_str(
            &fs::read_to_string(expected_path(seed)).expect("expected file exists"),
        )
        .expect("expected file is JSON");
        assert_eq!(actual, expected, "seed {seed}");
        let source = String::from_utf8(bytes).expect("seeds are UTF-8");
        assert_provenance_points_at_raw(&source, &extraction);
        if extraction.edition == Edition::E2021 {
            assert_missing_cells_explained(&extraction);
        }
    }
}

#[test]
fn seed_004_blank_cell_is_missing_not_zero() {
    let bytes = fs::read(corpus("seeds/004_6d5913b8bb86481d.txt")).expect("seed");
    let extraction = extract(&bytes, None).expect("extracts");
    let pointer = "/applications/results/other/fee_unpaid/natural_person";
    assert_eq!(extraction.report.pointer(pointer), None);
    let problem = extraction
        .problems
        .iter()
        .find(|p| p.pointer.as_deref() == Some(pointer))
        .expect("explained");
    assert_eq!(problem.code, ProblemCode::CellBlank);
    assert_eq!(
        extraction
            .report
            .pointer("/applications/results/other/fee_unpaid/total"),
        Some(&json!(0))
    );
    // The only problem of this report.
    assert_eq!(extraction.problems.len(), 1, "{:?}", extraction.problems);
}

#[test]
fn seed_002_is_a_2019_edition_report() {
    let bytes = fs::read(corpus("seeds/002_55cbf0224f0c879c.txt")).expect("seed");
    let extraction = extract(&bytes, None).expect("extracts");
    assert_eq!(extraction.edition, Edition::E2019);
    assert_eq!(extraction.report["edition"], "2019");
    // The single （六）其他处理 row at its 2019 pointer, its blank cells absent, never 0.
    let report = &extraction.report;
    assert_eq!(
        report.pointer("/applications/results/other/total"),
        Some(&json!(0))
    );
    assert_eq!(
        report.pointer("/applications/results/other/no_correction"),
        None
    );
    assert_eq!(
        report.pointer("/applications/new_received/natural_person"),
        None
    );
    let blank = extraction
        .problems
        .iter()
        .find(|p| p.pointer.as_deref() == Some("/applications/new_received/natural_person"))
        .expect("explained");
    assert_eq!(blank.code, ProblemCode::CellBlank);
    // Every value read has its provenance at a pointer of the 2019 edition.
    for p in &extraction.provenance {
        let is_cell = xxgk_model::STANDARD_2019
            .cells
            .iter()
            .any(|c| c.pointer == p.pointer);
        assert!(is_cell || !p.pointer.starts_with("/applications"), "{p:?}");
    }
}

/// Section 六 of a 2019-format report saying it collected no fee stays text: the fee figures are
/// a field of the 2021 edition only, and a 2019 extraction carrying them breaks its schema (S2).
#[test]
fn a_2019_report_carries_no_2021_fee_figures() {
    let text = fs::read_to_string(corpus("seeds/002_55cbf0224f0c879c.txt")).expect("seed");
    let text = text.replacen(
        "六、其他需要报告的事项\n无",
        "六、其他需要报告的事项\n本年度未收取信息处理费。",
        1,
    );
    assert!(text.contains("未收取信息处理费"));
    let extraction = extract(text.as_bytes(), Some("report.txt")).expect("extracts");
    assert_eq!(extraction.edition, Edition::E2019);
    assert_eq!(
        extraction.report["other_matters"],
        json!({ "text": "本年度未收取信息处理费。" })
    );
}

/// The leaves of a JSON document by pointer.
fn leaves(value: &Value, prefix: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                leaves(v, &format!("{prefix}/{key}"), out);
            }
        }
        other => out.push((prefix.to_owned(), other.clone())),
    }
}

/// `examples/real/huizhan-2020-2019.json` is seed 002 in the 2019 edition made by hand: every
/// value the extractor reads equals it, and it reads every value the hand-made form holds.
#[test]
fn seed_002_equals_its_hand_made_2019_form_cell_for_cell() {
    let bytes = fs::read(corpus("seeds/002_55cbf0224f0c879c.txt")).expect("seed");
    let extraction = extract(&bytes, None).expect("extracts");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/real/huizhan-2020-2019.json");
    let by_hand: Value =
        serde_json::from_str(&fs::read_to_string(path).expect("example")).expect("JSON");
    let (mut read, mut expected) = (Vec::new(), Vec::new());
    leaves(&extraction.report, "", &mut read);
    leaves(&by_hand, "", &mut expected);
    for (pointer, value) in &read {
        assert_eq!(by_hand.pointer(pointer), Some(value), "{pointer}");
    }
    let cells_by_hand = expected
        .iter()
        .filter(|(p, _)| {
            xxgk_model::STANDARD_2019
                .cells
                .iter()
                .any(|c| c.pointer == p)
        })
        .count();
    assert_eq!(cells_by_hand, 26, "the hand-made form's cells");
    for (pointer, value) in &expected {
        assert_eq!(extraction.report.pointer(pointer), Some(value), "{pointer}");
    }
}

#[test]
fn seed_003_fee_is_an_exact_decimal_string() {
    let bytes = fs::read(corpus("seeds/003_fe18fb2511738761.txt")).expect("seed");
    let extraction = extract(&bytes, None).expect("extracts");
    assert_eq!(
        extraction
            .report
            .pointer("/active_disclosure/fees/amount_wan_yuan"),
        Some(&json!("1032.60994"))
    );
    assert_eq!(
        extraction.report.pointer("/metadata/report_year"),
        Some(&json!(2024))
    );
}

#[test]
fn realworld_reports_match_their_keys() {
    for name in [
        "008_huaian_city_2024",
        "009_hongze_district_2023",
        "010_hongze_district_2024",
    ] {
        let key: Value = serde_json::from_str(
            &fs::read_to_string(corpus(&format!("realworld/{name}.expected.json"))).expect("key"),
        )
        .expect("key is JSON");
        let bytes = fs::read(corpus(&format!("realworld/{name}.txt"))).expect("report");
        let extraction = extract(&bytes, None).expect("extracts");
        assert_eq!(extraction.edition, Edition::E2021, "{name}");
        assert_eq!(
            extraction.report["metadata"]["report_year"], key["year"],
            "{name}"
        );
        let (cells, merged) = key_cells(&key);
        for (pointer, value) in &cells {
            assert_eq!(
                extraction.report.pointer(pointer),
                Some(value),
                "{name} {pointer}"
            );
        }
        // Both reports printing （六） as one row print it as 0 in every column: each of its
        // three 2021 rows is then 0, read from that row.
        assert_eq!(cells.len(), 200, "{name}");
        if merged {
            for row in ["no_correction", "fee_unpaid", "other"] {
                for col in APPLICANT_COLUMNS {
                    let pointer = format!("/applications/results/other/{row}/{col}");
                    let provenance = extraction
                        .provenance
                        .iter()
                        .find(|p| p.pointer == pointer)
                        .expect("read");
                    assert_eq!(
                        provenance.rules,
                        [ReadingRule::MergedOtherZeroInEachRow],
                        "{name} {pointer}"
                    );
                }
            }
        }
        let unexpected: Vec<_> = extraction.problems.iter().collect();
        assert!(unexpected.is_empty(), "{name}: {unexpected:?}");
        let source = String::from_utf8(bytes).expect("UTF-8");
        assert_provenance_points_at_raw(&source, &extraction);
        assert_missing_cells_explained(&extraction);
    }
}

#[test]
fn realworld_prose_and_fees() {
    let bytes = fs::read(corpus("realworld/008_huaian_city_2024.txt")).expect("report");
    let extraction = extract(&bytes, None).expect("extracts");
    let report = &extraction.report;
    assert_eq!(
        report["metadata"]["title"],
        "淮安市人民政府2024年政府信息公开工作年度报告"
    );
    assert_eq!(report["metadata"]["organ"]["name"], "淮安市人民政府");
    assert_eq!(
        report.pointer("/other_matters/processing_fees/collected_yuan"),
        Some(&json!("3940"))
    );
    let overview = report["overview"]["text"].as_str().expect("overview");
    assert!(overview.starts_with("2024 年，我市坚持"));
    // Wrapped PDF lines are joined into paragraphs; page numbers are gone.
    assert!(overview.contains("认真学习宣传贯彻党的二十大"));
    assert!(!overview.contains("-1-"));
    let problems = report["problems_and_improvements"]["text"]
        .as_str()
        .expect("五");
    assert_eq!(problems.lines().count(), 2);
}
