//! Placing the numbers of a space-aligned row that has blank cells. `pdftotext -layout` leaves no
//! trace of an empty cell but the gap where it stood, so the numbers are placed in the columns of
//! the complete rows next to it — only when those rows agree on the columns and every number
//! stands squarely in one of them, and (in 表三) when the row's 总计 confirms the placement.

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
