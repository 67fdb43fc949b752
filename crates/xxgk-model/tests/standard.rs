//! The standard's own invariants: the cell inventory, the catalogue, and the bundled examples.

use std::path::{Path, PathBuf};

use xxgk_model::catalogue::Catalogue;
use xxgk_model::{AnnualReport, CELLS, CellKind, RULES_JSON, SCHEMA_JSON};

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn examples(ext: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .expect("examples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
}

#[test]
fn the_template_has_exactly_200_cells() {
    assert_eq!(CELLS.len(), 200);
    let in_table = |t: &str| CELLS.iter().filter(|c| c.table == t).count();
    assert_eq!(
        (in_table("表二"), in_table("表三"), in_table("表四")),
        (10, 175, 15)
    );
    let decimals: Vec<&str> = CELLS
        .iter()
        .filter(|c| c.kind == CellKind::Decimal)
        .map(|c| c.pointer)
        .collect();
    assert_eq!(decimals, ["/active_disclosure/fees/amount_wan_yuan"]);
    let mut pointers: Vec<&str> = CELLS.iter().map(|c| c.pointer).collect();
    pointers.sort_unstable();
    pointers.dedup();
    assert_eq!(pointers.len(), 200, "cell pointers are unique");
}

#[test]
fn cells_carry_their_verbatim_label_paths() {
    let total = CELLS
        .iter()
        .find(|c| c.pointer == "/applications/results/total/natural_person")
        .expect("cell exists");
    assert_eq!(
        total.label_path(),
        "三、收到和处理政府信息公开申请情况 › 三、本年度办理结果 › （七）总计 › 自然人"
    );
    let org = CELLS
        .iter()
        .find(|c| c.pointer == "/applications/carried_over/legal_service_org")
        .expect("cell exists");
    assert_eq!(
        org.label_path(),
        "三、收到和处理政府信息公开申请情况 › 二、上年结转政府信息公开申请数量 › 法人或其他组织 › 法律服务机构"
    );
    let fee = CELLS
        .iter()
        .find(|c| c.kind == CellKind::Decimal)
        .expect("fee cell");
    assert_eq!(fee.unit, "万元");
    assert!(
        fee.label_path()
            .ends_with("第二十条第（八）项 › 行政事业性收费 › 本年收费金额（单位：万元）")
    );
}

#[test]
fn the_catalogue_expands_to_the_42_identities_of_r1_to_r4() {
    let catalogue = Catalogue::from_json(RULES_JSON).expect("catalogue parses");
    let identities = catalogue.identities().expect("catalogue expands");
    let count = |id: &str| identities.iter().filter(|i| i.rule.id == id).count();
    assert_eq!(
        [count("R1"), count("R2"), count("R3"), count("R4")],
        [7, 7, 25, 3]
    );
    for identity in &identities {
        for pointer in identity.lhs.iter().chain(&identity.rhs) {
            assert!(
                CELLS
                    .iter()
                    .any(|c| c.pointer == pointer && c.kind == CellKind::Count),
                "{}: {pointer} is not a count cell",
                identity.rule.id
            );
        }
    }
    let r2_total = identities
        .iter()
        .find(|i| i.rule.id == "R2" && i.bindings[0].1.key == "total")
        .expect("R2 total");
    assert_eq!(r2_total.rhs.len(), 21);
}

#[test]
fn examples_are_valid_against_the_published_schema() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA_JSON).expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let json = examples("json");
    let yaml = examples("yaml");
    assert!(!json.is_empty() && !yaml.is_empty());
    for path in json.iter().chain(&yaml) {
        let text = std::fs::read_to_string(path).expect("readable example");
        let value: serde_json::Value = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).expect("example is JSON")
        } else {
            serde_saphyr::from_str(&text).expect("example is YAML")
        };
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        let report: AnnualReport =
            serde_json::from_value(value.clone()).expect("valid example deserializes");
        assert_eq!(
            serde_json::to_value(&report).expect("serializes"),
            value,
            "{} round-trips",
            path.display()
        );
    }
}

#[test]
fn the_yaml_example_is_the_json_example() {
    let dir = examples_dir();
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("jingyue-2024.json")).expect("json example"),
    )
    .expect("json");
    let yaml: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(dir.join("jingyue-2024.yaml")).expect("yaml example"),
    )
    .expect("yaml");
    assert_eq!(json, yaml);
}

#[test]
fn the_fee_round_trips_exactly_as_published() {
    let text = std::fs::read_to_string(examples_dir().join("jingyue-2024.json")).expect("example");
    let report: AnnualReport = serde_json::from_str(&text).expect("example parses");
    assert_eq!(
        report.active_disclosure.fees.amount_wan_yuan.as_str(),
        "1032.60994"
    );
    let again = serde_json::to_string(&report).expect("serializes");
    assert!(again.contains(r#""amount_wan_yuan":"1032.60994""#));
}
