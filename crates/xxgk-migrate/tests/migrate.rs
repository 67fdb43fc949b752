//! The mapping against both standards, the real 2020 report of seed 002 migrated (its reports
//! snapshotted, the migrated document checked), and generated 2019 reports: no migrated value
//! without a 2019 source, every carried value equal to its source.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::Value;
use xxgk_check::{Checker, Kind as FindingKind, Severity};
use xxgk_migrate::{Kind, Mapping, Migration, migrate, migrate_read};
use xxgk_model::{CellKind, STANDARD_2019, STANDARD_2021, Standard};

fn mapping() -> Mapping {
    Mapping::embedded().expect("the published mapping reads")
}

/// The leaf fields of an edition: its nodes with no node below them.
fn leaves(standard: &Standard) -> BTreeSet<&'static str> {
    let all: Vec<&str> = standard.nodes.iter().map(|n| n.pointer).collect();
    all.iter()
        .filter(|p| {
            !all.iter()
                .any(|q| q.strip_prefix(**p).is_some_and(|r| r.starts_with('/')))
        })
        .copied()
        .collect()
}

fn source(kind: &Kind) -> Option<&str> {
    match kind {
        Kind::Exact { source } | Kind::Approximate { source, .. } => Some(source),
        Kind::NoSource { .. } | Kind::Fixed { .. } => None,
    }
}

#[test]
fn the_mapping_covers_both_standards_exactly() {
    let m = mapping();
    assert_eq!(m.from.schema, STANDARD_2019.schema_id);
    assert_eq!(m.to.schema, STANDARD_2021.schema_id);
    // Every 2021 leaf field (so every one of its 200 cells) is a target, once.
    let targets: Vec<&str> = m.targets.iter().map(|t| t.pointer.as_str()).collect();
    let target_set: BTreeSet<&str> = targets.iter().copied().collect();
    assert_eq!(target_set.len(), targets.len(), "a target listed twice");
    assert_eq!(target_set, leaves(&STANDARD_2021));
    for cell in STANDARD_2021.cells {
        assert!(target_set.contains(cell.pointer), "{}", cell.pointer);
    }
    // Every 2019 leaf field is read by a target or dropped, never both; nothing else is read.
    let sources: BTreeSet<&str> = m.targets.iter().filter_map(|t| source(&t.kind)).collect();
    let dropped: BTreeSet<&str> = m.dropped.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(
        dropped.len(),
        m.dropped.len(),
        "a dropped field listed twice"
    );
    assert!(
        sources.is_disjoint(&dropped),
        "{:?}",
        sources.intersection(&dropped)
    );
    let read: BTreeSet<&str> = sources.union(&dropped).copied().collect();
    assert_eq!(read, leaves(&STANDARD_2019));
    for cell in STANDARD_2019.cells {
        assert!(read.contains(cell.pointer), "{}", cell.pointer);
    }
}

#[test]
fn the_mapping_says_what_the_spec_says() {
    let m = mapping();
    let kind_of = |p: &str| {
        &m.targets
            .iter()
            .find(|t| t.pointer == p)
            .unwrap_or_else(|| panic!("{p}"))
            .kind
    };
    // 表三 except （六） and 表四 are the same cells.
    for cell in STANDARD_2021.cells.iter().filter(|c| {
        (c.table == "表三" && !c.pointer.starts_with("/applications/results/other/"))
            || c.table == "表四"
    }) {
        assert_eq!(
            kind_of(cell.pointer),
            &Kind::Exact {
                source: cell.pointer.to_owned()
            }
        );
    }
    // 2021 （六）1/2/3 have no source: the single 2019 row is their sum.
    for cell in STANDARD_2021
        .cells
        .iter()
        .filter(|c| c.pointer.starts_with("/applications/results/other/"))
    {
        assert!(matches!(kind_of(cell.pointer), Kind::NoSource { .. }));
    }
    for row in ["regulations", "normative_documents"] {
        let at = |col: &str| format!("/active_disclosure/{row}/{col}");
        assert!(matches!(kind_of(&at("issued")),
            Kind::Approximate { source, .. } if *source == at("newly_made")));
        assert!(matches!(kind_of(&at("repealed")), Kind::NoSource { .. }));
        assert!(matches!(kind_of(&at("in_force")), Kind::NoSource { .. }));
    }
    for row in ["licensing", "penalty", "coercion"] {
        let p = format!("/active_disclosure/{row}/decisions");
        assert_eq!(kind_of(&p), &Kind::Exact { source: p.clone() });
    }
    // 对外公开总数量 is not 现行有效件数: no target reads it.
    assert!(
        !m.targets
            .iter()
            .any(|t| { source(&t.kind).is_some_and(|s| s.ends_with("/total_published")) })
    );
}

fn huizhan() -> Value {
    let text = include_str!("../../../examples/real/huizhan-2020-2019.json");
    serde_json::from_str(text).expect("the example is JSON")
}

/// The schema findings of the migrated document are missing fields, each of a field the
/// migration left missing (or an object all of whose fields it left missing), and the report
/// year's bound: the 2021 schema takes reports on 2021 onwards, and a report on 2020 keeps its
/// true year. R2 over the missing （六） rows is never a false sum.
fn assert_valid_where_present(migration: &Migration) {
    let checker = Checker::new().expect("the standards compile");
    let checker = checker.for_document(&migration.document);
    assert_eq!(checker.standard().edition, "2021");
    let missing: BTreeSet<&str> = migration
        .report
        .not_carried
        .iter()
        .chain(&migration.report.blank_in_source)
        .map(|n| n.pointer.as_str())
        .collect();
    let present: Vec<&str> = mapping_targets_present(migration);
    let outcome = checker.check_value(&migration.document);
    for d in &outcome.diagnostics {
        if d.kind == FindingKind::Schema && d.pointer == "/metadata/report_year" {
            assert_eq!(d.rule, "S4", "{d:?}");
            assert!(migration.document["metadata"]["report_year"].as_u64() < Some(2021));
        } else if d.kind == FindingKind::Schema {
            assert_eq!(d.rule, "S1", "only missing fields: {d:?}");
            let p = d.pointer.as_str();
            assert!(
                missing.contains(p)
                    || !present
                        .iter()
                        .any(|q| q.strip_prefix(p).is_some_and(|r| r.starts_with('/'))),
                "{p} is reported missing but the migration carried it or something inside it"
            );
        }
        if d.severity == Severity::Error && d.kind != FindingKind::Schema {
            assert!(
                !std::iter::once(&d.pointer)
                    .chain(&d.related)
                    .any(|p| p.starts_with("/applications/results/other")),
                "a finding over the （六） cells the migration could not fill: {d:?}"
            );
        }
    }
}

fn mapping_targets_present(migration: &Migration) -> Vec<&str> {
    migration
        .report
        .carried_exact
        .iter()
        .chain(&migration.report.carried_approximate)
        .map(|c| c.pointer.as_str())
        .collect()
}

#[test]
fn the_real_2020_report_of_seed_002_migrates() {
    let doc = huizhan();
    let migration = migrate(&mapping(), &doc).expect("a 2019 report");
    assert_eq!(migration.document["edition"], "2021");
    assert_eq!(migration.document["metadata"], doc["metadata"]);
    assert_eq!(migration.document["overview"], doc["overview"]);
    assert!(!migration.report.complete);
    assert_valid_where_present(&migration);
    insta::assert_json_snapshot!("huizhan_report", migration.report);
    insta::assert_snapshot!("huizhan_summary_zh", migration.summary(false));
    insta::assert_snapshot!("huizhan_summary_en", migration.summary(true));
}

#[test]
fn the_realistic_2019_base_migrates_valid_where_present() {
    let text = include_str!("../../../conformance/base/realistic-2019.json");
    let doc: Value = serde_json::from_str(text).expect("JSON");
    let migration = migrate(&mapping(), &doc).expect("a 2019 report");
    assert_valid_where_present(&migration);
    // Everything the 2021 edition cannot hold is named, and what it can is all there.
    // (Its optional metadata, such as the contact, may be absent; no cell is.)
    for blank in &migration.report.blank_in_source {
        assert!(
            !STANDARD_2021
                .cells
                .iter()
                .any(|c| c.pointer == blank.pointer),
            "{}",
            blank.pointer
        );
    }
    assert_eq!(
        migration.report.carried_approximate.len(),
        2,
        "本年新制作数量 → 本年制发件数, twice"
    );
}

#[test]
fn only_a_2019_report_migrates() {
    let m = mapping();
    let mut doc = huizhan();
    doc["edition"] = "2021".into();
    assert_eq!(
        migrate(&m, &doc),
        Err(xxgk_migrate::MigrateError::Already2021)
    );
    doc.as_object_mut().expect("object").remove("edition");
    assert_eq!(
        migrate(&m, &doc),
        Err(xxgk_migrate::MigrateError::Already2021)
    );
    doc["edition"] = "2018".into();
    assert!(matches!(
        migrate(&m, &doc),
        Err(xxgk_migrate::MigrateError::UnknownEdition(_))
    ));
    assert_eq!(
        migrate(&m, &Value::Null),
        Err(xxgk_migrate::MigrateError::NotAnObject)
    );
}

#[test]
fn a_mapping_with_a_target_inside_another_is_refused() {
    let text = xxgk_migrate::MAPPING_YAML.replacen(
        "targets:\n",
        "targets:\n  - pointer: \"/metadata/organ\"\n    kind: exact\n    source: \"/metadata/organ\"\n",
        1,
    );
    assert!(Mapping::from_yaml(&text).is_err());
}

/// Every leaf value of a document, by pointer (`/extensions` is one value).
fn leaf_values<'a>(prefix: String, value: &'a Value, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) if prefix != "/extensions" => {
            for (k, v) in map {
                let token = k.replace('~', "~0").replace('/', "~1");
                leaf_values(format!("{prefix}/{token}"), v, out);
            }
        }
        _ => out.push((prefix, value)),
    }
}

/// A 2019 report drawn from the realistic base: each cell blank or a drawn value of its kind,
/// each text field kept or blank.
fn report_2019() -> impl Strategy<Value = Value> {
    let cells = STANDARD_2019.cells.len();
    (
        prop::collection::vec((any::<bool>(), any::<u64>(), any::<i64>()), cells),
        prop::collection::vec(any::<bool>(), 8),
    )
        .prop_map(|(values, texts)| {
            let text = include_str!("../../../conformance/base/realistic-2019.json");
            let mut doc: Value = serde_json::from_str(text).expect("JSON");
            for (cell, (keep, count, signed)) in STANDARD_2019.cells.iter().zip(values) {
                let (parent, key) = cell.pointer.rsplit_once('/').expect("a pointer");
                let Some(Value::Object(map)) = doc.pointer_mut(parent) else {
                    continue;
                };
                if !keep {
                    map.remove(key);
                } else {
                    match cell.kind {
                        CellKind::Count => {
                            map.insert(key.to_owned(), count.into());
                        }
                        CellKind::Signed => {
                            map.insert(key.to_owned(), signed.into());
                        }
                        CellKind::Decimal | CellKind::Published => {}
                    }
                }
            }
            let fields = [
                "/preamble",
                "/overview",
                "/other_matters",
                "/problems_and_improvements",
                "/metadata",
                "/metadata/organ",
                "/metadata/contact",
                "/extensions",
            ];
            for (field, keep) in fields.iter().zip(texts) {
                if !keep {
                    let (parent, key) = field.rsplit_once('/').expect("a pointer");
                    if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
                        map.remove(key);
                    }
                } else if *field == "/extensions" {
                    doc["extensions"] = serde_json::json!({"org.example": {"a": [1, 2]}});
                }
            }
            doc
        })
}

proptest! {
    #[test]
    fn no_migrated_value_lacks_a_2019_source(doc in report_2019()) {
        let m = mapping();
        let migration = migrate(&m, &doc).expect("a 2019 report");
        let mut out = Vec::new();
        leaf_values(String::new(), &migration.document, &mut out);
        for (pointer, value) in &out {
            let target = m.targets.iter().find(|t| t.pointer == *pointer);
            let Some(target) = target else {
                panic!("{pointer} is not a target of the mapping");
            };
            match &target.kind {
                Kind::Exact { source } | Kind::Approximate { source, .. } => {
                    prop_assert_eq!(doc.pointer(source), Some(*value), "{}", pointer);
                }
                Kind::Fixed { value: fixed } => prop_assert_eq!(value.as_str(), Some(fixed.as_str())),
                Kind::NoSource { .. } => panic!("{pointer} has no source but has a value"),
            }
        }
        // And nothing the 2019 report holds for a target is lost.
        for t in &m.targets {
            if let Some(s) = source(&t.kind) {
                prop_assert_eq!(
                    doc.pointer(s).is_some(),
                    migration.document.pointer(&t.pointer).is_some(),
                    "{}", t.pointer
                );
            }
        }
    }
}

proptest! {
    /// What a reader could not read of a published 2019 report is said as unread, never as the
    /// report's blank, and changes nothing of what is carried.
    #[test]
    fn an_unread_source_is_said_unread_never_blank(
        doc in report_2019(),
        picks in prop::collection::vec(any::<bool>(), STANDARD_2019.cells.len()),
        whole_table in any::<bool>(),
    ) {
        let m = mapping();
        // Unread: some of the cells the document lacks, and perhaps all of 表四 as one object.
        let mut unread: Vec<&str> = STANDARD_2019
            .cells
            .iter()
            .zip(picks)
            .filter(|(c, pick)| *pick && doc.pointer(c.pointer).is_none())
            .map(|(c, _)| c.pointer)
            .collect();
        if whole_table {
            unread.push("/review_litigation");
        }
        let plain = migrate(&m, &doc).expect("a 2019 report");
        let read = migrate_read(&m, &doc, &unread).expect("a 2019 report");
        prop_assert_eq!(&read.document, &plain.document);
        prop_assert_eq!(&read.report.carried_exact, &plain.report.carried_exact);
        prop_assert_eq!(&read.report.not_carried, &plain.report.not_carried);
        let is_unread = |s: &str| {
            unread.contains(&s) || (whole_table && s.starts_with("/review_litigation/"))
        };
        let mut said: Vec<&str> = read
            .report
            .blank_in_source
            .iter()
            .chain(&read.report.unread_in_source)
            .map(|n| n.pointer.as_str())
            .collect();
        said.sort_unstable();
        let mut missing: Vec<&str> = plain
            .report
            .blank_in_source
            .iter()
            .map(|n| n.pointer.as_str())
            .collect();
        missing.sort_unstable();
        prop_assert_eq!(said, missing);
        for n in &read.report.unread_in_source {
            prop_assert!(is_unread(n.source.as_deref().unwrap_or_default()), "{}", n.pointer);
        }
        for n in &read.report.blank_in_source {
            prop_assert!(!is_unread(n.source.as_deref().unwrap_or_default()), "{}", n.pointer);
        }
        prop_assert_eq!(
            read.report.complete,
            plain.report.complete && read.report.unread_in_source.is_empty()
        );
    }
}
