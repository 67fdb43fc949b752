//! Runs the generated Java, TypeScript and Python bindings through their toolchains (`javac`,
//! `tsc --strict`, `mypy --strict`) and their example programs on the bundled report and on an
//! edge-case report: each must print the totals `cargo run --example totals` prints, and
//! serialise the report back to JSON that is equal to the input with every number exact. The
//! 2019 edition's example programs run on every 2019-edition document of the conformance suite:
//! each cell they print is the input's value at its pointer, and the round trip is exact.
//!
//! A missing toolchain skips its test with a message locally, and fails it under `CI=true`
//! (`.ci/run` installs them through `bindings/setup.sh`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

use super::root;

/// The bundled example report.
const EXAMPLE: &str = "examples/jingyue-2024.json";

/// Where `bindings/setup.sh` puts the Python virtual environment, relative to the root.
const VENV: &str = "target/bindings/venv";

/// The classpath of Debian's Jackson jars.
fn jackson_classpath() -> String {
    let dir = std::env::var("JACKSON_DIR").unwrap_or_else(|_| "/usr/share/java".to_owned());
    ["jackson-databind", "jackson-core", "jackson-annotations"]
        .map(|jar| format!("{dir}/{jar}.jar"))
        .join(":")
}

/// Skips (locally) or fails (under `CI=true`) when a toolchain is absent; `true` means run.
fn toolchain_present(language: &str, missing: Option<String>) -> bool {
    let Some(missing) = missing else {
        return true;
    };
    let message = format!(
        "the {language} binding's toolchain is absent ({missing}); run `bash bindings/setup.sh`"
    );
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "{message} (CI installs it)"
    );
    eprintln!("skipped: {message}");
    false
}

fn missing_command(program: &str, arg: &str) -> Option<String> {
    match Command::new(program).arg(arg).output() {
        Ok(output) if output.status.success() => None,
        _ => Some(format!("`{program} {arg}` does not run")),
    }
}

fn missing_file(path: &Path) -> Option<String> {
    (!path.exists()).then(|| format!("{} does not exist", path.display()))
}

/// Runs a command from the workspace root; its stdout, or a panic with everything it printed.
fn run(command: &mut Command) -> String {
    let output = command
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("{command:?}: not UTF-8: {e}"))
}

/// A report that stresses exactness: counts at 2^64 − 1 and written as `9.893e3`, a 25-digit
/// amount, quotes and a backslash in text, and numbers beyond any float in `extensions`.
fn edge_report() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let text = std::fs::read_to_string(root().join(EXAMPLE)).expect("the example report");
        let mut report: Value = serde_json::from_str(&text).expect("the example is JSON");
        report["metadata"]["organ"]["name"] = "净月\"高新\"区 \\ 管委会 🙂".into();
        report["applications"]["new_received"]["total"] = u64::MAX.into();
        report["review_litigation"]["review"]["total"] = u64::MAX.into();
        report["active_disclosure"]["fees"]["amount_wan_yuan"] =
            "123456789012345.0123456789".into();
        report["active_disclosure"]["licensing"]["decisions"] = "@count_with_exponent@".into();
        report["extensions"] = serde_json::json!({
            "org.example": {"big": "@big@", "precise": "@precise@", "list": [1, "@small@", true, null]}
        });
        let text = serde_json::to_string_pretty(&report)
            .expect("a Value serialises")
            .replace("\"@count_with_exponent@\"", "9.893e3")
            .replace("\"@big@\"", "123456789012345678901234567890")
            .replace("\"@precise@\"", "1.000000000000000000001")
            .replace("\"@small@\"", "-0.5e-3");
        let path = root().join("target/bindings/edge-report.json");
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("target/bindings");
        std::fs::write(&path, text).expect("write the edge report");
        path
    })
    .clone()
}

/// What `cargo run --example totals` prints for a report.
fn rust_totals(path: &Path) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo)
        .args(["run", "--quiet", "--example", "totals", "--"])
        .arg(path))
}

/// The inputs every binding is run on, with the Rust example's totals for each.
fn cases() -> &'static [(PathBuf, String)] {
    static CASES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    CASES.get_or_init(|| {
        [root().join(EXAMPLE), edge_report()]
            .into_iter()
            .map(|path| {
                let totals = rust_totals(&path);
                (path, totals)
            })
            .collect()
    })
}

/// Canonical form of a JSON number token: sign, significant digits, exponent (`-0` is `0`).
fn canonical_number(token: &str) -> String {
    let (negative, unsigned) = match token.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let exponent: i64 = exponent.trim_start_matches('+').parse().unwrap_or(i64::MAX);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let significant = digits.trim_end_matches('0');
    if significant.is_empty() {
        return "0".to_owned();
    }
    let scale = exponent - fraction.len() as i64 + (digits.len() - significant.len()) as i64;
    let sign = if negative { "-" } else { "" };
    format!("{sign}{significant}e{scale}")
}

/// Parses JSON with every number turned into a string of its exact value, so that `Value`
/// equality compares numbers exactly (serde_json alone would round big ones to a float).
fn exact_json(text: &str) -> Value {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_string = false;
    while let Some(c) = rest.chars().next() {
        if in_string {
            let len = if c == '\\' { 2 } else { c.len_utf8() };
            let (piece, tail) = rest.split_at(len.min(rest.len()));
            out.push_str(piece);
            rest = tail;
            in_string = c != '"';
        } else if c == '-' || c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
                .unwrap_or(rest.len());
            let (token, tail) = rest.split_at(end);
            out.push_str(&format!("\"#{}\"", canonical_number(token)));
            rest = tail;
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            in_string = c == '"';
        }
    }
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Runs a binding's example program on every case: totals as Rust prints them, and an exact
/// round trip through `--json`.
fn compare_with_rust(language: &str, program: impl Fn() -> Command) {
    for (path, rust) in cases() {
        let totals = run(program().arg(path));
        assert_eq!(
            &totals,
            rust,
            "{language} totals differ from Rust's on {}",
            path.display()
        );
        let json = run(program().arg("--json").arg(path));
        let input = std::fs::read_to_string(path).expect("the case file");
        assert_eq!(
            exact_json(&json),
            exact_json(&input),
            "the {language} round trip of {} is not the same JSON",
            path.display()
        );
    }
}

/// A document of the 2019 edition from the conformance suite, written to a file.
struct Document2019 {
    /// The case (and, in a series, the document) it comes from.
    name: String,
    path: PathBuf,
    /// Whether its values have the schema's types: no schema rule (`S…`) is expected to fire on
    /// it and it is readable. Such a document must be read; another may be refused.
    typed: bool,
}

/// The ids of the schema rules of both catalogues.
fn schema_rule_ids() -> BTreeSet<String> {
    ["schema/rules-2021.json", "schema/rules-2019.json"]
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(root().join(path)).expect(path);
            let rules: Value = serde_json::from_str(&text).expect(path);
            rules["schema_rules"]
                .as_array()
                .expect("schema_rules")
                .iter()
                .map(|r| r["id"].as_str().expect("an id").to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The bytes of one document of a case: a file of `documents/` unchanged, or a base patched.
fn case_document(entry: &Value) -> Vec<u8> {
    let dir = root().join("conformance");
    if let Some(file) = entry["document"].as_str() {
        return std::fs::read(dir.join("documents").join(file)).expect("a case document");
    }
    let base = entry["base"].as_str().expect("a base or a document");
    let text = std::fs::read_to_string(dir.join("base").join(format!("{base}.json")))
        .expect("a base report");
    let mut document: Value = serde_json::from_str(&text).expect("a base is JSON");
    let patch: json_patch::Patch =
        serde_json::from_value(entry["patch"].clone()).expect("a JSON Patch");
    json_patch::patch(&mut document, &patch).expect("the patch applies");
    serde_json::to_vec_pretty(&document).expect("a Value serialises")
}

/// The real 2019-format reports of `examples/real/`: published with blank cells, which are absent,
/// so not of the schema's types; a binding refuses them or keeps the blanks absent.
const REAL_2019: [&str; 1] = ["examples/real/huizhan-2020-2019.json"];

/// Every distinct document of the suite whose `edition` is 2019, written under `target/bindings`,
/// and the real 2019-format reports.
fn documents_2019() -> &'static [Document2019] {
    static DOCUMENTS: OnceLock<Vec<Document2019>> = OnceLock::new();
    DOCUMENTS.get_or_init(|| {
        let schema_rules = schema_rule_ids();
        let out = root().join("target/bindings/edition-2019");
        std::fs::create_dir_all(&out).expect("target/bindings/edition-2019");
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("conformance/cases"))
            .expect("conformance/cases")
            .map(|e| e.expect("an entry").path())
            .collect();
        files.sort();
        let mut seen = BTreeSet::new();
        let mut documents = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a case file");
            let cases: Value = serde_json::from_str(&text).expect("a case file is JSON");
            for case in cases["cases"].as_array().expect("cases") {
                let id = case["id"].as_str().expect("an id");
                let entries: Vec<(Option<&str>, &Value)> = match case["documents"].as_array() {
                    Some(list) => list.iter().map(|d| (d["name"].as_str(), d)).collect(),
                    None => vec![(None, case)],
                };
                for (name, entry) in entries {
                    let bytes = case_document(entry);
                    let edition = serde_json::from_slice::<Value>(&bytes)
                        .ok()
                        .and_then(|v| v["edition"].as_str().map(str::to_owned));
                    if edition.as_deref() != Some("2019") || !seen.insert(bytes.clone()) {
                        continue;
                    }
                    let typed = case["unreadable"] != Value::Bool(true)
                        && !case["expected"]
                            .as_array()
                            .expect("expected")
                            .iter()
                            .any(|f| {
                                f["document"].as_str() == name
                                    && schema_rules.contains(f["rule"].as_str().unwrap_or_default())
                            });
                    let name = match name {
                        Some(name) => format!("{id}-{name}"),
                        None => id.to_owned(),
                    };
                    let path = out.join(format!("{name}.json"));
                    std::fs::write(&path, &bytes).expect("write a 2019 document");
                    documents.push(Document2019 { name, path, typed });
                }
            }
        }
        documents.extend(REAL_2019.iter().map(|path| Document2019 {
            name: (*path).to_owned(),
            path: root().join(path),
            typed: false,
        }));
        documents
    })
}

fn output(command: &mut Command) -> Output {
    command
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// Runs a binding's 2019 example program on every 2019 document of the suite: a typed document
/// is read, every cell printed is the input's exact value at its pointer, and the round trip is
/// the same JSON; another document is refused or round-trips exactly, never altered. A 2021
/// report is refused.
fn edition_2019_documents(language: &str, program: impl Fn() -> Command) {
    let documents = documents_2019();
    assert!(
        documents.iter().filter(|d| d.typed).count() >= 10,
        "the suite has fewer 2019 documents than expected"
    );
    let mut negatives = 0;
    for document in documents {
        let input_text = std::fs::read_to_string(&document.path).unwrap_or_default();
        let round_trip = output(program().arg("--json").arg(&document.path));
        if !document.typed && !round_trip.status.success() {
            continue;
        }
        let json = String::from_utf8(round_trip.stdout).expect("UTF-8");
        assert!(
            round_trip.status.success(),
            "{language} refuses the 2019 document {}:\n{}",
            document.name,
            String::from_utf8_lossy(&round_trip.stderr)
        );
        let input = exact_json(&input_text);
        assert_eq!(
            exact_json(&json),
            input,
            "the {language} round trip of the 2019 document {} is not the same JSON",
            document.name
        );
        if !document.typed {
            continue;
        }
        let cells = run(program().arg(&document.path));
        assert!(cells.lines().count() > 190, "{language}: too few cells");
        for line in cells.lines() {
            let (pointer, value) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{language}: not `pointer TAB value`: {line}"));
            let expected = input.pointer(pointer);
            let actual = exact_json(value);
            assert_eq!(
                Some(&actual),
                expected,
                "{language} reads {pointer} of {} wrongly",
                document.name
            );
            negatives += usize::from(actual.as_str().is_some_and(|v| v.starts_with("#-")));
        }
    }
    assert!(
        negatives > 0,
        "{language}: no negative 本年增/减 was compared"
    );
    let other = output(program().arg(root().join(EXAMPLE)));
    assert!(
        !other.status.success(),
        "the {language} 2019 program accepts a 2021 report"
    );
}

#[test]
fn canonical_numbers_compare_values_not_spelling() {
    assert_eq!(canonical_number("9.893e3"), canonical_number("9893"));
    assert_eq!(canonical_number("-0.0"), canonical_number("0"));
    assert_eq!(canonical_number("1.50"), canonical_number("15e-1"));
    assert_ne!(
        canonical_number("1.000000000000000000001"),
        canonical_number("1")
    );
    assert_ne!(
        canonical_number("18446744073709551615"),
        canonical_number("18446744073709551616")
    );
    assert_eq!(
        exact_json(r#"{"a": [1.0, "-2\"x", 3e2]}"#),
        serde_json::json!({"a": ["#1e0", "-2\"x", "#3e2"]})
    );
}

/// The packages carry the schema's version, so that an integrator's dependency names the edition
/// of the standard it was generated from.
#[test]
fn package_versions_follow_the_schema() {
    let read = |path: &str| std::fs::read_to_string(root().join(path)).expect(path);
    // The published schema's `x-version`, which the model's `SCHEMA_VERSION` is generated from.
    let schema: Value =
        serde_json::from_str(&read("schema/annual-report-2021.schema.json")).unwrap();
    let version = &schema["x-version"];
    assert!(version.is_string(), "the schema has no x-version");
    let npm: Value = serde_json::from_str(&read("bindings/typescript/package.json")).unwrap();
    assert_eq!(&npm["version"], version);
    let lock: Value = serde_json::from_str(&read("bindings/typescript/package-lock.json")).unwrap();
    assert_eq!(&lock["version"], version);
    let python = format!("\nversion = \"{}\"\n", version.as_str().unwrap());
    assert!(read("bindings/python/pyproject.toml").contains(&python));
}

#[test]
fn java_binding_matches_rust() {
    let jackson = jackson_classpath();
    let missing = missing_command("javac", "-version")
        .or_else(|| missing_command("java", "-version"))
        .or_else(|| missing_file(Path::new(jackson.split(':').next().unwrap_or_default())));
    if !toolchain_present("Java", missing) {
        return;
    }
    // `javac -Xlint:all -Werror`, then `jar`.
    run(Command::new("bash").arg("bindings/java/build.sh"));
    let classpath =
        format!("bindings/java/build/xxgk-model.jar:bindings/java/build/examples:{jackson}");
    compare_with_rust("Java", || {
        let mut command = Command::new("java");
        command
            .current_dir(root())
            .args(["-cp", &classpath, "Totals"]);
        command
    });
    edition_2019_documents("Java", || {
        let mut command = Command::new("java");
        command.args(["-cp", &classpath, "Cells2019"]);
        command
    });
    // The 2021 package refuses a report of the 2019 edition (its `edition` is another constant).
    let base_2019 = root().join("conformance/base/realistic-2019.json");
    let refused = output(
        Command::new("java")
            .args(["-cp", &classpath, "Totals"])
            .arg(base_2019),
    );
    assert!(
        !refused.status.success(),
        "the Java 2021 package reads a 2019 report"
    );
    // Jackson's default coercions would read an amount written as a number as the string of
    // its digits, and a number as an enum constant (a wrong value): the 2021 mapper refuses both.
    let base: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("conformance/base/realistic.json"))
            .expect("the 2021 base report"),
    )
    .expect("the base is JSON");
    let out = root().join("target/bindings/coercion");
    std::fs::create_dir_all(&out).expect("target/bindings/coercion");
    for (name, pointer, value) in [
        (
            "amount-as-number",
            "/active_disclosure/fees/amount_wan_yuan",
            serde_json::json!(1.5),
        ),
        (
            "level-as-number",
            "/metadata/organ/level",
            serde_json::json!(3),
        ),
    ] {
        let mut document = base.clone();
        *document
            .pointer_mut(pointer)
            .expect("the base has the cell") = value;
        let path = out.join(format!("{name}.json"));
        std::fs::write(&path, document.to_string()).expect("write the document");
        let read = output(
            Command::new("java")
                .args(["-cp", &classpath, "Totals"])
                .arg(&path),
        );
        assert!(
            !read.status.success(),
            "the Java 2021 package reads {name} ({pointer}) instead of refusing it"
        );
    }
}

#[test]
fn typescript_binding_matches_rust() {
    let tsc = root().join("bindings/typescript/node_modules/.bin/tsc");
    let missing = missing_command("node", "--version").or_else(|| missing_file(&tsc));
    if !toolchain_present("TypeScript", missing) {
        return;
    }
    run(Command::new(&tsc).args(["--strict", "-p", "bindings/typescript"]));
    compare_with_rust("TypeScript", || {
        let mut command = Command::new("node");
        command
            .current_dir(root())
            .arg("bindings/typescript/dist/examples/totals.js");
        command
    });
    edition_2019_documents("TypeScript", || {
        let mut command = Command::new("node");
        command.arg("bindings/typescript/dist/examples/cells2019.js");
        command
    });
}

#[test]
fn python_binding_matches_rust() {
    let venv = root().join(VENV);
    let missing = missing_file(&venv.join("bin/mypy"));
    if !toolchain_present("Python", missing) {
        return;
    }
    run(Command::new(venv.join("bin/mypy"))
        .args(["--strict", "--cache-dir", "target/bindings/mypy-cache"])
        .args([
            "bindings/python/src/xxgk_model",
            "bindings/python/examples/totals.py",
            "bindings/python/examples/cells_2019.py",
        ])
        .env("MYPYPATH", "bindings/python/src"));
    compare_with_rust("Python", || {
        // The working tree's package, not the copy `pip install` made.
        let mut command = Command::new(venv.join("bin/python"));
        command
            .current_dir(root())
            .arg("bindings/python/examples/totals.py")
            .env("PYTHONPATH", "bindings/python/src");
        command
    });
    edition_2019_documents("Python", || {
        let mut command = Command::new(venv.join("bin/python"));
        command
            .arg("bindings/python/examples/cells_2019.py")
            .env("PYTHONPATH", "bindings/python/src");
        command
    });
}
