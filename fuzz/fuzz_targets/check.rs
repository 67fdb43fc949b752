//! Fuzzes the whole check path: any bytes, read as JSON and as YAML, must give diagnostics or an
//! input error, never a panic, and locating every diagnostic must succeed.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use xxgk_check::{Checker, Format};

static CHECKER: OnceLock<Checker> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let checker = CHECKER.get_or_init(|| Checker::new().expect("embedded standard compiles"));
    if let Ok(text) = std::str::from_utf8(data) {
        for format in [Format::Json, Format::Yaml] {
            if let Ok(outcome) = checker.check_text(text, format) {
                let _ = outcome.tally();
            }
        }
    }
});
