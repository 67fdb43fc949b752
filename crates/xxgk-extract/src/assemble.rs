//! From recognised rows to cells: 表二, 表三 (with run-together splitting checked against the
//! identities) and 表四, and from cells to the JSON trees.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::Edition;
use crate::align;
use crate::cells::{CellStore, Filled};
use crate::gaps;
use crate::merged::MergedCell;
use crate::normalize::SourcePos;
use crate::page_numbers::BarePages;
use crate::problem::{Problem, ProblemCode, ReadingRule};
use crate::review_blocks::{self, Block};
use crate::review_pages;
use crate::solve;
use crate::split::{Splits, row_splits};
use crate::table::{
    Fit, Label, RowRead, Segment, ValueCell, fit, is_blank_mark_alone, one_space_apart, read_rows,
    without_surplus_blanks,
};
use crate::tall;
use crate::template::{
    APP_ROWS, APPLICANT_COLUMNS, ActiveRow, AppRow, REVIEW_GROUPS, RowSpec, active_2021,
    other_merged, recognise_active, recognise_application_cell, recognise_review_group,
};
use crate::template_2019::active_2019;
use crate::wrapped;

/// Keeps one reading per row: the first whose cells fit, else the first; reports duplicates.
fn choose<R: Copy + PartialEq + std::fmt::Debug>(
    rows: Vec<RowRead<R>>,
    expected: impl Fn(R) -> usize,
    label_of: impl Fn(R) -> String,
    problems: &mut Vec<Problem>,
) -> Vec<RowRead<R>> {
    let mut chosen: Vec<RowRead<R>> = Vec::new();
    for read in rows {
        let fits = |r: &RowRead<R>| {
            matches!(
                fit(r.values.clone(), expected(r.row), r.padded_at_end),
                Fit::Exact(_)
            )
        };
        let has_numbers = |r: &RowRead<R>| r.values.iter().any(|v| !v.is_blank());
        match chosen.iter_mut().find(|c| c.row == read.row) {
            None => chosen.push(read),
            Some(existing) if pieces_over(existing, &read) && !fits(existing) && fits(&read) => {
                // One row, its label wrapped over lines and its numbers too, the tops of
                // those wrapped beside the label's first line: read by stacking (`tall`).
                existing.values.extend(read.values);
            }
            Some(existing)
                if !has_numbers(existing)
                    && has_numbers(&read)
                    && !fits(&read)
                    && read.values.iter().all(|v| v.digit_run() == Some(v.raw())) =>
            {
                // Numbers beside a later line of a label printed alone first: fewer than the
                // row's, the bottoms of numbers wrapped in a tall row's narrow cells, or its
                // cells but those printed blank. They are the row's, never dropped, so that no
                // line of numbers near it is taken for the whole row.
                existing.values = read.values;
            }
            Some(existing) => {
                if has_numbers(&read) && has_numbers(existing) {
                    problems.push(
                        Problem::new(
                            ProblemCode::DuplicateRow,
                            format!(
                                "the row {} appears more than once; the first complete reading is kept",
                                label_of(read.row)
                            ),
                        )
                        .at(read.label.pos, read.label.published.clone()),
                    );
                }
                // A label printed on a line of its own reads as a row of blanks; the reading
                // with the numbers is the row.
                let blank_beside_numbers = !has_numbers(existing) && has_numbers(&read);
                if (!fits(existing) || blank_beside_numbers) && fits(&read) {
                    *existing = read;
                }
            }
        }
    }
    chosen
}

/// Whether `first`, a reading of a row, holds numbers on the line right above those of `then`,
/// another reading of it: fewer than a row's, all runs of digits, as the tops of numbers
/// wrapped in a tall row's narrow cells stand beside its label's first line.
fn pieces_over<R>(first: &RowRead<R>, then: &RowRead<R>) -> bool {
    let line_of = |values: &[ValueCell]| {
        let mut lines = values.iter().map(|v| v.pos().map(|p| p.line));
        let first = lines.next()??;
        lines.all(|l| l == Some(first)).then_some(first)
    };
    let digits = first.values.iter().all(|v| v.digit_run() == Some(v.raw()));
    digits
        && first.values.len() < then.values.len()
        && line_of(&first.values)
            .zip(line_of(&then.values))
            .is_some_and(|(above, below)| above + 1 == below)
}

fn mismatch_problem(spec: &RowSpec, label: &Label, found: usize, expected: usize) -> Problem {
    let message = if found == 0 {
        format!(
            "row {}: its label was found but no cells with it",
            spec.label
        )
    } else {
        format!(
            "row {}: found {found} cell(s) where the table has {expected}; its cells are left missing rather than assigned by guess",
            spec.label
        )
    };
    Problem::new(ProblemCode::CellCountMismatch, message).at(label.pos, label.published.clone())
}

fn unrecognised(segment: &Segment, table: &str) -> Problem {
    let label = segment.label.clone().unwrap_or_default();
    let numbers: Vec<&str> = segment.values.iter().map(ValueCell::raw).collect();
    let pos = label
        .pos
        .or_else(|| segment.values.iter().find_map(ValueCell::pos));
    Problem::new(
        ProblemCode::UnrecognisedRow,
        format!(
            "numbers in {table} that belong to no recognised row: `{}` {}",
            label.published,
            numbers.join(" ")
        ),
    )
    .at(pos, label.published)
}

/// Reads 表二 into the store, but for the sub-tables where a page number printed bare may stand
/// for a cell ([`page_numbered_sub_tables`]).
pub(crate) fn read_active(
    segments: Vec<Segment>,
    (display, pages): (&align::DisplayColumns, &BarePages),
    edition: Edition,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> bool {
    let page_numbered = page_numbered_sub_tables(&segments, pages);
    let found = read_active_rows(segments, display, edition, store, problems);
    for (lines, page) in page_numbered {
        let problem = Problem::new(
            ProblemCode::ValuesApartFromLabel,
            format!(
                "表二 is printed a cell a line, and the report prints its page numbers bare: `{}`, alone on its line right before a label, may be one, a cell of this sub-table printed blank leaving no line, and 表二 has no identity to tell, so the sub-table's cells are left missing",
                page.raw()
            ),
        );
        let read: Vec<String> = store
            .filled
            .iter()
            .filter(|(pointer, filled)| {
                pointer.starts_with("/active_disclosure/") && lines.contains(&filled.pos.line)
            })
            .map(|(pointer, _)| pointer.clone())
            .collect();
        for pointer in read {
            store.withdraw(pointer, problem.clone());
        }
    }
    found
}

/// The sub-tables of 表二 (the lines from one caption `第二十条第（…）项` to the next) holding a
/// number that may be a page number printed bare, in a report that prints its page numbers so
/// ([`BarePages`]) and the sub-table a cell a line: a number alone on its line, right before a
/// label's line, that the page numbers seen allow there. A cell printed blank leaves no line in
/// a table printed a cell a line, so the sub-table's numbers with the page number count as many
/// as its cells, and the page number reads as a cell: nothing tells which. Each with the number.
fn page_numbered_sub_tables(
    segments: &[Segment],
    pages: &BarePages,
) -> Vec<(std::ops::Range<u32>, ValueCell)> {
    if !pages.any() {
        return Vec::new();
    }
    let line_of = |segment: &Segment| {
        segment
            .label
            .as_ref()
            .and_then(|label| label.pos)
            .or_else(|| segment.values.first().and_then(ValueCell::pos))
            .map(|p| p.line)
    };
    let is_caption = |segment: &Segment| {
        segment
            .label
            .as_ref()
            .is_some_and(|label| label.joined().contains("第二十条"))
    };
    let mut found = Vec::new();
    let mut start = segments.first().and_then(line_of).unwrap_or(0);
    let mut page: Option<ValueCell> = None;
    // Whether the sub-table so far prints its numbers a cell a line: a row a line (tab rows)
    // holds its count on its own line, which a page number on another does not change.
    let mut cell_a_line = true;
    for (k, segment) in segments.iter().enumerate() {
        let at = line_of(segment).unwrap_or(start);
        if is_caption(segment) {
            if let Some(cell) = page.take().filter(|_| cell_a_line) {
                found.push((start..at, cell));
            }
            start = at;
            cell_a_line = true;
        }
        cell_a_line &= segment.values.len() <= usize::from(segment.label.is_none());
        let next_is_label = segments
            .get(k + 1)
            .is_some_and(|next| next.label.is_some() && line_of(next) == Some(at + 1));
        if let (None, [cell @ ValueCell::Token { text, raw, pos }]) =
            (&segment.label, segment.values.as_slice())
            && next_is_label
            && raw.trim() == text
            && text.parse::<u64>().is_ok_and(|v| pages.may_be(pos.line, v))
        {
            page.get_or_insert_with(|| cell.clone());
        }
    }
    if let Some(cell) = page.filter(|_| cell_a_line) {
        found.push((start..u32::MAX, cell));
    }
    found
}

/// Reads 表二 into the store.
fn read_active_rows(
    segments: Vec<Segment>,
    display: &align::DisplayColumns,
    edition: Edition,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> bool {
    let spec_of = |row: ActiveRow| match edition {
        Edition::E2021 => active_2021(row),
        Edition::E2019 => active_2019(row),
    };
    let recognise = |label: &Label, previous: Option<ActiveRow>, figures: usize| {
        label
            .cells
            .iter()
            .rev()
            .find_map(|c| recognise_active(c))
            .or_else(|| recognise_active(&label.joined()))
            .filter(|row| spec_of(*row).is_some())
            .or_else(|| {
                crate::truncated::recognise_truncated_active(
                    &label.joined(),
                    previous,
                    figures,
                    spec_of,
                )
            })
    };
    let expected = |row: ActiveRow| spec_of(row).map_or(1, |s| s.columns.len());
    let pulled_out = crate::pulled::pulled_out_cells(&segments);
    let reading = read_rows(segments.clone(), recognise, expected);
    let found = !reading.rows.is_empty();
    // Labels and numbers apart, each row's count confirmed (a block dump); rows read whole
    // beside their labels are read as before.
    let apart = reading
        .rows
        .iter()
        .any(|r| r.attached > 0 || r.below_bare_label || r.values.is_empty());
    let mut alone = Vec::new();
    if apart {
        let above = counted_rows(&segments, spec_of, Orientation::LabelsAbove);
        let below = if above.as_ref().is_some_and(|counted| counted.whole) {
            None
        } else {
            counted_rows(&segments, spec_of, Orientation::LabelsBelow)
        };
        let whole = [&above, &below]
            .into_iter()
            .flatten()
            .find(|counted| counted.whole);
        if let Some(counted) = whole {
            for (row, values, rule) in &counted.rows {
                if let Some(spec) = spec_of(*row) {
                    store.put_row(&spec, values, &[*rule]);
                }
            }
            return found;
        }
        alone = sub_tables_alone(above, below);
    }
    let reading_labels_below = reading.labels_below;
    let label_of = |row: ActiveRow| spec_of(row).map_or_else(String::new, |s| s.label.to_owned());
    let mut chosen = choose(reading.rows, expected, label_of, problems);
    // Labels apart from their numbers (below them, or above on a line of their own): a label takes
    // the line of numbers its stretch of the table pairs it with in order, or stays unread (never
    // blank: its numbers are printed, only apart). 表二 has no identity to confirm more.
    // Each line of numbers alone: its cells, whether padded at its end, whether positional.
    let mut lines: Vec<(Vec<ValueCell>, bool, bool)> = Vec::new();
    let mut marks: Vec<(usize, gaps::Mark)> = reading
        .headings
        .iter()
        .map(|at| (*at, gaps::Mark::Barrier))
        .collect();
    for (k, read) in chosen.iter().enumerate() {
        let numbers = read.values.iter().any(|v| !v.is_blank());
        let apart = read.attached > 0 || (reading_labels_below && read.below_bare_label);
        if !numbers {
            marks.push((read.at, gaps::Mark::Label(k)));
        } else if apart && read.attached <= 1 && read.below_bare_label {
            // Its numbers are the one line after its label alone.
            marks.push((read.at, gaps::Mark::Label(k)));
            marks.push((read.at, gaps::Mark::Numbers(lines.len())));
            lines.push((read.values.clone(), read.padded_at_end, read.positional));
        } else if apart {
            marks.push((read.at, gaps::Mark::Unpairable));
        } else {
            marks.push((read.at, gaps::Mark::Barrier));
        }
    }
    let first_orphan_line = lines.len();
    for (at, orphan) in &reading.orphans {
        marks.push((*at, gaps::Mark::Numbers(lines.len())));
        lines.push((
            orphan.values.clone(),
            orphan.padded_at_end,
            orphan.positional,
        ));
    }
    let pairing = gaps::pair_in_order(marks, |label, line| {
        chosen
            .get(label)
            .zip(lines.get(line))
            .is_some_and(|(read, (values, padded, _))| {
                gaps::fills_columns(values, *padded, expected(read.row))
            })
    });
    let mut paired_orphans: Vec<usize> = Vec::new();
    let mut paired_rows: Vec<usize> = Vec::new();
    for (row, line) in &pairing.pairs {
        if let (Some(read), Some((values, padded, positional))) =
            (chosen.get_mut(*row), lines.get(*line))
        {
            read.values.clone_from(values);
            read.padded_at_end = *padded;
            // Its cells stand in the columns of the line of numbers, not of the label's line.
            read.positional = *positional;
            read.attached = 0;
            read.below_bare_label = false;
            paired_rows.push(*row);
            if let Some(orphan) = line.checked_sub(first_orphan_line) {
                paired_orphans.push(orphan);
            }
        }
    }
    let lone_numbers = crate::pulled::lone_numbers(&reading.orphans, &paired_orphans);
    for (index, read) in chosen.iter().enumerate() {
        let Some(spec) = spec_of(read.row) else {
            continue;
        };
        let columns = spec.columns.len();
        if pairing.unpaired.contains(&index) {
            store.miss_row(
                &spec,
                &Problem::new(
                    ProblemCode::ValuesApartFromLabel,
                    format!(
                        "row {}: the table prints labels apart from their numbers, and the rows of numbers around this label are not as many as the labels, so which are its own is not decided",
                        spec.label
                    ),
                )
                .at(read.label.pos, read.label.published.clone()),
            );
            continue;
        }
        if read.attached > 0 || (reading_labels_below && read.below_bare_label) {
            // 表二 has no identity to confirm numbers that stand apart from their label.
            store.miss_row(
                &spec,
                &Problem::new(
                    ProblemCode::ValuesApartFromLabel,
                    format!(
                        "row {}: its numbers are not on the label's own line or row, and 表二 has no identity to confirm which numbers are its own",
                        spec.label
                    ),
                )
                .at(read.label.pos, read.label.published.clone()),
            );
            continue;
        }
        if !read.label.numbers_inside.is_empty() {
            // Its label's cell holds numbers: its blank cells may be those, not the publisher's.
            match numbers_inside_label(read, &spec) {
                Some(values) => {
                    store.put_row(&spec, &values, &[ReadingRule::NumbersInsideLabelCell]);
                }
                None => store.miss_row(
                    &spec,
                    &Problem::new(
                        ProblemCode::CellCountMismatch,
                        format!(
                            "row {}: numbers stand inside its label's cell (`{}`) and, with the row's others, do not fill its columns in order, so which cells they are is not decided",
                            spec.label, read.label.published
                        ),
                    )
                    .at(read.label.pos, read.label.published.clone()),
                ),
            }
            continue;
        }
        match fit(read.values.clone(), columns, read.padded_at_end) {
            Fit::Exact(values) if paired_rows.contains(&index) => store.put_row(
                &spec,
                &values,
                &[ReadingRule::LabelBelowNumbersPairedInOrder],
            ),
            Fit::Exact(values) => store.put_row(&spec, &values, &[]),
            Fit::RunTogether(cell) => store.miss_row(
                &spec,
                &Problem::new(
                    ProblemCode::AmbiguousSplit,
                    format!(
                        "row {}: the cells ran together as `{}` and 表二 has no identity that decides the split",
                        spec.label,
                        cell.raw()
                    ),
                )
                .at(cell.pos(), cell.raw().to_owned()),
            ),
            Fit::Mismatch(n) if crate::pulled::has_pulled_out_cell(&pulled_out, &chosen, read) => {
                store.miss_row(&spec, &mismatch_problem(&spec, &read.label, n, columns));
            }
            Fit::Mismatch(_)
                if let Some(values) = without_surplus_blanks(&read.values, columns)
                    .filter(|_| read.positional) =>
            {
                store.put_row(&spec, &values, &[ReadingRule::SurplusBlankCellsDropped]);
            }
            Fit::Mismatch(n) => {
                let placed = crate::pulled::put_placed_by_columns(
                    store,
                    &spec,
                    &chosen,
                    index,
                    &lone_numbers,
                    display,
                    expected,
                );
                if !placed {
                    store.miss_row(&spec, &mismatch_problem(&spec, &read.label, n, columns));
                }
            }
        }
    }
    // Sub-tables the block dump's counts read alone fill rows the reading above left unread,
    // where none of their numbers was taken by another cell.
    let mut placed: Vec<SourcePos> = Vec::new();
    for (row, values, rule) in alone {
        let Some(spec) = spec_of(row) else {
            continue;
        };
        let untouched = spec.columns.iter().all(|c| {
            !store
                .filled
                .contains_key(&format!("{}/{}", spec.path, c.name))
        });
        let positions: Option<Vec<SourcePos>> = values.iter().map(ValueCell::pos).collect();
        let Some(positions) = positions else {
            continue;
        };
        let unused = positions
            .iter()
            .all(|at| !store.filled.values().any(|f| f.pos == *at));
        if untouched && unused {
            store.put_row(&spec, &values, &[rule, ReadingRule::SubTableCountedAlone]);
            placed.extend(positions);
        }
    }
    for (k, (_, orphan)) in reading.orphans.iter().enumerate() {
        let taken = !orphan.values.is_empty()
            && orphan
                .values
                .iter()
                .all(|v| v.pos().is_some_and(|at| placed.contains(&at)));
        if !paired_orphans.contains(&k) && !taken {
            problems.push(unrecognised(orphan, "表二"));
        }
    }
    crate::pulled::explain_blanks(&pulled_out, &chosen, spec_of, store);
    found
}

/// The cells of a 表二 row whose first numbers stand inside its label's cell
/// (`行政事业性 | 收费1032.60994 | `, `行政规范性 | 文件6<br>3 | 18`: a converter drew a column
/// boundary left of the first value): those numbers, then the row's others, when the label
/// without them is the row's whole label (no digit of a label is then left in it) and they fill
/// the columns exactly, any blank cells after them (the columns the shift emptied).
fn numbers_inside_label(read: &RowRead<ActiveRow>, spec: &RowSpec) -> Option<Vec<ValueCell>> {
    let inside = &read.label.numbers_inside;
    let mut label = read.label.joined();
    for number in inside.iter().rev() {
        let ValueCell::Token { text, .. } = number else {
            return None;
        };
        label = label.strip_suffix(text.as_str())?.to_owned();
    }
    let whole: String = spec.label.chars().filter(|c| !c.is_whitespace()).collect();
    if crate::template::strip_numbering(&label) != whole {
        return None;
    }
    let printed = read.values.iter().position(ValueCell::is_blank);
    let (numbers, blanks) = read.values.split_at(printed.unwrap_or(read.values.len()));
    if !blanks.iter().all(ValueCell::is_blank) || inside.len() + numbers.len() != spec.columns.len()
    {
        return None;
    }
    Some(inside.iter().chain(numbers).cloned().collect())
}

/// What stands in 表二, in order, for [`counted_rows`].
enum Piece {
    /// A sub-table's caption (`第二十条第（五）项`): no row's numbers cross it.
    Caption,
    /// A row's label.
    Row(ActiveRow),
    /// Numbers, and whether they stand on a label's line (the label's own, or run together
    /// with it by the converter).
    Numbers {
        values: Vec<ValueCell>,
        beside_label: bool,
    },
}

/// Whether a value is a figure as a block dump prints one: digits, at most one decimal point
/// between them.
fn is_figure(value: &ValueCell) -> bool {
    match value {
        ValueCell::Token { text, .. } => {
            let mut parts = text.split('.');
            let digits = |p: Option<&str>| {
                p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            };
            digits(parts.next())
                && (parts.clone().next().is_none() || digits(parts.next()))
                && parts.next().is_none()
        }
        ValueCell::Blank { .. } => false,
    }
}

/// The captions and row labels in a run of text (the lines between two lines of numbers, run
/// together, a label or caption torn over several lines whole again): everything else in it is
/// the tables' headings and page footers. Labels are the template's, longest first.
fn labels_in(run: &str, labels: &[(ActiveRow, String)], out: &mut Vec<Piece>) {
    let mut rest = run;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("第二十条") {
            out.push(Piece::Caption);
            rest = after;
        } else if let Some((row, label)) = labels.iter().find(|(_, l)| rest.starts_with(l.as_str()))
        {
            out.push(Piece::Row(*row));
            rest = rest.get(label.len()..).unwrap_or_default();
        } else {
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        }
    }
}

/// 表二 printed as a block dump (`pdftotext` without flags) prints it: labels, captions and
/// headings on lines of their own (torn over several), each row's cells on lines of their own
/// near its label. Read only where the count of numbers leaves one reading, sub-table by
/// sub-table (the stretches between captions `第二十条第（…）项`):
///
/// - a sub-table of one row holds exactly as many numbers as its columns, before or after its
///   label: they are its cells, in order (nothing else of the table stands between its captions);
/// - in a sub-table of several rows, the first label comes before any number and every label is
///   followed by exactly as many numbers as its row has columns, up to the next label: each
///   label's numbers are those after it.
///
/// Every row of the edition's 表二 must be found once, or nothing is read so; the table is read
/// whole ([`Counted::whole`]) where every number of it is taken and every cell is a figure (no
/// blank). Why no number lands in the wrong row: the printings that put a row's numbers after
/// another row's label leave a count off. Where some sub-table's count is off, the others are
/// still read whose own count is exact and before which stand exactly as many numbers as the
/// sub-tables before them hold cells: a number of theirs printed in another sub-table, or one of
/// another's printed among theirs, leaves one of those counts off too, unless two are exchanged,
/// which would mislead the whole-table reading alike. A sub-table
/// printed as a block of labels (two or more, of rows as wide), then exactly as many numbers as
/// their cells (pdfminer), is read only where its numbers read row by row and down the columns
/// give every row the same cells (rows of one column, or numbers that coincide): pdfminer orders
/// a table's boxes by rows or by columns as they lie on the page, and nothing printed tells
/// which. A cell printed blank, or a number printed beside another row, leaves two rows' counts
/// off.
///
/// Labels printed below their numbers (`pdftotext` without flags on LibreOffice's PDFs, whose
/// labels sit lower in their cells than the numbers: `1 0 11 规章 8 26 66 行政规范性文件`) leave
/// the first row's numbers before any label and the last label bare, so they are never read
/// above. They are read with [`Orientation::LabelsBelow`], tried only when the table does not
/// read above: the whole table so, every label preceded by exactly as many numbers as its row
/// has columns since the label (or caption) before, none after the last
/// (`labels-below-their-numbers-counted`). A converter printing some labels above and some below
/// leaves a count off either way. Returns each row with its cells and the rule that read it.
fn counted_rows(
    segments: &[Segment],
    spec_of: impl Fn(ActiveRow) -> Option<RowSpec>,
    orientation: Orientation,
) -> Option<Counted> {
    let compact = |text: &str| {
        crate::normalize::compact_chars(text.chars().filter_map(crate::normalize::fold_char))
    };
    let mut labels: Vec<(ActiveRow, String)> = crate::template::ACTIVE_ORDER
        .iter()
        .filter_map(|row| Some((*row, compact(spec_of(*row)?.label))))
        .filter(|(_, label)| !label.is_empty())
        .collect();
    labels.sort_by_key(|(_, label)| std::cmp::Reverse(label.len()));
    let mut pieces: Vec<Piece> = Vec::new();
    let mut run = String::new();
    for segment in segments {
        if let Some(label) = &segment.label {
            run.push_str(&compact(&label.joined()));
        }
        if !segment.values.is_empty() {
            labels_in(&std::mem::take(&mut run), &labels, &mut pieces);
            pieces.push(Piece::Numbers {
                values: segment.values.clone(),
                beside_label: segment.label.is_some(),
            });
        }
    }
    labels_in(&run, &labels, &mut pieces);
    let columns = |row: ActiveRow| spec_of(row).map(|s| s.columns.len());
    // Every row of the edition's 表二 is found once, or the dump is not read as a table.
    let every_row_once = labels.iter().all(|(row, _)| {
        pieces
            .iter()
            .filter(|p| matches!(p, Piece::Row(r) if r == row))
            .count()
            == 1
    });
    if !every_row_once {
        return None;
    }
    let mut counted = Counted {
        rows: Vec::new(),
        whole: true,
    };
    // Numbers and cells of the sub-tables before the current one.
    let (mut numbers_before, mut cells_before) = (0, 0);
    for stretch in pieces.split(|p| matches!(p, Piece::Caption)) {
        let rows: Vec<ActiveRow> = stretch
            .iter()
            .filter_map(|p| match p {
                Piece::Row(row) => Some(*row),
                _ => None,
            })
            .collect();
        let numbers: Vec<ValueCell> = stretch
            .iter()
            .flat_map(|p| match p {
                Piece::Numbers { values, .. } => values.clone(),
                _ => Vec::new(),
            })
            .collect();
        let aligned = numbers_before == cells_before;
        numbers_before += numbers.len();
        cells_before += rows.iter().filter_map(|r| columns(*r)).sum::<usize>();
        if rows.is_empty() && numbers.is_empty() {
            continue;
        }
        let read = stretch_rows(stretch, &rows, numbers, orientation, columns).filter(|read| {
            read.iter()
                .all(|(_, values, _)| values.iter().all(is_figure))
        });
        match read {
            Some(read) if aligned => counted.rows.extend(read),
            _ => counted.whole = false,
        }
    }
    Some(counted)
}

/// A row of 表二 read from its block dump: its cells and the rule that read them.
type CountedRow = (ActiveRow, Vec<ValueCell>, ReadingRule);

/// 表二's block dump read sub-table by sub-table, for [`read_active`].
struct Counted {
    /// The rows of every sub-table whose count reads it, with exactly as many numbers before it
    /// as the sub-tables before it hold cells.
    rows: Vec<CountedRow>,
    /// Whether every sub-table reads so: the whole table is read.
    whole: bool,
}

/// One sub-table of a block dump read by the counts of [`counted_rows`], or `None`.
fn stretch_rows(
    stretch: &[Piece],
    rows: &[ActiveRow],
    numbers: Vec<ValueCell>,
    orientation: Orientation,
    columns: impl Fn(ActiveRow) -> Option<usize>,
) -> Option<Vec<CountedRow>> {
    let (each_label, either_order, below) = (
        ReadingRule::LabelThenItsNumbersCounted,
        ReadingRule::LabelsThenNumbersEitherOrder,
        ReadingRule::LabelsBelowTheirNumbersCounted,
    );
    let mut read: Vec<CountedRow> = Vec::new();
    match rows {
        [] => return None,
        _ if orientation == Orientation::LabelsBelow => {
            let mut pending: Vec<ValueCell> = Vec::new();
            for piece in stretch {
                match piece {
                    Piece::Row(row) => {
                        (columns(*row) == Some(pending.len())).then_some(())?;
                        read.push((*row, std::mem::take(&mut pending), below));
                    }
                    Piece::Numbers { values, .. } => pending.extend(values.iter().cloned()),
                    Piece::Caption => {}
                }
            }
            pending.is_empty().then_some(())?;
        }
        [row] => {
            (columns(*row) == Some(numbers.len())).then_some(())?;
            read.push((*row, numbers, each_label));
        }
        rows if labels_as_block(stretch) => {
            let widths: Vec<usize> = rows.iter().map(|r| columns(*r)).collect::<Option<_>>()?;
            let width = *widths.first()?;
            let (n, uniform) = (rows.len(), widths.iter().all(|w| *w == width));
            (uniform && numbers.len() == width * n).then_some(())?;
            // Row by row or down the columns (pdfminer prints either, as its boxes lie):
            // read only where both give every row the same numbers.
            let at = |k: usize, c: usize| (numbers.get(k * width + c), numbers.get(c * n + k));
            let either_way = (0..n).all(|k| {
                (0..width).all(|c| matches!(at(k, c), (Some(a), Some(b)) if a.raw() == b.raw()))
            });
            either_way.then_some(())?;
            for (k, row) in rows.iter().enumerate() {
                let cells = numbers.iter().skip(k * width).take(width).cloned();
                read.push((*row, cells.collect(), either_order));
            }
        }
        _ => {
            let mut open: Option<(ActiveRow, Vec<ValueCell>)> = None;
            for piece in stretch {
                match piece {
                    Piece::Row(row) => {
                        if let Some((row, values)) = open.replace((*row, Vec::new())) {
                            (columns(row) == Some(values.len())).then_some(())?;
                            read.push((row, values, each_label));
                        }
                    }
                    Piece::Numbers { values, .. } => {
                        open.as_mut()?.1.extend(values.iter().cloned());
                    }
                    Piece::Caption => {}
                }
            }
            let (row, values) = open?;
            (columns(row) == Some(values.len())).then_some(())?;
            read.push((row, values, each_label));
        }
    }
    Some(read)
}

/// The rows of 表二's block dump read sub-table by sub-table ([`Counted::rows`]) where neither
/// orientation reads the whole table: those either reads. No sub-table reads both ways but
/// alike: one of several rows read with its labels above its numbers has numbers after its
/// last label, read with them below it has none, and one of a single row reads its numbers
/// wherever they stand.
fn sub_tables_alone(above: Option<Counted>, below: Option<Counted>) -> Vec<CountedRow> {
    let mut rows = above.map(|c| c.rows).unwrap_or_default();
    for row in below.map(|c| c.rows).unwrap_or_default() {
        if !rows.iter().any(|r| r.0 == row.0) {
            rows.push(row);
        }
    }
    rows
}

/// Where a block dump prints 表二's labels against their numbers, for [`counted_rows`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Orientation {
    /// Each label before its row's numbers.
    LabelsAbove,
    /// Each label after its row's numbers (LibreOffice's PDFs through `pdftotext`).
    LabelsBelow,
}

/// Whether a stretch of 表二 prints its labels as a block, then its numbers: two labels or
/// more, every one before every number, none of the numbers on a label's line.
fn labels_as_block(stretch: &[Piece]) -> bool {
    let first_number = stretch
        .iter()
        .position(|p| matches!(p, Piece::Numbers { .. }))
        .unwrap_or(stretch.len());
    let labels_before = stretch
        .iter()
        .take(first_number)
        .filter(|p| matches!(p, Piece::Row(_)))
        .count();
    // A number on a label's line (`行政规范性文件 3` under `规章`, then `0` … `8`, as pdfminer
    // printed a row's first cell with its label): the converter ran a cell into the labels, so
    // the numbers after them are not the block's whole order (规章 read 3 for 0).
    let beside_label = stretch.iter().any(|p| {
        matches!(
            p,
            Piece::Numbers {
                beside_label: true,
                ..
            }
        )
    });
    labels_before >= 2
        && !beside_label
        && !stretch
            .iter()
            .skip(first_number)
            .any(|p| matches!(p, Piece::Row(_)))
}

fn app_spec(row: AppRow, edition: Edition) -> Option<RowSpec> {
    if row == AppRow::OtherMerged {
        return (edition == Edition::E2019).then(other_merged);
    }
    let is_2021_only = matches!(
        row,
        AppRow::NoCorrection | AppRow::FeeUnpaid | AppRow::OtherOther
    );
    if edition == Edition::E2019 && is_2021_only {
        return None;
    }
    crate::template::app_row_spec(row)
}

fn recognise_app(label: &Label, previous: Option<AppRow>) -> Option<AppRow> {
    let row = recognise_app_label(label, previous).or_else(|| torn_other_group(label, previous));
    // `(六)其他处理 1.` is the group label beside a torn leaf label, not the merged row.
    let joined = label.joined();
    let rest = joined.split_once("其他处理").map_or("", |(_, rest)| rest);
    if row == Some(AppRow::OtherMerged) && !rest.is_empty() {
        return None;
    }
    row
}

/// `（六）其` alone: the label `（六）其他处理` torn by a converter, read as the full label is (the
/// merged row, or the group label of the three （六） rows where they are printed).
fn torn_other_group(label: &Label, previous: Option<AppRow>) -> Option<AppRow> {
    let inside_other_group = matches!(
        previous,
        Some(AppRow::NoCorrection | AppRow::FeeUnpaid | AppRow::OtherOther)
    );
    let compact = crate::normalize::compact_chars(
        label
            .joined()
            .chars()
            .filter_map(crate::normalize::fold_char),
    );
    let rest = compact.strip_prefix("(六)")?;
    (!inside_other_group && !rest.is_empty() && "其他处理".starts_with(rest))
        .then_some(AppRow::OtherMerged)
}

fn recognise_app_label(label: &Label, previous: Option<AppRow>) -> Option<AppRow> {
    label
        .cells
        .iter()
        .rev()
        .find_map(|c| recognise_application_cell(c, previous))
        .or_else(|| recognise_application_cell(&label.joined(), previous))
        .or_else(|| crate::truncated::recognise_truncated(&label.joined(), previous))
}

type Counts = [Option<u64>; 7];

/// Reads 表三 into the store.
pub(crate) fn read_applications(
    segments: Vec<Segment>,
    (display, bare_pages): (&align::DisplayColumns, &BarePages),
    edition: Edition,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> bool {
    let reading = read_rows(segments, |l, p, _| recognise_app(l, p), |_| 7);
    let found = !reading.rows.is_empty();
    let labels_below = reading.labels_below;
    let label_of = |row: AppRow| {
        app_spec(row, edition).map_or_else(|| "（六）其他处理".to_owned(), |s| s.label.to_owned())
    };
    // A report that prints the three （六） rows has no merged row: a `（六）其他处理` line with
    // numbers is then its group label beside another row's numbers, not a row of its own.
    let has_other_leaves = reading.rows.iter().any(|r| {
        matches!(
            r.row,
            AppRow::NoCorrection | AppRow::FeeUnpaid | AppRow::OtherOther
        )
    });
    // In a table that shows labels below their numbers and prints none of the three 2021 （六）
    // rows, a bare `（六）其他处理` is the merged row's label standing apart from its numbers: the
    // merged row takes the three rows' place in the template's order, its numbers unlabelled.
    let merged_apart = labels_below && edition == Edition::E2021 && !has_other_leaves;
    let mut merged_bare: Option<&RowRead<AppRow>> = None;
    let mut known: HashMap<AppRow, Counts> = HashMap::new();
    let mut ambiguous: Vec<(AppRow, ValueCell, Splits)> = Vec::new();
    let mut merged: Option<Option<gaps::MergedOther>> = None;
    // A merged row whose numbers stand apart from its label, settled when every row is placed.
    // A merged （六） row read, and the rules that read it, its cells kept once confirmed.
    let mut merged_to_confirm: Option<(Fit, RowRead<AppRow>, Vec<ReadingRule>)> = None;
    let chosen = choose(reading.rows, |_| 7, label_of, problems);
    let mut apart: Vec<AppRow> = Vec::new();
    // Rows printed a cell a line after their label, one number short.
    let mut one_short: Vec<OneShort> = Vec::new();
    // A merged （六） row printed so: its numbers.
    let mut merged_short: Option<Vec<ValueCell>> = None;
    let mut split_by_total: Vec<AppRow> = Vec::new();
    // Rows whose numbers wrapped in narrow cells were joined as their 总计 confirms.
    let mut wrapped_rows: Vec<AppRow> = Vec::new();
    // Rows whose numbers wrapped in narrow cells break their 总计 however joined.
    let mut broken_wrapped: Vec<gaps::BrokenJoinings> = Vec::new();
    // Rows a number short whose blank the spacing shows, to be confirmed with the rows placed
    // by order.
    let mut spaced: Vec<gaps::Assignment> = Vec::new();
    let mut unlabelled: Vec<gaps::Unlabelled> = reading
        .orphans
        .into_iter()
        .map(|(at, segment)| gaps::Unlabelled {
            at,
            segment,
            unread: false,
            breaking: Vec::new(),
            joined: Vec::new(),
        })
        .collect();
    // A table that prints numbers in one row only: no column identity can be evaluated, so the
    // row identities are all the report says about a run of its digits.
    let lone_row = unlabelled.is_empty()
        && chosen
            .iter()
            .filter(|r| r.values.iter().any(|v| !v.is_blank()))
            .count()
            == 1;
    // Numbers beside the group label just before: a label alone right after them may be their
    // row's label printed below its numbers, so the numbers after that label are its own only
    // if the identities confirm them (as in a table that shows labels below numbers).
    let mut after_group_numbers = false;
    // The widest number the table prints whole on a line: a column wrapping numbers is at least
    // as wide (a number a hard wrap's join made whole may have been wrapped in its cell).
    let widest = chosen
        .iter()
        .flat_map(|r| &r.values)
        .chain(unlabelled.iter().flat_map(|u| &u.segment.values))
        .filter(|v| v.pos().is_some_and(|p| !display.joined_over_lines(p)))
        .filter_map(|v| v.digit_run().map(str::len))
        .max()
        .unwrap_or(0);
    let row_lines: HashSet<u32> = chosen
        .iter()
        .flat_map(|r| &r.values)
        .filter_map(|v| v.pos().map(|p| p.line))
        .collect();
    let wrapping = Wrapping {
        widest,
        bare_pages,
        row_lines: &row_lines,
    };
    // The numbers of lines no row labels, as they stand before any row takes them or they are
    // joined with each other: a joining not confirmed leaves them there, pieces maybe of the
    // row below's numbers.
    let unlabelled_lines: Vec<(usize, Vec<ValueCell>)> = unlabelled
        .iter()
        .map(|u| (u.at, u.segment.values.clone()))
        .collect();
    join_unlabelled_wrapped(&mut unlabelled, wrapping, problems);
    // Lines that rows with no label took as their numbers' pieces, joined as their 总计 confirms.
    let unlabelled_joined: HashSet<usize> = unlabelled_lines
        .iter()
        .map(|(at, _)| *at)
        .filter(|at| !unlabelled.iter().any(|u| u.at == *at))
        .collect();
    // Those a row's confirmed joining took: its numbers' pieces.
    let mut joined_into_rows: HashSet<usize> = HashSet::new();
    // Rows left unread as printed that may be tall rows, their numbers' pieces around their line
    // (`tall::stack`).
    let mut tall_rows: Vec<usize> = Vec::new();
    for (index, read) in chosen.iter().enumerate() {
        let numbers_may_be_next_rows =
            (labels_below || std::mem::take(&mut after_group_numbers)) && read.below_bare_label;
        if read.row == AppRow::OtherMerged && has_other_leaves && edition == Edition::E2021 {
            if read.values.iter().any(|v| !v.is_blank()) {
                after_group_numbers = true;
                // Numbers beside the group label （六）其他处理 of a report that prints its three
                // rows: a row whose own label is elsewhere.
                unlabelled.push(gaps::Unlabelled {
                    unread: false,
                    breaking: Vec::new(),
                    joined: Vec::new(),
                    at: read.at,
                    segment: Segment {
                        label: Some(read.label.clone()),
                        values: read.values.clone(),
                        positional: read.positional,
                        padded_at_end: read.padded_at_end,
                    },
                });
            }
            continue;
        }
        if read.row == AppRow::OtherMerged
            && merged_apart
            && !read.values.iter().any(|v| !v.is_blank())
        {
            merged_bare = Some(read);
            continue;
        }
        let unlabelled_before: Vec<usize> = unlabelled.iter().map(|u| u.at).collect();
        if read.row != AppRow::OtherMerged
            && let Some(spec) = app_spec(read.row, edition)
            && let Some(joined) = wrapped_row(read, &spec, wrapping, &mut unlabelled)
        {
            match joined {
                Ok(cells) => {
                    let tails: Vec<usize> = unlabelled_before
                        .iter()
                        .copied()
                        .filter(|&at| !unlabelled.iter().any(|u| u.at == at))
                        .collect();
                    // Pieces over its numbers that the joining of those below left: a tall
                    // row's, its cells centred around its line (`9` over `8`, `2` under it,
                    // for 98), whose lower pieces alone may hold its 总计.
                    let pieces_above = display.pieces_beside(
                        &read.values,
                        unlabelled_lines
                            .iter()
                            .filter(|(at, _)| {
                                !joined_into_rows.contains(at)
                                    && !unlabelled_joined.contains(at)
                                    && !tails.contains(at)
                            })
                            .map(|(_, values)| values.as_slice()),
                        chosen.iter().map(|r| r.values.as_slice()),
                        |numbers| align::total_agrees(&identity_cells(&spec), numbers),
                    );
                    if pieces_above {
                        tall_rows.push(index);
                        store.miss_row(
                            &spec,
                            &row_problem(ProblemCode::CellCountMismatch, &spec, read, "numbers no row takes stand right over its numbers, as a tall row prints numbers its narrow cells wrap over lines, so its numbers joined with those below alone are not known to be its cells, and they are left missing"),
                        );
                        continue;
                    }
                    joined_into_rows.extend(tails);
                    store.put_joined(&spec, &cells, &[]);
                    known.insert(read.row, counts_of(store, &spec));
                    wrapped_rows.push(read.row);
                }
                Err(unjoined) => {
                    tall_rows.push(index);
                    // Confirmed, if at all, by the identities across rows once every row is
                    // read (`gaps::confirm_wrapped`).
                    let across_rows = if unjoined.breaking.is_empty() {
                        ""
                    } else {
                        ", and no one joining of them is confirmed by the identities across rows (its columns' R1 and R2) with the table's other rows"
                    };
                    store.miss_row(
                        &spec,
                        &Problem::new(
                            ProblemCode::CellCountMismatch,
                            format!(
                                "row {}: {}{across_rows}, so its cells are left missing",
                                spec.label, unjoined.why
                            ),
                        )
                        .at(read.label.pos, read.label.published.clone()),
                    );
                    if !unjoined.breaking.is_empty() {
                        broken_wrapped.push(gaps::BrokenJoinings {
                            row: read.row,
                            joinings: unjoined.breaking,
                        });
                    }
                }
            }
            continue;
        }
        // A merged （六） row whose numbers wrapped in narrow cells is joined by its 总计 as any
        // row is (its R3 reads its cells as the first （六） row's); where no joining reads them,
        // it prints more numbers than its cells and is left unread, never read as printed.
        let merged_joined = (read.row == AppRow::OtherMerged && edition == Edition::E2021)
            .then(|| app_spec(AppRow::NoCorrection, edition))
            .flatten()
            .and_then(|first| {
                join_wrapped(
                    &read.values,
                    read.at,
                    &identity_cells(&first),
                    wrapping,
                    &mut unlabelled,
                )
            });
        if let Some(Err(unjoined)) = &merged_joined {
            problems.push(
                Problem::new(
                    ProblemCode::CellCountMismatch,
                    format!("row （六）其他处理: {}, so it is left unread", unjoined.why),
                )
                .at(read.label.pos, read.label.published.clone()),
            );
        }
        let (fitted, read_by) = match merged_joined {
            Some(Ok(cells)) => (
                Fit::Exact(cells.into_iter().map(|(cell, _)| cell).collect()),
                vec![ReadingRule::WrappedDigitsJoinedByIdentities],
            ),
            Some(Err(_)) => (Fit::Mismatch(read.values.len()), Vec::new()),
            None => match fit(read.values.clone(), 7, read.padded_at_end) {
                // A merged row of a table printed cell by cell holding the converter's blank
                // columns (Word's grid in Markdown), its seven numbers filling its cells.
                Fit::Mismatch(_)
                    if read.row == AppRow::OtherMerged
                        && read.positional
                        && let Some(values) = without_surplus_blanks(&read.values, 7) =>
                {
                    (
                        Fit::Exact(values),
                        vec![ReadingRule::SurplusBlankCellsDropped],
                    )
                }
                fitted => (fitted, Vec::new()),
            },
        };
        if read.row == AppRow::OtherMerged && matches!(fitted, Fit::Mismatch(0)) {
            // The group heading of the three （六） rows, not a merged row.
            continue;
        }
        if read.row == AppRow::OtherMerged && edition == Edition::E2021 {
            if read.attached > 1
                && matches!(fitted, Fit::Mismatch(n) if n + 1 == APPLICANT_COLUMNS.len())
            {
                // A cell a line, a number short: settled once every row is read.
                merged_short = Some(read.values.clone());
            }
            merged = Some(merged_counts(&fitted));
            // A group label printed beside a leaf row reads like a merged row, and numbers
            // apart from the label may be another row's: its cells count where the identities
            // confirm them, once every row is placed.
            merged_to_confirm = Some((fitted, read.clone(), read_by));
            continue;
        }
        let Some(spec) = app_spec(read.row, edition) else {
            problems.push(
                Problem::new(
                    ProblemCode::UnrecognisedRow,
                    "a row of the 2021 （六）其他处理 breakdown in a 2019-format report",
                )
                .at(read.label.pos, read.label.published.clone()),
            );
            continue;
        };
        match fitted {
            // A blank mark alone stood among its numbers, no cell taken from it, and its last
            // number may be a page number printed bare: the mark may be its blank, and the page
            // number what keeps the count whole.
            Fit::Exact(values)
                if !read.marks.is_empty()
                    && values
                        .last()
                        .is_some_and(|last| may_be_page_number(last, bare_pages)) =>
            {
                store.miss_row(&spec, &page_number_beside_mark(&spec, &values, &read.label));
                // Read as a row one number short too, where it stands after its label.
                if read.attached > 1
                    && let Some((_, cells)) = values.split_last()
                {
                    one_short.push(OneShort {
                        row: read.row,
                        printed: cells.to_vec(),
                        mark: only_mark(read),
                        as_printed: Some(values),
                    });
                }
            }
            Fit::Exact(_) if !read.positional && display.out_of_column_order(&read.values) => {
                tall_rows.push(index);
                store.miss_row(
                    &spec,
                    &row_problem(ProblemCode::CellCountMismatch, &spec, read, "its numbers stand on lines around each other, out of their columns' order, as a tall row prints cells of several lines centred around its line: which cell each number is is not known, so its cells are left missing"),
                );
            }
            Fit::Exact(_)
                if !read.positional
                    && display.pieces_beside(
                        &read.values,
                        unlabelled_lines
                            .iter()
                            .filter(|(at, _)| !joined_into_rows.contains(at))
                            .map(|(_, values)| values.as_slice()),
                        chosen.iter().map(|r| r.values.as_slice()),
                        |numbers| align::total_agrees(&identity_cells(&spec), numbers),
                    ) =>
            {
                tall_rows.push(index);
                store.miss_row(
                    &spec,
                    &row_problem(ProblemCode::CellCountMismatch, &spec, read, "numbers no row takes stand right over or under its numbers, as a tall row prints numbers its narrow cells wrap over lines: which of its numbers go on there is not known, so its cells are left missing"),
                );
            }
            Fit::Exact(_)
                if !read.positional
                    && pieces_beside_unaligned(
                        &read.values,
                        unlabelled_lines
                            .iter()
                            .filter(|(at, _)| !joined_into_rows.contains(at))
                            .map(|(_, values)| values.as_slice()),
                        |numbers| align::total_agrees(&identity_cells(&spec), numbers),
                    ) =>
            {
                store.miss_row(
                    &spec,
                    &row_problem(ProblemCode::CellCountMismatch, &spec, read, "numbers no row takes stand on the line right over or under its numbers, printed one space apart as text that keeps no columns prints them, as a tall row prints numbers its narrow cells wrap over lines: which of its numbers go on there is not known, so its cells are left missing"),
                );
            }
            Fit::Exact(values) => {
                store.put_row(&spec, &values, &[]);
                known.insert(read.row, counts_of(store, &spec));
                // Numbers gathered from several lines after the label (labels and numbers
                // printed apart), or from the line after a label alone in a table that prints
                // labels below their numbers, are the label's only if the identities confirm
                // them.
                if read.attached > 1 || numbers_may_be_next_rows {
                    apart.push(read.row);
                }
            }
            Fit::RunTogether(cell) => {
                let digits = match &cell {
                    ValueCell::Token { text, .. } => text.clone(),
                    ValueCell::Blank { .. } => String::new(),
                };
                let cells = identity_cells(&spec);
                let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                let splits = row_splits(&cells, &digits, ROW_SPLITS);
                match splits.candidates.as_slice() {
                    [only] if !splits.truncated => {
                        put_split(store, &spec, &cell, only, ReadingRule::RunTogetherSplitByRowIdentity);
                        known.insert(read.row, counts_of(store, &spec));
                        // The one split its 总计 allows is the printed one only where the row
                        // misprints no cell: where other rows are printed, the column
                        // identities must confirm it too.
                        if !lone_row {
                            split_by_total.push(read.row);
                        }
                    }
                    [] if !splits.truncated => store.miss_row(
                        &spec,
                        &Problem::new(
                            ProblemCode::UnsplittableRun,
                            format!(
                                "row {}: the cells ran together as `{}` and no split satisfies the row's identities (总计 the sum of the six applicant columns)",
                                spec.label,
                                cell.raw()
                            ),
                        )
                        .at(cell.pos(), cell.raw().to_owned()),
                    ),
                    _ => ambiguous.push((read.row, cell, splits)),
                }
            }
            Fit::Mismatch(_)
                if let Some(values) = without_surplus_blanks(&read.values, 7).filter(|values| {
                    read.positional || align::total_agrees(&identity_cells(&spec), values)
                }) =>
            {
                store.put_row(&spec, &values, &[ReadingRule::SurplusBlankCellsDropped]);
                known.insert(read.row, counts_of(store, &spec));
            }
            Fit::Mismatch(n) => match align::place_by_columns(&chosen, index, 7, display) {
                Some(values)
                    if align::total_agrees(&identity_cells(&spec), &values) =>
                {
                    store.put_row(&spec, &values, &[ReadingRule::PlacedByColumnPosition]);
                    known.insert(read.row, counts_of(store, &spec));
                }
                Some(_) => store.miss_row(
                    &spec,
                    &Problem::new(
                        ProblemCode::CellCountMismatch,
                        format!(
                            "row {}: found {n} cell(s) where the table has 7; placed by the columns around them, its numbers would not satisfy the row's identities (总计 the sum of the others), so they are left missing",
                            spec.label
                        ),
                    )
                    .at(read.label.pos, read.label.published.clone()),
                ),
                None => match align::blank_in_wide_gap(&read.values, 7, false) {
                    // Confirmed with the rows placed by order, by the identities of its columns.
                    Some(values) if edition == Edition::E2021 => spaced.push(gaps::Assignment {
                        rows: vec![(read.row, values)],
                        whole_lines: true,
                        labelled: true,
                        joined: Vec::new(),
                    }),
                    _ => {
                        // A cell a line, a number short: a blank prints no line. Settled once
                        // every row is read.
                        if read.attached > 1 && n + 1 == spec.columns.len() {
                            one_short.push(OneShort {
                                row: read.row,
                                printed: read.values.clone(),
                                mark: only_mark(read),
                                as_printed: None,
                            });
                        } else if read.attached <= 1 {
                            tall_rows.push(index);
                        }
                        store.miss_row(&spec, &mismatch_problem(&spec, &read.label, n, 7));
                    }
                },
            },
        }
    }
    // Tall rows left unread as printed, read by stacking the pieces of the lines around theirs.
    // The lines of numbers no row labels as they stood, but those a confirmed joining took.
    let piece_lines: Vec<(usize, Vec<ValueCell>)> = unlabelled_lines
        .iter()
        .filter(|(at, _)| !joined_into_rows.contains(at) && !unlabelled_joined.contains(at))
        .cloned()
        .collect();
    let spec_at = |index: usize| chosen.get(index).and_then(|r| app_spec(r.row, edition));
    // Every row of 表三 sums alike: its 总计 is the sum of the six applicant columns.
    let row_total = app_spec(AppRow::NewReceived, edition).map(|s| identity_cells(&s));
    let stacked = tall::stack(&chosen, &tall_rows, &piece_lines, 7, display, |values| {
        row_total
            .as_ref()
            .is_some_and(|cells| align::total_agrees(cells, values))
    });
    for row in stacked {
        let (Some(read), Some(spec)) = (chosen.get(row.index), spec_at(row.index)) else {
            continue;
        };
        store.put_joined(&spec, &row.cells, &[]);
        known.insert(read.row, counts_of(store, &spec));
        // Confirmed, as any row whose wrapped numbers were joined, by the identities across rows.
        wrapped_rows.push(read.row);
        broken_wrapped.retain(|b| b.row != read.row);
        unlabelled.retain(|u| !row.taken.contains(&u.at));
    }
    unlabelled.sort_by_key(|u| u.at);
    // A merged row whose label stood apart from its numbers (a bare label), when no merged row
    // with its numbers was read.
    let merged_slot = merged_bare.filter(|_| merged.is_none());
    if edition == Edition::E2021 {
        // With a merged （六） row the template's three （六） rows are printed as that one row,
        // so no unlabelled row is theirs; R2 reads the merged row's sum in their place. A merged
        // row whose label stands apart is a row of the template's order itself, its numbers an
        // unlabelled row placed there like any other.
        let template: Vec<AppRow> = APP_ROWS
            .iter()
            .filter_map(|(r, _, _)| match r {
                AppRow::NoCorrection if merged_slot.is_some() => Some(AppRow::OtherMerged),
                AppRow::NoCorrection | AppRow::FeeUnpaid | AppRow::OtherOther
                    if merged.is_some() || merged_slot.is_some() =>
                {
                    None
                }
                _ => Some(*r),
            })
            .collect();
        let gaps::Assigned {
            mut assigned,
            mut unassigned,
            broken,
        } = gaps::assign(&chosen, unlabelled.clone(), &template, true);
        for row in &broken {
            if let Some(spec) = app_spec(row.row, edition) {
                store.miss_row(&spec, &broken_placed_problem(&spec));
            }
        }
        broken_wrapped.extend(broken);
        if merged.is_none()
            && merged_slot.is_none()
            && !has_other_leaves
            && let Some((alternative, rest, counts, values)) =
                merged_unprinted(&chosen, unlabelled, &unassigned, store)
        {
            // The gap over the three （六） rows is two rows short, and read with one merged
            // row in their place, the identities confirm it: the report merges （六）, its
            // label lost with the converter's damage.
            assigned = alternative;
            unassigned = rest;
            merged = Some(Some(counts));
            let read = RowRead {
                row: AppRow::OtherMerged,
                label: Label {
                    pos: values.iter().find_map(ValueCell::pos),
                    ..Label::default()
                },
                values: values.clone(),
                positional: false,
                padded_at_end: false,
                at: 0,
                attached: 0,
                below_bare_label: false,
                marks: Vec::new(),
            };
            merged_to_confirm = Some((
                Fit::Exact(values),
                read,
                vec![ReadingRule::UnlabelledRowPlacedByTemplateOrder],
            ));
        }
        if let Some(bare) = merged_slot {
            // The merged row's numbers are R2's reading of the three rows, used only where R2
            // then holds with the rows placed or read beside them; they are never cells.
            let placed = assigned
                .iter()
                .flat_map(|a| &a.rows)
                .find(|(row, _)| *row == AppRow::OtherMerged);
            let read = match placed {
                Some((_, values)) => RowRead {
                    values: values.clone(),
                    ..bare.clone()
                },
                None => bare.clone(),
            };
            let fitted = fit(read.values.clone(), 7, read.padded_at_end);
            merged = Some(merged_counts(&fitted));
            // Placed by order: its cells count once the identities confirm them.
            merged_to_confirm = Some((
                fitted,
                read,
                vec![ReadingRule::UnlabelledRowPlacedByTemplateOrder],
            ));
        }
        assigned.append(&mut spaced);
        wrapped_rows.extend(gaps::choose_broken_joinings(
            (&broken_wrapped, &wrapped_rows),
            &assigned,
            |r| app_spec(r, edition),
            store,
            merged.flatten().as_ref(),
        ));
        gaps::confirm(
            assigned,
            |r| app_spec(r, edition),
            store,
            merged.flatten().as_ref(),
        );
        gaps::explain_unassigned(&unassigned, |r| app_spec(r, edition), store, problems);
    } else {
        wrapped_rows.extend(gaps::choose_broken_joinings(
            (&broken_wrapped, &wrapped_rows),
            &[],
            |r| app_spec(r, edition),
            store,
            merged.flatten().as_ref(),
        ));
        for orphan in &unlabelled {
            problems.push(unrecognised(&orphan.segment, "表三"));
        }
    }
    let mut merged_counts = merged.flatten();
    resolve_ambiguous(ambiguous, &mut known, edition, store);
    // A table printed a cell a line, every row read from the lines right after its own label
    // (a merged （六） row standing for its three), one of them a number short: the identities
    // across rows place that row's numbers, or confirm nothing.
    let after_label =
        |row: &AppRow| apart.contains(row) || one_short.iter().any(|short| short.row == *row);
    let merged_after_label = merged_to_confirm
        .as_ref()
        .is_some_and(|(_, read, _)| read.attached > 1);
    let every_row_after_label = (merged.is_none() || merged_after_label)
        && edition == Edition::E2021
        && APP_ROWS
            .iter()
            .filter(|(row, _, _)| app_spec(*row, edition).is_some())
            .filter(|(row, _, _)| merged.is_none() || !OTHER_ROWS.contains(row))
            .all(|(row, _, _)| after_label(row));
    // The identities confirmed every merged cell with the rows one short placed.
    let mut merged_confirmed = false;
    // Each row one number short: its spec, whether it is the merged （六） row, and how it was
    // read.
    let merged_read = merged_short.map(|printed| OneShort {
        row: AppRow::OtherMerged,
        printed,
        mark: None,
        as_printed: None,
    });
    let shorts: Vec<(RowSpec, bool, &OneShort)> = one_short
        .iter()
        .filter_map(|short| app_spec(short.row, edition).map(|spec| (spec, false, short)))
        .chain(
            merged_read
                .iter()
                .map(|short| (other_merged(), true, short)),
        )
        .collect();
    let other_rows = match (&merged_read, &merged_counts) {
        (Some(_), _) => Some(gaps::OtherRows::MergedShort),
        (None, Some(counts)) => Some(gaps::OtherRows::Merged(counts)),
        (None, None) => merged.is_none().then_some(gaps::OtherRows::Three),
    };
    let placed = match other_rows {
        Some(other_rows)
            if every_row_after_label
                && shorts.len() == one_short.len() + usize::from(merged_read.is_some()) =>
        {
            let rows: Vec<gaps::ShortRow> = shorts
                .iter()
                .map(|(spec, merged_row, short)| gaps::ShortRow {
                    cells: one_short_cells(spec, *merged_row),
                    printed: &short.printed,
                    mark: short.mark.as_ref(),
                })
                .collect();
            gaps::short_rows(&rows, store, other_rows)
        }
        _ => None,
    };
    let one_short_placed = placed.is_some();
    for ((spec, merged_row, short), cells) in shorts.iter().zip(placed.iter().flatten()) {
        if let Some(printed) = &short.as_printed {
            // Only the cells the row as printed reads alike.
            let agreed: Vec<Option<ValueCell>> = cells
                .iter()
                .zip(printed)
                .map(|(cell, printed)| cell.clone().filter(|c| same_value(c, printed)))
                .collect();
            place_one_short_row(spec, &agreed, store);
            for ((column, cell), agreed) in spec.columns.iter().zip(cells).zip(&agreed) {
                if cell.is_some() && agreed.is_none() {
                    store.explain(
                        format!("{}/{}", spec.path, column.name),
                        page_number_beside_mark(spec, printed, &Label::default()),
                    );
                }
            }
        } else if *merged_row {
            merged_counts = Some(place_merged_one_short(
                cells,
                merged_to_confirm.take(),
                store,
                problems,
            ));
        } else {
            place_one_short_row(spec, cells, store);
            merged_confirmed = merged_counts.is_some();
        }
    }
    // A row whose last number may be a page number beside a blank mark: no later reading of the
    // table places the cells its readings leave missing.
    for short in one_short.iter().filter(|short| short.as_printed.is_some()) {
        if let Some(spec) = app_spec(short.row, edition) {
            for column in spec.columns {
                let pointer = format!("{}/{}", spec.path, column.name);
                if !store.filled.contains_key(&pointer) {
                    store.undecided.insert(pointer);
                }
            }
        }
    }
    if one_short_placed {
        // Every identity of 表三 holds with the rows as read: they are confirmed.
        apart.clear();
    } else if every_row_after_label
        && one_short.is_empty()
        && (merged.is_none() || merged_counts.is_some())
        && !labels_below
        && gaps::misprints_explain(
            store,
            &application_cells(),
            merged_counts.as_ref(),
            CELL_A_LINE_MISPRINTS,
        )
    {
        // Each row's numbers are the lines right after its own label, as many as its cells: no
        // number stands in another row's place, so identities that cells the report misprints
        // break are the report's, and reported. But for a 总计 that may be a page number after
        // a row whose blank printed no line, where the report prints its page numbers bare.
        for row in &apart {
            let Some(spec) = app_spec(*row, edition) else {
                continue;
            };
            let cells: Vec<String> = spec
                .columns
                .iter()
                .map(|c| format!("{}/{}", spec.path, c.name))
                .collect();
            let Some(total) = cells.last() else {
                continue;
            };
            if bare_pages.any()
                && gaps::row_may_hold_page_number(
                    store,
                    (&cells, total),
                    merged_counts.as_ref(),
                    bare_pages,
                )
            {
                let raw = store
                    .filled
                    .get(total)
                    .map(|f| f.raw.clone())
                    .unwrap_or_default();
                let problem = Problem::new(
                    ProblemCode::UnlabelledRowsUnconfirmed,
                    format!(
                        "row {}: printed a cell a line, it breaks the identities as a misprinted cell would, and its last number `{raw}` stands alone before the next row's label, as a page number does after a row whose blank cell printed no line: which is printed is not decided, so its cells are left missing",
                        spec.label
                    ),
                );
                for pointer in &cells {
                    store.filled.remove(pointer);
                    store.explain(pointer.clone(), problem.clone());
                }
            }
        }
        apart.clear();
    }
    gaps::confirm_apart(
        &apart,
        "its numbers stand on several lines apart from its label",
        |r| app_spec(r, edition),
        store,
        merged_counts.as_ref(),
    );
    gaps::confirm_wrapped(
        &wrapped_rows,
        |r| app_spec(r, edition),
        store,
        merged_counts.as_ref(),
    );
    gaps::confirm_apart(
        &split_by_total,
        "its cells ran together and were split as the row's 总计 alone allows, which a row misprinting a cell does not show",
        |r| app_spec(r, edition),
        store,
        merged_counts.as_ref(),
    );
    if let Some((fitted, read, read_by)) = merged_to_confirm {
        // A column counts where every identity reading its three （六） rows, through the merged
        // row's sums, holds: R2 then says the three rows sum to the merged cell.
        let confirmed: Vec<bool> = APPLICANT_COLUMNS
            .iter()
            .map(|column| {
                if merged_confirmed {
                    return true;
                }
                let cells = other_column_cells(column.name);
                merged_counts
                    .as_ref()
                    .is_some_and(|counts| gaps::unconfirmed(store, &cells, Some(counts)).is_none())
            })
            .collect();
        // A column R2 breaks is not confirmed, yet its merged cell is the figure the row prints
        // where the identities that fail over the whole table are the few cells a report
        // misprints, each witnessed twice (as rows placed by order are kept), not numbers that
        // are another row's: it then stands as the printed sum of the column's three rows, and
        // a 0 there is 0 in each of them, as in a confirmed column.
        let misprinted = merged_counts.as_ref().is_some_and(|counts| {
            confirmed.contains(&false)
                && gaps::misprints_explain(
                    store,
                    &application_cells(),
                    Some(counts),
                    MERGED_ROW_MISPRINTS,
                )
        });
        // Only where that 0 is no misprint of any explanation: a 0 the report misprints for a
        // count breaks the column's R2 and the merged row's own 总计 alike.
        let zero_held = |k: usize, column: &str| {
            merged_counts
                .as_ref()
                .and_then(|counts| counts.get(k).copied().flatten())
                == Some(0)
                && other_column_cells(column).first().is_some_and(|stand_in| {
                    !gaps::misprint_may_be(
                        store,
                        &application_cells(),
                        merged_counts.as_ref(),
                        MERGED_ROW_MISPRINTS,
                        stand_in,
                    )
                })
        };
        let settled: Vec<bool> = confirmed
            .iter()
            .zip(APPLICANT_COLUMNS.iter())
            .enumerate()
            .map(|(k, (confirmed, column))| *confirmed || (misprinted && zero_held(k, column.name)))
            .collect();
        report_merged_other((&fitted, &read_by), &read, &settled, store, problems);
        if misprinted {
            let unsettled: Vec<bool> = settled.iter().map(|c| !c).collect();
            crate::merged::record_sums(&merged_cells(&fitted, &unsettled), store);
        }
    }
    found
}

/// The cells of `column` (its key) in the three 2021 （六） rows.
fn other_column_cells(column: &str) -> Vec<String> {
    OTHER_ROWS
        .iter()
        .filter_map(|r| crate::template::app_path(*r))
        .map(|path| format!("{path}/{column}"))
        .collect()
}

/// Why a row of 表三 placed by the template's order, its numbers wrapped in narrow cells
/// breaking its 总计 however joined, is missing where no one joining is confirmed.
fn broken_placed_problem(spec: &RowSpec) -> Problem {
    Problem::new(
        ProblemCode::UnlabelledRowsUnconfirmed,
        format!(
            "row {}: numbers without a label stand where the template has it, wrapped in narrow cells, and no joining of them satisfies its 总计; no one joining is confirmed by the identities across rows (its columns' R1 and R2) with the table's other rows, so its cells are left missing",
            spec.label
        ),
    )
}

/// A row of 表三 printed a cell a line after its label, one number short.
struct OneShort {
    row: AppRow,
    /// Its numbers.
    printed: Vec<ValueCell>,
    /// The one blank mark alone on a line among its numbers, and how many stand before it: its
    /// blank.
    mark: Option<(usize, ValueCell)>,
    /// The row as printed, with a number more, where its last may be a page number: its cells
    /// are taken only where both readings agree.
    as_printed: Option<Vec<ValueCell>>,
}

/// The one blank mark alone on a line among a row's numbers, where there is one.
fn only_mark(read: &RowRead<AppRow>) -> Option<(usize, ValueCell)> {
    match read.marks.as_slice() {
        [mark] => Some(mark.clone()),
        _ => None,
    }
}

/// The cells of a row printed a cell a line one number short, as [`gaps::short_rows`] places
/// them: each read, the blank the publisher's (`cell-blank`), and the cells among which the
/// blank may be any left missing with why.
fn place_one_short_row(spec: &RowSpec, cells: &[Option<ValueCell>], store: &mut CellStore) {
    for (k, (column, cell)) in spec.columns.iter().zip(cells).enumerate() {
        let pointer = format!("{}/{}", spec.path, column.name);
        store.missing.remove(&pointer);
        match cell {
            Some(cell) => {
                let one = RowSpec {
                    path: spec.path,
                    label: spec.label,
                    columns: spec.columns.get(k..=k).unwrap_or_default(),
                };
                store.put_row(
                    &one,
                    std::slice::from_ref(cell),
                    &[ReadingRule::RowOneShortPlacedByIdentities],
                );
            }
            None => store.explain(pointer, blank_unplaced(spec)),
        }
    }
}

/// Why cells of a row printed a cell a line are missing where a blank mark stands alone among
/// its numbers (`printed`) and its last number may be a page number.
fn page_number_beside_mark(spec: &RowSpec, printed: &[ValueCell], label: &Label) -> Problem {
    let raw = printed.last().map(ValueCell::raw).unwrap_or_default();
    Problem::new(
        ProblemCode::CellCountMismatch,
        format!(
            "row {}: printed a cell a line, a blank mark stands alone among its numbers and its last number `{raw}` stands alone before the next row's label, as a page number printed bare does: the mark may be its blank cell and that number no cell, and the readings differ here, so this is left missing",
            spec.label
        ),
    )
    .at(label.pos, label.published.clone())
}

/// Why cells of a row one number short are missing where the placings of its blank that the
/// identities keep differ on them.
fn blank_unplaced(spec: &RowSpec) -> Problem {
    Problem::new(
        ProblemCode::CellCountMismatch,
        format!(
            "row {}: printed a cell a line, one number short of its {} cells (a cell left blank prints no line); the identities across rows confirm the row, but they allow its blank in more than one of these cells (a blank among equal cells), so they are left missing",
            spec.label,
            spec.columns.len()
        ),
    )
}

/// The cells [`gaps::short_rows`] places for the row `spec`: a merged （六） row's are those of
/// the first of its three rows, which stand for it.
fn one_short_cells(spec: &RowSpec, merged_row: bool) -> Vec<String> {
    spec.columns
        .iter()
        .map(|c| match merged_row {
            true => format!("{}/no_correction/{}", spec.path, c.name),
            false => format!("{}/{}", spec.path, c.name),
        })
        .collect()
}

/// A merged （六） row printed a cell a line one number short, its cells as
/// [`gaps::short_rows`] places them: settled as a merged row read whole
/// ([`crate::merged::settle`]), the blank the publisher's and the cells among which the blank
/// may be any left missing with why. Its counts, by applicant column.
fn place_merged_one_short(
    cells: &[Option<ValueCell>],
    read: Option<(Fit, RowRead<AppRow>, Vec<ReadingRule>)>,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> gaps::MergedOther {
    let (label, printed, mut read_by) = match read {
        Some((_, read, read_by)) => (
            Some(read.label),
            read.values
                .iter()
                .map(ValueCell::raw)
                .collect::<Vec<_>>()
                .join(" "),
            read_by,
        ),
        None => (None, String::new(), Vec::new()),
    };
    read_by.push(ReadingRule::RowOneShortPlacedByIdentities);
    let merged: Vec<Option<MergedCell>> = cells
        .iter()
        .map(|c| c.as_ref().and_then(merged_cell))
        .collect();
    let spec = other_merged();
    let (pos, published) = label.map_or((None, String::new()), |l| (l.pos, l.published));
    crate::merged::settle(
        &merged,
        (&printed, &read_by),
        (pos, format!("{published} {printed}")),
        store,
        problems,
    );
    for (column, cell) in APPLICANT_COLUMNS.iter().zip(cells) {
        let problem = match cell {
            Some(ValueCell::Token { .. }) => continue,
            Some(ValueCell::Blank { .. }) => Problem::new(
                ProblemCode::CellBlank,
                format!(
                    "{} › {} is blank in the report (printed a cell a line, the row is one number short, and the identities across rows place the blank here); a blank is missing, not 0",
                    spec.label, column.label
                ),
            ),
            None => blank_unplaced(&spec),
        };
        for path in OTHER_ROWS
            .iter()
            .filter_map(|r| crate::template::app_path(*r))
        {
            store.explain(format!("{path}/{}", column.name), problem.clone());
        }
    }
    std::array::from_fn(|k| merged.get(k).cloned().flatten().map(|cell| cell.value))
}

/// Cells of 表三 a report may misprint, at most, for rows printed a cell a line, each read from
/// the lines right after its own label, to stand as printed where the identities fail.
const CELL_A_LINE_MISPRINTS: usize = 2;

/// Cells of 表三 a report may misprint, at most, for a merged （六） row's cells to stand as
/// printed where the identities fail: as many as for rows placed by order.
const MERGED_ROW_MISPRINTS: usize = 3;

/// Every cell of the 2021 表三 but those of the second and third （六） rows: with a merged row,
/// the first row's cells stand for it ([`gaps::misprints_explain`]), its R3 the merged row's.
fn application_cells() -> Vec<String> {
    APP_ROWS
        .iter()
        .filter(|(row, _, _)| !matches!(row, AppRow::FeeUnpaid | AppRow::OtherOther))
        .flat_map(|(_, path, _)| {
            APPLICANT_COLUMNS
                .iter()
                .map(move |c| format!("{path}/{}", c.name))
        })
        .collect()
}

/// The three （六） rows of the 2021 template.
const OTHER_ROWS: [AppRow; 3] = [AppRow::NoCorrection, AppRow::FeeUnpaid, AppRow::OtherOther];

/// A reading of 表三 with one merged （六） row: the assignments, the gaps left unassigned, the
/// merged row's counts and its cells.
type MergedReading = (
    Vec<gaps::Assignment>,
    Vec<gaps::Unassigned>,
    gaps::MergedOther,
    Vec<ValueCell>,
);

/// The assignment of the unlabelled rows with one merged （六） row in place of the three 2021
/// rows, when a gap over those three rows holds two unlabelled rows too few for them (the merged
/// row printed without its label) and the identities, R2 reading the merged row's sums, confirm
/// every row then placed in that gap; `None` leaves the 2021 reading as it was.
fn merged_unprinted(
    chosen: &[RowRead<AppRow>],
    unlabelled: Vec<gaps::Unlabelled>,
    unassigned: &[gaps::Unassigned],
    store: &CellStore,
) -> Option<MergedReading> {
    let two_short = unassigned.iter().any(|gap| {
        OTHER_ROWS.iter().all(|r| gap.rows.contains(r)) && gap.orphans.len() + 2 == gap.rows.len()
    });
    if !two_short {
        return None;
    }
    let template: Vec<AppRow> = APP_ROWS
        .iter()
        .filter_map(|(r, _, _)| match r {
            AppRow::NoCorrection => Some(AppRow::OtherMerged),
            AppRow::FeeUnpaid | AppRow::OtherOther => None,
            _ => Some(*r),
        })
        .collect();
    let gaps::Assigned {
        assigned,
        unassigned: rest,
        ..
    } = gaps::assign(chosen, unlabelled, &template, false);
    let with_merged = assigned
        .iter()
        .find(|a| a.rows.iter().any(|(r, _)| *r == AppRow::OtherMerged))?;
    let values = with_merged
        .rows
        .iter()
        .find(|(r, _)| *r == AppRow::OtherMerged)
        .map(|(_, v)| v.clone())?;
    let counts = merged_counts(&Fit::Exact(values.clone()))?;
    let mut trial = store.clone();
    gaps::confirm(
        assigned.clone(),
        |r| app_spec(r, Edition::E2021),
        &mut trial,
        Some(&counts),
    );
    let confirmed = with_merged
        .rows
        .iter()
        .filter_map(|(r, _)| app_spec(*r, Edition::E2021))
        .all(|spec| {
            spec.columns.iter().all(|c| {
                trial
                    .filled
                    .contains_key(&format!("{}/{}", spec.path, c.name))
            })
        });
    confirmed.then_some((assigned, rest, counts, values))
}

fn counts_of(store: &CellStore, spec: &RowSpec) -> Counts {
    let mut counts = [None; 7];
    // One pointer buffer for the row: its path, then each column's name in turn.
    let mut pointer = format!("{}/", spec.path);
    let row = pointer.len();
    for (slot, column) in counts.iter_mut().zip(spec.columns) {
        pointer.truncate(row);
        pointer.push_str(column.name);
        *slot = store.filled.get(&pointer).and_then(|f| f.value.as_u64());
    }
    counts
}

fn put_split(
    store: &mut CellStore,
    spec: &RowSpec,
    cell: &ValueCell,
    parts: &[u64],
    rule: ReadingRule,
) {
    let ValueCell::Token { raw, pos, .. } = cell else {
        return;
    };
    let mut offset: u32 = 0;
    for (column, value) in spec.columns.iter().zip(parts) {
        let digits = value.to_string();
        let width = u32::try_from(digits.len()).unwrap_or(u32::MAX);
        let part_pos = SourcePos {
            line: pos.line,
            column: pos.column.saturating_add(offset),
        };
        offset = offset.saturating_add(width);
        store.fill(
            format!("{}/{}", spec.path, column.name),
            Filled {
                value: Value::from(*value),
                pos: part_pos,
                raw: format!("{digits} (of `{raw}`)"),
                rules: vec![rule],
            },
        );
    }
}

/// Decides run-together rows that the row identity left open, by the other identities of the
/// catalogue reading them (一 + 二 = （七） + 四; （七） = the sum of the result rows), where the
/// other rows are known. A row whose splits satisfying its 总计 are more than were enumerated is
/// not decided so: the one enumerated split that the other rows confirm need not be the only one.
fn resolve_ambiguous(
    mut open: Vec<(AppRow, ValueCell, Splits)>,
    known: &mut HashMap<AppRow, Counts>,
    edition: Edition,
    store: &mut CellStore,
) {
    // Nearly every report has no row left open: do not build the known cells for nothing.
    if open.is_empty() {
        return;
    }
    loop {
        let mut progress = false;
        let mut still_open = Vec::new();
        let values = known_values(known, edition);
        for (row, cell, mut splits) in open {
            if splits.truncated {
                // Cut again with the cells the other rows determine pinned: complete where the
                // first search was not.
                if let Some(pinned) = pinned_by_others(row, &cell, edition, &values)
                    .filter(|pinned| !pinned.candidates.is_empty())
                {
                    splits = pinned;
                }
            }
            let verdict = Verdict::of(row, &splits.candidates, edition, &values);
            match (verdict.passing.as_slice(), verdict.checked) {
                ([only], true) if !splits.truncated => {
                    let only = (*only).clone();
                    if let Some(spec) = app_spec(row, edition) {
                        put_split(
                            store,
                            &spec,
                            &cell,
                            &only,
                            ReadingRule::RunTogetherSplitByColumnIdentity,
                        );
                    }
                    let mut counts = [None; 7];
                    for (slot, v) in counts.iter_mut().zip(only.iter()) {
                        *slot = Some(*v);
                    }
                    known.insert(row, counts);
                    progress = true;
                }
                _ => still_open.push((row, cell, splits)),
            }
        }
        open = still_open;
        if !progress || open.is_empty() {
            break;
        }
    }
    let values = known_values(known, edition);
    for (row, cell, splits) in open {
        let Some(spec) = app_spec(row, edition) else {
            continue;
        };
        let verdict = Verdict::of(row, &splits.candidates, edition, &values);
        let all: Vec<&Vec<u64>> = splits.candidates.iter().collect();
        let why = if splits.truncated {
            format!(
                "the splits that satisfy the row's 总计 are more than were searched (e.g. {}), so none is taken",
                solve::shown(&all)
            )
        } else if !verdict.checked {
            format!(
                "{} of its splits satisfy the row's 总计 (e.g. {}), and the identities across rows that would decide between them or confirm one (一 + 二 = （七） + 四, （七） = the sum of the results) cannot be evaluated, a row they read being unread, so none is taken",
                all.len(),
                solve::shown(&all)
            )
        } else if verdict.passing.is_empty() {
            format!(
                "its splits that satisfy the row's 总计 (e.g. {}) each break an identity across rows (一 + 二 = （七） + 四, （七） = the sum of the results): the report breaks one, or its digits were misread, so none is taken",
                solve::shown(&all)
            )
        } else {
            format!(
                "{} of its splits satisfy the row's 总计 and the identities across rows that can be evaluated (e.g. {}), so none is taken",
                verdict.passing.len(),
                solve::shown(&verdict.passing)
            )
        };
        store.miss_row(
            &spec,
            &Problem::new(
                ProblemCode::AmbiguousSplit,
                format!(
                    "row {}: the cells ran together as `{}`; {why}",
                    spec.label,
                    cell.raw()
                ),
            )
            .at(cell.pos(), cell.raw().to_owned()),
        );
    }
}

/// Most splits of a run-together row kept for the identities across rows to decide between.
const ROW_SPLITS: usize = 32;
/// Most splits of a run-together row with pinned cells enumerated before its 总计 filters them.
const PINNED_SPLITS: usize = 64;

/// The splits of a run-together row with each cell that an identity across rows determines
/// from the `known` cells pinned to that value, those satisfying the row's own identities (its
/// 总计); `None` where no cell is so determined.
fn pinned_by_others(
    row: AppRow,
    cell: &ValueCell,
    edition: Edition,
    known: &HashMap<String, u64>,
) -> Option<Splits> {
    let ValueCell::Token { text, .. } = cell else {
        return None;
    };
    let cells = identity_cells(&app_spec(row, edition)?);
    let identities = solve::identities();
    let own = |c: &str| cells.iter().any(|own| own == c);
    let pins: Vec<Option<u64>> = cells
        .iter()
        .map(|target| {
            identities.iter().find_map(|identity| {
                let other_rows_value = |c: &str| {
                    if own(c) { None } else { known.get(c).copied() }
                };
                identity.required(target, other_rows_value).flatten()
            })
        })
        .collect();
    if pins.iter().all(Option::is_none) {
        return None;
    }
    let mut budget = crate::split::Budget::new(solve::RUN_STEPS);
    let mut splits = crate::split::pinned_splits(text, &pins, PINNED_SPLITS, &mut budget);
    // The row's own identities (its 总计) hold in the splits kept.
    let local: Vec<&solve::Identity> = identities
        .iter()
        .filter(|i| i.lhs.iter().chain(&i.rhs).all(|c| own(c)))
        .collect();
    splits.candidates.retain(|candidate| {
        let value = |c: &str| candidates_value(&cells, candidate, c);
        local.iter().all(|i| i.holds(value) == Some(true))
    });
    Some(splits)
}

/// The value a candidate split gives the row's cell `cell`.
fn candidates_value(cells: &[String], candidate: &[u64], cell: &str) -> Option<u64> {
    let at = cells.iter().position(|c| c == cell)?;
    candidate.get(at).copied()
}

/// How a row's candidate splits fare against the identities across rows.
struct Verdict<'c> {
    /// The candidates every identity that can be evaluated holds for.
    passing: Vec<&'c Vec<u64>>,
    /// Whether any identity across rows could be evaluated.
    checked: bool,
}

impl<'c> Verdict<'c> {
    fn of(
        row: AppRow,
        candidates: &'c [Vec<u64>],
        edition: Edition,
        known: &HashMap<String, u64>,
    ) -> Self {
        let cells = app_spec(row, edition)
            .map(|spec| identity_cells(&spec))
            .unwrap_or_default();
        let verdicts: Vec<(bool, bool)> = candidates
            .iter()
            .map(|c| consistent(&cells, c, known))
            .collect();
        Verdict {
            passing: candidates
                .iter()
                .zip(&verdicts)
                .filter(|(_, (ok, _))| *ok)
                .map(|(c, _)| c)
                .collect(),
            checked: verdicts.iter().any(|(_, checked)| *checked),
        }
    }
}

/// The cells of a row as the catalogue's identities name them. The 2019 format's single （六）
/// row stands for the sum of the 2021 format's three: it is read as the first of them.
fn identity_cells(spec: &RowSpec) -> Vec<String> {
    let merged = other_merged().path;
    // The 2021 row a 2019 merged （六） row is read as; the other two count 0 beside it.
    let path = if spec.path == merged {
        format!("{merged}/no_correction")
    } else {
        spec.path.to_owned()
    };
    spec.columns
        .iter()
        .map(|c| format!("{path}/{}", c.name))
        .collect()
}

/// The known rows' cells by pointer, as the identities name them.
fn known_values(known: &HashMap<AppRow, Counts>, edition: Edition) -> HashMap<String, u64> {
    let mut values = HashMap::new();
    for (row, counts) in known {
        let Some(spec) = app_spec(*row, edition) else {
            continue;
        };
        for (cell, count) in identity_cells(&spec).into_iter().zip(counts) {
            if let Some(count) = count {
                values.insert(cell, *count);
            }
        }
        if *row == AppRow::OtherMerged {
            for column in spec.columns {
                for rest in ["fee_unpaid", "other"] {
                    values.insert(format!("{}/{rest}/{}", other_merged().path, column.name), 0);
                }
            }
        }
    }
    values
}

/// Whether a candidate split of a row (its `cells`) agrees with every identity reading it and
/// cells of other rows, where those are `known`: (agrees, whether any such identity could be
/// evaluated).
fn consistent(cells: &[String], candidate: &[u64], known: &HashMap<String, u64>) -> (bool, bool) {
    let mut checked = false;
    let value = |cell: &str| match cells.iter().position(|c| c == cell) {
        Some(at) => candidate.get(at).copied(),
        None => known.get(cell).copied(),
    };
    for identity in solve::identities().iter() {
        let reads_row = cells.iter().any(|c| identity.reads(c));
        let reads_others = identity
            .lhs
            .iter()
            .chain(&identity.rhs)
            .any(|c| !cells.iter().any(|own| own == c));
        if !reads_row || !reads_others {
            continue;
        }
        match identity.holds(value) {
            Some(true) => checked = true,
            Some(false) => return (false, true),
            None => {}
        }
    }
    (true, checked)
}

/// The 2021 format has three （六） rows; a report with the single 2019 row leaves them missing,
/// quoting the merged figures.
/// The counts of a merged （六） row, by applicant column; `None` when its cells do not fit.
fn merged_counts(fitted: &Fit) -> Option<gaps::MergedOther> {
    let Fit::Exact(values) = fitted else {
        return None;
    };
    let mut counts = [None; 7];
    for (slot, value) in counts.iter_mut().zip(values) {
        if let ValueCell::Token { text, raw, .. } = value {
            *slot = crate::number::read_count(text, raw).ok().map(|(v, _)| v);
        }
    }
    Some(counts)
}

/// Reports a merged （六） row, read by the rules `read_by`, through [`crate::merged::settle`]:
/// its cells count only in the columns the identities `confirmed`, and there its columns
/// printing 0 place 0 in the three rows.
fn report_merged_other(
    (fitted, read_by): (&Fit, &[ReadingRule]),
    read: &RowRead<AppRow>,
    confirmed: &[bool],
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) {
    let label = &read.label;
    let published_row: String = std::iter::once(label.published.as_str())
        .chain(read.values.iter().map(ValueCell::raw))
        .collect::<Vec<_>>()
        .join(" ");
    let quoted = match fitted {
        Fit::Exact(values) => APPLICANT_COLUMNS
            .iter()
            .zip(values)
            .map(|(c, v)| {
                format!(
                    "{} {}",
                    c.label,
                    if v.raw().is_empty() {
                        "(blank)"
                    } else {
                        v.raw()
                    }
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
        Fit::RunTogether(cell) => cell.raw().to_owned(),
        Fit::Mismatch(n) => format!("{n} cells"),
    };
    let cells = merged_cells(fitted, confirmed);
    crate::merged::settle(
        &cells,
        (&quoted, read_by),
        (label.pos, published_row),
        store,
        problems,
    );
}

/// The cells of a merged （六） row, by applicant column, where `kept`; `None` elsewhere.
fn merged_cells(fitted: &Fit, kept: &[bool]) -> Vec<Option<MergedCell>> {
    match fitted {
        Fit::Exact(values) => values
            .iter()
            .zip(kept)
            .map(|(value, kept)| kept.then(|| merged_cell(value)).flatten())
            .collect(),
        _ => Vec::new(),
    }
}

/// A merged （六） row's cell as printed: its count where it prints one.
fn merged_cell(cell: &ValueCell) -> Option<MergedCell> {
    match cell {
        ValueCell::Token { text, raw, pos } => {
            crate::number::read_count(text, raw)
                .ok()
                .map(|(value, _)| MergedCell {
                    value,
                    pos: *pos,
                    raw: raw.clone(),
                })
        }
        ValueCell::Blank { .. } => None,
    }
}

/// Reads 表四 into the store: one row of 15 numbers (possibly one per line), or three labelled
/// rows of five. When the section holds more numbers than the table (a note under it), the first
/// unbroken run of exactly 15 is the table. 15 numbers in several blocks between labels (a PDF
/// text dump) are read as `review_blocks` orders them, or (more blocks than it tries) in order.
pub(crate) fn read_review(
    segments: Vec<Segment>,
    bare_pages: &BarePages,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) -> bool {
    let mut runs: Vec<Block> = vec![Block::default()];
    let mut groups: [Option<Vec<ValueCell>>; 3] = [None, None, None];
    let mut first_label: Option<Label> = None;
    // The outcome headings printed between the table's numbers (a column dump), torn over
    // lines or not: printed out of the table's order, they carry their numbers out of order too.
    let mut headings: Vec<usize> = Vec::new();
    let mut between = String::new();
    let mut numbers_seen = false;
    // The table rows (segments without a label) whose cells the runs hold, and whether every
    // one is a row of a table that prints all its columns.
    let (mut table_rows, mut all_positional) = (0usize, true);
    // Whether a table row holding more than one value, or printed by position, fed the runs:
    // otherwise its numbers stand a cell a line, where a page number looks like a cell.
    let mut rows_of_cells = false;
    // How many numbers each table row that fed the runs holds.
    let mut numbers_a_row: Vec<usize> = Vec::new();
    for segment in segments {
        if let Some(label) = &segment.label {
            between.extend(label.joined().split_whitespace());
        }
        // A block starting here stands right after a 总计 heading (`总计 | 351`).
        let after_total_heading = between.ends_with("总计");
        if segment.has_number() {
            if numbers_seen {
                headings.extend(outcome_headings(&between));
            }
            between.clear();
            numbers_seen = true;
        }
        let Some(label) = &segment.label else {
            if (segment.has_number()
                || (segment.positional && segment.values.len() >= 5)
                || is_blank_mark_alone(&segment))
                && let Some(run) = runs.last_mut()
            {
                if run.cells.is_empty() {
                    run.after_total_heading = after_total_heading;
                }
                table_rows += 1;
                numbers_a_row.push(segment.values.len());
                all_positional &= segment.positional;
                rows_of_cells |= segment.positional || segment.values.len() > 1;
                run.cells.extend(segment.values);
            }
            continue;
        };
        if first_label.is_none() {
            first_label = Some(label.clone());
        }
        if let Some(g) = recognise_review_group(&label.joined())
            && segment.has_number()
            && let Fit::Exact(values) = fit(segment.values.clone(), 5, segment.padded_at_end)
            && let Some(slot) = groups.get_mut(g)
        {
            slot.get_or_insert(values);
            continue;
        }
        // A label ends the run of numbers before it; numbers behind a label are a run of their own.
        if segment.has_number() {
            runs.push(Block {
                cells: segment.values,
                after_total_heading,
            });
        }
        runs.push(Block::default());
    }
    runs.retain(|r| !r.cells.is_empty());
    // A number alone among the headings, in a report that prints its page numbers bare, may be
    // the page number where the table's headings cross pages: it is no block of the table's
    // cells (else the run after it, a cell a line, is not checked for one beside it).
    if runs.len() > 1 && bare_pages.any() {
        let before = runs.len();
        runs.retain(
            |run| !matches!(run.cells.as_slice(), [cell] if may_be_page_number(cell, bare_pages)),
        );
        table_rows -= before - runs.len();
    }
    if runs.is_empty() && groups.iter().all(Option::is_none) {
        return false;
    }
    let all: Vec<ValueCell> = runs.iter().flat_map(|r| r.cells.clone()).collect();
    let total_count = all.len();
    let pieces = runs.len();
    // One run printed a cell a line: a page number at either end of it is read as a cell.
    let paged = (pieces == 1 && table_rows == total_count && !rows_of_cells)
        .then(|| review_pages::read(&all, &review_cells(), bare_pages))
        .flatten();
    // A column a converter added in each group's row (`| 351 | | 13 |`): read without it where
    // the row is one row of a table printing every column (its 15 numbers fill the 15 cells, so
    // no blank can be the publisher's), or else where R4 holds in every group (numbers gathered
    // over lines may hold a stray one).
    let one_table_row = runs.len() == 1 && table_rows == 1 && all_positional;
    let surplus_dropped = without_surplus_blanks(&all, 15)
        .filter(|values| one_table_row || align::total_agrees(&review_cells(), values));
    let (table, apart) = match fit(all, 15, false) {
        Fit::Exact(values) => (Some(values), pieces > 1),
        _ => (
            runs.iter()
                .find_map(|run| match fit(run.cells.clone(), 15, false) {
                    Fit::Exact(values) => Some(values),
                    _ => None,
                }),
            false,
        ),
    };
    if let Some(values) = table {
        // Each group's headings start again at 结果维持, and a dump prints the 总计 heading again
        // before a total it moved; any other step back is out of order.
        let in_order = headings
            .windows(2)
            .all(|w| w[0] < w[1] || w[1] == 0 || w[1] == 4);
        let reordered = if apart && in_order {
            review_blocks::read_blocks(&runs)
        } else {
            None
        };
        match reordered {
            Some(read) => place_review_blocks(read, pieces, store),
            None if let Some(read) = paged => place_paged_review(&read, store),
            // One run on lines of one number and of several (`18 7`, then `0`, then `11 3`),
            // none placed by position: a converter's reading order of a table whose cells it
            // ran together across columns and rows (`pdftotext` without `-layout`), now and then
            // not the table's (`1` and `3` of the second group moved after the third's). Where
            // R4 fails in the order printed and holds in every group with a stretch of the
            // numbers moved elsewhere, a cell out of its place and the report's misprint are
            // alike: neither is known.
            None if !apart
                && !all_positional
                && numbers_a_row.contains(&1)
                && numbers_a_row.iter().any(|&n| n > 1)
                && !align::total_agrees(&review_cells(), &values)
                && holds_with_a_stretch_moved(&values) =>
            {
                let why = format!(
                    "表四's {total_count} numbers stand on lines of one and of several, as a converter's reading order runs a table's cells together across its columns and rows, now and then out of the table's order: read in the order printed they break R4, and with a stretch of them moved elsewhere they satisfy it, so a cell out of its place and the report's misprint are alike, and they are left missing"
                );
                let first = values.first();
                let problem = Problem::new(ProblemCode::UnlabelledRowsUnconfirmed, why).at(
                    first.and_then(ValueCell::pos),
                    first.map(ValueCell::raw).unwrap_or_default(),
                );
                for spec in REVIEW_GROUPS.iter() {
                    store.miss_row(spec, &problem);
                }
            }
            None => {
                put_review_groups(&values, &[], store);
                if apart {
                    confirm_review_blocks(pieces, in_order, store);
                }
            }
        }
    } else if groups.iter().any(Option::is_some) {
        for (spec, group) in REVIEW_GROUPS.iter().zip(groups) {
            if let Some(values) = group {
                store.put_row(spec, &values, &[]);
            }
        }
    } else if let Some(read) = {
        let cells = review_cells();
        let cells: Vec<&str> = cells.iter().filter_map(|c| solve::intern(c)).collect();
        // One unbroken run only: numbers in blocks between labels are not in the table's order.
        runs.iter()
            .find_map(|run| {
                wrapped::unwrap_cells(
                    &run.cells,
                    &cells,
                    &solve::identities(),
                    wrapped::WrappedIn::Review,
                )
                .map(|read| read.map_err(|unjoined| unjoined.why))
            })
            .filter(|read| read.is_ok() || paged.is_none())
    } {
        match (read, &paged) {
            // Joined as wrapped numbers, or read without a page number: where both are
            // confirmed and differ, neither is known to be the report's.
            (Ok(joined), Some(read))
                if joined.iter().zip(&read.cells).any(|((cell, _), paged)| {
                    paged.as_ref().is_none_or(|p| !same_value(p, cell))
                }) =>
            {
                place_unwrapped(
                    Err(format!(
                        "its {total_count} numbers, printed a cell a line, are one more than its 15 cells, and both reading them as a number wrapped in its cell and dropping a page number at an end satisfy R4 with different values"
                    )),
                    store,
                );
            }
            (read, _) => place_unwrapped(read, store),
        }
    } else if let Some(read) = paged {
        place_paged_review(&read, store);
    } else if let Some(values) = surplus_dropped {
        put_review_groups(&values, &[ReadingRule::SurplusBlankCellsDropped], store);
    } else {
        let label = first_label.unwrap_or_default();
        for spec in REVIEW_GROUPS.iter() {
            store.miss_row(spec, &mismatch_problem(spec, &label, total_count, 15));
        }
        problems.push(
            Problem::new(
                ProblemCode::CellCountMismatch,
                format!("表四: found {total_count} cell(s) where the table has 15"),
            )
            .at_pointer(crate::sections::Section::Review.pointer()),
        );
    }
    true
}

/// Whether 表四's 15 numbers `values` satisfy R4 in every group with one stretch of them (one
/// number or several in a row) moved to another place in the order: the order a converter may
/// print where it reads a block of the table's cells after the others.
fn holds_with_a_stretch_moved(values: &[ValueCell]) -> bool {
    let cells = review_cells();
    let n = values.len();
    (0..n).any(|start| {
        (1..n - start).any(|len| {
            let stretch = values.get(start..start + len).unwrap_or_default();
            let rest: Vec<&ValueCell> = values
                .iter()
                .take(start)
                .chain(values.iter().skip(start + len))
                .collect();
            (0..=rest.len()).filter(|&to| to != start).any(|to| {
                let moved: Vec<ValueCell> = rest
                    .iter()
                    .take(to)
                    .copied()
                    .chain(stretch)
                    .chain(rest.iter().skip(to).copied())
                    .cloned()
                    .collect();
                align::total_agrees(&cells, &moved)
            })
        })
    })
}

/// 表四 printed a cell a line as [`review_pages::read`] reads it: each cell every reading agrees
/// on, the others missing with why.
fn place_paged_review(read: &review_pages::PageReading, store: &mut CellStore) {
    let why = if read.dropped {
        "表四's numbers, printed a cell a line, are one more than its cells, and the readings that drop a page number at either end, confirmed by R4, differ on this cell"
    } else {
        "表四's numbers, printed a cell a line, break R4 as printed, and read with the number at an end a page number and a cell printed blank (a blank prints no line) they satisfy it: which the report prints is not decided, and the readings differ on this cell"
    };
    let rules: &[ReadingRule] = if read.dropped {
        &[ReadingRule::PageNumberBesideTableDropped]
    } else {
        &[]
    };
    for (one, cell) in review_columns().zip(&read.cells) {
        match cell {
            Some(value) => store.put_row(&one, std::slice::from_ref(value), rules),
            None => store.miss_row(
                &one,
                &Problem::new(ProblemCode::UnlabelledRowsUnconfirmed, why),
            ),
        }
    }
}

/// Whether a cell alone may be a page number printed bare where it stands.
fn may_be_page_number(cell: &ValueCell, bare_pages: &BarePages) -> bool {
    match cell {
        ValueCell::Token { text, raw, pos } => crate::number::read_count(text, raw)
            .is_ok_and(|(value, _)| bare_pages.may_be(pos.line, value)),
        _ => false,
    }
}

/// Whether two cells read the same count (or are both blank).
fn same_value(a: &ValueCell, b: &ValueCell) -> bool {
    let count = |cell: &ValueCell| match cell {
        ValueCell::Token { text, raw, .. } => {
            crate::number::read_count(text, raw).ok().map(|(n, _)| n)
        }
        ValueCell::Blank { .. } => None,
    };
    count(a) == count(b) && a.is_blank() == b.is_blank()
}

/// 表四's 15 cells in the table's order, five to a group, each read under `rules`.
fn put_review_groups(values: &[ValueCell], rules: &[ReadingRule], store: &mut CellStore) {
    for (spec, group) in REVIEW_GROUPS.iter().zip(values.chunks(5)) {
        store.put_row(spec, group, rules);
    }
}

/// The outcome headings of 表四 named whole in `text`, in the order printed.
fn outcome_headings(text: &str) -> Vec<usize> {
    let mut found: Vec<(usize, usize)> = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        .iter()
        .enumerate()
        .flat_map(|(k, h)| text.match_indices(h).map(move |(at, _)| (at, k)))
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(_, k)| k).collect()
}

/// 表四's 15 cells in the table's order, each as a row of one column, to place or miss alone.
fn review_columns() -> impl Iterator<Item = RowSpec> {
    REVIEW_GROUPS.iter().flat_map(|spec| {
        (0..spec.columns.len()).filter_map(move |c| {
            Some(RowSpec {
                path: spec.path,
                label: spec.label,
                columns: spec.columns.get(c..=c)?,
            })
        })
    })
}

/// The 15 pointers of 表四, in the table's order.
fn review_cells() -> Vec<String> {
    REVIEW_GROUPS
        .iter()
        .flat_map(|spec| {
            spec.columns
                .iter()
                .map(move |c| format!("{}/{}", spec.path, c.name))
        })
        .collect()
}

/// 表四's cells as the orders of its blocks place them (`review_blocks`): each agreed cell read,
/// the others missing with why.
fn place_review_blocks(
    read: Result<review_blocks::Agreed, String>,
    pieces: usize,
    store: &mut CellStore,
) {
    let unplaced = |why: &str| {
        Problem::new(
            ProblemCode::UnlabelledRowsUnconfirmed,
            format!(
                "表四: its 15 numbers stand in {pieces} blocks between the headings, out of the table's order; {why}, so it is left missing"
            ),
        )
    };
    let cells = review_cells();
    match read {
        Ok(agreed) => {
            for ((one, pointer), cell) in review_columns().zip(cells).zip(agreed) {
                match cell {
                    Ok(value) => {
                        store.put_row(&one, &[value], &[ReadingRule::ReviewBlocksOrderedByR4]);
                    }
                    Err(why) => store.explain(pointer, unplaced(&why)),
                }
            }
        }
        Err(why) => {
            for pointer in cells {
                store.explain(pointer, unplaced(&why));
            }
        }
    }
}

/// 表四's cells read from numbers wrapped in its narrow cells (`wrapped`): each joined cell
/// under its rule, the others as printed; or every cell missing with why.
/// A 表三 row printing more numbers than its cells, as numbers wrapped in narrow cells print (a
/// Word table exported to PDF prints 46698 as `4669` over `8`; `pdftotext -layout` puts the `8`
/// on the next line, under its cell, beside the rest of the label or on a line of its own, and
/// `-raw` after its first piece): [`join_wrapped`] of its numbers.
///
/// A row whose label is recognised only on its second line (`其他处 逾期未按  1 3` under
/// `（六） 2.申请人  6 112100 0 0 6 0 112101`, the group's label beside the first) holds there
/// the pieces of numbers printed whole on the line above, which no row took
/// ([`numbers_on_the_line_above`]): joined with them, the row's numbers are read so too, and
/// taken from `unlabelled` once read.
fn wrapped_row(
    read: &RowRead<AppRow>,
    spec: &RowSpec,
    table: Wrapping<'_>,
    unlabelled: &mut Vec<gaps::Unlabelled>,
) -> Option<Result<wrapped::Joined, wrapped::Unjoined>> {
    let cells = identity_cells(spec);
    let Some(k) = numbers_on_the_line_above(read, cells.len(), unlabelled) else {
        return join_wrapped(&read.values, read.at, &cells, table, unlabelled);
    };
    let above = unlabelled.get(k)?.clone();
    let mut values = above.segment.values.clone();
    values.extend(read.values.iter().cloned());
    let joined = join_wrapped(&values, above.at, &cells, table, unlabelled)?;
    // `join_wrapped` took the numbers below it only: the line above is now the row's.
    if let Some(k) = unlabelled.iter().position(|u| u.at == above.at) {
        unlabelled.remove(k);
    }
    Some(joined)
}

/// Whether one of `around` (the numbers of lines no row took) may hold pieces of the numbers
/// of the row `values` stand on, where the row prints them one space apart, all on one line, so
/// that no column says which number a piece is under (pdfplumber's `extract_text()`): it stands
/// on the line just above or below (between it and another row's too: no column says whose
/// pieces they are, the bottoms of the row above or the tops of the row below), runs of digits
/// all on one line one space apart, fewer than the row's numbers, two at least unless the row
/// breaks its 总计 (`holds`; a number alone beside a row that holds may be a page's). More than
/// [`MOST_PIECES_BESIDE`], or as many as the row's, they may be a row of their own printing a
/// blank, its label torn from it (`4 0 0 2 68 50 122` over `1.本机关不掌握… 0 3 0 6 0 9 12`):
/// they count only where the row breaks its 总计 (and, as many as the row's, they do too) and
/// every number of both is as narrow as [`NARROW_PIECE`] (the row's line the middles of numbers
/// wrapped in cells a digit or two wide). A tall row of narrow cells prints so, a wrapped
/// number's pieces around its line (`三、 （一）予以公开 1 21 0 0 50 3 1` over `本年 2 3`,
/// `度办 8 6`, `理结 8 2`, for 1288 … 1362); read as printed, it takes a number's piece for the
/// number, its 总计 wrapped alike and as likely to hold.
fn pieces_beside_unaligned<'v>(
    values: &[ValueCell],
    around: impl Iterator<Item = &'v [ValueCell]>,
    holds: impl Fn(&[ValueCell]) -> bool,
) -> bool {
    let Some(first) = values.first().and_then(ValueCell::pos) else {
        return false;
    };
    if !one_space_apart(values) {
        return false;
    }
    let row_holds = holds(values);
    around.into_iter().any(|pieces| {
        let on_line = |line: u32| {
            pieces.iter().all(|p| {
                p.digit_run() == Some(p.raw()) && p.pos().is_some_and(|pos| pos.line == line)
            })
        };
        let beside = pieces
            .first()
            .and_then(ValueCell::pos)
            .is_some_and(|pos| pos.line.abs_diff(first.line) == 1 && on_line(pos.line));
        // A line of numbers with a gap wider than a space, or more than a few of them, is
        // more likely a row of its own printing a blank (`0 0 836 9 0           845`), its
        // label torn from it.
        let narrow = || {
            values.iter().chain(pieces).all(|v| {
                v.digit_run()
                    .is_some_and(|digits| digits.len() <= NARROW_PIECE)
            })
        };
        beside
            && one_space_apart(pieces)
            && (pieces.len() >= 2 || !row_holds)
            && ((pieces.len() <= MOST_PIECES_BESIDE && pieces.len() < values.len())
                || (pieces.len() < values.len() && !row_holds && narrow())
                || (pieces.len() == values.len() && !row_holds && !holds(pieces) && narrow()))
    })
}

/// Most pieces of a row's wrapped numbers on one line beside a row printed one space apart
/// ([`pieces_beside_unaligned`]) that count whether or not the row breaks its 总计: a tall row
/// wraps its widest numbers, most often a count and the 总计 it makes up; more are pieces only
/// beside a row that breaks it (its line the middles of numbers wrapped over lines).
const MOST_PIECES_BESIDE: usize = 4;

/// Most digits of every number of a row printed one space apart and of a line of more than
/// [`MOST_PIECES_BESIDE`] pieces beside it ([`pieces_beside_unaligned`]) for the line to be taken
/// for pieces: cells a digit or two wide wrap every number of three digits or more.
const NARROW_PIECE: usize = 2;

/// The unlabelled numbers (by index into `unlabelled`) standing right before the row `read`, on
/// the line above its numbers, as many as its `columns`, runs of digits all, of a row whose
/// label names no other leaf row; where the row prints fewer numbers than its cells, runs of
/// digits all on one line: the pieces below them of numbers wrapped in narrow cells.
fn numbers_on_the_line_above(
    read: &RowRead<AppRow>,
    columns: usize,
    unlabelled: &[gaps::Unlabelled],
) -> Option<usize> {
    let line_of = |v: &ValueCell| v.pos().map(|p| p.line);
    let line = read.values.first().and_then(line_of)?;
    let pieces = read.values.len() < columns
        && read
            .values
            .iter()
            .all(|v| v.digit_run().is_some() && line_of(v) == Some(line));
    if !pieces {
        return None;
    }
    unlabelled.iter().position(|u| {
        u.at < read.at
            && u.at + 2 >= read.at
            && !u.unread
            && u.segment.values.len() == columns
            && u.segment
                .values
                .iter()
                .all(|v| v.digit_run().is_some() && line_of(v).is_some_and(|l| l + 1 == line))
            && u.segment.label.as_ref().is_none_or(|label| {
                recognise_app_label(label, None)
                    .is_none_or(|row| row == read.row || row == AppRow::OtherMerged)
            })
    })
}

/// A problem of row `read` (template row `spec`): `why`, after the row's label, at the label.
fn row_problem(code: ProblemCode, spec: &RowSpec, read: &RowRead<AppRow>, why: &str) -> Problem {
    Problem::new(code, format!("row {}: {why}", spec.label))
        .at(read.label.pos, read.label.published.clone())
}

/// What [`join_wrapped`] knows of the whole 表三: the widest number it prints whole on a line,
/// the page numbers printed bare, and the lines holding its labelled rows' numbers.
#[derive(Clone, Copy)]
struct Wrapping<'a> {
    widest: usize,
    bare_pages: &'a BarePages,
    row_lines: &'a HashSet<u32>,
}

/// The numbers `values` of a 表三 row (segment `at`, reading `cells`) read as
/// [`wrapped::unwrap_cells`] joins numbers wrapped in narrow cells by the row's identities, the
/// column at least as wide as `widest`, the widest number the table prints. The numbers on the
/// lines right below that no row took (alone, or beside a piece of label no row claims) are its
/// pieces too, and are taken from `unlabelled` once read. `None` where the row is no such row;
/// an `Err` where it printed its seven numbers and pieces below them that no joining reads, or
/// that a joining reads though the seven satisfy its 总计 as printed (a row whose every number
/// wraps prints two lines that each do: `100000 … 600000` over `0 … 8 0 8`). A row printing
/// more numbers that no joining reads is left to the readings of rows with stray numbers, unless
/// joinings that look like a wrap break its 总计 (`Unjoined::breaking`, for the identities
/// across rows to weigh), and
/// one with a number alone below it that no joining reads and that may be a page number printed
/// bare (`bare_pages`) is read as printed.
fn join_wrapped(
    values: &[ValueCell],
    at: usize,
    cells: &[String],
    table: Wrapping<'_>,
    unlabelled: &mut Vec<gaps::Unlabelled>,
) -> Option<Result<wrapped::Joined, wrapped::Unjoined>> {
    let Wrapping {
        widest,
        bare_pages,
        row_lines,
    } = table;
    let columns = cells.len();
    if values.len() < columns {
        return None;
    }
    let line_of = |v: &ValueCell| v.pos().map(|p| p.line);
    let mut printed = values.to_vec();
    let mut tails: Vec<usize> = Vec::new();
    // Each line of pieces holds those of the cells still wrapping: no more than the line before.
    let mut most = columns;
    // The next line, or for the first the one after where a hard wrap's line was joined to the
    // row's (a line holding no row's numbers).
    while let Some(last) = printed.iter().filter_map(line_of).max() {
        let skip = tails.is_empty() && !row_lines.contains(&(last + 1));
        let below = |u: &gaps::Unlabelled| {
            let line = u.segment.values.first().and_then(line_of)?;
            (u.at > at
                && !u.unread
                && (line == last + 1 || (skip && line == last + 2))
                && u.segment.values.len() <= most
                && u.segment
                    .values
                    .iter()
                    .all(|v| v.digit_run().is_some() && line_of(v) == Some(line))
                && u.segment
                    .label
                    .as_ref()
                    .is_none_or(|label| recognise_app_label(label, None).is_none()))
            .then_some(line)
        };
        let Some(k) = (0..unlabelled.len())
            .filter_map(|k| Some((below(unlabelled.get(k)?)?, k)))
            .min()
            .map(|(_, k)| k)
        else {
            break;
        };
        tails.push(k);
        let line: Vec<ValueCell> = unlabelled
            .get(k)
            .map(|u| u.segment.values.clone())
            .unwrap_or_default();
        most = line.len();
        printed.extend(line);
    }
    if values.len() == columns && tails.is_empty() {
        return None;
    }
    let holds_as_printed = values.len() == columns && align::total_agrees(cells, values);
    let interned: Vec<&str> = cells.iter().filter_map(|c| solve::intern(c)).collect();
    let page_number = match printed.get(values.len()..) {
        Some([alone]) => bare_pages.any() && may_be_page_number(alone, bare_pages),
        _ => false,
    };
    let joined = wrapped::unwrap_cells(
        &printed,
        &interned,
        &solve::identities(),
        wrapped::WrappedIn::ApplicationRow { widest },
    )?;
    let joined = match joined {
        Ok(joined) if holds_as_printed => Err(wrapped::Unjoined::because(format!(
            "its numbers satisfy its 总计 as printed, and joined with the numbers on the line below as numbers wrapped in narrow cells print ({}), they do too",
            joined
                .iter()
                .map(|(cell, _)| cell.raw())
                .collect::<Vec<_>>()
                .join(" ")
        ))),
        Err(_) if page_number => return None,
        // Two pieces or more below a row holding its 总计 as printed, joined as a wrap but
        // breaking it: the joinings are weighed by the identities across rows and the row is
        // weighed as a tall row (`tall::stack`), never read as printed outright. Its first
        // pieces hold its 总计 as often as the last digits add up without a carry (`213689 …
        // 525183` over `0 6 0 4 2`), and the report may misprint the row. A number alone below
        // it may be a page's.
        Err(unjoined)
            if (holds_as_printed
                && (unjoined.breaking.is_empty() || printed.len() < values.len() + 2))
                || (values.len() > columns && unjoined.breaking.is_empty()) =>
        {
            return None;
        }
        joined => joined,
    };
    tails.sort_unstable();
    for k in tails.into_iter().rev() {
        unlabelled.remove(k);
    }
    Some(joined)
}

/// Joins the numbers wrapped in narrow cells of the rows with no label (`join_wrapped`, by R3,
/// which reads every 表三 row alike), before they are placed by the template's order: a row read
/// so takes its joined numbers; one whose pieces no joining reads, or two joinings do, is no
/// row that can be placed but stays in its gap (`gaps::Unlabelled::unread`), whose rows are then
/// left missing, and says so.
fn join_unlabelled_wrapped(
    unlabelled: &mut Vec<gaps::Unlabelled>,
    table: Wrapping<'_>,
    problems: &mut Vec<Problem>,
) {
    let Some(cells) = app_spec(AppRow::NewReceived, Edition::E2021).map(|s| identity_cells(&s))
    else {
        return;
    };
    unlabelled.sort_by_key(|u| u.at);
    let mut k = 0;
    while let Some(u) = unlabelled.get(k) {
        let (values, at) = (u.segment.values.clone(), u.at);
        if values.len() < cells.len() || !values.iter().all(|v| v.digit_run().is_some()) {
            k += 1;
            continue;
        }
        match join_wrapped(&values, at, &cells, table, unlabelled) {
            Some(Ok(joined)) => {
                if let Some(u) = unlabelled.get_mut(k) {
                    (u.segment.values, u.joined) = joined.into_iter().unzip();
                }
                k += 1;
            }
            Some(Err(unjoined)) => {
                let why = unjoined.why;
                let Some(orphan) = unlabelled.get_mut(k) else {
                    break;
                };
                // It stays where it stands: the rows around it are not placed by order as if
                // it were not there.
                orphan.unread = true;
                orphan.breaking = unjoined.breaking;
                let pos = orphan.segment.values.iter().find_map(ValueCell::pos);
                let printed = values
                    .iter()
                    .map(ValueCell::raw)
                    .collect::<Vec<_>>()
                    .join(" ");
                let placed = if orphan.breaking.is_empty() {
                    "so it is placed in no row"
                } else {
                    "so it is placed only by the template's order and read only where the identities across rows confirm one joining of it there"
                };
                problems.push(
                    Problem::new(
                        ProblemCode::UnlabelledRowsUnconfirmed,
                        format!(
                            "表三: a row of numbers with no label ({printed}): {why}, {placed}"
                        ),
                    )
                    .at(pos, printed),
                );
                k += 1;
            }
            None => k += 1,
        }
    }
}

fn place_unwrapped(read: Result<Vec<(ValueCell, bool)>, String>, store: &mut CellStore) {
    let values = match read {
        Ok(values) => values,
        Err(why) => {
            let problem = Problem::new(
                ProblemCode::CellCountMismatch,
                format!("表四: {why}, so it is left missing"),
            );
            for cell in review_cells() {
                store.explain(cell, problem.clone());
            }
            return;
        }
    };
    for (one, (value, joined)) in review_columns().zip(values) {
        let rules: &[ReadingRule] = if joined {
            &[ReadingRule::WrappedDigitsJoinedByIdentities]
        } else {
            &[]
        };
        store.put_row(&one, &[value], rules);
    }
}

/// 表四's numbers gathered from blocks between headings (a column dump prints them in column
/// order, not the table's), more than `review_blocks` tries, or under headings out of order:
/// kept only when the outcome headings printed between them stand in the table's order and R4
/// confirms them in every group.
fn confirm_review_blocks(pieces: usize, headings_in_order: bool, store: &mut CellStore) {
    let cells = review_cells();
    let why = if headings_in_order {
        gaps::unconfirmed(store, &cells, None)
    } else {
        Some("its outcome headings stand between them out of the table's order, and R4 does not tell the outcomes apart".to_owned())
    };
    if let Some(why) = why {
        let problem = Problem::new(
            ProblemCode::UnlabelledRowsUnconfirmed,
            format!(
                "表四: its 15 numbers stand in {pieces} blocks between the headings; read in order they are not confirmed ({why}), so they are left missing"
            ),
        );
        for cell in cells {
            store.filled.remove(&cell);
            store.explain(cell, problem.clone());
        }
    }
}

/// Sets `value` at a JSON Pointer, creating the objects on the way.
pub(crate) fn insert_at(root: &mut Map<String, Value>, pointer: &str, value: Value) {
    let mut segments = pointer.split('/').skip(1).peekable();
    let mut current = root;
    while let Some(segment) = segments.next() {
        if segments.peek().is_none() {
            current.insert(segment.to_owned(), value);
            return;
        }
        if !current.get(segment).is_some_and(Value::is_object) {
            current.insert(segment.to_owned(), Value::Object(Map::new()));
        }
        let Some(Value::Object(next)) = current.get_mut(segment) else {
            return;
        };
        current = next;
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// 表二 as `text` prints it (a section of its own before 表三), read: the 2021 cells by
    /// pointer suffix, `None` where unread.
    fn active(text: &str) -> Vec<Option<serde_json::Value>> {
        let text =
            format!("二、主动公开政府信息情况\n\n{text}\n\n三、收到和处理政府信息公开申请情况\n");
        let extraction = crate::extract(text.as_bytes(), Some("r.txt")).expect("extracts");
        [
            "regulations/issued",
            "regulations/repealed",
            "regulations/in_force",
            "normative_documents/issued",
            "normative_documents/repealed",
            "normative_documents/in_force",
            "licensing/decisions",
            "penalty/decisions",
            "coercion/decisions",
            "fees/amount_wan_yuan",
        ]
        .iter()
        .map(|cell| {
            extraction
                .report
                .pointer(&format!("/active_disclosure/{cell}"))
                .cloned()
        })
        .collect()
    }

    /// 表二 of 淮安 2024, as [`active`] reads it.
    fn huaian_2024() -> Vec<Option<serde_json::Value>> {
        [
            json!(1),
            json!(0),
            json!(11),
            json!(8),
            json!(26),
            json!(66),
            json!(447_228),
            json!(3_985_758),
            json!(88283),
            json!("96171.6"),
        ]
        .map(Some)
        .to_vec()
    }

    /// The sub-tables' captions and headings, with the rows in between as `rows` prints them.
    fn dump(rows: [&str; 4]) -> String {
        format!(
            "第二十条第（\n一）项\n\n信息内容\n\n本年制发件数\n\n本年废止\n件数\n\n现行有效件数\n\n{}\n\n第二十条第（五）项\n\n信息内容\n\n本年处理决定数量\n\n{}\n\n第二十\n条第（六）项\n\n-3-\n\n信息内容\n\n本年处理决定数量\n\n{}\n\n第二十条第（八）项\n\n信息内容\n\n本年收费金额（单位：万元）\n\n{}",
            rows[0], rows[1], rows[2], rows[3]
        )
    }

    #[test]
    fn labels_followed_by_their_numbers_are_read_sub_table_by_sub_table() {
        let read = active(&dump([
            "规章\n\n1\n\n0\n\n11\n\n行政规范\n性文件\n\n8\n\n26\n\n66",
            // A sub-table of one row: its number before or after its label.
            "447228\n\n行政许可",
            "行政处罚\n\n3985758\n\n行政强制 88283",
            "行政事业性收费\n\n96171.6",
        ]));
        assert_eq!(read, huaian_2024());
    }

    #[test]
    fn labels_below_their_numbers_in_every_sub_table_are_read_so() {
        // `pdftotext` without flags on LibreOffice's PDF of 淮安 2024: every label after its
        // row's numbers.
        let below = [
            "1\n\n0\n\n11\n\n规章\n\n8\n\n26\n\n66\n\n行政规范性文件",
            "447228\n\n行政许可",
            "3985758\n\n行政处罚\n\n88283\n\n行政强制",
            "96171.6\n\n行政事业性收费",
        ];
        assert_eq!(active(&dump(below)), huaian_2024());
        // A count off in a sub-table (a number after the last label, or a row a number short)
        // leaves that sub-table unread; the others, with exactly their cells' count of numbers
        // before them, are read alone.
        for (k, broken, unread) in [
            (
                0,
                "1\n\n0\n\n11\n\n规章\n\n8\n\n26\n\n行政规范性文件\n\n66",
                0..6,
            ),
            (2, "3985758\n\n行政处罚\n\n行政强制\n\n88283", 7..9),
            (
                0,
                "1\n\n0\n\n规章\n\n11\n\n8\n\n26\n\n66\n\n行政规范性文件",
                0..6,
            ),
        ] {
            let mut rows = below;
            rows[k] = broken;
            let read = active(&dump(rows));
            let mut expected = huaian_2024();
            expected[unread].fill(None);
            assert_eq!(read, expected, "{broken}");
        }
        // A number of one sub-table printed in the next: neither is read; after them, the
        // numbers before a sub-table are its cells' count again.
        let mut rows = below;
        rows[1] = "11\n\n447228\n\n行政许可";
        rows[0] = "1\n\n0\n\n规章\n\n8\n\n26\n\n66\n\n行政规范性文件";
        let mut expected = huaian_2024();
        expected[..7].fill(None);
        assert_eq!(active(&dump(rows)), expected);
        let mut rows = below;
        rows[2] = "3985758\n\n行政处罚\n\n行政强制";
        rows[3] = "88283\n\n96171.6\n\n行政事业性收费";
        let mut expected = huaian_2024();
        expected[7..].fill(None);
        assert_eq!(active(&dump(rows)), expected);
    }

    #[test]
    fn labels_as_a_block_are_read_where_rows_and_columns_give_the_same_cells() {
        // 规章 5 0 0 and 行政规范性文件 0 0 7: read by rows or down the columns, the same cells;
        // 行政处罚 and 行政强制 of one column each.
        let expected: Vec<Option<serde_json::Value>> = [5, 0, 0, 0, 0, 7, 447228, 3985758, 88283]
            .into_iter()
            .map(|n| Some(json!(n)))
            .chain([Some(json!("96171.6"))])
            .collect();
        let read = active(&dump([
            "规章\n\n行政规范\n性文件\n\n5\n\n0\n\n0\n\n0\n\n0\n\n7",
            "行政许可\n\n447228",
            "行政处罚\n\n行政强制\n\n3985758\n\n88283",
            "行政事业性收费\n\n96171.6",
        ]));
        assert_eq!(read, expected);
        // 规章 5 0 0 and 行政规范性文件 0 7 0: by rows or down the columns (5 0 0 / 0 0 7), not
        // the same cells: that sub-table is unread, the others are read alone (as pdfminer
        // prints the 洪泽 2024 report's).
        let read = active(&dump([
            "规章\n\n行政规范性文件\n\n5\n\n0\n\n0\n\n0\n\n7\n\n0",
            "行政许可\n\n447228",
            "行政处罚\n\n行政强制\n\n3985758\n\n88283",
            "行政事业性收费\n\n96171.6",
        ]));
        let mut expected = expected;
        expected[..6].fill(None);
        assert_eq!(read, expected);
    }

    #[test]
    fn labels_apart_from_their_numbers_otherwise_are_unread() {
        let rest = [
            "行政许可\n\n447228",
            "行政处罚\n\n3985758\n\n行政强制\n\n88283",
            "行政事业性收费\n\n96171.6",
        ];
        // The sub-tables after 规章's are read alone where 规章's holds six numbers.
        for (first, unread) in [
            // Labels in a block, then the numbers (a column dump).
            (
                "规章\n\n行政规范性文件\n\n1\n\n0\n\n11\n\n8\n\n26\n\n66",
                0..6,
            ),
            // A row's number printed beside the next row's label.
            ("规章\n\n1\n\n0\n\n行政规范性文件 11\n\n8\n\n26\n\n66", 0..6),
            // A cell printed blank: the next row's first number would fill it, and every
            // sub-table after has one number fewer before it than the cells before it.
            ("规章\n\n1\n\n0\n\n行政规范性文件\n\n8\n\n26\n\n66", 0..10),
        ] {
            let read = active(&dump([first, rest[0], rest[1], rest[2]]));
            let mut expected = huaian_2024();
            expected[unread].fill(None);
            assert_eq!(read, expected, "{first}");
        }
        // Labels below their numbers in one sub-table, above them in the others: each reads one
        // way alone.
        let below = "1\n\n0\n\n11\n\n规章\n\n8\n\n26\n\n66\n\n行政规范性文件";
        assert_eq!(
            active(&dump([below, rest[0], rest[1], rest[2]])),
            huaian_2024()
        );
        // Two rows of a sub-table, labels below their numbers, where the others print them
        // above: each sub-table reads one way alone, with exactly its cells' count of numbers
        // before it.
        let read = active(&dump([
            "规章\n\n1\n\n0\n\n11\n\n行政规范性文件\n\n8\n\n26\n\n66",
            "行政许可\n\n447228",
            "3985758\n\n行政处罚\n\n88283\n\n行政强制",
            "行政事业性收费\n\n96171.6",
        ]));
        assert_eq!(read, huaian_2024());
        // A sub-table that reads neither way (its numbers before its labels, as a block) is
        // unread; the others are read.
        let read = active(&dump([
            "规章\n\n1\n\n0\n\n11\n\n行政规范性文件\n\n8\n\n26\n\n66",
            "行政许可\n\n447228",
            "3985758\n\n88283\n\n行政处罚\n\n行政强制",
            "行政事业性收费\n\n96171.6",
        ]));
        let mut expected = huaian_2024();
        expected[7..9].fill(None);
        assert_eq!(read, expected);
    }

    /// 表二 as pymupdf4llm prints a PDF's table whose column boundaries it drew left of the
    /// first values: the labels split over two cells, the first numbers inside the second.
    fn pipes(regulations: &str, normative: &str, fees: &str) -> String {
        format!(
            "|第二十条第|（一）项||\n|---|---|---|\n|信息内容|本年制发件数本年废止件数|现行有效件数|\n{regulations}\n{normative}\n|第二十条第|（五）项||\n|信息内容|本年处理决定数量||\n|行政许可|9893||\n|第二十条第|（六）项||\n|信息内容|本年处理决定数量||\n|行政处罚|269||\n|行政强制|33||\n|第二十条第|（八）项||\n|信息内容|本年收费金额（单位：万元）||\n{fees}"
        )
    }

    #[test]
    fn numbers_inside_a_label_cell_are_the_rows_first_cells_when_the_label_is_whole_without_them() {
        let read = active(&pipes(
            "|规章|0<br>0|0|",
            "|行政规范性|文件6<br>3|18|",
            "|行政事业性|收费1032.60994||",
        ));
        let expected = [
            json!(0),
            json!(0),
            json!(0),
            json!(6),
            json!(3),
            json!(18),
            json!(9893),
            json!(269),
            json!(33),
            json!("1032.60994"),
        ];
        assert_eq!(read, expected.map(Some).to_vec());
    }

    #[test]
    fn numbers_inside_a_label_cell_that_do_not_fill_the_row_leave_it_unread_not_blank() {
        for (normative, fees) in [
            // One number inside, one beside: a cell short.
            ("|行政规范性|文件6|18|", "|行政事业性|收费1032.60994||"),
            // More than the row's cells.
            (
                "|行政规范性|文件6<br>3<br>1|18|",
                "|行政事业性|收费1032.60994||",
            ),
            // A blank printed between the numbers: which column each fills is not known.
            (
                "|行政规范性|文件6<br>3||18|",
                "|行政事业性|收费1032.60994||",
            ),
        ] {
            let text = format!(
                "二、主动公开政府信息情况\n\n{}\n\n三、收到和处理政府信息公开申请情况\n",
                pipes("|规章|0<br>0|0|", normative, fees)
            );
            let extraction = crate::extract(text.as_bytes(), Some("r.md")).expect("extracts");
            for column in ["issued", "repealed", "in_force"] {
                let pointer = format!("/active_disclosure/normative_documents/{column}");
                assert_eq!(extraction.report.pointer(&pointer), None, "{normative}");
                let problem = extraction
                    .problems
                    .iter()
                    .find(|p| p.pointer.as_deref() == Some(pointer.as_str()))
                    .expect("a problem says why");
                assert_eq!(
                    problem.code,
                    crate::ProblemCode::CellCountMismatch,
                    "{normative}"
                );
            }
            assert_eq!(
                extraction
                    .report
                    .pointer("/active_disclosure/fees/amount_wan_yuan"),
                Some(&json!("1032.60994"))
            );
        }
    }

    /// A row whose cells ran together and that the identities leave open says which: its
    /// splits by the 总计 alone with no identity across rows to evaluate (四 printed alone), or
    /// splits that each break one (`一 + 二 = （七） + 四` in 自然人 with 四's 1 read as 10 or 11).
    #[test]
    fn a_run_together_row_left_open_says_why() {
        let message = |text: &str| {
            let extraction = crate::extract(text.as_bytes(), Some("r.txt")).expect("extracts");
            extraction
                .problems
                .iter()
                .find(|p| p.pointer.as_deref() == Some("/applications/carried_forward/total"))
                .map(|p| p.message.clone())
                .unwrap_or_default()
        };
        let alone =
            message("三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理110000011\n");
        assert!(
            alone.contains(
                "2 of its splits satisfy the row's 总计 (e.g. 1 10 0 0 0 0 11 | 11 0 0 0 0 0 11)"
            ) && alone.contains("cannot be evaluated"),
            "{alone}"
        );
    }
}
