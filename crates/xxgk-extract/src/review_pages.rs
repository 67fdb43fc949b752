//! 表四 printed a cell a line (PyMuPDF's `get_text()`, pdf.js, a web page copied cell by cell)
//! with a page number printed bare beside its numbers. Nothing tells such a page number from a
//! cell: both are a number alone on a line. A table's row does not break across pages, so the
//! page number of a page ending inside 表四 stands at an end of its row of 15 numbers: between
//! the column headings and the numbers, or after the last one.
//!
//! - **16 numbers**: one of them is no cell. A reading that drops the first or the last, where
//!   that one may be a page number (a plain count, and one that the report's page numbers seen
//!   in its prose allow where it stands: `page_numbers`), is kept when R4
//!   holds in every group it can be evaluated in, and in one at least; a cell is placed where
//!   every reading kept agrees (`page-number-beside-table-dropped`).
//! - **15 numbers breaking R4**, in a report that prints its page numbers bare (one stands
//!   alone on a line of its prose): the report may break R4, or a cell printed blank left no
//!   line while a page number stands at an end. Where reading it so (the page number dropped, a
//!   blank put in any of the 15 places) satisfies R4 in every group a blank leaves evaluable,
//!   both readings are possible, and only the cells they all read alike are placed: the others
//!   are missing as unread, never a break of R4 the report may not print.
//!
//! The second costs such a report that does break R4 the cells of that group whose reading a
//! page number and a blank would change (a break in the first group, when its first number may
//! be a page number; likewise the last): "we could not read this" is then said where "the
//! report breaks R4" may be false. A break in the middle group, or one the shifted readings
//! cannot satisfy, is still read and reported, and so is every break of a report whose page
//! numbers are not bare (`- 3 -`, or none).

use crate::page_numbers::BarePages;
use crate::solve::{self, Identity};
use crate::table::ValueCell;

/// 表四's cells read with a page number possibly at an end of its numbers, where that decides
/// anything: each cell as read where every reading kept agrees, else `None`.
#[derive(Debug)]
pub(crate) struct PageReading {
    pub cells: Vec<Option<ValueCell>>,
    /// Whether a page number was dropped from every reading kept (16 numbers), rather than
    /// the numbers as printed kept as one reading among others (15).
    pub dropped: bool,
}

/// Reads `printed`, 表四's numbers (and blank marks) printed a cell a line in the table's
/// order, for `cells`, its 15 pointers, in a report printing the bare page numbers `pages` in
/// its prose: `None` where no page number need be supposed (15 that R4 does not refute,
/// or that a page number and a blank would not explain, or a report whose page numbers are
/// not bare), or where no reading with one dropped is confirmed (16).
pub(crate) fn read(
    printed: &[ValueCell],
    cells: &[String],
    pages: &BarePages,
) -> Option<PageReading> {
    // Lines one after another, as PyMuPDF and pdf.js print a table: a dump that sets each cell
    // apart by an empty line (poppler's) prints a page footer before its form feed, and a
    // broken report's 表四 there is read as printed.
    let lines: Vec<u32> = printed
        .iter()
        .map(|cell| cell.pos().map(|p| p.line))
        .collect::<Option<_>>()?;
    if lines
        .windows(2)
        .any(|w| matches!(w, [a, b] if a.checked_add(1) != Some(*b)))
    {
        return None;
    }
    let counts: Vec<Option<u64>> = printed
        .iter()
        .map(|cell| match cell {
            ValueCell::Token { text, raw, .. } => crate::number::read_count(text, raw)
                .ok()
                .map(|(value, _)| Some(value)),
            ValueCell::Blank { .. } => Some(None),
        })
        .collect::<Option<_>>()?;
    let identities = solve::identities();
    let local: Vec<&Identity> = identities
        .iter()
        .filter(|i| {
            i.lhs
                .iter()
                .chain(&i.rhs)
                .all(|c| cells.iter().any(|k| k == c))
        })
        .collect();
    let verdict = |reading: &[Option<u64>]| Verdict::of(&local, cells, reading);
    let edges: Vec<usize> = [0, printed.len().saturating_sub(1)]
        .into_iter()
        .filter(|&k| {
            printed
                .get(k)
                .is_some_and(|cell| may_be_page_number(cell, pages))
        })
        .collect();
    let without = |edge: usize| -> Vec<Option<u64>> {
        let mut rest = counts.clone();
        rest.remove(edge);
        rest
    };
    let cell_at = |edge: Option<usize>, k: usize| -> Option<&ValueCell> {
        let skip = usize::from(edge.is_some_and(|e| e <= k));
        printed.get(k + skip)
    };
    if printed.len() == cells.len() + 1 {
        let kept: Vec<usize> = edges
            .into_iter()
            .filter(|&edge| verdict(&without(edge)).confirms())
            .collect();
        let first = *kept.first()?;
        let agreed = (0..cells.len())
            .map(|k| {
                let value = counts.get(k + usize::from(first <= k)).copied();
                kept.iter()
                    .all(|&edge| counts.get(k + usize::from(edge <= k)).copied() == value)
                    .then(|| cell_at(Some(first), k).cloned())
                    .flatten()
            })
            .collect();
        return Some(PageReading {
            cells: agreed,
            dropped: true,
        });
    }
    if !pages.any() || printed.len() != cells.len() || verdict(&counts).failing == 0 {
        return None;
    }
    // Each reading with a page number dropped and a blank put back, as the values it reads.
    let mut readings: Vec<Vec<Option<u64>>> = Vec::new();
    for &edge in &edges {
        let rest = without(edge);
        for blank in 0..=rest.len() {
            let mut reading = rest.clone();
            reading.insert(blank, None);
            if verdict(&reading).confirms() {
                readings.push(reading);
            }
        }
    }
    if readings.is_empty() {
        return None;
    }
    let agreed = (0..cells.len())
        .map(|k| {
            let value = counts.get(k).copied().flatten();
            readings
                .iter()
                .all(|r| r.get(k).copied().flatten() == value && value.is_some())
                .then(|| printed.get(k).cloned())
                .flatten()
        })
        .collect();
    Some(PageReading {
        cells: agreed,
        dropped: false,
    })
}

/// A number that may be a page number where it stands: a plain count, no separator nor unit,
/// that [`BarePages::may_be`] allows.
fn may_be_page_number(cell: &ValueCell, pages: &BarePages) -> bool {
    match cell {
        ValueCell::Token { text, raw, pos } => {
            raw.trim() == text
                && !text.starts_with('0')
                && text.parse::<u64>().is_ok_and(|n| pages.may_be(pos.line, n))
        }
        ValueCell::Blank { .. } => false,
    }
}

/// How the identities reading only 表四 fare on a reading (a blank cell `None`).
struct Verdict {
    holding: usize,
    failing: usize,
}

impl Verdict {
    fn of(local: &[&Identity], cells: &[String], reading: &[Option<u64>]) -> Self {
        let value = |cell: &str| {
            cells
                .iter()
                .position(|c| c == cell)
                .and_then(|k| reading.get(k).copied().flatten())
        };
        let (mut holding, mut failing) = (0, 0);
        for identity in local {
            match identity.holds(value) {
                Some(true) => holding += 1,
                Some(false) => failing += 1,
                None => {}
            }
        }
        Self { holding, failing }
    }

    /// Every identity it leaves evaluable holds, and one at least.
    fn confirms(&self) -> bool {
        self.failing == 0 && self.holding > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::SourcePos;

    fn cells() -> Vec<String> {
        ["review", "litigation_direct", "litigation_after_review"]
            .iter()
            .flat_map(|group| {
                ["upheld", "corrected", "other", "pending", "total"]
                    .iter()
                    .map(move |c| format!("/review_litigation/{group}/{c}"))
            })
            .collect()
    }

    fn printed(text: &str) -> Vec<ValueCell> {
        text.split_whitespace()
            .enumerate()
            .map(|(line, t)| {
                let pos = SourcePos {
                    line: u32::try_from(line).unwrap_or(0) + 1,
                    column: 1,
                };
                if t == "—" {
                    ValueCell::Blank {
                        pos: Some(pos),
                        raw: t.to_owned(),
                        spanned: false,
                        off_grid: false,
                    }
                } else {
                    ValueCell::Token {
                        text: t.to_owned(),
                        raw: t.to_owned(),
                        pos,
                    }
                }
            })
            .collect()
    }

    fn values(reading: &PageReading) -> Vec<String> {
        reading
            .cells
            .iter()
            .map(|c| match c {
                Some(ValueCell::Token { text, .. }) => text.clone(),
                Some(ValueCell::Blank { raw, .. }) => raw.clone(),
                None => "?".to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_page_number_before_the_numbers_is_dropped_where_r4_confirms_it() {
        let read = read_bare(&printed("12 1 2 0 0 3 0 1 0 1 2 4 0 0 0 4"), &cells());
        let read = read.expect("a reading");
        assert!(read.dropped);
        assert_eq!(values(&read).join(" "), "1 2 0 0 3 0 1 0 1 2 4 0 0 0 4");
        // After the numbers, with a blank mark in the last group: the other two confirm it.
        let read = read_ok("1 2 0 0 3 0 1 0 1 2 4 — 0 0 4 7");
        assert_eq!(values(&read).join(" "), "1 2 0 0 3 0 1 0 1 2 4 — 0 0 4");
        // Neither end dropped satisfies R4: nothing.
        assert!(read_bare(&printed("12 1 2 0 0 9 0 1 0 1 2 4 0 0 0 4"), &cells()).is_none());
    }

    fn read_ok(text: &str) -> PageReading {
        read_bare(&printed(text), &cells()).expect("a reading")
    }

    /// [`read`] in a report that prints its page numbers bare: the last page's, 999, far after
    /// the table.
    fn read_bare(printed: &[ValueCell], cells: &[String]) -> Option<PageReading> {
        let prose = crate::normalize::text_lines(&format!("{}999\n", "\n".repeat(50)));
        read(printed, cells, &BarePages::in_prose(&prose))
    }

    #[test]
    fn fifteen_numbers_breaking_r4_that_a_page_number_and_a_blank_explain_are_read_where_alike() {
        // 1 636 790 7 4 | 1437 … : the page number 1 first, 总计 of the last group blank.
        let printed_so = printed("1 636 790 7 4 1437 987 91 0 2 1080 0 7 0 4");
        let read = read_ok("1 636 790 7 4 1437 987 91 0 2 1080 0 7 0 4");
        assert!(!read.dropped);
        // A report whose page numbers are not bare: read as printed, its breaks reported.
        assert!(super::read(&printed_so, &cells(), &BarePages::default()).is_none());
        assert!(
            read.cells.iter().all(Option::is_none),
            "{:?}",
            values(&read)
        );
        // The report breaks R4 in the middle group: no page number and blank explain it.
        assert!(read_bare(&printed("1 2 0 0 3 0 1 0 1 9 4 0 0 0 4"), &cells()).is_none());
        // R4 holds as printed: read as printed.
        assert!(read_bare(&printed("1 2 0 0 3 0 1 0 1 2 4 0 0 0 4"), &cells()).is_none());
        // A break in the first group: its first number may be a page number, the group's
        // cells read otherwise so; the other groups are alike in every reading.
        let read = read_ok("3 2 0 0 4 0 1 0 1 2 4 0 0 0 4");
        assert_eq!(values(&read).join(" "), "? ? ? ? ? 0 1 0 1 2 4 0 0 0 4");
    }
}
