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

/// Decodes bytes to text: BOMs first (UTF-8, UTF-16LE/BE), then UTF-16 without BOM (told by its
/// NUL bytes), then UTF-8 if valid, valid but for a character cut at the end, or valid but for a
/// few invalid bytes ([`mostly_utf8`]), else GB18030 (a superset of GBK and GB2312, the encodings
/// Chinese government sites use).
pub(crate) fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        return (text.into_owned(), encoding.name());
    }
    if let Some(decoded) = utf16_without_bom(bytes) {
        return decoded;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return (text.to_owned(), encoding_rs::UTF_8.name()),
        // A file cut inside its last character: the cut tail is replaced, the rest stays UTF-8.
        Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => {
            let mut text =
                String::from_utf8_lossy(bytes.get(..e.valid_up_to()).unwrap_or_default())
                    .into_owned();
            text.push(char::REPLACEMENT_CHARACTER);
            return (text, encoding_rs::UTF_8.name());
        }
        Err(_) => {
            if let Some(text) = mostly_utf8(bytes) {
                return (text, encoding_rs::UTF_8.name());
            }
        }
    }
    let (text, _, _) = encoding_rs::GB18030.decode(bytes);
    (text.into_owned(), encoding_rs::GB18030.name())
}

/// UTF-8 with a few bytes that are none (a converter that cuts a character where it pads a
/// column, a stray byte of another encoding), decoded with each such byte replaced: at least 20
/// valid non-ASCII characters for each invalid sequence. GB18030 text read as UTF-8 is almost
/// all invalid sequences (its two-byte characters seldom make a valid three-byte one), so it is
/// never taken for this; decoded as GB18030, a UTF-8 text would be nothing but mojibake.
fn mostly_utf8(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let (mut valid, mut invalid) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if c == char::REPLACEMENT_CHARACTER {
            invalid += 1;
        } else {
            valid += 1;
        }
    }
    (valid >= invalid.saturating_mul(20)).then(|| text.into_owned())
}

/// UTF-16 without a byte order mark. Text in UTF-8 or GB18030 never holds a NUL byte, while
/// UTF-16 of a report does at every ASCII character (digits, spaces, line ends): the high byte,
/// at odd offsets in little-endian, even in big-endian. One parity must hold a fair share of
/// NULs, the other almost none, and the whole must decode without error.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static str)> {
    let units = bytes.len() / 2;
    if units < 2 {
        return None;
    }
    let nul_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .take(units)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    let encoding = if odd * 20 >= units && even * 10 <= odd {
        encoding_rs::UTF_16LE
    } else if even * 20 >= units && odd * 10 <= even {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    // An odd trailing byte is a cut last unit: dropped, like a cut UTF-8 character.
    let whole = bytes.get(..units * 2)?;
    let text = encoding.decode_without_bom_handling_and_without_replacement(whole)?;
    Some((text.into_owned(), encoding.name()))
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

/// The bytes of `text` outside its table `fragments` (byte ranges), piece by piece.
fn outside<'t>(text: &'t str, fragments: &[(usize, usize)]) -> Vec<&'t [u8]> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::with_capacity(fragments.len() + 1);
    let mut from = 0;
    for &(start, end) in fragments {
        pieces.push(bytes.get(from..start).unwrap_or_default());
        from = end;
    }
    pieces.push(bytes.get(from..).unwrap_or_default());
    pieces
}

/// Whether decoded text declares itself an HTML page, its table `fragments` aside: a doctype or
/// `<html>` before anything else. Such a page is one whatever its name (a crawler that saves
/// the pages it fetches as `.txt`).
pub(crate) fn declares_html_page(text: &str, fragments: &[(usize, usize)]) -> bool {
    let pieces = outside(text, fragments);
    let first = pieces
        .iter()
        .map(|piece| piece.trim_ascii_start())
        .find(|piece| !piece.is_empty())
        .unwrap_or_default();
    starts_with_ignore_case(first, b"<!doctype html") || starts_with_ignore_case(first, b"<html")
}

/// Whether decoded text is an HTML page, its table `fragments` (byte ranges) aside: a doctype
/// or `<html>` first, a `<body>`, or a block element (`<p>`, `<div>`, `<h2>`, `<br>`, …).
/// Markdown whose tables are HTML (MinerU) holds tags only in its tables and their
/// `<html><body>` wrappers, which the fragments cover.
pub(crate) fn looks_like_html_page(text: &str, fragments: &[(usize, usize)]) -> bool {
    if declares_html_page(text, fragments) {
        return true;
    }
    outside(text, fragments).iter().any(|piece| {
        piece
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'<')
            .any(|(i, _)| {
                let tag = piece.get(i + 1..).unwrap_or_default();
                let name_len = tag.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                let name = tag.get(..name_len).unwrap_or_default().to_ascii_lowercase();
                let ends = tag
                    .get(name_len)
                    .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
                ends && (name == b"body" || crate::html::is_block_tag(&name))
            })
    })
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// The format a file name suggests, if any: the names the extractor reads (PDF, which it reads
/// as the text `pdftotext` makes of it, aside).
pub fn format_from_name(name: &str) -> Option<InputFormat> {
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
    fn utf16_without_bom_is_told_by_its_nul_bytes() {
        let text = "一、本年新收政府信息公开申请数量 80 1 0 0 0 0 81\n规章 0 0 3\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_text(&le), (text.to_owned(), "UTF-16LE"));
        assert_eq!(decode_text(&be), (text.to_owned(), "UTF-16BE"));
        // A cut last unit is dropped, not a reason to read the file as GB18030.
        assert_eq!(decode_text(&le[..le.len() - 1]).1, "UTF-16LE");
        // GB18030 and UTF-8 hold no NUL byte and stay what they are.
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode_text(&gbk).1, "gb18030");
    }

    #[test]
    fn utf8_cut_inside_its_last_character_stays_utf8() {
        let text = "规章 0 0 3\n行政许可 12 总计";
        let bytes = text.as_bytes();
        for cut in 1..3 {
            let (decoded, encoding) = decode_text(&bytes[..bytes.len() - cut]);
            assert_eq!(encoding, "UTF-8");
            assert_eq!(decoded, "规章 0 0 3\n行政许可 12 总\u{FFFD}");
        }
        // Invalid bytes inside the text are not a cut: GB18030 is tried.
        let (gbk, _, _) = encoding_rs::GBK.encode("规章 总计");
        assert_eq!(decode_text(&gbk).1, "gb18030");
    }

    #[test]
    fn utf8_with_a_few_invalid_bytes_stays_utf8() {
        // A character cut short inside the text (html2text pads columns by bytes), among 35 whole.
        let text = "一、本年新收政府信息公开申请数量 80 1 0 0 0 0 81\n规章 0 0 3\n总计\n二、上年结转政府信息公开申请数量";
        let mut bytes = text.as_bytes().to_vec();
        let cut = text.find("规章").expect("a label") + 2;
        bytes.remove(cut);
        let (decoded, encoding) = decode_text(&bytes);
        assert_eq!(encoding, "UTF-8");
        assert_eq!(decoded, text.replacen('规', "\u{FFFD}", 1));
        // GB18030 text, however long, is never mostly valid UTF-8.
        let long = text.repeat(50);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        assert_eq!(decode_text(&gbk).1, "gb18030");
    }

    #[test]
    fn recognises_html() {
        assert!(looks_like_html("<!DOCTYPE html><p>x</p>"));
        assert!(looks_like_html("<table><tr><td>1</td></tr></table>"));
        assert!(!looks_like_html("规章 | 0 |"));
    }

    #[test]
    fn a_page_is_told_from_markdown_holding_tables() {
        let page = |text: &str| looks_like_html_page(text, &crate::html::table_fragments(text));
        let table = "<table><tr><td>1</td></tr></table>";
        assert!(page(&format!("<!DOCTYPE html>\n{table}")));
        assert!(page(&format!("<h2>二、主动公开</h2>{table}")));
        assert!(page(&format!("<p>二、主动公开</p>\n{table}")));
        assert!(page(&format!("<div class=x>{table}</div>")));
        assert!(!page(&format!("# 二、主动公开\n\n{table}\n")));
        assert!(!page(&format!(
            "# 标题\n\n<html><body>{table}</body></html>\n\n<html><body>{table}</body></html>"
        )));
        assert!(!page("规章 < 3 <td"));
    }
}
