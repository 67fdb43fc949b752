//! A document is checked under the edition it names: a 2019 report under the 2019 rules, a
//! 2021 report under 2021's, one naming neither under 2021 (whose schema says so).

use std::path::Path;

use xxgk_check::{Checker, Format, Kind};
use xxgk_model::{STANDARD_2019, STANDARD_2021};

fn read(relative: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(relative),
    )
    .expect("readable")
}

/// (rule, pointer) of every finding (notes of identities not evaluable left out).
fn findings(checker: &Checker, text: &str, format: Format) -> Vec<(String, String)> {
    checker
        .check_text(text, format)
        .expect("parses")
        .diagnostics
        .into_iter()
        .filter(|d| d.kind != Kind::NotEvaluable)
        .map(|d| (d.rule, d.pointer))
        .collect()
}

#[test]
fn a_2019_report_is_checked_under_the_2019_rules() {
    let checker = Checker::new().expect("standard");
    let base = read("conformance/base/realistic-2019.json");
    assert_eq!(findings(&checker, &base, Format::Json), []);
    // The same report as YAML (JSON is YAML) takes the same path.
    assert_eq!(findings(&checker, &base, Format::Yaml), []);
    // R2 over the single （六）其他处理 row, named in 2019's terms.
    let broken = base.replacen("\"natural_person\": 15,", "\"natural_person\": 16,", 1);
    assert_ne!(broken, base);
    let outcome = checker.check_text(&broken, Format::Json).expect("parses");
    let r2 = outcome
        .diagnostics
        .iter()
        .find(|d| d.rule == "R2")
        .expect("R2 fires");
    assert!(r2.message_zh.contains("（六）"), "{}", r2.message_zh);
    // Under the 2021 edition alone the same report is of another edition.
    let only_2021 = Checker::for_standard(&STANDARD_2021).expect("standard");
    assert!(
        findings(&only_2021, &base, Format::Json)
            .contains(&("S8".to_owned(), "/edition".to_owned()))
    );
    assert_eq!(
        checker
            .for_document(&serde_json::json!({"edition": "2019"}))
            .standard()
            .edition,
        STANDARD_2019.edition
    );
}

#[test]
fn a_document_naming_no_known_edition_is_checked_under_2021() {
    let checker = Checker::new().expect("standard");
    let example = read("examples/jingyue-2024.json");
    assert_eq!(findings(&checker, &example, Format::Json), []);
    let unknown = example.replacen("\"edition\": \"2021\"", "\"edition\": \"2018\"", 1);
    assert_eq!(
        findings(&checker, &unknown, Format::Json),
        [("S8".to_owned(), "/edition".to_owned())]
    );
    let missing = example.replacen("\"edition\": \"2021\",", "", 1);
    assert_eq!(
        findings(&checker, &missing, Format::Json),
        [("S1".to_owned(), "/edition".to_owned())]
    );
}

/// The real 2020 report of seed 002 prints blanks where the 2019 template has cells: under the
/// 2019 rules every finding is a missing cell (a blank is not a 0), at a 2019 pointer, and no
/// identity is evaluated on a cell it does not have.
#[test]
fn the_real_2019_example_has_only_its_blank_cells_missing() {
    let checker = Checker::new().expect("standard");
    let text = read("examples/real/huizhan-2020-2019.json");
    let found = findings(&checker, &text, Format::Json);
    assert!(!found.is_empty());
    assert!(found.iter().all(|(rule, _)| rule == "S1"), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(_, p)| p == "/active_disclosure/other_services")
    );
    assert!(
        found
            .iter()
            .any(|(_, p)| p == "/applications/results/other/natural_person")
    );
}
