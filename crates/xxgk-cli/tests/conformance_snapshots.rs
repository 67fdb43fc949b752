//! Snapshots of what a person sees (`xxgk check --lang en`) for every failing conformance case.

use std::path::Path;
use std::process::Command;

use xxgk_catalogue::{Catalogue, Severity};
use xxgk_conformance::Suite;

#[test]
fn human_rendering_of_every_failing_case() {
    let suite =
        Suite::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let checker = xxgk_check::Checker::new().unwrap();
    let warnings: Vec<&str> = checker
        .catalogue()
        .content_rules
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let mut rendered = 0;
    let catalogue = Catalogue::from_json(xxgk_model::RULES_JSON).unwrap();
    // Warnings alone (the series and content rules) do not fail a check; any other finding does.
    let fails = |rule: &str| {
        !warnings.contains(&rule)
            && !catalogue
                .series_rules
                .iter()
                .any(|r| r.id == rule && r.severity == Severity::Warning)
    };
    for case in suite.cases().iter().filter(|c| !c.expected.is_empty()) {
        let id = &case.id;
        // The bytes a runner writes: a document given byte for byte is unchanged, since the
        // spelling of its numbers is what the case tests. A case of several documents is
        // checked as a series, each document in a file of its name.
        let mut args = vec!["check".to_owned(), "--lang".to_owned(), "en".to_owned()];
        if case.documents().is_empty() {
            let name = format!("{id}.json");
            std::fs::write(dir.path().join(&name), case.document().bytes()).unwrap();
            args.push(name);
        } else {
            let sub = dir.path().join(id);
            std::fs::create_dir(&sub).unwrap();
            args.push("--series".to_owned());
            for document in case.documents() {
                let name = format!("{}.json", document.name);
                std::fs::write(sub.join(&name), document.document.bytes()).unwrap();
                args.push(format!("{id}/{name}"));
            }
        }
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(&args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let code = i32::from(case.expected.iter().any(|f| fails(&f.rule)));
        assert_eq!(out.status.code(), Some(code), "{id}");
        insta::with_settings!({
            snapshot_path => "snapshots/conformance",
            prepend_module_to_snapshot => false,
            description => case.description.as_str(),
        }, {
            insta::assert_snapshot!(id.as_str(), String::from_utf8_lossy(&out.stdout));
        });
        rendered += 1;
    }
    assert!(rendered > 0);
}
