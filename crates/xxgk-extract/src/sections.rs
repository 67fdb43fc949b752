//! Locating the six sections by their headings, tolerating Word numbering (`3、`), missing numbers,
//! longer titles, and stray headings inside prose (a `五、…` sub-heading inside section 一).

use crate::document::{Block, Unit};
use crate::normalize::{PosText, compact_chars, is_compact_char};

/// The six sections of the template, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Overview,
    Active,
    Applications,
    Review,
    Problems,
    Other,
}

/// All sections in template order.
pub(crate) const SECTIONS: [Section; 6] = [
    Section::Overview,
    Section::Active,
    Section::Applications,
    Section::Review,
    Section::Problems,
    Section::Other,
];

impl Section {
    /// The Standard's section this is (the enum follows the template's order).
    fn template(self) -> Option<&'static xxgk_model::Section> {
        xxgk_model::STANDARD_2021.sections.get(self as usize)
    }

    /// The heading of the template.
    pub fn heading(self) -> &'static str {
        self.template().map_or("", |s| s.heading)
    }

    /// JSON Pointer of the section's object.
    pub fn pointer(self) -> &'static str {
        self.template().map_or("", |s| s.pointer)
    }

    /// The section's numeral as the template prints it and as Word numbering does (`三`, `3`).
    fn numeral(self) -> (Option<char>, Option<char>) {
        let chinese = self.template().and_then(|s| s.numeral.chars().next());
        let arabic = char::from_digit(self as u32 + 1, 10);
        (chinese, arabic)
    }

    /// Whether a heading body (numbering removed) names this section. Behind the section's own
    /// numeral and `、` a shorter prefix is enough: a heading wrapped over two lines.
    fn matches(self, body: &str, numbered: bool) -> bool {
        match self {
            Self::Overview => {
                body.starts_with("总体情况")
                    || body.starts_with("概述")
                    || numbered && body.starts_with("总体")
            }
            Self::Active => {
                body.starts_with("主动公开政府信息")
                    || body == "主动公开情况"
                    || numbered && body.starts_with("主动公开")
            }
            Self::Applications => {
                body.starts_with("收到和处理政府信息公开")
                    || numbered && body.starts_with("收到和处理")
            }
            Self::Review => {
                let titled = body.starts_with("政府信息公开") || body.starts_with("因政府信息公开");
                titled && body.contains("行政复议") && body.contains("诉讼")
                    || numbered
                        && (body.starts_with("政府信息公开行政")
                            || body.starts_with("因政府信息公开"))
            }
            Self::Problems => {
                body.contains("主要问题")
                    || body.contains("问题及改进")
                    || numbered && body.contains("问题")
            }
            Self::Other => {
                body.starts_with("其他需要报告") || numbered && body.starts_with("其他需要")
            }
        }
    }
}

/// Where each section's body lies in the document: block index ranges after the heading.
#[derive(Debug)]
pub(crate) struct SectionMap {
    /// Blocks before the first heading (title, preamble).
    pub preamble_end: usize,
    /// Body range of each section in [`SECTIONS`] order, `None` when its heading is missing.
    pub bodies: [Option<(usize, usize)>; 6],
}

/// The compact text of a line short enough to be a heading.
fn heading_candidate(line: &PosText) -> Option<String> {
    // Headings are short; prose is skipped without building its compact form.
    if line.glyphs.len() > 120 {
        return None;
    }
    let compact = line.compact();
    let length = compact.chars().count();
    (length > 0 && length <= 40).then_some(compact)
}

/// Whether a heading candidate (compact text) is the heading of `section`.
fn is_heading(compact: &str, section: Section) -> bool {
    let (chinese, arabic) = section.numeral();
    let numeral = |c: char| Some(c) == chinese || Some(c) == arabic;
    let mut chars = compact.chars();
    let first = chars.next();
    let (body, strongly_numbered) = match (first, chars.next()) {
        (Some(c), Some(mark @ ('、' | '.'))) if numeral(c) => (chars.as_str(), mark == '、'),
        (Some(c), _) if numeral(c) => {
            // `五 存在的主要问题…` with the mark lost.
            (compact.get(c.len_utf8()..).unwrap_or_default(), false)
        }
        _ => (compact, false),
    };
    let numbered = body.len() < compact.len();
    // An unnumbered heading must be short: prose lines that happen to start with the words are long.
    section.matches(body, strongly_numbered) && (numbered || compact.chars().count() <= 20)
}

/// The heading candidate of a table whose first row is a caption (`二、主动公开政府信息情况`
/// printed inside the table).
fn table_caption(units: &[Unit]) -> Option<String> {
    let first = units.first()?;
    let mut caption = PosText::default();
    for cell in &first.cells {
        caption.glyphs.extend(cell.text.glyphs.iter().copied());
    }
    heading_candidate(&caption)
}

/// Finds the sections in order; each heading is looked for after the previous one found.
pub(crate) fn locate(blocks: &[Block]) -> SectionMap {
    let candidates: Vec<Option<String>> = blocks
        .iter()
        .map(|b| match b {
            Block::Line(line) => heading_candidate(line),
            Block::Table(units) => table_caption(units),
        })
        .collect();
    let mut starts: [Option<usize>; 6] = [None; 6];
    let mut from = 0usize;
    for (k, section) in SECTIONS.iter().enumerate() {
        let found = candidates
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, c)| c.as_deref().is_some_and(|c| is_heading(c, *section)))
            .map(|(i, _)| i);
        if let Some(i) = found {
            if let Some(slot) = starts.get_mut(k) {
                *slot = Some(i);
            }
            from = i + 1;
        }
    }
    // A table whose section heading the text lost (trafilatura drops `<h2>` headings) opens its
    // section at its own first row, told by what only that row prints, between the sections
    // found before and after it.
    // Where the next section found after section `k` starts.
    let next_start = |starts: &[Option<usize>; 6], k: usize| {
        starts
            .iter()
            .skip(k + 1)
            .flatten()
            .copied()
            .next()
            .unwrap_or(blocks.len())
    };
    let mut opened_by_table = [false; 6];
    for k in 1..=3 {
        if starts.get(k).copied().flatten().is_some() {
            continue;
        }
        let after = starts.iter().take(k).flatten().max().map_or(0, |i| i + 1);
        let before = next_start(&starts, k);
        let found = blocks
            .get(after..before)
            .unwrap_or_default()
            .iter()
            .position(|block| SECTIONS.get(k).is_some_and(|s| opens_table(block, *s)))
            .map(|i| i + after);
        if let (Some(i), Some(slot), Some(opened)) =
            (found, starts.get_mut(k), opened_by_table.get_mut(k))
        {
            *slot = Some(i);
            *opened = true;
        }
    }
    let preamble_end = starts.iter().flatten().copied().min().unwrap_or(0);
    let mut bodies = [None; 6];
    for k in 0..SECTIONS.len() {
        let Some(Some(start)) = starts.get(k).copied() else {
            continue;
        };
        let end = next_start(&starts, k);
        // A heading printed in a table's first row opens its section with that table, and a
        // table's first row found in place of the heading is the body's first line.
        let body_start = match blocks.get(start) {
            Some(Block::Table(_)) => start,
            _ if opened_by_table.get(k).copied().unwrap_or(false) => start,
            _ => start + 1,
        };
        if let Some(slot) = bodies.get_mut(k) {
            *slot = Some((body_start, end));
        }
    }
    spill_before_review_table(blocks, &mut bodies);
    SectionMap {
        preamble_end,
        bodies,
    }
}

/// Whether a block is the first row of the table of `section` (表二, 表三, 表四), by what no
/// other line prints: 表二's first caption (`第二十条第（一）项`), 表三's header
/// with 申请人情况 a cell of its own (prose runs it into a sentence), 表四's header of its two
/// groups alone.
fn opens_table(block: &Block, section: Section) -> bool {
    let (compact, cells): (String, Vec<String>) = match block {
        Block::Line(line) if line.glyphs.len() <= 200 => {
            let text = line.normalized();
            let cells = text
                .split(|c: char| c == '|' || c.is_whitespace())
                .map(|cell| compact_chars(cell.chars()))
                .collect();
            (line.compact(), cells)
        }
        Block::Table(units) => (
            table_caption(units).unwrap_or_default(),
            units
                .first()
                .map(|unit| unit.cells.iter().map(|c| c.text.compact()).collect())
                .unwrap_or_default(),
        ),
        Block::Line(_) => return false,
    };
    match section {
        Section::Active => compact.starts_with("第二十条第(一)项"),
        Section::Applications => cells.iter().any(|cell| cell == "申请人情况"),
        Section::Review => compact == "行政复议行政诉讼",
        _ => false,
    }
}

/// Splits each line that opens with a section's heading as the template prints it and goes on
/// with the section's text (`六、其他需要报告的事项2024年度本单位未收取信息处理费。`: PyMuPDF's
/// sorted text joins a heading to the line beside it) into the heading and the rest, so the
/// heading is found however long its line and the rest is read as the section's body. A line
/// whose rest names another section (a table of contents on one line) is left whole.
pub(crate) fn split_glued_headings(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Line(line) => match glued_heading_end(&line) {
                Some(end) => {
                    let (heading, rest) = line.glyphs.split_at(end);
                    out.push(Block::Line(PosText {
                        glyphs: heading.to_vec(),
                    }));
                    out.push(Block::Line(PosText {
                        glyphs: rest.to_vec(),
                    }));
                }
                None => out.push(Block::Line(line)),
            },
            table @ Block::Table(_) => out.push(table),
        }
    }
    out
}

/// The sections' headings as compact text, in [`SECTIONS`]' order: the same for every line.
fn compact_headings() -> &'static [String] {
    static HEADINGS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        SECTIONS
            .iter()
            .map(|s| compact_chars(s.heading().chars()))
            .collect()
    });
    &HEADINGS
}

/// The glyph index where a template heading opening `line` ends, when text follows it that
/// names no section heading.
fn glued_heading_end(line: &PosText) -> Option<usize> {
    let start = line.glyphs.iter().position(|g| !g.ch.is_whitespace())?;
    let first = line.glyphs.get(start)?.ch;
    let heading = compact_headings().iter().find(|h| h.starts_with(first))?;
    let mut wanted = heading.chars().peekable();
    let mut end = start;
    for (i, glyph) in line.glyphs.iter().enumerate().skip(start) {
        let Some(&next) = wanted.peek() else {
            break;
        };
        end = i + 1;
        if !is_compact_char(glyph.ch) {
            continue;
        }
        if glyph.ch != next {
            return None;
        }
        wanted.next();
    }
    if wanted.peek().is_some() {
        return None;
    }
    // A colon or space after the heading is the heading's, not its text's.
    while line
        .glyphs
        .get(end)
        .is_some_and(|g| g.ch.is_whitespace() || g.ch == ':')
    {
        end += 1;
    }
    let rest = compact_chars(line.glyphs.get(end..)?.iter().map(|g| g.ch));
    let names_a_section = compact_headings().iter().any(|heading| {
        heading
            .split_once('、')
            .is_some_and(|(_, body)| rest.contains(body))
    });
    (!rest.is_empty() && !names_a_section).then_some(end)
}

/// Where a PDF text dump prints section 四's heading before 表三's last numbers (poppler and
/// pdfminer follow the page's text flow, not the table's: the heading stands beside the table's
/// foot), the lines of numbers between the heading and 表四's first header label (`行政复议`)
/// are 表三's: its body is extended over them and 表四's starts at the label. No other layout
/// prints a number there (表四's caption, if any, is text), so they are left alone.
fn spill_before_review_table(blocks: &[Block], bodies: &mut [Option<(usize, usize)>; 6]) {
    let applications = Section::Applications as usize;
    let review = Section::Review as usize;
    let (Some(Some((app_start, app_end))), Some(Some((start, end)))) = (
        bodies.get(applications).copied(),
        bodies.get(review).copied(),
    ) else {
        return;
    };
    let line = |i: usize| match blocks.get(i) {
        Some(Block::Line(line)) => Some(line),
        _ => None,
    };
    let Some(label) = (start..end).find(|i| line(*i).is_some_and(|l| l.compact() == "行政复议"))
    else {
        return;
    };
    let numbers_alone = |i: usize| {
        line(i).is_some_and(|l| {
            let text = l.compact();
            !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
        })
    };
    // Only a section 三 that ends right at the heading (its body is contiguous with the spill).
    if app_end + 1 == start && (start..label).any(numbers_alone) {
        if let Some(slot) = bodies.get_mut(applications) {
            *slot = Some((app_start, label));
        }
        if let Some(slot) = bodies.get_mut(review) {
            *slot = Some((label, end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text_lines;

    fn heads(text: &str) -> [Option<(usize, usize)>; 6] {
        let blocks: Vec<Block> = text_lines(text).into_iter().map(Block::Line).collect();
        locate(&blocks).bodies
    }

    #[test]
    fn finds_variant_headings() {
        let text = "标题\n一、总体情况\n五、提升工作质量，完善公开制度规范\n2、 主动公开政府信息情况\n\
                    3、 收到和处理政府信息公开申请情况\n四、结转下年度继续办理\n\
                    四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n\
                    政府信息公开工作存在的主要问题及改进情况\n六、其他需要报告的事项\n无";
        let b = heads(text);
        assert_eq!(b[0], Some((2, 3)));
        assert_eq!(b[1], Some((4, 4)));
        assert_eq!(b[2], Some((5, 6)));
        assert_eq!(b[3], Some((7, 7)));
        assert_eq!(b[4], Some((8, 8)));
        assert_eq!(b[5], Some((9, 10)));
    }

    #[test]
    fn a_table_whose_heading_was_lost_opens_its_section_at_its_first_row() {
        // trafilatura keeps the tables as pipe rows and drops the `<h2>` headings.
        let text = "标题\n一、总体情况\n正文\n| 第二十条第（一）项 | | |\n| 规章 | 0 | 0 | 0 |\n\
                    | （本列数据的勾稽关系为） | 申请人情况 | |\n| 一、本年新收政府信息公开申请数量 | 1 |\n\
                    | 行政复议 | | 行政诉讼 | |\n| 0 | 0 |\n五、存在的主要问题及改进情况\n无";
        let b = heads(text);
        assert_eq!(b[0], Some((2, 3)));
        assert_eq!(b[1], Some((3, 5)));
        assert_eq!(b[2], Some((5, 7)));
        assert_eq!(b[3], Some((7, 9)));
        assert_eq!(b[4], Some((10, 11)));
        // Prose that names the tables' words opens nothing.
        let prose = "一、总体情况\n本年度收到的申请人情况良好，行政复议行政诉讼均已办结。\n";
        assert_eq!(heads(prose)[2], None);
        assert_eq!(heads(prose)[3], None);
    }

    #[test]
    fn numbers_of_the_applications_table_after_the_review_heading_are_its() {
        // A dump printing 四's heading beside 表三's foot: 表三's last numbers follow it.
        let text = "三、收到和处理政府信息公开申请情况\n（七）总计\n\
                    四、政府信息公开行政复议、行政诉讼情况\n5\n0\n行政复议\n1\n\
                    五、存在的主要问题及改进情况\n无";
        let b = heads(text);
        assert_eq!(b[2], Some((1, 5)));
        assert_eq!(b[3], Some((5, 7)));
        // Text between the heading and the label is no spill: the bodies stay as found.
        let text = text.replace("5\n0\n", "说明\n");
        let b = heads(&text);
        assert_eq!(b[2], Some((1, 2)));
        assert_eq!(b[3], Some((3, 6)));
    }

    #[test]
    fn a_heading_glued_to_its_text_is_split_from_it() {
        let blocks: Vec<Block> = text_lines(
            "标题\n一、总体情况 二、主动公开政府信息情况\n一、总体情况\n本年度……\n\
             五、存在的主要问题及改进情况（一）存在问题\n\
             六、其他需要报告的事项：2024年度本单位未收取信息处理费。\n六、其他需要报告的事项",
        )
        .into_iter()
        .map(Block::Line)
        .collect();
        let lines: Vec<String> = split_glued_headings(blocks)
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.normalized()),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(
            lines,
            [
                "标题",
                "一、总体情况 二、主动公开政府信息情况",
                "一、总体情况",
                "本年度……",
                "五、存在的主要问题及改进情况",
                "(一)存在问题",
                "六、其他需要报告的事项:",
                "2024年度本单位未收取信息处理费。",
                "六、其他需要报告的事项",
            ]
        );
    }

    #[test]
    fn sections_are_the_standards() {
        assert_eq!(xxgk_model::STANDARD_2021.sections.len(), SECTIONS.len());
        assert_eq!(Section::Review.pointer(), "/review_litigation");
        assert_eq!(Section::Other.numeral(), (Some('六'), Some('6')));
        assert!(SECTIONS.iter().all(|s| !s.heading().is_empty()));
    }
}
