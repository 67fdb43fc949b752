//! Tables laid out in lines whose rows print their numbers glued together: pdf.js, through npm
//! `pdf-parse`, joins the items of one baseline with no separator, so a row's label stands on its
//! lines and its numbers on one line as one run of digits (`一、本年新收政府信息公开申请数量` over
//! `300153006143119`; `规章000`). The reader of lines cannot split such a run; the one-line
//! reader ([`crate::oneline`]) can, by the identities, so such a table is read a second time by
//! it, and its cells join the first reading's only where that left them missing because their
//! numbers did not fit the row, ran together ambiguously, or stand in a single （六） row, or
//! never saw them. A cell the two readings give different values is withdrawn: neither is
//! confirmed.
//!
//! Only a table most of whose lines of numbers are glued runs is read again: in a block dump or
//! a table of cells a space apart, the one-line reader would take the lines of many rows for one.

use std::collections::BTreeSet;

use crate::Edition;
use crate::case_splits::Statement;
use crate::cells::CellStore;
use crate::normalize::{Glyph, PosText, is_cjk};
use crate::oneline;
use crate::problem::{Problem, ProblemCode};

/// The three tables' body lines: 表二, 表三, 表四.
pub(crate) type TableLines<'a> = [Vec<&'a PosText>; 3];

/// The fewest digits of a run that glues a row of each table: 表三's seven, 表四's five of a
/// group (a whole 表四 on one line has fifteen); 表二's rows must be glued to their labels.
const GLUED_DIGITS: [usize; 3] = [1, 7, 5];

/// Reads again, with the one-line reader (表四 helped by the figures the prose states of it,
/// `statements`, read only then), each table whose rows print glued numbers, and adds
/// to `store` what the first reading left missing; `problems` gains the report's breaks that the
/// one-line reader finds in runs no split of which satisfies an identity (their cells unread).
/// Gives the cells it added, and the cells whose count mismatch it explains by the split.
pub(crate) fn read_again(
    lines: &TableLines<'_>,
    statements: impl FnOnce() -> Vec<Statement>,
    edition: Edition,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut added = BTreeSet::new();
    let mut explained = BTreeSet::new();
    let review_wrapped = lines.get(2).and_then(|body| review_wrapped_in_cells(body));
    let glued: Vec<bool> = lines
        .iter()
        .zip(GLUED_DIGITS)
        .enumerate()
        .map(|(k, (body, digits))| {
            prints_glued_rows(body, digits, k == 0) || k == 2 && review_wrapped.is_some()
        })
        .collect();
    if !glued.contains(&true) {
        return (added, explained);
    }
    // pdf-parse prints a row's numbers on one line: a line break ends a run of digits, which
    // the one-line reader would otherwise let run on across a space (`7` over `0` is no `70`).
    let ended: Vec<Vec<PosText>> = lines
        .iter()
        .zip(&glued)
        .enumerate()
        .map(|(k, (body, &glued))| match &review_wrapped {
            Some(joined) if k == 2 => joined.iter().map(run_ended).collect(),
            _ if glued => body.iter().map(|line| run_ended(line)).collect(),
            _ => Vec::new(),
        })
        .collect();
    let refs: Vec<Vec<&PosText>> = ended.iter().map(|body| body.iter().collect()).collect();
    let pick = |k: usize| -> &[&PosText] { refs.get(k).map_or(&[], Vec::as_slice) };
    let mut again = CellStore::default();
    let mut again_problems = Vec::new();
    oneline::read_tables(
        pick(0),
        pick(1),
        pick(2),
        &statements(),
        edition,
        &mut again,
        &mut again_problems,
    );
    for (pointer, filled) in again.filled {
        // A cell the first reading found blank, unreadable, or in a run no split of which
        // satisfies its row, keeps that reading's word; one whose numbers did not fit its row,
        // ran together ambiguously or unconfirmed by the identities, stand merged into （六）'s
        // single row, or stand on the line after its label's (a glued run the first reading
        // could not pair), is the second reading's to decide by every identity.
        let decided_first = store.missing.get(&pointer).is_some_and(|problem| {
            !matches!(
                problem.code,
                ProblemCode::CellCountMismatch
                    | ProblemCode::AmbiguousSplit
                    | ProblemCode::MergedOtherRow
                    | ProblemCode::UnlabelledRowsUnconfirmed
                    | ProblemCode::ValuesApartFromLabel
            )
        });
        match store.filled.get(&pointer) {
            None if decided_first => {}
            None => {
                added.insert(pointer.clone());
                store.fill(pointer, filled);
            }
            Some(first) if first.value == filled.value => {}
            Some(first) => {
                let message = format!(
                    "read as `{}` from its row's line and as `{}` from the row's run of digits; neither reading is confirmed",
                    first.raw, filled.raw
                );
                store.withdraw(
                    pointer,
                    Problem::new(ProblemCode::CellUnreadable, message)
                        .at(Some(filled.pos), filled.raw.clone()),
                );
            }
        }
    }
    // A row whose glued numbers did not fit its columns, or stand apart from its label, is
    // better explained by the split.
    for (pointer, problem) in again.missing {
        if let Some(first) = store.missing.get_mut(&pointer)
            && matches!(
                first.code,
                ProblemCode::CellCountMismatch | ProblemCode::ValuesApartFromLabel
            )
        {
            *first = problem;
            explained.insert(pointer);
        }
    }
    problems.extend(again_problems.into_iter().filter(|p| {
        matches!(
            p.code,
            ProblemCode::BrokenInEverySplit | ProblemCode::ColumnBrokenInEverySplit
        ) && p
            .pointer
            .as_ref()
            .is_some_and(|cell| !store.filled.contains_key(cell))
    }));
    (added, explained)
}

/// Most lines a 表四 wrapped in its narrow cells is printed on: fewer than its 15 cells, or each
/// line could be a cell of its own (a dump).
const REVIEW_CELLS: usize = 15;

/// 表四's body with its numbers joined into one run, where pdf.js printed a table whose narrow
/// cells wrap their numbers: a cell's lines one after the other, each line of the table a
/// baseline of its own (LibreOffice's export of 淮安 2024 prints `726417`, `8`, `3735`, `1`,
/// `13481261211620`: 178 and 351 wrapped as `17` over `8` and `35` over `1`; the published PDF
/// prints the same digits on one line). Only where every line holding a digit is a run of
/// digits alone, one at least glued (five digits or more), on fewer lines than the table has
/// cells and holding at least as many digits: their digits in order are then the table's in
/// its cells' order, which the one-line reader splits only where the identities confirm one
/// split. `None` otherwise.
fn review_wrapped_in_cells(body: &[&PosText]) -> Option<Vec<PosText>> {
    let is_digits = |line: &PosText| {
        let text: String = line.glyphs.iter().map(|g| g.ch).collect();
        let text = text.trim();
        !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
    };
    let has_digit = |line: &PosText| line.glyphs.iter().any(|g| g.ch.is_ascii_digit());
    let numbered: Vec<usize> = (0..body.len())
        .filter(|&i| {
            body.get(i)
                .is_some_and(|l| has_digit(l) && !is_page_footer(l))
        })
        .collect();
    let digits = |i: &usize| {
        body.get(*i).map_or(0, |l| {
            l.glyphs.iter().filter(|g| g.ch.is_ascii_digit()).count()
        })
    };
    let all_digits = numbered
        .iter()
        .all(|&i| body.get(i).copied().is_some_and(is_digits));
    let total: usize = numbered.iter().map(digits).sum();
    let wraps = (2..REVIEW_CELLS).contains(&numbered.len())
        && all_digits
        && total >= REVIEW_CELLS
        && numbered.iter().any(|i| digits(i) >= GLUED_DIGITS[2]);
    if !wraps {
        return None;
    }
    let first = *numbered.first()?;
    let mut joined = PosText::default();
    for &i in &numbered {
        if let Some(line) = body.get(i) {
            joined.glyphs.extend(
                line.glyphs
                    .iter()
                    .filter(|g| !g.ch.is_whitespace())
                    .copied(),
            );
        }
    }
    let mut out = Vec::with_capacity(body.len());
    for (i, line) in body.iter().enumerate() {
        if i == first {
            out.push(joined.clone());
        } else if !numbered.contains(&i) {
            out.push((*line).clone());
        }
    }
    Some(out)
}

/// A line whose text ends in a digit, with a mark after it that is neither digit nor space: the
/// run of digits ends there, and a run followed by that mark and more digits is not read
/// (`run-interrupted`) unless a row's label stands between them.
fn run_ended(line: &PosText) -> PosText {
    let mut line = line.clone();
    if let Some(last) = line
        .glyphs
        .iter()
        .rev()
        .find(|g| !g.ch.is_whitespace())
        .copied()
        && last.ch.is_ascii_digit()
    {
        line.glyphs.push(Glyph {
            ch: '|',
            raw: '|',
            ..last
        });
    }
    line
}

/// Whether four in five lines of numbers of a table body (a page footer is none) are runs of
/// at least `digits` digits glued together, glued to the row's label where `to_label` (表二,
/// whose one-cell rows a block dump prints alone on lines too) or alone on the line right after
/// a line that is a row's whole label (pdf-parse of a narrow Word table: `规章` over `000`; a
/// dump prints a three-cell row's numbers on lines in a row, and a table printing labels below
/// their numbers has its first numbers after the column heading).
fn prints_glued_rows(body: &[&PosText], digits: usize, to_label: bool) -> bool {
    let mut with_numbers = 0;
    let mut glued = 0;
    let mut after_label = false;
    for line in body {
        let follows_label = std::mem::take(&mut after_label);
        let Some(last) = line.token_glyphs().next_back() else {
            continue;
        };
        after_label = to_label && crate::template::recognise_active(&line.compact()).is_some();
        let text: Vec<char> = last.iter().map(|g| g.ch).collect();
        let run = text
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .count();
        if run == 0 || is_page_footer(line) {
            continue;
        }
        with_numbers += 1;
        // Digits alone, or glued to the label's last character (`规章000`).
        let before = text.len() - run;
        let glued_to_label = before == 0
            || text
                .get(before - 1)
                .is_some_and(|c| is_cjk(*c) || matches!(c, ')' | '）' | '”'));
        let run_digits = text
            .get(before..)
            .unwrap_or_default()
            .iter()
            .filter(|c| c.is_ascii_digit())
            .count();
        let glued_row = if to_label {
            glued_to_label && (before > 0 || follows_label)
        } else {
            glued_to_label && run_digits >= digits
        };
        if glued_row && line.token_glyphs().nth(2).is_none() {
            glued += 1;
        }
    }
    glued > 0 && glued * 5 >= with_numbers * 4
}

/// A page footer on a line of its own: `-3-`, `— 3 —`, `第3页`.
fn is_page_footer(line: &PosText) -> bool {
    let chars: Vec<char> = line.glyphs.iter().map(|g| g.ch).collect();
    let start = chars.iter().take_while(|c| c.is_whitespace()).count();
    oneline::page_footer_at(&chars, start).is_some_and(|end| {
        chars
            .get(end..)
            .unwrap_or_default()
            .iter()
            .all(|c| c.is_whitespace())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text_lines;

    fn glued(text: &str, digits: usize) -> bool {
        let lines = text_lines(text);
        let body: Vec<&PosText> = lines.iter().collect();
        prints_glued_rows(&body, digits, digits == 1)
    }

    #[test]
    fn page_footers_are_whole_lines() {
        let footer = |text: &str| is_page_footer(&text_lines(text)[0]);
        for text in ["-5-", " — 4 — ", "第3页", "第 3 页 共 9 页"] {
            assert!(footer(text), "{text}");
        }
        for text in ["300", "-5-0", "第3页说明", "-"] {
            assert!(!footer(text), "{text}");
        }
    }

    #[test]
    fn a_review_table_wrapped_in_its_cells_is_joined_in_order() {
        let joined = |text: &str| {
            let lines = text_lines(text);
            let body: Vec<&PosText> = lines.iter().collect();
            review_wrapped_in_cells(&body).map(|out| {
                out.iter()
                    .map(|l| l.glyphs.iter().map(|g| g.ch).collect::<String>())
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
            })
        };
        // 淮安 2024 exported by LibreOffice, through pdf-parse: 178 and 351 wrapped.
        let wrapped = "总\n计\n726417\n8\n3735\n1\n13481261211620\n";
        assert_eq!(
            joined(wrapped),
            Some(vec![
                "总".to_owned(),
                "计".to_owned(),
                "72641783735113481261211620".to_owned()
            ])
        );
        // A cell a line (a dump), numbers a space apart, a note, too few digits: not so.
        let dump: String = (0..15).map(|n| format!("{n}\n")).collect();
        for text in [
            dump.as_str(),
            "72 64 178 37 351\n13 4 8 1 26\n12 1 1 6 20\n",
            "726417\n8\n3735\n1\n13481261211620\n注：2件\n",
            "7264\n1\n",
        ] {
            assert_eq!(joined(text), None, "{text}");
        }
    }

    #[test]
    fn a_table_of_glued_runs_is_read_again() {
        // pdf-parse: labels on their lines, each row's numbers glued on one line, a page footer.
        let table = "一、本年新收政府信息公开申请数量\n300153006143119\n-5-\n二、上年结转政府信息公开申请数量\n340000034\n";
        assert!(glued(table, 7));
        assert!(glued("规章000\n行政规范性文件055\n行政许可5\n", 1));
        // Each row's numbers on the line after its label, a blank line between rows.
        assert!(glued(
            "信息内容本年制发件数本年废止件数现行有效件数\n规章\n000\n行政规范性文件\n6318\n\n行政许可\n9893\n",
            1
        ));
    }

    #[test]
    fn a_table_of_cells_apart_or_dumped_a_cell_a_line_is_not() {
        let spaced = "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34\n";
        assert!(!glued(spaced, 7));
        let dump = "3001\n53\n0\n0\n61\n4\n3119\n34\n";
        assert!(!glued(dump, 7));
        assert!(!glued("-3-\n第4页\n", 7));
        // 表二 dumped a cell a line (poppler without flags): its numbers stand alone.
        assert!(!glued(
            "规章\n行政规范性文件\n696\n0\n1843403\n行政许可\n0\n",
            1
        ));
        // Labels below their numbers: each number but the first follows a label.
        assert!(!glued(
            "信息内容本年处理决定数量\n5\n行政许可\n3\n行政处罚\n",
            1
        ));
    }
}
