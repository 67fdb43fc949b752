//! Messages a clerk can act on: every term of a sum with its row or column label, a missing table
//! or group named by its title, and, when no single cell explains a failure, which identities
//! still hold and where the difference must therefore lie, with the findings of one cause linked.

use std::sync::LazyLock;

use serde_json::{Value, json};
use xxgk_catalogue::Catalogue;
use xxgk_check::{Checker, Diagnostic, FindingRef, Format, Kind, PrintedAs, PrintedSum};
use xxgk_model::RULES_JSON;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::new().unwrap());
static BASE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../conformance/base/realistic.json")).unwrap()
});

fn with(changes: &[(&str, Value)]) -> Value {
    let mut doc = BASE.clone();
    for (pointer, value) in changes {
        *doc.pointer_mut(pointer).unwrap() = value.clone();
    }
    doc
}

fn without(pointer: &str) -> Value {
    let mut doc = BASE.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    doc.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .shift_remove(key);
    doc
}

fn get(pointer: &str) -> u64 {
    BASE.pointer(pointer).unwrap().as_u64().unwrap()
}

fn findings(doc: &Value) -> Vec<Diagnostic> {
    CHECKER
        .check_value(doc)
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_finding)
        .collect()
}

fn only(doc: &Value) -> Diagnostic {
    let mut all = findings(doc);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

#[test]
fn every_term_is_printed_with_its_label_zeros_included() {
    let d = only(&with(&[
        ("/review_litigation/review/upheld", json!(3)),
        ("/review_litigation/review/corrected", json!(0)),
        ("/review_litigation/review/other", json!(1)),
        ("/review_litigation/review/pending", json!(1)),
        ("/review_litigation/review/total", json!(6)),
    ]));
    assert!(
        d.message_zh
            .contains("= 结果维持 3 + 结果纠正 0 + 其他结果 1 + 尚未审结 1 = 5"),
        "{}",
        d.message_zh
    );
    assert!(
        d.message_en
            .contains("= Upheld 3 + Corrected 0 + Other outcome 1 + Pending 1 = 5"),
        "{}",
        d.message_en
    );
    // Five cells each explain it alone: say where the difference lies, on both sides.
    assert!(
        d.message_zh
            .contains("要么 总计 多计 1，要么 结果维持、结果纠正、其他结果、尚未审结 中某项少计 1"),
        "{}",
        d.message_zh
    );
}

#[test]
fn a_side_of_one_nonzero_term_is_not_printed_as_a_sum_of_one() {
    let d = only(&with(&[
        ("/review_litigation/review/upheld", json!(5)),
        ("/review_litigation/review/corrected", json!(0)),
        ("/review_litigation/review/other", json!(0)),
        ("/review_litigation/review/pending", json!(0)),
        ("/review_litigation/review/total", json!(4)),
    ]));
    assert!(!d.message_zh.contains("= 5 = 5"), "{}", d.message_zh);
    assert!(
        d.message_zh
            .contains("= 结果维持 5 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 5"),
        "{}",
        d.message_zh
    );
}

#[test]
fn outcome_rows_are_named_by_their_ordinals() {
    let p = "/applications/results/withheld/state_secret/natural_person";
    let doc = with(&[(p, json!(get(p) + 2))]);
    let r2 = findings(&doc).into_iter().find(|d| d.rule == "R2").unwrap();
    assert!(
        r2.message_zh.contains("（一）")
            && r2.message_zh.contains("（三）1 ")
            && r2.message_zh.contains("（六）3 "),
        "{}",
        r2.message_zh
    );
    assert!(
        r2.message_zh.contains("（三）1.属于国家秘密 自然人 为"),
        "the root cause names row and column: {}",
        r2.message_zh
    );
    // Every one of the 21 outcome rows is a term, whatever its value.
    let terms = r2.message_zh.split("之和 = ").nth(1).unwrap();
    assert_eq!(terms.matches(" + ").count(), 20, "{terms}");
}

/// A single-term side written `{lhs_values} = {lhs_sum}` prints its sum once.
#[test]
fn a_template_printing_a_one_term_side_prints_it_once() {
    let mut catalogue = Catalogue::from_json(RULES_JSON).unwrap();
    let r2 = catalogue.rules.iter_mut().find(|r| r.id == "R2").unwrap();
    r2.message.zh = "{col}：（七）总计 = {lhs_values} = {lhs_sum} ≠ {rhs_sum}".to_owned();
    let checker = Checker::with_catalogue(catalogue).unwrap();
    let p = "/applications/results/total/natural_person";
    let total = get(p);
    let outcome = checker.check_value(&with(&[(p, json!(total + 1))]));
    let r2 = outcome.diagnostics.iter().find(|d| d.rule == "R2").unwrap();
    assert!(
        r2.message_zh
            .starts_with(&format!("自然人：（七）总计 = {} ≠ {total}", total + 1)),
        "{}",
        r2.message_zh
    );
}

#[test]
fn a_missing_table_group_or_section_is_named_by_its_title() {
    let cases = [
        (
            "/applications",
            "缺少 三、收到和处理政府信息公开申请情况：整张表三缺失（175 个单元格都没有填写）",
            "missing III. Applications received and handled (/applications): the whole table (表三, 175 cells) is absent",
        ),
        (
            "/applications/results/withheld",
            "缺少 三、收到和处理政府信息公开申请情况 › 三、本年度办理结果 › （三）不予公开：整组 56 个单元格缺失",
            "the whole group of 56 cells is absent",
        ),
        (
            "/review_litigation/review",
            "缺少 四、政府信息公开行政复议、行政诉讼情况 › 行政复议：整组 5 个单元格缺失",
            "the whole group of 5 cells is absent",
        ),
        (
            "/overview",
            "缺少 一、总体情况：整节缺失",
            "the whole section is absent",
        ),
        (
            "/overview/text",
            "缺少 一、总体情况 › 正文（必填项）",
            "missing I. Overview › Text (/overview/text), a required field",
        ),
        (
            "/applications/new_received/total",
            "缺少 三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 总计（空白不等于0，必须填写）",
            "a blank is not a 0",
        ),
    ];
    for (pointer, zh, en) in cases {
        let d = only(&without(pointer));
        assert_eq!((d.rule.as_str(), d.pointer.as_str()), ("S1", pointer));
        assert_eq!(d.message_zh, zh);
        assert!(d.message_en.contains(en), "{}", d.message_en);
        let blank_words = d.message_zh.contains("空白不等于0");
        assert_eq!(blank_words, pointer.ends_with("/total"), "{}", d.message_zh);
    }
}

#[test]
fn when_no_cell_explains_say_what_holds_and_where_the_difference_lies() {
    // （七）总计 and 一 of 自然人 both 2 too high, as are those of 总计: R1 and R3 hold, R2 fails
    // in both columns, and no single cell explains it.
    let mut changes = Vec::new();
    for col in ["natural_person", "total"] {
        for row in ["results/total", "new_received"] {
            let p = format!("/applications/{row}/{col}");
            changes.push((p.clone(), json!(get(&p) + 2)));
        }
    }
    let changes: Vec<(&str, Value)> = changes
        .iter()
        .map(|(p, v)| (p.as_str(), v.clone()))
        .collect();
    let all = findings(&with(&changes));
    let pointers: Vec<(&str, &str)> = all
        .iter()
        .map(|d| (d.rule.as_str(), d.pointer.as_str()))
        .collect();
    assert_eq!(
        pointers,
        [
            ("R2", "/applications/results/total/natural_person"),
            ("R2", "/applications/results/total/total"),
        ]
    );
    let np = &all[0];
    assert!(np.root_cause.is_none());
    assert!(
        np.message_zh.contains(
            "没有单个单元格能解释此差异：R1（自然人）、R3（22 处）成立，故要么 （七）总计 多计 2，\
             要么 （一）至（六）3 中某项少计 2，且另有单元格的错误与之抵消，使 R1、R3 仍然成立"
        ),
        "{}",
        np.message_zh
    );
    assert!(
        np.message_en.contains(
            "R1 (natural persons) and R3 (22 instances) hold, so either Total concluded is 2 too high, \
             or one of Granted … Other is 2 too low"
        ),
        "{}",
        np.message_en
    );
    // Both columns are fixed by any of the 21 two-cell corrections (a row's 自然人 and 总计 +2):
    // the two findings share one cause.
    assert!(
        np.message_zh.contains("有 21 种只改两个单元格的改法"),
        "{}",
        np.message_zh
    );
    let link = |d: &Diagnostic| FindingRef {
        rule: d.rule.clone(),
        pointer: d.pointer.clone(),
    };
    assert_eq!(all[0].linked, [link(&all[1])]);
    assert_eq!(all[1].linked, [link(&all[0])]);
}

#[test]
fn a_count_entered_in_the_wrong_column_is_named_with_both_cells() {
    // An all-zero report where 3 applications of 其他 granted were entered under 自然人: the
    // only correction of two cells moves them back.
    let mut doc: Value =
        serde_json::from_str(include_str!("../../../conformance/base/all-zero.json")).unwrap();
    for (pointer, value) in [
        ("/applications/results/granted/natural_person", 3),
        ("/applications/results/granted/total", 3),
        ("/applications/results/total/other_org", 3),
        ("/applications/results/total/total", 3),
        ("/applications/new_received/other_org", 3),
        ("/applications/new_received/total", 3),
    ] {
        *doc.pointer_mut(pointer).unwrap() = json!(value);
    }
    let all = findings(&doc);
    let found: Vec<(&str, &str)> = all
        .iter()
        .map(|d| (d.rule.as_str(), d.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("R2", "/applications/results/total/natural_person"),
            ("R2", "/applications/results/total/other_org"),
        ]
    );
    for d in &all {
        assert!(
            d.message_zh.contains(
                "没有单个单元格能解释此差异；（一）予以公开 自然人 为 3、（一）予以公开 其他 为 0，\
                 改为 0 和 3 可同时满足 R2（自然人）、R2（其他）"
            ),
            "{}",
            d.message_zh
        );
        assert!(
            d.message_en.contains(
                "Granted, Natural persons is 3 and Granted, Other organisations is 0: 0 and 3 \
                 would satisfy R2 (natural persons) and R2 (other organisations)"
            ),
            "{}",
            d.message_en
        );
        assert_eq!(d.linked.len(), 1);
    }
}

#[test]
fn a_single_wrong_cell_links_the_findings_it_explains() {
    let p = "/applications/new_received/natural_person";
    let all = findings(&with(&[(p, json!(get(p) - 1))]));
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|d| d.pointer == p && d.linked.len() == 1));
    assert!(
        all[0].message_zh.ends_with(&format!(
            "（一、本年新收政府信息公开申请数量 自然人 为 {}，改为 {} 可同时满足 R1、R3）",
            get(p) - 1,
            get(p)
        )),
        "{}",
        all[0].message_zh
    );
}

#[test]
fn linked_findings_serialize() {
    let p = "/applications/new_received/natural_person";
    let text = serde_json::to_string(&with(&[(p, json!(get(p) + 1))])).unwrap();
    let outcome = CHECKER.check_text(&text, Format::Json).unwrap();
    let rules: Vec<&Diagnostic> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::Rule)
        .collect();
    let v = serde_json::to_value(rules[0]).unwrap();
    assert_eq!(
        v["linked"],
        json!([{"rule": rules[1].rule, "pointer": rules[1].pointer}])
    );
}

/// `root-cause-beside-not-evaluable`: R3 of the row with a missing cell is not evaluable, so the
/// correction of the root cause is said to satisfy R1 only, and R3 is named as not evaluable.
#[test]
fn a_root_cause_never_claims_a_rule_that_could_not_be_evaluated() {
    let p = "/applications/carried_over/natural_person";
    let mut doc = without("/applications/carried_over/other_org");
    *doc.pointer_mut(p).unwrap() = json!(get(p) + 1);
    let text = serde_json::to_string(&doc).unwrap();
    let outcome = CHECKER.check_text(&text, Format::Json).unwrap();
    let r1 = outcome
        .diagnostics
        .iter()
        .find(|d| d.rule == "R1")
        .expect("R1 fails");
    assert_eq!(r1.pointer, p);
    let root = r1.root_cause.as_ref().expect("a root cause");
    assert_eq!(root.satisfies, ["R1"]);
    assert!(
        r1.message_zh.ends_with(&format!(
            "自然人 为 {}，改为 {} 可满足 R1（R3 无法判定））",
            get(p) + 1,
            get(p)
        )),
        "{}",
        r1.message_zh
    );
    assert!(
        r1.message_en
            .ends_with("would satisfy R1 (R3 not evaluable))"),
        "{}",
        r1.message_en
    );
}

/// An identity a reader found failing however the run of digits its cells were printed as is
/// split: the rule's own id and severity, at its left side, with every cell it reads, the
/// digits quoted and a blank named as the other way the report can be wrong. Only an identity
/// whose left side is that one cell alone has such a finding.
#[test]
fn an_identity_failing_in_every_split_names_the_digits_and_the_rule() {
    let d = CHECKER
        .unsplit_failure("/review_litigation/review/total", "1010000000050000")
        .expect("R4 of 行政复议");
    assert_eq!((d.rule.as_str(), d.name.as_str()), ("R4", "case-total"));
    assert_eq!(d.kind, Kind::Rule);
    assert_eq!(d.pointer, "/review_litigation/review/total");
    assert_eq!(d.related.len(), 5, "{:?}", d.related);
    assert_eq!(d.actual.as_deref(), Some("1010000000050000"));
    assert_eq!(
        d.message_zh,
        "行政复议：报告把这些单元格连写为 `1010000000050000`，无论怎样拆分都不满足 R4（行政复议、未经复议直接起诉、复议后起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结）；其中若有单元格印为空白，同样不符合要求"
    );
    assert!(
        d.message_en.starts_with("administrative review: "),
        "{}",
        d.message_en
    );
    // （七）总计, the left side of its row's R3 and of its column's R2: the row's run is R3's.
    let d = CHECKER
        .unsplit_failure("/applications/results/total/total", "100000002")
        .expect("R3 of （七）总计");
    assert_eq!(d.rule, "R3");
    assert_eq!(d.related.len(), 7, "{:?}", d.related);
    // A cell that is no identity's whole left side.
    assert!(
        CHECKER
            .unsplit_failure("/review_litigation/review/upheld", "1")
            .is_none()
    );
}

/// An identity across rows of one column (R1, R2) that a reader found failing however each of
/// its rows' run-together digits is split: named by the first cell of its left side, with every
/// cell it reads. The row's own R3 is never such a finding.
#[test]
fn an_identity_across_rows_failing_in_every_split_is_named_by_its_left_side() {
    let d = CHECKER
        .unsplit_column_failure("/applications/new_received/natural_person", "801000091")
        .expect("R1 of 自然人");
    assert_eq!((d.rule.as_str(), d.kind), ("R1", Kind::Rule));
    assert_eq!(d.pointer, "/applications/new_received/natural_person");
    assert_eq!(d.related.len(), 4, "{:?}", d.related);
    assert!(
        d.related.iter().all(|p| p.ends_with("/natural_person")),
        "{:?}",
        d.related
    );
    assert!(d.message_zh.contains("`801000091`"), "{}", d.message_zh);
    // （七）总计 of the 总计 column: R2 of that column, not its row's R3.
    let d = CHECKER
        .unsplit_column_failure("/applications/results/total/total", "811000082")
        .expect("R2 of 总计");
    assert_eq!((d.rule.as_str(), d.related.len()), ("R2", 22));
    // A leaf is no left side of an identity across rows.
    assert!(
        CHECKER
            .unsplit_column_failure("/applications/results/granted/total", "1")
            .is_none()
    );
}

/// A report that prints （六）其他处理 as one row (the 2019 table) leaves its three 2021 rows
/// unread, but prints their sum in every column: R2 of a column, whose only unread cells they
/// are, is evaluated with it. Where it fails, the error is R2's at （七）总计, the merged figure
/// printed in the three rows' place; where it holds, R2 is confirmed. The rows' own R3 reads
/// cells of one row only, which no sum covers: it stays not evaluable.
#[test]
fn a_merged_row_stands_for_the_sum_of_its_rows_in_r2() {
    const OTHER: &str = "/applications/results/other";
    let mut doc = BASE.clone();
    let rows = doc
        .pointer_mut(OTHER)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .clone();
    doc.pointer_mut(OTHER)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .clear();
    let columns = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    ];
    let sums: Vec<PrintedSum> = columns
        .iter()
        .map(|column| {
            let cells: Vec<String> = ["no_correction", "fee_unpaid", "other"]
                .iter()
                .map(|row| format!("{OTHER}/{row}/{column}"))
                .collect();
            let printed: u64 = rows.values().map(|row| row[column].as_u64().unwrap()).sum();
            // The report prints 17 for 15 under natural persons.
            let value = printed + u64::from(*column == "natural_person") * 2;
            PrintedSum {
                cells,
                value,
                printed_as: PrintedAs::MergedRow,
            }
        })
        .collect();
    let evaluated = CHECKER.evaluate_with_sums(&doc, &sums);
    let rules: Vec<(&str, &str, bool)> = evaluated
        .iter()
        .map(|e| {
            let column = e.related.first().unwrap().rsplit_once('/').unwrap().1;
            (e.rule.as_str(), column, e.failure.is_some())
        })
        .collect();
    assert_eq!(
        rules,
        columns
            .iter()
            .map(|c| ("R2", *c, *c == "natural_person"))
            .collect::<Vec<_>>()
    );
    let failing = evaluated.iter().find_map(|e| e.failure.as_ref()).unwrap();
    assert_eq!((failing.rule.as_str(), failing.kind), ("R2", Kind::Rule));
    assert_eq!(
        failing.pointer,
        "/applications/results/total/natural_person"
    );
    assert_eq!(failing.related.len(), 22, "{:?}", failing.related);
    assert_eq!(failing.related, evaluated[0].related);
    assert_eq!(
        (
            failing.actual.as_deref(),
            failing.expected.as_deref(),
            failing.discrepancy
        ),
        (Some("105"), Some("107"), Some(-2))
    );
    assert_eq!(
        failing.message_zh,
        "自然人：（七）总计 = 105 ≠ （一）至（六）之和 = （一）1 + （二）8 + （三）1 6 + （三）2 4 + （三）3 2 + （三）4 9 + （三）5 7 + （三）6 5 + （三）7 3 + （三）8 1 + （四）1 8 + （四）2 6 + （四）3 4 + （五）1 2 + （五）2 9 + （五）3 7 + （五）4 5 + （五）5 3 + （六）其他处理 17 = 107（报告把 （六）其他处理 合为一行印出，为 17，以之代其各行之和；各行的件数未分别印出）"
    );
    assert!(
        failing.message_en.ends_with(
            "Confirm or reissue obtained information 3 + Other handling 17 = 107 (the report prints Other handling as one row, 17, which stands for the sum of its rows here; the rows themselves are not printed)"
        ),
        "{}",
        failing.message_en
    );
    // Without a sum over them, cells left unread keep R2 not evaluable.
    assert!(CHECKER.evaluate_with_sums(&doc, &[]).is_empty());
    // A sum over the cells of one column evaluates that column's R2 alone.
    assert_eq!(CHECKER.evaluate_with_sums(&doc, &sums[..1]).len(), 1);
}
