//! The catalogue format's expansion order and placeholders, as `schema/README.md` ("The rule
//! catalogue") specifies them: variables ordered by name, by Unicode code point, the last
//! varying fastest, in `for_each` and in `over` alike; keys substituted verbatim.

use serde_json::{Value, json};
use xxgk_catalogue::Catalogue;

fn catalogue(for_each: Value, lhs: Value, rhs: Value) -> Catalogue {
    let member = |key: &str| json!({"key": key, "zh": key, "en": key});
    let text = json!({
        "$id": "https://example.org/test", "version": "1.0.0", "edition": "2021",
        "schema": "https://example.org/schema",
        "sets": {
            "pair": {"description": "two", "members": [member("x"), member("y")]},
            "deep": {"description": "keys spanning segments", "members": [member("a/b"), member("c~d")]}
        },
        "rules": [{
            "id": "R1", "name": "test", "severity": "error", "since": "1.0.0",
            "summary": {"zh": "t", "en": "t"}, "rationale": "t",
            "for_each": for_each, "lhs": lhs, "rhs": rhs,
            "message": {"zh": "{lhs_sum}", "en": "{rhs_sum}"}
        }],
        "schema_rules": []
    });
    Catalogue::from_json(&text.to_string()).unwrap()
}

/// `B` (U+0042) sorts before `b` (U+0062), so `B` varies slower.
#[test]
fn for_each_variables_are_ordered_by_code_point_last_fastest() {
    let c = catalogue(
        json!({"b": "pair", "B": "pair"}),
        json!(["/{b}/{B}"]),
        json!([]),
    );
    let lhs: Vec<String> = c
        .identities()
        .unwrap()
        .into_iter()
        .map(|i| i.lhs.concat())
        .collect();
    assert_eq!(lhs, ["/x/x", "/y/x", "/x/y", "/y/y"]);
}

/// `v10` sorts before `v2` (code points, not numbers), so `v10` varies slower; the `for_each`
/// binding is kept inside the sum.
#[test]
fn over_variables_are_ordered_like_for_each() {
    let c = catalogue(
        json!({"row": "pair"}),
        json!([{"sum": "/{row}/{v2}/{v10}", "over": {"v2": "pair", "v10": "pair"}}]),
        json!(["/{row}"]),
    );
    let identities = c.identities().unwrap();
    let first = identities.first().unwrap();
    assert_eq!(first.lhs, ["/x/x/x", "/x/y/x", "/x/x/y", "/x/y/y"]);
    assert_eq!(first.rhs, ["/x"]);
}

/// A key is substituted verbatim, without pointer escaping, and may span segments.
#[test]
fn keys_are_substituted_verbatim() {
    let c = catalogue(json!({"k": "deep"}), json!(["/t/{k}/n"]), json!([]));
    let lhs: Vec<String> = c
        .identities()
        .unwrap()
        .into_iter()
        .map(|i| i.lhs.concat())
        .collect();
    assert_eq!(lhs, ["/t/a/b/n", "/t/c~d/n"]);
}

/// A placeholder that names no bound variable makes the catalogue invalid.
#[test]
fn an_unbound_placeholder_is_an_error() {
    let c = catalogue(json!({"k": "pair"}), json!(["/{k}/{other}"]), json!([]));
    assert!(c.identities().is_err());
}
