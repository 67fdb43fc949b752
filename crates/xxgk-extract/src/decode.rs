//! Detecting the kind of input (text, HTML, DOCX) and its character encoding, without a flag.

use serde::Serialize;

/// The kind of input that was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// Plain text in any of the layouts of converted reports (including Markdown).
    Text,
    /// An HTML page.
    Html,
    /// A Word document; positions refer to its `word/document.xml`.
    Docx,
}

/// Decodes bytes to text: BOMs first (UTF-8, UTF-16LE/BE), then UTF-8 if valid, else GB18030
/// (a superset of GBK and GB2312, the encodings Chinese government sites use).
pub(crate) fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        return (text.into_owned(), encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), encoding_rs::UTF_8.name());
    }
    let (text, _, _) = encoding_rs::GB18030.decode(bytes);
    (text.into_owned(), encoding_rs::GB18030.name())
}

/// Whether the bytes start like a ZIP archive (a DOCX).
pub(crate) fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether decoded text is an HTML page rather than text that mentions a tag.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    let start = text.len() - text.trim_start().len();
    let head = bytes.get(start..).unwrap_or_default();
    if starts_with_ignore_case(head, b"<!doctype html") || starts_with_ignore_case(head, b"<html") {
        return true;
    }
    let has = |tag: &[u8]| {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'<')
            .any(|(i, _)| starts_with_ignore_case(bytes.get(i..).unwrap_or_default(), tag))
    };
    (has(b"<table") && (has(b"<td") || has(b"<th")))
        || has(b"<body")
        || ((has(b"<p>") || has(b"<p ")) && has(b"</p>"))
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// The format a file name suggests, if any.
pub(crate) fn format_from_name(name: &str) -> Option<InputFormat> {
    let lower = name.to_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or_default();
    match ext {
        "docx" => Some(InputFormat::Docx),
        "html" | "htm" | "xhtml" | "shtml" => Some(InputFormat::Html),
        "txt" | "md" | "markdown" | "text" => Some(InputFormat::Text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("规章 总计");
        assert_eq!(decode_text(&gbk), ("规章 总计".to_owned(), "gb18030"));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "规章".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_text(&utf16), ("规章".to_owned(), "UTF-16LE"));
        assert_eq!(
            decode_text("\u{FEFF}规章".as_bytes()),
            ("规章".to_owned(), "UTF-8")
        );
    }

    #[test]
    fn recognises_html() {
        assert!(looks_like_html("<!DOCTYPE html><p>x</p>"));
        assert!(looks_like_html("<table><tr><td>1</td></tr></table>"));
        assert!(!looks_like_html("规章 | 0 |"));
    }
}
