//! The ecosystem's own validators on `xxgk check --format sarif|junit`: Microsoft's SARIF
//! Multitool (`validate`, default rules, no error and no warning) and `xmllint` against Jenkins'
//! JUnit schema, on every kind of input a user gives: absolute and relative paths, names with
//! spaces, Chinese, `%` and `#`, a name that is not UTF-8, findings, unread values, conformant
//! and unreadable files, canonical JSON, published text, a dataset and standard input.
//! `tests/ecosystem/setup.sh` installs both; a missing one skips locally and fails under `CI=true`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ecosystem")
}

fn multitool() -> PathBuf {
    here().join("node_modules/.bin/sarif-multitool")
}

/// Skips (locally) or fails (under `CI=true`) when a validator is absent; `true` means run.
#[allow(clippy::print_stderr)]
fn installed() -> bool {
    let mut missing = Vec::new();
    if !multitool().exists() {
        missing.push("the SARIF Multitool");
    }
    let xmllint = Command::new("xmllint")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !xmllint.is_ok_and(|s| s.success()) {
        missing.push("xmllint");
    }
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "{} absent; run `bash crates/xxgk-cli/tests/ecosystem/setup.sh`",
        missing.join(" and ")
    );
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "{message} (CI installs them)"
    );
    eprintln!("skipped: {message}");
    false
}

fn example() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/jingyue-2024.json");
    std::fs::read_to_string(path).expect("the example")
}

fn seed(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/seeds")
        .join(name);
    std::fs::read(path).expect("a seed")
}

/// A folder of inputs of every kind, named as reports here are named.
fn inputs() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("xxgk 生态 #1% ")
        .tempdir()
        .expect("a temporary folder");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    let good = example();
    let broken = good.replacen("\"natural_person\": 298", "\"natural_person\": 297", 1);
    assert_ne!(good, broken);
    write("报告 2024.json", good.as_bytes());
    write("坏 报告#1%?.json", broken.as_bytes());
    write("a:b.json", broken.as_bytes());
    write("not json.json", b"{\"metadata\": ");
    // A published report with findings, and one whose heading the reader cannot read.
    write("公开 年报 004.txt", &seed("004_6d5913b8bb86481d.txt"));
    let text = String::from_utf8(seed("003_fe18fb2511738761.txt")).unwrap();
    let heading = "四、政府信息公开行政复议、行政诉讼情况";
    assert!(text.contains(heading));
    write(
        "无法判定.txt",
        text.replacen(heading, "鍥涖\u{FFFD}佹斂搴滀俊鎭", 1)
            .as_bytes(),
    );
    let line = |doc: &str| serde_json::to_string(&serde_json::from_str::<Value>(doc).unwrap());
    let dataset = format!(
        "{}\n{}\nnot json\n",
        line(&good).unwrap(),
        line(&broken).unwrap()
    );
    write("数据 集.jsonl", dataset.as_bytes());
    // Two years of another organ with a carry-over mismatch: the series rules' SARIF results
    // point into both files (`--series`).
    let mut previous: Value = serde_json::from_str(&good).unwrap();
    previous["metadata"]["organ"]["name"] = Value::from("系列 机关");
    let mut current = previous.clone();
    previous["metadata"]["report_year"] = Value::from(2023);
    let carried = current["applications"]["carried_over"]["total"]
        .as_u64()
        .unwrap();
    current["applications"]["carried_over"]["total"] = Value::from(carried + 1);
    write("系列 2023.json", previous.to_string().as_bytes());
    write("系列 2024.json", current.to_string().as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let name = std::ffi::OsStr::from_bytes(b"gbk \xb1\xa8\xb8\xe6.json");
        std::fs::write(dir.path().join(name), broken.as_bytes()).unwrap();
    }
    dir
}

fn xxgk(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xxgk runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin).expect("stdin written");
    drop(input);
    child.wait_with_output().expect("xxgk ends")
}

/// Every way of naming the inputs: relative to where xxgk runs, absolute, a whole folder.
fn invocations(dir: &Path) -> Vec<(String, Vec<String>, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let names = |absolute: bool| -> Vec<String> {
        files
            .iter()
            .map(|p| {
                let p = if absolute {
                    p.clone()
                } else {
                    PathBuf::from(p.file_name().unwrap())
                };
                p.to_str().map(str::to_owned).unwrap_or_default()
            })
            .filter(|p| !p.is_empty())
            .collect()
    };
    let stdin = example().replacen("\"natural_person\": 298", "\"natural_person\": 297", 1);
    vec![
        ("relative".into(), names(false), Vec::new()),
        ("absolute".into(), names(true), Vec::new()),
        ("folder".into(), vec![".".into()], Vec::new()),
        (
            "absolute-folder".into(),
            vec![dir.to_str().unwrap().to_owned()],
            Vec::new(),
        ),
        (
            "series".into(),
            vec!["--series".into(), ".".into()],
            Vec::new(),
        ),
        ("stdin".into(), vec!["-".into()], stdin.into_bytes()),
        (
            "stdin-dataset".into(),
            vec!["--jsonl".into(), "-".into()],
            std::fs::read(dir.join("数据 集.jsonl")).unwrap(),
        ),
    ]
}

/// The errors and warnings the SARIF Multitool reports on `log`.
fn multitool_complaints(log: &Path) -> Vec<String> {
    let report = log.with_extension("validation.sarif");
    let out = Command::new(multitool())
        .arg("validate")
        .arg(log)
        .arg("--output")
        .arg(&report)
        .args(["--log", "ForceOverwrite"])
        .output()
        .expect("the multitool runs");
    assert!(
        out.status.success(),
        "the multitool failed on {}: {}{}",
        log.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let validation: Value =
        serde_json::from_slice(&std::fs::read(&report).expect("the validation log")).unwrap();
    validation["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        // A result's level defaults to `warning`; notes are suggestions.
        .filter(|r| r["level"].as_str().unwrap_or("warning") != "note")
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect()
}

#[test]
fn sarif_and_junit_pass_the_ecosystems_validators() {
    if !installed() {
        return;
    }
    let dir = inputs();
    let out_dir = tempfile::tempdir().unwrap();
    let xsd = here().join("junit-10.xsd");
    let mut uris = Vec::new();
    for (case, args, stdin) in invocations(dir.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let sarif = xxgk(
            dir.path(),
            &[&["check", "--format", "sarif", "--notes"], &args[..]].concat(),
            &stdin,
        );
        assert!(
            matches!(sarif.status.code(), Some(1 | 2)),
            "{case}: {}",
            String::from_utf8_lossy(&sarif.stderr)
        );
        let log: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert!(!results.is_empty(), "{case}: no result");
        for r in results {
            let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            uris.extend(location["uri"].as_str().map(str::to_owned));
        }
        let file = out_dir.path().join(format!("{case}.sarif"));
        std::fs::write(&file, &sarif.stdout).unwrap();
        let complaints = multitool_complaints(&file);
        assert!(complaints.is_empty(), "{case}: {complaints:#?}");

        let junit = xxgk(
            dir.path(),
            &[&["check", "--format", "junit"], &args[..]].concat(),
            &stdin,
        );
        let file = out_dir.path().join(format!("{case}.xml"));
        std::fs::write(&file, &junit.stdout).unwrap();
        let lint = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(&xsd)
            .arg(&file)
            .output()
            .expect("xmllint runs");
        assert!(
            lint.status.success(),
            "{case}: {}\n{}",
            String::from_utf8_lossy(&lint.stderr),
            String::from_utf8_lossy(&junit.stdout)
        );
    }
    // The names reached the logs percent-encoded, relative or as `file` URIs.
    let mut expected = vec![
        "%E5%9D%8F%20%E6%8A%A5%E5%91%8A%231%25%3F.json",
        "./a:b.json",
    ];
    if cfg!(unix) {
        // A GBK name, as a Chinese Windows share mounted on Linux gives: its bytes, encoded.
        expected.push("./gbk%20%B1%A8%B8%E6.json");
    }
    for expected in expected {
        assert!(
            uris.iter().any(|u| u == expected),
            "{expected} not in {uris:#?}"
        );
    }
    assert!(
        uris.iter().any(|u| u.starts_with("file:///")
            && u.ends_with("/%E6%97%A0%E6%B3%95%E5%88%A4%E5%AE%9A.txt")),
        "{uris:#?}"
    );
}
