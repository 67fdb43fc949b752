//! Markdown table rows broken over lines: a converter writing a cell's line break as it stands,
//! or a row cut before its end, leaves `| 三、本年度办理结果 | （四）无法提供 |` on one line and
//! `1.本机关不掌握相关政府信息 | 136 | 1 | … |` on the next. Read as they stand, the table's rows
//! no longer have one width (a converter's unused column is then kept, and every row's cells
//! shift by one) and the row's label is cut from its numbers. Such a row is joined again before
//! anything is read: a row of a table (below its ruler) that stops without a pipe goes on in
//! the lines up to one that closes with a pipe; a row that closes with a pipe but lacks cells
//! goes on in the next line only where that line opens without a pipe, holds a cell boundary
//! of its own, and the pieces, joined, have no more cells than the table's ruler (torn
//! converters print rows of fewer cells too, a group's label in a row's first cell). A table
//! without a ruler (markdownify's of a Word table) takes its widest row's cells for the ruler's.

use crate::hard_wrap::split_like_text_lines;

/// Lines a row's rest may run over, at most (a cell of three lines).
const MAX_PIECES: usize = 3;
/// Glyphs besides spaces of a line without a pipe inside a table, at most: a page footer
/// (`- 9 -`), a cell's text pulled out below its row (`921290（其中修订 5 件）`); prose is longer.
const MAX_OTHER_GLYPHS: usize = 24;

/// The cells of a Markdown row or ruler that opens and closes with a pipe: its pipes less one.
fn cells(pieces: &[&str]) -> usize {
    pieces
        .iter()
        .map(|p| p.chars().filter(|&c| c == '|').count())
        .sum::<usize>()
        .saturating_sub(1)
}

/// A table's ruler: `|---|:--|`.
fn is_ruler(line: &str) -> bool {
    line.starts_with('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | ':' | '|'))
}

/// The width of a table without a ruler whose first row opens at line `k` (markdownify writes
/// a table without `<th>` so): its widest row, over the lines up to one without a pipe. `None`
/// where a ruler follows (it gives the width), or where rows do not open most of those lines
/// (text printing a cell a line, each closed by a pipe, is no Markdown table).
fn rulerless_width(lines: &[&str], k: usize) -> Option<usize> {
    // A row (or a broken row's first piece) opens with a pipe and holds text.
    let opens_row = |l: &str| {
        l.starts_with('|')
            && l.chars()
                .any(|c| !c.is_whitespace() && !matches!(c, '|' | '-' | ':'))
    };
    let block: Vec<&str> = lines
        .get(k..)
        .unwrap_or_default()
        .iter()
        .take_while(|l| l.contains('|'))
        .copied()
        .collect();
    let opening = block.iter().filter(|l| l.starts_with('|')).count();
    let rows = block.iter().filter(|l| opens_row(l)).count();
    if !lines.get(k).is_some_and(|l| opens_row(l))
        || block.iter().any(|l| is_ruler(l))
        || 2 * rows <= opening
        || 2 * opening <= block.len()
    {
        return None;
    }
    block
        .iter()
        .filter(|l| l.len() > 1 && opens_row(l) && l.ends_with('|'))
        .map(|l| cells(&[l]))
        .max()
}

/// For each line of `text` (as [`crate::normalize::text_lines`] splits it), whether it is a
/// piece of a Markdown table row that goes on in the next line; `None` when no row is broken.
pub(crate) fn continued_lines(text: &str) -> Option<Vec<bool>> {
    if !text.contains("|-")
        && !text.contains("| -")
        && !text.contains("|:")
        && !text.starts_with('|')
        && !text.contains("\n|")
    {
        return None;
    }
    let lines: Vec<&str> = split_like_text_lines(text)
        .into_iter()
        .map(str::trim)
        .collect();
    let mut continued = vec![false; lines.len()];
    // The cells of the table's ruler, while the lines are the table's.
    let mut width: Option<usize> = None;
    // Whether the width is a table's without a ruler, which ends at the first line without a
    // pipe (a table with one goes on over page footers and cells pulled out below their rows).
    let mut rulerless = false;
    let mut k = 0;
    while let Some(&line) = lines.get(k) {
        if is_ruler(line) {
            let ruler = cells(&[line]);
            width = Some(ruler);
            rulerless = false;
            // The heading row above the ruler may be broken too.
            let first = (k.saturating_sub(MAX_PIECES + 1)..k)
                .rev()
                .take_while(|&j| lines.get(j).is_some_and(|l| !l.is_empty()))
                .find(|&j| lines.get(j).is_some_and(|l| l.starts_with('|')));
            if let Some(first) = first
                && first + 1 < k
                && lines.get(k - 1).is_some_and(|l| l.ends_with('|'))
                && cells(lines.get(first + 1..k).unwrap_or_default()) >= 1
                && cells(lines.get(first..k).unwrap_or_default()) == ruler
            {
                for flag in continued.get_mut(first..k - 1).unwrap_or_default() {
                    *flag = true;
                }
            }
        } else if line.starts_with('#')
            || (!line.contains('|')
                && line
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .nth(MAX_OTHER_GLYPHS)
                    .is_some())
        {
            // A heading or prose: the table has ended (a page footer, a repeated heading or a
            // cell pulled out below its row stand inside it).
            width = None;
        } else if rulerless && !line.contains('|') {
            width = None;
        }
        if width.is_none() && line.starts_with('|') {
            width = rulerless_width(&lines, k);
            rulerless = width.is_some();
        }
        let Some(width) = width.filter(|_| line.starts_with('|') && !is_ruler(line)) else {
            k += 1;
            continue;
        };
        // A row closes with a pipe of its own (a lone `|` is a row cut right after it opened).
        let closes = line.len() > 1 && line.ends_with('|');
        if closes && cells(&[line]) == width {
            k += 1;
            continue;
        }
        // The row's rest: lines that open without a pipe, up to one that closes with one.
        let rest = (k + 1..lines.len().min(k + 1 + MAX_PIECES))
            .take_while(|&j| {
                lines
                    .get(j)
                    .is_some_and(|l| !l.is_empty() && !l.starts_with('|'))
            })
            .find(|&j| lines.get(j).is_some_and(|l| l.ends_with('|')));
        let pieces = |end: usize| lines.get(k..=end).unwrap_or_default();
        let joined = rest.filter(|&end| {
            if closes {
                // Cut at a cell boundary: the rest holds one of its own (a lone `… |` closing a
                // short row is more likely its last cell's text pulled out below it), and the
                // pieces make no more cells than the ruler's.
                cells(pieces(end).get(1..).unwrap_or_default()) >= 1 && cells(pieces(end)) <= width
            } else {
                // Cut inside a cell: a row of a table whose rows close with a pipe never stops
                // without one.
                true
            }
        });
        match joined {
            Some(end) => {
                for flag in continued.get_mut(k..end).unwrap_or_default() {
                    *flag = true;
                }
                k = end + 1;
            }
            None => k += 1,
        }
    }
    continued.contains(&true).then_some(continued)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "| 项目 |  | 自然人 | 总计 |\n|---|---|---|---|\n";

    #[test]
    fn a_row_cut_at_a_cell_boundary_is_joined() {
        let text = format!(
            "{TABLE}| 一、本年新收 |  | 3 | 3 |\n| （四）无法提供 |\n1.本机关不掌握 | 1 | 1 |\n| 四、结转 |  | 0 | 0 |\n"
        );
        assert_eq!(
            continued_lines(&text),
            Some(vec![false, false, false, true, false, false, false])
        );
    }

    #[test]
    fn a_heading_row_broken_above_the_ruler_is_joined() {
        let text = "| 项目 | 申\n请人情况 | 总计 |\n|---|---|---|\n| 一 | 3 | 3 |\n";
        assert_eq!(
            continued_lines(text),
            Some(vec![true, false, false, false, false])
        );
    }

    #[test]
    fn a_row_cut_inside_a_cell_is_joined_over_its_lines() {
        let text = format!("{TABLE}| 1.本机关不\n掌握相关\n政府信息 |  | 1 | 1 |\n");
        assert_eq!(
            continued_lines(&text),
            Some(vec![false, false, true, true, false, false])
        );
        // Cut right after its first pipe, a row of fewer cells than the ruler's.
        let text = format!("{TABLE}| \n开出 | 4 | 4 |\n| 二 |  | 0 | 0 |\n");
        assert_eq!(
            continued_lines(&text),
            Some(vec![false, false, true, false, false, false])
        );
    }

    #[test]
    fn a_row_of_a_table_without_a_ruler_cut_at_a_cell_boundary_is_joined() {
        let text = "| 四、结转下年度继续办理 | | | 0 | 1 | 175 | 0 | | 0 | |\n0 | 176 |\n| （七）总计 | | | 3 | 2 | 2 | 1 | | 3 | 5 | | 16 |\n";
        assert_eq!(continued_lines(text), Some(vec![true, false, false, false]));
        // Its first row broken too, and a number cut inside.
        // After another table and a heading without `#`, measured afresh.
        let text = "| 规章 | 0 | 0 |\n三、收到和处理政府信息公开申请情况\n| 一 | | 9 | 7 | | 0 | 0 | 0 | 66 |\n82 | |\n| 二 | | 0 | 0 | | 0 | 0 | 0 | 0 | 0 | |\n";
        assert_eq!(
            continued_lines(text),
            Some(vec![false, false, true, false, false, false])
        );
        let text = "| 规\n章 | 0 | | 0 | 6 |\n| 行政许可 | 5\n73 | | | |\n| 行政强制 | 1 | | | |\n";
        assert_eq!(
            continued_lines(text),
            Some(vec![true, false, true, false, false, false])
        );
    }

    #[test]
    fn lines_that_do_not_continue_a_row_stay_apart() {
        // A page footer between rows, a cell's text pulled out below a row of other width,
        // a row and a line after it of more cells than the ruler's,
        // text after the table, and a table without a ruler.
        for text in [
            format!("{TABLE}| 一、本年新收 |  | 3 | 3 |\n- 9 -\n| 二、上年结转 |  | 0 | 0 |\n"),
            format!("{TABLE}| 规章 | 22 |  |\n（其中修订 16 件） |\n"),
            format!("{TABLE}| 一、本年新收 | 3 | 3 |\n1 | 2 | 3 |\n"),
            format!(
                "{TABLE}\n本机关政府信息公开工作年度报告如上所述，特此报告，谨请审阅。\n| 一 |\n1 | 2 | 3 |\n"
            ),
            "| 一、本年新收 |\n 3 | 3 |\n".to_owned(),
            // A cell a line, each closed by a pipe, rows ended by a line of pipes.
            "| 项目 | 自然人 |\n||||\n一、本年新收 |\n3 |\n3 |\n||||\n".to_owned(),
        ] {
            assert_eq!(continued_lines(&text), None, "{text}");
        }
    }
}
