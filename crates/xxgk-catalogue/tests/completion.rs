//! Completing free values into a consistent report: every identity holds for any free values,
//! and the determined cells are the totals and balances a generator would compute by hand.

use std::collections::BTreeMap;

use proptest::prelude::*;
use xxgk_catalogue::{Catalogue, Completion, Identity, Shortfall};

fn catalogue() -> Catalogue {
    Catalogue::from_json(xxgk_model::RULES_JSON).unwrap()
}

fn holds(identity: &Identity<'_>, values: &BTreeMap<String, u64>) -> bool {
    let side = |cells: &[String]| -> u128 { cells.iter().map(|c| u128::from(values[c])).sum() };
    side(&identity.lhs) == side(&identity.rhs)
}

#[test]
fn the_totals_and_new_applications_are_determined() {
    let completion = catalogue().completion().unwrap();
    let determined: Vec<&str> = completion.determined().collect();
    // 40 independent identities of 42: R1 and R2 of the 总计 column follow from the others.
    assert_eq!(determined.len(), 40);
    for party in ["natural_person", "other_org"] {
        assert!(determined.contains(&format!("/applications/new_received/{party}").as_str()));
        assert!(determined.contains(&format!("/applications/results/total/{party}").as_str()));
    }
    assert!(determined.contains(&"/applications/results/granted/total"));
    assert!(determined.contains(&"/review_litigation/review/total"));
    assert!(completion.free().all(|c| !c.ends_with("/total")));
    assert_eq!(completion.free().count(), 21 * 6 + 2 * 6 + 3 * 4);
}

/// `2x = 3y` has whole solutions, but not for every free `y`: refused rather than divided.
#[test]
fn an_identity_needing_a_division_is_refused() {
    let mut c = catalogue();
    let mut rule = c.rules[0].clone();
    rule.id = "X1".into();
    rule.name = "doubled".into();
    rule.for_each.clear();
    rule.message.zh = "{lhs_sum}".into();
    rule.message.en = "{lhs_sum}".into();
    let cell = |p: &str| xxgk_catalogue::Term::Cell(p.into());
    rule.lhs = vec![cell("/x"), cell("/x")];
    rule.rhs = vec![cell("/y"), cell("/y"), cell("/y")];
    c.rules.push(rule);
    let error = c.completion().unwrap_err().to_string();
    assert!(error.contains("/x") && error.contains("/y"), "{error}");
}

#[test]
fn a_missing_free_value_and_a_negative_cell_are_reported() {
    let completion = catalogue().completion().unwrap();
    let mut values: BTreeMap<String, u64> = completion.free().map(|c| (c.to_owned(), 0)).collect();
    let over = "/applications/carried_over/natural_person".to_owned();
    values.insert(over.clone(), 5);
    // 一 of natural persons and of 总计 would both be 5 below zero.
    assert!(matches!(
        completion.complete(&values),
        Err(Shortfall::Negative { cell, deficit: 5 }) if cell.starts_with("/applications/new_received/")
    ));
    // Lowering 二 to what was concluded and carried forward (nothing) repairs it.
    let repaired = completion.complete_lowering(values.clone()).unwrap();
    assert_eq!(repaired[&over], 0);
    values.remove(&over);
    assert_eq!(completion.complete(&values), Err(Shortfall::Missing(over)));
}

fn free_values(completion: &Completion) -> impl Strategy<Value = BTreeMap<String, u64>> {
    let cells: Vec<String> = completion.free().map(str::to_owned).collect();
    prop::collection::vec(
        prop_oneof![3 => 0..20u64, 1 => 0..1_000_000_000u64],
        cells.len(),
    )
    .prop_map(move |v| cells.iter().cloned().zip(v).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_completed_report_satisfies_every_identity(values in free_values(&catalogue().completion().unwrap())) {
        let catalogue = catalogue();
        let identities = catalogue.identities().unwrap();
        let completion = Completion::new(&identities).unwrap();
        let done = completion.complete_lowering(values.clone()).unwrap();
        for identity in &identities {
            prop_assert!(holds(identity, &done), "{} {:?}", identity.rule.id, identity.lhs);
        }
        // Free values are kept unless lowered, and only 二 (carried over) is ever lowered.
        for (cell, value) in &values {
            prop_assert!(done[cell] == *value || (cell.contains("carried_over") && done[cell] < *value));
        }
        if let Ok(plain) = completion.complete(&values) {
            prop_assert_eq!(plain, done);
        }
    }
}
