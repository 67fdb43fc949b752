//! Markdown table rows broken over lines: a converter writing a cell's line break as it stands,
//! or a row cut before its end, leaves `| 三、本年度办理结果 | （四）无法提供 |` on one line and
//! `1.本机关不掌握相关政府信息 | 136 | 1 | … |` on the next. Read as they stand, the table's rows
//! no longer have one width (a converter's unused column is then kept, and every row's cells
//! shift by one) and the row's label is cut from its numbers. Such a row is joined again before
//! anything is read: a row of a table (below its ruler) that stops without a pipe goes on in
//! the lines up to one that closes with a pipe; a row that closes with a pipe but lacks cells
//! goes on in the next line only where that line opens without a pipe, holds a cell boundary
//! of its own, and the pieces, joined, have no more cells than the table's ruler (torn
//! converters print rows of fewer cells too, a group's label in a row's first cell).

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

/// For each line of `text` (as [`crate::normalize::text_lines`] splits it), whether it is a
/// piece of a Markdown table row that goes on in the next line; `None` when no row is broken.
pub(crate) fn continued_lines(text: &str) -> Option<Vec<bool>> {
    if !text.contains("|-") && !text.contains("| -") && !text.contains("|:") {
        return None;
    }
    let lines: Vec<&str> = split_like_text_lines(text)
        .into_iter()
        .map(str::trim)
        .collect();
    let mut continued = vec![false; lines.len()];
    // The cells of the table's ruler, while the lines are the table's.
    let mut width: Option<usize> = None;
    let mut k = 0;
    while let Some(&line) = lines.get(k) {
        if is_ruler(line) {
            let ruler = cells(&[line]);
            width = Some(ruler);
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
        ] {
            assert_eq!(continued_lines(&text), None, "{text}");
        }
    }
}
