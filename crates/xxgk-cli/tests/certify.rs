//! `xxgk certify`: certificates of the real binary, their determinism, levels and verification.

mod common;

use serde_json::Value;

use common::{root, stdout, xxgk_in};

/// A directory with a clean report, one with a rule error and one that is not schema-valid.
fn reports() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("conformance/base/realistic.json")).unwrap();
    std::fs::write(dir.path().join("clean.json"), &base).unwrap();
    let mut doc: Value = serde_json::from_str(&base).unwrap();
    doc["review_litigation"]["review"]["upheld"] = 12.into();
    std::fs::write(dir.path().join("rules.json"), doc.to_string()).unwrap();
    doc["edition"] = "2018".into();
    std::fs::write(dir.path().join("schema.json"), doc.to_string()).unwrap();
    let base_2019 =
        std::fs::read_to_string(root().join("conformance/base/realistic-2019.json")).unwrap();
    std::fs::write(dir.path().join("clean-2019.json"), base_2019).unwrap();
    dir
}

/// A 2019-format report is certified under the 2019 edition, which the certificate records.
#[test]
fn a_2019_report_is_certified_under_its_edition() {
    let dir = reports();
    let out = xxgk_in(dir.path(), &["certify", "clean.json", "clean-2019.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let cert: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(cert["standard"]["edition"], "2021");
    assert_eq!(cert["other_standards"][0]["edition"], "2019");
    assert_eq!(
        cert["other_standards"][0]["schema_id"],
        "https://xxgk.org/schema/annual-report-2019/v1"
    );
    let files = cert["files"].as_array().unwrap();
    assert!(files[0].get("edition").is_none());
    assert_eq!(files[1]["edition"], "2019");
    assert_eq!(files[1]["level"], "clean");
    std::fs::write(dir.path().join("cert.json"), stdout(&out)).unwrap();
    let verified = xxgk_in(
        dir.path(),
        &[
            "certify",
            "--verify",
            "cert.json",
            "clean.json",
            "clean-2019.json",
        ],
    );
    assert_eq!(verified.status.code(), Some(0), "{}", stdout(&verified));
}

#[test]
fn certificate_records_standard_files_and_levels() {
    let dir = reports();
    let out = xxgk_in(
        dir.path(),
        &["certify", "clean.json", "rules.json", "schema.json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let cert: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(cert["standard"]["edition"], "2021");
    assert_eq!(
        cert["standard"]["schema_id"],
        "https://xxgk.org/schema/annual-report-2021/v1"
    );
    assert_eq!(
        cert["standard"]["schema_sha256"].as_str().unwrap().len(),
        64
    );
    assert_eq!(cert["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(cert.get("issued").is_none());
    let files = cert["files"].as_array().unwrap();
    let levels: Vec<&str> = files.iter().map(|f| f["level"].as_str().unwrap()).collect();
    assert_eq!(levels, ["clean", "schema-valid", "none"]);
    assert_eq!(files[1]["findings"], serde_json::json!({"R4": 1}));
    assert_eq!(files[1]["verdict"], "not-conformant");
    assert_eq!(files[2]["findings"]["S8"], 1);
    assert_ne!(files[0]["sha256"], files[1]["sha256"]);
    assert_eq!(cert["level"], "none");
}

#[test]
fn certificates_are_deterministic_unless_timestamped() {
    let dir = reports();
    let a = xxgk_in(dir.path(), &["certify", "clean.json"]);
    let b = xxgk_in(dir.path(), &["certify", "clean.json"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    let stamped = xxgk_in(dir.path(), &["certify", "--timestamp", "clean.json"]);
    let cert: Value = serde_json::from_str(&stdout(&stamped)).unwrap();
    let issued = cert["issued"].as_str().unwrap();
    assert_eq!(issued.len(), "2026-01-01T00:00:00Z".len(), "{issued}");
}

#[test]
fn verify_holds_until_a_file_changes() {
    let dir = reports();
    let out = xxgk_in(
        dir.path(),
        &["certify", "clean.json", "rules.json", "--out", "cert.json"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(dir.path().join("cert.json").exists());
    let verify = |files: &[&str]| {
        let mut args = vec!["certify", "--verify", "cert.json"];
        args.extend(files);
        xxgk_in(dir.path(), &args)
    };
    let out = verify(&["clean.json", "rules.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("certificate verified"));
    let out = verify(&["schema.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("schema.json: not in the certificate"));
    let text = std::fs::read_to_string(dir.path().join("clean.json")).unwrap();
    std::fs::write(dir.path().join("clean.json"), text + "\n").unwrap();
    let out = verify(&["clean.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("clean.json: changed since it was certified"));
}

#[test]
fn missing_file_is_a_usage_error() {
    let dir = reports();
    let out = xxgk_in(dir.path(), &["certify", "no-such.json"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `--verify` reads a regular file within the size limit: a link to `/dev/zero` is refused by
/// name, not read until memory runs out.
#[cfg(unix)]
#[test]
fn verify_refuses_a_certificate_that_never_ends() {
    let dir = reports();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("cert.json")).unwrap();
    let out = xxgk_in(
        dir.path(),
        &["certify", "--verify", "cert.json", "clean.json"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cert.json"), "{stderr}");
}
