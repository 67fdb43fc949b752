//! Root cause and anchors for identity shapes the published catalogue does not have yet, as
//! `schema/README.md` ("Evaluating the rules") defines them, so that a future rule of that shape
//! is evaluated as specified: an `lhs` starting with a sum, a cell with a coefficient other than
//! ±1, and a rule of another severity taking part in root-cause analysis. The conformance suite
//! cannot pin these with the published catalogue (its README says so).

use std::collections::BTreeSet;

use serde_json::{Value, json};
use xxgk_catalogue::{Catalogue, SumRule};
use xxgk_check::{Checker, Kind, Severity};
use xxgk_model::RULES_JSON;

fn base(name: &str) -> Value {
    let path = format!(
        "{}/../../conformance/base/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A summation rule `R90` with these sides, severity and `for_each`.
fn rule(severity: &str, for_each: Value, lhs: Value, rhs: Value) -> SumRule {
    serde_json::from_value(json!({
        "id": "R90",
        "name": "test-shape",
        "severity": severity,
        "since": "1.0.0",
        "summary": {"zh": "测试", "en": "test"},
        "rationale": "A shape the published catalogue does not have.",
        "for_each": for_each,
        "lhs": lhs,
        "rhs": rhs,
        "message": {"zh": "{lhs_sum} ≠ {rhs_sum}", "en": "{lhs_sum} ≠ {rhs_sum}"}
    }))
    .unwrap()
}

/// The findings (errors and warnings) of `doc` under the published rules, those `keep` keeps,
/// and `extra`.
fn findings(
    doc: &Value,
    keep: impl Fn(&SumRule) -> bool,
    extra: SumRule,
) -> BTreeSet<(String, String)> {
    let mut catalogue = Catalogue::from_json(RULES_JSON).unwrap();
    catalogue.rules.retain(keep);
    catalogue.rules.push(extra);
    Checker::with_catalogue(catalogue)
        .unwrap()
        .check_value(doc)
        .diagnostics
        .into_iter()
        .filter(|d| d.kind != Kind::NotEvaluable && d.severity != Severity::Info)
        .map(|d| (d.rule, d.pointer))
        .collect()
}

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(r, p)| ((*r).to_owned(), (*p).to_owned()))
        .collect()
}

/// R4 written the other way round: with several explaining cells, the anchor is the first cell
/// of the sum that starts `lhs` (结果维持), not the changed cell (尚未审结) nor the 总计.
#[test]
fn anchor_of_an_lhs_starting_with_a_sum_is_its_first_cell() {
    let mut doc = base("realistic");
    doc["review_litigation"]["review"]["pending"] = json!(5);
    let reversed = rule(
        "error",
        json!({"group": "case_groups"}),
        json!([{"sum": "/review_litigation/{group}/{outcome}", "over": {"outcome": "case_outcomes"}}]),
        json!(["/review_litigation/{group}/total"]),
    );
    assert_eq!(
        findings(&doc, |r| r.id != "R4", reversed),
        set(&[("R90", "/review_litigation/review/upheld")])
    );
}

/// 2·A = B with A = 0 and B = 1: A would need a change of −1/2, so it does not explain; B
/// (coefficient −1) alone does. Ignoring the coefficient would make A explain too, and the
/// finding would go to the anchor A.
#[test]
fn a_cell_twice_on_one_side_needs_the_change_divided_by_its_coefficient() {
    let mut doc = base("all-zero");
    doc["review_litigation"]["litigation_direct"]["upheld"] = json!(1);
    doc["review_litigation"]["litigation_direct"]["total"] = json!(1);
    let double = rule(
        "error",
        json!({}),
        json!([
            "/review_litigation/review/upheld",
            "/review_litigation/review/upheld"
        ]),
        json!(["/review_litigation/litigation_direct/upheld"]),
    );
    assert_eq!(
        findings(&doc, |r| r.id != "R4", double),
        set(&[("R90", "/review_litigation/litigation_direct/upheld")])
    );
}

/// An `info` rule that already fails with another change for 一、本年新收 自然人 keeps that
/// cell from explaining R1 and R3: R3 goes to its anchor, the row's 总计 (R1's anchor is the
/// cell itself). The info rule's own failure is a note, not a finding.
#[test]
fn rules_of_every_severity_take_part_in_root_cause() {
    let mut doc = base("realistic");
    doc["applications"]["new_received"]["natural_person"] = json!(107);
    let info = rule(
        "info",
        json!({}),
        json!(["/applications/new_received/natural_person"]),
        json!(["/applications/carried_over/commercial_enterprise"]),
    );
    assert_eq!(
        findings(&doc, |_| true, info),
        set(&[
            ("R1", "/applications/new_received/natural_person"),
            ("R3", "/applications/new_received/total"),
        ])
    );
}
