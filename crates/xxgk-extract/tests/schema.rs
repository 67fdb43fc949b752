//! The extractor against the standard: the reports extracted from the real inputs are valid
//! against the published schema (complete ones without a single error, incomplete ones with no
//! error but the missing cells), and a complete one fills the model's 200 cells.

mod common;

use std::fs;

use serde_json::Value;

use common::corpus;

fn validator() -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schema/annual-report-2021.schema.json");
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(path).expect("published schema")).expect("JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

#[test]
fn extracted_reports_follow_the_schema() {
    let validator = validator();
    for (input, complete) in [
        ("seeds/000_7da00491d38016ae.txt", true),
        ("seeds/001_0d7a0b2ecc867495.txt", true),
        ("seeds/003_fe18fb2511738761.txt", true),
        ("seeds/004_6d5913b8bb86481d.txt", false),
        ("realworld/008_huaian_city_2024.txt", true),
        ("realworld/009_hongze_district_2023.txt", false),
        ("realworld/010_hongze_district_2024.txt", false),
    ] {
        let bytes = fs::read(corpus(input)).expect("input");
        let extraction = xxgk_extract::extract(&bytes, None).expect("extracts");
        let errors: Vec<String> = validator
            .iter_errors(&extraction.report)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .filter(|e| complete || !e.contains("is a required property"))
            .collect();
        assert!(errors.is_empty(), "{input}: {errors:#?}");
    }
}

#[test]
fn a_complete_report_fills_every_cell_of_the_model() {
    let bytes = fs::read(corpus("realworld/008_huaian_city_2024.txt")).expect("input");
    let extraction = xxgk_extract::extract(&bytes, None).expect("extracts");
    for pointer in common::all_cells() {
        assert!(extraction.report.pointer(pointer).is_some(), "{pointer}");
    }
}
