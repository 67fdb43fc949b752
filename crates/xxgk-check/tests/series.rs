//! Series rules on pairs of reports, and the grouping of reports into series: organ names,
//! division codes, gaps, duplicate years, terms without a value.

use serde_json::{Value, json};
use xxgk_check::{Checker, SeriesValues, Unplaced, normalise_organ};

fn base() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../conformance/base/realistic.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A report of `organ` for `year` whose 表三 carries over and forward `carry` in every column
/// and whose 规章 are `issued`, `repealed`, `in_force` (R1 does not matter here), with 18
/// 行政规范性文件 in force every year.
fn report(organ: &str, code: Option<&str>, year: i64, carry: u64, rules: [u64; 3]) -> Value {
    let mut doc = base();
    doc["metadata"]["organ"]["name"] = json!(organ);
    match code {
        Some(code) => doc["metadata"]["organ"]["division_code"] = json!(code),
        None => {
            doc["metadata"]["organ"]
                .as_object_mut()
                .unwrap()
                .remove("division_code");
        }
    }
    doc["metadata"]["report_year"] = json!(year);
    for row in ["carried_over", "carried_forward"] {
        for (_, cell) in doc["applications"][row].as_object_mut().unwrap() {
            *cell = json!(carry);
        }
    }
    let [issued, repealed, in_force] = rules;
    doc["active_disclosure"]["regulations"] =
        json!({"issued": issued, "repealed": repealed, "in_force": in_force});
    // The same 行政规范性文件 every year: R8 and R9 hold for them.
    doc["active_disclosure"]["normative_documents"] =
        json!({"issued": 0, "repealed": 0, "in_force": 18});
    doc
}

fn values(checker: &Checker, docs: &[Value]) -> Vec<SeriesValues> {
    docs.iter().map(|d| checker.series_values(d)).collect()
}

/// (rule, pointer, evaluable) of every finding and note of a pair.
fn pair(checker: &Checker, previous: &Value, current: &Value) -> Vec<(String, String, bool)> {
    let [p, c] = [previous, current].map(|d| checker.series_values(d));
    checker
        .check_series(&p, &c)
        .into_iter()
        .map(|f| (f.rule, f.pointer, f.evaluable))
        .collect()
}

#[test]
fn consistent_years_are_silent_and_each_relation_fires() {
    let checker = Checker::new().unwrap();
    let before = report("某机关", None, 2023, 0, [1, 0, 5]);
    // 5 in force + 2 issued − 1 repealed = 6.
    let after = report("某机关", None, 2024, 0, [2, 1, 6]);
    assert!(pair(&checker, &before, &after).is_empty());
    // Everything repealed, exactly what was within reach: R9 at its edge, R8 holds.
    let all_gone = report("某机关", None, 2024, 0, [2, 7, 0]);
    assert!(pair(&checker, &before, &all_gone).is_empty());
    let too_many = report("某机关", None, 2024, 0, [2, 8, 0]);
    let found = pair(&checker, &before, &too_many);
    let rules: Vec<&str> = found.iter().map(|(r, ..)| r.as_str()).collect();
    assert_eq!(rules, ["R8", "R9"]);
    let carried = report("某机关", None, 2024, 1, [2, 1, 6]);
    assert_eq!(
        pair(&checker, &before, &carried).len(),
        7,
        "R7 in every column"
    );
}

#[test]
fn a_term_without_a_value_is_not_evaluable_never_a_finding() {
    let checker = Checker::new().unwrap();
    let before = report("某机关", None, 2023, 0, [1, 0, 5]);
    let mut after = report("某机关", None, 2024, 3, [2, 1, 9]);
    after["applications"]["carried_over"]["natural_person"] = Value::Null;
    after["active_disclosure"]["regulations"]
        .as_object_mut()
        .unwrap()
        .remove("repealed");
    let found = pair(&checker, &before, &after);
    let notes: Vec<(&str, &str)> = found
        .iter()
        .filter(|(.., evaluable)| !evaluable)
        .map(|(r, p, _)| (r.as_str(), p.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            ("R7", "/applications/carried_over/natural_person"),
            ("R8", "/active_disclosure/regulations/in_force"),
            ("R9", "/active_disclosure/regulations/repealed"),
        ]
    );
    // The other six columns of R7 still compare 3 with 0.
    assert_eq!(found.iter().filter(|(.., e)| *e).count(), 6);
}

#[test]
fn a_report_of_another_edition_supplies_the_terms_it_has() {
    let checker = Checker::new().unwrap();
    // A 2020 report in the 2019 format: 表三 at the 2021 pointers, a 表二 without 现行有效/废止.
    let mut before = report("某机关", None, 2020, 2, [0, 0, 0]);
    before["edition"] = json!("2019");
    before["active_disclosure"] = json!({"regulations": {"newly_made": 1, "total_published": 9}});
    let after = report("某机关", None, 2021, 3, [1, 0, 9]);
    let found = pair(&checker, &before, &after);
    let evaluable: Vec<&str> = found.iter().filter(|f| f.2).map(|f| f.0.as_str()).collect();
    assert_eq!(evaluable, ["R7"; 7]);
    let notes: Vec<&str> = found
        .iter()
        .filter(|f| !f.2)
        .map(|f| f.0.as_str())
        .collect();
    assert_eq!(notes, ["R8", "R8", "R9", "R9"]);
}

/// A pair is governed by the series rules of its later report's edition: two 2019-format reports
/// by the 2019 catalogue, which declares R7 alone (R8 and R9 have no source in that format, so
/// no note is made for them); a 2019 → 2021 pair by the 2021 catalogue (above).
#[test]
fn a_pair_is_governed_by_its_later_reports_edition() {
    let checker = Checker::new().unwrap();
    let in_2019_format = |year: i64, carry: u64| {
        let mut doc = report("某机关", None, year, carry, [0, 0, 0]);
        doc["edition"] = json!("2019");
        doc["active_disclosure"] = json!({"regulations": {"newly_made": 1}});
        doc
    };
    let found = pair(&checker, &in_2019_format(2019, 2), &in_2019_format(2020, 3));
    assert_eq!(found.len(), 7);
    assert!(
        found
            .iter()
            .all(|(rule, _, evaluable)| rule == "R7" && *evaluable)
    );
    assert!(pair(&checker, &in_2019_format(2019, 3), &in_2019_format(2020, 3)).is_empty());
    // The 2019 catalogue's own declaration is the one used: without its R7, nothing is found.
    let mut catalogue = checker.edition("2019").unwrap().catalogue().clone();
    catalogue.series_rules.clear();
    let without = Checker::with_catalogues(vec![
        (&xxgk_model::STANDARD_2021, checker.catalogue().clone()),
        (&xxgk_model::STANDARD_2019, catalogue),
    ])
    .unwrap();
    assert!(pair(&without, &in_2019_format(2019, 2), &in_2019_format(2020, 3)).is_empty());
    // While a 2019 → 2021 pair still has the 2021 catalogue's R7.
    let after = report("某机关", None, 2021, 3, [1, 0, 9]);
    let evaluable = pair(&without, &in_2019_format(2020, 2), &after)
        .into_iter()
        .filter(|f| f.2)
        .count();
    assert_eq!(evaluable, 7);
}

#[test]
fn names_are_normalised_conservatively() {
    assert_eq!(
        normalise_organ(" 长春净月高新技术产业开发区（管理委员会）"),
        normalise_organ("长春净月高新技术产业开发区管理委员会")
    );
    assert_eq!(normalise_organ("ＡＢＣ市 人民政府"), "abc市人民政府");
    assert_ne!(
        normalise_organ("洪泽区人民政府"),
        normalise_organ("洪泽区人民政府办公室")
    );
}

#[test]
fn reports_are_grouped_by_organ_code_and_year() {
    let checker = Checker::new().unwrap();
    let docs = [
        report("洪泽区人民政府", None, 2023, 0, [0, 0, 0]),
        report("淮安市洪泽区人民政府", None, 2024, 0, [0, 0, 0]),
        report("洪泽区人民政府办公室", None, 2024, 0, [0, 0, 0]),
        report("鼓楼区人民政府", None, 2021, 0, [0, 0, 0]),
        report("南京市鼓楼区人民政府", Some("320106"), 2022, 0, [0, 0, 0]),
        report("福州市鼓楼区人民政府", Some("350102"), 2022, 0, [0, 0, 0]),
        report("某局", Some("110101"), 2021, 0, [0, 0, 0]),
        report("某局", Some("110102"), 2022, 0, [0, 0, 0]),
        report("某局", None, 2023, 0, [0, 0, 0]),
        report("淮安市人民政府", None, 2021, 0, [0, 0, 0]),
        report("淮安市人民政府", None, 2021, 0, [0, 0, 0]),
        report("淮安市人民政府", None, 2024, 0, [0, 0, 0]),
    ];
    let mut values = values(&checker, &docs);
    values.push(SeriesValues::default());
    let assessment = checker.assess_series(&values);
    let organs: Vec<(&str, Vec<usize>, usize)> = assessment
        .organs
        .iter()
        .map(|o| {
            let reports = o.reports.iter().map(|&(_, i)| i).collect();
            (o.organ.as_str(), reports, o.pairs.len())
        })
        .collect();
    assert_eq!(
        organs,
        [
            // Two 鼓楼区: the short name stands alone.
            ("南京市鼓楼区人民政府", vec![4], 0),
            // One name, two division codes: two organs.
            ("某局", vec![6], 0),
            ("某局", vec![7], 0),
            // 人民政府 and its 办公室 publish reports of their own.
            ("洪泽区人民政府办公室", vec![2], 0),
            ("淮安市人民政府", vec![9, 10, 11], 0),
            ("淮安市洪泽区人民政府", vec![0, 1], 1),
            ("福州市鼓楼区人民政府", vec![5], 0),
            ("鼓楼区人民政府", vec![3], 0),
        ]
    );
    let hongze = &assessment.organs[5];
    assert_eq!(hongze.names, ["洪泽区人民政府", "淮安市洪泽区人民政府"]);
    let huaian = &assessment.organs[4];
    assert_eq!(huaian.gaps, [(2022, 2023)]);
    assert_eq!(huaian.duplicates, [(2021, vec![9, 10])]);
    assert_eq!(
        assessment.unplaced,
        [(8, Unplaced::AmbiguousOrgan), (12, Unplaced::NoOrgan)]
    );
}
