//! The series rules' format: expansion of `previous`/`current` terms, relations, and the errors
//! of a malformed rule.

use serde_json::{Value, json};
use xxgk_catalogue::{Catalogue, Relation, Year};

fn published() -> Value {
    serde_json::from_str(xxgk_model::RULES_JSON).unwrap()
}

fn with_series(rule: Value) -> Catalogue {
    let mut rules = published();
    rules["series_rules"] = json!([rule]);
    Catalogue::from_json(&rules.to_string()).unwrap()
}

fn rule(lhs: Value, message: &str) -> Value {
    json!({
        "id": "R90", "name": "test-series", "severity": "warning", "since": "1.1.0",
        "summary": {"zh": "测试", "en": "test"}, "rationale": "A test.",
        "for_each": {"col": "applicant_columns"},
        "lhs": lhs, "relation": "<=", "rhs": [{"previous": "/applications/carried_forward/{col}"}],
        "message": {"zh": message, "en": message}
    })
}

#[test]
fn the_published_series_rules_expand_to_eleven_instances() {
    let catalogue = Catalogue::from_json(xxgk_model::RULES_JSON).unwrap();
    let instances = catalogue.series_identities().unwrap();
    let count = |id: &str| instances.iter().filter(|i| i.rule.id == id).count();
    assert_eq!((count("R7"), count("R8"), count("R9")), (7, 2, 2));
    let r8 = instances.iter().find(|i| i.rule.id == "R8").unwrap();
    let cells: Vec<(Year, &str)> = r8
        .lhs
        .iter()
        .chain(&r8.rhs)
        .map(|c| (c.year, c.pointer.as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            (Year::Current, "/active_disclosure/regulations/in_force"),
            (Year::Current, "/active_disclosure/regulations/repealed"),
            (Year::Previous, "/active_disclosure/regulations/in_force"),
            (Year::Current, "/active_disclosure/regulations/issued"),
        ]
    );
    assert_eq!(r8.rule.relation, Relation::Equal);
    assert!(Relation::AtMost.holds(21, 21) && !Relation::AtMost.holds(22, 21));
    assert!(Relation::Equal.holds(0, 0) && !Relation::Equal.holds(1, 0));
}

#[test]
fn the_published_json_round_trips_with_its_series_rules() {
    let catalogue = Catalogue::from_json(xxgk_model::RULES_JSON).unwrap();
    assert_eq!(serde_json::to_value(&catalogue).unwrap(), published());
}

#[test]
fn a_term_names_exactly_one_report() {
    let both = with_series(rule(
        json!([{"previous": "/applications/carried_over/{col}", "current": "/applications/carried_over/{col}"}]),
        "{lhs_sum}",
    ));
    let error = both.series_identities().unwrap_err().to_string();
    assert!(error.contains("exactly one"), "{error}");
    let neither = with_series(rule(json!([{}]), "{lhs_sum}"));
    assert!(neither.series_identities().is_err());
}

#[test]
fn placeholders_and_ids_are_checked() {
    let ok = with_series(rule(
        json!([{"current": "/applications/carried_over/{col}"}]),
        "{col} {current_year} {previous_year} {lhs_values} {rhs_sum}",
    ));
    assert_eq!(ok.series_identities().unwrap().len(), 7);
    let unknown = with_series(rule(
        json!([{"current": "/applications/carried_over/{col}"}]),
        "{next_year}",
    ));
    assert!(unknown.series_identities().is_err());
    let unbound = with_series(rule(
        json!([{"current": "/applications/{row}/total"}]),
        "{lhs_sum}",
    ));
    assert!(unbound.series_identities().is_err());
    let mut reused = rule(
        json!([{"current": "/applications/carried_over/{col}"}]),
        "{lhs_sum}",
    );
    reused["id"] = json!("R1");
    let reused = with_series(reused);
    assert!(reused.series_identities().is_err());
    assert!(reused.identities().is_err(), "ids are unique across kinds");
}

#[test]
fn a_catalogue_without_series_rules_has_none() {
    let mut rules = published();
    rules.as_object_mut().unwrap().remove("series_rules");
    let catalogue = Catalogue::from_json(&rules.to_string()).unwrap();
    assert!(catalogue.series_identities().unwrap().is_empty());
    assert!(
        serde_json::to_value(&catalogue)
            .unwrap()
            .get("series_rules")
            .is_none()
    );
}
