//! Helpers shared by the CLI's integration tests: the workspace root, the built `xxgk` run in a
//! folder (arguments, standard input) and what it printed.

#![allow(dead_code)] // each test binary uses its own subset

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace root, where the bundled reports are named from.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The built `xxgk`, run in `dir` without colours (outputs are compared as text).
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    command
}

/// `xxgk ARGS` in `dir`, nothing on standard input.
pub fn xxgk_in(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("xxgk runs")
}

/// `xxgk ARGS` in the workspace root, nothing on standard input.
pub fn xxgk(args: &[&str]) -> Output {
    xxgk_in(&root(), args)
}

/// `xxgk ARGS` in `dir` with `stdin` piped in.
pub fn xxgk_piped_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xxgk runs");
    let mut input = child.stdin.take().expect("stdin");
    // The binary may exit before reading stdin (e.g. bad usage); a broken pipe is fine then.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("xxgk finishes")
}

/// `xxgk ARGS` in the workspace root with `stdin` piped in.
pub fn xxgk_piped(args: &[&str], stdin: &[u8]) -> Output {
    xxgk_piped_in(&root(), args, stdin)
}

/// What it printed on standard output.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What it printed on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Its exit code (-1 when a signal ended it).
pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Asserts that it succeeded, showing what it printed on standard error otherwise.
pub fn ok(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
}
