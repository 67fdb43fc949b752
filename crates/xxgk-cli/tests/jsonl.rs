//! `xxgk check` on JSON Lines datasets: one report per line, each named `FILE:LINE`, in order.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use common::xxgk_piped_in;

fn example() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/jingyue-2024.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("bundled example")).expect("JSON")
}

/// The JSON Lines output as values.
fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// A dataset: a conformant report, one with a changed cell, a blank line, a line that is not
/// JSON, and the conformant report again.
fn dataset() -> String {
    let good = example();
    let mut bad = good.clone();
    let cell = bad
        .pointer_mut("/applications/new_received/natural_person")
        .expect("cell");
    *cell = (cell.as_u64().expect("count") + 1).into();
    format!("{good}\n{bad}\r\n   \nnot a report\n{good}")
}

fn write_dataset(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, dataset()).expect("write dataset");
    path
}

#[test]
fn every_line_is_a_report_named_file_colon_line_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_dataset(dir.path(), "reports.jsonl");
    let out = xxgk_piped_in(
        dir.path(),
        &["check", "reports.jsonl", "--format", "json"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2), "an unreadable line exits 2");
    let values = lines(&out);
    let verdicts: Vec<(&str, &str)> = values
        .iter()
        .filter(|v| v["type"] != "diagnostic" && v["type"] != "summary")
        .map(|v| (v["file"].as_str().unwrap(), v["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("reports.jsonl:1", "verdict"),
            ("reports.jsonl:2", "verdict"),
            ("reports.jsonl:4", "unreadable"),
            ("reports.jsonl:5", "verdict"),
        ]
    );
    let findings: Vec<&Value> = values
        .iter()
        .filter(|v| v["type"] == "diagnostic")
        .collect();
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(f["file"], "reports.jsonl:2");
        assert_eq!(f["location"]["line"], 1, "located within the line: {f}");
    }
    let summary = values.last().unwrap();
    assert_eq!(
        (
            &summary["files"],
            &summary["conformant"],
            &summary["with_errors"],
            &summary["unreadable"]
        ),
        (&4.into(), &2.into(), &1.into(), &1.into())
    );
}

#[test]
fn one_thread_and_all_threads_print_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_dataset(dir.path(), "a.jsonl");
    let serial = xxgk_piped_in(
        dir.path(),
        &["check", "a.jsonl", "-j1", "--format", "json"],
        b"",
    );
    let parallel = xxgk_piped_in(dir.path(), &["check", "a.jsonl", "--format", "json"], b"");
    assert_eq!(serial.stdout, parallel.stdout);
}

#[test]
fn datasets_come_from_stdin_with_the_flag_and_from_directories() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = xxgk_piped_in(
        dir.path(),
        &["check", "--jsonl", "-", "--format", "json"],
        dataset().as_bytes(),
    );
    let files: Vec<String> = lines(&out)
        .iter()
        .filter(|v| v["type"] == "verdict")
        .map(|v| v["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(files, ["<stdin>:1", "<stdin>:2", "<stdin>:5"]);

    std::fs::create_dir(dir.path().join("d")).expect("mkdir");
    write_dataset(&dir.path().join("d"), "x.jsonl");
    let out = xxgk_piped_in(dir.path(), &["check", "d", "--format", "json"], b"");
    let summary = lines(&out).pop().unwrap();
    assert_eq!(summary["files"], 4, "{summary}");
}

/// A stream that never ends (a generator still running) with a line over the 32 MiB limit: the
/// line is reported with its number and the next report checked while the stream is still open,
/// in bounded memory, not when the stream ends (it does not).
#[test]
fn an_over_long_line_of_an_endless_stream_is_reported_and_reading_goes_on() {
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--jsonl", "--format", "json", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("xxgk runs");
    let mut input = child.stdin.take().expect("stdin");
    let generator = std::thread::spawn(move || {
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..40 {
            input.write_all(&chunk)?;
        }
        writeln!(input)?;
        writeln!(input, "{}", example())?;
        input.flush()?;
        // The generator goes on without writing: the stream stays open.
        std::thread::sleep(std::time::Duration::from_secs(120));
        Ok::<_, std::io::Error>(())
    });
    let stdout = child.stdout.take().expect("stdout");
    let (lines_out, lines_in) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines_out.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    while seen.len() < 2 {
        match lines_in.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(line) => seen.push(serde_json::from_str::<Value>(&line).expect("a JSON line")),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    drop(generator);
    assert_eq!(
        seen.len(),
        2,
        "not reported while the stream is open: {seen:?}"
    );
    assert_eq!(seen[0]["type"], "unreadable");
    assert_eq!(seen[0]["file"], "<stdin>:1");
    assert!(
        seen[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("32 MiB")),
        "{}",
        seen[0]
    );
    assert_eq!(seen[1]["type"], "verdict");
    assert_eq!(seen[1]["file"], "<stdin>:2");
    assert_eq!(seen[1]["verdict"], "conformant");
}
