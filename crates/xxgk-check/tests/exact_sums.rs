//! Sums beyond 64 bits are exact in every diagnostic and survive serialization into a JSON value
//! (which holds no number beyond 64 bits: a number there made the whole diagnostic `null`).

use serde_json::{Value, json};
use xxgk_check::{Checker, Format, Kind};

#[test]
fn sums_beyond_64_bits_serialize_exactly() {
    let mut doc: Value =
        serde_json::from_str(include_str!("../../../conformance/base/realistic.json")).unwrap();
    let max = u64::MAX;
    for pointer in [
        "/applications/new_received/natural_person",
        "/applications/carried_over/natural_person",
        "/review_litigation/review/upheld",
        "/review_litigation/review/corrected",
    ] {
        *doc.pointer_mut(pointer).unwrap() = json!(max);
    }
    let text = serde_json::to_string(&doc).unwrap();
    let outcome = Checker::new()
        .unwrap()
        .check_text(&text, Format::Json)
        .unwrap();
    let rules: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::Rule)
        .collect();
    assert!(!rules.is_empty());
    let exact = |d: &xxgk_check::Diagnostic| {
        let value = serde_json::to_value(d).unwrap();
        // A round trip through text proves the line a JSON Lines writer prints is valid JSON.
        let reparsed: Value = serde_json::from_str(&value.to_string()).unwrap();
        assert_eq!(reparsed, value);
        value
    };
    let r1 = rules
        .iter()
        .find(|d| d.rule == "R1" && d.pointer.ends_with("natural_person"))
        .unwrap();
    let v = exact(r1);
    let base = |p: &str| {
        i128::from(
            serde_json::from_str::<Value>(include_str!("../../../conformance/base/realistic.json"))
                .unwrap()
                .pointer(p)
                .unwrap()
                .as_u64()
                .unwrap(),
        )
    };
    let lhs = 2 * i128::from(max);
    let rhs = base("/applications/results/total/natural_person")
        + base("/applications/carried_forward/natural_person");
    assert_eq!(v["actual"], json!(lhs.to_string()));
    assert_eq!(v["expected"], json!(rhs.to_string()));
    assert_eq!(v["discrepancy"], json!((lhs - rhs).to_string()));
    assert!(
        r1.message_zh.contains(&lhs.to_string()),
        "{}",
        r1.message_zh
    );
    let r4 = rules.iter().find(|d| d.rule == "R4").unwrap();
    let v = exact(r4);
    assert_eq!(
        v["discrepancy"].as_str().unwrap().parse::<i128>().unwrap(),
        r4.discrepancy.unwrap()
    );
    assert!(r4.discrepancy.unwrap() < -i128::from(max));
    for d in &outcome.diagnostics {
        exact(d);
    }
}
