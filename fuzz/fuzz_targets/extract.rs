//! Fuzzes extraction: any bytes, read as detected and as each named format, give an extraction or
//! an error, never a panic, and every provenance entry has a position.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for hint in [None, Some("r.txt"), Some("r.html"), Some("r.docx")] {
        if let Ok(extraction) = xxgk_extract::extract(data, hint) {
            assert!(extraction.report.is_object());
            for p in &extraction.provenance {
                assert!(p.line >= 1 && p.column >= 1, "{p:?}");
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = xxgk_extract::extract_text(text);
    }
});
