//! The whole report on one line: text taken from a web page with every line break lost.
//!
//! Headings, prose and the three tables run together; the cells of a row are concatenated with
//! no separator and glued to their row label (`一、本年新收政府信息公开申请数量801000081`), the
//! header runs into the first row, stray spaces stand inside rows (so a space alone is no cell
//! boundary here), and crawler boilerplate stands before the title. A page whose cells stand
//! apart (HTML whitespace between them, or cell marks: a Markdown table's `|`, a crawler's ` |`
//! after each cell, [`cell_marks_apart`]) is read as printed where a whole table shows it
//! ([`separated_table`]); a table with a row that does not is read as a glued one.
//!
//! [`reflow`] finds the section headings mid-line and cuts the text into lines (boilerplate,
//! title, each heading, each section body), so that sections, prose and metadata are read as in
//! any text. [`read_tables`] cuts each table body into label text and runs of digits, recognises
//! the rows by their labels (the row label recogniser of every layout), and leaves the split of
//! each run to the identities of the rule catalogue ([`crate::solve`]). A report in the 2019
//! format is read the same way, with its 表二 rows and its single （六）其他处理 row; so is that
//! single row in a 2021 report, whose zeros then count only where the identities through it
//! hold. A 表三 row or 表四 group whose digits break an identity however they split is reported
//! as the report's error ([`crate::unsplit`]), and so is an identity across 表三's rows (R1, R2
//! of a column) that no choice of a split for each row satisfies, a cell of it unread. That is
//! said only of a run known to be the whole
//! row: a page footer a PDF's text carries into 表三 or 表四 (`- 4 -`, `第4页`) is dropped, and a
//! run followed by other text and more digits (in any table) is not read at all
//! (`run-interrupted`), since the row may go on there.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use crate::Edition;
use crate::case_splits::{self, CaseRun, Confirmed, Statement};
use crate::cells::{CellStore, Filled};
use crate::gaps::MergedOther;
use crate::merged::MergedCell;
use crate::normalize::{Glyph, PosText, SourcePos, compact_chars};
use crate::number::{TokenClass, classify, read_decimal};
use crate::problem::ReadingRule;
use crate::problem::{Problem, ProblemCode};
use crate::solve::{Decision, Run, decide, intern};
use crate::split::{Budget, all_splits, digit_count};
use crate::template::{
    APPLICANT_COLUMNS, ActiveRow, AppRow, Column, OUTCOME_COLUMNS, REVIEW_GROUPS, RowSpec,
    ValueKind, active_2021, app_path, app_row_spec, other_merged, recognise_active,
    recognise_application_cell, recognise_review_group,
};
use crate::template_2019::active_2019;

/// A section heading: the words after its numbering, whether the numbering is required, and the
/// numerals (Chinese, Arabic) it is numbered with.
struct Heading {
    bodies: &'static [&'static str],
    numbered: bool,
    numerals: (char, char),
}

/// The six headings in template order, with the variants of spec §4. The review heading's
/// words are its opening; it ends at the first `情况` after them.
const HEADINGS: [Heading; 6] = [
    Heading {
        bodies: &["总体情况", "概述"],
        numbered: true,
        numerals: ('一', '1'),
    },
    Heading {
        bodies: &["主动公开政府信息情况", "主动公开情况"],
        numbered: true,
        numerals: ('二', '2'),
    },
    Heading {
        bodies: &["收到和处理政府信息公开申请情况"],
        numbered: true,
        numerals: ('三', '3'),
    },
    Heading {
        bodies: &["政府信息公开行政复议", "因政府信息公开"],
        numbered: true,
        numerals: ('四', '4'),
    },
    Heading {
        bodies: &[
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题及改进情况",
            "主要问题及改进情况",
            "问题及改进情况",
        ],
        numbered: false,
        numerals: ('五', '5'),
    },
    Heading {
        bodies: &["其他需要报告的事项"],
        numbered: true,
        numerals: ('六', '6'),
    },
];

/// The index of the review heading, whose end is found rather than spelled.
const REVIEW: usize = 3;

/// A line without its whitespace: characters and the glyph index each came from.
struct Compact {
    chars: Vec<char>,
    glyph: Vec<usize>,
}

impl Compact {
    fn of(line: &PosText) -> Self {
        let (chars, glyph) = line
            .glyphs
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.ch.is_whitespace())
            .map(|(i, g)| (g.ch, i))
            .unzip();
        Self { chars, glyph }
    }

    fn find(&self, needle: &str, from: usize) -> Option<usize> {
        let needle: Vec<char> = needle.chars().collect();
        if needle.is_empty() || self.chars.len() < needle.len() {
            return None;
        }
        (from..=self.chars.len() - needle.len())
            .find(|&at| self.chars.get(at..at + needle.len()) == Some(needle.as_slice()))
    }

    fn at(&self, index: usize) -> Option<char> {
        self.chars.get(index).copied()
    }
}

/// A heading found in a line: section index and char range in the line's [`Compact`].
struct Found {
    section: usize,
    start: usize,
    end: usize,
}

/// The first heading of `section` at or after `from`: its words, behind its numbering where
/// the numbering is required or printed.
fn find_heading(line: &Compact, section: usize, from: usize, unnumbered_ok: bool) -> Option<Found> {
    let heading = HEADINGS.get(section)?;
    let (chinese, arabic) = heading.numerals;
    heading
        .bodies
        .iter()
        .filter_map(|body| {
            let mut at = from;
            loop {
                let start = line.find(body, at)?;
                at = start + 1;
                let numbered = start >= 2
                    && matches!(line.at(start - 1), Some('、' | '.'))
                    && matches!(line.at(start - 2), Some(c) if c == chinese || c == arabic);
                // A numeral right before the words is another heading's or a row's (`三、本年度`).
                let other_numeral =
                    start >= 1 && matches!(line.at(start - 1), Some(c) if c == '、' || c == '.');
                if numbered || (!heading.numbered && unnumbered_ok && !other_numeral) {
                    let words = body.chars().count();
                    let mut end = start + words;
                    if section == REVIEW {
                        // `…行政复议、行政诉讼情况`, `…被申请行政复议、提起行政诉讼情况`.
                        end = (end..line.chars.len().min(end + 24))
                            .find(|&i| line.at(i) == Some('况') && line.at(i - 1) == Some('情'))
                            .map_or(end, |i| i + 1);
                    }
                    return Some(Found {
                        section,
                        start: if numbered { start - 2 } else { start },
                        end,
                    });
                }
            }
        })
        .min_by_key(|f| f.start)
}

/// The headings of every line, in template order: each heading is looked for after the one
/// before it; a section may be skipped only by a numbered heading.
fn headings(lines: &[PosText]) -> Vec<(usize, Vec<Found>)> {
    let mut next = 0;
    let mut out = Vec::new();
    for (l, line) in lines.iter().enumerate() {
        let compact = Compact::of(line);
        let mut from = 0;
        let mut found = Vec::new();
        while next < HEADINGS.len() {
            let earliest = (next..HEADINGS.len())
                .filter_map(|k| find_heading(&compact, k, from, k == next))
                .min_by_key(|f| f.start);
            let Some(f) = earliest else {
                break;
            };
            next = f.section + 1;
            from = f.end;
            found.push(f);
        }
        if !found.is_empty() {
            out.push((l, found));
        }
    }
    out
}

/// Characters other than whitespace of a line that holds a page or more of a report: a table
/// row printed on its own line holds fewer than a third of this.
const LONG_LINE: usize = 300;

/// Lines of text (blank lines aside) a report printed a page to a line stays within: a report
/// laid out in lines has more, each table row one.
const PAGE_LINES: usize = 40;

/// The lines of a report in the one-line layout, cut at its headings, its title and its
/// boilerplate; `None` when the text is not in that layout (no two headings stand mid-line).
pub(crate) fn reflow(lines: &[PosText]) -> Option<Vec<PosText>> {
    // The text is one line, or nearly: a line listing the headings (a table of contents) in a
    // report laid out on many lines is not this layout. Tested first, as it is cheap and rules
    // out almost every report before the headings are searched for.
    let solid: Vec<usize> = lines
        .iter()
        .map(|line| line.glyphs.iter().filter(|g| !g.ch.is_whitespace()).count())
        .collect();
    let total: usize = solid.iter().sum();
    let longest = solid.iter().copied().max().unwrap_or(0);
    // Or a page, or a paragraph, to a line (pdf.js joins a page's text items so): most of the
    // text stands in lines longer than any line of a report laid out in lines.
    let in_long_lines: usize = solid.iter().filter(|&&n| n >= LONG_LINE).sum();
    // A page of a table with its cells apart holds few characters (`0 0 0 0 0 0 0`), so pages
    // of tables can outweigh the long ones; what tells the layout then is how few lines there are.
    let few_lines = solid.iter().filter(|&&n| n > 0).count() <= PAGE_LINES;
    if longest * 2 < total && in_long_lines * 4 < total * 3 && !(few_lines && longest >= LONG_LINE)
    {
        return None;
    }
    let found = headings(lines);
    // Mid-line: behind text of the report, not behind markup (`## 二、…`, `**三、…`).
    let mid_line = found
        .iter()
        .flat_map(|(l, f)| {
            let compact = lines.get(*l).map(Compact::of);
            f.iter().filter(move |f| {
                compact.as_ref().is_some_and(|c| {
                    c.chars
                        .get(..f.start)
                        .unwrap_or_default()
                        .iter()
                        .any(|ch| ch.is_alphanumeric())
                })
            })
        })
        .count();
    if mid_line < 2 {
        return None;
    }
    let first_heading_line = found.first().map(|(l, _)| *l)?;
    let mut out = Vec::new();
    let mut boilerplate_end: Option<(usize, usize)> = None;
    for (l, line) in lines.iter().enumerate() {
        let compact = Compact::of(line);
        let glyph_at = |char_index: usize| {
            compact
                .glyph
                .get(char_index)
                .copied()
                .unwrap_or(line.glyphs.len())
        };
        let mut cuts: Vec<usize> = found
            .iter()
            .filter(|(fl, _)| *fl == l)
            .flat_map(|(_, f)| f.iter())
            .flat_map(|f| [glyph_at(f.start), glyph_at(f.end)])
            .collect();
        if l <= first_heading_line {
            let limit = if l == first_heading_line {
                cuts.first().copied().unwrap_or(line.glyphs.len())
            } else {
                line.glyphs.len()
            };
            if let Some((title_start, title_end)) = title_cuts(line, &compact, limit) {
                // What stands before the title is the crawler's boilerplate (`字号：大 中 小`,
                // `打印本页`): left out, so that it is not read as part of the title.
                boilerplate_end = Some((l, title_start));
                cuts.extend([title_start, title_end]);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut start = match boilerplate_end {
            Some((at, end)) if at == l => end,
            _ => 0,
        };
        if boilerplate_end.is_none_or(|(at, _)| at > l) && l < first_heading_line {
            // Boilerplate lines before the title's line.
            if title_line_before(lines, l, first_heading_line) {
                continue;
            }
        }
        for cut in cuts.into_iter().chain([line.glyphs.len()]) {
            let piece = PosText {
                glyphs: line.glyphs.get(start..cut).unwrap_or_default().to_vec(),
            };
            if !piece.is_blank() {
                out.push(piece);
            }
            start = cut.max(start);
        }
    }
    Some(out)
}

/// Where the title stands before the first heading: it ends in `年度报告` (or `工作报告`) and
/// starts behind the last space before it, where the crawler's boilerplate ends.
fn title_cuts(line: &PosText, compact: &Compact, limit: usize) -> Option<(usize, usize)> {
    let end = ["年度报告", "工作报告", "年报"]
        .iter()
        .filter_map(|words| compact.find(words, 0).map(|at| at + words.chars().count()))
        .filter_map(|end| compact.glyph.get(end - 1).map(|g| g + 1))
        .filter(|end| *end <= limit)
        .min();
    let end = end?;
    let start = line
        .glyphs
        .get(..end)
        .and_then(|before| before.iter().rposition(|g| g.ch.is_whitespace()))
        .map_or(0, |space| space + 1);
    Some((start, end))
}

/// Whether a later line before the first heading holds the title, making line `l` boilerplate.
fn title_line_before(lines: &[PosText], l: usize, first_heading_line: usize) -> bool {
    (l + 1..=first_heading_line).any(|k| {
        lines.get(k).is_some_and(|line| {
            let compact = Compact::of(line);
            ["年度报告", "工作报告"]
                .iter()
                .any(|w| compact.find(w, 0).is_some())
        })
    })
}

/// A piece of a table body: label text, or a run of digits (with the spaces inside it).
#[derive(Clone, Debug)]
struct Piece {
    number: bool,
    glyphs: Vec<Glyph>,
}

impl Piece {
    fn compact(&self) -> String {
        compact_chars(self.glyphs.iter().map(|g| g.ch))
    }

    /// The text without its whitespace, punctuation kept (a sign, `+`).
    fn solid(&self) -> String {
        self.glyphs
            .iter()
            .map(|g| g.ch)
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    /// The digits (and a decimal point), without the spaces and thousands separators.
    fn digits(&self) -> String {
        self.glyphs
            .iter()
            .map(|g| g.ch)
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect()
    }

    fn published(&self) -> String {
        let raw: String = self.glyphs.iter().map(|g| g.raw).collect();
        raw.trim().to_owned()
    }

    fn first_pos(&self) -> Option<SourcePos> {
        PosText {
            glyphs: self.glyphs.clone(),
        }
        .first_pos()
    }

    /// The raw text of `width` digits from the `n`-th.
    fn digit_raw(&self, n: usize, width: usize) -> String {
        self.glyphs
            .iter()
            .filter(|g| g.ch.is_ascii_digit())
            .skip(n)
            .take(width)
            .map(|g| g.raw)
            .collect()
    }

    /// The position of the `n`-th digit.
    fn digit_pos(&self, n: usize) -> Option<SourcePos> {
        self.glyphs
            .iter()
            .filter(|g| g.ch.is_ascii_digit())
            .nth(n)
            .map(|g| g.pos)
    }
}

/// Cuts the glyphs of a table body into label text and runs of digits. Spaces between digits
/// stay inside the run; a `.` between digits (spaces allowed) is a decimal point, a `,` a thousands separator
/// (dropped: like a space, it is no proof of a cell boundary). A leaf's numbering glued to the
/// digits before it (`00000001.属于国家秘密`) goes back to its label, as does a numbering in
/// brackets (`(1)`).
fn pieces(glyphs: &[Glyph]) -> Vec<Piece> {
    let is_digit = |i: usize| glyphs.get(i).is_some_and(|g| g.ch.is_ascii_digit());
    let next_solid = |i: usize| {
        glyphs
            .iter()
            .skip(i)
            .position(|g| !g.ch.is_whitespace())
            .map(|p| p + i)
    };
    let previous_solid = |i: usize| {
        glyphs
            .get(..i)
            .unwrap_or_default()
            .iter()
            .rposition(|g| !g.ch.is_whitespace())
    };
    let mut out: Vec<Piece> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        let numeric = g.ch.is_ascii_digit()
            || (matches!(g.ch, '.' | ',') && i > 0 && is_digit(i - 1) && is_digit(i + 1))
            // A text that spaces every glyph (pdf.js, one item a glyph: `9 6 1 7 1 . 6`): a
            // point between digits is still the decimal point, never a row's numbering, which
            // a label follows.
            || (g.ch == '.'
                && previous_solid(i).is_some_and(is_digit)
                && next_solid(i + 1).is_some_and(is_digit))
            || (g.ch.is_whitespace()
                && out.last().is_some_and(|p| p.number)
                && next_solid(i).is_some_and(|k| {
                    is_digit(k)
                        || (glyphs.get(k).is_some_and(|g| g.ch == '.')
                            && next_solid(k + 1).is_some_and(is_digit))
                }));
        match out.last_mut() {
            Some(piece) if piece.number == numeric => piece.glyphs.push(*g),
            _ => out.push(Piece {
                number: numeric,
                glyphs: vec![*g],
            }),
        }
    }
    // A numbering that belongs to the label after the digits.
    let mut merged: Vec<Piece> = Vec::new();
    for mut piece in out {
        let lead = piece
            .glyphs
            .iter()
            .find(|g| !g.ch.is_whitespace())
            .map(|g| g.ch);
        if !piece.number
            && let Some(previous) = merged.last_mut()
            && previous.number
        {
            let closes_bracket = lead == Some(')');
            let opens_bracket = merged
                .len()
                .checked_sub(2)
                .and_then(|k| merged.get(k))
                .and_then(|p| p.glyphs.iter().rev().find(|g| !g.ch.is_whitespace()))
                .is_some_and(|g| g.ch == '(');
            let previous = merged.last_mut();
            if let Some(previous) = previous {
                if matches!(lead, Some('.' | '、')) {
                    if let Some(at) = previous.glyphs.iter().rposition(|g| g.ch.is_ascii_digit()) {
                        let numbering = previous.glyphs.split_off(at);
                        piece.glyphs.splice(0..0, numbering);
                    }
                } else if closes_bracket && opens_bracket && previous.digits().len() <= 2 {
                    let numbering = std::mem::take(&mut previous.glyphs);
                    piece.glyphs.splice(0..0, numbering);
                }
                if !previous.glyphs.iter().any(|g| g.ch.is_ascii_digit()) {
                    let emptied = merged.pop().map(|p| p.glyphs).unwrap_or_default();
                    piece.glyphs.splice(0..0, emptied);
                    if let Some(label) = merged.last_mut().filter(|p| !p.number) {
                        label.glyphs.append(&mut piece.glyphs);
                        continue;
                    }
                }
            }
        }
        merged.push(piece);
    }
    merged
}

/// Label text and the run of digits after it (if any); digits with no label before them have
/// an empty label.
fn pairs(pieces: Vec<Piece>) -> Vec<(Piece, Option<Piece>)> {
    let mut out: Vec<(Piece, Option<Piece>)> = Vec::new();
    for piece in pieces {
        if piece.number {
            match out.last_mut() {
                Some((_, slot @ None)) => *slot = Some(piece),
                _ => out.push((
                    Piece {
                        number: false,
                        glyphs: Vec::new(),
                    },
                    Some(piece),
                )),
            }
        } else {
            out.push((piece, None));
        }
    }
    out
}

/// The glyphs of a section body, its lines joined by a space.
fn body(lines: &[&PosText]) -> Vec<Glyph> {
    let mut glyphs = Vec::new();
    for line in lines {
        if let Some(last) = glyphs.last().copied() {
            glyphs.push(Glyph {
                ch: ' ',
                raw: ' ',
                ..last
            });
        }
        glyphs.extend(line.glyphs.iter().copied());
    }
    glyphs
}

/// The glyphs of a 表三 or 表四 body, or of the 2021 表二, without the page footers a PDF's text
/// carries into it (`- 4 -`, `— 4 —`, `第4页`, `第 4 页 共 9 页`): a footer inside a row would cut
/// its run of digits in two (`2932530- 4 -06143050`), and one after a row's digits would read as
/// more of them to come (`行政许可447228 第二十条第（六）项 - 4 -`). No cell of these tables holds a
/// sign or a `页`, so what matches is no part of a cell.
fn without_page_footers(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let chars: Vec<char> = glyphs.iter().map(|g| g.ch).collect();
    let mut keep = vec![true; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        match page_footer_at(&chars, i) {
            Some(end) => {
                keep[i..end].iter_mut().for_each(|k| *k = false);
                i = end;
            }
            None => i += 1,
        }
    }
    glyphs
        .into_iter()
        .zip(keep)
        .filter_map(|(g, kept)| kept.then_some(g))
        .collect()
}

/// The end of a page footer starting at `i`: a page number of one to three digits between
/// dashes, or `第N页` with an optional `共M页`, spaces allowed between the parts.
pub(crate) fn page_footer_at(chars: &[char], i: usize) -> Option<usize> {
    let spaces = |k: usize| {
        k + chars
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_whitespace())
            .count()
    };
    let page_number = |k: usize| {
        let k = spaces(k);
        let digits = chars
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (1..=3).contains(&digits).then(|| spaces(k + digits))
    };
    let is_dash = |k: usize| chars.get(k).is_some_and(|c| "-‐‒–—―－".contains(*c));
    let is = |k: usize, want: char| chars.get(k) == Some(&want);
    if is_dash(i) {
        let mut k = i;
        while is_dash(k) {
            k += 1;
        }
        let k = page_number(k)?;
        if !is_dash(k) {
            return None;
        }
        let mut end = k;
        while is_dash(end) {
            end += 1;
        }
        return Some(end);
    }
    if is(i, '第') {
        let k = page_number(i + 1)?;
        if !is(k, '页') {
            return None;
        }
        let end = k + 1;
        let total = spaces(end);
        if is(total, '共')
            && let Some(k) = page_number(total + 1).filter(|&k| is(k, '页'))
        {
            return Some(k + 1);
        }
        return Some(end);
    }
    None
}

/// Why a row's run of digits is not taken: text that is no row label stands after it, and more
/// digits after that text.
fn interrupted(spec: &RowSpec, run: &Piece, label: &Piece, after: &Piece) -> Problem {
    Problem::new(
        ProblemCode::RunInterrupted,
        format!(
            "row {}: its digits `{}` are followed by `{}` {}, which is no row label: the row's digits may go on there",
            spec.label,
            run.published(),
            label.published(),
            after.published()
        ),
    )
    .at(run.first_pos(), run.published())
}

/// The canonical pointers of a row's cells, when the 2021 cell table has them.
fn spec_pointers(path: &str, columns: &[Column]) -> Option<Vec<&'static str>> {
    columns
        .iter()
        .map(|c| intern(&format!("{path}/{}", c.name)))
        .collect()
}

/// A recognised row with its digits, waiting for the table's decision.
struct Pending {
    spec: RowSpec,
    digits: Piece,
    /// The row of the 2021 template whose identities read it, when it is not its own: the
    /// single 2019 （六）其他处理 row is read as （六）3 with （六）1 and 2 zero, under which the
    /// catalogue's R2 is the 2019 identity (R14).
    solve_as: Option<&'static str>,
    /// The single （六）其他处理 row of a 2021 report: decided with the table (as the 2019 row
    /// is), its cells then settled by [`merged_other`] into the three rows it stands for.
    stands_for_three: bool,
}

/// The 2021 rows a single （六）其他处理 row stands for besides （六）3: zero in the solve.
const MERGED_INTO_OTHER: [AppRow; 2] = [AppRow::NoCorrection, AppRow::FeeUnpaid];

/// Reads the three tables of a one-line report into the store, 表四 helped by the figures the
/// report's prose states of it (`statements`); whether each table was found.
pub(crate) fn read_tables(
    active: &[&PosText],
    applications: &[&PosText],
    review: &[&PosText],
    statements: &[Statement],
    edition: Edition,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> [bool; 3] {
    let [active, applications, review] = [active, applications, review].map(cell_marks_apart);
    [
        read_active(&active.iter().collect::<Vec<_>>(), edition, store, problems),
        read_applications(
            &applications.iter().collect::<Vec<_>>(),
            edition,
            store,
            problems,
        ),
        read_review(
            &review.iter().collect::<Vec<_>>(),
            statements,
            store,
            problems,
        ),
    ]
}

/// A table's lines with its cell marks (`|`: a Markdown table's, a crawler's that ends each
/// cell with ` |`, a box-drawing rule's) read as the whitespace they stand for: on one line they
/// are what separates the cells of a row, never a cell's text, so a row printed
/// `| 规章 | 0 | 0 | 0 |` reads as one whose cells stand apart. Each keeps its published
/// character and position.
fn cell_marks_apart(lines: &[&PosText]) -> Vec<PosText> {
    lines
        .iter()
        .map(|line| PosText {
            glyphs: line
                .glyphs
                .iter()
                .map(|g| match g.ch {
                    '|' => Glyph { ch: ' ', ..*g },
                    _ => *g,
                })
                .collect(),
        })
        .collect()
}

/// Places the decisions of [`decide`] for the pending rows of one table; the decision of a row
/// that [`Pending::stands_for_three`] is returned instead.
/// `spaced`: the table's page separates its cells ([`separated_table`]), so each run is read
/// as printed.
fn settle(
    pending: Vec<Pending>,
    spaced: bool,
    store: &mut CellStore,
    why_prefix: &str,
) -> Option<Decision> {
    if spaced {
        let mut merged = None;
        for p in &pending {
            let Some(tokens) = separated_counts(&p.digits, p.spec.columns.len()) else {
                continue;
            };
            if p.stands_for_three {
                let values = tokens.iter().map(|t| t.value).collect();
                merged = Some(Decision::Placed(values, ReadingRule::RunSeparatedBySpaces));
                continue;
            }
            let cells = p
                .spec
                .columns
                .iter()
                .map(|c| format!("{}/{}", p.spec.path, c.name));
            place_tokens(cells, tokens, store);
        }
        return merged;
    }
    let mut solved: Vec<(&Pending, Run)> = Vec::new();
    for p in &pending {
        let solve_as = p.solve_as.unwrap_or(p.spec.path);
        let run = spec_pointers(solve_as, p.spec.columns).map(|pointers| Run {
            pointers,
            digits: p.digits.digits(),
            printed_apart: separated_counts(&p.digits, p.spec.columns.len()).is_some(),
        });
        match run {
            Some(run) => solved.push((p, run)),
            // A row outside the 2021 cell table (2019 表二): no identity reads it.
            None => place_unique(
                &Apart {
                    spec: p.spec,
                    columns: p.spec.columns,
                    digits: p.digits.clone(),
                    sign: None,
                    unit: String::new(),
                },
                false,
                store,
            ),
        }
    }
    let mut runs: Vec<Run> = solved
        .iter()
        .map(|(_, run)| Run {
            pointers: run.pointers.clone(),
            digits: run.digits.clone(),
            printed_apart: run.printed_apart,
        })
        .collect();
    if pending.iter().any(|p| p.solve_as.is_some()) {
        runs.extend(MERGED_INTO_OTHER.iter().filter_map(|row| {
            Some(Run {
                pointers: spec_pointers(app_path(*row)?, &APPLICANT_COLUMNS)?,
                digits: "0".repeat(APPLICANT_COLUMNS.len()),
                printed_apart: false,
            })
        }));
    }
    let decisions = decide(&runs);
    let mut merged = None;
    for ((p, run), decision) in solved.iter().zip(decisions) {
        if p.stands_for_three {
            merged = Some(decision);
            continue;
        }
        let context = format!("row {}: the cells ran together", p.spec.label);
        let cells: Vec<String> = p
            .spec
            .columns
            .iter()
            .map(|c| format!("{}/{}", p.spec.path, c.name))
            .collect();
        apply(
            decision, run, &cells, &p.digits, &context, why_prefix, store,
        );
    }
    merged
}

/// A count as the page prints it between whitespace: its value, its text and where it starts.
struct Token {
    value: u64,
    raw: String,
    pos: SourcePos,
}

/// The cells of a run as the page separates them: its whitespace-separated tokens, when they
/// are exactly `cells` counts without a leading zero (`0` itself allowed); `None` otherwise.
fn separated_counts(digits: &Piece, cells: usize) -> Option<Vec<Token>> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut in_token = false;
    for glyph in &digits.glyphs {
        if glyph.ch.is_whitespace() {
            in_token = false;
            continue;
        }
        let digit = glyph.ch.to_digit(10)?;
        match tokens.last_mut() {
            Some(token) if in_token => {
                if token.value == 0 {
                    return None;
                }
                token.value = token.value.checked_mul(10)?.checked_add(u64::from(digit))?;
                token.raw.push(glyph.raw);
            }
            _ => tokens.push(Token {
                value: u64::from(digit),
                raw: glyph.raw.to_string(),
                pos: glyph.pos,
            }),
        }
        in_token = true;
    }
    (tokens.len() == cells).then_some(tokens)
}

/// Whether a table's page separates its cells: every run of the table is exactly as many
/// counts between whitespace as its row has cells ([`separated_counts`]), one of them of three
/// cells or more. The runs are then read as printed, as a table whose columns are aligned is. A
/// stray space inside a row (which the page also has) cannot make a run of three cells or more
/// read as that many counts unless it stands at every cell boundary; a row whose cells are not
/// all separated, or a number with a space inside, leaves the whole table to the identities.
fn separated_table<'a>(runs: impl IntoIterator<Item = (&'a Piece, usize)>) -> bool {
    let mut wide = false;
    for (digits, cells) in runs {
        if separated_counts(digits, cells).is_none() {
            return false;
        }
        wide |= cells >= 3;
    }
    wide
}

/// Fills `cells` with the counts of a separated run, each at its own digits.
fn place_tokens(
    cells: impl IntoIterator<Item = String>,
    tokens: Vec<Token>,
    store: &mut CellStore,
) {
    for (pointer, token) in cells.into_iter().zip(tokens) {
        store.fill(
            pointer,
            Filled {
                value: token.value.into(),
                pos: token.pos,
                raw: token.raw,
                rules: vec![ReadingRule::RunSeparatedBySpaces],
            },
        );
    }
}

/// Cells of a 表二 row that no identity reads, split apart from the table's decision: those of
/// a signed 2019 row before or from its sign, an amount with its unit.
struct Apart {
    spec: RowSpec,
    columns: &'static [Column],
    digits: Piece,
    /// The sign of the first cell (`本年增/减`).
    sign: Option<char>,
    /// The unit printed after the amount (`元`), kept with it.
    unit: String,
}

/// Places the cells of `row` as printed when the table's page separates its cells (`spaced`),
/// else when its digits admit one split; else explains them missing.
fn place_unique(row: &Apart, spaced: bool, store: &mut CellStore) {
    let Apart {
        spec,
        columns,
        digits,
        sign,
        unit,
    } = row;
    let (sign, unit) = (*sign, unit.as_str());
    let text = digits.digits();
    let mut budget = Budget::new(10_000);
    let splits = all_splits(&text, columns.len(), 2, &mut budget);
    let published = digits.published();
    let tokens = spaced
        .then(|| separated_counts(digits, columns.len()))
        .flatten()
        .map(|tokens| tokens.iter().map(|t| t.value).collect::<Vec<u64>>());
    let rule = if tokens.is_some() {
        ReadingRule::RunSeparatedBySpaces
    } else {
        ReadingRule::RunTogetherSingleSplit
    };
    // A cell printed blank leaves no trace where cells run together: digits that split into
    // one number fewer may be the row with a blank, which no identity of 表二 tells apart.
    let with_blank = || {
        let mut budget = Budget::new(10_000);
        let fewer = all_splits(&text, columns.len() - 1, 1, &mut budget);
        fewer.truncated || !fewer.candidates.is_empty()
    };
    let values = match (&tokens, splits.candidates.as_slice()) {
        (Some(tokens), _) => tokens,
        (None, [only]) if !splits.truncated && (columns.len() < 2 || !with_blank()) => only,
        (None, found) => {
            let why = if let [only] = found
                && !splits.truncated
            {
                let read: Vec<String> = only.iter().map(u64::to_string).collect();
                format!(
                    "its digits cut into {} numbers one way, `{}`, but were a cell printed blank (which leaves no trace where cells run together) they would be {} numbers, and 表二 has no identity that tells the two apart, so none is taken",
                    columns.len(),
                    read.join(" "),
                    columns.len() - 1
                )
            } else if found.is_empty() && !splits.truncated {
                format!(
                    "`{text}` has no split into {} numbers without a leading zero",
                    columns.len()
                )
            } else {
                format!(
                    "表二 has no identity: `{text}` splits more than one way into {} cells, so none is taken",
                    columns.len()
                )
            };
            let code = if found.is_empty() && !splits.truncated {
                ProblemCode::UnsplittableRun
            } else {
                ProblemCode::AmbiguousSplit
            };
            for column in columns.iter() {
                store.miss(
                    format!("{}/{}", spec.path, column.name),
                    Problem::new(
                        code,
                        format!(
                            "row {}: the cells ran together as `{published}`; {why}",
                            spec.label
                        ),
                    )
                    .at(digits.first_pos(), published.clone()),
                );
            }
            return;
        }
    };
    let mut offset = 0;
    for (k, (column, value)) in columns.iter().zip(values).enumerate() {
        let pos = digits.digit_pos(offset).unwrap_or_default();
        offset += digit_count(*value);
        let signed = if k == 0 && sign == Some('-') {
            i64::try_from(*value).ok().map(|v| Value::from(-v))
        } else if column.kind == ValueKind::Published {
            Some(Value::from(format!("{value}{unit}")))
        } else if column.kind == ValueKind::Signed {
            i64::try_from(*value).ok().map(Value::from)
        } else {
            Some(Value::from(*value))
        };
        let Some(value) = signed else {
            continue;
        };
        let shown = match (k, sign) {
            (0, Some(sign)) => format!("{sign}{value}"),
            _ => value.to_string(),
        };
        store.fill(
            format!("{}/{}", spec.path, column.name),
            Filled {
                value,
                pos,
                raw: format!("{shown} (of `{published}`)"),
                rules: vec![rule],
            },
        );
    }
}

/// Fills the cells a decision placed and explains the others.
fn apply(
    decision: Decision,
    run: &Run,
    cells: &[String],
    digits: &Piece,
    context: &str,
    why_prefix: &str,
    store: &mut CellStore,
) {
    let published = digits.published();
    let mut blank = None;
    let (values, kept, rule, why) = match decision {
        Decision::Placed(values, rule) => {
            let kept = vec![true; values.len()];
            (values, kept, Some(rule), None)
        }
        Decision::WithBlank(values, at, rule) => {
            blank = Some(at);
            let kept = (0..values.len()).map(|k| k != at).collect();
            (values, kept, Some(rule), None)
        }
        Decision::Partly(values, kept, rule, why) => (
            values,
            kept,
            Some(rule),
            Some((ProblemCode::AmbiguousSplit, why)),
        ),
        Decision::Missing(code, why) => (Vec::new(), Vec::new(), None, Some((code, why))),
    };
    // Each cell's digits start where the previous cells' end: a split has no leading zero; a
    // blank prints none.
    let mut offsets = Vec::with_capacity(values.len());
    let mut offset = 0;
    for (k, value) in values.iter().enumerate() {
        offsets.push(offset);
        if Some(k) != blank {
            offset += digit_count(*value);
        }
    }
    for (k, pointer) in cells.iter().enumerate().take(run.pointers.len()) {
        let placed = values
            .get(k)
            .copied()
            .filter(|_| kept.get(k) == Some(&true));
        match placed {
            Some(value) => {
                let text = value.to_string();
                store.fill(
                    pointer.clone(),
                    Filled {
                        value: value.into(),
                        pos: digits
                            .digit_pos(offsets.get(k).copied().unwrap_or(0))
                            .unwrap_or_default(),
                        raw: format!("{text} (of `{published}`)"),
                        rules: rule.into_iter().collect(),
                    },
                );
            }
            None if Some(k) == blank => store.miss(
                pointer.clone(),
                Problem::new(
                    ProblemCode::CellBlank,
                    format!(
                        "{context} as `{published}`, one number short: read by the identities, this cell is blank in the report (its row's 总计 counts it as {}); a blank is missing, not 0",
                        values.get(k).copied().unwrap_or_default()
                    ),
                )
                .at(
                    offsets
                        .get(k)
                        .and_then(|at| digits.digit_pos(*at))
                        .or_else(|| digits.first_pos()),
                    published.clone(),
                ),
            ),
            None => {
                let (code, why) = why
                    .clone()
                    .unwrap_or((ProblemCode::AmbiguousSplit, String::new()));
                store.miss(
                    pointer.clone(),
                    Problem::new(
                        code,
                        format!("{context} as `{published}`; {why_prefix}{why}"),
                    )
                    .at(digits.first_pos(), published.clone()),
                );
            }
        }
    }
}

fn label_only(spec: &RowSpec, label: &Piece, store: &mut CellStore) {
    store.miss_row(
        spec,
        &Problem::new(
            ProblemCode::CellCountMismatch,
            format!(
                "row {}: its label was found but no cells with it",
                spec.label
            ),
        )
        .at(label.first_pos(), label.published()),
    );
}

fn unrecognised(label: &Piece, digits: &Piece, table: &str) -> Problem {
    Problem::new(
        ProblemCode::UnrecognisedRow,
        format!(
            "numbers in {table} that belong to no recognised row: `{}` {}",
            label.published(),
            digits.published()
        ),
    )
    .at(
        label.first_pos().or_else(|| digits.first_pos()),
        label.published(),
    )
}

fn duplicate(label: &str, at: &Piece) -> Problem {
    Problem::new(
        ProblemCode::DuplicateRow,
        format!("the row {label} appears more than once; the first reading is kept"),
    )
    .at(at.first_pos(), at.published())
}

/// 表二: 规章 and 行政规范性文件 have three cells, which no identity relates, so their run
/// splits only when its digits admit one split; the one-cell rows are their run; the fee is a
/// decimal.
///
/// In the 2019 format a sign glued between the digits (`行政许可10+512`) starts the signed
/// `本年增/减`: the cells before it and the cells from it split apart, each only when their
/// digits admit one split; a unit after the digits (`251000元`) is the 采购总金额's.
fn read_active(
    lines: &[&PosText],
    edition: Edition,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> bool {
    let mut found = false;
    let mut pending: Vec<Pending> = Vec::new();
    let mut apart: Vec<Apart> = Vec::new();
    let mut seen = Vec::new();
    let spec_of = |row: ActiveRow| match edition {
        Edition::E2021 => active_2021(row),
        Edition::E2019 => active_2019(row),
    };
    // The 2019 表二's 本年增/减 is signed (`10-4-3`): only the 2021 table is rid of footers.
    let glyphs = match edition {
        Edition::E2021 => without_page_footers(body(lines)),
        Edition::E2019 => body(lines),
    };
    let mut all = pairs(pieces(&glyphs)).into_iter().peekable();
    // Whether the last element of `pending` was read from the pair just before this one.
    let mut just_pending = false;
    while let Some((label, digits)) = all.next() {
        let previous_pending = std::mem::take(&mut just_pending);
        // The label ends the text: the shortest tail recognised (`…现行有效件数规章`).
        let compact: Vec<char> = label.compact().chars().collect();
        let row = (0..compact.len()).rev().find_map(|start| {
            let tail: String = compact.get(start..).unwrap_or_default().iter().collect();
            recognise_active(&tail)
        });
        let Some(spec) = row.and_then(spec_of) else {
            if let Some(digits) = &digits {
                problems.push(unrecognised(&label, digits, "表二"));
                if let Some(cut) = pending.pop_if(|_| previous_pending) {
                    store.miss_row(
                        &cut.spec,
                        &interrupted(&cut.spec, &cut.digits, &label, digits),
                    );
                }
            }
            continue;
        };
        found = true;
        if seen.contains(&spec.path) {
            if let Some(digits) = &digits {
                problems.push(duplicate(spec.label, digits));
            }
            continue;
        }
        let Some(digits) = digits else {
            label_only(&spec, &label, store);
            continue;
        };
        seen.push(spec.path);
        let signed_at = spec
            .columns
            .iter()
            .position(|c| c.kind == ValueKind::Signed);
        // (A `-` before 本年增/减's digits is its sign.)
        if signed_at.is_none()
            && let Some(problem) =
                beside_blank_mark(&spec, &label, &digits, all.peek().map(|(next, _)| next))
        {
            store.miss_row(&spec, &problem);
            continue;
        }
        let sign = all.peek().and_then(|(next, after)| {
            let sign = match next.solid().as_str() {
                "+" => '+',
                "-" => '-',
                _ => return None,
            };
            after.as_ref().map(|_| sign)
        });
        let leading_sign = label
            .solid()
            .chars()
            .last()
            .filter(|c| matches!(c, '+' | '-'));
        if spec.columns.iter().any(|c| c.kind == ValueKind::Decimal) {
            read_fee(&spec, &digits, store);
        } else if let (Some(at), Some(sign)) = (signed_at, leading_sign) {
            // No digits before the sign: the cells before `本年增/减` are not printed.
            let (before, from) = spec.columns.split_at(at);
            for column in before {
                store.miss(
                    format!("{}/{}", spec.path, column.name),
                    Problem::new(
                        ProblemCode::CellCountMismatch,
                        format!(
                            "row {}: no digits stand before the sign of 本年增/减 (`{}`), so {} is not printed",
                            spec.label,
                            label.published(),
                            column.label
                        ),
                    )
                    .at(label.first_pos(), label.published()),
                );
            }
            apart.push(Apart {
                spec,
                columns: from,
                digits,
                sign: Some(sign),
                unit: String::new(),
            });
        } else if let (Some(at), Some(sign)) = (signed_at, sign) {
            let after = all.next().and_then(|(_, after)| after);
            let (before, from) = spec.columns.split_at(at);
            apart.push(Apart {
                spec,
                columns: before,
                digits,
                sign: None,
                unit: String::new(),
            });
            if let Some(after) = after {
                apart.push(Apart {
                    spec,
                    columns: from,
                    digits: after,
                    sign: Some(sign),
                    unit: String::new(),
                });
            }
        } else if spec.columns.iter().any(|c| c.kind == ValueKind::Published) {
            // The unit printed after the amount is part of it (`251000元`).
            let unit = all
                .peek()
                .map(|(next, _)| next.solid())
                .filter(|u| ["元", "万元"].contains(&u.as_str()))
                .unwrap_or_default();
            apart.push(Apart {
                spec,
                columns: spec.columns,
                digits,
                sign: None,
                unit,
            });
        } else {
            pending.push(Pending {
                spec,
                digits,
                solve_as: None,
                stands_for_three: false,
            });
            just_pending = true;
        }
    }
    let spaced = separated_table(
        pending
            .iter()
            .map(|p| (&p.digits, p.spec.columns.len()))
            .chain(apart.iter().map(|row| (&row.digits, row.columns.len()))),
    );
    for row in &apart {
        place_unique(row, spaced, store);
    }
    // No row of 表二 stands for three.
    let _ = settle(pending, spaced, store, "表二 has no identity: ");
    found
}

fn read_fee(spec: &RowSpec, digits: &Piece, store: &mut CellStore) {
    // With its separators, so that reading it records their removal.
    let text: String = digits
        .glyphs
        .iter()
        .map(|g| g.ch)
        .filter(|c| !c.is_whitespace())
        .collect();
    let published = digits.published();
    let Some(column) = spec.columns.first() else {
        return;
    };
    let pointer = format!("{}/{}", spec.path, column.name);
    match read_decimal(&text, &published, column.unit) {
        Ok((value, rules)) => store.fill(
            pointer,
            Filled {
                value: value.into(),
                pos: digits.first_pos().unwrap_or_default(),
                raw: published,
                rules,
            },
        ),
        Err(why) => store.miss(
            pointer,
            Problem::new(
                ProblemCode::CellUnreadable,
                format!(
                    "{} › {}: `{published}` is {}",
                    spec.label,
                    column.label,
                    why.describe()
                ),
            )
            .at(digits.first_pos(), published.clone()),
        ),
    }
}

/// 表三: 25 rows of seven cells (23 in the 2019 format), decided together by R1, R2 and R3.
fn read_applications(
    lines: &[&PosText],
    edition: Edition,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> bool {
    let mut found = false;
    let mut previous: Option<AppRow> = None;
    let mut pending: Vec<Pending> = Vec::new();
    // A single （六）其他处理 row of a 2021 report: its label and digits.
    let mut merged: Option<(Piece, Option<Piece>)> = None;
    // Whether the last element of `pending` was read from the pair just before this one.
    let mut just_pending = false;
    let all = pairs(pieces(&without_page_footers(body(lines))));
    let next_labels: Vec<Option<Piece>> = (0..all.len())
        .map(|i| all.get(i + 1).map(|(next, _)| next.clone()))
        .collect();
    for ((label, digits), next_label) in all.into_iter().zip(next_labels) {
        let previous_pending = std::mem::take(&mut just_pending);
        let compact = label.compact();
        let last = from_last_numbering(&compact);
        // A label cut short in its narrow cell (`（三）1.属于`, the rest on the lines after the
        // row's digits) names the one row still to come that starts so.
        let row = recognise_application_cell(last, previous)
            .or_else(|| crate::truncated::recognise_truncated(last, previous));
        let Some(row) = row else {
            if let Some(digits) = &digits {
                problems.push(unrecognised(&label, digits, "表三"));
                if let Some(cut) = pending.pop_if(|_| previous_pending) {
                    store.miss_row(
                        &cut.spec,
                        &interrupted(&cut.spec, &cut.digits, &label, digits),
                    );
                }
            }
            continue;
        };
        previous = Some(row);
        found = true;
        let is_2021_only = matches!(
            row,
            AppRow::NoCorrection | AppRow::FeeUnpaid | AppRow::OtherOther
        );
        let (spec, solve_as) = match (row, edition) {
            (AppRow::OtherMerged, Edition::E2021) => {
                match (&merged, &digits) {
                    (Some(_), Some(digits)) => {
                        problems.push(duplicate(other_merged().label, digits));
                    }
                    (Some(_), None) => {}
                    (None, _) => merged = Some((label, digits)),
                }
                continue;
            }
            (AppRow::OtherMerged, Edition::E2019) => (other_merged(), app_path(AppRow::OtherOther)),
            (_, Edition::E2019) if is_2021_only => {
                if let Some(digits) = &digits {
                    problems.push(unrecognised(&label, digits, "表三 (2019 format)"));
                }
                continue;
            }
            _ => match app_row_spec(row) {
                Some(spec) => (spec, None),
                None => continue,
            },
        };
        if pending.iter().any(|p| p.spec.path == spec.path) {
            if let Some(digits) = &digits {
                problems.push(duplicate(spec.label, digits));
            }
            continue;
        }
        let Some(digits) = digits else {
            label_only(&spec, &label, store);
            continue;
        };
        if let Some(problem) = decimal_point(&spec, &digits)
            .or_else(|| beside_blank_mark(&spec, &label, &digits, next_label.as_ref()))
        {
            store.miss_row(&spec, &problem);
            continue;
        }
        pending.push(Pending {
            spec,
            digits,
            solve_as,
            stands_for_three: false,
        });
        just_pending = true;
    }
    let Some((label, digits)) = merged else {
        let _ = settle_applications(pending, edition, store, problems);
        return found;
    };
    let three_rows_printed = pending.iter().any(|p| {
        OTHER_LEAVES
            .iter()
            .any(|row| app_path(*row) == Some(p.spec.path))
    });
    if three_rows_printed {
        if let Some(digits) = &digits {
            problems.push(unrecognised(
                &label,
                digits,
                "表三 (a （六）其他处理 row beside its three rows)",
            ));
        }
        let _ = settle_applications(pending, edition, store, problems);
        return found;
    }
    // Decided with the table as the 2019 row is, where its digits are counts.
    let counts = digits
        .as_ref()
        .filter(|d| decimal_point(&other_merged(), d).is_none());
    if let Some(counts) = counts {
        pending.push(Pending {
            spec: other_merged(),
            digits: counts.clone(),
            solve_as: app_path(AppRow::OtherOther),
            stands_for_three: true,
        });
    }
    let decision = settle_applications(pending, edition, store, problems);
    merged_other(&label, digits.as_ref(), decision, store, problems);
    found
}

/// A 表三 label from the last row numbering inside it (`1.`, `(一)`, `三、`): the digits after
/// a label are the last row's it names. A page break between a row's label and its digits
/// (`5.属于 0 0 0 0 0 0 0` then, on the next page, `三类内部事务信息 6.属于四类过程性信息
/// 1 0 0 0 0 0 1`) leaves the first row's tail before the next row's label; the whole label
/// would be recognised by that tail. The whole text where no numbering stands inside it.
fn from_last_numbering(compact: &str) -> &str {
    let chars: Vec<(usize, char)> = compact.char_indices().collect();
    let opens = |k: usize| {
        let at = |i: usize| chars.get(i).map(|(_, c)| *c);
        let row_number = at(k).is_some_and(|c| c.is_ascii_digit())
            && at(k + 1) == Some('.')
            && !at(k.wrapping_sub(1)).is_some_and(|c| c.is_ascii_digit());
        let group = at(k) == Some('(')
            && at(k + 1).is_some_and(|c| "一二三四五六七".contains(c))
            && at(k + 2) == Some(')');
        let heading = at(k).is_some_and(|c| "一二三四".contains(c)) && at(k + 1) == Some('、');
        row_number || group || heading
    };
    (1..chars.len())
        .rev()
        .find(|&k| opens(k))
        .and_then(|k| chars.get(k))
        .and_then(|(at, _)| compact.get(*at..))
        .unwrap_or(compact)
}

/// [`settle`] for 表三, and the report's own errors where cells stay unread: each row whose
/// digits no split into its seven cells lets satisfy its R3 ([`unsplit_problems`], at its
/// 总计: the digits the report prints for the row break R3 however they split, or a cell of it
/// is printed blank), and each identity across rows (R1, R2) that no choice of a split for each
/// of its rows satisfies ([`column_problems`]). In the 2019 format too, its single （六）其他处理
/// row under the cells of （六）3 that its identities are solved as.
fn settle_applications(
    pending: Vec<Pending>,
    edition: Edition,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> Option<Decision> {
    // A 2021 report's single （六）其他处理 row stands for three rows of the standard: no
    // identity of the catalogue reads it as printed.
    let rows: Vec<SplitRow> = pending
        .iter()
        .filter(|p| !(edition == Edition::E2021 && p.stands_for_three))
        .filter_map(|p| {
            Some(SplitRow {
                solved: spec_pointers(p.solve_as.unwrap_or(p.spec.path), p.spec.columns)?,
                cells: p
                    .spec
                    .columns
                    .iter()
                    .map(|c| format!("{}/{}", p.spec.path, c.name))
                    .collect(),
                digits: p.digits.clone(),
                label: p.spec.label,
                solved_elsewhere: p.solve_as.is_some(),
            })
        })
        .collect();
    let unsplit: Vec<(Problem, Vec<String>)> = rows
        .iter()
        .flat_map(|row| {
            unsplit_problems(
                &row.digits,
                &row.solved,
                &row.cells,
                &format!("表三 row {}", row.label),
            )
        })
        .collect();
    let spaced = separated_table(pending.iter().map(|p| (&p.digits, p.spec.columns.len())));
    let decision = settle(pending, spaced, store, "");
    let unread = |cells: &[String]| !cells.iter().all(|c| store.filled.contains_key(c));
    let found: Vec<Problem> = unsplit
        .into_iter()
        .filter(|(_, cells)| unread(cells))
        .map(|(problem, _)| problem)
        .chain(column_problems(&rows, store))
        .collect();
    problems.extend(found);
    decision
}

/// A row of 表三 as the identities read it: the cells they are solved as (the 2021 template's),
/// the row's own cells, its digits and its label.
struct SplitRow {
    solved: Vec<&'static str>,
    cells: Vec<String>,
    digits: Piece,
    label: &'static str,
    /// Solved as another row's cells (the 2019 （六）其他处理 row as （六）3), the 2021 rows
    /// beside it zero.
    solved_elsewhere: bool,
}

/// A problem for each identity across rows of 表三 that no choice of one split per row
/// satisfies ([`crate::unsplit::broken_across_rows`]) and a cell of which stays unread. A cell
/// read may hold only its value; a cell unread, every value that a split of its row's digits
/// agreeing with the row's cells read gives it ([`crate::unsplit::cell_values`]); the 2021 rows
/// a 2019 （六）其他处理 row is solved beside, zero.
fn column_problems(rows: &[SplitRow], store: &CellStore) -> Vec<Problem> {
    let read = |cell: &str| store.filled.get(cell).and_then(|f| f.value.as_u64());
    let mut possible: HashMap<&'static str, BTreeSet<u64>> = HashMap::new();
    // Where each solved cell stands in the report: its row, and its own pointer.
    let mut stands: HashMap<&'static str, (&SplitRow, &str)> = HashMap::new();
    for row in rows {
        let known: Vec<Option<u64>> = row.cells.iter().map(|cell| read(cell)).collect();
        let Some(values) = crate::unsplit::cell_values(&row.digits.digits(), &known) else {
            continue;
        };
        for ((solved, cell), values) in row.solved.iter().zip(&row.cells).zip(values) {
            stands.insert(solved, (row, cell));
            possible.insert(solved, values);
        }
    }
    if rows.iter().any(|row| row.solved_elsewhere) {
        for cell in MERGED_INTO_OTHER
            .iter()
            .filter_map(|row| spec_pointers(app_path(*row)?, &APPLICANT_COLUMNS))
            .flatten()
        {
            possible.insert(cell, BTreeSet::from([0]));
        }
    }
    crate::unsplit::broken_across_rows(&possible)
        .into_iter()
        .filter_map(|(anchor, cells)| {
            // The first row of the identity with a cell unread: its digits are quoted.
            let unread_row = cells.iter().find_map(|cell| {
                let (row, pointer) = stands.get(cell)?;
                (!store.filled.contains_key(*pointer)).then_some(*row)
            })?;
            let (_, anchor_cell) = stands.get(anchor)?;
            let published = unread_row.digits.published();
            Some(
                Problem::new(
                    ProblemCode::ColumnBrokenInEverySplit,
                    format!(
                        "表三 ran together row by row (row {} as `{published}`): no split of the rows into their cells satisfies the identity across them whose left side starts with this cell, so the report breaks it or prints a cell of those rows blank",
                        unread_row.label
                    ),
                )
                .at_pointer(*anchor_cell)
                .at(unread_row.digits.first_pos(), published),
            )
        })
        .collect()
}

/// Why a row's digits are no counts (they hold a decimal point), or `None`.
fn decimal_point(spec: &RowSpec, digits: &Piece) -> Option<Problem> {
    digits.digits().contains('.').then(|| {
        Problem::new(
            ProblemCode::CellUnreadable,
            format!(
                "row {}: `{}` holds a decimal point where the cells are counts",
                spec.label,
                digits.published()
            ),
        )
        .at(digits.first_pos(), digits.published())
    })
}

/// A blank mark (`-`, `/`, `—`, `无`) right before a row's digits (at the end of its label) or
/// right after them (at the start of the text that follows): a cell of the row printed blank.
/// Text that runs the cells together does not show which cell it is, so the row's digits are
/// not split (the identities would place its numbers around the blank otherwise, reading a
/// number in a cell the publisher left blank).
fn beside_blank_mark(
    spec: &RowSpec,
    label: &Piece,
    digits: &Piece,
    next: Option<&Piece>,
) -> Option<Problem> {
    let is_mark = |g: &Glyph| classify(&g.ch.to_string()) == TokenClass::Blank;
    let before = label
        .glyphs
        .iter()
        .rev()
        .find(|g| !g.ch.is_whitespace())
        .is_some_and(is_mark);
    let after = next.is_some_and(|next| {
        next.glyphs
            .iter()
            .find(|g| !g.ch.is_whitespace())
            .is_some_and(is_mark)
    });
    (before || after).then(|| {
        Problem::new(
            ProblemCode::CellUnreadable,
            format!(
                "row {}: a blank mark stands beside its digits `{}`: a cell of the row is printed blank, and text that runs its cells together does not show which",
                spec.label,
                digits.published()
            ),
        )
        .at(digits.first_pos(), digits.published())
    })
}

/// The three rows of the 2021 format that a single （六）其他处理 row stands for.
const OTHER_LEAVES: [AppRow; 3] = [AppRow::NoCorrection, AppRow::FeeUnpaid, AppRow::OtherOther];

/// A single （六）其他处理 row (the 2019 layout) in a 2021 report, settled by
/// [`crate::merged::settle`]. Its split is the table's `decision` for it, decided with the other
/// rows as the 2019 row is (R2 reads it in place of the three rows, the other two zero). A
/// column's cell counts only where every identity reading the three rows' cells of that column,
/// through the merged cells, can be evaluated and holds ([`crate::gaps::unconfirmed`], as the
/// table readers require): the row's own R3 and R2 of the column, the other rows of the column
/// read. A merged cell that R3 alone confirms may be a misprint that R2 shows (`0000000` printed
/// where （七）总计 counts more than the other rows), or digits that are not the merged row's.
fn merged_other(
    label: &Piece,
    digits: Option<&Piece>,
    decision: Option<Decision>,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) {
    let quoted = digits.map_or_else(String::new, |d| format!("`{}`", d.published()));
    let (values, kept, read_by): (Vec<u64>, Vec<bool>, Vec<ReadingRule>) = match decision {
        Some(Decision::Placed(values, rule)) => {
            let kept = vec![true; values.len()];
            (values, kept, vec![rule])
        }
        Some(Decision::Partly(values, kept, rule, _)) => (values, kept, vec![rule]),
        // Its blank is no count: the merged cell is not read.
        Some(Decision::WithBlank(values, blank, rule)) => {
            let kept = (0..values.len()).map(|k| k != blank).collect();
            (values, kept, vec![rule])
        }
        Some(Decision::Missing(..)) | None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let mut counts: MergedOther = [None; 7];
    for ((slot, value), kept) in counts.iter_mut().zip(&values).zip(&kept) {
        *slot = kept.then_some(*value);
    }
    let mut offset = 0;
    let cells: Vec<Option<MergedCell>> = APPLICANT_COLUMNS
        .iter()
        .zip(&values)
        .map(|(column, &value)| {
            // Each cell's digits start where the previous cells' end: no leading zero.
            let (at, width) = (offset, digit_count(value));
            offset += width;
            let three: Vec<String> = OTHER_LEAVES
                .iter()
                .filter_map(|row| app_path(*row))
                .map(|path| format!("{path}/{}", column.name))
                .collect();
            // An unkept cell leaves R3 unevaluable, so no column of the row is confirmed.
            if crate::gaps::unconfirmed(store, &three, Some(&counts)).is_some() {
                return None;
            }
            let digits = digits?;
            Some(MergedCell {
                value,
                pos: digits.digit_pos(at)?,
                raw: digits.digit_raw(at, width),
            })
        })
        .collect();
    crate::merged::settle(
        &cells,
        (&quoted, &read_by),
        (label.first_pos(), format!("{} {quoted}", label.published())),
        store,
        problems,
    );
}

/// 表四: one run of 15 cells after the header, or three labelled runs of five; decided by R4.
fn read_review(
    lines: &[&PosText],
    statements: &[Statement],
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> bool {
    let pairs = pairs(pieces(&without_page_footers(body(lines))));
    let whole = RowSpec {
        path: crate::sections::Section::Review.pointer(),
        label: "行政复议、行政诉讼",
        columns: &[],
    };
    let marked = pairs.iter().enumerate().find_map(|(i, (label, digits))| {
        let next = pairs.get(i + 1).map(|(next, _)| next);
        beside_blank_mark(&whole, label, digits.as_ref()?, next)
    });
    if let Some(problem) = marked {
        for pointer in review_pointers().unwrap_or_default() {
            store.miss(pointer.to_owned(), problem.clone());
        }
        return true;
    }
    let labelled: Vec<(usize, &Piece)> = pairs
        .iter()
        .filter_map(|(label, digits)| {
            Some((recognise_review_group(&label.compact())?, digits.as_ref()?))
        })
        .collect();
    let mut groups: Vec<usize> = labelled.iter().map(|(g, _)| *g).collect();
    groups.sort_unstable();
    groups.dedup();
    let pending: Vec<Pending> = if labelled.len() == 3 && groups.len() == 3 {
        labelled
            .into_iter()
            .filter_map(|(g, digits)| {
                let group = REVIEW_GROUPS.get(g)?;
                Some(Pending {
                    solve_as: None,
                    stands_for_three: false,
                    spec: RowSpec {
                        path: group.path,
                        label: group.label,
                        columns: &OUTCOME_COLUMNS,
                    },
                    digits: Piece {
                        number: true,
                        glyphs: digits.glyphs.clone(),
                    },
                })
            })
            .collect()
    } else {
        // The whole table as one run: its 15 cells under one pseudo-row. The run is the digits
        // after the header (which ends with 总计), or the section's first when no header is seen.
        let after_header = pairs
            .iter()
            .position(|(label, d)| d.is_some() && label.compact().ends_with("总计"));
        let Some(start) = after_header.or_else(|| pairs.iter().position(|(_, d)| d.is_some()))
        else {
            return !pairs.is_empty();
        };
        let spec = RowSpec {
            path: crate::sections::Section::Review.pointer(),
            label: "行政复议、行政诉讼",
            columns: &[],
        };
        let (_, Some(digits)) = &pairs[start] else {
            return true;
        };
        let more = pairs
            .iter()
            .skip(start + 1)
            .find_map(|(label, d)| Some((label, d.as_ref()?)));
        if let Some((label, after)) = more {
            let problem = interrupted(&spec, digits, label, after);
            for pointer in review_pointers().unwrap_or_default() {
                store.miss(pointer.to_owned(), problem.clone());
            }
            return true;
        }
        vec![Pending {
            solve_as: None,
            stands_for_three: false,
            spec,
            digits: Piece {
                number: true,
                glyphs: digits.glyphs.clone(),
            },
        }]
    };
    // Decided before the cells are placed, reported for those that stay unread.
    let unsplit: Vec<(Problem, Vec<String>)> = pending
        .iter()
        .flat_map(|p| {
            let pointers = if p.spec.columns.is_empty() {
                review_pointers()
            } else {
                spec_pointers(p.spec.path, p.spec.columns)
            }
            .unwrap_or_default();
            let cells: Vec<String> = pointers.iter().map(|c| (*c).to_owned()).collect();
            unsplit_problems(&p.digits, &pointers, &cells, "表四")
        })
        .collect();
    settle_review(pending, statements, store);
    problems.extend(
        unsplit
            .into_iter()
            .filter(|(_, cells)| !cells.iter().all(|c| store.filled.contains_key(c)))
            .map(|(problem, _)| problem),
    );
    true
}

/// A problem for each identity that the run's digits break however they split
/// ([`crate::unsplit::broken_in_every_split`], the run solved as the cells `solved`), at the
/// report's own cell (`cells`, in the same order) of its left side, with the report's cells it
/// reads: the checker says the report breaks it when those cells stay unread.
fn unsplit_problems(
    digits: &Piece,
    solved: &[&'static str],
    cells: &[String],
    table: &str,
) -> Vec<(Problem, Vec<String>)> {
    let published = digits.published();
    let own = |cell: &str| {
        let k = solved.iter().position(|s| *s == cell)?;
        cells.get(k).cloned()
    };
    crate::unsplit::broken_in_every_split(&digits.digits(), solved)
        .into_iter()
        .filter_map(|(anchor, read)| {
            let read: Vec<String> = read.iter().map(|c| own(c)).collect::<Option<_>>()?;
            let problem = Problem::new(
                ProblemCode::BrokenInEverySplit,
                format!(
                    "{table} ran together as `{published}`: no split of its digits into its cells satisfies the identity whose left side is this cell, so the report breaks it or prints a cell of it blank"
                ),
            )
            .at_pointer(own(anchor)?)
            .at(digits.first_pos(), published.clone());
            Some((problem, read))
        })
        .collect()
}

/// The pointers of 表四 in template order.
fn review_pointers() -> Option<Vec<&'static str>> {
    REVIEW_GROUPS
        .iter()
        .flat_map(|g| {
            g.columns
                .iter()
                .map(move |c| format!("{}/{}", g.path, c.name))
        })
        .map(|p| intern(&p))
        .collect()
}

fn settle_review(pending: Vec<Pending>, statements: &[Statement], store: &mut CellStore) {
    // The runs as the prose may confirm them, each with its cells (the labelled groups in the
    // order printed).
    let runs: Vec<(Piece, Vec<&'static str>)> = pending
        .iter()
        .filter_map(|p| {
            let cells = if p.spec.columns.is_empty() {
                review_pointers()
            } else {
                spec_pointers(p.spec.path, p.spec.columns)
            }?;
            Some((p.digits.clone(), cells))
        })
        .collect();
    settle_review_by_identities(pending, store);
    read_spaced_but_for_one_defect(&runs, store);
    confirm_by_prose(&runs, statements, store);
}

/// How [`case_runs`] weighs the page's whitespace between a run's digits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spacing {
    /// Every run's splits weighed against it ([`case_splits::spaced_cells`]).
    Weighed,
    /// Weighed in the runs whose cells the page separates but for one defect (as many
    /// whitespace-separated numbers as cells, one more or one fewer); not in a run with a space
    /// here and there (lines of a PDF's text joined) or between every two digits (pdf.js's text
    /// of letter-spaced cells), which is read as run together.
    AsPrinted,
}

/// The runs of 表四 as [`case_splits`] searches them, their digits `digits`, with the page's
/// whitespace between them weighed as `spacing` says.
fn case_runs<'a>(
    runs: &[(Piece, Vec<&'static str>)],
    digits: &'a [String],
    spacing: Spacing,
) -> Vec<CaseRun<'a>> {
    runs.iter()
        .zip(digits)
        .map(|((piece, cells), digits)| {
            let gaps = gaps(piece);
            let numbers = gaps.len() + 1;
            let spaced = match spacing {
                Spacing::Weighed => true,
                Spacing::AsPrinted => {
                    !gaps.is_empty() && numbers + 1 >= cells.len() && numbers <= cells.len() + 1
                }
            };
            CaseRun {
                digits,
                cells: cells.clone(),
                gaps,
                spaced,
            }
        })
        .collect()
}

/// Whether a cell of `runs` is still unread.
fn any_unread(runs: &[(Piece, Vec<&'static str>)], store: &CellStore) -> bool {
    runs.iter()
        .flat_map(|(_, cells)| cells)
        .any(|c| !store.filled.contains_key(*c))
}

/// The digits (by index among the piece's digits) that whitespace stands before.
fn gaps(piece: &Piece) -> Vec<usize> {
    let mut gaps = Vec::new();
    let mut digits = 0;
    let mut space = false;
    for glyph in &piece.glyphs {
        if glyph.ch.is_whitespace() {
            space = true;
        } else if glyph.ch.is_ascii_digit() {
            if space && digits > 0 {
                gaps.push(digits);
            }
            digits += 1;
            space = false;
        }
    }
    gaps
}

/// Places the cells of 表四 still unread where its page separates them but for one defect
/// ([`case_splits::spaced_cells`]), when the split reads every cell already placed alike.
fn read_spaced_but_for_one_defect(runs: &[(Piece, Vec<&'static str>)], store: &mut CellStore) {
    if !any_unread(runs, store) {
        return;
    }
    let digits: Vec<String> = runs.iter().map(|(piece, _)| piece.digits()).collect();
    let case_runs = case_runs(runs, &digits, Spacing::Weighed);
    if case_runs.iter().all(|run| run.gaps.is_empty()) {
        return;
    }
    let Some(split) = case_splits::spaced_cells(&case_runs) else {
        return;
    };
    place_confirmed(
        runs,
        split.into_iter().map(Some).collect(),
        ReadingRule::RunSeparatedButForOneDefect,
        store,
    );
}

/// Places the cells of 表四 still unread that the report's prose confirms
/// ([`case_splits::confirmed_cells`]), when it reads every cell already placed alike.
fn confirm_by_prose(
    runs: &[(Piece, Vec<&'static str>)],
    statements: &[Statement],
    store: &mut CellStore,
) {
    if statements.is_empty() || !any_unread(runs, store) {
        return;
    }
    let digits: Vec<String> = runs.iter().map(|(piece, _)| piece.digits()).collect();
    // Where the page separates a run's cells but for one defect, the splits the prose picks
    // from are those the page shows but for one defect: prose stating a figure the table does not
    // print (`纠正2件` beside `5 21 0 10 4 121`, which breaks R4 and splits `5 2 10 104 121`
    // satisfying it) would pick a split cutting the page's numbers apart.
    let case_runs = case_runs(runs, &digits, Spacing::AsPrinted);
    let Some(confirmed) = case_splits::confirmed_cells(&case_runs, statements) else {
        return;
    };
    place_confirmed(
        runs,
        confirmed,
        ReadingRule::RunTogetherConfirmedByProse,
        store,
    );
}

/// Fills the cells of `runs` still unread with the values `confirmed` gives them, by `rule`,
/// unless a value differs from a cell already placed (then none is filled: the readings
/// disagree).
fn place_confirmed(
    runs: &[(Piece, Vec<&'static str>)],
    confirmed: Vec<Option<Confirmed>>,
    rule: ReadingRule,
    store: &mut CellStore,
) {
    let cells: Vec<&'static str> = runs.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    let agrees = cells.iter().zip(&confirmed).all(|(cell, confirmed)| {
        match (store.filled.get(*cell), confirmed) {
            (Some(filled), Some(c)) => filled.value == c.value,
            _ => true,
        }
    });
    if !agrees {
        return;
    }
    for (cell, confirmed) in cells.iter().zip(confirmed) {
        let Some(Confirmed { value, run, offset }) = confirmed else {
            continue;
        };
        let Some((piece, _)) = runs.get(run) else {
            continue;
        };
        if store.filled.contains_key(*cell) {
            continue;
        }
        store.fill(
            (*cell).to_owned(),
            Filled {
                value: value.into(),
                pos: piece.digit_pos(offset).unwrap_or_default(),
                raw: format!("{value} (of `{}`)", piece.published()),
                rules: vec![rule],
            },
        );
    }
}

/// Places 表四's runs as the identities decide them.
fn settle_review_by_identities(pending: Vec<Pending>, store: &mut CellStore) {
    let whole = pending.first().is_some_and(|p| p.spec.columns.is_empty());
    if !whole {
        // No row of 表四 stands for three.
        let spaced = separated_table(pending.iter().map(|p| (&p.digits, p.spec.columns.len())));
        let _ = settle(pending, spaced, store, "");
        return;
    }
    let Some(p) = pending.into_iter().next() else {
        return;
    };
    let Some(pointers) = review_pointers() else {
        return;
    };
    if separated_table([(&p.digits, pointers.len())]) {
        if let Some(tokens) = separated_counts(&p.digits, pointers.len()) {
            place_tokens(pointers.iter().map(|p| (*p).to_owned()), tokens, store);
        }
        return;
    }
    let printed_apart = separated_counts(&p.digits, pointers.len()).is_some();
    let run = Run {
        pointers,
        digits: p.digits.digits(),
        printed_apart,
    };
    if let Some(decision) = decide(std::slice::from_ref(&run)).into_iter().next() {
        let cells: Vec<String> = run.pointers.iter().map(|p| (*p).to_owned()).collect();
        apply(
            decision,
            &run,
            &cells,
            &p.digits,
            "表四: the 15 cells ran together",
            "",
            store,
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_label_is_read_from_its_last_row_numbering() {
        for (label, from_last) in [
            (
                "三类内部事务信息6.属于四类过程性信息",
                "6.属于四类过程性信息",
            ),
            ("三、本年度办理结果(一)予以公开", "(一)予以公开"),
            ("(三)不予公开1.属于国家秘密", "1.属于国家秘密"),
            (
                "其他组织总计一、本年新收政府信息公开申请数量",
                "一、本年新收政府信息公开申请数量",
            ),
            ("四、结转下年度继续办理", "四、结转下年度继续办理"),
            (
                "(二)部分公开(区分处理的只计这一情形不计其他情形)",
                "(二)部分公开(区分处理的只计这一情形不计其他情形)",
            ),
            ("2024年10.5万", "2024年10.5万"),
        ] {
            assert_eq!(from_last_numbering(label), from_last, "{label}");
        }
    }

    use super::*;
    use crate::normalize::text_lines;

    fn texts(text: &str) -> Vec<String> {
        reflow(&text_lines(text))
            .unwrap_or_default()
            .iter()
            .map(PosText::normalized)
            .collect()
    }

    #[test]
    fn headings_are_found_mid_line() {
        let got = texts(
            "首页 > 政务公开 字号：大 中 小 打印本页 测试街道2024年政府信息公开工作年度报告\
             一、总体情况本年度……（一）主动公开情况……二、主动公开政府信息情况第二十条第（一）项\
             信息内容规章0003三、收到和处理政府信息公开申请情况…总计一、本年新收政府信息公开申请数量\
             0000000四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议\
             000000000000000五、存在的主要问题及改进情况问题。六、其他需要报告的事项无。",
        );
        assert_eq!(
            got,
            vec![
                "测试街道2024年政府信息公开工作年度报告",
                "一、总体情况",
                "本年度……(一)主动公开情况……",
                "二、主动公开政府信息情况",
                "第二十条第(一)项信息内容规章0003",
                "三、收到和处理政府信息公开申请情况",
                "…总计一、本年新收政府信息公开申请数量0000000四、结转下年度继续办理0000000",
                "四、政府信息公开行政复议、行政诉讼情况",
                "行政复议000000000000000",
                "五、存在的主要问题及改进情况",
                "问题。",
                "六、其他需要报告的事项",
                "无。",
            ]
        );
        assert!(reflow(&text_lines("一、总体情况\n二、主动公开政府信息情况\n")).is_none());
        assert!(
            reflow(&text_lines(
                "## 一、总体情况\n## 二、主动公开政府信息情况\n"
            ))
            .is_none()
        );
    }

    #[test]
    fn numbering_glued_to_digits_goes_back_to_its_label() {
        let lines = text_lines(
            "（二）部分公开0000000（三）不予公开1.属于国家秘密10 00001 2.其他法律1,2340001,234（1）其他",
        );
        let glyphs: Vec<Glyph> = lines[0].glyphs.clone();
        let got: Vec<(bool, String)> = pieces(&glyphs)
            .iter()
            .map(|p| (p.number, p.glyphs.iter().map(|g| g.ch).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                (false, "(二)部分公开".to_owned()),
                (true, "0000000".to_owned()),
                (false, "(三)不予公开1.属于国家秘密".to_owned()),
                (true, "10 00001 ".to_owned()),
                (false, "2.其他法律".to_owned()),
                (true, "1,2340001,234".to_owned()),
                (false, "(1)其他".to_owned()),
            ]
        );
    }
}
