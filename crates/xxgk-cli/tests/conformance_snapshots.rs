//! Snapshots of what a person sees (`xxgk check --lang en`) for every failing conformance case.

use std::path::Path;
use std::process::Command;

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
    for case in suite.cases().iter().filter(|c| !c.expected.is_empty()) {
        let id = &case.id;
        let name = format!("{id}.json");
        // The bytes a runner writes: a document given byte for byte is unchanged, since the
        // spelling of its numbers is what the case tests.
        std::fs::write(dir.path().join(&name), case.document().bytes()).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["check", "--lang", "en", &name])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        // Content rules are warnings: a case expecting only them is conformant (exit 0).
        let errors = case
            .expected
            .iter()
            .any(|f| !warnings.contains(&f.rule.as_str()));
        assert_eq!(out.status.code(), Some(if errors { 1 } else { 0 }), "{id}");
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
