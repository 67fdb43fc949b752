//! Property tests of the checker: consistent reports have no rule finding, a single wrong cell
//! fires exactly the identities that contain it at the normative pointer, schema validity is
//! exactly deserializability into the generated types, and the text form does not matter.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{Map, Value, json};
use xxgk_catalogue::Catalogue;
use xxgk_check::{Checker, Format, Kind, Severity};
use xxgk_model::{AnnualReport, CELLS, CellKind, RULES_JSON, SCHEMA_JSON};

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::new().unwrap());
static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::from_json(RULES_JSON).unwrap());
static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA_JSON).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
});
static BASE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../conformance/base/realistic.json")).unwrap()
});

const OUTCOMES: [&str; 21] = [
    "results/granted",
    "results/partially_granted",
    "results/withheld/state_secret",
    "results/withheld/prohibited_by_law",
    "results/withheld/security_stability",
    "results/withheld/third_party_rights",
    "results/withheld/internal_affairs",
    "results/withheld/process_information",
    "results/withheld/enforcement_case_file",
    "results/withheld/administrative_inquiry",
    "results/unable/not_held",
    "results/unable/needs_creation",
    "results/unable/still_unclear",
    "results/not_processed/petition_complaint",
    "results/not_processed/duplicate",
    "results/not_processed/publication",
    "results/not_processed/excessive_repeat",
    "results/not_processed/confirm_or_reissue",
    "results/other/no_correction",
    "results/other/fee_unpaid",
    "results/other/other",
];
const PARTIES: [&str; 6] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
];
const GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
const CASE_OUTCOMES: [&str; 4] = ["upheld", "corrected", "other", "pending"];

fn set(doc: &mut Value, pointer: &str, value: u64) {
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = json!(value);
}

fn get(doc: &Value, pointer: &str) -> u64 {
    doc.pointer(pointer).and_then(Value::as_u64).unwrap()
}

/// The parts a consistent report is computed from.
#[derive(Debug, Clone)]
struct Parts {
    outcomes: Vec<u64>,
    carried_over: Vec<u64>,
    carried_forward: Vec<u64>,
    cases: Vec<u64>,
}

fn parts() -> impl Strategy<Value = Parts> {
    let count = || prop_oneof![3 => 0..20u64, 1 => 0..100_000u64];
    (
        prop::collection::vec(count(), 21 * 6),
        prop::collection::vec(count(), 6),
        prop::collection::vec(count(), 6),
        prop::collection::vec(count(), 12),
    )
        .prop_map(|(outcomes, carried_over, carried_forward, cases)| Parts {
            outcomes,
            carried_over,
            carried_forward,
            cases,
        })
}

/// The drawn parts by the cell each stands for.
fn drawn(parts: &Parts) -> BTreeMap<String, u64> {
    let mut drawn = BTreeMap::new();
    for (j, party) in PARTIES.iter().enumerate() {
        for (i, row) in OUTCOMES.iter().enumerate() {
            drawn.insert(
                format!("/applications/{row}/{party}"),
                parts.outcomes[i * 6 + j],
            );
        }
        drawn.insert(
            format!("/applications/carried_over/{party}"),
            parts.carried_over[j],
        );
        drawn.insert(
            format!("/applications/carried_forward/{party}"),
            parts.carried_forward[j],
        );
    }
    for (g, group) in GROUPS.iter().enumerate() {
        for (o, outcome) in CASE_OUTCOMES.iter().enumerate() {
            drawn.insert(
                format!("/review_litigation/{group}/{outcome}"),
                parts.cases[g * 4 + o],
            );
        }
    }
    drawn
}

/// A report satisfying every identity of `catalogue`: the drawn parts in the cells it leaves
/// free (a free cell no part is drawn for takes one of the outcomes in turn), the cells it
/// determines derived, 二 (carried over) lowered where 一 (new) would be negative.
fn consistent_under(catalogue: &Catalogue, parts: &Parts) -> Value {
    let completion = catalogue.completion().unwrap();
    let drawn = drawn(parts);
    let free: BTreeMap<String, u64> = completion
        .free()
        .enumerate()
        .map(|(k, cell)| {
            let value = drawn
                .get(cell)
                .copied()
                .unwrap_or(parts.outcomes[k % parts.outcomes.len()]);
            (cell.to_owned(), value)
        })
        .collect();
    let mut doc = BASE.clone();
    for (cell, value) in completion.complete_lowering(free).unwrap() {
        set(&mut doc, &cell, value);
    }
    // These reports are about the identities: the number of fee notices, which R11 (a content
    // rule) compares with the drawn 逾期未缴纳费用 row, is left unstated (tests/content.rs and
    // the conformance suite cover R11).
    doc.pointer_mut("/other_matters/processing_fees")
        .and_then(Value::as_object_mut)
        .map(|fees| fees.remove("notices_issued"));
    doc
}

/// A report whose every total is computed from the drawn parts.
fn consistent(parts: &Parts) -> Value {
    consistent_under(&CATALOGUE, parts)
}

fn findings(doc: &Value) -> BTreeSet<(String, String)> {
    as_set(CHECKER.check_value(doc).diagnostics)
}

fn as_set(diagnostics: Vec<xxgk_check::Diagnostic>) -> BTreeSet<(String, String)> {
    diagnostics
        .into_iter()
        .filter(|d| d.kind != Kind::NotEvaluable && d.severity != Severity::Info)
        .map(|d| (d.rule, d.pointer))
        .collect()
}

/// The count cells of 表二 (in no identity), 表三 and 表四.
fn count_cells() -> Vec<&'static str> {
    CELLS
        .iter()
        .filter(|c| c.kind == CellKind::Count)
        .map(|c| c.pointer)
        .collect()
}

/// The new value of a cell: a small change most of the time, any count sometimes.
fn new_value(old: u64, small: u64, up: bool, any: u64, use_any: bool) -> u64 {
    let v = if use_any {
        any
    } else if up || small > old {
        old + small
    } else {
        old - small
    };
    if v == old { old + 1 } else { v }
}

/// Where the normative rule reports a failing identity: the single cell that explains the
/// failures, else the anchor. Valid for 表四, whose cells each belong to one identity only.
fn single_identity_pointer(doc: &Value, lhs: &[String], rhs: &[String]) -> String {
    let value = |p: &String| i128::from(get(doc, p));
    let d: i128 = lhs.iter().map(value).sum::<i128>() - rhs.iter().map(value).sum::<i128>();
    let explainers: Vec<&String> = lhs
        .iter()
        .map(|p| (p, -d))
        .chain(rhs.iter().map(|p| (p, d)))
        .filter(|(p, delta)| (0..=i128::from(u64::MAX)).contains(&(value(p) + delta)))
        .map(|(p, _)| p)
        .collect();
    match explainers.as_slice() {
        [only] => (*only).clone(),
        _ => lhs[0].clone(),
    }
}

/// A document to test schema validity on: a consistent report with a few changes anywhere.
fn mutated() -> impl Strategy<Value = Value> {
    let odd = prop::sample::select(vec![
        json!(-1),
        json!(0),
        json!(7),
        json!(1.0),
        json!(1.5),
        json!("7"),
        json!(null),
        json!(true),
        json!([]),
        json!({}),
        json!(18_446_744_073_709_551_615_u64),
        json!(1e20),
        json!("0.5"),
        json!("1,032.6"),
        json!("2024-02-29"),
        json!("2025-02-30"),
        json!("2021"),
        json!("street"),
        json!("village"),
        json!("220171"),
        json!(2020),
    ]);
    let op = (0..3u8, any::<Index>(), odd, "[a-z]{1,8}");
    (parts(), prop::collection::vec(op, 0..4)).prop_map(|(parts, ops)| {
        let mut doc = consistent(&parts);
        for (kind, at, value, key) in ops {
            let pointers = all_pointers(&doc);
            let pointer = at.get(&pointers).clone();
            match (kind, doc.pointer_mut(&pointer)) {
                (0, Some(slot)) if !pointer.is_empty() => *slot = value,
                (1, Some(Value::Object(map))) => {
                    map.insert(key, value);
                }
                _ => remove(&mut doc, &pointer),
            }
        }
        doc
    })
}

fn all_pointers(doc: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        if let Value::Object(map) = v {
            for (k, child) in map {
                walk(
                    child,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        out.push(at);
    }
    let mut out = Vec::new();
    walk(doc, String::new(), &mut out);
    out
}

fn remove(doc: &mut Value, pointer: &str) {
    if let Some((parent, key)) = pointer.rsplit_once('/')
        && let Some(Value::Object(map)) = doc.pointer_mut(parent)
    {
        map.shift_remove(&key.replace("~1", "/").replace("~0", "~"));
    }
}

/// Integral floats written as integers: the form a typed round trip produces.
fn normalized(v: &Value) -> Value {
    match v {
        Value::Number(n) if n.is_f64() => n
            .as_f64()
            .filter(|f| f.fract() == 0.0 && (0.0..1.8e19).contains(f))
            .map_or_else(|| v.clone(), |f| json!(f as u64)),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), normalized(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        _ => v.clone(),
    }
}

fn reversed(v: &Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, child) in map.iter().rev() {
                out.insert(k.clone(), reversed(child));
            }
            Value::Object(out)
        }
        _ => v.clone(),
    }
}

/// Block-style YAML (scalars as JSON, which YAML reads the same).
fn yaml(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, child) in map {
                out.push_str(&" ".repeat(indent));
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                match child {
                    Value::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        yaml(child, indent + 2, out);
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&child.to_string());
                        out.push('\n');
                    }
                }
            }
        }
        _ => {
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
}

/// 48 cases per property, and every failing seed kept in a committed file beside this one (the
/// default location is found from the source path, which proptest cannot resolve for an
/// integration test, so a failure would be lost) and replayed first on every later run.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/properties.proptest-regressions"
        )))),
        ..ProptestConfig::with_cases(48)
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn consistent_reports_have_no_finding(parts in parts()) {
        let doc = consistent(&parts);
        prop_assert_eq!(findings(&doc), BTreeSet::new());
    }

    #[test]
    fn one_changed_cell_fires_exactly_its_identities(
        parts in parts(),
        cell in any::<Index>(),
        small in 1..1000u64,
        up in any::<bool>(),
        far in prop_oneof![1 => any::<u64>(), 2 => u64::MAX - 1000..=u64::MAX],
        table_four in any::<bool>(),
        use_far in prop::bool::weighted(0.3),
    ) {
        let mut doc = consistent(&parts);
        // Half the time a 表四 cell, where the anchor and the single explainer differ.
        let cells: Vec<&str> = count_cells()
            .into_iter()
            .filter(|p| !table_four || p.starts_with("/review_litigation"))
            .collect();
        let pointer = *cell.get(&cells);
        let old = get(&doc, pointer);
        set(&mut doc, pointer, new_value(old, small, up, far, use_far));
        let expected: BTreeSet<(String, String)> = CATALOGUE
            .identities()
            .unwrap()
            .iter()
            .filter(|i| i.lhs.iter().chain(&i.rhs).any(|p| p == pointer))
            .map(|i| {
                let at = if pointer.starts_with("/review_litigation") {
                    single_identity_pointer(&doc, &i.lhs, &i.rhs)
                } else {
                    pointer.to_owned()
                };
                (i.rule.id.clone(), at)
            })
            .collect();
        prop_assert_eq!(expected.is_empty(), pointer.starts_with("/active_disclosure"));
        prop_assert_eq!(findings(&doc), expected);
    }

    #[test]
    fn a_count_moved_to_another_column_links_its_two_findings(
        parts in parts(),
        row in 0..OUTCOMES.len(),
        from in 0..PARTIES.len(),
        to_offset in 1..PARTIES.len(),
        share in 1..=100u64,
    ) {
        let mut doc = consistent(&parts);
        let to = (from + to_offset) % PARTIES.len();
        let cell = |party: usize| format!("/applications/{}/{}", OUTCOMES[row], PARTIES[party]);
        let value = get(&doc, &cell(from));
        prop_assume!(value > 0);
        let moved = (value * share).div_ceil(100);
        set(&mut doc, &cell(from), value - moved);
        let target = get(&doc, &cell(to));
        set(&mut doc, &cell(to), target + moved);
        // The row still adds up (R3) and so do the columns' R1: only R2 fails, in both columns,
        // at their anchors, and no single cell explains either; one correction fixes both.
        let anchor = |party: usize| format!("/applications/results/total/{}", PARTIES[party]);
        let expected = BTreeSet::from([
            ("R2".to_owned(), anchor(from)),
            ("R2".to_owned(), anchor(to)),
        ]);
        let outcome = CHECKER.check_value(&doc);
        prop_assert_eq!(as_set(outcome.diagnostics.clone()), expected);
        for d in outcome.diagnostics.iter().filter(|d| d.kind == Kind::Rule) {
            prop_assert!(d.root_cause.is_none());
            let other = if d.pointer == anchor(from) { anchor(to) } else { anchor(from) };
            let linked: Vec<(&str, &str)> =
                d.linked.iter().map(|l| (l.rule.as_str(), l.pointer.as_str())).collect();
            prop_assert_eq!(linked, vec![("R2", other.as_str())], "{}", d.message_en);
        }
    }

    #[test]
    fn schema_valid_exactly_when_typed(doc in mutated()) {
        let valid = VALIDATOR.is_valid(&doc);
        let typed = serde_json::from_value::<AnnualReport>(doc.clone());
        prop_assert_eq!(valid, typed.is_ok(), "{:?}", typed.err());
        if let Ok(report) = typed {
            prop_assert_eq!(serde_json::to_value(&report).unwrap(), normalized(&doc));
        }
    }

    #[test]
    fn key_order_and_format_do_not_matter(doc in mutated()) {
        let json = serde_json::to_string_pretty(&doc).unwrap();
        let expected = as_set(CHECKER.check_text(&json, Format::Json).unwrap().diagnostics);
        prop_assert_eq!(&findings(&doc), &expected);
        let flipped = serde_json::to_string(&reversed(&doc)).unwrap();
        let outcome = CHECKER.check_text(&flipped, Format::Json).unwrap();
        prop_assert_eq!(&as_set(outcome.diagnostics), &expected);
        let mut text = String::new();
        yaml(&doc, 0, &mut text);
        let outcome = CHECKER.check_text(&text, Format::Yaml).unwrap();
        prop_assert_eq!(&as_set(outcome.diagnostics), &expected, "{}", text);
    }
}
