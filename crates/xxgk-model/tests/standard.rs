//! The standard's own invariants: the cell inventory, the catalogue, and the bundled examples.

use std::path::{Path, PathBuf};

use xxgk_catalogue::Catalogue;
use xxgk_model::{AnnualReport, CELLS, Cell, CellKind, RULES_JSON, SCHEMA_JSON, STANDARD_2021};

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

/// The schema's property at `pointer` (its `title`, `x-header`, …), found by walking
/// `properties` and `$ref`s of the published schema.
fn schema_property<'a>(schema: &'a serde_json::Value, pointer: &str) -> &'a serde_json::Value {
    let mut node = schema;
    let mut property = schema;
    for key in pointer.split('/').skip(1) {
        let object = match node.get("$ref").and_then(serde_json::Value::as_str) {
            Some(r) => &schema["$defs"][r.trim_start_matches("#/$defs/")],
            None => node,
        };
        property = &object["properties"][key];
        assert!(property.is_object(), "{pointer}: no property {key}");
        node = property;
    }
    property
}

#[test]
fn the_template_holds_every_cell_once_in_order() {
    let standard = &STANDARD_2021;
    assert!(std::ptr::eq(standard.cells, CELLS.as_slice()));
    let held: Vec<usize> = standard
        .tables
        .iter()
        .flat_map(|t| t.rows)
        .flat_map(|r| r.cells.iter().map(|rc| rc.cell))
        .collect();
    assert_eq!(held, (0..CELLS.len()).collect::<Vec<_>>());
    for table in standard.tables {
        for row in table.rows {
            let mut columns = row.cells.iter().map(|rc| rc.column).peekable();
            while let Some(column) = columns.next() {
                assert!(column < table.columns.len());
                assert!(
                    columns.peek().is_none_or(|&next| next > column),
                    "{}",
                    row.pointer
                );
            }
            for rc in row.cells {
                let cell = &standard.cells[rc.cell];
                let key = table.columns[rc.column].key;
                assert_eq!(cell.pointer, format!("{}/{key}", row.pointer));
                assert_eq!(cell.table, table.number);
                assert!(row.pointer.starts_with(&format!("{}/", table.pointer)));
            }
        }
    }
    let shape: Vec<(&str, usize, usize)> = standard
        .tables
        .iter()
        .map(|t| (t.number, t.rows.len(), t.columns.len()))
        .collect();
    assert_eq!(shape, [("表二", 6, 5), ("表三", 25, 7), ("表四", 3, 5)]);
    for (i, cell) in CELLS.iter().enumerate() {
        assert_eq!(Cell::index_of(cell.pointer), Some(i));
        assert_eq!(standard.cell_indices().get(cell.pointer), Some(&i));
    }
    let places = standard.places();
    assert!(places.iter().all(Option::is_some));
}

#[test]
fn the_template_labels_are_the_schemas_verbatim_titles() {
    let standard = &STANDARD_2021;
    let schema: serde_json::Value = serde_json::from_str(standard.schema_json).unwrap();
    let title = |pointer: &str| schema_property(&schema, pointer)["title"].as_str().unwrap();
    let header = |pointer: &str| schema_property(&schema, pointer)["x-header"].as_str();
    assert_eq!(standard.title, schema["title"]);
    assert_eq!(standard.schema_id, schema["$id"]);
    assert_eq!(standard.schema_version, schema["x-version"]);
    assert_eq!(standard.edition, schema["x-edition"]);
    let headings: Vec<&str> = standard.sections.iter().map(|s| s.heading).collect();
    assert_eq!(
        headings,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
    );
    for section in standard.sections {
        assert_eq!(section.heading, title(section.pointer));
        assert_eq!(
            format!("{}、{}", section.numeral, section.title),
            section.heading
        );
    }
    for table in standard.tables {
        assert_eq!(table.title, title(table.pointer));
        let section = standard.section(table.pointer).unwrap();
        assert_eq!(section.table, Some(table.number));
        for row in table.rows {
            assert_eq!(row.label, title(row.pointer));
            assert_eq!(row.header, header(row.pointer));
            assert!(row.label.starts_with(row.name) && row.label.starts_with(row.short_label));
            for group in row.groups {
                assert_eq!(group.label, title(group.pointer));
                assert!(group.label.starts_with(group.short_label));
                assert!(row.pointer.starts_with(&format!("{}/", group.pointer)));
            }
            for rc in row.cells {
                let column = &table.columns[rc.column];
                let cell = standard.cells[rc.cell].pointer;
                assert_eq!(column.header, title(cell));
                assert_eq!(column.header_group, header(cell));
                assert!(column.header.starts_with(column.short_header));
            }
        }
    }
    for node in standard.nodes {
        let labels = node.labels_zh;
        assert_eq!(labels.last().copied(), Some(title(node.pointer)));
    }
}

#[test]
fn short_labels_follow_the_templates_numbering() {
    let t3 = STANDARD_2021.table("/applications").unwrap();
    let short: Vec<String> = t3
        .rows
        .iter()
        .map(|r| {
            let groups: Vec<&str> = r.groups.iter().map(|g| g.short_label).collect();
            format!("{}{}", groups.concat(), r.short_label)
        })
        .collect();
    assert_eq!(
        short[..6],
        [
            "一、",
            "二、",
            "三、（一）",
            "三、（二）",
            "三、（三）1.",
            "三、（三）2."
        ]
    );
    assert_eq!(short[23..], ["三、（七）", "四、"]);
    assert_eq!(t3.rows[3].name, "（二）部分公开");
    let t2 = STANDARD_2021.table("/active_disclosure").unwrap();
    let fee = t2.rows.last().unwrap();
    assert_eq!(
        (fee.short_label, fee.header),
        ("行政事业性收费", Some("第二十条第（八）项"))
    );
    assert_eq!(t2.columns[4].short_header, "本年收费金额");
    let t4 = STANDARD_2021.table("/review_litigation").unwrap();
    let headers: Vec<Option<&str>> = t4.rows.iter().map(|r| r.header).collect();
    assert_eq!(headers, [None, Some("行政诉讼"), Some("行政诉讼")]);
    let t3_groups: Vec<Option<&str>> = t3.columns.iter().map(|c| c.header_group).collect();
    assert_eq!(
        t3_groups
            .iter()
            .filter(|g| **g == Some("法人或其他组织"))
            .count(),
        5
    );
}
