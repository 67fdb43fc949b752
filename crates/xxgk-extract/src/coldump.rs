//! 表三 dumped block by block (poppler `pdftotext` without flags, pdfminer `pdf2txt.py`): every
//! cell on a line of its own, labels in blocks of their own, and runs of rows printed column by
//! column (all values of one column for k rows, a blank line, the next column).
//!
//! The numbers of the section, in reading order, are read as consecutive groups of rows of the
//! template: a row printed across (seven numbers), or k ≥ 2 rows printed column by column as
//! seven blocks of k numbers. Labels are not used to place numbers (the converters move them);
//! a placement is kept only when it is the one placement whose values satisfy every identity of
//! the catalogue reading 表三 (R1, R2, R3) and agrees with every cell already read. Several
//! placements with different values, or none, leave the cells missing with a problem saying why.

use crate::cells::{CellStore, Filled};
use crate::gaps::{MergedOther, unconfirmed};
use crate::normalize::{PosText, SourcePos};
use crate::problem::{Problem, ProblemCode, ReadingRule};
use crate::template::{APP_ROWS, APPLICANT_COLUMNS, AppRow, other_merged};

/// Columns of 表三.
const COLUMNS: usize = 7;
/// Nodes of the placement search, a bound on work whatever the input.
const MAX_NODES: usize = 20_000;
/// Complete placements looked at before giving up as ambiguous.
const MAX_PLACEMENTS: usize = 64;

/// A number printed in the section.
#[derive(Clone, Debug)]
struct Number {
    value: u64,
    pos: SourcePos,
    raw: String,
}

/// A count as printed in a dump: ASCII digits, no leading zero.
fn count(token: &PosText) -> Option<Number> {
    let text = token.normalized();
    let well_formed = !text.is_empty()
        && text.len() <= 18
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    Some(Number {
        value: text.parse().ok().filter(|_| well_formed)?,
        pos: token.first_pos()?,
        raw: token.published(),
    })
}

/// A page number printed between blocks (`-3-`, `— 3 —`, `第3页`).
fn is_page_number(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = compact
        .strip_prefix(['-', '—', '－', '–'])
        .and_then(|s| s.strip_suffix(['-', '—', '－', '–']))
        .or_else(|| {
            compact
                .strip_prefix('第')
                .and_then(|s| s.strip_suffix('页'))
        });
    inner.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The blocks of numbers of the section: a blank line, a page number or a label ends a block;
/// numbers at the end of a label's line start the next one.
fn blocks(lines: &[&PosText]) -> Vec<Vec<Number>> {
    let mut out: Vec<Vec<Number>> = Vec::new();
    let mut current: Vec<Number> = Vec::new();
    for line in lines {
        let tokens = line.tokens();
        let numbers: Vec<Option<Number>> = tokens.iter().map(count).collect();
        if tokens.is_empty() || is_page_number(&line.normalized()) {
            out.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
        } else if numbers.iter().all(Option::is_some) {
            current.extend(numbers.into_iter().flatten());
        } else {
            out.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            let last_text = numbers.iter().rposition(Option::is_none).unwrap_or(0);
            current.extend(numbers.into_iter().skip(last_text + 1).flatten());
        }
    }
    out.extend((!current.is_empty()).then_some(current));
    out
}

/// Every way to read `count` numbers in `sizes`-sized blocks as `rows` rows of the template,
/// each a grid of indices into the numbers (row by row); `None` when the search hit its bound.
fn placements(sizes: &[usize], rows: usize) -> Option<Vec<Vec<usize>>> {
    let mut starts = Vec::with_capacity(sizes.len());
    let mut at = 0;
    for size in sizes {
        starts.push(at);
        at += size;
    }
    let total = at;
    let mut out = Vec::new();
    let mut nodes = 0;
    // (next number, rows placed, the grid so far)
    let mut stack: Vec<(usize, usize, Vec<usize>)> = vec![(0, 0, Vec::new())];
    while let Some((next, row, grid)) = stack.pop() {
        nodes += 1;
        if nodes > MAX_NODES || out.len() > MAX_PLACEMENTS {
            return None;
        }
        if row == rows {
            if next == total {
                out.push(grid);
            }
            continue;
        }
        // A row printed across.
        if next + COLUMNS <= total {
            let mut across = grid.clone();
            across.extend(next..next + COLUMNS);
            stack.push((next + COLUMNS, row + 1, across));
        }
        // k rows printed column by column: seven blocks of k numbers from a block start.
        if let Ok(block) = starts.binary_search(&next) {
            let k = sizes.get(block).copied().unwrap_or(0);
            let columns = sizes.get(block..block + COLUMNS);
            if k >= 2 && row + k <= rows && columns.is_some_and(|c| c.iter().all(|s| *s == k)) {
                let mut down = grid;
                for r in 0..k {
                    down.extend((0..COLUMNS).map(|c| next + c * k + r));
                }
                stack.push((next + COLUMNS * k, row + k, down));
            }
        }
    }
    Some(out)
}

/// The template's rows as the dump prints them: the 25 rows, or 23 with （六） merged into one
/// (`None` in the row list stands for the merged row).
fn template_rows(merged: bool) -> Vec<Option<(AppRow, &'static str)>> {
    let mut out = Vec::new();
    for (row, path, _) in APP_ROWS.iter() {
        match row {
            AppRow::NoCorrection if merged => out.push(None),
            AppRow::FeeUnpaid | AppRow::OtherOther if merged => {}
            _ => out.push(Some((*row, *path))),
        }
    }
    out
}

/// A placement's cells by pointer, and the merged （六） row's counts when there is one.
fn cells_of(
    grid: &[usize],
    numbers: &[Number],
    rows: &[Option<(AppRow, &'static str)>],
) -> (CellStore, Option<MergedOther>) {
    let mut store = CellStore::default();
    let mut merged = None;
    for (r, row) in rows.iter().enumerate() {
        let at = |c: usize| grid.get(r * COLUMNS + c).and_then(|i| numbers.get(*i));
        match row {
            Some((_, path)) => {
                for (c, column) in APPLICANT_COLUMNS.iter().enumerate() {
                    if let Some(n) = at(c) {
                        store.fill(
                            format!("{path}/{}", column.name),
                            Filled {
                                value: n.value.into(),
                                pos: n.pos,
                                raw: n.raw.clone(),
                                rules: vec![ReadingRule::BlockDumpPlacedByIdentities],
                            },
                        );
                    }
                }
            }
            None => {
                let mut counts: MergedOther = [None; COLUMNS];
                for (c, slot) in counts.iter_mut().enumerate() {
                    *slot = at(c).map(|n| n.value);
                }
                merged = Some(counts);
            }
        }
    }
    (store, merged)
}

/// Whether every cell of the 2021 表三 was read.
pub(crate) fn all_read(store: &CellStore) -> bool {
    APP_ROWS.iter().all(|(_, path, _)| {
        APPLICANT_COLUMNS
            .iter()
            .all(|c| store.filled.contains_key(&format!("{path}/{}", c.name)))
    })
}

/// Reads 表三 from a block dump of its section into the cells `store` has not read, when the
/// identities single out one placement that agrees with the cells read.
pub(crate) fn read_applications(
    lines: &[&PosText],
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) {
    let blocks = blocks(lines);
    let numbers: Vec<Number> = blocks.iter().flatten().cloned().collect();
    let merged = match numbers.len() / COLUMNS {
        _ if numbers.len() % COLUMNS != 0 => return,
        n if n == APP_ROWS.len() => false,
        n if n + 2 == APP_ROWS.len() => true,
        _ => return,
    };
    let rows = template_rows(merged);
    let sizes: Vec<usize> = blocks.iter().map(Vec::len).collect();
    let why_not = |message: String, store: &mut CellStore| {
        let problem = Problem::new(ProblemCode::UnlabelledRowsUnconfirmed, message)
            .at(numbers.first().map(|n| n.pos), String::new());
        for (_, path) in rows.iter().flatten() {
            for column in APPLICANT_COLUMNS.iter() {
                store.explain(format!("{path}/{}", column.name), problem.clone());
            }
        }
    };
    let Some(grids) = placements(&sizes, rows.len()) else {
        why_not(
            "表三 is printed cell by cell in blocks (a PDF text dump) and too many ways to read its blocks as rows or columns were left to tell them apart; its cells are left missing".to_owned(),
            store,
        );
        return;
    };
    let mut confirmed: Vec<(CellStore, Option<MergedOther>)> = Vec::new();
    for grid in &grids {
        let (cells, merged_row) = cells_of(grid, &numbers, &rows);
        let pointers: Vec<String> = cells.filled.keys().cloned().collect();
        if unconfirmed(&cells, &pointers, merged_row.as_ref()).is_some() {
            continue;
        }
        let same = |(other, other_merged): &(CellStore, Option<MergedOther>)| {
            *other_merged == merged_row
                && other
                    .filled
                    .iter()
                    .all(|(p, f)| cells.filled.get(p).is_some_and(|g| g.value == f.value))
        };
        if !confirmed.iter().any(same) {
            confirmed.push((cells, merged_row));
        }
    }
    let (cells, merged_row) = match confirmed.len() {
        1 => confirmed.swap_remove(0),
        0 => {
            return why_not(
                "表三 is printed cell by cell in blocks (a PDF text dump); no reading of its blocks as rows or columns in the template's order satisfies the identities (R1, R2, R3), so its numbers are not placed".to_owned(),
                store,
            );
        }
        n => {
            return why_not(
                format!(
                    "表三 is printed cell by cell in blocks (a PDF text dump); {n} readings of its blocks as rows or columns satisfy the identities (R1, R2, R3) with different values, so its numbers are not placed"
                ),
                store,
            );
        }
    };
    let disagrees = cells.filled.iter().any(|(p, f)| {
        store
            .filled
            .get(p)
            .is_some_and(|read| read.value != f.value)
    });
    if disagrees {
        return why_not(
            "表三 is printed cell by cell in blocks (a PDF text dump); the only reading of its blocks that satisfies the identities disagrees with rows read by their labels, so its numbers are not placed".to_owned(),
            store,
        );
    }
    for (pointer, filled) in cells.filled {
        if !store.filled.contains_key(&pointer) {
            store.fill(pointer, filled);
        }
    }
    if let Some(counts) = merged_row {
        let quoted = APPLICANT_COLUMNS
            .iter()
            .zip(counts)
            .map(|(c, v)| {
                format!(
                    "{} {}",
                    c.label,
                    v.map_or("?".to_owned(), |v| v.to_string())
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let problem = Problem::new(
            ProblemCode::MergedOtherRow,
            format!(
                "the report merges （六）其他处理 into one row ({quoted}); the 2021 format splits it into three rows, which are left missing rather than split by guess"
            ),
        );
        if !problems
            .iter()
            .any(|p| p.code == ProblemCode::MergedOtherRow)
        {
            problems.push(problem.clone().at_pointer(other_merged().path));
        }
        for row in [AppRow::NoCorrection, AppRow::FeeUnpaid, AppRow::OtherOther] {
            if let Some(path) = crate::template::app_path(row) {
                for column in APPLICANT_COLUMNS.iter() {
                    store.miss(format!("{path}/{}", column.name), problem.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_rows_printed_column_by_column_is_one_placement() {
        // Two rows across, then three rows as seven blocks of three.
        let mut sizes = vec![1; 14];
        sizes.extend([3; 7]);
        let grids = placements(&sizes, 5).expect("bounded");
        // Read across throughout, or the last three rows down their columns.
        assert_eq!(grids.len(), 2);
        let down = grids
            .iter()
            .find(|g| g.get(14..21) == Some(&[14, 17, 20, 23, 26, 29, 32][..]))
            .expect("the column-major reading");
        assert_eq!(down.get(21), Some(&15));
    }

    #[test]
    fn page_numbers_are_not_cells() {
        assert!(is_page_number("-3-"));
        assert!(is_page_number("— 12 —"));
        assert!(is_page_number("第2页"));
        assert!(!is_page_number("3"));
        assert!(!is_page_number("-"));
    }
}
