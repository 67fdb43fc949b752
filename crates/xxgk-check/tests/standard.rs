//! The checker takes an edition of the standard as a value: a second edition is a second
//! `Standard`, checked by the same engine.

use xxgk_check::{Checker, Format};
use xxgk_model::{STANDARD_2021, Standard};

const EXAMPLE: &str = include_str!("../../../examples/jingyue-2024.json");

/// The 2021 edition under another `$id`: the same template, but not the edition of the
/// generated types, so every document goes through the value path.
fn another_edition() -> &'static Standard {
    let s = &STANDARD_2021;
    Box::leak(Box::new(Standard {
        edition: "test",
        title: s.title,
        schema_id: "https://example.org/another-edition",
        schema_version: s.schema_version,
        schema_json: s.schema_json,
        rules_json: s.rules_json,
        cells: s.cells,
        nodes: s.nodes,
        sections: s.sections,
        tables: s.tables,
    }))
}

/// The example with a broken sum, a missing cell and a mistyped one.
fn broken() -> String {
    let mut text = EXAMPLE.to_owned();
    for (from, to) in [
        ("\"natural_person\": 298", "\"natural_person\": 297"),
        ("\"issued\": 0,", ""),
        ("\"decisions\": 269", "\"decisions\": \"269\""),
    ] {
        let edited = text.replacen(from, to, 1);
        assert_ne!(edited, text, "{from}");
        text = edited;
    }
    text
}

#[test]
fn new_is_the_2021_edition() {
    let default = Checker::new().unwrap();
    let explicit = Checker::for_standard(&STANDARD_2021).unwrap();
    assert!(std::ptr::eq(default.standard(), &STANDARD_2021));
    for text in [EXAMPLE.to_owned(), broken()] {
        assert_eq!(
            default.check_text(&text, Format::Json).unwrap(),
            explicit.check_text(&text, Format::Json).unwrap()
        );
    }
}

#[test]
fn a_second_edition_is_a_second_value_not_a_second_engine() {
    let default = Checker::new().unwrap();
    let other = Checker::for_standard(another_edition()).unwrap();
    assert_eq!(other.standard().edition, "test");
    assert_eq!(other.identity_count(), default.identity_count());
    let broken = broken();
    let expected = default.check_text(&broken, Format::Json).unwrap();
    assert!(expected.tally().errors > 2, "{expected:#?}");
    assert_eq!(other.check_text(&broken, Format::Json).unwrap(), expected);
    assert!(
        other
            .check_text(EXAMPLE, Format::Json)
            .unwrap()
            .tally()
            .conformant()
    );
    let report = serde_json::from_str(EXAMPLE).unwrap();
    assert_eq!(other.check_report(&report), default.check_report(&report));
}
