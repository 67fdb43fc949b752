//! Issue #10: a new summation rule needs one catalogue entry and nothing else. A throwaway rule
//! (every row of 表三: 商业企业 = 科研机构 + 社会公益组织; consistent with R1–R4, since those are
//! sums of rows and columns) is added to a copy of the catalogue, and the checker, the
//! extractor's splitter, the catalogue-driven generator of the property tests and the corpus
//! generator all honour it with no code change. Here, in the corpus crate, all four are in reach.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use xxgk_catalogue::Catalogue;
use xxgk_check::Checker;
use xxgk_corpus::Generator;
use xxgk_extract::{extract_text, with_catalogue};

fn with_new_rule() -> Catalogue {
    let mut rules: Value = serde_json::from_str(xxgk_model::RULES_JSON).unwrap();
    rules["rules"].as_array_mut().unwrap().push(json!({
        "id": "R90", "name": "throwaway-enterprises", "severity": "error", "since": "1.0.0",
        "summary": {"zh": "商业企业 = 科研机构 + 社会公益组织", "en": "enterprises = institutions + welfare"},
        "rationale": "A throwaway rule for a test.",
        "for_each": {"row": "application_rows"},
        "lhs": ["/applications/{row}/commercial_enterprise"],
        "rhs": ["/applications/{row}/research_institution", "/applications/{row}/social_welfare_org"],
        "message": {"zh": "{row}: {lhs_sum} ≠ {rhs_sum}", "en": "{row}: {lhs_sum} ≠ {rhs_sum}"}
    }));
    Catalogue::from_json(&rules.to_string()).unwrap()
}

/// A report completed from free values through a catalogue's `Completion`, as the generators do.
fn generated(catalogue: &Catalogue, seed: u64) -> Value {
    let completion = catalogue.completion().unwrap();
    let mut state = seed;
    let free: BTreeMap<String, u64> = completion
        .free()
        .map(|cell| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (cell.to_owned(), (state >> 33) % 50)
        })
        .collect();
    let mut doc: Value =
        serde_json::from_str(include_str!("../../../conformance/base/realistic.json")).unwrap();
    for (cell, value) in completion.complete_lowering(free).unwrap() {
        *doc.pointer_mut(&cell).unwrap() = json!(value);
    }
    doc
}

fn rules_fired(checker: &Checker, doc: &Value) -> Vec<String> {
    let mut rules: Vec<String> = checker
        .check_value(doc)
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == xxgk_check::Severity::Error)
        .map(|d| d.rule)
        .collect();
    rules.dedup();
    rules
}

#[test]
fn the_checker_and_the_generator_honour_a_new_rule() {
    let catalogue = with_new_rule();
    let embedded = Checker::new().unwrap();
    let checker = Checker::with_catalogue(catalogue.clone()).unwrap();
    for seed in 0..20 {
        // Made under R1–R4 alone, a report breaks the new rule; made under the copy, it does not.
        let plain = generated(&Catalogue::from_json(xxgk_model::RULES_JSON).unwrap(), seed);
        assert_eq!(rules_fired(&embedded, &plain), Vec::<String>::new());
        assert!(rules_fired(&checker, &plain).contains(&"R90".to_owned()));
        let honoured = generated(&catalogue, seed);
        assert_eq!(rules_fired(&checker, &honoured), Vec::<String>::new());
    }
}

#[test]
fn the_corpus_generator_honours_a_new_rule() {
    let catalogue = with_new_rule();
    let checker = Checker::with_catalogue(catalogue.clone()).unwrap();
    let under_copy = Generator::new(&catalogue).unwrap();
    let embedded = Generator::embedded().unwrap();
    let plain_checker = Checker::new().unwrap();
    let mut breaking = 0;
    for index in 0..40 {
        // Under the copy every consistent report satisfies R90 too, a broken one still fails.
        let (honoured, bumped) = under_copy.report(5, index, 0.2).unwrap();
        assert_eq!(
            rules_fired(&checker, &honoured).is_empty(),
            bumped == 0,
            "{index}"
        );
        for row in ["new_received", "results/granted", "results/total"] {
            let cell = |party: &str| honoured["applications"].pointer(&format!("/{row}/{party}"));
            if bumped == 0 {
                let sum = ["research_institution", "social_welfare_org"]
                    .map(|p| cell(p).and_then(Value::as_u64).unwrap())
                    .iter()
                    .sum::<u64>();
                assert_eq!(
                    cell("commercial_enterprise"),
                    Some(&json!(sum)),
                    "{index} {row}"
                );
            }
        }
        // Under the embedded catalogue the reports conform to it and mostly break R90.
        let (plain, _) = embedded.report(5, index, 0.0).unwrap();
        assert!(rules_fired(&plain_checker, &plain).is_empty());
        breaking += usize::from(rules_fired(&checker, &plain).contains(&"R90".to_owned()));
    }
    assert!(breaking > 30, "{breaking} of 40 break R90");
}

#[test]
fn the_splitter_honours_a_new_rule() {
    // R3 alone splits `110000011` two ways (1 10 … 11 and 11 0 … 11); the new rule keeps one.
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量110000011\n";
    let row = |report: &Value| -> Vec<Value> {
        ["natural_person", "commercial_enterprise", "total"]
            .iter()
            .map(|c| report["applications"]["new_received"][c].clone())
            .collect()
    };
    assert_eq!(
        row(&extract_text(text).report),
        [Value::Null, Value::Null, Value::Null]
    );
    let extraction = with_catalogue(&with_new_rule(), || extract_text(text)).unwrap();
    assert_eq!(row(&extraction.report), [json!(11), json!(0), json!(11)]);
    // The catalogue is in place only for the call.
    assert_eq!(
        row(&extract_text(text).report),
        [Value::Null, Value::Null, Value::Null]
    );
}
