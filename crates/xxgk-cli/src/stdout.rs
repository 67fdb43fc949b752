//! Standard output of the commands that print a text: a reader that stops early (`xxgk rules |
//! head -1`) ends the output quietly, as with any Unix tool, and other write failures are reported.

use std::io::{ErrorKind, Write};

use crate::EXIT_USAGE;

/// Writes `bytes` to standard output. A closed pipe is no error: the reader chose to stop.
pub fn write(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        written => written,
    }
}

/// Writes `text` to standard output and returns `code`, the command's exit code, or an I/O
/// failure's when the output could not be written (a full disk behind a redirection).
pub fn emit(text: &str, code: u8) -> u8 {
    match write(text.as_bytes()) {
        Ok(()) => code,
        Err(e) => {
            eprintln!("xxgk: cannot write to standard output: {e}");
            EXIT_USAGE
        }
    }
}
