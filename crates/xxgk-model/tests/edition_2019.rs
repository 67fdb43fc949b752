//! The 2019 edition's invariants: its cells and template as the 2019 format prints them, the
//! definitions it shares with 2021, and a 2019 report's exact round trip through its types.

use std::path::Path;

use xxgk_catalogue::Catalogue;
use xxgk_model::edition_2019::{AnnualReport, CELLS, RULES_JSON, SCHEMA_JSON};
use xxgk_model::{CellKind, CellValue, STANDARD_2019, STANDARD_2021};

fn base() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance/base/realistic-2019.json");
    std::fs::read_to_string(path).expect("the 2019 base report")
}

/// 表二 22 cells (its own), 表三 23 rows × 7, 表四 15.
#[test]
fn the_2019_template_has_198_cells() {
    let count = |table: &str| CELLS.iter().filter(|c| c.table == table).count();
    assert_eq!((count("表二"), count("表三"), count("表四")), (22, 161, 15));
    assert_eq!(STANDARD_2019.cells.len(), 198);
    let kinds = |kind: CellKind| CELLS.iter().filter(|c| c.kind == kind).count();
    assert_eq!(kinds(CellKind::Signed), 5, "本年增/减 of five rows");
    assert_eq!(kinds(CellKind::Published), 1, "采购总金额");
    assert_eq!(kinds(CellKind::Decimal), 0);
}

/// The extractor reads 表二 of the 2019 format by these labels (`template_2019`): the schema
/// carries them verbatim, headers and columns included.
#[test]
fn table_two_carries_the_2019_labels_verbatim() {
    let table = STANDARD_2019
        .tables
        .iter()
        .find(|t| t.number == "表二")
        .expect("表二");
    let rows: Vec<(&str, Option<&str>)> = table.rows.iter().map(|r| (r.label, r.header)).collect();
    assert_eq!(
        rows,
        [
            ("规章", Some("第二十条第（一）项")),
            ("规范性文件", Some("第二十条第（一）项")),
            ("行政许可", Some("第二十条第（五）项")),
            ("其他对外管理服务事项", Some("第二十条第（五）项")),
            ("行政处罚", Some("第二十条第（六）项")),
            ("行政强制", Some("第二十条第（六）项")),
            ("行政事业性收费", Some("第二十条第（八）项")),
            ("政府集中采购", Some("第二十条第（九）项")),
        ]
    );
    let headers: Vec<&str> = table.columns.iter().map(|c| c.header).collect();
    assert_eq!(
        headers,
        [
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "上一年项目数量",
            "本年增/减",
            "处理决定数量",
            "采购项目数量",
            "采购总金额",
        ]
    );
}

/// 表三 has one （六）其他处理 row, a row of cells; 表四 is 2021's.
#[test]
fn table_three_has_one_other_row_and_table_four_is_2021s() {
    let rows = |standard: &'static xxgk_model::Standard, number: &str| {
        standard
            .tables
            .iter()
            .find(|t| t.number == number)
            .map(|t| {
                t.rows
                    .iter()
                    .map(|r| (r.pointer, r.label))
                    .collect::<Vec<_>>()
            })
            .expect("table")
    };
    let three = rows(&STANDARD_2019, "表三");
    assert_eq!(three.len(), 23);
    assert!(three.contains(&("/applications/results/other", "（六）其他处理")));
    assert_eq!(rows(&STANDARD_2019, "表四"), rows(&STANDARD_2021, "表四"));
}

#[test]
fn the_2019_catalogue_expands_to_40_identities() {
    let catalogue = Catalogue::from_json(RULES_JSON).expect("catalogue");
    assert_eq!(catalogue.edition, "2019");
    let identities = catalogue.identities().expect("expands");
    let count = |id: &str| identities.iter().filter(|i| i.rule.id == id).count();
    assert_eq!(
        (count("R1"), count("R2"), count("R3"), count("R4")),
        (7, 7, 23, 3)
    );
    let r2 = identities.iter().find(|i| i.rule.id == "R2").expect("R2");
    assert_eq!(r2.rhs.len(), 19, "R2 over the 19 outcome rows (spec R14)");
    assert!(
        r2.rhs
            .iter()
            .any(|p| p.starts_with("/applications/results/other/"))
    );
}

/// The published schema stands alone: the definitions imported from 2021 are copied in.
#[test]
fn the_published_2019_schema_stands_alone() {
    assert!(!SCHEMA_JSON.contains("annual-report-2021.schema.yaml"));
    let schema: serde_json::Value = serde_json::from_str(SCHEMA_JSON).expect("JSON");
    let shared: serde_json::Value =
        serde_json::from_str(xxgk_model::SCHEMA_JSON).expect("2021 JSON");
    for name in [
        "metadata",
        "applicant_row",
        "case_outcomes",
        "withheld_results",
    ] {
        assert_eq!(schema["$defs"][name], shared["$defs"][name], "{name}");
    }
    assert_ne!(
        schema["$defs"]["report_year"],
        shared["$defs"]["report_year"]
    );
}

/// A 2019 report is valid against its schema, deserializes into its types and serializes back
/// to the same value: signed changes and the amount with its unit exact.
#[test]
fn a_2019_report_round_trips_exactly() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA_JSON).expect("schema");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiles");
    let value: serde_json::Value = serde_json::from_str(&base()).expect("JSON");
    assert!(validator.is_valid(&value));
    let report: AnnualReport = serde_json::from_value(value.clone()).expect("typed");
    assert_eq!(serde_json::to_value(&report).expect("serializes"), value);
    assert_eq!(report.active_disclosure.licensing.change, -3);
    let amount = &report.active_disclosure.procurement.amount;
    assert_eq!((amount.number(), amount.unit()), ("251000", Some("元")));
    let values = report.cell_values();
    let at = |pointer: &str| {
        CELLS
            .iter()
            .position(|c| c.pointer == pointer)
            .and_then(|i| values.get(i).copied())
    };
    assert_eq!(
        at("/active_disclosure/other_services/change"),
        Some(CellValue::Signed(1036))
    );
    assert_eq!(
        at("/applications/results/other/total"),
        Some(CellValue::Count(report.applications.results.other.total))
    );
}

/// A 2021 report is not a 2019 one, and the reverse.
#[test]
fn the_editions_do_not_read_each_other() {
    let example = include_str!("../../../examples/jingyue-2024.json");
    assert!(serde_json::from_str::<AnnualReport>(example).is_err());
    assert!(serde_json::from_str::<xxgk_model::AnnualReport>(&base()).is_err());
}
