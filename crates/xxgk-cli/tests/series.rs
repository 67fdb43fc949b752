//! `xxgk check --series`: reports of one organ checked across years (R7–R9), in every output
//! format, with gaps, duplicate years, other organs and reports in no series.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The realistic base report (2024) of the conformance suite.
fn base() -> Value {
    let text = std::fs::read_to_string(root().join("conformance/base/realistic.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

const COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
];

/// The base as the report of `year` whose 四、结转下年度 is the base's 二、上年结转 and whose
/// documents in force lead to the base's (every series rule holds towards the base).
fn before_base(year: i64) -> Value {
    let mut doc = base();
    doc["metadata"]["report_year"] = json!(year);
    // Another year's report is published, and states its period, for its own year (R13).
    doc["metadata"]["publication_date"] = json!(format!("{}-01-20", year + 1));
    let preamble = doc["preamble"]["text"]
        .as_str()
        .unwrap()
        .replace("2024", &year.to_string());
    doc["preamble"]["text"] = json!(preamble);
    let applications = &mut doc["applications"];
    for column in COLUMNS {
        let carried = applications["carried_over"][column].as_i64().unwrap();
        let forward = applications["carried_forward"][column].as_i64().unwrap();
        let received = applications["new_received"][column].as_i64().unwrap();
        // Carry forward what the base carries over; R1 holds with fewer new applications.
        applications["carried_forward"][column] = json!(carried);
        applications["new_received"][column] = json!(received - (forward - carried));
    }
    doc["active_disclosure"]["regulations"]["in_force"] = json!(6);
    doc["active_disclosure"]["normative_documents"]["in_force"] = json!(15);
    doc
}

/// The base with one more application carried over from last year by natural persons (and one
/// fewer new), so that R1 and R3 still hold and only R7 breaks.
fn base_carrying_one_more() -> Value {
    let mut doc = base();
    let applications = &mut doc["applications"];
    for column in ["natural_person", "total"] {
        let carried = applications["carried_over"][column].as_i64().unwrap();
        let received = applications["new_received"][column].as_i64().unwrap();
        applications["carried_over"][column] = json!(carried + 1);
        applications["new_received"][column] = json!(received - 1);
    }
    doc
}

/// A folder with a series of one organ (2021 twice, 2023, 2024: a gap, a duplicate year and a
/// carry-over mismatch between 2023 and 2024), another organ, and a report without a year.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, doc: &Value| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    };
    write("organ/2021.json", &before_base(2021));
    write("organ/2021-again.json", &before_base(2021));
    write("organ/2023.json", &before_base(2023));
    write("organ/2024.json", &base_carrying_one_more());
    let mut other = base();
    other["metadata"]["organ"]["name"] = json!("长春市朝阳区人民政府");
    other["metadata"]["organ"]["division_code"] = json!("220104");
    write("other.json", &other);
    let mut no_year = base();
    no_year["metadata"]
        .as_object_mut()
        .unwrap()
        .remove("report_year");
    write("no-year.json", &no_year);
    dir
}

fn xxgk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn a_carry_over_mismatch_names_both_reports_and_both_cells() {
    let dir = folder();
    let out = xxgk(
        dir.path(),
        &["check", "--series", "--format", "json", "organ"],
    );
    // Warnings alone do not fail a check.
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let findings: Vec<&Value> = lines
        .iter()
        .filter(|v| v["type"] == "series_diagnostic")
        .collect();
    let at: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["pointer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        at,
        [
            ("R7", "/applications/carried_over/natural_person"),
            ("R7", "/applications/carried_over/total"),
        ]
    );
    for f in findings {
        assert_eq!(
            f["previous"],
            json!({"file": "organ/2023.json", "year": 2023})
        );
        assert_eq!(
            f["current"],
            json!({"file": "organ/2024.json", "year": 2024})
        );
        let cells: Vec<(&str, &str, u64)> = f["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                assert!(c["location"]["line"].as_u64().unwrap() > 0, "{c}");
                assert!(c["label_path"].as_str().unwrap().contains('›'), "{c}");
                (
                    c["file"].as_str().unwrap(),
                    c["pointer"].as_str().unwrap(),
                    c["value"].as_u64().unwrap(),
                )
            })
            .collect();
        let column = f["pointer"].as_str().unwrap().rsplit('/').next().unwrap();
        let (now, then) = if column == "total" { (22, 21) } else { (2, 1) };
        assert_eq!(
            cells,
            [
                (
                    "organ/2024.json",
                    &*format!("/applications/carried_over/{column}"),
                    now
                ),
                (
                    "organ/2023.json",
                    &*format!("/applications/carried_forward/{column}"),
                    then
                ),
            ]
        );
    }
    let series: Vec<&Value> = lines.iter().filter(|v| v["type"] == "series").collect();
    assert_eq!(series.len(), 1);
    assert_eq!(series[0]["gaps"], json!([{"first": 2022, "last": 2022}]));
    assert_eq!(
        series[0]["duplicate_years"],
        json!([{"year": 2021, "files": ["organ/2021-again.json", "organ/2021.json"]}])
    );
    let summary = lines.last().unwrap();
    assert_eq!(
        summary["series"],
        json!({"organs": 1, "pairs": 1, "warnings": 2, "gaps": 1, "duplicate_years": 1, "unplaced": 0})
    );
}

#[test]
fn human_and_json_outputs() {
    let dir = folder();
    for (name, args) in [
        ("series_human_zh", &["check", "--series", "."][..]),
        (
            "series_human_en",
            &["check", "--series", "--lang", "en", "."][..],
        ),
        (
            "series_json",
            &["check", "--series", "--lang", "en", "--format", "json", "."][..],
        ),
    ] {
        let out = xxgk(dir.path(), args);
        // The report without a year is missing a required field: an error.
        assert_eq!(out.status.code(), Some(1), "{name}");
        insta::assert_snapshot!(name, stdout(&out));
    }
}

#[test]
fn sarif_relates_the_other_report_and_junit_lists_each_organ() {
    let dir = folder();
    let out = xxgk(
        dir.path(),
        &["check", "--series", "--format", "sarif", "organ"],
    );
    assert_eq!(out.status.code(), Some(0));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    let r7: Vec<&Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "R7")
        .collect();
    assert_eq!(r7.len(), 2);
    for r in r7 {
        assert_eq!(r["level"], "warning");
        let uri = |l: &Value| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(uri(&r["locations"][0]), "organ/2024.json");
        let related: Vec<String> = r["relatedLocations"]
            .as_array()
            .unwrap()
            .iter()
            .map(uri)
            .collect();
        assert_eq!(related, ["organ/2024.json", "organ/2023.json"]);
        let region = &r["relatedLocations"][1]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() > 0, "{region}");
    }
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"R7") && rules.contains(&"R9"), "{rules:?}");
    assert_eq!(run["properties"]["series"][0]["gaps"][0]["first"], 2022);

    let out = xxgk(
        dir.path(),
        &["check", "--series", "--format", "junit", "organ"],
    );
    assert_eq!(out.status.code(), Some(0));
    let xml = stdout(&out);
    assert!(xml.contains("tests=\"5\""), "{xml}");
    assert!(
        xml.contains(
            "<testcase classname=\"xxgk.series\" name=\"长春净月高新技术产业开发区管理委员会\">"
        ),
        "{xml}"
    );
    assert!(xml.contains("warning[R7]"), "{xml}");
    assert!(xml.contains("duplicate year 2021"), "{xml}");
}

#[test]
fn without_series_nothing_changes() {
    let dir = folder();
    let out = xxgk(dir.path(), &["check", "--format", "json", "organ"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(!text.contains("series"), "{text}");
}

/// The two real reports of 淮安市洪泽区人民政府 (2023 titled 洪泽区人民政府), read from their
/// published text: one organ, 2023 → 2024 compared, every instance evaluable, none failing (both
/// years carry 0 applications; 行政规范性文件 5 in force, then 3 issued, 0 repealed, 8 in force).
#[test]
fn the_two_real_reports_of_one_organ_are_a_series() {
    let out = xxgk(
        &root(),
        &[
            "check",
            "--series",
            "--notes",
            "--format",
            "json",
            "corpus/realworld/009_hongze_district_2023.txt",
            "corpus/realworld/010_hongze_district_2024.txt",
        ],
    );
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let series: Vec<&Value> = lines.iter().filter(|v| v["type"] == "series").collect();
    assert_eq!(series.len(), 1, "{lines:?}");
    assert_eq!(series[0]["organ"], "淮安市洪泽区人民政府");
    assert_eq!(
        series[0]["names"],
        json!(["洪泽区人民政府", "淮安市洪泽区人民政府"])
    );
    assert_eq!(series[0]["pairs"][0]["findings"], 0);
    // With --notes a term without a value would print as a not-evaluable series diagnostic.
    assert!(
        !lines.iter().any(|v| v["type"] == "series_diagnostic"),
        "{lines:?}"
    );
    assert_eq!(
        lines.last().unwrap()["series"],
        json!({"organs": 1, "pairs": 1, "warnings": 0, "gaps": 0, "duplicate_years": 0, "unplaced": 0})
    );
}
