//! Text a PDF converter placed run by run on its pages: poppler `pdftohtml`'s HTML (`-s
//! -noframes`: each run of glyphs a `<p style="position:absolute;top:…px;left:…px">` in a page's
//! `<div>`, its font size in the page's CSS) and XML (`-xml`: `<text top left width height>` in
//! `<page>`). The order of the runs is the converter's, not the page's, and a table's row is
//! several runs, so each page is laid out again as `pdftotext -layout` prints it: runs whose
//! middles stand level (each within a fraction of a line of the one above it) make one line,
//! left to right; runs apart are separated by at least two
//! spaces, up to the column their left edge stands at (so the text layouts' recogniser reads the
//! cells and their columns); a run touching the one before it continues its word, but two
//! figures are never joined.

use std::collections::HashMap;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::html::positioned_text;
use crate::normalize::{Glyph, PosCursor, PosText};

/// Share of the text that must stand in positioned runs for a page to be read as laid out.
const PLACED_SHARE: f64 = 0.9;

/// Vertical distance, in font sizes, within which two runs' middles stand on one line.
const LEVEL: f64 = 0.4;

/// Horizontal gap, in font sizes, below which a run touches the one before it.
const TOUCHING: f64 = 0.3;

/// A run of glyphs at its place on a page.
#[derive(Debug)]
struct Run {
    page: usize,
    top: f64,
    left: f64,
    /// The run's height (XML) or its font's size (HTML).
    size: f64,
    /// The run's width (XML); estimated from its characters where the converter gives none.
    width: Option<f64>,
    text: PosText,
}

impl Run {
    fn middle(&self) -> f64 {
        self.top + self.size / 2.0
    }

    fn right(&self) -> f64 {
        self.left
            + self.width.unwrap_or_else(|| {
                self.text
                    .glyphs
                    .iter()
                    .map(|g| columns(g.ch) as f64 * self.size / 2.0)
                    .sum()
            })
    }
}

/// Columns a character takes in a `pdftotext -layout` line: two for a wide (CJK) one.
fn columns(c: char) -> usize {
    if c.is_ascii() || ('\u{2000}'..='\u{206F}').contains(&c) {
        1
    } else {
        2
    }
}

/// A run being read: where and in which font it stands, its text lines so far (`<br>`).
struct OpenRun {
    page: usize,
    top: f64,
    left: f64,
    font: Font,
    width: Option<f64>,
    lines: Vec<PosText>,
}

/// A run's font: a CSS class (HTML) or a height (XML).
enum Font {
    Class(String),
    Height(f64),
}

/// The lines of a page laid out by a PDF converter (`pdftohtml` HTML or XML), rebuilt in the
/// page's order; `None` when the text is no such page.
pub(crate) fn lines(source: &str) -> Option<Vec<PosText>> {
    let xml = source.contains("<pdf2xml");
    if !xml && !source.contains("position:absolute") {
        return None;
    }
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut cursor = PosCursor::new(source);
    // CSS class → (font size, line height), from `.ft12{font-size:13px;line-height:21px;…}`.
    let mut css = String::new();
    let mut in_style = false;
    let mut skip_depth = 0usize;
    let mut page = 0usize;
    let mut open: Option<OpenRun> = None;
    let mut runs: Vec<(OpenRun, Vec<PosText>)> = Vec::new();
    let (mut placed, mut loose) = (0usize, 0usize);
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.0.as_slice();
                let attr = |key: &[u8]| {
                    tag.attributes
                        .iter()
                        .find(|(k, _)| k.0.as_slice() == key)
                        .map(|(_, v)| String::from_utf8_lossy(&v.value.0).into_owned())
                };
                match name {
                    b"style" => in_style = !tag.self_closing,
                    b"script" | b"title" | b"head" if !tag.self_closing => skip_depth += 1,
                    b"br" => {
                        if let Some(run) = open.as_mut() {
                            run.lines.push(PosText::default());
                        }
                    }
                    b"page" if xml => page += 1,
                    b"div" if !xml && attr(b"id").is_some_and(|id| id.starts_with("page")) => {
                        page += 1;
                    }
                    _ => {
                        if open.is_none()
                            && let Some(run) = open_run(xml, name, &attr, page)
                        {
                            open = Some(run);
                        }
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.0.as_slice();
                match name {
                    b"style" => in_style = false,
                    b"script" | b"title" | b"head" => skip_depth = skip_depth.saturating_sub(1),
                    _ if closes_run(xml, name) => {
                        if let Some(mut run) = open.take() {
                            let lines = std::mem::take(&mut run.lines);
                            runs.push((run, lines));
                        }
                    }
                    _ => {}
                }
            }
            Token::String(text) => {
                let decoded = String::from_utf8_lossy(&text.value.0);
                if in_style {
                    css.push_str(&decoded);
                } else if skip_depth > 0 {
                } else if let Some(run) = open.as_mut() {
                    let piece = positioned_text(
                        source,
                        &mut cursor,
                        &decoded,
                        text.span.start,
                        text.span.end,
                    );
                    placed += piece
                        .glyphs
                        .iter()
                        .filter(|g| !g.ch.is_whitespace())
                        .count();
                    if let Some(line) = run.lines.last_mut() {
                        line.glyphs.extend(piece.glyphs);
                    }
                } else {
                    loose += decoded.chars().filter(|c| !c.is_whitespace()).count();
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    let placed_share = placed as f64 / (placed + loose).max(1) as f64;
    if placed == 0 || placed_share < PLACED_SHARE {
        return None;
    }
    let classes = css_fonts(&css);
    let mut placed_runs = Vec::new();
    for (run, lines) in runs {
        let (size, line_height) = match &run.font {
            Font::Height(height) => (*height, *height),
            Font::Class(class) => classes.get(class).copied().unwrap_or((12.0, 14.0)),
        };
        for (k, text) in lines.into_iter().enumerate() {
            if !text.is_blank() {
                placed_runs.push(Run {
                    page: run.page,
                    top: run.top + k as f64 * line_height,
                    left: run.left,
                    size,
                    width: run.width,
                    text,
                });
            }
        }
    }
    Some(laid_out(placed_runs))
}

/// A run opening at this tag: `<text top left width height>` (XML) or an element whose style
/// places it absolutely (HTML).
fn open_run(
    xml: bool,
    name: &[u8],
    attr: &dyn Fn(&[u8]) -> Option<String>,
    page: usize,
) -> Option<OpenRun> {
    let number = |text: Option<String>| text.and_then(|t| t.trim().parse::<f64>().ok());
    if xml {
        if name != b"text" {
            return None;
        }
        return Some(OpenRun {
            page,
            top: number(attr(b"top"))?,
            left: number(attr(b"left"))?,
            font: Font::Height(number(attr(b"height"))?.max(1.0)),
            width: number(attr(b"width")),
            lines: vec![PosText::default()],
        });
    }
    if name != b"p" && name != b"div" && name != b"span" {
        return None;
    }
    let style = attr(b"style")?.to_ascii_lowercase();
    if !style.contains("position:absolute") {
        return None;
    }
    let property = |key: &str| {
        style.split(';').find_map(|declaration| {
            let (k, v) = declaration.split_once(':')?;
            (k.trim() == key).then(|| v.trim().trim_end_matches("px").parse::<f64>().ok())?
        })
    };
    Some(OpenRun {
        page,
        top: property("top")?,
        left: property("left")?,
        font: Font::Class(attr(b"class").unwrap_or_default()),
        width: None,
        lines: vec![PosText::default()],
    })
}

/// Whether this end tag closes a run.
fn closes_run(xml: bool, name: &[u8]) -> bool {
    if xml {
        name == b"text"
    } else {
        matches!(name, b"p" | b"div" | b"span")
    }
}

/// Font size and line height of each CSS class: `.ft12{font-size:13px;line-height:21px;…}`.
fn css_fonts(css: &str) -> HashMap<String, (f64, f64)> {
    let mut fonts = HashMap::new();
    for rule in css.split('}') {
        let Some((selector, body)) = rule.split_once('{') else {
            continue;
        };
        let Some(class) = selector.trim().strip_prefix('.') else {
            continue;
        };
        let property = |key: &str| {
            body.split(';').find_map(|declaration| {
                let (k, v) = declaration.split_once(':')?;
                (k.trim() == key).then(|| v.trim().trim_end_matches("px").parse::<f64>().ok())?
            })
        };
        if let Some(size) = property("font-size").filter(|s| *s > 0.0) {
            let line_height = property("line-height").unwrap_or(size * 1.2);
            fonts.insert(class.trim().to_owned(), (size, line_height));
        }
    }
    fonts
}

/// The runs laid out as `pdftotext -layout` lines, page after page.
fn laid_out(mut runs: Vec<Run>) -> Vec<PosText> {
    runs.sort_by(|a, b| {
        a.page
            .cmp(&b.page)
            .then(a.middle().total_cmp(&b.middle()))
            .then(a.left.total_cmp(&b.left))
    });
    let mut out = Vec::new();
    let mut start = 0;
    while start < runs.len() {
        let page = runs.get(start).map_or(0, |r| r.page);
        let end = runs
            .iter()
            .skip(start)
            .position(|r| r.page != page)
            .map_or(runs.len(), |n| start + n);
        out.extend(page_lines(runs.get(start..end).unwrap_or_default()));
        start = end;
    }
    out
}

/// The lines of one page's runs (sorted by their middles).
fn page_lines(runs: &[Run]) -> Vec<PosText> {
    let Some(margin) = runs.iter().map(|r| r.left).min_by(f64::total_cmp) else {
        return Vec::new();
    };
    // One column of the page is half the usual font size (a digit; a CJK glyph takes two).
    let mut sizes: Vec<f64> = runs.iter().map(|r| r.size).collect();
    sizes.sort_by(f64::total_cmp);
    let column = (sizes.get(sizes.len() / 2).copied().unwrap_or(12.0) / 2.0).max(1.0);
    let mut level: Vec<Vec<&Run>> = Vec::new();
    for run in runs {
        match level.last_mut() {
            // Level with the line's lowest run so far: runs of one row drift a point or two
            // (figures in a font of their own), a label merged over rows stands between them.
            Some(line)
                if line.last().is_some_and(|last| {
                    run.middle() - last.middle() <= LEVEL * run.size.min(last.size)
                }) =>
            {
                line.push(run);
            }
            _ => level.push(vec![run]),
        }
    }
    level
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.left.total_cmp(&b.left));
            let mut text = PosText::default();
            let mut width = 0usize;
            let mut previous: Option<&Run> = None;
            for run in line {
                let target = ((run.left - margin) / column).round().max(0.0) as usize;
                let spaces = match previous {
                    None => target,
                    Some(before) => spaces_between(before, run, target.saturating_sub(width)),
                };
                if let Some(at) = run.text.glyphs.first().copied() {
                    for _ in 0..spaces {
                        text.glyphs.push(Glyph {
                            ch: ' ',
                            raw: ' ',
                            ..at
                        });
                    }
                }
                width += spaces;
                width += run.text.glyphs.iter().map(|g| columns(g.ch)).sum::<usize>();
                text.glyphs.extend(run.text.glyphs.iter().copied());
                previous = Some(run);
            }
            text
        })
        .collect()
}

/// The spaces a run needs after the one before it on its line: none where it continues the word
/// (starts where that one ends, neither side a figure or Latin letter), one between a touching
/// figure and a word (`第711号`), else at least two (a cell boundary) up to its column. Figures
/// are never joined: two runs of digits side by side are two cells.
fn spaces_between(before: &Run, next: &Run, to_column: usize) -> usize {
    let last = before
        .text
        .glyphs
        .iter()
        .rev()
        .find(|g| !g.ch.is_whitespace());
    let first = next.text.glyphs.iter().find(|g| !g.ch.is_whitespace());
    let alphanumeric = |g: Option<&Glyph>| g.is_some_and(|g| g.ch.is_ascii_alphanumeric());
    let touching = next.left - before.right() < TOUCHING * before.size.min(next.size);
    match (alphanumeric(last), alphanumeric(first)) {
        (false, false) if touching => 0,
        (true, false) | (false, true) if touching => 1,
        _ => to_column.max(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Option<Vec<String>> {
        lines(source).map(|lines| lines.iter().map(PosText::normalized).collect())
    }

    const HTML_PAGE: &str = "<html><head><title>t</title><style>\n\
        .ft1{font-size:20px;line-height:26px;font-family:A;}\n.ft2{font-size:20px;font-family:B;}\n\
        </style></head><body><div id=\"page1-div\" style=\"position:relative;width:600px\">\n\
        <p style=\"position:absolute;top:100px;left:40px;white-space:nowrap\" class=\"ft1\">规章</p>\n\
        <p style=\"position:absolute;top:10px;left:40px;white-space:nowrap\" class=\"ft1\">二、主动</p>\n\
        <p style=\"position:absolute;top:10px;left:120px;white-space:nowrap\" class=\"ft1\">公开</p>\n\
        <p style=\"position:absolute;top:103px;left:200px;white-space:nowrap\" class=\"ft2\">12</p>\n\
        <p style=\"position:absolute;top:103px;left:220px;white-space:nowrap\" class=\"ft2\">3</p>\n\
        <p style=\"position:absolute;top:40px;left:40px;white-space:nowrap\" class=\"ft1\">第（一）项<br/>信息&#160;内容</p>\n\
        </div><div id=\"page2-div\" style=\"position:relative\">\n\
        <p style=\"position:absolute;top:5px;left:40px\" class=\"ft2\">行政许可</p>\n\
        </div></body></html>";

    #[test]
    fn html_runs_laid_out_as_lines() {
        assert_eq!(
            texts(HTML_PAGE),
            Some(vec![
                // Touching runs continue their word; 主动 ends at 120 px.
                "二、主动公开".to_owned(),
                "第(一)项".to_owned(),
                // The line after a `<br>` stands one line height (26 px) lower.
                "信息 内容".to_owned(),
                // Columns of 10 px (half the font size) from the left margin; figures touching
                // each other stay apart.
                "规章            12  3".to_owned(),
                "行政许可".to_owned(),
            ])
        );
    }

    #[test]
    fn positions_are_the_runs_in_the_source() {
        let lines = lines(HTML_PAGE).unwrap_or_default();
        let row = lines.get(3).map(|l| l.glyphs.clone()).unwrap_or_default();
        let three = row.iter().find(|g| g.ch == '3').map(|g| g.pos);
        assert_eq!(
            three,
            Some(crate::SourcePos {
                line: 9,
                column: 82
            })
        );
    }

    #[test]
    fn xml_runs_use_their_widths() {
        let xml = "<?xml version=\"1.0\"?>\n<pdf2xml producer=\"poppler\">\n\
            <page number=\"1\" top=\"0\" left=\"0\" height=\"800\" width=\"600\">\n\
            <fontspec id=\"0\" size=\"16\" family=\"A\"/>\n\
            <text top=\"50\" left=\"100\" width=\"120\" height=\"20\" font=\"0\">国令第</text>\n\
            <text top=\"48\" left=\"222\" width=\"30\" height=\"24\" font=\"0\"><b>711</b></text>\n\
            <text top=\"50\" left=\"254\" width=\"20\" height=\"20\" font=\"0\">号</text>\n\
            <text top=\"90\" left=\"100\" width=\"80\" height=\"20\" font=\"0\">规章</text>\n\
            <text top=\"90\" left=\"300\" width=\"10\" height=\"20\" font=\"0\">0</text>\n\
            </page>\n</pdf2xml>";
        assert_eq!(
            texts(xml),
            Some(vec![
                "国令第 711 号".to_owned(),
                "规章                0".to_owned()
            ])
        );
    }

    #[test]
    fn pages_with_text_outside_runs_are_not_laid_out() {
        assert_eq!(texts("<p>规章 1 2 3</p>"), None);
        let mostly_flowing = "<body><p>一、总体情况 本机关全年主动公开信息若干条，依申请公开办理及时。</p>\
            <div style=\"position:absolute;top:0px;left:0px\">菜单</div></body>";
        assert_eq!(texts(mostly_flowing), None);
    }
}
