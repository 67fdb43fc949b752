//! Grid tables: every row ruled off from the next (`+----+----+`), a row's cells wrapped over
//! several lines inside their columns, as pandoc writes reStructuredText and Markdown grid
//! tables, Python's `tabulate` its `grid` format and `w3m -dump` its boxes (folded to `|` and
//! `-`). A number wrapped in a narrow cell (`| 3   |` over `| 001 |`) and a label wrapped over
//! its cell's lines are the cell's text read line after line; each row is read as one line of
//! cells, the pieces of a cell joined in order, each glyph keeping its source position.

use crate::normalize::{Glyph, PosText, trim_glyphs};

/// What a line of a grid table is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A rule between rows: `+---+---+`, `|---|---|`.
    Rule,
    /// The rule below a grid table's header: `+===+===+`.
    HeaderRule,
    /// A line of cells: `| … | … |`.
    Cells,
    /// Anything else.
    Other,
}

fn kind(line: &PosText) -> Kind {
    let trimmed = trim_glyphs(&line.glyphs);
    let (Some(first), Some(last)) = (trimmed.first(), trimmed.last()) else {
        return Kind::Other;
    };
    let edge = |g: &Glyph| matches!(g.ch, '+' | '|');
    if !edge(first) || !edge(last) || trimmed.len() < 2 {
        return Kind::Other;
    }
    if trimmed.iter().any(|g| matches!(g.ch, '-' | '='))
        && trimmed
            .iter()
            .all(|g| matches!(g.ch, '+' | '|' | '-' | '=' | ':' | ' '))
    {
        if trimmed.iter().any(|g| g.ch == '=') {
            Kind::HeaderRule
        } else {
            Kind::Rule
        }
    } else if first.ch == '|' && last.ch == '|' {
        Kind::Cells
    } else {
        Kind::Other
    }
}

/// The fewest rules a table ruled row by row has: one above its header, one below it, one below
/// each of at least two rows. A table ruled only above and below its header and at its end
/// (MySQL's, PrettyTable's) prints a row a line, so its lines between two rules are rows, not
/// one row's wrapped lines. A header ruled off with `=` (pandoc's, `tabulate`'s grid) marks a
/// grid table whatever its rows.
const RULES_OF_A_GRID: usize = 4;

/// `lines` with each row of a grid table that wraps over several lines read as one line of
/// cells (`| 一、本年新收政府信息公开申请数量 | 3001 | … |`); every other line as it is.
pub(crate) fn rows_joined(lines: Vec<PosText>) -> Vec<PosText> {
    let kinds: Vec<Kind> = lines.iter().map(kind).collect();
    let closes_a_wrapped_row =
        |w: &[Kind]| matches!(w, [Kind::Cells, Kind::Cells, Kind::Rule | Kind::HeaderRule]);
    if !kinds.windows(3).any(closes_a_wrapped_row) {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let Some(end) = grid_end(&kinds, i) else {
            out.extend(lines.get(i).cloned());
            i += 1;
            continue;
        };
        let mut group: Vec<&PosText> = Vec::new();
        for (line, kind) in lines.iter().zip(&kinds).take(end).skip(i) {
            match kind {
                Kind::Rule | Kind::HeaderRule => {
                    out.extend(joined_row(&group));
                    group.clear();
                    out.push(line.clone());
                }
                _ => group.push(line),
            }
        }
        i = end;
    }
    out
}

/// Where the grid table starting with a rule at `start` ends (the index after its last rule):
/// rules and lines of cells only, every run of cells closed by a rule, at least
/// [`RULES_OF_A_GRID`] rules.
fn grid_end(kinds: &[Kind], start: usize) -> Option<usize> {
    if kinds.get(start) != Some(&Kind::Rule) {
        return None;
    }
    let mut rules = 0;
    let mut last_rule = start;
    let mut header_ruled = false;
    for (k, kind) in kinds.iter().enumerate().skip(start) {
        match kind {
            Kind::Rule => {
                rules += 1;
                last_rule = k;
            }
            Kind::HeaderRule => {
                rules += 1;
                last_rule = k;
                header_ruled = true;
            }
            Kind::Cells => {}
            Kind::Other => break,
        }
    }
    (rules >= RULES_OF_A_GRID || header_ruled && rules >= 3).then_some(last_rule + 1)
}

/// The cells of a line of a grid table: the text between its `|`, with the position of the `|`
/// that opens each.
fn cells_of(line: &PosText) -> Vec<(Glyph, &[Glyph])> {
    let bars: Vec<usize> = line
        .glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| g.ch == '|')
        .map(|(k, _)| k)
        .collect();
    bars.windows(2)
        .filter_map(|w| {
            let [open, close] = [*w.first()?, *w.get(1)?];
            Some((*line.glyphs.get(open)?, line.glyphs.get(open + 1..close)?))
        })
        .collect()
}

/// The lines of one row read as one line of cells, each cell its pieces line after line; the
/// lines as they are where they do not hold as many cells each, or where there is one line.
fn joined_row(group: &[&PosText]) -> Vec<PosText> {
    let as_they_are = || group.iter().map(|l| (*l).clone()).collect();
    let rows: Vec<Vec<(Glyph, &[Glyph])>> = group.iter().map(|l| cells_of(l)).collect();
    let Some(first) = rows.first() else {
        return Vec::new();
    };
    if group.len() < 2 || first.is_empty() || rows.iter().any(|r| r.len() != first.len()) {
        return as_they_are();
    }
    // Two row labels in one cell, each on a line of its own (numbered, a row of 表二 or a group
    // of 表四 printed as rows): rows
    // a converter stacked in one (a rule it missed), not one row wrapped; their numbers are not
    // run together. A wrapped label's later lines open with neither.
    let opens_a_row = |text: &[Glyph]| {
        let compact = crate::normalize::compact_chars(text.iter().map(|g| g.ch));
        !compact.is_empty()
            && (crate::template::strip_numbering(&compact).len() < compact.len()
                || crate::template::recognise_active(&compact).is_some()
                || crate::template::recognise_review_group(&compact).is_some())
    };
    let stacked = (0..first.len()).any(|k| {
        rows.iter()
            .filter_map(|r| r.get(k))
            .filter(|(_, text)| opens_a_row(text))
            .count()
            >= 2
    });
    if stacked {
        return as_they_are();
    }
    let mut line = PosText::default();
    let mut closing = None;
    for (k, (bar, _)) in first.iter().enumerate() {
        line.glyphs.push(*bar);
        line.glyphs.push(Glyph { ch: ' ', ..*bar });
        let mut previous: Option<char> = None;
        for piece in rows
            .iter()
            .filter_map(|r| r.get(k))
            .map(|(_, text)| trim_glyphs(text))
        {
            let (Some(first_char), Some(last)) = (piece.first(), piece.last()) else {
                continue;
            };
            // English words wrapped apart keep a space; CJK text and a number's digits run on.
            if previous.is_some_and(|p| p.is_ascii_alphabetic())
                && first_char.ch.is_ascii_alphabetic()
            {
                line.glyphs.push(Glyph {
                    ch: ' ',
                    ..*first_char
                });
            }
            line.glyphs.extend_from_slice(piece);
            previous = Some(last.ch);
        }
        line.glyphs.push(Glyph { ch: ' ', ..*bar });
        closing = Some(*bar);
    }
    // The row's closing `|`, where the first line prints it.
    let close = group
        .first()
        .and_then(|l| l.glyphs.iter().rev().find(|g| g.ch == '|'))
        .copied()
        .or(closing);
    line.glyphs.extend(close);
    vec![line]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text_lines;

    fn joined(text: &str) -> Vec<String> {
        rows_joined(text_lines(text))
            .iter()
            .map(PosText::normalized)
            .collect()
    }

    #[test]
    fn a_row_wrapped_in_its_cells_reads_as_one_line() {
        let text = "\
+------+-----+-----+
| 信息 | 本  | 本  |
| 内容 | 年  | 年  |
+======+=====+=====+
| 一、 | 3   | 4   |
| 本年 | 001 | 5   |
+------+-----+-----+
| 规章 | 0   | 12  |
+------+-----+-----+";
        assert_eq!(
            joined(text),
            [
                "+------+-----+-----+",
                "| 信息内容 | 本年 | 本年 |",
                "+======+=====+=====+",
                "| 一、本年 | 3001 | 45 |",
                "+------+-----+-----+",
                "| 规章 | 0   | 12  |",
                "+------+-----+-----+",
            ]
        );
    }

    #[test]
    fn each_glyph_keeps_its_source_position() {
        let text = "\
+----+-----+
| a  | b   |
+----+-----+
| 规 | 3   |
| 章 | 001 |
+----+-----+
| x  | 1   |
+----+-----+";
        let lines = rows_joined(text_lines(text));
        let row = lines.get(3).expect("the joined row");
        let digits: Vec<(u32, u32)> = row
            .glyphs
            .iter()
            .filter(|g| g.ch.is_ascii_digit())
            .map(|g| (g.pos.line, g.pos.column))
            .collect();
        assert_eq!(digits, [(4, 7), (5, 7), (5, 8), (5, 9)]);
    }

    #[test]
    fn a_table_ruled_only_around_its_header_keeps_a_row_a_line() {
        // MySQL's and PrettyTable's frame: the lines between two rules are rows.
        let text = "\
+------+----+
| 名称 | 数 |
+------+----+
| 规章 | 1  |
| 许可 | 2  |
+------+----+";
        assert_eq!(joined(text), text.lines().collect::<Vec<_>>());
    }

    #[test]
    fn a_header_ruled_with_equals_marks_a_grid_of_one_row() {
        let text = "\
+------+------+
| 信息 | 本年 |
| 内容 | 数量 |
+======+======+
| 行政 | 1    |
| 许可 | 2    |
+------+------+";
        assert_eq!(
            joined(text),
            [
                "+------+------+",
                "| 信息内容 | 本年数量 |",
                "+======+======+",
                "| 行政许可 | 12 |",
                "+------+------+",
            ]
        );
    }

    #[test]
    fn lines_of_unequal_cells_and_markdown_tables_stay_as_they_are() {
        let markdown = "| 规章 | 1 |\n|---|---|\n| 许可 | 2 |\n| 处罚 | 3 |";
        assert_eq!(joined(markdown), markdown.lines().collect::<Vec<_>>());
        let uneven = "\
+---+---+
| a | b |
+---+---+
| 1 | 2 |
| 3 |
+---+---+
| 4 | 5 |
+---+---+";
        assert_eq!(joined(uneven), uneven.lines().collect::<Vec<_>>());
    }

    #[test]
    fn rows_stacked_in_one_cell_are_not_run_together() {
        // Two rows a converter put in one grid row: 1 and 2 are two rows' numbers, not 12.
        let text = "\
+----------------+---+
| 信息内容       | 数 |
+================+===+
| 规章           | 1 |
| 行政规范性文件 | 2 |
+----------------+---+
| 行政许可       | 3 |
+----------------+---+";
        assert_eq!(joined(text), text.lines().collect::<Vec<_>>());
        // 表四 printed as a row a group: 行政复议's 3 over 未经复议直接起诉's 1, not 31.
        let text = "\
+------------------+------+
| 类别             | 维持 |
+==================+======+
| 行政复议         | 3    |
| 未经复议直接起诉 | 1    |
+------------------+------+
| 复议后起诉       | 0    |
+------------------+------+";
        assert_eq!(joined(text), text.lines().collect::<Vec<_>>());
    }

    #[test]
    fn english_words_wrapped_apart_keep_their_space() {
        let text = "\
+-------+---+
| Total | 1 |
| cases | 2 |
+-------+---+
| a     | 1 |
+-------+---+
| b     | 1 |
+-------+---+";
        assert_eq!(
            joined(text).get(1).map(String::as_str),
            Some("| Total cases | 12 |")
        );
    }
}
