//! Snapshots of what a person sees (`xxgk check --lang en`) for every failing conformance case.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn human_rendering_of_every_failing_case() {
    let suite = root().join("conformance");
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(suite.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut rendered = 0;
    for file in files {
        for case in json(&file)["cases"].as_array().unwrap() {
            if case["expected"].as_array().unwrap().is_empty() {
                continue;
            }
            let id = case["id"].as_str().unwrap();
            let name = format!("{id}.json");
            let text = match case["document"].as_str() {
                // Given byte for byte: the spelling of its numbers is what the case tests.
                Some(document) => {
                    std::fs::read_to_string(suite.join("documents").join(document)).unwrap()
                }
                None => {
                    let base = case["base"].as_str().unwrap();
                    let mut doc = json(&suite.join(format!("base/{base}.json")));
                    let patch: json_patch::Patch =
                        serde_json::from_value(case["patch"].clone()).unwrap();
                    json_patch::patch(&mut doc, &patch).unwrap();
                    serde_json::to_string_pretty(&doc).unwrap()
                }
            };
            std::fs::write(dir.path().join(&name), text).unwrap();
            let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
                .args(["check", "--lang", "en", &name])
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{id}");
            insta::with_settings!({
                snapshot_path => "snapshots/conformance",
                prepend_module_to_snapshot => false,
                description => case["description"].as_str().unwrap(),
            }, {
                insta::assert_snapshot!(id, String::from_utf8_lossy(&out.stdout));
            });
            rendered += 1;
        }
    }
    assert!(rendered > 0);
}
