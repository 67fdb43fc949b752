//! Placing the numbers of a space-aligned row that has blank cells. `pdftotext -layout` leaves no
//! trace of an empty cell but the gap where it stood, so the numbers are placed in the columns of
//! the complete rows next to it — only when those rows agree on the columns and every number
//! stands squarely in one of them, and (in 表三) when the row's 总计 confirms the placement.
//! A converter that separates a row's cells by one run of spaces (pdfplumber's text) leaves an
//! empty cell as a gap two runs wide or more: a 表三 row a number short has its blank placed
//! there ([`blank_in_wide_gap`]), and is kept only where the identities of its other columns
//! confirm it (`gaps`).

use crate::table::{RowRead, ValueCell};

/// Rows looked at above and below for complete neighbours (farther ones may sit on another page,
/// where the text is laid out afresh).
const REACH: usize = 4;
/// Largest distance from a column centre, in half characters.
const TOLERANCE: u64 = 3;

/// Twice the centre column of a number on its line (doubled to stay in whole numbers), and its line.
fn centre(cell: &ValueCell) -> Option<(u32, u64)> {
    let ValueCell::Token { raw, pos, .. } = cell else {
        return None;
    };
    let width = u64::try_from(raw.chars().count()).ok()?;
    Some((pos.line, 2 * u64::from(pos.column) + width.checked_sub(1)?))
}

/// The centres of the cells of a space-aligned row whose numbers stand on one line.
fn centres<R>(row: &RowRead<R>) -> Option<Vec<u64>> {
    if row.positional {
        return None;
    }
    let placed: Vec<(u32, u64)> = row.values.iter().map(centre).collect::<Option<_>>()?;
    let line = placed.first()?.0;
    placed
        .iter()
        .all(|(l, _)| *l == line)
        .then(|| placed.iter().map(|(_, c)| *c).collect())
}

/// The column centres of the nearest complete row on each side of `index`, if they agree.
fn neighbour_columns<R>(rows: &[RowRead<R>], index: usize, expected: usize) -> Option<Vec<u64>> {
    let complete = |row: &RowRead<R>| {
        centres(row).filter(|c| c.len() == expected && row.values.len() == expected)
    };
    let above = (index.saturating_sub(REACH)..index)
        .rev()
        .find_map(|i| rows.get(i).and_then(complete));
    let below = (index + 1..=index + REACH).find_map(|i| rows.get(i).and_then(complete));
    let columns = match (above, below) {
        (Some(a), Some(b)) => {
            let agree = a.iter().zip(&b).all(|(x, y)| x.abs_diff(*y) <= 2);
            agree.then_some(a)?
        }
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    // Columns must be far enough apart for a number to belong to one of them only.
    let separated = columns.windows(2).all(|w| match w {
        [left, right] => *right >= left + 4 * TOLERANCE,
        _ => true,
    });
    separated.then_some(columns)
}

/// The cells of row `index` laid out in `expected` columns, blanks where no number stands, when
/// its numbers sit in the columns of its complete neighbours.
pub(crate) fn place_by_columns<R>(
    rows: &[RowRead<R>],
    index: usize,
    expected: usize,
) -> Option<Vec<ValueCell>> {
    let row = rows.get(index)?;
    let own = centres(row)?;
    if own.is_empty() || own.len() >= expected {
        return None;
    }
    let columns = neighbour_columns(rows, index, expected)?;
    let mut placed: Vec<Option<ValueCell>> = vec![None; expected];
    let mut last_column: Option<usize> = None;
    for (value, centre) in row.values.iter().zip(own) {
        let (column, distance) = columns
            .iter()
            .enumerate()
            .map(|(k, c)| (k, c.abs_diff(centre)))
            .min_by_key(|(_, d)| *d)?;
        if distance > TOLERANCE || last_column.is_some_and(|l| column <= l) {
            return None;
        }
        last_column = Some(column);
        *placed.get_mut(column)? = Some(value.clone());
    }
    Some(
        placed
            .into_iter()
            .map(|cell| {
                cell.unwrap_or(ValueCell::Blank {
                    pos: None,
                    raw: String::new(),
                    spanned: false,
                    off_grid: false,
                })
            })
            .collect(),
    )
}

/// The cells of a row one number short of `expected` with its blank placed where the row's own
/// spacing shows it: a converter that puts the same run of spaces between a row's cells leaves
/// an empty cell as a gap of two runs or more (with the padding of the empty cell between them).
/// Only when the numbers stand on one line, every gap between them but one is the same run of
/// spaces and that one is at least twice as wide; or, for a row with no label (`leading`: the
/// numbers start the line), every gap is the same run and the line starts with at least two
/// runs of spaces before its first number. `None` otherwise: a row whose gaps vary (numbers
/// right-aligned in columns, [`place_by_columns`]) says nothing by its spacing alone.
pub(crate) fn blank_in_wide_gap(
    values: &[ValueCell],
    expected: usize,
    leading: bool,
) -> Option<Vec<ValueCell>> {
    if values.len() + 1 != expected || values.len() < 2 {
        return None;
    }
    // Each number's line, first column and width; its text all ASCII, so columns are widths.
    let spans: Vec<(u32, u32, u32)> = values
        .iter()
        .map(|cell| match cell {
            ValueCell::Token { raw, pos, .. } if raw.is_ascii() => {
                Some((pos.line, pos.column, u32::try_from(raw.len()).ok()?))
            }
            _ => None,
        })
        .collect::<Option<_>>()?;
    let line = spans.first()?.0;
    if spans.iter().any(|(l, _, _)| *l != line) {
        return None;
    }
    let gaps: Vec<u32> = spans
        .windows(2)
        .map(|w| match w {
            [(_, a, width), (_, b, _)] => b.checked_sub(a + width),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let run = *gaps.iter().min()?;
    if run == 0 {
        return None;
    }
    let wide: Vec<usize> = (0..gaps.len())
        .filter(|k| gaps.get(*k).is_some_and(|g| *g != run))
        .collect();
    let at = match wide.as_slice() {
        [k] if gaps.get(*k).is_some_and(|g| *g >= 2 * run) => k + 1,
        [] if leading
            && spans
                .first()
                .is_some_and(|(_, column, _)| *column > 2 * run) =>
        {
            0
        }
        _ => return None,
    };
    let mut cells = values.to_vec();
    cells.insert(
        at,
        ValueCell::Blank {
            pos: None,
            raw: String::new(),
            spanned: false,
            off_grid: false,
        },
    );
    Some(cells)
}

/// Whether a 表三 row placed by column position (one cell per pointer of `cells`) confirms its
/// placement: every identity of the catalogue reading only the row's cells holds (R3: 总计 is
/// the sum of the six applicant columns), with no side wholly blank, and there is one. A number
/// placed one column off would break it; the blanks are only left out of the sums, never read
/// as 0 in the report.
pub(crate) fn total_agrees<S: AsRef<str>>(cells: &[S], values: &[ValueCell]) -> bool {
    let count = |cell: &ValueCell| match cell {
        ValueCell::Token { text, raw, .. } => crate::number::read_count(text, raw)
            .ok()
            .map(|(v, _)| Some(v)),
        ValueCell::Blank { .. } => Some(None),
    };
    // Per cell: `Some(count)` printed, `None` blank; a token that is no count fails the row.
    let Some(read): Option<Vec<Option<u64>>> = values.iter().map(count).collect() else {
        return false;
    };
    let printed = |cell: &str| -> Option<Option<u64>> {
        cells
            .iter()
            .position(|c| c.as_ref() == cell)
            .and_then(|k| read.get(k).copied())
    };
    let identities = crate::solve::identities();
    let local: Vec<&crate::solve::Identity> = identities
        .iter()
        .filter(|i| {
            i.lhs
                .iter()
                .chain(&i.rhs)
                .all(|c| cells.iter().any(|k| k.as_ref() == *c))
        })
        .collect();
    let side_printed = |side: &[&'static str]| side.iter().any(|c| printed(c).flatten().is_some());
    !local.is_empty()
        && local.iter().all(|i| {
            side_printed(&i.lhs)
                && side_printed(&i.rhs)
                && i.holds(|c| printed(c).map(|v| v.unwrap_or(0))) == Some(true)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::SourcePos;

    fn number(n: &str) -> ValueCell {
        ValueCell::Token {
            text: n.to_owned(),
            raw: n.to_owned(),
            pos: SourcePos::default(),
        }
    }

    fn blank() -> ValueCell {
        ValueCell::Blank {
            pos: None,
            raw: String::new(),
            spanned: false,
            off_grid: false,
        }
    }

    /// The numbers of `line` as tokens where they stand on it (line 1, 1-based columns).
    fn tokens(line: &str) -> Vec<ValueCell> {
        let mut cells = Vec::new();
        let mut start = None;
        for (k, c) in line.char_indices().chain([(line.len(), ' ')]) {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(k),
                (true, Some(from)) => {
                    let text = line.get(from..k).unwrap_or_default().to_owned();
                    cells.push(ValueCell::Token {
                        raw: text.clone(),
                        text,
                        pos: SourcePos {
                            line: 1,
                            column: u32::try_from(from + 1).unwrap_or(u32::MAX),
                        },
                    });
                    start = None;
                }
                _ => {}
            }
        }
        cells
    }

    /// The cells [`blank_in_wide_gap`] makes of `line`, a blank as `_`.
    fn spaced(line: &str, leading: bool) -> Option<Vec<String>> {
        blank_in_wide_gap(&tokens(line), 7, leading).map(|cells| {
            cells
                .iter()
                .map(|c| match c {
                    ValueCell::Token { raw, .. } => raw.clone(),
                    ValueCell::Blank { .. } => "_".to_owned(),
                })
                .collect()
        })
    }

    #[test]
    fn a_blank_printed_as_spaces_is_placed_only_where_even_spacing_shows_it() {
        // Three spaces between cells; a blank leaves its padding and a second run.
        assert_eq!(
            spaced("2   0   7               0   51   65", false).unwrap(),
            ["2", "0", "7", "_", "0", "51", "65"]
        );
        // An empty cell with no padding: two runs.
        assert_eq!(
            spaced("2   0   7      0   51   65", false).unwrap(),
            ["2", "0", "7", "_", "0", "51", "65"]
        );
        // A row with no label that starts with the gap: its first cell is the blank.
        assert_eq!(
            spaced("            4   0   535   0   0   539", true).unwrap(),
            ["_", "4", "0", "535", "0", "0", "539"]
        );
        // Not for a row read by its label (the gap after a label says nothing), nor a line
        // indented by one run only.
        assert_eq!(spaced("            4   0   535   0   0   539", false), None);
        assert_eq!(spaced("   4   0   535   0   0   539", true), None);
        // Gaps of varied widths (numbers right-aligned in columns), two wide gaps, a gap short
        // of two runs, a row not one short, or a row over two lines: nothing is placed.
        assert_eq!(spaced("2    0   7               0   51   65", false), None);
        assert_eq!(spaced("2   0         7         0   51   65", false), None);
        assert_eq!(spaced("2   0   7     0   51   65", false), None);
        assert_eq!(spaced("2   0   7         0   51", false), None);
        assert_eq!(spaced("2   0   7         0   51   65   9", false), None);
        let mut two_lines = tokens("2   0   7         0   51   65");
        if let Some(ValueCell::Token { pos, .. }) = two_lines.last_mut() {
            pos.line = 2;
        }
        assert!(blank_in_wide_gap(&two_lines, 7, false).is_none());
    }

    const GRANTED: [&str; 7] = [
        "/applications/results/granted/natural_person",
        "/applications/results/granted/commercial_enterprise",
        "/applications/results/granted/research_institution",
        "/applications/results/granted/social_welfare_org",
        "/applications/results/granted/legal_service_org",
        "/applications/results/granted/other_org",
        "/applications/results/granted/total",
    ];

    #[test]
    fn the_total_confirms_a_placement() {
        let mut row = vec![number("2"), blank(), blank(), blank(), blank(), blank()];
        row.push(number("2"));
        assert!(total_agrees(&GRANTED, &row));
        // The 3 placed one column off, in 总计's place: the sum does not come out.
        let mut shifted = vec![number("2"), blank(), blank(), blank(), blank(), number("3")];
        shifted.push(blank());
        assert!(!total_agrees(&GRANTED, &shifted));
        // A row of no identity confirms nothing.
        assert!(!total_agrees(&GRANTED[..6], &row[..6]));
    }
}
