//! Inputs that broke `xxgk` once: endless files, FIFOs, non-UTF-8 names, large DOCX, outputs that
//! collide or are links. Each must end, quickly, with a message naming the file.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds")
}

const SEED_003: &str = "003_fe18fb2511738761.txt";

/// Runs `xxgk ARGS` in `dir` with nothing on stdin, failing the test if it does not end within
/// 60 seconds (an input read forever, or a FIFO blocking the open).
fn xxgk_in(dir: &Path, args: &[&std::ffi::OsStr]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xxgk runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("xxgk {args:?} did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    xxgk_in(dir, &args)
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

#[cfg(unix)]
#[test]
fn endless_inputs_are_refused_by_name_without_being_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).expect("link");
    mkfifo(&dir.path().join("pipe.txt"));
    mkfifo(&dir.path().join("pipe.jsonl"));
    std::fs::copy(data().join(SEED_003), dir.path().join("good.txt")).expect("copy");

    // Named on the command line: refused, the batch goes on.
    let out = run(
        dir.path(),
        &[
            "check",
            "--lang",
            "en",
            "zero.txt",
            "pipe.txt",
            "pipe.jsonl",
            "good.txt",
        ],
    );
    assert_eq!(code(&out), 2, "{}", text(&out));
    let all = text(&out);
    for name in ["zero.txt", "pipe.txt", "pipe.jsonl"] {
        assert!(
            all.contains(&format!("{name}: not a regular file")),
            "{name} not refused in\n{all}"
        );
    }
    assert!(all.contains("4 files: 1 conformant"), "{all}");

    // Found in a directory: never opened, named in a message.
    let out = run(dir.path(), &["check", "--lang", "en", "."]);
    assert_eq!(code(&out), 2, "{}", text(&out));
    let all = text(&out);
    assert!(all.contains("./pipe.txt: not a regular file"), "{all}");
    assert!(all.contains("./zero.txt: not a regular file"), "{all}");

    let out = run(dir.path(), &["extract", "zero.txt"]);
    assert_eq!(code(&out), 2);
    assert!(text(&out).contains("zero.txt: not a regular file"));

    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).expect("link");
    mkfifo(&dir.path().join("pipe.json"));
    for name in ["zero.json", "pipe.json"] {
        // `conformance protocol` reads through the same reader (it once read a FIFO forever).
        for command in [&["certify", name][..], &["conformance", "protocol", name]] {
            let out = run(dir.path(), command);
            assert_eq!(code(&out), 2, "{command:?}");
            assert!(
                text(&out).contains(&format!("{name}: not a regular file")),
                "{command:?}: {}",
                text(&out)
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn endless_standard_input_is_read_only_up_to_the_limit() {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "-"])
        .stdin(std::fs::File::open("/dev/zero").expect("/dev/zero"))
        .output()
        .expect("xxgk runs");
    assert_eq!(code(&out), 2);
    assert!(
        text(&out).contains("larger than the 32 MiB limit"),
        "{}",
        text(&out)
    );
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_read_and_shown_lossily() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    // "政府.txt" in GBK, as unzipped from an archive made on Windows.
    let name = std::ffi::OsStr::from_bytes(b"\xd5\xfe\xb8\xae.txt");
    std::fs::copy(data().join(SEED_003), dir.path().join(name)).expect("copy");
    let out = xxgk_in(dir.path(), &[std::ffi::OsStr::new("check"), name]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert!(text(&out).contains("\u{FFFD}"), "{}", text(&out));

    let out_dir = std::ffi::OsStr::new("out");
    let out = xxgk_in(
        dir.path(),
        &[
            std::ffi::OsStr::new("extract"),
            name,
            std::ffi::OsStr::new("-o"),
            out_dir,
        ],
    );
    assert_eq!(code(&out), 0, "{}", text(&out));
    // The outputs keep the name's bytes.
    assert!(
        dir.path()
            .join("out")
            .join(std::ffi::OsStr::from_bytes(b"\xd5\xfe\xb8\xae.json"))
            .is_file()
    );
}

/// A DOCX of seed 003 (one paragraph per line) carrying a stored photo of `photo_bytes` bytes.
fn docx_with_photo(photo_bytes: usize) -> Vec<u8> {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let text = std::fs::read_to_string(data().join(SEED_003)).expect("seed");
    let body: String = text
        .lines()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(l)
            )
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored).expect("zip");
    zip.write_all(document.as_bytes()).expect("zip");
    // Incompressible, like a JPEG: a deterministic xorshift stream.
    let large = stored.large_file(photo_bytes as u64 >= u64::from(u32::MAX));
    zip.start_file("word/media/image1.jpeg", large)
        .expect("zip");
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut chunk = Vec::with_capacity(1 << 16);
    let mut left = photo_bytes;
    while left > 0 {
        chunk.clear();
        while chunk.len() < (1 << 16).min(left) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chunk.extend_from_slice(&state.to_le_bytes());
        }
        chunk.truncate((1 << 16).min(left));
        zip.write_all(&chunk).expect("zip");
        left -= chunk.len();
    }
    zip.finish().expect("zip");
    buffer.into_inner()
}

#[test]
fn a_docx_with_a_40_mb_photo_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = docx_with_photo(40 * 1024 * 1024);
    assert!(docx.len() > 40 * 1024 * 1024);
    std::fs::write(dir.path().join("report.docx"), &docx).expect("write");
    let out = run(dir.path(), &["check", "report.docx"]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert!(
        text(&out).contains("report.docx: 符合标准"),
        "{}",
        text(&out)
    );

    // Beyond the CLI's limit for a zip container, refused by size, named.
    let huge = dir.path().join("huge.docx");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(300 * 1024 * 1024))
        .expect("sparse file");
    let out = run(dir.path(), &["check", "--lang", "en", "huge.docx"]);
    assert_eq!(code(&out), 2);
    assert!(
        text(&out).contains(
            "huge.docx: 314572800 bytes is too large for one report (the limit is 256 MiB"
        ),
        "{}",
        text(&out)
    );
}

#[test]
fn extract_refuses_every_output_collision_before_writing_anything() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["a.txt", "a.provenance.txt", "B.txt", "b.html", "c.txt"] {
        std::fs::copy(data().join(SEED_003), dir.path().join(name)).expect("copy");
    }
    let out = run(
        dir.path(),
        &["extract", "a.txt", "a.provenance.txt", "c.txt", "-o", "out"],
    );
    assert_eq!(code(&out), 2);
    let all = text(&out);
    assert!(
        all.contains("a.txt, a.provenance.txt would all write a.provenance.json"),
        "{all}"
    );
    assert!(!dir.path().join("out").exists(), "something was written");

    // Names differing only in case collide on a case-insensitive file system.
    let out = run(dir.path(), &["extract", "B.txt", "b.html", "-o", "out"]);
    assert_eq!(code(&out), 2);
    assert!(
        text(&out).contains("B.txt, b.html would all write b.json"),
        "{}",
        text(&out)
    );
    assert!(!dir.path().join("out").exists());

    let out = run(dir.path(), &["extract", "a.txt", "c.txt", "-o", "out"]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    // No temporary file is left behind.
    assert_eq!(
        written,
        ["a.json", "a.provenance.json", "c.json", "c.provenance.json"]
    );
}

#[cfg(unix)]
#[test]
fn a_link_planted_in_the_output_directory_is_replaced_not_written_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(data().join(SEED_003), dir.path().join("a.txt")).expect("copy");
    let outside = dir.path().join("outside.json");
    std::fs::write(&outside, "precious").expect("write");
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    std::os::unix::fs::symlink(&outside, out_dir.join("a.json")).expect("link");
    std::os::unix::fs::symlink(&outside, out_dir.join("a.provenance.json")).expect("link");
    let out = run(dir.path(), &["extract", "a.txt", "-o", "out"]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&outside).expect("read"), "precious");
    for name in ["a.json", "a.provenance.json"] {
        let meta = std::fs::symlink_metadata(out_dir.join(name)).expect("written");
        assert!(meta.file_type().is_file(), "{name} is still a link");
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out_dir.join(name)).expect("read"))
                .expect("JSON");
        assert!(value.is_object());
    }
}

#[test]
fn an_output_that_cannot_be_written_names_its_input_and_the_rest_are_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["a.txt", "c.txt"] {
        std::fs::copy(data().join(SEED_003), dir.path().join(name)).expect("copy");
    }
    // A non-empty folder where `a.json` goes: renaming a file over it fails.
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(out_dir.join("a.json").join("kept")).expect("mkdir");
    let out = run(dir.path(), &["extract", "a.txt", "c.txt", "-o", "out"]);
    assert_eq!(code(&out), 2, "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("cannot write"))
        .collect();
    assert_eq!(failed.len(), 1, "{stderr}");
    assert!(
        failed
            .iter()
            .all(|l| l.starts_with("a.txt: ") && l.contains("a.json")),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("c.txt: ") && l.contains("200 of 200 cells read")),
        "{stderr}"
    );
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    // The folder is left alone, the other input's files are written, no temporary file is left.
    assert_eq!(written, ["a.json", "c.json", "c.provenance.json"]);
    assert!(out_dir.join("a.json").join("kept").is_dir());
}
